"""Two reviewers and an importer on one claims.db at once: nothing lost, nothing half-written.

    python -m benchmarks.concurrency [--writes 1000] [--articles 20]

Two processes each append --writes verdicts and --writes sources to the same claims while a
third imports articles. Prints throughput, failed writes, the verdict count against what was
written, and PRAGMA integrity_check. Then two editors rewrite the same few claims --edits times
each, every edit carrying the version they read: stale ones must be refused (they re-read and
retry, as the TUI reloads), and every accepted edit must be in the audit log and the version.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import tempfile
import time
from pathlib import Path

from workbench.service import Workbench

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def reviewer(db: Path, name: str, writes: int, claim_ids: list[int], out: multiprocessing.Queue) -> None:
    workbench = Workbench(db, actor=name)
    failed = 0
    start = time.perf_counter()
    for i in range(writes):
        claim_id = claim_ids[i % len(claim_ids)]
        try:
            workbench.add_verdict(claim_id, "Mostly true" if i % 2 else "False", f"{name} pass {i}")
            workbench.add_source(claim_id, f"https://example.org/{name}/{i}", stance="context")
        except Exception as error:  # noqa: BLE001 - counted and reported, the point of the run
            failed += 1
            print(f"{name}: {error}")
    out.put((name, writes * 2, failed, time.perf_counter() - start))


def editor(db: Path, name: str, edits: int, claim_ids: list[int], out: multiprocessing.Queue) -> None:
    """Rewrite claims with the version just read; a refusal means someone else got there first."""
    from workbench.errors import Conflict

    workbench = Workbench(db, actor=name)
    accepted = refused = 0
    start = time.perf_counter()
    for i in range(edits):
        claim_id = claim_ids[i % len(claim_ids)]
        while True:
            version = workbench.claim(claim_id).version
            try:
                workbench.edit_claim(
                    claim_id, f"Según {name}, Corea del Norte lanzó {i + 2} misiles el miércoles.", version
                )
                accepted += 1
                break
            except Conflict:
                refused += 1
    out.put((name, accepted, refused, time.perf_counter() - start))


def importer(db: Path, articles: int, out: multiprocessing.Queue) -> None:
    from workbench.ingest.reader import parse_article

    workbench = Workbench(db, actor="importer")
    base = (SEEDS / "d1-cumbre-vostochni.es.txt").read_text(encoding="utf-8")
    failed = 0
    start = time.perf_counter()
    for i in range(articles):
        text = f"{base}\n\nNota {i}: el Kremlin confirmó la visita número {i + 1} del día."
        try:
            workbench.import_articles([parse_article(text.encode(), origin=f"note-{i}", language="es")])
        except Exception as error:  # noqa: BLE001
            failed += 1
            print(f"importer: {error}")
    out.put(("importer", articles, failed, time.perf_counter() - start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=1000, help="verdicts (and sources) per reviewer")
    parser.add_argument("--articles", type=int, default=20, help="articles the importer adds meanwhile")
    parser.add_argument("--edits", type=int, default=100, help="claim edits per editor, on the same 5 claims")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "claims.db"
        Workbench(db, actor="seeder").seed(SEEDS)
        claim_ids = [c.id for c in Workbench(db).claims()][:50]
        out: multiprocessing.Queue = multiprocessing.Queue()
        procs = [
            multiprocessing.Process(target=reviewer, args=(db, "ana", args.writes, claim_ids, out)),
            multiprocessing.Process(target=reviewer, args=(db, "ben", args.writes, claim_ids, out)),
            multiprocessing.Process(target=importer, args=(db, args.articles, out)),
        ]
        start = time.perf_counter()
        for proc in procs:
            proc.start()
        results = [out.get() for _ in procs]
        for proc in procs:
            proc.join()
        wall = time.perf_counter() - start
        print(f"{'process':<10}{'writes':>8}{'failed':>8}{'seconds':>9}{'writes/s':>10}")
        for name, writes, failed, seconds in sorted(results):
            print(f"{name:<10}{writes:>8}{failed:>8}{seconds:>9.1f}{writes / seconds:>10.0f}")
        with sqlite3.connect(db) as connection:
            verdicts = connection.execute("SELECT count(*) FROM verdicts WHERE reviewer IN ('ana', 'ben')").fetchone()[
                0
            ]
            sources = connection.execute(
                "SELECT count(*) FROM claim_sources WHERE attached_by IN ('ana', 'ben')"
            ).fetchone()[0]
            articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        print(
            f"wall {wall:.1f} s; verdicts {verdicts}/{2 * args.writes}, sources {sources}/{2 * args.writes}, "
            f"articles {articles} (2 seeds + {args.articles}); integrity_check: {integrity}"
        )
        edit_stale_versions(db, claim_ids[:5], args.edits)


def edit_stale_versions(db: Path, claim_ids: list[int], edits: int) -> None:
    """Two editors on the same claims: no edit may overwrite one its author did not see."""
    before = {c.id: c.version for c in Workbench(db).claims() if c.id in claim_ids}
    out: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=editor, args=(db, name, edits, claim_ids, out)) for name in ("carla", "dmitri")
    ]
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
    accepted = sum(r[1] for r in results)
    after = {c.id: c.version for c in Workbench(db).claims() if c.id in claim_ids}
    with sqlite3.connect(db) as connection:
        audited = connection.execute(
            "SELECT count(*) FROM audit WHERE action = 'edit' AND actor IN ('carla', 'dmitri')"
        ).fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    print(f"{'editor':<10}{'accepted':>9}{'refused':>9}{'seconds':>9}")
    for name, ok, stale, seconds in sorted(results):
        print(f"{name:<10}{ok:>9}{stale:>9}{seconds:>9.1f}")
    bumps = sum(after[c] - before[c] for c in claim_ids)
    print(
        f"edits accepted {accepted}/{2 * edits}, in the audit {audited}, version bumps {bumps}; "
        f"integrity_check: {integrity}"
    )


if __name__ == "__main__":
    main()
