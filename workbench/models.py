"""Plain data passed between the core's parts; no SQL, spaCy or Textual here."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.domain.changes import Change
from workbench.domain.records import AttachedSource, ClaimLink, Verdict
from workbench.domain.vocab import ClaimKind, ClaimStatus

__all__ = [  # Change moved to workbench.domain.changes; it stays importable from here
    "ArchiveImport",
    "ArticleInput",
    "ArticleSummary",
    "Change",
    "ClaimDraft",
    "ClaimFilter",
    "ClaimReview",
    "ClaimRow",
    "EntityDraft",
    "Figure",
    "ImportResult",
    "MatchableClaim",
    "SearchHit",
    "SourceInput",
]


@dataclass(frozen=True)
class ArticleInput:
    """An article read from a file or stdin, ready to extract and store."""

    text: str
    title: str
    language: str
    """'es', 'en' or 'auto' (resolved before extraction)."""
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    """ISO date, YYYY-MM-DD, or None when unknown."""
    origin: str = "-"
    """Where it came from (a path or '-'), for messages only."""


@dataclass(frozen=True)
class EntityDraft:
    text: str
    label: str
    canonical: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A number a claim states, the noun it counts and how exact it is ('=', '~', '>', '<')."""

    value: float
    unit: str | None
    qualifier: str = "="
    explicit: bool = True
    """False for an indefinite article read as one ("un misil"): kept for comparing figures, not for scoring."""
    low: float | None = None
    high: float | None = None
    """The bounds of a range ("entre 100 y 200", "between 2,000 and 3,000"), read as one figure: its
    value is the midpoint, its qualifier '~'; None for a single number."""


@dataclass(frozen=True)
class ClaimDraft:
    """A claim found in a text, before it is stored; spans index that text."""

    start: int
    end: int
    text: str
    kind: str
    checkable: bool
    score: float
    claimant: str | None = None
    claimant_canonical: str | None = None
    entities: tuple[EntityDraft, ...] = ()
    dates: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    reasons: tuple[str, ...] = ()
    """Why the score is what it is: the features that raised or lowered it."""
    checkworthy: bool = False
    """Worth a fact-checker's time: checkable, and the learned score reaches the model's threshold."""


@dataclass(frozen=True)
class SourceInput:
    """A source to attach to a claim, as an archive gives it (a ClaimReview's citation or its own url)."""

    url: str
    stance: str = "context"
    title: str | None = None
    publisher: str | None = None
    excerpt: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    title: str
    claim_count: int
    created: bool
    """False when the same text was already stored: re-import is a no-op."""
    origin: str = "-"
    matched: int = 0
    """Claims of this article linked to claims of earlier articles."""
    unembedded: int = 0
    """Claims left without a vector for `workbench index` (or the TUI's background index): an
    article too long to embed while the import holds the database (usecases/importing.EMBED_AT_IMPORT)."""


@dataclass(frozen=True)
class ArchiveImport:
    article_id: int
    claim_count: int
    matched: int
    problems: list[str]
    """One sentence per row left out or imported without a field, with its line number."""
    created: bool
    linked: bool
    """False when the archive was too large to match at import: `dedupe` links it."""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    """'claim' or 'article'."""
    id: int
    article_id: int
    text: str


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    outlet: str | None
    published: str | None
    language: str
    claim_count: int
    reviewed_count: int


@dataclass(frozen=True)
class ClaimRow:
    """A stored claim as the CLI and TUI list it."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    kind: ClaimKind
    checkable: bool
    score: float
    claimant: str | None
    status: ClaimStatus
    version: int = 1
    """Counts changes to the claim's content (text, span, checkable); a write based on an older one is refused."""
    rating: str | None = None
    claimant_canonical: str | None = None
    entities: tuple[EntityDraft, ...] = field(default=())
    dates: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    reasons: tuple[str, ...] = ()
    checkworthy: bool = False


@dataclass(frozen=True, slots=True)
class MatchableClaim:
    """What matching reads of a stored claim, in one query: no verdict, status or reasons."""

    id: int
    article_id: int
    text: str
    claimant_canonical: str | None
    entities: tuple[EntityDraft, ...]
    """Only the entities with a canonical identity: the rest play no part in matching."""
    dates: tuple[str, ...]
    figures: tuple[Figure, ...]
    language: str
    """Its article's language."""
    published: str | None
    """Its article's publication date."""
    terms: list[str] | None = None
    """Its terms in the match index, None when it is not indexed yet."""


@dataclass(frozen=True)
class ClaimReview:
    """Everything a reviewer sees of one claim, read in one go."""

    claim: ClaimRow
    verdicts: list[Verdict]
    """Own verdicts, oldest first."""
    sources: list[AttachedSource]
    links: list[ClaimLink]
    canonical: int | None = None
    """The canonical claim of its confirmed duplicate cluster, when it is another claim."""
    inherited_verdict: Verdict | None = None
    """The canonical claim's latest verdict, offered while this claim has none of its own."""
    inherited_sources: list[AttachedSource] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list; every field left as None lets all claims through.

    Values are checked and spelled as stored (see `Workbench.claim_filter`) before a store sees them.
    """

    article_id: int | None = None
    status: ClaimStatus | None = None
    rating: str | None = None
    """The latest own verdict's rating, as the scale spells it."""
    kind: ClaimKind | None = None
    entity: str | None = None
    """An entity's canonical name or the text it appears as, compared with case and accents folded."""
    checkable: bool | None = None
    open_only: bool = False
    """Only claims nobody has checked yet (new or in review): what the review queue starts from."""
    exclude_archives: bool = False
    """Leave out archived earlier claims (CSV, ClaimReview): reference material, not work to review."""
