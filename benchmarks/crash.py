"""kill -9 in the middle of a 60-article import, 20 times: the database stays whole, and
running the import again converges to what a clean import stores.

    python -m benchmarks.crash [--articles 60] [--runs 20]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write_articles(folder: Path, count: int) -> list[Path]:
    base = [
        (SEEDS / name).read_text(encoding="utf-8")
        for name in ("000_d71bd0366741339f.txt", "d1-cumbre-vostochni.es.txt")
    ]
    paths = []
    for i in range(count):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(
            f"{base[i % 2]}\n\nActualización {i}: Seúl informó de {i + 2} lanzamientos este año.", encoding="utf-8"
        )
        paths.append(path)
    return paths


def import_command(db: Path, paths: list[Path]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "workbench",
        "import",
        *map(str, paths),
        "--lang",
        "es",
        "--published",
        "2023-09-14",
        "--db",
        str(db),
    ]


def content(db: Path) -> tuple[str, int, str]:
    """What an import stores, independent of ids and times: articles with their claims, and links."""
    with sqlite3.connect(db) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        rows = connection.execute(
            "SELECT a.content_hash, c.start, c.end, c.text, c.kind, c.claimant FROM claims c "
            "JOIN articles a ON a.id = c.article_id ORDER BY a.content_hash, c.start, c.id"
        ).fetchall()
        empty = connection.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id)"
        ).fetchone()[0]
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return integrity, empty, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = write_articles(root, args.articles)
        clean = root / "clean.db"
        start = time.perf_counter()
        subprocess.run(import_command(clean, paths), check=True, capture_output=True)
        full = time.perf_counter() - start
        expected = content(clean)
        print(f"clean import of {args.articles} articles: {full:.1f} s, content {expected[2]}")
        print(f"{'run':>4}{'killed at':>11}{'integrity':>11}{'empty articles':>16}{'after re-run':>14}")
        whole = converged = 0
        for run in range(1, args.runs + 1):
            db = root / f"crash-{run}.db"
            at = rng.uniform(0.3, full)
            process = subprocess.Popen(import_command(db, paths), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(at)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
            integrity, empty = content(db)[:2] if db.exists() else ("no file", 0)
            subprocess.run(import_command(db, paths), check=True, capture_output=True)
            again = content(db)
            whole += integrity in {"ok", "no file"} and empty == 0
            converged += again == expected
            print(f"{run:>4}{at:>10.1f}s{integrity:>11}{empty:>16}{'same' if again == expected else 'DIFFERENT':>14}")
        print(f"whole after kill: {whole}/{args.runs}; converged after re-run: {converged}/{args.runs}")


if __name__ == "__main__":
    main()
