"""One-shot `workbench match "text"` on a large archive, start-up included, beside what it is made of.

    python -m benchmarks.match_startup [--claims 100000] [--runs 5] [--db PATH]

Builds (or reuses, with --db) a database of synthetic claims (benchmarks/synthetic.py) imported
with `workbench import --format claims-csv`, gives every claim a stand-in vector under the
installed model's name (random unit rows: embedding 100,000 claims for real takes hours here, and
latency does not depend on what the vectors say), then times `workbench --db DB match TEXT` in a
subprocess, as a user runs it: wall time and the CPU time of the child (user + system), which a
busy machine inflates less than the wall. Beside it, in the same run: `workbench --help`, a bare
`import spacy`, and loading the light spaCy pipeline the query goes through, so the table shows
where the time goes. Target (issue 12): <= 0.7 s on a 100k database.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = (
    "Corea del Norte lanzó dos misiles balísticos hacia el mar de Japón",
    "Russia shot down three drones over the Black Sea on Monday",
    "El presidente anunció el envío de 500 soldados a la frontera",
)


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(command[:4])}... failed: {done.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(db: Path, claims: int) -> None:
    from workbench.matching.embedding import default_embedder
    from workbench.service import Workbench

    csv_path = db.with_suffix(".csv")
    python = sys.executable
    subprocess.run([python, "-m", "benchmarks.synthetic", "--claims", str(claims), "--out", str(csv_path)], check=True)
    started = time.perf_counter()
    subprocess.run(
        [python, "-m", "workbench", "--db", str(db), "import", str(csv_path), "--format", "claims-csv"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"built {claims:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    embedder = default_embedder()
    if embedder is None:
        return
    import numpy as np

    rng = np.random.default_rng(7)
    with Workbench(db, "benchmark").store() as store:
        ids = store.claims.claim_ids()
        with store.transaction():
            for start in range(0, len(ids), 20_000):
                chunk = ids[start : start + 20_000]
                rows = rng.standard_normal((len(chunk), embedder.dim)).astype(np.float32)
                rows /= np.linalg.norm(rows, axis=1, keepdims=True)
                store.vectors.put(embedder.name, chunk, rows)


def row(label: str, samples: list[tuple[float, float]]) -> None:
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    print(f"{label:<52} {statistics.median(walls):>9.2f} {max(walls):>9.2f} {statistics.median(cpus):>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) this database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "claims.db"
        if not db.exists():
            build(db, args.claims)
        python = sys.executable
        env_note = f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
        print(f"\none-shot match on {db} ({env_note}); seconds over {args.runs} runs")
        print(f"{'what':<52} {'wall p50':>9} {'wall max':>9} {'CPU p50':>9}")
        row("python -c 'import spacy'", [timed([python, "-c", "import spacy"]) for _ in range(args.runs)])
        light = "from workbench.nlp.pipeline import load_light_nlp; load_light_nlp('es')"
        row("light spaCy pipeline loaded (the query's)", [timed([python, "-c", light]) for _ in range(args.runs)])
        row("workbench --help", [timed([python, "-m", "workbench", "--help"]) for _ in range(args.runs)])
        samples = [
            timed([python, "-m", "workbench", "--db", str(db), "match", QUERIES[i % len(QUERIES)], "--limit", "5"])
            for i in range(args.runs)
        ]
        row("workbench match TEXT --limit 5 (target <= 0.7)", samples)


if __name__ == "__main__":
    main()
