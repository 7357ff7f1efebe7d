"""Stored claims scored again for check-worthiness once they are embedded.

The check-worthiness model that reads a claim's e5 vector measures better than the one without
(benchmarks/checkworthiness.py), but embedding is far too slow for extraction, so an article's
import reads the vectors it computes anyway, and everything embedded later (`workbench index`,
the TUI's background index: archive rows, edited claims) is scored again here, from the vectors
just stored: a tokenisation and a few hundred products a claim beside the embedding's tens of
milliseconds. The writes are audited (ClaimWrites.rescore).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.models import ClaimDraft

SCORED_LANGUAGES = ("es", "en")
"""Languages the workbench extracts, so the ones its check-worthiness reads."""

if TYPE_CHECKING:
    import numpy as np

    from workbench.store import Store


def store_embedded(store: Store, embedder: str, claim_ids: Sequence[int], vectors: np.ndarray) -> None:
    """Store claims' new vectors and, in the same transaction, the check-worthiness scores they
    change: what `workbench index` and an import's own embedding both write."""
    with store.transaction():
        store.vectors.put(embedder, list(claim_ids), vectors)
        rescore_embedded(store, embedder, claim_ids, vectors)


def rescore_embedded(store: Store, embedder: str, claim_ids: Sequence[int], vectors: np.ndarray) -> int:
    """Score again the claims whose `embedder` vectors were just stored (`vectors`, in the order of
    `claim_ids`) with the model that reads them, in the caller's transaction; returns how many
    changed. Nothing happens when the model in use reads no vectors of this embedder."""
    from workbench.nlp.checkworthiness import current_model, rescore_stored

    if not claim_ids or current_model().vector_model(embedder) is None:
        return 0
    row_of = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    clauses = store.edits.clauses(list(claim_ids))
    by_language: dict[str, list[tuple[ClaimDraft, str, str | None, int]]] = defaultdict(list)
    for claim in store.claims.rows(claim_ids=list(claim_ids)):
        clause, language, outlet = clauses[claim.id]
        draft = ClaimDraft(
            start=claim.start,
            end=claim.end,
            text=claim.text,
            kind=claim.kind,
            checkable=claim.checkable,
            score=claim.score,
            claimant=claim.claimant,
            claimant_canonical=claim.claimant_canonical,
            entities=claim.entities,
            dates=claim.dates,
            figures=claim.figures,
        )
        by_language[language].append((draft, clause, outlet, claim.id))
    scored: list[tuple[int, bool, float, Sequence[str]]] = []
    for language, claims in by_language.items():
        if language not in SCORED_LANGUAGES:
            continue
        found = rescore_stored(
            [(draft, clause, outlet) for draft, clause, outlet, _ in claims],
            language,
            vectors[[row_of[claim_id] for *_, claim_id in claims]],
            embedder,
        )
        if found is None:
            return 0
        scored += [(claim_id, a.checkworthy, a.score, a.reasons) for (*_, claim_id), a in zip(claims, found)]
    return store.edits.rescore(scored)
