"""Importing from inside: an article file by path (completed from the filesystem), or pasted text,
with the title, publication date and language a reviewer knows better than the file (relative
dates such as "el miércoles" resolve against that date). An archive of earlier claims (a claims
CSV, ClaimReview JSON-LD) is imported by its file's suffix, as `workbench import --format` does.

The dialog stays open while the core reads, extracts and matches, showing how far it got (the
core's progress callbacks, posted as messages), so a refused file can be corrected in place; it
closes with the import's result once the article is stored.
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

from workbench.i18n import N_, _, format_count
from workbench.models import ArticleInput, ImportResult
from workbench.tui.dialogs.base import Dialog
from workbench.tui.errors import describe
from workbench.tui.widgets.path_input import PathInput

if TYPE_CHECKING:
    from collections.abc import Callable

    from workbench.service import Workbench

HINT = N_("ctrl+s imports · esc cancels")
LANGUAGES = [(N_("detect"), "auto"), (N_("Spanish (es)"), "es"), (N_("English (en)"), "en")]
ARCHIVES = {".csv": "claims-csv", ".jsonld": "claimreview"}
"""File suffixes read as archives of earlier claims, with the import format each is."""
ARCHIVE_LIMIT = 50
"""An archive may be this many times the largest article (as for `workbench import --format`)."""
STEPS = {
    "reading": N_("Importing… {done}/{total} claims"),
    "matching": N_("Matching… {done}/{total} claims"),
    "extracting": N_("Extracting claims… {done}/{total} articles"),
    "storing": N_("Storing and matching… {done}/{total} articles"),
}
"""What the progress line says at each step the core reports."""


@dataclass(frozen=True)
class ArticleFields:
    """What the reviewer typed beside the file or text; None where the file decides."""

    title: str | None
    published: str | None
    language: str


@dataclass
class ImportFinished(Message):
    result: ImportResult


@dataclass
class ImportProgress(Message):
    """How far the core got: a step of STEPS and its count (posted from the worker's thread)."""

    bubble = False
    step: str
    done: int
    total: int


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
                    yield PathInput(
                        placeholder=_("Article .txt/.md/.html or archive .csv/.jsonld; tab completes"), id="path"
                    )
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
            fmt = ARCHIVES.get(Path(path).suffix.lower())
            if fmt is None:
                self.import_file(str(Path(path).expanduser()), fields)
            else:
                self.import_archive(str(Path(path).expanduser()), fmt)
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
        self.post_message(ImportFinished(self._import(article)))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_text(self, text: str, fields: ArticleFields) -> None:
        article = self.workbench.pasted_article(
            text, title=fields.title, published=fields.published, language=fields.language
        )
        self.post_message(ImportFinished(self._import(article)))

    def _import(self, article: ArticleInput) -> ImportResult:
        [result] = self.workbench.import_articles(
            [article],
            progress=lambda _result: self._report("storing")(1, 1),
            extracting=self._report("extracting"),
        )
        return result

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_archive(self, path: str, fmt: str) -> None:
        from workbench.ingest.reader import decode, read_bytes

        data = decode(read_bytes(path, ARCHIVE_LIMIT * self.workbench.settings.max_article_bytes), path)
        run = self.workbench.import_claims_csv if fmt == "claims-csv" else self.workbench.import_claimreview
        found = run(
            data,
            path,
            self._report("reading"),
            self._report("matching"),
        )
        title = next(a.title for a in self.workbench.articles() if a.id == found.article_id)
        self.post_message(
            ImportFinished(ImportResult(found.article_id, title, found.claim_count, found.created, path, found.matched))
        )

    def _report(self, step: str) -> Callable[[int, int], None]:
        """The core's progress callback for a step, as a message to this dialog (from the worker's thread)."""

        def report(done: int, total: int) -> None:
            self.post_message(ImportProgress(step, done, total))

        return report

    @on(ImportProgress)
    def _progress(self, message: ImportProgress) -> None:
        counted = _(STEPS[message.step]).format(done=format_count(message.done), total=format_count(message.total))
        self.query_one("#import-progress", Label).update(counted)

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
