"""Matching and dedupe at archive scale, beside an exhaustive rapidfuzz scan of the same claims.

    python -m benchmarks.archive [--claims 1000000] [--queries 200] [--dedupe-claims 100000]
                                 [--scan-budget 300] [--dedupe-budget 600] [--vector-sample 2000]
                                 [--workdir DIR] [--keep]

Builds an archive of synthetic Spanish and English claims (benchmarks/synthetic.py: actors,
figures, places, dates, attribution; one row in eight re-reports an earlier event), imports it
with `import_claims_csv` and reports the bulk insert rate and where the import's time goes, peak
RSS, and in-process match latency for near-copies of archived claims (each query is one archived
claim lightly perturbed, so it has one known source). The baseline is what the workbench
replaces: `rapidfuzz.process.extract` over every claim's text (texts folded once with
`default_process`, one thread), on the same queries; it gives the speed-up ratio and the scan's
top hits for recall@10. Then matching with vectors (--vector-sample claims embedded for real, at
the rate printed, and stand-in copies of their vectors for the rest of the archive, so the matrix
has the archive's size: latency, memory and the database size are real, recall indicative), then
`workbench match -` in a subprocess (start-up included, with those vectors) against the scan of the
same queries with loading the texts included, and `dedupe` on a separate database.

Peak RSS is ru_maxrss of this process, so it covers everything done up to the line it is printed
on (generation, import, matching, then the scan's own copy of the texts); dedupe runs in a child
process and reports its own. The scan is timed on as many queries as --scan-budget allows and
extrapolated beyond (the table says so). Dedupe is first timed on 10,000 claims; the full size is
run only if that extrapolates to less than twice --dedupe-budget, and stopped at the budget. Its
suggestions are checked against the generator's events (a re-report of one event is a true
duplicate). The databases live in --workdir or a temporary folder, removed at the end unless --keep.

On 2 CPUs: --claims 100000 takes about 2 minutes, the default 1,000,000 about 13 (5 of them the
import, 5 the scan's budget); peak RSS of the 1,000,000 run is about 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.synthetic import Generator, near_copy, write_csv

CLI_QUERIES = 100
DEDUPE_PROBE = 10_000
"""Claims in the database dedupe is first timed on, to decide whether the full size fits the budget.
Above the workbench's LINK_ON_IMPORT (5,000), so the import itself links nothing."""


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


class Table:
    """Aligned rows, printed as they come: a label, then right-aligned cells."""

    LABEL = 62
    CELL = 16

    def section(self, title: str, *headers: str) -> None:
        print(flush=True)
        self._line(title, headers)

    def add(self, label: str, *cells: object) -> None:
        self._line(label, [_cell(c) for c in cells])

    def _line(self, label: str, cells) -> None:  # noqa: ANN001 - strings
        if not cells:
            print(label, flush=True)
            return
        if len(label) > self.LABEL:
            print(label, flush=True)
            label = ""
        print(label.ljust(self.LABEL) + "".join(" " + c.rjust(self.CELL - 1) for c in cells), flush=True)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# -- the import, with its parts timed -----------------------------------------------


@contextmanager
def timed_import_parts() -> Iterator[dict[str, float]]:
    """Time the parts of `import_claims_csv` by wrapping the functions it calls (core code untouched)."""
    import workbench.ingest.claims_csv as claims_csv
    import workbench.nlp.extract as extract
    import workbench.store.claims as claims_repository
    import workbench.store.match_index as match_index

    spent: Counter = Counter()
    peak: dict[str, float] = {}
    spent.peak = peak  # type: ignore[attr-defined]

    def timed(fn: Callable, key: str) -> Callable:  # noqa: ANN401
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start
                peak[key] = rss_mib()

        return wrapper

    def timed_generator(fn: Callable, key: str) -> Callable:
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            items = iter(fn(*args, **kwargs))
            while True:
                start = time.perf_counter()
                try:
                    item = next(items)
                except StopIteration:
                    spent[key] += time.perf_counter() - start
                    peak[key] = rss_mib()
                    return
                spent[key] += time.perf_counter() - start
                peak[key] = rss_mib()
                yield item

        return wrapper

    saved = [
        (claims_csv.ClaimsCsv, "rows", timed_generator(claims_csv.ClaimsCsv.rows, "parse")),
        (extract, "extract_whole", timed_generator(extract.extract_whole, "extract")),
        (claims_repository.Claims, "add_claims", timed(claims_repository.Claims.add_claims, "insert")),
        (match_index.MatchIndex, "add", timed(match_index.MatchIndex.add, "index")),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in saved]
    for owner, name, wrapper in saved:
        setattr(owner, name, wrapper)
    try:
        yield spent
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def build_archive(db: Path, csv_path: Path, table: Table | None, label: str) -> tuple[int, float]:
    """Import a claims CSV into a fresh database; returns (article id, seconds)."""
    from workbench.service import Workbench

    start = time.perf_counter()
    data = csv_path.read_text(encoding="utf-8")
    read = time.perf_counter() - start
    with timed_import_parts() as spent:
        start = time.perf_counter()
        result = Workbench(db).import_claims_csv(data, str(csv_path))
        seconds = time.perf_counter() - start
    del data
    if result.problems:
        log(f"{len(result.problems)} rows with problems, e.g. {result.problems[0]}")
    if table is not None:
        count = result.claim_count
        table.add(label, seconds, f"{count / seconds:,.0f} claims/s", f"{rss_mib():,.0f} MiB")
        peak = spent.peak
        table.add("  read the CSV file (before import)", read)
        table.add(
            "  parse CSV rows (twice: hash and count, then import)",
            spent["parse"],
            "",
            f"{peak.get('parse', 0):,.0f} MiB",
        )
        table.add(
            "  extraction: light pipeline, figures, dates", spent["extract"], "", f"{peak.get('extract', 0):,.0f} MiB"
        )
        table.add(
            "  insert claims, entities (+ FTS5 triggers)", spent["insert"], "", f"{peak.get('insert', 0):,.0f} MiB"
        )
        table.add("  index: match terms + claim_terms FTS5", spent["index"], "", f"{peak.get('index', 0):,.0f} MiB")
        other = seconds - spent["parse"] - spent["extract"] - spent["insert"] - spent["index"]
        table.add("  verdicts, sources, commit, the rest", other)
        table.add("  (peak RSS column: the process's high-water mark when the part ended)")
        sizes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
        table.add("  database file (+ WAL)", f"{sizes / 2**20:,.0f} MiB")
        with Workbench(db).store() as store:
            terms = store.db.execute("SELECT count(*) FROM claim_postings").fetchone()[0]
        table.add("  distinct index terms (stems, actors, figures, dates)", terms)
    return result.article_id, seconds


# -- queries -----------------------------------------------------------------------


def make_queries(generator: Generator, claims: int, count: int, seed: int) -> list[tuple[int, str, str]]:
    """(source row, query text, language) for near-copies of `count` archived claims."""
    rng = random.Random(seed * 31 + 1)
    rows = sorted(rng.sample(range(claims), min(count, claims)))
    queries = []
    for i in rows:
        row = generator.row(i)
        text = near_copy(row.text, row.true_language, random.Random(seed * 7919 + i))
        queries.append((i, " ".join(text.split()), row.true_language))
    return queries


def claim_id_of_row(db: Path, article_id: int, rows: list[int], texts: dict[int, str]) -> dict[int, int]:
    """Claim id of each archive row (ids follow row order), checked against the generated text."""
    from workbench.service import Workbench

    with Workbench(db).store() as store:
        first = store.db.execute("SELECT min(id) FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]
        found = {i: first + i for i in rows}
        stored = {c.id: c.text for c in store.claims.rows(claim_ids=list(found.values()))}
    wrong = [i for i in rows if stored.get(found[i]) != " ".join(texts[i].split())]
    if wrong:
        raise SystemExit(f"archive row {wrong[0]} is not claim {found[wrong[0]]}: rows were skipped on import")
    return found


def run_matching(
    db: Path, queries: list[tuple[int, str, str]], limit: int, table: Table
) -> tuple[dict[int, list[int]], float, float, float]:
    """Time the in-process lookups; returns each query's top claim ids, the mean seconds of matching
    alone and with query features, and the median of matching alone."""
    from workbench.matching.engine import Matcher, query_features
    from workbench.nlp.language import resolve_language
    from workbench.nlp.query_analysis import query_draft
    from workbench.service import Workbench
    from workbench.usecases.finding import ensure_indexed

    workbench = Workbench(db)
    with workbench.store() as store:
        start = time.perf_counter()
        ensure_indexed(store)
        ensure = time.perf_counter() - start
        matcher = Matcher(store)
        start = time.perf_counter()
        matcher._vocabulary()
        matcher._weights()
        vocabulary = time.perf_counter() - start
        start = time.perf_counter()
        for language in ("es", "en"):  # load both query analysers before timing
            query_draft(
                "Corea del Norte disparó dos misiles." if language == "es" else "North Korea fired 2 missiles.",
                language,
            )
        warm = time.perf_counter() - start
        matcher.match(query_features(queries[0][1], [], "es", None), limit)

        match_only, with_features, found = [], [], {}
        for i, text, _ in queries:
            start = time.perf_counter()
            language = resolve_language("auto", text, workbench.settings.languages)
            query = query_features(text, [query_draft(text, language)], language, None)
            middle = time.perf_counter()
            matches = matcher.match(query, limit)
            end = time.perf_counter()
            match_only.append(end - middle)
            with_features.append(end - start)
            found[i] = [m.claim for m in matches]
    start = time.perf_counter()
    workbench.match_many([text for _, text, _ in queries], limit)
    batch = time.perf_counter() - start

    table.section("start-up of a matching session", "seconds")
    table.add("  check every claim is indexed (ensure_indexed)", ensure)
    table.add("  vocabulary: document frequencies (fts5vocab)", vocabulary)
    table.add("  load the query analysers es + en (no spaCy: nlp/query_analysis.py)", warm)
    table.section(f"in-process matching, {len(queries)} near-copy queries", "p50 ms", "p95 ms", "max ms", "mean ms")
    for label, values in (("  match only (Matcher reused)", match_only), ("  query features + match", with_features)):
        ms = [v * 1000 for v in values]
        table.add(label, percentile(ms, 0.5), percentile(ms, 0.95), max(ms), statistics.fmean(ms))
    table.add(f"  Workbench.match_many, all {len(queries)} at once", "", "", "", batch * 1000 / len(queries))
    table.add(f"    (whole call: {batch:.1f} s, start-up included)")
    table.add(f"  peak RSS so far: {rss_mib():,.0f} MiB")
    return found, statistics.fmean(match_only), statistics.fmean(with_features), percentile(match_only, 0.5)


def run_scan(
    db: Path, queries: list[tuple[int, str, str]], limit: int, budget: float, scorer_name: str
) -> tuple[dict[int, list[tuple[int, float]]], float, list[float]]:
    """The exhaustive baseline: every claim scored against each query until the budget runs out.

    Returns each scanned query's top (claim id, score), the load time and per-query seconds."""
    from rapidfuzz import fuzz, process, utils

    from workbench.service import Workbench

    scorer = getattr(fuzz, scorer_name)
    start = time.perf_counter()
    with Workbench(db).store() as store:
        rows = store.db.execute("SELECT id, text FROM claims ORDER BY id").fetchall()
    ids = [row[0] for row in rows]
    choices = [utils.default_process(row[1]) for row in rows]
    del rows
    load = time.perf_counter() - start
    found, times = {}, []
    spent_start = time.perf_counter()
    for i, text, _ in queries:
        if times and time.perf_counter() - spent_start > budget:
            break
        start = time.perf_counter()
        hits = process.extract(utils.default_process(text), choices, scorer=scorer, processor=None, limit=limit)
        times.append(time.perf_counter() - start)
        found[i] = [(ids[index], score) for _, score, index in hits]
    return found, load, times


# -- vectors -------------------------------------------------------------------------


def run_vectors(
    db: Path, queries: list[tuple[int, str, str]], claim_of: dict[int, int], limit: int, sample: int, table: Table
) -> dict[int, list[int]]:
    """Matching with stored vectors: the embedding rate on `sample` real claims, then match latency
    and recall with a vector for every claim.

    Embedding a whole synthetic archive would take hours here (the rate is printed), so the
    `sample` oldest claims and every query's source claim get their real vectors, and every other
    claim a copy of a sampled claim's vector with a little noise: the matrix has the archive's
    size and a realistic spread of cosines, so latency and memory are real; recall is indicative."""
    import numpy as np

    from workbench.matching.embedding import default_embedder
    from workbench.matching.engine import Matcher, query_features
    from workbench.nlp.query_analysis import query_draft
    from workbench.service import Workbench, resolve_language

    embedder = default_embedder()
    if embedder is None:
        table.section("vectors: the embedding model cannot run here; skipped")
        return {}
    workbench = Workbench(db)
    table.section("vectors (int8 in claims.db)", "seconds", "rate", "peak RSS")
    with workbench.store() as store:
        total = store.claims.claim_count()
        first = store.db.execute("SELECT min(id) FROM claims").fetchone()[0]
        wanted = sorted(set(range(first, first + min(sample, total))) | set(claim_of.values()))
        texts = {c.id: c.text for c in store.claims.rows(claim_ids=wanted)}
        start = time.perf_counter()
        for i in range(0, len(wanted), 64):
            chunk = wanted[i : i + 64]
            with store.transaction():
                store.vectors.put(embedder.name, chunk, embedder.passages([texts[c] for c in chunk]))
        seconds = time.perf_counter() - start
        rate = len(wanted) / seconds
        table.add(
            f"  embed {len(wanted):,} real claims (index's path)",
            seconds,
            f"{rate:,.1f} claims/s",
            f"{rss_mib():,.0f} MiB",
        )
        table.add(f"  (the whole archive at that rate: {total / rate / 3600:,.1f} h)")
        _, real = store.vectors.matrix(embedder.name)
        rng = np.random.default_rng(1)
        rest = [c for c in range(first, first + total) if c not in set(wanted)]
        start = time.perf_counter()
        for i in range(0, len(rest), 20_000):
            chunk = rest[i : i + 20_000]
            rows = real[rng.integers(0, len(real), len(chunk))] + rng.normal(0, 0.02, (len(chunk), real.shape[1]))
            rows /= np.linalg.norm(rows, axis=1, keepdims=True)
            with store.transaction():
                store.vectors.put(embedder.name, chunk, rows.astype(np.float32))
        table.add(f"  store {len(rest):,} stand-in vectors (copies + noise)", time.perf_counter() - start)
    sizes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    table.add("  database file with vectors (+ WAL)", f"{sizes / 2**20:,.0f} MiB")

    with workbench.store() as store:
        matcher = Matcher(store, embedder)
        start = time.perf_counter()
        matcher._vector_index()
        matcher._vocabulary()
        load = time.perf_counter() - start
        for language in ("es", "en"):
            query_draft("North Korea fired two missiles.", language)
        times, embed_times, feature_times, found = [], [], [], {}
        for i, text, _ in queries:
            start = time.perf_counter()
            language = resolve_language("auto", text, workbench.settings.languages)
            query = query_features(text, [query_draft(text, language)], language, None)
            middle = time.perf_counter()
            (vector,) = matcher.query_vectors([text])
            embedded = time.perf_counter()
            found[i] = [m.claim for m in matcher.match(query, limit, vector=vector)]
            times.append(time.perf_counter() - start)
            embed_times.append(embedded - middle)
            feature_times.append(middle - start)
    table.add(f"  load the vector matrix and vocabulary: {load:.2f} s; peak RSS {rss_mib():,.0f} MiB")
    table.section(
        f"in-process matching with vectors, {len(queries)} near-copy queries", "p50 ms", "p95 ms", "max ms", "mean ms"
    )
    rest = [t - e - f for t, e, f in zip(times, embed_times, feature_times)]
    for label, values in (
        ("  query features alone (the CLI's path)", feature_times),
        ("  query embedding alone", embed_times),
        ("  hybrid retrieval + rerank + relations alone", rest),
        ("  features + embedding + hybrid match", times),
    ):
        ms = [v * 1000 for v in values]
        table.add(label, percentile(ms, 0.5), percentile(ms, 0.95), max(ms), statistics.fmean(ms))
    hits = sum(claim_of[i] in found[i] for i, _, _ in queries)
    table.add(f"  recall@{limit} with vectors (indicative)", "", "", "", f"{hits / len(queries):.3f}")
    table.add(f"  peak RSS so far: {rss_mib():,.0f} MiB")
    return found


# -- the CLI -------------------------------------------------------------------------


def run_cli(db: Path, queries: list[tuple[int, str, str]], limit: int) -> tuple[float, dict[int, list[int]]]:
    """`workbench match - --db DB --limit N` on the queries, one per line; wall time, start-up included."""
    stdin = "".join(text + "\n" for _, text, _ in queries)
    command = [sys.executable, "-m", "workbench", "match", "-", "--db", str(db), "--limit", str(limit)]
    start = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"workbench match failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    found = {i: [m["claim"] for m in line["matches"]] for (i, _, _), line in zip(queries, lines)}
    return seconds, found


# -- dedupe, in a child process so its time and memory are its own -------------------

DEDUPE_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from collections import Counter
    from pathlib import Path
    from workbench.service import Workbench

    def peak_rss():
        # VmHWM: ru_maxrss would carry the parent's high-water mark across fork and exec.
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    made, confirmed = Workbench(Path(sys.argv[1])).dedupe(apply=sys.argv[2] == "apply")
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds,
        "rss": peak_rss(),
        "relations": Counter(s.relation for s in made),
        "pairs": [(s.claim_a, s.claim_b, s.relation) for s in made],
        "confirmed": len(confirmed),
    }))
    """
)


def run_dedupe(db: Path, apply: bool, timeout: float) -> dict | None:
    """Dedupe in a child process; None when it did not finish within the timeout."""
    command = [sys.executable, "-c", DEDUPE_CHILD, str(db), "apply" if apply else "suggest"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"dedupe failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall"] = time.perf_counter() - start
    return report


def dedupe_quality(report: dict, generator: Generator, first_id: int, size: int) -> dict[str, int]:
    """Suggested pairs against the generator's events: a re-report of an event is a true duplicate.

    Precision is a lower bound (two independent events can be worded alike); recall counts
    pairs, so an event reported three times has three pairs to find."""
    events = Counter(generator.event_row(i) for i in range(size))
    found = Counter()
    for a, b, relation in report["pairs"]:
        found[relation] += 1
        found[relation + " same event"] += generator.event_row(a - first_id) == generator.event_row(b - first_id)
    found["true pairs"] = sum(k * (k - 1) // 2 for k in events.values())
    return found


def prepare_dedupe_db(
    workdir: Path, generator: Generator, size: int, main: tuple[Path, int, int] | None
) -> tuple[Path, int, float]:
    """A database of the archive's first `size` rows: a copy of the main one when sizes agree."""
    from workbench.service import Workbench

    db = workdir / f"dedupe-{size}.db"
    if main is not None and main[2] == size:
        Workbench(main[0]).backup(db)
        with Workbench(db).store() as store:
            first = store.db.execute("SELECT min(id) FROM claims WHERE article_id = ?", [main[1]]).fetchone()[0]
        return db, first, 0.0
    csv_path = workdir / f"dedupe-{size}.csv"
    write_csv(csv_path, generator.rows(size))
    article_id, seconds = build_archive(db, csv_path, None, "")
    csv_path.unlink()
    with Workbench(db).store() as store:
        first = store.db.execute("SELECT min(id) FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]
    return db, first, seconds


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="archived claims to import")
    parser.add_argument("--queries", type=int, default=200, help="near-copy queries")
    parser.add_argument("--limit", type=int, default=10, help="matches per query (recall@limit)")
    parser.add_argument(
        "--scorer", default="token_set_ratio", choices=("token_set_ratio", "WRatio", "ratio", "token_sort_ratio")
    )
    parser.add_argument(
        "--scan-budget", type=float, default=300, help="seconds for the exhaustive scan; the rest is extrapolated"
    )
    parser.add_argument("--dedupe-claims", type=int, default=100_000, help="claims in the dedupe database (0: skip)")
    parser.add_argument("--dedupe-budget", type=float, default=600, help="seconds dedupe may take before it is stopped")
    parser.add_argument("--dedupe-apply", action="store_true", help="run dedupe --apply (confirm duplicates)")
    parser.add_argument(
        "--vector-sample",
        type=int,
        default=2000,
        help="claims embedded for real before matching with vectors (0: skip)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="where the CSVs and databases go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()

    began = time.perf_counter()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="workbench-archive-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"workdir {workdir}")
    table = Table()
    generator = Generator(args.seed)
    try:
        _run(args, workdir, generator, table)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
        elif not args.keep:
            for path in workdir.glob("*"):
                if path.suffix in {".db", ".csv"} or path.name.endswith(("-wal", "-shm")):
                    path.unlink(missing_ok=True)
    print(f"\nworkdir {workdir} ({'kept' if args.keep else 'removed'}); wall time {time.perf_counter() - began:,.0f} s")


def _run(args: argparse.Namespace, workdir: Path, generator: Generator, table: Table) -> None:
    n, limit = args.claims, args.limit
    csv_path, db = workdir / f"archive-{n}.csv", workdir / f"archive-{n}.db"
    print(f"archive of {n:,} synthetic claims (seed {args.seed}), {args.queries} near-copy queries, top {limit}")
    print(f"workdir {workdir}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs")

    table.section("build", "seconds", "rate", "peak RSS")
    log(f"generating {n:,} claims")
    start = time.perf_counter()
    write_csv(csv_path, generator.rows(n))
    seconds = time.perf_counter() - start
    table.add(
        f"generate the CSV ({csv_path.stat().st_size / 2**20:,.0f} MiB)",
        seconds,
        f"{n / seconds:,.0f} claims/s",
        f"{rss_mib():,.0f} MiB",
    )
    queries = make_queries(generator, n, args.queries, args.seed)
    sources = {i: generator.row(i).text for i, _, _ in queries}

    log("importing (import_claims_csv)")
    article_id, _ = build_archive(db, csv_path, table, "import_claims_csv (bulk insert, index included)")
    csv_path.unlink()
    claim_of = claim_id_of_row(db, article_id, [i for i, _, _ in queries], sources)

    log(f"matching {len(queries)} queries in-process")
    found, mean_match, mean_features, p50_match = run_matching(db, queries, limit, table)

    log(f"exhaustive scan ({args.scorer}), budget {args.scan_budget:.0f} s")
    scanned, load, times = run_scan(db, queries, limit, args.scan_budget, args.scorer)
    mean_scan = statistics.fmean(times)
    ms = [t * 1000 for t in times]
    table.section(f"exhaustive scan: process.extract, {args.scorer}, 1 thread", "p50 ms", "p95 ms", "max ms", "mean ms")
    table.add(
        f"  per query ({len(times)} of {len(queries)} queries timed)",
        percentile(ms, 0.5),
        percentile(ms, 0.95),
        max(ms),
        statistics.fmean(ms),
    )
    table.add(f"  load every claim's text + default_process: {load:.1f} s")
    table.add(f"  peak RSS so far (+ the scan's texts): {rss_mib():,.0f} MiB")
    table.section("speed-up over the scan, per query (mean)", "ratio")
    table.add("  match only", f"{mean_scan / mean_match:,.0f}x")
    table.add("  query features + match", f"{mean_scan / mean_features:,.0f}x")
    table.add("  p50 against p50, match only", f"{percentile(times, 0.5) / p50_match:,.0f}x")

    table.section(f"recall@{limit}", "hits", "queries", "recall")
    source_hits = sum(claim_of[i] in found[i] for i, _, _ in queries)
    table.add("  workbench: source claim in its top", source_hits, len(queries), f"{source_hits / len(queries):.3f}")
    scan_source = sum(claim_of[i] in [c for c, _ in scanned[i]] for i in scanned)
    table.add("  scan: source claim in its top", scan_source, len(scanned), f"{scan_source / len(scanned):.3f}")
    top_hits = 0
    for i, hits in scanned.items():
        best = hits[0][1]
        top_hits += any(c in found[i] for c, score in hits if score == best)
    table.add(
        "  workbench top holds the scan's top hit (any tied)", top_hits, len(scanned), f"{top_hits / len(scanned):.3f}"
    )
    overlap = statistics.fmean(len(set(found[i]) & {c for c, _ in hits}) / limit for i, hits in scanned.items())
    table.add(f"  mean overlap of the two top-{limit} lists", "", "", f"{overlap:.3f}")
    misses = [(i, text) for i, text, _ in queries if claim_of[i] not in found[i]]
    for i, text in misses[:5]:
        table.add(f"    missed: row {i}: {text[:70]!r}")

    if args.vector_sample:
        log(f"vectors: embedding {args.vector_sample:,} claims, stand-ins for the rest")
        run_vectors(db, queries, claim_of, limit, args.vector_sample, table)

    cli_queries = queries[:CLI_QUERIES]
    log(f"workbench match - on {len(cli_queries)} queries")
    cli_seconds, cli_found = run_cli(db, cli_queries, limit)
    cli_scanned = sum(1 for i, _, _ in cli_queries if i in scanned)
    scan_total = load + mean_scan * len(cli_queries)
    cli_hits = sum(claim_of[i] in cli_found.get(i, []) for i, _, _ in cli_queries)
    table.section(f"{len(cli_queries)} queries, start-up included", "seconds", "ratio", f"recall@{limit}")
    table.add("  workbench match - (subprocess)", cli_seconds, "", f"{cli_hits / len(cli_queries):.3f}")
    extrapolated = "" if cli_scanned == len(cli_queries) else f", {len(cli_queries) - cli_scanned} extrapolated"
    table.add(
        f"  scan: load texts + {len(cli_queries)} x per query{extrapolated}",
        scan_total,
        f"{scan_total / cli_seconds:,.1f}x",
    )

    if args.dedupe_claims:
        _dedupe(args, workdir, generator, table, (db, article_id, n))


def _dedupe(
    args: argparse.Namespace, workdir: Path, generator: Generator, table: Table, main: tuple[Path, int, int]
) -> None:
    size = args.dedupe_claims
    table.section(f"dedupe{' --apply' if args.dedupe_apply else ''} (child process)", "seconds", "claims/s", "peak RSS")
    sizes = [size] if size <= DEDUPE_PROBE else [DEDUPE_PROBE, size]
    estimate = None
    for claims in sizes:
        log(f"dedupe on {claims:,} claims")
        db, first, built = prepare_dedupe_db(workdir, generator, claims, main)
        if estimate is not None and estimate > 2 * args.dedupe_budget:
            table.add(
                f"  {claims:,} claims: not run, extrapolated linearly from {DEDUPE_PROBE:,}",
                estimate,
                f"{claims / estimate:,.0f}",
            )
            break
        report = run_dedupe(db, args.dedupe_apply, args.dedupe_budget)
        if report is None:
            table.add(
                f"  {claims:,} claims: stopped after the {args.dedupe_budget:.0f} s budget",
                f"> {args.dedupe_budget:.0f}",
            )
            if estimate is not None:
                table.add(
                    f"  {claims:,} claims: extrapolated linearly from {DEDUPE_PROBE:,}",
                    estimate,
                    f"{claims / estimate:,.0f}",
                )
            break
        table.add(
            f"  {claims:,} claims" + (f" (its db built in {built:.0f} s)" if built else ""),
            report["seconds"],
            f"{claims / report['seconds']:,.0f}",
            f"{report['rss']:,.0f} MiB",
        )
        quality = dedupe_quality(report, generator, first, claims)
        for relation in ("duplicate", "conflict", "related"):
            if quality[relation]:
                table.add(
                    f"    {relation}: {quality[relation]:,} pairs, {quality[relation + ' same event']:,} of them re-report one event"
                )
        table.add(
            f"    re-reported event pairs in the archive: {quality['true pairs']:,}; "
            f"found as duplicates: {quality['duplicate same event'] / max(quality['true pairs'], 1):.2f}; "
            f"confirmed {report['confirmed']:,}"
        )
        estimate = report["seconds"] * size / claims
        if claims != size:
            db.unlink()
            for extra in db.parent.glob(db.name + "-*"):
                extra.unlink()


if __name__ == "__main__":
    main()
