"""Importing from inside: an article file by path (completed from the filesystem), or pasted text.

The dialog stays open while the core reads, extracts and matches, so a refused file can be
corrected in place; it closes with the import's result once the article is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Input, Label, TabbedContent, TabPane, TextArea
from textual.worker import Worker, WorkerState

from workbench.i18n import N_, _
from workbench.tui.dialogs.base import Dialog
from workbench.tui.errors import describe
from workbench.tui.widgets.path_input import PathInput

if TYPE_CHECKING:
    from workbench.models import ImportResult
    from workbench.service import Workbench

HINT = N_("ctrl+s imports · esc cancels")


@dataclass
class ImportFinished(Message):
    result: ImportResult


class ImportDialog(Dialog["ImportResult | None"]):
    DEFAULT_CSS = """
    ImportDialog TabbedContent {
        height: auto;
    }
    ImportDialog TabPane {
        padding: 1 0 0 0;
        height: auto;
    }
    ImportDialog #paste {
        padding: 0;
    }
    ImportDialog #paste-fields {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
        margin-bottom: 1;
    }
    ImportDialog #paste-fields Label {
        color: $text-muted;
    }
    ImportDialog #paste-fields Input {
        background: $boost;
    }
    ImportDialog TextArea {
        height: 8;
    }
    ImportDialog #import-progress {
        display: none;
    }
    ImportDialog.-importing #import-progress {
        display: block;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="import-cancel"),
        Binding("ctrl+s", "start_import", N_("Import"), id="import-start"),
    ]

    def __init__(self, workbench: Workbench) -> None:
        super().__init__()
        self.workbench = workbench
        self.importing = False

    def compose(self) -> ComposeResult:
        with Vertical():
            with TabbedContent(id="import-tabs"):
                with TabPane(_("File"), id="file"):
                    yield PathInput(placeholder=_("Path of a .txt, .md or .html article; tab completes"), id="path")
                with TabPane(_("Paste text"), id="paste"):
                    with Grid(id="paste-fields"):
                        yield Label(_("Title"))
                        yield Input(placeholder=_("optional: taken from the first line"), id="title", compact=True)
                        yield Label(_("Published"))
                        yield Input(placeholder=_("optional: YYYY-MM-DD"), id="published", compact=True)
                    yield TextArea(id="text", soft_wrap=True, show_line_numbers=False)
            yield Label("", id="import-progress", markup=False)
            yield Label(_(HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Import an article")
        self.query_one("#path", PathInput).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"dismiss", "start_import"} and self.importing:
            return False  # the write cannot be called back once it has begun
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.query_one("#path" if event.pane.id == "file" else "#text").focus()

    @on(Input.Submitted, "#path")
    def _path_submitted(self) -> None:
        self.action_start_import()

    def action_start_import(self) -> None:
        if self.query_one(TabbedContent).active == "file":
            path = self.query_one("#path", PathInput).value.strip()
            if not path:
                self.notify(_("Type the path of an article file."), severity="warning", markup=False)
                return
            self._importing(_("Importing {path}: reading, extracting claims, matching…").format(path=path))
            self.import_file(str(Path(path).expanduser()))
        else:
            text = self.query_one("#text", TextArea).text
            if not text.strip():
                self.notify(_("Paste the article's text first."), severity="warning", markup=False)
                return
            title = self.query_one("#title", Input).value.strip()
            published = self.query_one("#published", Input).value.strip()
            self._importing(_("Importing the pasted text: extracting claims, matching…"))
            self.import_text(text, title, published)

    def _importing(self, note: str) -> None:
        self.importing = True
        self.add_class("-importing")
        self.query_one("#import-progress", Label).update(note)
        self.query_one(TabbedContent).loading = True
        self.refresh_bindings()

    # -- workers: the core reads and stores; the handlers below own the dialog -----------

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_file(self, path: str) -> None:
        article = self.workbench.read_article(path)
        [result] = self.workbench.import_articles([article])
        self.post_message(ImportFinished(result))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_text(self, text: str, title: str, published: str) -> None:
        article = self.workbench.pasted_article(text, title=title or None, published=published or None)
        [result] = self.workbench.import_articles([article])
        self.post_message(ImportFinished(result))

    @on(ImportFinished)
    def _finished(self, message: ImportFinished) -> None:
        self.dismiss(message.result)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        """A refused file or text is one sentence; the dialog stays open to correct it."""
        if event.worker.group != "import" or event.state != WorkerState.ERROR:
            return
        event.stop()
        self.notify(describe(event.worker.error), title=_("Not imported"), severity="error", markup=False)
        self.importing = False
        self.remove_class("-importing")
        self.query_one(TabbedContent).loading = False
        self.refresh_bindings()
