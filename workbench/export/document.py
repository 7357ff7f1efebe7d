"""The export document: every article with its claims, reviews and links, as plain data.

Its shape is the JSON contract of DESIGN.md ("workbench-export/1"); every writer reads it.
"""

from __future__ import annotations

from typing import Any

from workbench.store import Store

SCHEMA = "workbench-export/1"


def build_document(store: Store, article_id: int | None = None) -> dict[str, Any]:
    canonical = duplicate_clusters(store)
    articles = []
    for article in store.articles(article_id):
        claims = [_claim(store, claim, canonical) for claim in store.claims(article_id=article["id"])]
        articles.append(
            {
                "id": article["id"],
                "title": article["title"],
                "language": article["language"],
                "published": article["published"],
                "url": article["url"],
                "outlet": article["outlet"],
                "text": article["text"],
                "claims": claims,
            }
        )
    return {"schema": SCHEMA, "articles": articles}


def duplicate_clusters(store: Store) -> dict[int, int]:
    """Claim -> the canonical claim (the earliest) of its confirmed duplicate cluster."""
    from workbench.matching.links import confirmed_clusters

    confirmed = [
        (link["claim_a"], link["claim_b"]) for link in store.all_links("confirmed") if link["relation"] == "duplicate"
    ]
    return confirmed_clusters(confirmed)


def _claim(store: Store, claim, canonical: dict[int, int]) -> dict[str, Any]:  # noqa: ANN001 - ClaimRow
    history = store.verdict_history(claim.id)
    duplicate_of = canonical.get(claim.id)
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "checkable": claim.checkable,
        "score": claim.score,
        "kind": claim.kind,
        "claimant": claim.claimant,
        "entities": [{"text": e.text, "label": e.label, "canonical": e.canonical} for e in claim.entities],
        "dates": list(claim.dates),
        "status": claim.status,
        "duplicate_of": duplicate_of if duplicate_of != claim.id else None,
        "links": store.links(claim.id),
        "verdict": history[-1] if history else None,
        "verdict_history": history,
        "sources": store.sources(claim.id),
    }
