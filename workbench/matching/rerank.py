"""A small learned rerank of the fused candidates: a linear score over what retrieval and the
claims' features already know (BM25, cosine, both ranks, words and actors shared, length).

Reciprocal-rank fusion weighs the lexical and the semantic rank the same for every query; a
query whose best cosine stands far above the rest, or a claim that shares every rare word but
ranks tenth by cosine, is better told apart by the scores themselves. The weights are a pairwise
logistic regression (is this candidate above that one for the same query?) fitted on the
CheckThat! 2020 train split; `python -m benchmarks.retrieval --titles --fit-rerank` chooses the
objective and penalty on train, writes rerank.json (plain JSON, no pickle) and prints dev MAP@5
beside the fusion alone in the same run: it is kept because it raised dev MAP@5 (0.874 -> 0.902)
with the Snopes headlines stored as context, and applied only to an archive that has contexts
(Matcher._rerank_model): on the claims alone it lowered it (0.855 -> 0.847). It reorders the
DEPTH best fused claims of a query with a vector; without vectors (semantic matching off, nothing
embedded) the lexical order stands, as the model was fitted with cosines. The score a match shows
is then the logistic of the ranking score: higher is better, but it is not a probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.matching.features import ClaimFeatures
    from workbench.matching.retrieval import Retrieved

WEIGHTS = Path(__file__).with_name("rerank.json")
DEPTH = 30
"""Fused candidates the rerank reorders (the right claim is among the first 30 for ~95 % of dev tweets)."""
FEATURES = (
    "fused",
    "lexical",
    "cosine",
    "cosine_gap",
    "lexical_rank",
    "semantic_rank",
    "stems_shared",
    "actors_shared",
    "length_ratio",
)


@dataclass(frozen=True)
class RerankModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def score(self, row: Sequence[float]) -> float:
        """A candidate's ranking score in 0..1 (the logistic of the linear score)."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load(path: Path = WEIGHTS) -> RerankModel | None:
    """The shipped model, or None when no weights file is there (then the fused order stands)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None  # fitted on other features: a stale file is ignored, not misread
    return RerankModel(
        tuple(data["features"]),
        tuple(data["weights"]),
        float(data["bias"]),
        tuple(data["means"]),
        tuple(data["scales"]),
    )


def candidate_rows(
    found: Sequence[Retrieved], query: ClaimFeatures, read: dict[int, ClaimFeatures]
) -> list[list[float]]:
    """One feature row per fused candidate (in FEATURES order); a candidate with no vector yet takes
    the lowest cosine of the others."""
    cosines = [r.cosine for r in found if r.cosine is not None]
    best = max(cosines, default=0.0)
    floor = min(cosines, default=0.0)
    query_stems = set(query.stems)
    rows = []
    for r in found:
        claim = read.get(r.claim)
        stems = set(claim.stems) if claim is not None else set()
        actors = claim.entities if claim is not None else frozenset()
        cosine = floor if r.cosine is None else r.cosine
        rows.append(
            [
                r.score,
                r.lexical,
                cosine,
                cosine - best,
                1.0 / r.lexical_rank if r.lexical_rank else 0.0,
                1.0 / r.semantic_rank if r.semantic_rank else 0.0,
                len(query_stems & stems) / max(len(query_stems), 1),
                len(query.entities & actors) / max(len(query.entities), 1),
                math.log((len(stems) + 1) / (len(query_stems) + 1)),
            ]
        )
    return rows


def rerank(
    found: list[Retrieved], query: ClaimFeatures, read: dict[int, ClaimFeatures], model: RerankModel | None
) -> list[tuple[Retrieved, float]]:
    """The first DEPTH candidates reordered by the model's score, the rest after them in their
    fused order; each with the score to show (the model's, or the fused one without a model)."""
    if model is None or not found or all(r.cosine is None for r in found):
        return [(r, r.score) for r in found]
    head, tail = found[:DEPTH], found[DEPTH:]
    scored = [(r, model.score(row)) for r, row in zip(head, candidate_rows(head, query, read))]
    scored.sort(key=lambda pair: (-pair[1], pair[0].claim))
    floor = min((s for _, s in scored), default=0.0)
    return scored + [(r, min(r.score, floor)) for r in tail]
