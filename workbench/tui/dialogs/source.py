"""Attaching a source: a web address (checked as the CLI checks it), its stance and details."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import DataTable, Input, Label, RadioButton, RadioSet

from workbench.config import STANCES
from workbench.domain.records import AttachedSource
from workbench.domain.vocab import Stance
from workbench.errors import InvalidInput
from workbench.i18n import N_, _, vocabulary_label
from workbench.tui.dialogs.base import Dialog
from workbench.urls import validate_url


@dataclass(frozen=True)
class SourceChoice:
    url: str
    stance: str
    title: str | None
    publisher: str | None
    excerpt: str | None
    date: str | None = None
    """YYYY-MM-DD, checked by the core."""


class WebAddress(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            validate_url(value)
        except InvalidInput as error:
            return self.failure(str(error))
        return self.success()


class SourceDialog(Dialog[SourceChoice | None]):
    """A new source, or (given `source`, as the core lists it) an attached one to edit."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="source-cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="source-save"),
    ]

    def __init__(self, source: AttachedSource | None = None) -> None:
        super().__init__()
        self.source: Mapping[str, Any] = source or {}

    def compose(self) -> ComposeResult:
        given = self.source
        with Vertical():
            yield Input(
                given.get("url") or "",
                placeholder="https://…",
                id="url",
                validators=[WebAddress()],
                validate_on=["changed", "submitted"],
            )
            with RadioSet(id="stance"):
                for stance in STANCES:
                    yield RadioButton(
                        vocabulary_label("stance", stance),
                        value=stance == given.get("stance", Stance.CONTEXT),
                        id=f"stance-{stance}",
                    )
            for name, hint in (
                ("title", _("Title")),
                ("publisher", _("Publisher")),
                ("date", _("Date, YYYY-MM-DD")),
                ("excerpt", _("Excerpt")),
            ):
                yield Input(given.get(name) or "", placeholder=hint, id=name)
            yield Label(_("ctrl+s saves · esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Edit source") if self.source else _("Source")
        self.query_one("#url", Input).focus()

    def action_save(self) -> None:
        url = self.query_one("#url", Input)
        result = url.validate(url.value)
        if result is not None and not result.is_valid:
            self.notify(result.failure_descriptions[0], severity="error", markup=False)
            url.focus()
            return
        pressed = self.query_one(RadioSet).pressed_button
        stance = str(pressed.id).removeprefix("stance-") if pressed else Stance.CONTEXT

        def value(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        self.dismiss(
            SourceChoice(url.value.strip(), stance, value("title"), value("publisher"), value("excerpt"), value("date"))
        )


@dataclass(frozen=True)
class SourcesAction:
    """What the reviewer chose in the list: add a source, or edit or remove an attached one."""

    kind: str
    """'add', 'edit' or 'remove'."""
    source: AttachedSource | None = None


class SourcesDialog(Dialog[SourcesAction | None]):
    """The claim's sources, one per row; a key acts on the highlighted one."""

    DEFAULT_CSS = """
    SourcesDialog > Vertical {
        width: 96%;
    }
    SourcesDialog DataTable {
        height: auto;
        max-height: 12;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Close"), id="sources-close"),
        Binding("a", "choose('add')", N_("Add"), id="sources-add"),
        Binding("enter", "choose('edit')", N_("Edit"), id="sources-edit", priority=True),
        Binding("d", "choose('remove')", N_("Remove"), id="sources-remove"),
    ]

    def __init__(self, sources: list[AttachedSource]) -> None:
        super().__init__()
        self.sources = sources

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(cursor_type="row", id="sources")
            yield Label(_("a adds · enter edits · d removes (u undoes) · esc closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Sources")
        table = self.query_one(DataTable)
        table.add_columns(_("Stance"), _("Title"), _("Publisher"), _("Address"))
        for source in self.sources:
            table.add_row(
                Text(vocabulary_label("stance", source["stance"]) if source.get("stance") else "—"),
                *(Text(str(source.get(key) or "—")) for key in ("title", "publisher", "url")),
                key=str(source["attachment"]),
            )
        table.focus()

    def action_choose(self, kind: str) -> None:
        table = self.query_one(DataTable)
        if kind == "add" or not self.sources:
            self.dismiss(SourcesAction("add"))
            return
        self.dismiss(SourcesAction(kind, self.sources[table.cursor_row]))
