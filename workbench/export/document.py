"""The export document: every article in scope with its claims, reviews and links, as plain data.

Its shape is the JSON contract of DESIGN.md ("workbench-export/1"); every writer reads it. Reports
need a little more than the contract holds (where else each claim appeared), so `gather` returns
the document inside a `Report` with those extras beside it, leaving the contract untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.config import CLAIM_STATUSES, Settings
from workbench.domain.records import Article, ReportSource
from workbench.errors import InvalidInput
from workbench.i18n import vocabulary_label
from workbench.matching.links import duplicate_clusters
from workbench.store import Store

SCHEMA = "workbench-export/1"


@dataclass(frozen=True)
class Scope:
    """Which part of the store a report covers; the defaults cover everything."""

    article_id: int | None = None
    date_from: str | None = None
    """Articles published on or after this day (YYYY-MM-DD); articles without a date are left out."""
    date_to: str | None = None
    status: str | None = None
    """Only claims with this review status."""
    cluster: int | None = None
    """Only the confirmed duplicate cluster of this claim (the claim alone when it has none)."""

    @classmethod
    def checked(
        cls,
        article_id: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        status: str | None = None,
        cluster: int | None = None,
    ) -> Scope:
        """A scope from user input, refused with one sentence when a value cannot be one."""
        first, last = (_day(value, flag) for value, flag in ((date_from, "--from"), (date_to, "--to")))
        if first and last and first > last:
            raise InvalidInput(f"--from {date_from} is after --to {date_to}; nothing could be in that range.")
        if status is not None and status not in CLAIM_STATUSES:
            raise InvalidInput(f"Status {status!r} is not one of {', '.join(CLAIM_STATUSES)}.")
        return cls(article_id, first, last, status, cluster)

    @property
    def filters_claims(self) -> bool:
        return self.status is not None or self.cluster is not None

    def describe(self, gettext: Callable[[str], str] | None = None, language: str = "en") -> str:
        """The scope in words, for a report's heading (in the report's language, given its
        `gettext` and `language`); empty for everything."""
        _ = gettext or (lambda message: message)
        parts = []
        if self.cluster is not None:
            parts.append(_("duplicate cluster of claim {claim}").format(claim=self.cluster))
        if self.article_id is not None:
            parts.append(_("article {article}").format(article=self.article_id))
        if self.date_from or self.date_to:
            parts.append(_("published {start} to {end}").format(start=self.date_from or "…", end=self.date_to or "…"))
        if self.status is not None:
            parts.append(_("status {status}").format(status=vocabulary_label("status", self.status, language)))
        return "; ".join(parts)


def _day(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError  # Python also reads 20230913 and 2023-W37-3; the documented form only
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"{flag} {value!r} is not a date; use YYYY-MM-DD.") from None


@dataclass(frozen=True)
class Report:
    """What every writer reads: the contract document, plus what reports add to it."""

    document: dict[str, Any]
    scope: Scope = Scope()
    settings: Settings = Settings()
    appearances: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    """Claim -> the other claims of its confirmed duplicate cluster, each with its article:
    {"claim", "text", "rating", "article", "title", "url", "published", "canonical"}."""
    canonical_verdicts: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Claim without a verdict of its own -> the latest verdict of its cluster's canonical claim."""
    warnings: list[str] = field(default_factory=list)
    """Sentences a writer leaves for the person exporting (the report itself is still written)."""
    list_unreviewed: bool = False
    """Whether Markdown and HTML list the claims nobody has reviewed, or only count them after the
    reviewed ones (what a published report wants: its verdicts, not 35 empty cards)."""

    def reviewed_first(self, claims: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """An article's claims with a verdict (their own or their cluster's), then the others."""
        reviewed = [c for c in claims if c["verdict"] or c["id"] in self.canonical_verdicts]
        shown = {c["id"] for c in reviewed}
        return reviewed, [c for c in claims if c["id"] not in shown]

    @property
    def claims(self) -> list[dict[str, Any]]:
        return [claim for article in self.document["articles"] for claim in article["claims"]]


def build_document(store: Store, scope: Scope | int | None = None) -> dict[str, Any]:
    """The contract document of everything in scope (an article id is taken as that article)."""
    return gather(store, scope).document


READ_CHUNK = 500
"""Claims whose verdicts, sources and links a report reads together: the store's own chunk, so
progress moves every few hundredths of a second and costs no extra query."""


def gather(
    store: Store,
    scope: Scope | int | None = None,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Read everything a report needs in a fixed number of queries per 500 claims, not per claim.

    progress(done, total) follows the claims read, READ_CHUNK at a time: tens of thousands of
    claims take seconds, and the CLI's bar and the TUI's count come from here."""
    if not isinstance(scope, Scope):
        scope = Scope(article_id=scope)
    canonical = duplicate_clusters(store)
    selected = []
    for article, claims in _articles(store, scope, canonical):
        if not _in_range(article["published"], scope):
            continue
        if scope.status is not None:
            claims = [c for c in claims if c.status == scope.status]
        if claims or not scope.filters_claims:
            selected.append((article, claims))
    ids = [claim.id for _, claims in selected for claim in claims]
    verdicts, sources, links = _reviews(store, ids, progress)
    articles = []
    for article, claims in selected:
        articles.append(
            {
                "id": article["id"],
                "title": article["title"],
                "language": article["language"],
                "published": article["published"],
                "url": article["url"],
                "outlet": article["outlet"],
                "text": article["text"],
                "claims": [
                    _claim(
                        claim, canonical, verdicts.get(claim.id, []), sources.get(claim.id, []), links.get(claim.id, [])
                    )
                    for claim in claims
                ],
            }
        )
    document = {"schema": SCHEMA, "articles": articles}
    appearances, inherited = _clusters(store, ids, canonical, verdicts)
    return Report(document, scope, settings or Settings(), appearances, inherited)


def _reviews(
    store: Store, ids: list[int], progress: Callable[[int, int], None] | None
) -> tuple[dict[int, list[Any]], dict[int, list[ReportSource]], dict[int, list[Any]]]:
    """Verdicts, sources and links by claim, read READ_CHUNK claims at a time (a claim's rows all
    come with its chunk, so each keeps its order)."""
    verdicts: dict[int, list[Any]] = {}
    sources: dict[int, list[ReportSource]] = {}
    links: dict[int, list[Any]] = {}
    if progress is not None:
        progress(0, len(ids))
    for start in range(0, len(ids), READ_CHUNK):
        chunk = ids[start : start + READ_CHUNK]
        verdicts.update(store.verdicts.verdicts_by_claim(chunk))
        sources.update(store.sources.sources_by_claim(chunk))
        links.update(store.links.links_by_claim(chunk))
        if progress is not None:
            progress(start + len(chunk), len(ids))
    return verdicts, sources, links


def _articles(store: Store, scope: Scope, canonical: dict[int, int]) -> Iterator[tuple[Article, list[Any]]]:
    """(article row, its claims) in article order: all articles, or those holding the cluster's claims."""
    if scope.cluster is None:
        for article in store.articles.rows(scope.article_id):
            yield article, store.claims.rows(article_id=article["id"])
        return
    store.claims.get(scope.cluster)  # NotFound for a claim that does not exist
    root = canonical.get(scope.cluster)
    members = [scope.cluster] if root is None else sorted(m for m, r in canonical.items() if r == root)
    by_article: dict[int, list[Any]] = {}
    for claim in store.claims.rows(claim_ids=members):
        by_article.setdefault(claim.article_id, []).append(claim)
    if scope.article_id is not None:
        store.articles.get(scope.article_id)
        by_article = {scope.article_id: by_article.get(scope.article_id, [])}
    for article_id, claims in sorted(by_article.items()):
        yield store.articles.get(article_id), claims


def _in_range(published: str | None, scope: Scope) -> bool:
    if scope.date_from is None and scope.date_to is None:
        return True
    if not published:
        return False
    day = published[:10]
    return (scope.date_from is None or day >= scope.date_from) and (scope.date_to is None or day <= scope.date_to)


def _clusters(
    store: Store, ids: list[int], canonical: dict[int, int], verdicts: Mapping[int, Sequence[Mapping[str, Any]]]
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, dict[str, Any]]]:
    """Where else each claim in the report appeared, and the verdict a claim without one inherits."""
    members: dict[int, list[int]] = {}
    for claim_id, root in canonical.items():
        members.setdefault(root, []).append(claim_id)
    clustered = [c for c in ids if c in canonical]
    if not clustered:
        return {}, {}
    others = sorted({m for c in clustered for m in members[canonical[c]]})
    rows = {row.id: row for row in store.claims.rows(claim_ids=others)} if others else {}
    meta = {a["id"]: a for a in store.articles.article_heads(sorted({r.article_id for r in rows.values()}))}
    roots = sorted({canonical[c] for c in clustered})
    root_verdicts = store.verdicts.verdicts_by_claim([r for r in roots if r not in verdicts])
    appearances: dict[int, list[dict[str, Any]]] = {}
    inherited: dict[int, dict[str, Any]] = {}
    for claim_id in clustered:
        root = canonical[claim_id]
        appearances[claim_id] = [
            {
                "claim": row.id,
                "text": row.text,
                "rating": row.rating,
                "article": row.article_id,
                "title": meta[row.article_id]["title"],
                "url": meta[row.article_id]["url"],
                "published": meta[row.article_id]["published"],
                "canonical": row.id == root,
            }
            for row in (rows[m] for m in sorted(members[root]) if m != claim_id and m in rows)
        ]
        history = verdicts.get(root) or root_verdicts.get(root)
        if claim_id not in verdicts and root != claim_id and history:
            inherited[claim_id] = {**history[-1], "claim": root}
    return appearances, inherited


def _claim(
    claim,  # noqa: ANN001 - ClaimRow
    canonical: dict[int, int],
    history: Sequence[Mapping[str, Any]],
    sources: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    duplicate_of = canonical.get(claim.id)
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "checkable": claim.checkable,
        "checkworthy": claim.checkworthy,
        "score": claim.score,
        "reasons": list(claim.reasons),
        "kind": claim.kind,
        "claimant": claim.claimant,
        "claimant_canonical": claim.claimant_canonical,  # DESIGN.md's contract (issue 13)
        "entities": [{"text": e.text, "label": e.label, "canonical": e.canonical} for e in claim.entities],
        "dates": list(claim.dates),
        "status": claim.status,
        "duplicate_of": duplicate_of if duplicate_of != claim.id else None,
        "links": links,
        "verdict": history[-1] if history else None,
        "verdict_history": history,
        "sources": sources,
    }


def rating_counts(report: Report) -> tuple[list[tuple[str, int]], int, int]:
    """Claims by latest rating in scale order (then ratings off the scale, then 'Not reviewed'),
    and (reviewed, total)."""
    claims = report.claims
    counts: dict[str, int] = dict.fromkeys(report.settings.ratings, 0)
    for claim in claims:
        if claim["verdict"]:
            rating = claim["verdict"]["rating"]
            counts[rating] = counts.get(rating, 0) + 1
    reviewed = sum(counts.values())
    rows = list(counts.items()) + [("Not reviewed", len(claims) - reviewed)]
    return rows, reviewed, len(claims)


def web_address(url: str | None) -> str | None:
    """The url when it is an http(s) address, else None: reports link only to the web, never to
    javascript: or file: addresses an archive row may carry."""
    from urllib.parse import urlparse

    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in {"http", "https"} and parsed.netloc else None
