"""How near the lists' approximate search comes to the exact one, and what it costs, per number of
lists probed: recall of the exact nearest claims and time per query of a session's VectorIndex.

    python -m benchmarks.vector_lists --db DB [--db DB ...] [--queries 200] [--probes 8,16,24,32,48]
    python -m benchmarks.vector_lists --ct2020 WORKDIR [--lists 1000]

--db: an archive with vectors (benchmarks/match_startup.py's synthetic ones have random unit
vectors, so the queries are random unit vectors too: no cluster structure for the lists to use,
the pessimistic case). --ct2020: the database benchmarks/retrieval.py kept with --workdir (the
CheckThat! 2020 claims with their real e5 vectors) and the train and dev tweets as queries,
embedded through its cache. Each database is copied to a temporary folder and its lists built
there (on a 10,000-claim archive too, below LISTS_FROM, to measure them on real vectors); the
original is never written.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.lexical_scale import peak_rss_mib, percentile

RECALL_AT = (10, 100)
"""Recall of the exact best 10 (what `match` shows) and best 100 (what the fusion reads, DEPTH)."""


def copy_of(db: Path, folder: Path) -> Path:
    copy = folder / db.name
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return copy


def model_of(db: Path) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (model,) = con.execute("SELECT model FROM claim_vectors GROUP BY model ORDER BY count(*) DESC LIMIT 1").fetchone()
    con.close()
    return str(model)


def measure(db: Path, queries: np.ndarray, probes: list[int], label: str, lists_wanted: int | None = None) -> None:
    from workbench.matching.retrieval import VectorIndex
    from workbench.service import Workbench
    from workbench.store import vector_lists
    from workbench.usecases.finding import index_lists

    model = model_of(db)
    workbench = Workbench(db)
    vector_lists.LISTS_FROM = 0  # lists on a small archive too: it is the real vectors we measure
    if lists_wanted:  # as many lists as a larger archive has, so a probe reads the share it would
        vector_lists.list_count = lambda vectors: lists_wanted  # type: ignore[assignment]
    with workbench.store() as store:
        start = time.perf_counter()
        index_lists(store, model)
        built = time.perf_counter() - start
        ids, filed, rows, lists = store.vectors.listed(model)
    assert lists is not None
    exact = VectorIndex(ids, filed, rows, None)
    listed = VectorIndex(ids, filed, rows, lists)
    sizes = np.bincount(filed[filed >= 0], minlength=len(lists.centroids))
    print(
        f"\n{label}: {len(ids):,} vectors, {len(lists.centroids):,} lists (sizes p50 {int(np.median(sizes))}, "
        f"max {sizes.max()}), trained and filed in {built:.1f} s; {len(queries)} queries; peak RSS {peak_rss_mib():,.0f} MiB"
    )
    wanted = max(RECALL_AT)
    truth, exact_ms = [], []
    for q in queries:
        start = time.perf_counter()
        found, _, _ = exact.search(q, wanted, set(), [])
        exact_ms.append((time.perf_counter() - start) * 1000)
        truth.append(found)
    print(f"  {'lists probed':<26} {'recall@10':>9} {'recall@100':>10} {'p50 ms':>8} {'p95 ms':>8} {'rows read':>10}")
    print(
        f"  {'all (exact, int8)':<26} {1:>9.3f} {1:>10.3f} {percentile(exact_ms, 0.5):>8.2f} {percentile(exact_ms, 0.95):>8.2f}"
    )
    default = vector_lists.PROBES
    for count in probes:
        vector_lists.PROBES = count
        recalls: dict[int, list[float]] = {k: [] for k in RECALL_AT}
        times, read = [], []
        for q, best in zip(queries, truth):
            start = time.perf_counter()
            found, _, _ = listed.search(q, wanted, set(), [])
            times.append((time.perf_counter() - start) * 1000)
            read.append(sum(stop - start for start, stop in listed._ranges(q)))
            for k in RECALL_AT:
                recalls[k].append(len(set(found[:k].tolist()) & set(best[:k].tolist())) / k)
        mark = " (PROBES)" if count == default else ""
        print(
            f"  {f'{count}{mark}':<26} {np.mean(recalls[10]):>9.3f} {np.mean(recalls[100]):>10.3f} "
            f"{percentile(times, 0.5):>8.2f} {percentile(times, 0.95):>8.2f} {int(np.mean(read)):>10,}"
        )
    vector_lists.PROBES = default


def random_queries(dim: int, count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def tweet_queries(data: Path) -> np.ndarray:
    from benchmarks.embed_cache import CachedEmbedder
    from benchmarks.retrieval import read_split
    from workbench.matching.embedding import default_embedder

    model = default_embedder()
    if model is None:
        raise SystemExit("The embedding model cannot run here.")
    tweets = [t for name in ("train", "dev") for t in read_split(data, name).tweets]
    return np.asarray(CachedEmbedder(model).queries(tweets), dtype=np.float32)


def main() -> None:
    from benchmarks.retrieval import DATA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", default=[])
    parser.add_argument("--ct2020", type=Path, help="the --workdir benchmarks/retrieval.py kept")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--probes", default="8,16,24,32,48")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--lists",
        type=int,
        help="train this many lists (default: list_count's); 1000 at 10,000 claims reads a probe's share at 1M",
    )
    args = parser.parse_args()
    probes = [int(p) for p in args.probes.split(",")]
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        for db in args.db:
            copy = copy_of(db, Path(tmp))
            (dim,) = sqlite3.connect(copy).execute("SELECT length(vector) FROM claim_vectors LIMIT 1").fetchone()
            measure(copy, random_queries(dim, args.queries, args.seed), probes, f"{db} (random vectors)", args.lists)
            copy.unlink()
        if args.ct2020:
            copy = copy_of(args.ct2020 / "claims.db", Path(tmp))
            label = "CheckThat! 2020 claims, real e5 vectors, train+dev tweets"
            measure(copy, tweet_queries(args.data), probes, label, args.lists)


if __name__ == "__main__":
    main()
