"""Rows as the store hands them out: verdicts, sources, links, articles, audit rows, claim content.

They are TypedDicts, not dataclasses, on purpose: the CLI prints them as JSON, exports and the
TUI read them by key, and the test suite compares them with dict literals, so their runtime form
is part of the public behaviour. A TypedDict gives mypy their fields and types without changing
that form. Values of a vocabulary are typed `str` where SQLite hands back a plain string.
"""

from __future__ import annotations

from typing import TypedDict


class Entity(TypedDict):
    """An entity of a claim's content; spans index the article."""

    text: str
    label: str
    canonical: str | None
    start: int
    end: int


class ClaimContent(TypedDict):
    """What a reviewer's edit rewrites and undo puts back: the CONTENT columns (JSON lists kept as
    the stored JSON text) with the claim's entities. Status, verdicts and sources are not content."""

    start: int
    end: int
    text: str
    kind: str
    checkable: int
    checkworthy: int
    score: float
    claimant: str | None
    claimant_canonical: str | None
    dates: str
    figures: str
    reasons: str
    entities: list[Entity]


CONTENT_FIELDS: tuple[str, ...] = tuple(k for k in ClaimContent.__annotations__ if k != "entities")
"""The claims-table columns of ClaimContent, in order: the one place the claim's field list is spelled."""


class Article(TypedDict):
    """An articles row (an archive of earlier claims is one too, with is_archive set)."""

    id: int
    title: str
    url: str | None
    outlet: str | None
    language: str
    published: str | None
    text: str
    content_hash: str
    origin: str | None
    imported_at: str
    imported_by: str | None
    is_archive: int


class ArticleHead(TypedDict):
    """An article without its text, for reports that list many."""

    id: int
    title: str
    url: str | None
    outlet: str | None
    language: str
    published: str | None


class Verdict(TypedDict):
    """One standing verdict of a claim (retracted ones are not listed)."""

    rating: str
    rationale: str | None
    reviewer: str
    at: str


class ClaimVerdict(Verdict):
    claim_id: int


class AttachedSource(TypedDict):
    """A source as attached to one claim; `attachment` is the number `source edit|remove` takes."""

    attachment: int
    url: str
    title: str | None
    publisher: str | None
    stance: str
    excerpt: str | None
    date: str | None


class ClaimAttachedSource(AttachedSource):
    claim_id: int


class ReportSource(TypedDict):
    """A source as reports list it beside its claim."""

    url: str
    title: str | None
    publisher: str | None
    stance: str
    excerpt: str | None


class ReviewDecision(TypedDict):
    """What a reviewer decided about a claim, as the check-worthiness model learns from it:
    'verdict', 'not_checkable' or 'skipped'."""

    id: int
    text: str
    language: str
    decision: str


class ClaimLink(TypedDict):
    """A link seen from one of its claims: `claim` is the other one."""

    claim: int
    relation: str
    score: float | None
    state: str


class Link(TypedDict):
    """A links row; claim_a < claim_b."""

    id: int
    claim_a: int
    claim_b: int
    relation: str
    score: float | None
    state: str
    created_at: str
    updated_at: str


class AuditRow(TypedDict):
    """Who did what to which row, and when; before and after are JSON text (or None)."""

    id: int
    at: str
    actor: str
    action: str
    table_name: str
    row_id: int | None
    before: str | None
    after: str | None
