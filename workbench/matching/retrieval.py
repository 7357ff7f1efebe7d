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

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from workbench.store.vectors import Lists

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
SCORE_CHUNK = 8_192
"""int8 rows decoded to float at a time when a query is scored (12 MB at 384 dimensions)."""
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
    bm25: float = 0.0
    """Its BM25 score as the lexical stage gave it (0 when it shares no term read)."""


class VectorIndex:
    """A model's stored vectors kept in memory for a matching session, as int8 rows (a quarter of
    float32's bytes: 384 MB at a million claims, where the float matrix took 1.5 GB), with their
    lists when the store has them (workbench/store/vector_lists.py): a query is scored exactly
    against the rows of its PROBES nearest lists and the unfiled ones, or against every row
    without lists (a small archive). ClaimVectors.nearest answers a one-shot query the same way.
    The rows are grouped by list (ClaimVectors.listed lays them out so), so a list is one slice."""

    def __init__(self, ids: np.ndarray, filed: np.ndarray, rows: np.ndarray, lists: Lists | None):
        import numpy as np

        from workbench.store.vector_lists import inverse_norms

        if len(filed) and np.any(filed[1:] < filed[:-1]):  # not grouped by list yet
            order = np.argsort(filed, kind="stable")
            ids, filed, rows = ids[order], filed[order], rows[order]
        self.ids = ids
        self.rows = rows
        self.lists = lists
        self._inverse = inverse_norms(rows)
        self._starts = np.searchsorted(filed, np.arange(-1, (0 if lists is None else len(lists.centroids)) + 1))
        """Where each group starts: group 0 is the unfiled rows, group g the rows of list g - 1."""
        self._by_id = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._by_id]
        self._floats: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def _ranges(self, vector: np.ndarray) -> list[tuple[int, int]]:
        """The (start, stop) slices of the rows a query reads: the unfiled rows and its lists'."""
        import numpy as np

        if self.lists is None:
            return [(0, len(self.ids))]
        from workbench.store.vector_lists import probes

        groups = np.concatenate([[0], np.sort(probes(self.lists.centroids, vector)[0]) + 1])
        return [
            (int(self._starts[g]), int(self._starts[g + 1])) for g in groups if self._starts[g + 1] > self._starts[g]
        ]

    def _cosines(self, rows: np.ndarray, vector: np.ndarray, out: np.ndarray) -> None:
        """Cosines of the query with int8 rows (unscaled), into `out`, SCORE_CHUNK rows decoded at a
        time into a buffer the session keeps: no float copy of all the rows, no fresh memory per query."""
        import numpy as np

        from workbench.store import vector_lists

        if self._floats is None:
            self._floats = np.empty((SCORE_CHUNK, self.rows.shape[1]), dtype=np.float32)
        for start in range(0, len(rows), SCORE_CHUNK):
            block = rows[start : start + SCORE_CHUNK]
            floats = self._floats[: len(block)]
            floats[...] = block
            vector_lists.scores(floats, vector, out=out[start : start + len(block)])

    def search(
        self, vector: np.ndarray, count: int, exclude: set[int], wanted: list[int]
    ) -> tuple[np.ndarray, np.ndarray, list[float | None]]:
        """The `count` nearest claims (ids, cosines), and the cosine of each `wanted` claim (None
        without a vector): what fuse() asks of the semantic stage."""
        import numpy as np

        ranges = self._ranges(vector)
        scores = np.empty(sum(stop - start for start, stop in ranges), dtype=np.float32)
        done = 0
        for start, stop in ranges:
            self._cosines(self.rows[start:stop], vector, scores[done : done + stop - start])
            scores[done : done + stop - start] *= self._inverse[start:stop]
            done += stop - start
        read = np.concatenate([self.ids[start:stop] for start, stop in ranges]) if ranges else self.ids[:0]
        ids, best = top(read, scores, count, exclude)
        return ids, best, self.cosines(vector, wanted)

    def cosines(self, vector: np.ndarray, claim_ids: list[int]) -> list[float | None]:
        """The query's cosine with each of these claims, None for one without a vector."""
        import numpy as np

        if not claim_ids or not len(self.ids):
            return [None] * len(claim_ids)
        asked = np.asarray(claim_ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._sorted_ids, asked), len(self.ids) - 1)
        present = self._sorted_ids[at] == asked
        positions = self._by_id[at[present]]
        found = np.empty(len(positions), dtype=np.float32)
        self._cosines(self.rows[positions], vector, found)
        found *= self._inverse[positions]
        values = iter(found.tolist())
        return [next(values) if p else None for p in present.tolist()]


class NearestFound:
    """The semantic stage for query vectors known up front (`match`, `match -`): their nearest
    claims found in one streamed pass over the stored vectors (ClaimVectors.nearest), the cosines
    of other claims from their stored vectors, so no session loads the archive's matrix."""

    def __init__(
        self,
        found: dict[bytes, tuple[np.ndarray, np.ndarray]],
        depth: int,
        size: int,
        stored: Callable[[list[int]], dict[int, np.ndarray]],
    ):
        self.found = found
        self.depth = depth
        self.size = size
        self.stored = stored

    def __len__(self) -> int:
        return self.size

    def answers(self, vector: np.ndarray | None, count: int, exclude: set[int] | None) -> bool:
        """Whether this query's nearest claims were found, deep enough, with nothing to exclude."""
        return vector is not None and not exclude and count <= self.depth and vector.tobytes() in self.found

    def search(
        self, vector: np.ndarray, count: int, exclude: set[int], wanted: list[int]
    ) -> tuple[np.ndarray, np.ndarray, list[float | None]]:
        ids, scores = self.found[vector.tobytes()]
        known = dict(zip(ids.tolist(), scores.tolist()))
        missing = [c for c in wanted if c not in known]
        rows = self.stored(missing) if missing else {}
        known.update((c, float(row @ vector)) for c, row in rows.items())
        return ids[:count], scores[:count], [known.get(c) for c in wanted]


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
    vectors: VectorIndex | NearestFound | None,
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
        return [Retrieved(c, s, s, None, lexical_rank[c], None, s * best_lexical) for c, s in lexical_of.items()][
            :count
        ]
    sem_ids, sem_scores, lexical_cosines = vectors.search(query_vector, max(depth, count), exclude, lex_ids.tolist())
    floor = float(sem_scores[-1]) if len(sem_scores) else 0.0
    cosine_of: dict[int, float | None] = dict(zip(sem_ids.tolist(), sem_scores.tolist()))
    for claim, cosine in zip(lex_ids.tolist(), lexical_cosines):
        if claim not in cosine_of:
            cosine_of[claim] = cosine
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
        Retrieved(
            c,
            s,
            lexical_of.get(c, 0.0),
            cosine_of.get(c),
            lexical_rank.get(c),
            semantic_rank.get(c),
            lexical_of.get(c, 0.0) * best_lexical,
        )
        for c, s in score_of.items()
    ]
    found.sort(key=lambda r: (-r.score, r.claim))
    return found[:count]
