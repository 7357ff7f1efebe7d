"""The review queue: a one-line filter over a table of claims awaiting review, across articles.

The filter line's syntax is `workbench.filter_text`'s; this module only shows it and completes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from workbench.config import CLAIM_KINDS, CLAIM_STATUSES
from workbench.filter_text import FIELDS
from workbench.i18n import N_, _, ngettext, rating_label, vocabulary_label
from workbench.tui.translate import translate_bindings
from workbench.tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from workbench.models import ClaimRow

PLACEHOLDER = N_("filter: status:new kind:quantity rating:falso article:2 Corea del Norte")
_FIELD_TOKEN = re.compile(r'[^\s:"]+:(?:"[^"]*"?|\S*)')


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


class FilterSuggester(Suggester):
    """Completes the word being typed: a field name, a field's value, or (for bare words) an entity name."""

    def __init__(self, ratings: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        labels = [rating_label(rating) or rating for rating in ratings]
        quoted = [f'"{rating}"' if " " in rating else rating for rating in labels]
        self.fields = [f"{field}:" for field in FIELDS]
        self.values = (
            [f"status:{_quoted(vocabulary_label('status', status))}" for status in CLAIM_STATUSES]
            + [f"kind:{_quoted(vocabulary_label('kind', kind))}" for kind in CLAIM_KINDS]
            + [f"rating:{rating}" for rating in quoted]
        )
        self.entities: list[str] = []
        """Entity names, most frequent first; the screen fills them in once they are read."""

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        last = value.split()[-1]
        if not value[-1].isspace():
            for candidate in self.fields + self.values:
                if candidate.lower().startswith(last.lower()) and len(candidate) > len(last):
                    return value + candidate[len(last) :]
        tail = self._bare_tail(value)
        if len(tail.strip()) >= 2:
            for name in self.entities:
                if name.lower().startswith(tail.lower()) and len(name) > len(tail):
                    return value + name[len(tail) :]
        return None

    def spelled(self, value: str) -> str:
        """The line with its bare tail spelled as the entity it names ("north korea" -> "North Korea")."""
        tail = self._bare_tail(value)
        for name in self.entities:
            if tail and name.lower() == tail.lower():
                return value[: len(value) - len(tail)] + name
        return value

    @staticmethod
    def _bare_tail(value: str) -> str:
        """The bare words at the end of the line (after the last field:value), which name an entity."""
        tokens = list(_FIELD_TOKEN.finditer(value))
        start = tokens[-1].end() if tokens else 0
        return value[start:].lstrip()


class FilterInput(Input):
    """The filter line: tab or → takes the suggestion; enter applies the filter; escape goes back to the list."""

    BINDINGS = [
        Binding("tab", "complete", N_("Complete"), show=False, id="filter-complete"),
        Binding("escape", "leave", N_("Back to list"), show=False, id="filter-leave"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - passed on to Textual
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def action_complete(self) -> None:
        if self._suggestion and self.cursor_at_end:
            self.action_cursor_right()
        else:
            self.screen.focus_next()

    def action_cursor_right(self, select: bool = False) -> None:
        taking = bool(self._suggestion) and self.cursor_at_end and not select
        super().action_cursor_right(select)
        if taking and isinstance(self.suggester, FilterSuggester):
            self.value = self.suggester.spelled(self.value)
            self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        self.screen.focus_next()


class QueueTable(FittedTable):
    """Claims awaiting review, highest check-worthiness first."""

    COLUMNS = (
        Column("id", "#", 4),
        Column("article", N_("Art"), 3),
        Column("score", N_("Score"), 5),
        Column("text", N_("Claim"), None),
    )

    def show(self, claims: list[ClaimRow], keep: int | None) -> None:
        """The claims in queue order, the cursor on `keep`, or at the top when it is None;
        when `keep` has left the queue (it was just checked), the claim after it takes its place."""
        index = self.cursor_row if keep is not None else 0
        self.set_rows([self._row(claim) for claim in claims], keep)
        if claims and keep not in self.row_ids():
            self.move_cursor(row=min(index, len(claims) - 1))

    @staticmethod
    def _row(claim: ClaimRow) -> Row:
        cells = {
            "id": Text(str(claim.id), justify="right"),
            "article": Text(str(claim.article_id), justify="right"),
            "score": Text(f"{claim.score:.2f}", justify="right"),
        }
        return Row(claim.id, cells, claim.text)


class QueuePane(Vertical):
    """The filter line above the queue; the screen loads the claims and hands them over."""

    HELP = N_(
        """
    ## Queue

    Checkable claims not yet checked, across articles, highest score first.

    **f** filter: `status:` `rating:` `kind:` `article:` and bare words for an
    entity (`status:checked rating:falso Corea del Norte`). **tab** or **→** completes,
    **enter** applies, **esc** goes back to the list.
    """
    )

    BINDINGS = [
        # Not in the footer, which has no room left at 80 columns; the pane's title names the key.
        Binding(
            "f", "focus_filter", N_("Filter"), tooltip=N_("Type a filter for the queue."), show=False, id="queue-filter"
        ),
    ]

    @dataclass
    class FilterSubmitted(Message):
        """The reviewer applied a filter line (maybe empty: the default queue)."""

        text: str

    def __init__(self, ratings: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.suggester = FilterSuggester(ratings)

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=_(PLACEHOLDER), suggester=self.suggester, compact=True, id="queue-filter")
        yield QueueTable(id="queue-table")

    def on_mount(self) -> None:
        self.border_title = _("Queue · f filters")

    @property
    def filter_text(self) -> str:
        return self.query_one(FilterInput).value

    def action_focus_filter(self) -> None:
        self.query_one(FilterInput).focus()

    def show(self, claims: list[ClaimRow], keep: int | None, limit: int) -> None:
        self.query_one(QueueTable).show(claims, keep)
        if len(claims) >= limit:
            self.border_subtitle = _("first {count} claims").format(count=limit)
        else:
            self.border_subtitle = ngettext("{count} claim", "{count} claims", len(claims)).format(count=len(claims))

    @on(Input.Submitted, "#queue-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.FilterSubmitted(event.value))
        self.query_one(QueueTable).focus()
