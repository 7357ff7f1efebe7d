"""Earlier claims that match the selected one; one key decides each pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from workbench.tui.dialogs.base import Dialog


if TYPE_CHECKING:
    from workbench.matching.engine import Match


@dataclass(frozen=True)
class LinkDecision:
    other: int
    state: str
    """'confirmed' or 'rejected'."""
    relation: str | None


class MatchesDialog(Dialog[LinkDecision | None]):
    DEFAULT_CSS = """
    MatchesDialog > Vertical {
        width: 96%;
        height: 80%;
        max-height: 100%;
    }
    MatchesDialog DataTable {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="matches-close"),
        Binding("c", "decide('confirmed', 'duplicate')", "Confirm duplicate", id="matches-confirm"),
        Binding("l", "decide('confirmed', 'related')", "Related", id="matches-related"),
        Binding("f", "decide('confirmed', 'conflict')", "Conflict", id="matches-conflict"),
        Binding("x", "decide('rejected', None)", "Reject", id="matches-reject"),
    ]

    def __init__(self, claim_id: int, matches: list[Match]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.matches = matches

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(cursor_type="row", id="match-table")
            yield Label("c duplicate · l related · f conflict · x reject · esc close", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = f"Matches for claim {self.claim_id}"
        table = self.query_one(DataTable)
        table.add_columns("#", "Score", "Relation", "Claim", "Why")
        for match in self.matches:
            table.add_row(
                Text(str(match.claim), justify="right"),
                Text(f"{match.score:.2f}"),
                Text(match.relation or "—"),
                Text(" ".join(match.text.split())[:90]),
                Text("; ".join(match.reasons)[:80], style="dim"),
                key=str(match.claim),
            )
        if not self.matches:
            self.query_one(Label).update("No earlier claim matches. esc closes.")
        table.focus()

    def action_decide(self, state: str, relation: str | None) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        other = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.dismiss(LinkDecision(other, state, relation))
