"""A small learned rerank of the fused candidates: a linear score over what retrieval and the
claims' features already know (BM25, cosine, both ranks, words, rare terms, figures and actors
shared, length).

Reciprocal-rank fusion weighs the lexical and the semantic rank the same for every query; a
query whose best cosine stands far above the rest, or a claim that shares every rare word but
ranks tenth by cosine, is better told apart by the scores themselves. The weights are a pairwise
logistic regression (is this candidate above that one for the same query?) fitted on the
CheckThat! 2020 train split; `python -m benchmarks.retrieval [--titles] --fit-rerank` chooses the
objective and penalty on train, writes the model (plain JSON, no pickle) and prints dev MAP@5
beside the fusion alone in the same run. There are two, as the two kinds of archive differ: claims
stored with their headlines as context (rerank.json, nine features: dev MAP@5 0.874 -> 0.902)
and claims alone (rerank_claims.json). On claims alone those nine features lowered dev MAP@5
(0.855 -> 0.847); with the share of the query's idf a candidate holds (rare_shared), figures
shared, the cosine against the candidates' spread, raw BM25 and the fused place it raised it
(0.875 -> 0.880, train 0.872 -> 0.889; benchmarks/retrieval.py, tweets read as posts). A model
reads the features its file names. It reorders the DEPTH best fused claims of a query with a
vector; without vectors (semantic matching off, nothing embedded) the lexical order stands, as
the model was fitted with cosines. The score a match shows is then the logistic of the ranking
score: higher is better, but it is not a probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.matching.features import ClaimFeatures
    from workbench.matching.retrieval import Retrieved

WEIGHTS = Path(__file__).with_name("rerank.json")
"""The rerank of an archive stored with its headlines as context."""
CLAIMS_WEIGHTS = Path(__file__).with_name("rerank_claims.json")
"""The rerank of an archive of claims alone."""
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
    "cosine_z",
    "rare_shared",
    "figures_shared",
    "bm25",
    "fused_rank",
)
"""Every feature a model may name; a model is fitted on, and reads, the ones its file lists."""


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


@lru_cache(maxsize=2)
def load(path: Path = WEIGHTS) -> RerankModel | None:
    """The shipped model, or None when no weights file is there (then the fused order stands)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not set(data["features"]) <= set(FEATURES):
        return None  # fitted on features this release does not compute: a stale file is ignored, not misread
    return RerankModel(
        tuple(data["features"]),
        tuple(data["weights"]),
        float(data["bias"]),
        tuple(data["means"]),
        tuple(data["scales"]),
    )


def candidate_rows(
    found: Sequence[Retrieved],
    query: ClaimFeatures,
    read: dict[int, ClaimFeatures],
    idf: Mapping[str, float],
    features: Sequence[str] = FEATURES,
) -> list[list[float]]:
    """One row of `features` per fused candidate; a candidate with no vector yet takes the lowest
    cosine of the others. `idf` holds the query's terms found in the archive, with their BM25 idf:
    rare_shared is the share of that idf the candidate holds, so sharing the one rare name counts
    more than sharing three common words (counting terms alike had cost 0.014 MAP@5)."""
    cosines = [r.cosine for r in found if r.cosine is not None]
    best = max(cosines, default=0.0)
    floor = min(cosines, default=0.0)
    filled = [floor if r.cosine is None else r.cosine for r in found]
    mean = sum(filled) / max(len(filled), 1)
    spread = math.sqrt(sum((c - mean) ** 2 for c in filled) / max(len(filled), 1)) or 1.0
    query_stems = set(query.stems)
    query_figures = {f.value for f in query.figures}
    rare_total = sum(idf.values()) or 1.0
    rows = []
    for place, (r, cosine) in enumerate(zip(found, filled), 1):
        claim = read.get(r.claim)
        stems = set(claim.stems) if claim is not None else set()
        actors = claim.entities if claim is not None else frozenset()
        terms = set(claim.terms()) if claim is not None else set()
        figures = {f.value for f in claim.figures} if claim is not None else set()
        row = {
            "fused": r.score,
            "lexical": r.lexical,
            "cosine": cosine,
            "cosine_gap": cosine - best,
            "lexical_rank": 1.0 / r.lexical_rank if r.lexical_rank else 0.0,
            "semantic_rank": 1.0 / r.semantic_rank if r.semantic_rank else 0.0,
            "stems_shared": len(query_stems & stems) / max(len(query_stems), 1),
            "actors_shared": len(query.entities & actors) / max(len(query.entities), 1),
            "length_ratio": math.log((len(stems) + 1) / (len(query_stems) + 1)),
            "cosine_z": (cosine - mean) / spread,
            "rare_shared": sum(w for t, w in idf.items() if t in terms) / rare_total,
            "figures_shared": len(query_figures & figures) / len(query_figures) if query_figures else 0.0,
            "bm25": math.log1p(r.bm25),
            "fused_rank": 1.0 / place,
        }
        rows.append([row[f] for f in features])
    return rows


def rerank(
    found: list[Retrieved],
    query: ClaimFeatures,
    read: dict[int, ClaimFeatures],
    model: RerankModel | None,
    idf: Mapping[str, float],
) -> list[tuple[Retrieved, float]]:
    """The first DEPTH candidates reordered by the model's score, the rest after them in their
    fused order; each with the score to show (the model's, or the fused one without a model).

    Only when every one of them has a vector: the model was fitted on cosines, and a claim not
    embedded yet (an archive row before `workbench index` reaches it) read with the lowest cosine
    of the others fell below claims embedded at import however well its words matched (a near
    copy at 100,000 claims out of the top 10 in 57 of 100 queries)."""
    head, tail = found[:DEPTH], found[DEPTH:]
    if model is None or not head or any(r.cosine is None for r in head):
        return [(r, r.score) for r in found]
    scored = [(r, model.score(row)) for r, row in zip(head, candidate_rows(head, query, read, idf, model.features))]
    scored.sort(key=lambda pair: (-pair[1], pair[0].claim))
    floor = min((s for _, s in scored), default=0.0)
    return scored + [(r, min(r.score, floor)) for r in tail]
