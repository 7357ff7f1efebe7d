"""The lexical stage beside tantivy on the same claims and queries, and the whole match with vectors,
at archive scale, in one run.

    python -m benchmarks.lexical_scale --db DB [--db DB ...] [--queries 200] [--baseline SRC]

Each DB is a synthetic archive that benchmarks/match_startup.py built (benchmarks/synthetic.py's
rows imported with `workbench import --format claims-csv`, every claim given a random unit vector:
embedding 10^5..10^6 claims for real takes hours here, and latency does not depend on what the
vectors say, so the semantic figures time the work, not its quality; the queries' own sources get
their real vectors, embed_sources, so recall is not left to noise). The queries are near copies
of archived claims (archive.make_queries: one known source each), read as the CLI reads them
(nlp/query_analysis.py, no spaCy).

Per database, p50 / p95 per query over the same queries:
- the project's lexical stage in a warm session (Matcher.lexical: BM25 over the index terms'
  posting lists, then the best DEPTH as fuse() takes them), recall@10 of the source;
- tantivy (PyPI) over the same index terms (claim_terms, whitespace tokens, BM25 with term
  frequencies), built into a temporary folder beside the run, queried with all the query's terms
  as one OR query, top DEPTH; its build time and index size;
- the whole in-process match with vectors, the TUI's way (the vector matrix loaded once): query
  features, the query's embedding and the hybrid match one after the other, and with the
  embedding in a thread beside features and the lexical stage (finding.QueryEmbedding, as the
  CLI runs it); the embedding alone; the nearest vectors alone, from the session's index and
  in a one-shot pass over the database (ClaimVectors.nearest, as `match` runs it); peak RSS of
  that process.
With --baseline SRC (a checkout of another revision, e.g. `git archive e6cc4ad | tar -x -C SRC`),
the project's figures are measured again with SRC's workbench in its own process, on a copy of
the database without the schema steps SRC does not know, interleaved with this tree's. Each side
runs --rounds times, interleaved, and each query counts the least time it took (a busy machine's
noise only ever adds).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPTH = 100
"""Claims each stage hands on (workbench/matching/retrieval.py's DEPTH)."""
ONE_SHOT_QUERIES = 20
"""Queries whose one-shot nearest-vector pass is timed: a pass over every vector (a revision
without lists) takes seconds at a million claims."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def peak_rss_mib() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- the queries -------------------------------------------------------------------


def make_queries(db: Path, count: int, seed: int) -> list[dict]:
    """Near copies of `count` archived claims, with the claim id of each one's source."""
    from benchmarks.archive import make_queries as near_copies
    from benchmarks.synthetic import Generator

    con = sqlite3.connect(db)
    size, first = con.execute("SELECT count(*), min(id) FROM claims").fetchone()
    queries = []
    for row, text, language in near_copies(Generator(seed), size, count, seed):
        stored = con.execute("SELECT text FROM claims WHERE id = ?", [first + row]).fetchone()
        source = first + row if stored and stored[0] == " ".join(Generator(seed).row(row).text.split()) else None
        queries.append({"text": text, "language": language, "source": source})
    con.close()
    if not any(q["source"] for q in queries):
        sys.exit(f"{db}: no query's source is where the generator put it; was it built by benchmarks/match_startup.py?")
    return queries


def embed_sources(db: Path, queries: list[dict]) -> int:
    """Give the queries' source claims their real passage vectors in place of their stand-ins.

    The stand-ins are random, so a query's cosine to its own source is noise: since the rerank
    of claims alone reads cosines (workbench/matching/rerank.py), it pushed near copies the lexical
    stage ranked first out of the top 10 (recall@10 0.43 at 100,000 claims), which real vectors
    never would. The other claims keep their random rows: time does not depend on what they say."""
    from workbench.matching.embedding import default_embedder
    from workbench.service import Workbench

    embedder = default_embedder()
    ids = sorted({q["source"] for q in queries if q["source"]})
    if embedder is None or not ids:
        return 0
    con = sqlite3.connect(db)
    texts = dict(con.execute(f"SELECT id, text FROM claims WHERE id IN ({','.join('?' * len(ids))})", ids))
    con.close()
    rows = embedder.passages([texts[i] for i in ids])
    with Workbench(db, "benchmark").store() as store, store.transaction():
        store.vectors.put(embedder.name, ids, rows)
    return len(ids)


# -- the project's side, run in a child (this tree's workbench or the baseline's) ------------


def child(db: Path, queries_file: Path, vectors: bool) -> None:
    """Time the project's lexical stage and whole match; print one JSON line."""

    from workbench.matching.engine import Matcher, query_features
    from workbench.matching.retrieval import top
    from workbench.nlp.query_analysis import query_draft
    from workbench.service import Workbench, resolve_language

    queries = json.loads(queries_file.read_text())
    workbench = Workbench(db)
    out: dict = {}

    def features(text: str):  # noqa: ANN202 - a ClaimFeatures
        language = resolve_language("auto", text, workbench.settings.languages)
        return query_features(text, [query_draft(text, language)], language, None)

    with workbench.store() as store:
        matcher = Matcher(store)
        start = time.perf_counter()
        matcher._vocabulary()
        out["vocabulary_s"] = time.perf_counter() - start
        read = [features(q["text"]) for q in queries]
        lexical = getattr(matcher, "lexical", None)
        if lexical is None:  # a revision before Matcher.lexical: the same call retrieve() makes
            from workbench.matching.engine import K1, B, bm25, common_limit

            def lexical(query):  # noqa: ANN001, ANN202
                frequencies, size = matcher._vocabulary()
                return bm25(store.index, query.terms(), frequencies, common_limit(size), K1, B, True)

        top(*lexical(read[0]), DEPTH, set())  # warm: lengths, first postings
        times, hits = [], 0
        for q, query in zip(queries, read):
            start = time.perf_counter()
            ids, _ = top(*lexical(query), DEPTH, set())
            times.append(time.perf_counter() - start)
            hits += q["source"] in ids[:10].tolist()
        out["lexical_ms"] = [t * 1000 for t in times]
        out["lexical_recall10"] = hits / len(queries)
    if vectors:
        out.update(whole_match(workbench, queries, features))
    out["rss_mib"] = peak_rss_mib()
    print(json.dumps(out))


def whole_match(workbench, queries: list[dict], features) -> dict:  # noqa: ANN001 - a Workbench, a function
    """The in-process match with vectors, sequential and with the embedding beside the lexical stage."""
    from workbench.matching.engine import Matcher

    embedder = workbench.embedder()
    if embedder is None:
        return {}
    out: dict = {}
    with workbench.store() as store:
        matcher = Matcher(store, embedder)
        start = time.perf_counter()
        matcher._vector_index()
        out["matrix_s"] = time.perf_counter() - start
        out["rss_after_matrix_mib"] = peak_rss_mib()
        matcher.match(features(queries[0]["text"]), 10, vector=matcher.query_vectors([queries[0]["text"]])[0])
        sequential, embedding, hits, vectors = [], [], 0, []
        for q in queries:
            start = time.perf_counter()
            query = features(q["text"])
            middle = time.perf_counter()
            (vector,) = matcher.query_vectors([q["text"]])
            embedding.append(time.perf_counter() - middle)
            found = matcher.match(query, 10, vector=vector)
            sequential.append(time.perf_counter() - start)
            hits += q["source"] in [m.claim for m in found]
            vectors.append(vector)
        out["embed_ms"] = [t * 1000 for t in embedding]
        index, session_nearest, one_shot = matcher._vector_index(), [], []
        for i, vector in enumerate(vectors):  # the semantic stage alone: a session's index, a one-shot pass
            start = time.perf_counter()
            index.search(vector, DEPTH, set(), [])
            session_nearest.append(time.perf_counter() - start)
            if i < ONE_SHOT_QUERIES:
                start = time.perf_counter()
                store.vectors.nearest(embedder.name, vector[None, :], DEPTH)
                one_shot.append(time.perf_counter() - start)
        out["session_nearest_ms"] = [t * 1000 for t in session_nearest]
        out["one_shot_nearest_ms"] = [t * 1000 for t in one_shot]
        out["sequential_ms"] = [t * 1000 for t in sequential]
        out["recall10"] = hits / len(queries)
        if hasattr(matcher, "lexical"):
            from workbench.usecases.finding import QueryEmbedding

            overlapped = []
            for q in queries:
                start = time.perf_counter()
                embedding_thread = QueryEmbedding(workbench.settings, [q["text"]])
                query = features(q["text"])
                lexical = matcher.lexical(query)
                _, (vector,), _ = embedding_thread.result()
                matcher.match(query, 10, vector=vector, lexical=lexical)
                overlapped.append(time.perf_counter() - start)
            out["overlapped_ms"] = [t * 1000 for t in overlapped]
    return out


def fastest(runs: list[dict]) -> dict:
    """One run's figures, each query's time the least it took over the runs (a busy machine's
    noise only ever adds), the other figures the last run's."""
    merged = dict(runs[-1])
    for key in runs[-1]:
        if key.endswith("_ms"):
            merged[key] = [min(times) for times in zip(*(run[key] for run in runs))]
    return merged


def run_child(db: Path, queries_file: Path, vectors: bool, source: Path | None) -> dict:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(db), str(queries_file)]
    if vectors:
        command.append("--vectors")
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(), check=False)
    if done.returncode:
        sys.exit(f"the child failed: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline_copy(db: Path, source: Path, folder: Path) -> Path:
    """A copy of the database without the schema steps the baseline's migrations do not name (it
    refuses a database a newer workbench migrated); only the tables those steps made are dropped."""
    known = subprocess.run(
        [
            sys.executable,
            "-c",
            "from workbench.store.migrations import migrations as m; print(*[x.name for x in m._migrations])",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(source)),
        cwd=tempfile.gettempdir(),
        check=True,
    ).stdout.split()
    copy = folder / f"baseline-{db.name}"
    source_con = sqlite3.connect(db)
    target = sqlite3.connect(copy)
    source_con.backup(target)
    source_con.close()
    newer = [name for (name,) in target.execute("SELECT name FROM _sqlite_migrations") if name not in known]
    if "m015_claim_terms_totals" in newer:
        for suffix in ("ai", "ad", "au"):
            target.execute(f"DROP TRIGGER IF EXISTS claim_terms_totals_{suffix}")
        target.execute("DROP TABLE IF EXISTS claim_terms_totals")
    if "m018_claim_postings" in newer:
        for suffix in ("ai", "ad", "au"):
            target.execute(f"DROP TRIGGER IF EXISTS claim_postings_stale_{suffix}")
        for table in ("claim_postings", "claim_postings_lengths", "claim_postings_stale"):
            target.execute(f"DROP TABLE IF EXISTS {table}")
    target.executemany("DELETE FROM _sqlite_migrations WHERE name = ?", [(n,) for n in newer])
    target.commit()
    target.close()
    return copy


# -- tantivy ------------------------------------------------------------------------


def run_tantivy(db: Path, queries: list[dict], folder: Path, query_terms: list[list[str]], rounds: int) -> dict:
    import tantivy

    out: dict = {}
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("claim_id", stored=True, fast=True)
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    schema = builder.build()
    path = folder / f"tantivy-{db.stem}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    index = tantivy.Index(schema, path=str(path))
    start = time.perf_counter()
    writer = index.writer(heap_size=500_000_000, num_threads=1)
    con = sqlite3.connect(db)
    for claim_id, terms in con.execute("SELECT claim_id, terms FROM claim_terms"):
        writer.add_document(tantivy.Document(claim_id=claim_id, terms=terms or ""))
    con.close()
    writer.commit()
    writer.wait_merging_threads()
    out["build_s"] = time.perf_counter() - start
    out["size_mib"] = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20
    index.reload()
    searcher = index.searcher()

    def search(terms: list[str]) -> list:  # noqa: ANN401 - tantivy's hits
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "terms", t)) for t in sorted(set(terms))]
        )
        return searcher.search(query, DEPTH).hits

    search(query_terms[0])
    runs = []
    for _ in range(rounds):
        times, hits = [], 0
        for q, terms in zip(queries, query_terms):
            start = time.perf_counter()
            found = search(terms)
            times.append(time.perf_counter() - start)
            top10 = [searcher.doc(address)["claim_id"][0] for _, address in found[:10]]  # not timed
            hits += q["source"] in top10
        runs.append({"search_ms": [t * 1000 for t in times]})
    out["search_ms"] = fastest(runs)["search_ms"]
    out["recall10"] = hits / len(queries)
    return out


def terms_of(queries: list[dict]) -> list[list[str]]:
    """The index terms of each query as the CLI reads it (this tree's query analysis)."""
    from workbench.config import load_settings
    from workbench.matching.engine import query_features
    from workbench.nlp.query_analysis import query_draft
    from workbench.service import resolve_language

    languages = load_settings().languages
    found = []
    for q in queries:
        language = resolve_language("auto", q["text"], languages)
        found.append(query_features(q["text"], [query_draft(q["text"], language)], language, None).terms())
    return found


# -- the table ------------------------------------------------------------------------


def line(label: str, values: list[float] | None, extra: str = "") -> None:
    if not values:
        print(f"  {label:<58} {'-':>9} {'-':>9}  {extra}")
        return
    print(f"  {label:<58} {percentile(values, 0.5):>9.2f} {percentile(values, 0.95):>9.2f}  {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True, help="a database match_startup built")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7, help="the generator's seed the databases were built with")
    parser.add_argument("--baseline", type=Path, help="another revision's source tree, timed beside this one")
    parser.add_argument(
        "--rounds", type=int, default=2, help="runs of each side, interleaved; each query's least time counts"
    )
    parser.add_argument("--no-vectors", action="store_true", help="the lexical stage and tantivy only")
    parser.add_argument("--workdir", type=Path, help="where tantivy's index and the baseline's copy go")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        folder = Path(tmp)
        for db in args.db:
            queries = make_queries(db, args.queries, args.seed)
            embed_sources(db, queries)
            queries_file = folder / "queries.json"
            queries_file.write_text(json.dumps(queries))
            size = sqlite3.connect(db).execute("SELECT count(*) FROM claims").fetchone()[0]
            print(
                f"\n{db} ({size:,} claims, {len(queries)} near-copy queries; {os.cpu_count()} CPUs, "
                f"load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            print(f"  {'':<58} {'p50 ms':>9} {'p95 ms':>9}")
            baseline_db = baseline_copy(db, args.baseline, folder) if args.baseline else None
            ours_runs, theirs_runs = [], []
            for _ in range(args.rounds):  # interleaved, so both see the same load
                ours_runs.append(run_child(db, queries_file, not args.no_vectors, None))
                if baseline_db:
                    theirs_runs.append(run_child(baseline_db, queries_file, not args.no_vectors, args.baseline))
            ours, theirs = fastest(ours_runs), fastest(theirs_runs) if theirs_runs else None
            found = run_tantivy(db, queries, folder, terms_of(queries), args.rounds)
            line(
                f"tantivy {__import__('tantivy').__version__}: OR of the query's terms, top {DEPTH}",
                found["search_ms"],
                f"recall@10 {found['recall10']:.3f}; index {found['size_mib']:,.0f} MiB, built in {found['build_s']:.0f} s",
            )
            if theirs:
                line(
                    f"baseline {args.baseline.name}: lexical stage, top {DEPTH}",
                    theirs["lexical_ms"],
                    f"recall@10 {theirs['lexical_recall10']:.3f}",
                )
            line(
                f"workbench: lexical stage (Matcher.lexical), top {DEPTH}",
                ours["lexical_ms"],
                f"recall@10 {ours['lexical_recall10']:.3f}",
            )
            ratio = percentile(ours["lexical_ms"], 0.5) / percentile(found["search_ms"], 0.5)
            print(f"  (workbench / tantivy at p50: {ratio:.2f}; database {db.stat().st_size / 2**20:,.0f} MiB)")
            for label, result in (
                ("baseline " + args.baseline.name if args.baseline else "", theirs),
                ("workbench", ours),
            ):
                if not result or "sequential_ms" not in result:
                    continue
                print(f"  {label}: whole match with vectors (matrix loaded in {result['matrix_s']:.1f} s)")
                line("    the query's embedding alone", result["embed_ms"])
                line(f"    its nearest {DEPTH} vectors alone, in the session", result.get("session_nearest_ms"))
                line(
                    f"    its nearest {DEPTH} vectors alone, one-shot (from the database)",
                    result.get("one_shot_nearest_ms"),
                )
                line(
                    "    features, embedding, hybrid match one after the other",
                    result["sequential_ms"],
                    f"recall@10 {result['recall10']:.3f}",
                )
                line(
                    "    embedding in a thread beside features + lexical (target p95 <= 50)",
                    result.get("overlapped_ms"),
                )
                print(
                    f"    peak RSS {result['rss_mib']:,.0f} MiB (after loading the matrix {result['rss_after_matrix_mib']:,.0f})"
                )
            if baseline_db:
                baseline_db.unlink()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), "--vectors" in sys.argv[4:])
    else:
        main()
