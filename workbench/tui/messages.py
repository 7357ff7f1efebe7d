"""Messages posted by workers; handlers on the main screen own every widget change.

Chain: SeedFinished -> ArticlesLoaded -> ClaimsLoaded -> ClaimDetailLoaded.
The queue: QueueLoaded -> (the claim's article) ClaimsLoaded -> ClaimDetailLoaded.
Vectors: ModelsReady (or an import) -> IndexProgress... -> IndexFinished.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from workbench.matching.engine import Match
    from workbench.models import ArticleSummary, Change, ClaimReview, ClaimRow, ImportResult


@dataclass
class SeedFinished(Message):
    """The seed articles are in the database (an empty list: they already were)."""

    results: list[ImportResult]


@dataclass
class ArticlesLoaded(Message):
    articles: list[ArticleSummary]


@dataclass
class ClaimsLoaded(Message):
    article_id: int
    claims: list[ClaimRow]
    text: str = ""
    """The article's text, for the reader."""


@dataclass
class ClaimDetailLoaded(Message):
    review: ClaimReview
    """The claim, its verdicts (oldest first), sources, links and what it inherits."""


@dataclass
class MatchesLoaded(Message):
    claim_id: int
    matches: list[Match]
    claims: dict[int, ClaimRow]
    """The claim and its matches as stored: verdicts, figures and dates to compare."""


@dataclass
class ReviewSaved(Message):
    """A review write (or its undo) is stored; the claim on screen reloads."""

    claim_id: int
    note: str
    change: Change | None = None
    """What `u` would take back; None for an undo itself."""
    mark: int | None = None
    """The database's change mark just after the write: the reload that follows shows it, so the
    next look for other reviewers' writes need not reload again."""
    removed: bool = False
    """The write took the claim away (undoing its addition): the screen stops showing it instead of
    reloading a claim that is gone (issue 15)."""


@dataclass
class DatabaseChanged(Message):
    """Someone (this screen or another reviewer) wrote since the screen last looked."""

    mark: int


@dataclass
class ModelsReady(Message):
    """The extraction pipelines are loaded: edits and imports no longer wait for them."""

    seconds: float


@dataclass
class QueueLoaded(Message):
    """The review queue for a filter line; stale when the line has changed since."""

    filter_text: str
    claims: list[ClaimRow]
    limit: int
    from_top: bool
    """A new filter or a fresh look starts at the top; a reload keeps the reviewer's place."""


@dataclass
class EntityNamesLoaded(Message):
    """Names the queue's filter line can complete."""

    names: list[str]


@dataclass
class ExportProgress(Message):
    """Claims read so far for a report being exported (the core's progress callback)."""

    bubble = False
    done: int
    total: int


@dataclass
class ExportFinished(Message):
    path: str


@dataclass
class IndexProgress(Message):
    """Claims embedded so far by the background index (the core's progress callback)."""

    bubble = False
    done: int
    total: int


@dataclass
class IndexFinished(Message):
    """Every claim has its vector: `done` were embedded by this run (0: none was missing)."""

    bubble = False
    done: int
