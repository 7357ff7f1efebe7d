"""Export time for 10,000 reviewed claims in every format, beside reading them one claim at a time.

    python -m benchmarks.reports [--claims 10000] [--repeat 3] [--seed 7] [--workdir DIR] [--keep]

Builds an archive with benchmarks/synthetic.py in which every row carries a rating (half of them an
appearance url too), imports it with `Workbench.import_claims_csv`, attaches a refuting source to
every tenth claim and confirms a duplicate link for every re-reported event, so the reports have
sources and clusters to show. Then it times `Workbench.export` for each format: best of --repeat
runs, store opening, reads and writing included. Before that, the reads the export used to make one
claim at a time (verdict history, links, sources: three queries per claim) beside the set-based
reads that replaced them (three queries per 500 claims).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.synthetic import RATINGS, Generator, write_csv
from workbench.config import Organization, Settings
from workbench.export import FORMATS
from workbench.models import SourceInput
from workbench.service import Workbench


def _best(fn, repeat: int) -> tuple[float, object]:  # noqa: ANN001 - a thunk
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def build(workbench: Workbench, claims: int, seed: int, folder: Path) -> tuple[float, int, int]:
    """The reviewed archive; returns (seconds to build, sources attached, duplicate links confirmed)."""
    rng = random.Random(seed)
    rows = [replace(row, rating=rng.choice(RATINGS)) for row in Generator(seed).rows(claims)]
    path = folder / "reviewed.csv"
    write_csv(path, rows)
    start = time.perf_counter()
    result = workbench.import_claims_csv(path.read_text(encoding="utf-8"), str(path))
    ids = [c.id for c in workbench.claims(result.article_id)]
    with workbench.store() as store, store.transaction():
        sources = [
            (
                claim_id,
                SourceInput(
                    f"https://checks.example/{claim_id}",
                    "refutes",
                    f"Check {claim_id}",
                    "Checks",
                    "An excerpt that bears on the claim.",
                ),
            )
            for claim_id in ids[::10]
        ]
        store.sources.attach_sources(sources)
        pairs = [(ids[row.event], ids[i]) for i, row in enumerate(rows) if row.event != i]
        for a, b in pairs:
            store.links.set_link_state(a, b, "confirmed", "duplicate")
    return time.perf_counter() - start, len(sources), len(pairs)


def per_claim_reads(workbench: Workbench) -> None:
    """Verdicts, links and sources as export/document.py read them before: three queries per claim."""
    with workbench.store() as store:
        for claim_id in store.claims.claim_ids():
            store.verdicts.verdict_history(claim_id), store.links.of(claim_id), store.sources.of(claim_id)


def set_reads(workbench: Workbench) -> None:
    """The same rows as `gather` reads them now: three queries per 500 claims."""
    with workbench.store() as store:
        ids = store.claims.claim_ids()
        store.verdicts.verdicts_by_claim(ids), store.links.links_by_claim(ids), store.sources.sources_by_claim(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per format; the best is reported")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="where the database goes (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the reports")
    args = parser.parse_args()
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="workbench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    publisher = Settings(organization=Organization("Bench checks", "https://bench.example"))  # ClaimReview asks for one
    workbench = Workbench(folder / "reports.db", actor="bench", settings=publisher)
    try:
        seconds, sources, links = build(workbench, args.claims, args.seed, folder)
        print(
            f"{args.claims} reviewed claims imported in {seconds:.1f} s "
            f"({sources} with a source, {links} confirmed duplicate links)"
        )
        print(f"best of {args.repeat} runs")
        print(f"{'':34}{'seconds':>9}{'claims/s':>11}{'MB':>8}")
        naive, _ = _best(lambda: per_claim_reads(workbench), args.repeat)
        batched, _ = _best(lambda: set_reads(workbench), args.repeat)
        print(f"{'reads, 3 queries per claim (before)':34}{naive:>9.2f}{args.claims / naive:>11,.0f}")
        print(f"{'reads, 3 per 500 claims (now)':34}{batched:>9.2f}{args.claims / batched:>11,.0f}")
        for fmt in FORMATS:
            spent, text = _best(lambda f=fmt: workbench.export(f), args.repeat)
            if args.keep:
                (folder / f"report.{fmt}").write_text(text, encoding="utf-8")
            print(
                f"{'export --format ' + fmt:34}{spent:>9.2f}{args.claims / spent:>11,.0f}"
                f"{len(text.encode('utf-8')) / 1e6:>8.1f}"
            )
        print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
