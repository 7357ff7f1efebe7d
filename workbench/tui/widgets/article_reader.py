"""The article as written, each claim's span marked by its review state; the selected one stands out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from workbench.models import ClaimRow

STYLES = {
    "checked": "underline green",
    "in_review": "underline yellow",
    "new": "underline",
    "not checkable": "dim",
}
SELECTED = "reverse"


def marked(text: str, claims: list[ClaimRow], selected: int | None) -> Text:
    """Article text with claim spans styled; markup in the article is never interpreted."""
    shown = Text(text, no_wrap=False)
    for claim in claims:
        state = claim.status if claim.checkable else "not checkable"
        shown.stylize(STYLES.get(state, "underline"), claim.start, claim.end)
    for claim in claims:
        if claim.id == selected:
            shown.stylize(SELECTED, claim.start, claim.end)
    return shown


class ArticleReader(VerticalScroll):
    HELP = """
    ## Article

    The article with every claim marked: underlined when new, green when checked, dim when
    not checkable. The selected claim is shown reversed. **a** returns to the claim detail.
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="reader-text")

    def on_mount(self) -> None:
        self.border_title = "Article"
        self.text = ""
        self.claims: list[ClaimRow] = []

    def show(self, text: str, claims: list[ClaimRow], selected: int | None) -> None:
        self.text, self.claims = text, claims
        self.select(selected)

    def select(self, selected: int | None) -> None:
        self.query_one("#reader-text", Static).update(marked(self.text, self.claims, selected))
        claim = next((c for c in self.claims if c.id == selected), None)
        if claim is not None and self.text:
            # Wrapped lines are not known before layout: scroll to the claim's share of the text.
            self.call_after_refresh(
                lambda: self.scroll_to(y=max(0, self.max_scroll_y * claim.start / len(self.text) - 2), animate=False)
            )
