"""Importing from inside: an article file by path (completed from the filesystem), or pasted text,
with the title, publication date and language a reviewer knows better than the file (relative
dates such as "el miércoles" resolve against that date).

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
from textual.widgets import Input, Label, Select, TabbedContent, TabPane, TextArea
from textual.worker import Worker, WorkerState

from workbench.i18n import N_, _
from workbench.tui.dialogs.base import Dialog
from workbench.tui.errors import describe
from workbench.tui.widgets.path_input import PathInput

if TYPE_CHECKING:
    from workbench.models import ImportResult
    from workbench.service import Workbench

HINT = N_("ctrl+s imports · esc cancels")
LANGUAGES = [(N_("detect"), "auto"), (N_("Spanish (es)"), "es"), (N_("English (en)"), "en")]


@dataclass(frozen=True)
class ArticleFields:
    """What the reviewer typed beside the file or text; None where the file decides."""

    title: str | None
    published: str | None
    language: str


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
    ImportDialog #fields {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
        margin-top: 1;
    }
    ImportDialog #fields Label {
        color: $text-muted;
    }
    ImportDialog #fields Input {
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
                    yield TextArea(id="text", soft_wrap=True, show_line_numbers=False)
            with Grid(id="fields"):
                yield Label(_("Title"))
                yield Input(placeholder=_("optional: taken from the text"), id="title", compact=True)
                yield Label(_("Published"))
                yield Input(
                    placeholder=_("optional: YYYY-MM-DD; relative dates resolve to it"), id="published", compact=True
                )
                yield Label(_("Language"))
                yield Select(
                    [(_(label), value) for label, value in LANGUAGES],
                    value="auto",
                    allow_blank=False,
                    id="language",
                    compact=True,
                )
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
        fields = ArticleFields(
            self.query_one("#title", Input).value.strip() or None,
            self.query_one("#published", Input).value.strip() or None,
            str(self.query_one("#language", Select).value),
        )
        if self.query_one(TabbedContent).active == "file":
            path = self.query_one("#path", PathInput).value.strip()
            if not path:
                self.notify(_("Type the path of an article file."), severity="warning", markup=False)
                return
            self._importing(_("Importing {path}: reading, extracting claims, matching…").format(path=path))
            self.import_file(str(Path(path).expanduser()), fields)
        else:
            text = self.query_one("#text", TextArea).text
            if not text.strip():
                self.notify(_("Paste the article's text first."), severity="warning", markup=False)
                return
            self._importing(_("Importing the pasted text: extracting claims, matching…"))
            self.import_text(text, fields)

    def _importing(self, note: str) -> None:
        self.importing = True
        self.add_class("-importing")
        self.query_one("#import-progress", Label).update(note)
        self.query_one(TabbedContent).loading = True
        self.refresh_bindings()

    # -- workers: the core reads and stores; the handlers below own the dialog -----------

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_file(self, path: str, fields: ArticleFields) -> None:
        article = self.workbench.read_article(
            path, title=fields.title, published=fields.published, language=fields.language
        )
        [result] = self.workbench.import_articles([article])
        self.post_message(ImportFinished(result))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_text(self, text: str, fields: ArticleFields) -> None:
        article = self.workbench.pasted_article(
            text, title=fields.title, published=fields.published, language=fields.language
        )
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
