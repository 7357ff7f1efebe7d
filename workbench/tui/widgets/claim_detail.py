"""The selected claim in full: text, kind, score, claimant, entities, dates, verdicts and sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from workbench.domain.records import AttachedSource
    from workbench.models import ClaimReview, ClaimRow, EntityDraft, Figure

NONE = "—"

FIELDS = (
    ("claimant", "Claimant"),
    ("entities", "Entities"),
    ("dates", "Dates"),
    ("figures", "Figures"),
    ("reasons", "Why"),
    ("verdict", "Verdict"),
    ("history", "History"),
    ("sources", "Sources"),
)


def claimant_line(claim: ClaimRow) -> str:
    """'text', or 'text → canonical actor' when the gazetteer knows who it is (issue 13)."""
    if not claim.claimant:
        return NONE
    canonical = claim.claimant_canonical
    return f"{claim.claimant} → {canonical}" if canonical and canonical != claim.claimant else claim.claimant


def entities_line(entities: tuple[EntityDraft, ...]) -> str:
    """Each entity once, as 'text (LABEL)' or 'text → canonical (LABEL)'."""
    shown = []
    for entity in entities:
        name = entity.text
        if entity.canonical and entity.canonical != entity.text:
            name += f" → {entity.canonical}"
        item = f"{name} ({entity.label})"
        if item not in shown:
            shown.append(item)
    return ", ".join(shown) or NONE


def figures_line(figures: tuple[Figure, ...]) -> str:
    """'2 misil, ~2 hora, >1.5 año': the numbers a claim states, with what they count.

    An indefinite article read as one ("una victoria") is kept for matching but not shown.
    """
    shown = []
    for figure in (f for f in figures if f.explicit):
        qualifier = "" if figure.qualifier == "=" else figure.qualifier
        shown.append(f"{qualifier}{figure.value:g} {figure.unit or ''}".strip())
    return ", ".join(shown) or NONE


def verdict_lines(verdicts: Sequence[Mapping[str, Any]], review: ClaimReview) -> str:
    """The latest own verdict; without one, the duplicate cluster's, marked as inherited."""
    if not verdicts and review.inherited_verdict:
        inherited = review.inherited_verdict
        return (
            f"{inherited['rating']} · inherited from claim {review.canonical} · {inherited['reviewer']} · "
            f"{inherited['at']}"
        )
    if not verdicts:
        return "none yet"
    latest = verdicts[-1]
    line = f"{latest['rating']} · {latest['reviewer']} · {latest['at']}"
    if latest.get("rationale"):
        line += f"\n{latest['rationale']}"
    return line


def history_lines(verdicts: Sequence[Mapping[str, Any]]) -> str:
    """How many verdicts, then the earlier ones (the latest is the Verdict line), newest first."""
    count = f"{len(verdicts)} verdict{'' if len(verdicts) == 1 else 's'}"
    earlier = [f"{v['rating']} · {v['reviewer']} · {v['at']}" for v in reversed(verdicts[:-1])]
    return "\n".join([count, *earlier])


def source_lines(sources: Sequence[Mapping[str, Any]]) -> str:
    if not sources:
        return NONE
    lines = []
    for source in sources:
        name = source.get("title") or source["url"]
        if source.get("publisher"):
            name += f" ({source['publisher']})"
        lines.append(f"{source['stance']}: {name}")
        if source.get("title"):
            lines.append(f"  {source['url']}")
    return "\n".join(lines)


class ClaimDetail(VerticalScroll):
    """Read-only; every Static has markup off, so claim text is shown exactly as stored."""

    claim: ClaimRow | None = None
    """The claim on show, if any."""

    HELP = """
    ## Claim

    The highlighted claim in full. **↑** **↓** **PgUp** **PgDn** scroll it.
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-heading", markup=False)
        yield Static("", id="detail-text", markup=False)
        with Grid(id="detail-fields"):
            for key, label in FIELDS:
                yield Label(label, classes="field-label")
                yield Static(NONE, id=f"detail-{key}", classes="field-value", markup=False)

    def on_mount(self) -> None:
        self.border_title = "Claim"
        self.show_message("Loading…")

    def show_message(self, message: str) -> None:
        """Replace the claim with one line, for empty or loading states."""
        self.add_class("-empty")
        self.claim = None
        self.sources: list[AttachedSource] = []
        self.query_one("#detail-heading", Static).update(message)
        self.border_title = "Claim"

    def show_claim(self, review: ClaimReview) -> None:
        claim, verdicts, sources = review.claim, review.verdicts, review.sources
        self.claim = claim
        self.sources = sources
        """The claim's own sources, each with its `attachment` number for editing or removing it."""
        checkable = "checkable" if claim.checkable else "not checkable"
        worthy = " · check-worthy" if claim.checkworthy else ""
        heading = f"{claim.kind} · {checkable}{worthy} · score {claim.score:.2f} · {claim.status}"
        values = {
            "claimant": claimant_line(claim),
            "entities": entities_line(claim.entities),
            "dates": ", ".join(claim.dates) or NONE,
            "figures": figures_line(claim.figures),
            "reasons": "\n".join(claim.reasons) or NONE,
            "verdict": verdict_lines(verdicts, review),
            "history": history_lines(verdicts),
            "sources": source_lines(sources + review.inherited_sources),
        }
        self.border_title = f"Claim {claim.id}"
        self.query_one("#detail-heading", Static).update(heading)
        self.query_one("#detail-text", Static).update(" ".join(claim.text.split()))
        for key, value in values.items():
            self.query_one(f"#detail-{key}", Static).update(value)
        self.remove_class("-empty")
        self.scroll_home(animate=False)
