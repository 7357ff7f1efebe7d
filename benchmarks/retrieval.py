"""Retrieval quality on CheckThat! 2020 Task 2 (tweets against 10,375 Snopes fact-checks).

    python -m benchmarks.retrieval [--data ../shared/data/retrieval-ct2020-en] [--titles] [--fit-rerank] [--lists]

Imports the fact-checked claims through the workbench's own path (a claims CSV written to a temp
file, `import_claims_csv`, then `index_vectors`, as `workbench import --format claims-csv` and
`workbench index` do) into a temporary database, then prints MAP@5 and recall@30 on the dev split
(and on train, where constants are fitted) for, in one run:

- plain SQLite FTS5 BM25 over the claim text (the baseline),
- the workbench lexical stage alone (BM25 over index terms; `[matching] semantic = false`),
- that stage reranked by compare()'s hand-weighted score (how `match` ranked before the hybrid),
- multilingual-e5-small alone (int8 vectors as stored, and float32, for the quantisation decision),
- the hybrid: a weighted sum of cosine and BM25, plain reciprocal-rank fusion (k 60), weighted
  RRF fitted on train, the product's fusion alone, that fusion's first 30 reranked by a pointwise
  and a pairwise logistic regression fitted on train (workbench/matching/rerank.py; the objective
  and penalty chosen on train; --fit-rerank writes the chosen one to rerank.json with --titles,
  to rerank_claims.json without), and the
  product's constants through `Workbench.match_many` (the real path, with the shipped rerank),
  beside the same path as main ran it (the tweets looked up as written, before posts were read by
  workbench/nlp/posts.py: links out, hashtags and handles as words; and claims without contexts
  not reranked). Every other workbench row reads the tweets as match_many does; the FTS5
  baseline reads them as written.

With --titles each Snopes headline goes in the claims CSV's `title` column, so the workbench
stores it as the claim's context (indexed and embedded with it) as a user's import would; the
FTS5 baseline and e5 alone then read "HEADLINE. CLAIM" too, so every row sees the same text.

BM25's k1 and b and each fusion's constants are fitted on train by grid search and the figures at
the train optimum are then read on dev; nothing is chosen on dev but the choice between fusions.
Vectors are cached in /tmp (benchmarks/embed_cache.py), keyed by model name and text hash: the
first run embeds the 10,375 claims (3 to 15 minutes on a busy machine), reruns take about a minute.
The texts are read from ../shared/data and never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.embed_cache import CachedEmbedder
from workbench.config import Settings
from workbench.matching import retrieval
from workbench.matching.lexical import bm25
from workbench.nlp.posts import searchable
from workbench.service import Workbench

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "retrieval-ct2020-en"
DEPTH = 30
"""Ranked claims kept per query: MAP@5 reads 5, recall@30 all of them."""


@dataclass
class Split:
    name: str
    tweets: list[str]
    relevant: list[set[int]]
    """Relevant vclaim ids per tweet."""


def read_docs(data: Path) -> list[tuple[int, str, str]]:
    with (data / "verified_claims.docs.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))[1:]
    return [(int(r[0]), r[1], r[2]) for r in rows]


def read_split(data: Path, name: str) -> Split:
    with (data / name / "tweets.queries.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    relevant: dict[str, set[int]] = {}
    for line in (data / name / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        if line.strip():
            tweet, _, vclaim, _ = line.split()
            relevant.setdefault(tweet, set()).add(int(vclaim))
    kept = [(r[1], relevant[r[0]]) for r in rows if r[0] in relevant]
    return Split(name, [t for t, _ in kept], [r for _, r in kept])


def average_precision(ranked: Sequence[int], relevant: set[int], cut: int = 5) -> float:
    """trec_eval's map_cut: precision at each relevant rank up to `cut`, over the relevant count."""
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked[:cut], 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def scores(rankings: list[list[int]], split: Split) -> tuple[float, float]:
    """(MAP@5, recall@30) of rankings of vclaim ids."""
    ap = [average_precision(r, rel) for r, rel in zip(rankings, split.relevant)]
    recall = [len(set(r[:30]) & rel) / len(rel) for r, rel in zip(rankings, split.relevant)]
    return float(np.mean(ap)), float(np.mean(recall))


class Bench:
    """The archive imported into a temporary database, with everything the methods share."""

    def __init__(self, data: Path, workdir: Path, embedder: CachedEmbedder, titles: bool):
        self.docs = read_docs(data)
        self.embedder = embedder
        self.titles = titles
        self.fit_rerank = False
        self.lists = False
        self.db = workdir / "claims.db"
        self.lexical_bench = _Workbench(self.db, Settings(semantic=False), None)
        self.workbench = _Workbench(self.db, Settings(), embedder)
        self.vclaim_of: dict[int, int] = {}

    def text(self, doc: tuple[int, str, str]) -> str:
        """What the baseline indexes and e5 embeds for a claim: with titles, the headline and the
        claim as workbench.matching.embedding.passage_text joins them."""
        return " ".join((f"{doc[2]}. {doc[1]}" if self.titles else doc[1]).split())

    def load(self) -> None:
        path = self.db.with_name("archive.csv")
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            if self.titles:  # the headline as the claim's context, as a user's claims CSV carries it
                writer.writerow(["text", "language", "title"])
                writer.writerows([" ".join(d[1].split()), "en", " ".join(d[2].split())] for d in self.docs)
            else:
                writer.writerow(["text", "language"])
                writer.writerows([self.text(d), "en"] for d in self.docs)
        started = time.perf_counter()
        result = self.workbench.import_claims_csv(path.read_text(encoding="utf-8"), str(path))
        took = time.perf_counter() - started
        print(f"import: {result.claim_count} claims in {took:.1f} s ({result.claim_count / took:.0f}/s)")
        assert result.claim_count == len(self.docs), result.problems[:3]
        with self.workbench.store() as store:
            ids = [c.id for c in store.claims.rows(article_id=result.article_id)]
        self.vclaim_of = {claim: doc[0] for claim, doc in zip(sorted(ids), self.docs)}
        started = time.perf_counter()
        done = self.workbench.index_vectors()
        took = time.perf_counter() - started
        print(f"index: {done} claims embedded in {took:.1f} s (cached rows included)")
        if self.lists:
            from workbench.store import vector_lists

            vector_lists.LISTS_FROM = 0  # this archive is below it: the lists are forced, to be measured
            filed = self.workbench.index_lists()
            print(f"lists: {filed} vectors filed, {vector_lists.PROBES} lists probed per query (approximate search)")

    def vclaims(self, claim_ids: list[int]) -> list[int]:
        return [self.vclaim_of[c] for c in claim_ids]


class _Workbench(Workbench):
    """The workbench with the benchmark's cached embedder in place of the installed model."""

    def __init__(self, db: Path, settings: Settings, embedder: CachedEmbedder | None):
        super().__init__(db, "benchmark", settings)
        self._embedder = embedder

    def embedder(self):  # noqa: ANN201 - Embedder | None
        return self._embedder if self.settings.semantic else None


def as_main(bench: Bench, texts: list[str]) -> list[list]:
    """Workbench.match_many as main ran it, on the same database in the same run: posts looked up
    as written (no nlp/posts.searchable: links, hashtags and handles as they are), and claims
    without contexts never reranked (no rerank_claims.json yet)."""
    from workbench.matching import rerank
    from workbench.usecases import finding

    workbench = bench.workbench
    fitted = rerank.CLAIMS_WEIGHTS
    rerank.CLAIMS_WEIGHTS = fitted.with_name("not-there.json")  # Matcher._rerank_model reads it per session
    try:
        with workbench.store() as store:
            embedding = finding.QueryEmbedding(workbench.settings, texts, workbench.store, DEPTH)
            languages, extracted = finding.query_drafts(workbench.settings, texts, DEPTH, "en")
            return finding.match_many(store, embedding, texts, DEPTH, languages, extracted)
    finally:
        rerank.CLAIMS_WEIGHTS = fitted


def fts5_baseline(bench: Bench, split: Split) -> list[list[int]]:
    """Plain FTS5 BM25 over the claim text (unicode61, every query word OR'ed): the reference."""
    import re
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO docs (rowid, text) VALUES (?, ?)", [(d[0], bench.text(d)) for d in bench.docs])
    rankings = []
    for tweet in split.tweets:
        words = sorted(set(re.findall(r"\w+", tweet.lower())))
        if not words:
            rankings.append([])
            continue
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", [query, DEPTH])
        rankings.append([r[0] for r in rows])
    return rankings


class Stages:
    """Each query's lexical and semantic evidence, computed once, so a grid search is cheap."""

    def __init__(self, bench: Bench, split: Split):
        from workbench.matching.engine import Matcher, query_features
        from workbench.nlp.extract import extract_whole

        self.bench = bench
        self.split = split
        texts = [searchable(t) for t in split.tweets]  # as Workbench.match_many reads a post
        drafts = extract_whole(texts, "en", [None] * len(texts), [None] * len(texts))
        self.queries = [query_features(t, [d], "en", None) for t, d in zip(texts, drafts)]
        self.vectors = bench.embedder.queries(texts)
        self._store = bench.workbench.store()
        store = self._store.__enter__()
        self.matcher = Matcher(store, bench.embedder)
        self.index = store.index
        self.frequencies, self.size = self.matcher._vocabulary()
        self.vector_index = self.matcher._vector_index()
        self._lexical: dict[tuple[float, float], list] = {}

    def close(self) -> None:
        self._store.__exit__(None, None, None)

    def lexical(self, k1: float, b: float) -> list[tuple[np.ndarray, np.ndarray]]:
        from workbench.matching.engine import common_limit

        key = (k1, b)
        if key not in self._lexical:
            common = common_limit(self.size)
            self._lexical[key] = [bm25(self.index, q.terms(), self.frequencies, common, k1, b) for q in self.queries]
        return self._lexical[key]

    def ranked(self, found: list[list[retrieval.Retrieved]]) -> list[list[int]]:
        return [self.bench.vclaims([r.claim for r in f]) for f in found]

    def lexical_only(self, k1: float, b: float) -> list[list[int]]:
        return self.ranked([retrieval.fuse(lex, None, None, DEPTH) for lex in self.lexical(k1, b)])

    def fused(
        self, k1: float, b: float, weight: float, method: str = "rrf", k: float = retrieval.RRF_K
    ) -> list[list[int]]:
        return self.ranked(
            [
                retrieval.fuse(lex, self.vector_index, vec, DEPTH, weight=weight, method=method, k=k)
                for lex, vec in zip(self.lexical(k1, b), self.vectors)
            ]
        )

    def reranked(self, k1: float, b: float) -> list[list[int]]:
        """The lexical stage's 30 best reordered by compare()'s score, as `match` ranked before."""
        from workbench.matching.compare import compare

        weights = self.matcher._weights()
        rankings = []
        for query, lex in zip(self.queries, self.lexical(k1, b)):
            found = retrieval.fuse(lex, None, None, DEPTH)
            read = self.matcher.features([r.claim for r in found])
            order = sorted(read, key=lambda c: (-compare(query, read[c], weights).score, c))
            rankings.append(self.bench.vclaims(order))
        return rankings

    def candidates(self) -> list[list[retrieval.Retrieved]]:
        """Each query's fused candidates as the product fuses them, rerank.DEPTH of them."""
        from workbench.matching import rerank

        if not hasattr(self, "_candidates"):
            self._candidates = [
                retrieval.fuse(lex, self.vector_index, vec, rerank.DEPTH)
                for lex, vec in zip(self.lexical(retrieval.K1, retrieval.B), self.vectors)
            ]
        return self._candidates

    def rerank_rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(feature rows, labels, query of each row) of every query's fused candidates."""
        from workbench.matching import rerank

        rows, labels, groups = [], [], []
        for i, (query, found) in enumerate(zip(self.queries, self.candidates())):
            read = self.matcher.features([r.claim for r in found])
            rows += rerank.candidate_rows(found, query, read, self.idf(query))
            relevant = self.split.relevant[i]
            labels += [1.0 if self.bench.vclaim_of[r.claim] in relevant else 0.0 for r in found]
            groups += [i] * len(found)
        return np.asarray(rows), np.asarray(labels), np.asarray(groups)

    def idf(self, query) -> dict[str, float]:  # noqa: ANN001 - ClaimFeatures
        from workbench.matching.lexical import idf

        return idf(query.terms(), self.frequencies, self.size)

    def reranked_by(self, model) -> list[list[int]]:  # noqa: ANN001 - rerank.RerankModel
        from workbench.matching import rerank

        rankings = []
        for query, found in zip(self.queries, self.candidates()):
            read = self.matcher.features([r.claim for r in found])
            ranked = rerank.rerank(found, query, read, model, self.idf(query))
            rankings.append(self.bench.vclaims([r.claim for r, _ in ranked]))
        return rankings

    def semantic(self, rows: np.ndarray, ids: np.ndarray) -> list[list[int]]:
        every = self.vectors @ rows.T
        top = np.argsort(-every, axis=1, kind="stable")[:, :DEPTH]
        return [self.bench.vclaims(ids[t].tolist()) for t in top]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method (IRLS) with an L2 penalty on the weights (not the
    bias), on standardised columns: a few hundred lines of sklearn are not needed for 9 features."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def pairwise_differences(z: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, labels) for a pairwise ranking fit: within each query, every relevant candidate's
    row minus every other candidate's (label 1) and the reverse (label 0)."""
    diffs = []
    for group in np.unique(groups):
        members = np.flatnonzero(groups == group)
        positive, negative = members[y[members] == 1], members[y[members] == 0]
        diffs += [z[p] - z[negative] for p in positive if len(negative)]
    d = np.vstack(diffs) if diffs else np.empty((0, z.shape[1]))
    return np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))]


def fit_rerank(train: Stages, l2: float, objective: str):  # noqa: ANN201 - rerank.RerankModel
    """A logistic rerank on standardised features: "pointwise" (is this candidate relevant?) or
    "pairwise" (is this candidate above that one, for the same query?), which fits the order itself."""
    from workbench.matching import rerank

    x, y, groups = train.rerank_rows()
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    if objective == "pairwise":
        weights, _ = fit_logistic(*pairwise_differences(z, y, groups), l2)
        bias = 0.0  # a ranking score: only differences between candidates count
    else:
        weights, bias = fit_logistic(z, y, l2)
    return rerank.RerankModel(
        rerank.FEATURES, tuple(weights.tolist()), bias, tuple(means.tolist()), tuple(scales.tolist())
    )


def write_rerank(model, path: Path, objective: str) -> None:  # noqa: ANN001 - rerank.RerankModel
    import json

    data = {
        "fitted_on": "CheckThat! 2020 Task 2 train split, fused candidates (benchmarks/retrieval.py --fit-rerank"
        + (" --titles)" if path.name == "rerank.json" else ")"),
        "objective": objective,
        "features": list(model.features),
        "weights": [round(w, 6) for w in model.weights],
        "bias": round(model.bias, 6),
        "means": [round(m, 6) for m in model.means],
        "scales": [round(s, 6) for s in model.scales],
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def fit(stages: Stages, grid: Callable[[], list[dict]], run: Callable[..., list[list[int]]]) -> dict:
    """The grid point with the best train MAP@5 (ties: the first)."""
    best, best_map = None, -1.0
    for params in grid():
        found = scores(run(**params), stages.split)[0]
        if found > best_map + 1e-9:
            best, best_map = params, found
    return best | {"train_map": best_map}


BM25_GRID = [{"k1": k1, "b": b} for k1 in (0.6, 0.9, 1.2, 1.6, 2.0) for b in (0.3, 0.5, 0.75, 0.9, 1.0)]
WEIGHTS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2)
RRF_KS = (5, 10, 20, 60)
RRF_WEIGHTS = (0.5, 0.75, 1.0, 1.5)
RERANK_L2 = (0.1, 1.0, 10.0, 100.0)


class Report:
    def __init__(self) -> None:
        print(f"\n{'method':<58} {'train MAP@5':>11} {'dev MAP@5':>10} {'dev R@30':>9}")

    def row(self, label: str, train: list[list[int]] | None, dev: list[list[int]], stages: dict[str, Stages]) -> None:
        train_map = f"{scores(train, stages['train'].split)[0]:.3f}" if train is not None else "-"
        dev_map, dev_recall = scores(dev, stages["dev"].split)
        print(f"{label:<58} {train_map:>11} {dev_map:>10.3f} {dev_recall:>9.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--titles",
        action="store_true",
        help="import each Snopes headline as its claim's context (claims-csv title column)",
    )
    parser.add_argument(
        "--fit-rerank",
        action="store_true",
        help="write the rerank fitted on train to workbench/matching/rerank.json (--titles) or rerank_claims.json",
    )
    parser.add_argument("--workdir", type=Path, help="keep the database here (default: a temporary folder)")
    parser.add_argument(
        "--lists",
        action="store_true",
        help="search the vectors through their lists (approximate, as an archive of 50,000+ claims does)",
    )
    args = parser.parse_args()
    if not (args.data / "verified_claims.docs.tsv").exists():
        sys.exit(f"No CheckThat! 2020 data at {args.data}")
    from workbench.matching.embedding import default_embedder

    model = default_embedder()
    if model is None:
        sys.exit("The embedding model cannot run here.")
    embedder = CachedEmbedder(model)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        bench = Bench(args.data, workdir, embedder, args.titles)
        bench.fit_rerank = args.fit_rerank
        bench.lists = args.lists
        bench.load()
        splits = {name: read_split(args.data, name) for name in ("train", "dev")}
        stages = {name: Stages(bench, split) for name, split in splits.items()}
        try:
            run(bench, stages)
        finally:
            for s in stages.values():
                s.close()


def run(bench: Bench, stages: dict[str, Stages]) -> None:
    train, dev = stages["train"], stages["dev"]
    print(f"claims {len(bench.docs)}, train tweets {len(train.split.tweets)}, dev tweets {len(dev.split.tweets)}")
    print(f"titles stored as context: {'yes' if bench.titles else 'no'}")
    report = Report()
    report.row(
        "FTS5 BM25 over claim text (baseline)",
        fts5_baseline(bench, train.split),
        fts5_baseline(bench, dev.split),
        stages,
    )

    product = {"k1": retrieval.K1, "b": retrieval.B}
    report.row(
        f"workbench lexical: BM25 over index terms (k1 {product['k1']}, b {product['b']})",
        train.lexical_only(**product),
        dev.lexical_only(**product),
        stages,
    )
    best_bm25 = fit(train, lambda: BM25_GRID, train.lexical_only)
    k1, b = best_bm25["k1"], best_bm25["b"]
    report.row(
        f"  same, k1 {k1} b {b} fitted on train", train.lexical_only(k1=k1, b=b), dev.lexical_only(k1=k1, b=b), stages
    )
    report.row("  reranked by compare().score (as on main)", train.reranked(**product), dev.reranked(**product), stages)

    with bench.workbench.store() as store:
        ids, stored = store.vectors.matrix(bench.embedder.name)
    texts = [bench.text(d) for d in bench.docs]
    floats = bench.embedder.passages(texts)
    float_ids = np.asarray(sorted(bench.vclaim_of), dtype=np.int64)
    report.row("e5 alone, int8 vectors as stored", train.semantic(stored, ids), dev.semantic(stored, ids), stages)
    report.row("e5 alone, float32 vectors", train.semantic(floats, float_ids), dev.semantic(floats, float_ids), stages)

    sum_grid = [{"k1": k1, "b": b, "weight": w, "method": "sum"} for w in WEIGHTS]
    best_sum = fit(train, lambda: sum_grid, train.fused)
    w = best_sum["weight"]
    report.row(
        f"hybrid score sum: cos + {w} * bm25/max (weight fitted on train)",
        train.fused(k1, b, w, "sum"),
        dev.fused(k1, b, w, "sum"),
        stages,
    )
    report.row(
        "hybrid RRF, plain (k 60, equal weights)", train.fused(k1, b, 1.0, k=60), dev.fused(k1, b, 1.0, k=60), stages
    )
    rrf_grid = [
        {"k1": bm25["k1"], "b": bm25["b"], "weight": wl, "k": k}
        for bm25 in ({"k1": k1, "b": b}, {"k1": 1.2, "b": 0.75})
        for k in RRF_KS
        for wl in RRF_WEIGHTS
    ]
    best_rrf = fit(train, lambda: rrf_grid, train.fused)
    fitted = {key: best_rrf[key] for key in ("k1", "b", "weight", "k")}
    report.row(
        "hybrid RRF, k1 {k1} b {b} weight {weight} k {k} fitted on train".format(**fitted),
        train.fused(**fitted),
        dev.fused(**fitted),
        stages,
    )

    from workbench.matching import rerank

    report.row(
        f"hybrid RRF as the product fuses it, first {rerank.DEPTH} (no rerank)",
        train.reranked_by(None),
        dev.reranked_by(None),
        stages,
    )
    best: dict[str, tuple[float, float, object]] = {}
    for objective in ("pointwise", "pairwise"):
        for l2 in RERANK_L2:  # the penalty chosen on train, as everything else
            model = fit_rerank(train, l2, objective)
            found = scores(train.reranked_by(model), train.split)[0]
            if found > best.get(objective, (-1.0,))[0] + 1e-9:
                best[objective] = (found, l2, model)
        _, l2, model = best[objective]
        report.row(
            f"  reranked: {objective} logistic, {len(rerank.FEATURES)} features, L2 {l2} (fitted on train)",
            train.reranked_by(model),
            dev.reranked_by(model),
            stages,
        )
    objective = max(best, key=lambda o: best[o][0])  # the objective chosen on train too
    best_model = best[objective][2]
    print(
        f"  chosen on train: {objective}; weights: "
        + ", ".join(f"{f} {w:+.2f}" for f, w in zip(rerank.FEATURES, best_model.weights))
    )
    weights = rerank.WEIGHTS if bench.titles else rerank.CLAIMS_WEIGHTS  # as Matcher._rerank_model chooses
    if bench.fit_rerank:
        write_rerank(best_model, weights, objective)
        rerank.load.cache_clear()
        print(f"  wrote {weights}")
    shipped = rerank.load(weights) is not None
    print(f"  shipped rerank: {'applied' if shipped else 'not applied'} ({weights.name})")

    for name, s in stages.items():
        started = time.perf_counter()
        found = bench.workbench.match_many(s.split.tweets, DEPTH, "en")
        took = time.perf_counter() - started
        rankings = [bench.vclaims([m.claim for m in matches]) for matches in found]
        s.product = rankings  # type: ignore[attr-defined]
        print(f"  ({name}: match_many, {len(s.split.tweets)} queries in {took:.1f} s)", file=sys.stderr)
        s.main = [bench.vclaims([m.claim for m in matches]) for matches in as_main(bench, s.split.tweets)]  # type: ignore[attr-defined]
    report.row(
        "workbench match_many as on main (posts as written, claims alone not reranked)",
        train.main,  # type: ignore[attr-defined]
        dev.main,  # type: ignore[attr-defined]
        stages,
    )
    report.row(
        f"workbench match_many (product: k1 {retrieval.K1} b {retrieval.B} weight {retrieval.LEXICAL_WEIGHT}"
        f" k {retrieval.RRF_K}, rerank {'on' if shipped else 'off'})",
        train.product,  # type: ignore[attr-defined]
        dev.product,  # type: ignore[attr-defined]
        stages,
    )
    print(
        f"\nfitted on train: BM25 k1 {k1} b {b} (train MAP@5 {best_bm25['train_map']:.3f}); "
        f"score-sum weight {w} (train {best_sum['train_map']:.3f}); "
        "RRF k1 {k1} b {b} weight {weight} k {k}".format(**fitted)
        + f" (train {best_rrf['train_map']:.3f})"
    )


if __name__ == "__main__":
    main()
