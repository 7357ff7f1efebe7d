"""One-shot `workbench match "text"` on a large archive, start-up included, beside what it is made of.

    python -m benchmarks.match_startup [--claims 100000] [--runs 5] [--db PATH] [--baseline SRC]

Builds (or reuses, with --db) a database of synthetic claims (benchmarks/synthetic.py) imported
with `workbench import --format claims-csv`, gives every claim a stand-in vector under the
installed model's name (random unit rows: embedding 100,000 claims for real takes hours here, and
latency does not depend on what the vectors say; the `match -` queries' sources get their real
vectors, lexical_scale.embed_sources) filed under their lists as `workbench index`
files them (a database built before that was added needs `workbench --db DB index`), then times
`workbench --db DB match TEXT` in a subprocess, as a user runs it: wall time, the CPU time of the
child (user + system), which a busy machine inflates less than the wall, and the child's peak RSS. Beside it, in the same run:
`workbench --help`, a bare `import spacy`, and loading the light spaCy pipeline (what the query
went through before nlp/query_analysis.py), so the table shows where the time goes. With
--baseline SRC (a checkout of another revision, e.g. `git archive main | tar -x -C SRC`), the
same match runs with SRC first on PYTHONPATH, interleaved run by run with this tree's, so both
see the same load. Target (issue 12): <= 0.7 s on a 100k database.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
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


def timed(command: list[str], source: Path | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one child process; `source` goes first on its PYTHONPATH."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        # run outside any source tree: `python -m` puts the working directory before PYTHONPATH
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=tempfile.gettempdir())
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            err.seek(0)
            sys.exit(f"{' '.join(command[:4])}... failed: {err.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


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
    # then the lists, as `workbench index` files a large archive's vectors after embedding them:
    # without them a one-shot match scores every vector (0.27 s more CPU at 100,000 claims)
    started = time.perf_counter()
    filed = Workbench(db, "benchmark").index_lists()
    print(f"filed {filed:,} vectors under their lists in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def row(label: str, samples: list[tuple[float, float, float]]) -> None:
    walls, cpus, rss = [s[0] for s in samples], [s[1] for s in samples], [s[2] for s in samples]
    print(
        f"{label:<52} {statistics.median(walls):>9.2f} {max(walls):>9.2f} {statistics.median(cpus):>9.2f}"
        f" {max(rss):>9.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) this database")
    parser.add_argument("--baseline", type=Path, help="another revision's source tree to time beside this one")
    parser.add_argument("--batch", type=int, default=100, help="queries of the `match -` comparison (0: skip it)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of `match -` per side, interleaved")
    parser.add_argument(
        "--scan-budget", type=float, default=60, help="seconds of rapidfuzz scan; the rest extrapolated"
    )
    parser.add_argument("--skip-one-shot", action="store_true", help="only the `match -` comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "claims.db"
        if not db.exists():
            build(db, args.claims)
        their_db = baseline_db(db, args.baseline, Path(tmp)) if args.baseline else None
        if not args.skip_one_shot:
            one_shot(db, args, their_db)
        if args.batch:
            batch(db, args, their_db)


def one_shot(db: Path, args: argparse.Namespace, their_db: Path | None) -> None:
    python = sys.executable
    env_note = f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    print(f"\none-shot match on {db} ({env_note}); seconds over {args.runs} runs")
    print(f"{'what':<52} {'wall p50':>9} {'wall max':>9} {'CPU p50':>9} {'RSS MiB':>9}")
    row("python -c 'import spacy'", [timed([python, "-c", "import spacy"]) for _ in range(args.runs)])
    light = "from workbench.nlp.pipeline import load_light_nlp; load_light_nlp('es')"
    row("light spaCy pipeline loaded (main's query path)", [timed([python, "-c", light]) for _ in range(args.runs)])
    row("workbench --help", [timed([python, "-m", "workbench", "--help"]) for _ in range(args.runs)])
    ours, theirs = [], []
    for i in range(args.runs):
        command = [python, "-m", "workbench", "--db", str(db), "match", QUERIES[i % len(QUERIES)], "--limit", "5"]
        ours.append(timed(command))
        if args.baseline and their_db:
            command[4] = str(their_db)
            theirs.append(timed(command, args.baseline))
    if args.baseline:
        row(f"baseline {args.baseline.name}: match TEXT --limit 5", theirs)
    row("workbench match TEXT --limit 5 (target <= 0.7)", ours)


def baseline_db(db: Path, source: Path, folder: Path) -> Path:
    """The database as the baseline's migrations know it (benchmarks/lexical_scale.py's copy)."""
    from benchmarks.lexical_scale import baseline_copy

    return baseline_copy(db, source, folder)


def batch(db: Path, args: argparse.Namespace, their_db: Path | None) -> None:
    """`workbench match -` with --batch near-copy queries in one process, start-up included, beside
    the exhaustive rapidfuzz scan of the same queries (loading and folding the texts included, as
    benchmarks/archive.py times it; run until --scan-budget, the rest extrapolated)."""
    import json

    from benchmarks.lexical_scale import embed_sources, make_queries

    queries = make_queries(db, args.batch, 7)
    embed_sources(db, queries)
    stdin = "".join(q["text"] + "\n" for q in queries).encode()
    command = [sys.executable, "-m", "workbench", "--db", str(db), "match", "-", "--limit", "10"]

    def run(source: Path | None, path: Path) -> tuple[float, float, float, float]:
        env = dict(os.environ)
        if source is not None:
            env["PYTHONPATH"] = str(source) + os.pathsep + env.get("PYTHONPATH", "")
        started = time.perf_counter()
        cpu = os.times()
        done = subprocess.run(
            [*command[:4], str(path), *command[5:]],
            input=stdin,
            capture_output=True,
            env=env,
            cwd=tempfile.gettempdir(),
        )
        wall = time.perf_counter() - started
        after = os.times()
        if done.returncode:
            sys.exit(f"match - failed: {done.stderr.decode()[-500:]}")
        lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
        hits = sum(q["source"] in [m["claim"] for m in line["matches"]] for q, line in zip(queries, lines))
        child_cpu = after.children_user + after.children_system - cpu.children_user - cpu.children_system
        return wall, child_cpu, hits / len(queries), 0.0

    ours, theirs = [], []
    for _ in range(args.batch_runs):
        ours.append(run(None, db))
        if their_db is not None:
            theirs.append(run(args.baseline, their_db))
    from rapidfuzz import fuzz, process, utils

    started = time.perf_counter()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, text FROM claims ORDER BY id").fetchall()
    con.close()
    choices = [utils.default_process(text) for _, text in rows]
    load = time.perf_counter() - started
    times = []
    for q in queries:
        if times and sum(times) > args.scan_budget:
            break
        started = time.perf_counter()
        process.extract(
            utils.default_process(q["text"]), choices, scorer=fuzz.token_set_ratio, processor=None, limit=10
        )
        times.append(time.perf_counter() - started)
    scan = load + statistics.fmean(times) * len(queries)
    print(f"\nmatch - with {len(queries)} near-copy queries, start-up included (load {os.getloadavg()[0]:.1f})")
    print(f"{'what':<52} {'wall p50':>9} {'wall min':>9} {'CPU p50':>9} {'vs scan':>9}")
    for label, runs in (
        (f"baseline {args.baseline.name if args.baseline else ''}: match -", theirs),
        ("workbench match - (target >= 10x the scan)", ours),
    ):
        if runs:
            wall = statistics.median(r[0] for r in runs)
            print(
                f"{label:<52} {wall:>9.2f} {min(r[0] for r in runs):>9.2f} {statistics.median(r[1] for r in runs):>9.2f}"
                f" {scan / wall:>8.1f}x  recall@10 {runs[-1][2]:.3f}"
            )
    print(
        f"{'rapidfuzz token_set_ratio scan, texts loaded':<52} {scan:>9.2f} {'':>9} {'':>9} {'1.0x':>9}"
        f"  ({len(times)} queries scanned, {statistics.fmean(times) * 1000:.0f} ms each, load {load:.1f} s)"
    )


if __name__ == "__main__":
    main()
