"""Attaching a source: a web address (checked as the CLI checks it), its stance and details."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, RadioButton, RadioSet

from workbench.config import STANCES
from workbench.errors import InvalidInput
from workbench.tui.dialogs.base import Dialog
from workbench.urls import validate_url


@dataclass(frozen=True)
class SourceChoice:
    url: str
    stance: str
    title: str | None
    publisher: str | None
    excerpt: str | None


class WebAddress(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            validate_url(value)
        except InvalidInput as error:
            return self.failure(str(error))
        return self.success()


class SourceDialog(Dialog[SourceChoice | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="source-cancel"),
        Binding("ctrl+s", "save", "Save", id="source-save"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="https://…", id="url", validators=[WebAddress()], validate_on=["changed", "submitted"])
            with RadioSet(id="stance"):
                for stance in STANCES:
                    yield RadioButton(stance, value=stance == "context", id=f"stance-{stance}")
            yield Input(placeholder="Title", id="title")
            yield Input(placeholder="Publisher", id="publisher")
            yield Input(placeholder="Excerpt", id="excerpt")
            yield Label("ctrl+s saves · esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Source"
        self.query_one("#url", Input).focus()

    def action_save(self) -> None:
        url = self.query_one("#url", Input)
        result = url.validate(url.value)
        if result is not None and not result.is_valid:
            self.notify(result.failure_descriptions[0], severity="error", markup=False)
            url.focus()
            return
        pressed = self.query_one(RadioSet).pressed_button
        stance = str(pressed.label) if pressed else "context"

        def value(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        self.dismiss(SourceChoice(url.value.strip(), stance, value("title"), value("publisher"), value("excerpt")))
