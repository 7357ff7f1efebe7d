"""The selected claim in full: text, kind, score, claimant, entities, dates, verdicts and sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Static

from workbench.i18n import (
    N_,
    _,
    actor_name,
    format_day,
    format_when,
    ngettext,
    rating_label,
    translate_reason,
    vocabulary_label,
)
from workbench.tui.translate import translate_bindings

if TYPE_CHECKING:
    from workbench.domain.records import AttachedSource
    from workbench.models import ClaimReview, ClaimRow, EntityDraft, Figure

NONE = "—"

FIELDS = (
    ("claimant", N_("Claimant")),
    ("entities", N_("Entities")),
    ("dates", N_("Dates")),
    ("figures", N_("Figures")),
    ("reasons", N_("Why")),
    ("verdict", N_("Verdict")),
    ("history", N_("History")),
    ("sources", N_("Sources")),
)


def claimant_line(claim: ClaimRow) -> str:
    """'text', or 'text → canonical actor' when the gazetteer knows who it is (issue 13), the actor
    named in the interface language ('Pyongyang → Corea del Norte' in Spanish)."""
    if not claim.claimant:
        return NONE
    canonical = actor_name(claim.claimant_canonical) if claim.claimant_canonical else None
    return f"{claim.claimant} → {canonical}" if canonical and canonical != claim.claimant else claim.claimant


def entities_line(entities: tuple[EntityDraft, ...]) -> str:
    """Each entity once, as 'text (LABEL)' or 'text → canonical (LABEL)'."""
    shown = []
    for entity in entities:
        name = entity.text
        canonical = actor_name(entity.canonical) if entity.canonical else None
        if canonical and canonical != entity.text:
            name += f" → {canonical}"
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
        return _("{rating} · inherited from claim {claim} · {reviewer} · {at}").format(
            rating=rating_label(inherited["rating"]),
            claim=review.canonical,
            reviewer=inherited["reviewer"],
            at=format_when(inherited["at"]),
        )
    if not verdicts:
        return _("none yet")
    latest = verdicts[-1]
    line = f"{rating_label(latest['rating'])} · {latest['reviewer']} · {format_when(latest['at'])}"
    if latest.get("rationale"):
        line += f"\n{latest['rationale']}"
    return line


def history_lines(verdicts: Sequence[Mapping[str, Any]]) -> str:
    """How many verdicts, then the earlier ones (the latest is the Verdict line), newest first."""
    count = ngettext("{count} verdict", "{count} verdicts", len(verdicts)).format(count=len(verdicts))
    earlier = [
        f"{rating_label(v['rating'])} · {v['reviewer']} · {format_when(v['at'])}" for v in reversed(verdicts[:-1])
    ]
    return "\n".join([count, *earlier])


def source_lines(sources: Sequence[Mapping[str, Any]]) -> str:
    if not sources:
        return NONE
    lines = []
    for source in sources:
        name = source.get("title") or source["url"]
        if source.get("publisher"):
            name += f" ({source['publisher']})"
        lines.append(f"{vocabulary_label('stance', source['stance'])}: {name}")
        if source.get("title"):
            lines.append(f"  {source['url']}")
    return "\n".join(lines)


class ClaimDetail(VerticalScroll):
    """Read-only; every Static has markup off, so claim text is shown exactly as stored."""

    claim: ClaimRow | None = None
    """The claim on show, if any."""

    HELP = N_(
        """
    ## Claim

    The highlighted claim in full. **↑** **↓** **PgUp** **PgDn** scroll it.
    """
    )

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-heading", markup=False)
        yield Static("", id="detail-text", markup=False)
        with Grid(id="detail-fields"):
            for key, label in FIELDS:
                yield Label(_(label), classes="field-label")
                yield Static(NONE, id=f"detail-{key}", classes="field-value", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self)
        self.border_title = _("Claim")
        self.show_message(_("Loading…"))

    def show_message(self, message: str) -> None:
        """Replace the claim with one line, for empty or loading states."""
        self.add_class("-empty")
        self.claim = None
        self.sources: list[AttachedSource] = []
        self.query_one("#detail-heading", Static).update(message)
        self.border_title = _("Claim")

    def show_claim(self, review: ClaimReview) -> None:
        claim, verdicts, sources = review.claim, review.verdicts, review.sources
        self.claim = claim
        self.sources = sources
        """The claim's own sources, each with its `attachment` number for editing or removing it."""
        checkable = _("checkable") if claim.checkable else _("not checkable")
        worthy = " · " + _("check-worthy") if claim.checkworthy else ""
        kind, status = vocabulary_label("kind", claim.kind), vocabulary_label("status", claim.status)
        heading = _("{kind} · {checkable}{worthy} · score {score} · {status}").format(
            kind=kind, checkable=checkable, worthy=worthy, score=f"{claim.score:.2f}", status=status
        )
        values = {
            "claimant": claimant_line(claim),
            "entities": entities_line(claim.entities),
            "dates": ", ".join(format_day(day, iso_english=False) for day in claim.dates) or NONE,
            "figures": figures_line(claim.figures),
            "reasons": "\n".join(translate_reason(reason) for reason in claim.reasons) or NONE,
            "verdict": verdict_lines(verdicts, review),
            "history": history_lines(verdicts),
            "sources": source_lines(sources + review.inherited_sources),
        }
        self.border_title = _("Claim {claim}").format(claim=claim.id)
        self.query_one("#detail-heading", Static).update(heading)
        self.query_one("#detail-text", Static).update(" ".join(claim.text.split()))
        for key, value in values.items():
            self.query_one(f"#detail-{key}", Static).update(value)
        self.remove_class("-empty")
        self.scroll_home(animate=False)
