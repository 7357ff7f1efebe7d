"""Earlier claims that match the selected one; one key decides each pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from workbench.i18n import N_, _, format_day, rating_label, translate_reason, vocabulary_label
from workbench.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from workbench.matching.engine import Match
    from workbench.models import ClaimRow


@dataclass(frozen=True)
class LinkDecision:
    other: int
    state: str
    """'confirmed' or 'rejected'."""
    relation: str | None


def side(claim: ClaimRow | None, title: str) -> str:
    """One claim's half of the comparison: text, figures (the implicit "un misil" too), dates, verdict."""
    if claim is None:
        return title
    figures = ", ".join(
        f"{'' if f.qualifier == '=' else f.qualifier}{f.value:g} {f.unit or ''}".strip() for f in claim.figures
    )
    return "\n".join(
        [
            f"{title}: {' '.join(claim.text.split())[:160]}",
            _("Figures: {figures}").format(figures=figures or "—"),
            _("Dates: {dates}").format(
                dates=", ".join(format_day(day, iso_english=False) for day in claim.dates) or "—"
            ),
            _("Verdict: {rating}").format(rating=rating_label(claim.rating) or "—"),
        ]
    )


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
    MatchesDialog #side-by-side {
        height: auto;
        max-height: 8;
    }
    MatchesDialog .hint {
        width: 100%;
    }
    MatchesDialog #side-by-side Static {
        width: 1fr;
        padding: 0 1 0 0;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Close"), id="matches-close"),
        Binding("c", "decide('confirmed', 'duplicate')", N_("Confirm duplicate"), id="matches-confirm"),
        Binding("l", "decide('confirmed', 'related')", N_("Related"), id="matches-related"),
        Binding("n", "decide('confirmed', 'near-miss')", N_("Near-miss"), id="matches-near-miss"),
        Binding("f", "decide('confirmed', 'conflict')", N_("Conflict"), id="matches-conflict"),
        Binding("x", "decide('rejected', None)", N_("Reject"), id="matches-reject"),
    ]

    def __init__(self, claim_id: int, matches: list[Match], claims: dict[int, ClaimRow] | None = None) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.matches = matches
        self.claims = claims or {}
        """The claim and its matches as stored, for their verdicts and for comparing figures and dates."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(cursor_type="row", id="match-table")
            with Horizontal(id="side-by-side"):
                yield Static(id="this-claim", markup=False)
                yield Static(id="other-claim", markup=False)
            yield Label(
                _("c duplicate · l related · n near-miss (another event) · f conflict · x reject · esc close"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Matches for claim {claim}").format(claim=self.claim_id)
        table = self.query_one(DataTable)
        table.add_columns("#", _("Score"), _("Relation"), _("Verdict"), _("Claim"), _("Why"))
        for match in self.matches:
            other = self.claims.get(match.claim)
            table.add_row(
                Text(str(match.claim), justify="right"),
                Text(f"{match.score:.2f}"),
                Text(vocabulary_label("relation", match.relation) if match.relation else "—"),
                Text(rating_label(other.rating) or "—" if other and other.rating else "—"),
                Text(" ".join(match.text.split())[:90]),
                Text("; ".join(translate_reason(reason) for reason in match.reasons)[:80], style="dim"),
                key=str(match.claim),
            )
        if not self.matches:
            self.query_one(Label).update(_("No earlier claim matches. esc closes."))
        table.focus()

    @on(DataTable.RowHighlighted)
    def _compare(self, event: DataTable.RowHighlighted) -> None:
        """The two claims side by side: what each states, so a conflict's figures can be read at once."""
        self.query_one("#this-claim", Static).update(side(self.claims.get(self.claim_id), _("This claim")))
        other = int(str(event.row_key.value))
        self.query_one("#other-claim", Static).update(
            side(self.claims.get(other), _("Claim {claim}").format(claim=other))
        )

    def action_decide(self, state: str, relation: str | None) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        other = int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        self.dismiss(LinkDecision(other, state, relation))
