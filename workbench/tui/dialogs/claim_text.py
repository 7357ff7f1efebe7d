"""Dialogs over a text: rewrite a claim, choose where to split it, mark a passage as a new claim.

Each returns plain values (the new text, a character offset, a span); the screen hands them to
the core, which checks them.
"""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea
from textual.widgets.text_area import Document

from workbench.i18n import N_, _
from workbench.tui.dialogs.base import Dialog


class TextDialog(Dialog):
    """A titled TextArea with a hint; ctrl+s returns `result()`, escape returns None."""

    DEFAULT_CSS = """
    TextDialog > Vertical {
        width: 90;
    }
    TextDialog TextArea {
        height: auto;
        min-height: 4;
        max-height: 16;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="text-cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="text-save"),
    ]
    TITLE = ""
    HINT = ""
    READ_ONLY = False

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield TextArea(self.text, read_only=self.READ_ONLY, soft_wrap=True, show_cursor=True, id="text")
            yield Label(_(self.HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _(self.TITLE)
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.result())

    def result(self) -> object:
        raise NotImplementedError

    def _index(self, location: tuple[int, int]) -> int:
        return _document(self.query_one(TextArea)).get_index_from_location(location)


class EditDialog(TextDialog):
    TITLE = N_("Edit claim")
    HINT = N_("Rewrite the claim · ctrl+s saves · esc cancels")

    def result(self) -> str | None:
        text = self.query_one(TextArea).text
        return None if text == self.text else text


class SplitDialog(TextDialog):
    """The claim, read-only; the cursor marks where the second claim begins."""

    TITLE = N_("Split claim")
    HINT = N_("Cursor where the second claim begins · ctrl+s splits · esc cancels")
    READ_ONLY = True

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one(TextArea)
        area.cursor_location = _document(area).get_location_from_index(len(self.text) // 2)

    def result(self) -> int:
        return self._index(self.query_one(TextArea).cursor_location)


class SpanDialog(TextDialog):
    """The article, read-only: the reviewer selects the passage that is a claim."""

    TITLE = N_("Add a claim from the article")
    HINT = N_("Select the passage (shift+arrows, mouse) · ctrl+s adds it · esc cancels")
    READ_ONLY = True

    DEFAULT_CSS = """
    SpanDialog TextArea {
        max-height: 30;
    }
    """

    def __init__(self, text: str, start: int = 0) -> None:
        super().__init__(text)
        self.start = start

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one(TextArea)
        area.cursor_location = _document(area).get_location_from_index(self.start)
        area.scroll_cursor_visible(center=True)

    def result(self) -> tuple[int, int] | None:
        selection = self.query_one(TextArea).selection
        start, end = sorted((self._index(selection.start), self._index(selection.end)))
        if start == end:
            self.notify(_("Select the passage first."), severity="warning")
            return None
        return start, end

    def action_save(self) -> None:
        span = self.result()
        if span is not None:
            self.dismiss(span)


def _document(area: TextArea) -> Document:
    """The area's document as the Document it is (Textual types it as the DocumentBase it may be)."""
    return cast(Document, area.document)
