"""Choosing a verdict: a rating from the scale (number keys), a rationale, the reviewer."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from workbench.i18n import N_, _, rating_label
from workbench.tui.dialogs.base import Dialog


@dataclass(frozen=True)
class VerdictChoice:
    rating: str
    rationale: str | None
    reviewer: str


class VerdictDialog(Dialog[VerdictChoice | None]):
    """Number keys pick a rating; ctrl+s saves; escape leaves without a verdict."""

    DEFAULT_CSS = """
    VerdictDialog OptionList {
        height: auto;
        max-height: 9;
    }
    VerdictDialog TextArea {
        height: 5;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="verdict-cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="verdict-save"),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, ratings: tuple[str, ...], reviewer: str, claim_text: str) -> None:
        super().__init__()
        self.ratings = ratings
        self.reviewer = reviewer
        self.claim_text = claim_text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(" ".join(self.claim_text.split())[:300], markup=False)
            yield OptionList(
                *(Option(f"{n}  {rating_label(rating)}", id=str(n - 1)) for n, rating in enumerate(self.ratings, 1)),
                id="ratings",
            )
            yield TextArea(id="rationale")
            yield Input(self.reviewer, placeholder=_("Reviewer"), id="reviewer")
            yield Label(_("1-9 rating · tab moves · ctrl+s saves · esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Verdict")
        ratings = self.query_one(OptionList)
        ratings.highlighted = 0
        ratings.focus()

    def action_pick(self, index: int) -> None:
        if index < len(self.ratings) and not isinstance(self.focused, (TextArea, Input)):
            self.query_one(OptionList).highlighted = index

    @on(OptionList.OptionSelected)
    def _selected(self, _: OptionList.OptionSelected) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None:
            self.notify(_("Choose a rating first."), severity="warning")
            return
        rationale = self.query_one(TextArea).text.strip() or None
        reviewer = self.query_one(Input).value.strip() or self.reviewer
        self.dismiss(VerdictChoice(self.ratings[index], rationale, reviewer))
