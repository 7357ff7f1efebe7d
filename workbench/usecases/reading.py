"""Reading claims: listed by filter, queued for review, gathered for a claim's review page, found by words."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from workbench.config import Settings
from workbench.domain.vocab import ClaimKind, ClaimStatus
from workbench.errors import InvalidInput
from workbench.models import ClaimFilter, ClaimReview, ClaimRow

if TYPE_CHECKING:
    from workbench.domain.records import AttachedSource
    from workbench.store import Store

QUEUE_LIMIT = 200
"""Claims the review queue lists at once: a day's work, read in a blink even beside a large archive."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def claim_filter(
    settings: Settings,
    *,
    article_id: int | None = None,
    status: str | None = None,
    rating: str | None = None,
    kind: str | None = None,
    entity: str | None = None,
) -> ClaimFilter:
    """Filter values as a user types them, checked and spelled as stored; one that cannot match is refused."""
    status_value = (
        None if status is None else ClaimStatus.parse("_".join(status.strip().lower().replace("-", " ").split()))
    )
    kind_value = None if kind is None else ClaimKind.parse(kind.strip().lower())
    if rating is not None:
        found = settings.foreign_rating(rating)
        if found is None:
            raise InvalidInput(f"{rating!r} is not a rating; use one of: {', '.join(settings.ratings)}.")
        rating = found
    if entity is not None:
        entity = " ".join(entity.split())
        if not entity:
            raise InvalidInput("The entity to filter by is empty.")
        from workbench.nlp.gazetteer import canonical

        # Any alias in either language names the actor stored under its canonical name.
        entity = canonical(entity) or entity
    return ClaimFilter(article_id=article_id, status=status_value, rating=rating, kind=kind_value, entity=entity)


def queue_filter(filters: ClaimFilter) -> ClaimFilter:
    """The review queue's filter from a reviewer's: checkable claims only; without a status or
    rating, claims already checked are left out; archived earlier claims are reference, not work,
    so they are left out unless the filter names their archive."""
    return replace(
        filters,
        checkable=True,
        open_only=filters.status is None and filters.rating is None,
        exclude_archives=filters.article_id is None,
    )


def claims(store: Store, filters: ClaimFilter) -> list[ClaimRow]:
    """Stored claims in article and text order, all of them or those the filter lets through."""
    if filters == ClaimFilter(article_id=filters.article_id):
        return store.claims.rows(article_id=filters.article_id)
    ids = store.claims.filtered_claim_ids(filters)
    return store.claims.rows(claim_ids=ids) if ids else []


def queue(store: Store, filters: ClaimFilter, limit: int = QUEUE_LIMIT) -> list[ClaimRow]:
    """Claims a filter lets through, highest check-worthiness score first, at most `limit`."""
    ids = store.claims.filtered_claim_ids(filters, by_score=True, limit=limit)
    rows = {row.id: row for row in store.claims.rows(claim_ids=ids)} if ids else {}
    return [rows[claim_id] for claim_id in ids]


def review(store: Store, claim_id: int) -> ClaimReview:
    """A claim with its verdicts, sources and links, and what it inherits from its duplicate cluster."""
    from workbench.matching.links import duplicate_clusters

    claim = store.claims.get(claim_id)
    verdicts = store.verdicts.verdict_history(claim_id)
    canonical = duplicate_clusters(store).get(claim_id)
    canonical = canonical if canonical != claim_id else None
    inherited = None
    inherited_sources: list[AttachedSource] = []
    if canonical is not None:
        inherited_sources = store.sources.of(canonical)
        if not verdicts:
            history = store.verdicts.verdict_history(canonical)
            inherited = history[-1] if history else None
    return ClaimReview(
        claim,
        verdicts,
        store.sources.of(claim_id),
        store.links.of(claim_id),
        canonical,
        inherited,
        inherited_sources,
    )


def search_terms(settings: Settings, query: str) -> tuple[str, list[tuple[str, ...]]] | None:
    """The query cleaned, with the stems of each language it is searched in; None when nothing
    can match (punctuation alone: FTS5 refuses an empty phrase). An empty query is refused."""
    query = _CONTROL.sub(" ", query)
    if not query.strip():
        raise InvalidInput("The search query is empty.")
    if not re.search(r"\w", query):
        return None
    from workbench.matching.terms import stems

    # Quotes ask for the words as written; otherwise other forms of each word count too.
    groups = set() if '"' in query else {tuple(stems(query, language)) for language in settings.languages}
    return query, sorted(groups)
