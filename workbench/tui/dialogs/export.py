"""Exporting from inside: a format, a scope (everything, this article, or the selected claim's
duplicate cluster: the claim wherever it was reported), and where the report goes."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from workbench.i18n import N_, _
from workbench.tui.dialogs.base import Dialog

FORMATS = {"md": "md", "html": "html", "csv": "csv", "json": "json", "claimreview": "jsonld"}


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: str
    article_only: bool
    force: bool
    cluster: int | None = None
    """The claim whose confirmed duplicate cluster is reported, across articles; the article scope then does not apply."""


class ExportDialog(Dialog[ExportChoice | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="export-cancel"),
        Binding("ctrl+s", "save", N_("Export"), id="export-save"),
    ]

    def __init__(self, article_id: int | None, claim_id: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        with Vertical():
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(fmt, value=fmt == "html", id=f"format-{fmt}")
            yield Checkbox(_("Only the selected article"), value=self.article_id is not None, id="article-only")
            yield Checkbox(
                _("Only the selected claim and its confirmed duplicates, in every article"),
                disabled=self.claim_id is None,
                id="cluster-only",
            )
            yield Input(self._default_path("html"), id="path")
            yield Checkbox(_("Replace the file if it exists"), id="force")
            yield Label(_("ctrl+s exports · esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Export")

    def _default_path(self, fmt: str) -> str:
        scope = f"article-{self.article_id}" if self.article_id is not None else "claims"
        return f"{scope}-report.{FORMATS[fmt]}"

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        if path.value in {self._default_path(fmt) for fmt in FORMATS}:
            path.value = self._default_path(str(event.pressed.label))

    def action_save(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.notify(_("Say where the report goes."), severity="warning")
            return
        cluster = self.claim_id if self.query_one("#cluster-only", Checkbox).value else None
        self.dismiss(
            ExportChoice(
                str(pressed.label) if pressed else "html",
                path,
                self.query_one("#article-only", Checkbox).value and cluster is None,
                self.query_one("#force", Checkbox).value,
                cluster,
            )
        )
