"""Matching against the archive: index claims, find candidates, compare, store suggestions.

Works through the store's methods (no SQL here) so the CLI, the TUI and imports share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.matching.compare import APPLY_THRESHOLD, DUPLICATE, Comparison, Idf, compare
from workbench.matching.features import ClaimFeatures, ClaimLike, features
from workbench.matching.links import Suggestion, idf_from_counts, suggestions

if TYPE_CHECKING:
    from workbench.store import Store

CANDIDATES = 50
"""Candidates FTS5 hands to the rerank for each lookup."""


@dataclass(frozen=True)
class Match:
    claim: int
    text: str
    score: float
    relation: str | None
    reasons: tuple[str, ...]


class Matcher:
    """One matching session on a store: the archive's term frequencies are read once."""

    def __init__(self, store: Store):
        self.store = store
        self._frequencies: dict[str, int] | None = None
        self._size = 0

    def _vocabulary(self) -> tuple[dict[str, int], int]:
        if self._frequencies is None:
            self._frequencies = self.store.index.all_document_frequencies()
            self._size = max(self.store.index.size(), 1)
        return self._frequencies, self._size

    def features(self, claim_ids: Iterable[int]) -> dict[int, ClaimFeatures]:
        claims = self.store.claims(claim_ids=list(claim_ids))
        meta = self.store.article_meta(c.article_id for c in claims)
        return {c.id: features(c.id, c, *meta[c.article_id]) for c in claims}

    def index(self, found: dict[int, ClaimFeatures], article_of: dict[int, int]) -> None:
        self.store.index.add((claim_id, article_of[claim_id], f.terms()) for claim_id, f in found.items())
        self._frequencies = None  # the vocabulary changed

    def idf(self) -> Idf:
        return idf_from_counts(*self._vocabulary())

    def match(self, query: ClaimFeatures, limit: int = 10, exclude: set[int] | None = None) -> list[Match]:
        """Earlier claims ranked by similarity to a query, with the relation each would have."""
        ranked = self._compare_with_candidates(query, exclude or set())
        return [
            Match(claim_id, found.text, comparison.score, comparison.relation, comparison.reasons)
            for claim_id, found, comparison in ranked[:limit]
        ]

    def _compare_with_candidates(
        self, query: ClaimFeatures, exclude: set[int]
    ) -> list[tuple[int, ClaimFeatures, Comparison]]:
        frequencies, size = self._vocabulary()
        candidate_ids = [
            c for c in self.store.index.candidates(query.terms(), CANDIDATES, frequencies, size) if c not in exclude
        ]
        found = self.features(candidate_ids)
        idf = self.idf()
        ranked = [(claim_id, f, compare(query, f, idf)) for claim_id, f in found.items()]
        return sorted(ranked, key=lambda item: -item[2].score)

    def link(self, claim_ids: list[int]) -> list[Suggestion]:
        """Compare claims with their candidates and store the suggested links; returns what was suggested."""
        found = self.features(claim_ids)
        comparisons: dict[tuple[int, int], Comparison] = {}
        for claim_id, query in found.items():
            for other, _, comparison in self._compare_with_candidates(query, {claim_id}):
                if comparison.relation is not None:
                    comparisons[(min(claim_id, other), max(claim_id, other))] = comparison
        article_of = {c.id: c.article_id for c in self.store.claims(claim_ids=sorted({i for p in comparisons for i in p}))}
        made = suggestions(comparisons, article_of)
        for suggestion in made:
            self.store.suggest_link(suggestion.claim_a, suggestion.claim_b, suggestion.relation, suggestion.score)
        return made

    def confirm_duplicates(self, made: list[Suggestion], threshold: float = APPLY_THRESHOLD) -> list[Suggestion]:
        """Confirm duplicate suggestions at or above the threshold; conflicts are never confirmed here.

        Pairs a reviewer (or an earlier run) already decided are left as they are.
        """
        decided = {(link["claim_a"], link["claim_b"]) for link in self.store.all_links() if link["state"] != "suggested"}
        confirmed = [
            s for s in made
            if s.relation == DUPLICATE and s.score >= threshold and (s.claim_a, s.claim_b) not in decided
        ]
        for suggestion in confirmed:
            self.store.set_link_state(suggestion.claim_a, suggestion.claim_b, "confirmed", DUPLICATE)
        return confirmed


def query_features(text: str, claims: list[ClaimLike], language: str, published: str | None) -> ClaimFeatures:
    """One set of features for a query text, pooling what extraction found in all its clauses."""
    from workbench.models import ClaimDraft

    pooled = ClaimDraft(
        start=0,
        end=len(text),
        text=text,
        kind="event",
        checkable=True,
        score=0.0,
        claimant_canonical=next((c.claimant_canonical for c in claims if c.claimant_canonical), None),
        entities=tuple(e for c in claims for e in c.entities),
        dates=tuple(dict.fromkeys(d for c in claims for d in c.dates)),
        figures=tuple(f for c in claims for f in c.figures),
    )
    return features(0, pooled, language, published)
