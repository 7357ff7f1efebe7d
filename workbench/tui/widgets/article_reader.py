"""The article as written, each claim's span marked by its review state; the selected one stands out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.domain.vocab import ClaimStatus
from workbench.i18n import N_, _
from workbench.tui.translate import translate_bindings

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from workbench.models import ClaimRow

STYLES = {
    ClaimStatus.CHECKED: "underline green",
    ClaimStatus.IN_REVIEW: "underline yellow",
    ClaimStatus.NEW: "underline",
    "not checkable": "dim",
}
SELECTED = "reverse"
VERDICT_STYLES = ("bold green", "bold yellow", "bold red")
"""A checked claim by its verdict: the best third of the scale, the middle, the worst."""
OFF_SCALE = "bold blue"
"""A verdict the scale does not order (Unverifiable, or a label no longer on it)."""


def verdict_style(rating: str | None, ratings: tuple[str, ...]) -> str:
    """Where a rating sits on the scale (best first), as a colour; the last step is off the scale
    when it is Unverifiable, which says nothing true or false."""
    ordered = [r for r in ratings if r.lower() != "unverifiable"]
    if rating not in ordered:
        return OFF_SCALE
    third = min(2, ordered.index(rating) * 3 // max(len(ordered), 1))
    return VERDICT_STYLES[third]


def marked(text: str, claims: list[ClaimRow], selected: int | None, ratings: tuple[str, ...] = ()) -> Text:
    """Article text with claim spans styled by state, checked ones by verdict; markup in the
    article is never interpreted."""
    shown = Text(text, no_wrap=False)
    for claim in claims:
        state = claim.status if claim.checkable else "not checkable"
        shown.stylize(STYLES.get(state, "underline"), claim.start, claim.end)
        if state == ClaimStatus.CHECKED and claim.rating:
            shown.stylize(verdict_style(claim.rating, ratings), claim.start, claim.end)
    for claim in claims:
        if claim.id == selected:
            shown.stylize(SELECTED, claim.start, claim.end)
    return shown


class ArticleReader(VerticalScroll):
    HELP = N_(
        """
    ## Article

    The article with every claim marked: underlined when new, yellow while in review, dim when
    not checkable; checked claims in bold by verdict (green: the true end of the scale, yellow: the
    middle, red: the false end, blue: unverifiable). The selected claim is shown reversed.
    **a** returns to the claim detail, **+** adds a claim from a passage.
    """
    )

    def __init__(self, ratings: tuple[str, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.ratings = ratings
        """The verdict scale, best first, for colouring checked claims by verdict."""

    def compose(self) -> ComposeResult:
        yield Static("", id="reader-text")

    def on_mount(self) -> None:
        self.border_title = _("Article")
        self.text = ""
        self.claims: list[ClaimRow] = []

    def show(self, text: str, claims: list[ClaimRow], selected: int | None) -> None:
        self.text, self.claims = text, claims
        self.select(selected)

    def select(self, selected: int | None) -> None:
        self.query_one("#reader-text", Static).update(marked(self.text, self.claims, selected, self.ratings))
        claim = next((c for c in self.claims if c.id == selected), None)
        if claim is not None and self.text:
            # Wrapped lines are not known before layout: scroll to the claim's share of the text.
            self.call_after_refresh(
                lambda: self.scroll_to(y=max(0, self.max_scroll_y * claim.start / len(self.text) - 2), animate=False)
            )
