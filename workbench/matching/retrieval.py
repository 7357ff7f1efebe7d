"""Hybrid retrieval: BM25 over the claims' index terms united with their nearest stored vectors.

Finding an earlier claim is a similarity problem: the lexical stage finds claims that share the
query's rare words, actors, figures and dates; the semantic stage finds the same claim in other
words or another language. Each hands over its best DEPTH claims, and the union is ranked by
weighted reciprocal-rank fusion: LEXICAL_WEIGHT / (RRF_K + lexical rank) + 1 / (RRF_K + semantic
rank). Ranks, not scores: e5's cosines crowd into a narrow band (most claims 0.75 to 0.9) while
BM25 is unbounded, and on the CheckThat! 2020 split a weighted sum of the two scores (fitted on
train) stayed 0.05 MAP@5 below the fused ranks on dev. K1, B, RRF_K, LEXICAL_WEIGHT and DEPTH
were fitted together on the train split by grid search; benchmarks/retrieval.py prints the
figures on train and dev beside each stage alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

K1 = 0.9
B = 0.5
"""BM25's term saturation and length normalisation (Okapi's usual 1.2 and 0.75 scored lower on train)."""
RRF_K = 10
"""Reciprocal-rank fusion's constant: small, so the first few places of each stage count most.
k 5 and k 10 tie on train (MAP@5 0.855); the larger, smoother one is kept."""
LEXICAL_WEIGHT = 1.0
"""The lexical ranks' weight beside the semantic ranks' (1.0: equal, the train optimum)."""
DEPTH = 100
"""Claims each stage hands to the fusion."""
SUM_WEIGHT = 0.02
"""The lexical weight of the score-sum fusion, the benchmark's alternative (fitted on train)."""


@dataclass(frozen=True)
class Retrieved:
    """One claim found for a query, with what each stage said of it."""

    claim: int
    score: float
    lexical: float
    """BM25 over the query's best BM25 (0..1), 0 when the claim shares no term read."""
    cosine: float | None
    """None when the claim (or the query) has no vector yet."""
    lexical_rank: int | None = None
    """Its place (1 first) in the lexical stage's best, None outside them."""
    semantic_rank: int | None = None
    """Its place (1 first) among the nearest vectors, None outside them."""


class VectorIndex:
    """The stored vectors of one model as one matrix: nearest claims by a brute-force dot product."""

    def __init__(self, ids: np.ndarray, rows: np.ndarray):
        self.ids = ids
        self.rows = rows
        self._position = {int(c): i for i, c in enumerate(ids.tolist())}

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of the query with every stored claim, in the order of `ids`."""
        cosines: np.ndarray = self.rows @ vector
        return cosines

    def positions(self, claim_ids: list[int]) -> list[int | None]:
        return [self._position.get(c) for c in claim_ids]


def top(ids: np.ndarray, scores: np.ndarray, count: int, exclude: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """The `count` best (ids, scores), best first, ties to the older claim; excluded ids left out."""
    import numpy as np

    if exclude and len(ids):
        keep = ~np.isin(ids, np.fromiter(exclude, dtype=np.int64))
        ids, scores = ids[keep], scores[keep]
    if len(ids) > count:
        part = np.argpartition(-scores, count - 1)[:count]
        # ties at the cut stay consistent: argpartition picks arbitrarily, so widen to all tied scores
        cut = scores[part].min()
        part = np.flatnonzero(scores >= cut)
        ids, scores = ids[part], scores[part]
    order = np.lexsort((ids, -scores))[:count]
    return ids[order], scores[order]


def fuse(
    lexical: tuple[np.ndarray, np.ndarray],
    vectors: VectorIndex | None,
    query_vector: np.ndarray | None,
    count: int,
    exclude: set[int] | None = None,
    *,
    weight: float = LEXICAL_WEIGHT,
    depth: int = DEPTH,
    k: float = RRF_K,
    method: str = "rrf",
) -> list[Retrieved]:
    """The `count` best claims for a query from both stages, best first.

    `lexical` is (claim ids, BM25 scores) of every claim sharing a term (workbench.matching.lexical.bm25). With no
    vectors (semantic matching off, the model missing, nothing embedded yet) the lexical ranking
    is the answer. A claim not embedded yet (an archive before `workbench index`) takes its lexical
    rank for its semantic one too, so it competes as an equal with claims that have vectors. Scores are scaled
    so a claim first in both stages scores 1. method "sum" ranks by cosine + weight * BM25 / the
    best BM25 instead (a claim without a vector takes the lowest cosine of the semantic candidates).
    """

    exclude = exclude or set()
    lex_ids, lex_scores = top(*lexical, max(depth, count), exclude)
    best_lexical = float(lex_scores[0]) if len(lex_scores) else 1.0
    lexical_of = dict(zip(lex_ids.tolist(), (lex_scores / best_lexical).tolist()))
    lexical_rank = {c: r for r, c in enumerate(lexical_of, 1)}
    if vectors is None or query_vector is None or not len(vectors):
        return [Retrieved(c, s, s, None, lexical_rank[c]) for c, s in lexical_of.items()][:count]
    every = vectors.scores(query_vector)
    sem_ids, sem_scores = top(vectors.ids, every, max(depth, count), exclude)
    floor = float(sem_scores[-1]) if len(sem_scores) else 0.0
    cosine_of: dict[int, float | None] = dict(zip(sem_ids.tolist(), sem_scores.tolist()))
    for claim, position in zip(lex_ids.tolist(), vectors.positions(lex_ids.tolist())):
        if claim not in cosine_of:
            cosine_of[claim] = None if position is None else float(every[position])
    if method == "rrf":
        best = (weight + 1.0) / (k + 1.0)
        score_of = {c: weight / (k + r) / best for r, c in enumerate(lexical_of, 1)}
        for r, c in enumerate(sem_ids.tolist(), 1):
            score_of[c] = score_of.get(c, 0.0) + 1.0 / (k + r) / best
        for r, c in enumerate(lexical_of, 1):
            if cosine_of.get(c) is None:  # not embedded yet: its lexical rank stands for both
                score_of[c] += 1.0 / (k + r) / best
    else:
        score_of = {
            c: (floor if cos is None else cos) + weight * lexical_of.get(c, 0.0) for c, cos in cosine_of.items()
        }
    semantic_rank = {c: r for r, c in enumerate(sem_ids.tolist(), 1)}
    found = [
        Retrieved(c, s, lexical_of.get(c, 0.0), cosine_of.get(c), lexical_rank.get(c), semantic_rank.get(c))
        for c, s in score_of.items()
    ]
    found.sort(key=lambda r: (-r.score, r.claim))
    return found[:count]
