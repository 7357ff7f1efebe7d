"""The main screen: articles, the highlighted article's claims, and the highlighted claim in full.

Workers call the core and post messages; the handlers here are the only code that changes widgets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Header
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.filter_text import parse_filter_text
from workbench.i18n import N_, _, actor_names, format_count, ngettext, vocabulary_filters
from workbench.service import QUEUE_LIMIT
from workbench.tui.dialogs.claim_text import EditDialog, SpanDialog, SplitDialog
from workbench.tui.dialogs.export import ExportChoice, ExportDialog
from workbench.tui.dialogs.import_article import ImportDialog
from workbench.tui.dialogs.matches import MatchesDialog
from workbench.tui.dialogs.search import SearchDialog
from workbench.tui.dialogs.source import SourceDialog, SourcesAction, SourcesDialog
from workbench.tui.dialogs.verdict import VerdictDialog
from workbench.tui.errors import describe
from workbench.tui.messages import (
    ArticlesLoaded,
    ClaimDetailLoaded,
    ClaimsLoaded,
    DatabaseChanged,
    EntityNamesLoaded,
    ExportFinished,
    ExportProgress,
    IndexFinished,
    IndexProgress,
    MatchesLoaded,
    ModelsReady,
    QueueLoaded,
    ReviewSaved,
    SeedFinished,
)
from workbench.tui.translate import translate_bindings
from workbench.tui.widgets.article_reader import ArticleReader
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.footer import TwoRowFooter
from workbench.tui.widgets.queue import QueuePane, QueueTable
from workbench.tui.widgets.tables import ArticleTable, ClaimTable

if TYPE_CHECKING:
    from workbench.models import Change, ClaimRow, ImportResult, SearchHit
    from workbench.service import Workbench

T = TypeVar("T")

NO_ARTICLES = N_("No articles yet. Import one with: workbench import PATH")
POLL_SECONDS = 2.0
"""How often the screen looks for other reviewers' writes."""
INDEX_BATCH = 16
"""Claims the background index embeds per transaction: a second or two of the model, so quitting
waits little for the batch in hand (`workbench index` takes larger ones)."""


class IndexStopped(Exception):
    """Raised in the background index's progress callback once its worker is cancelled (the app
    is quitting): the batches already committed stay, and the next run resumes after them."""


class MainScreen(Screen[None]):
    BINDING_GROUP_TITLE = N_("Main screen")

    BINDINGS = [
        Binding("q", "app.quit", N_("Quit"), tooltip=N_("Quit the workbench."), id="quit"),
        Binding(
            "r",
            "reload",
            N_("Reload"),
            tooltip=N_("Read articles and claims from the database again."),
            show=False,
            id="reload",
        ),
        Binding("v", "verdict", N_("Verdict"), tooltip=N_("Give the selected claim a verdict."), id="verdict"),
        Binding(
            "s", "source", N_("Source"), tooltip=N_("Attach, edit or remove the selected claim's sources."), id="source"
        ),
        Binding(
            "m",
            "matches",
            N_("Match"),
            tooltip=N_("Earlier claims like the selected one; confirm or reject."),
            id="matches",
        ),
        Binding("slash", "search", N_("Find"), tooltip=N_("Full-text search over claims and articles."), id="search"),
        Binding(
            "e", "export", N_("Export"), tooltip=N_("Write a report of this article or of everything."), id="export"
        ),
        Binding(
            "a",
            "toggle_reader",
            N_("Read"),
            tooltip=N_("Show the article with its claims marked, or the claim."),
            id="reader",
        ),
        Binding("t", "edit", N_("Edit"), tooltip=N_("Rewrite the selected claim's text."), id="edit"),
        Binding("x", "split", N_("Split"), tooltip=N_("Cut the selected claim in two."), id="split"),
        Binding("j", "join", N_("Join"), tooltip=N_("Merge the selected claim with the next one."), id="join"),
        Binding(
            "n",
            "toggle_checkable",
            N_("Mark"),
            tooltip=N_("Mark the selected claim not checkable, or checkable again."),
            id="checkable",
        ),
        Binding(
            "plus",
            "add_claim",
            N_("Add"),
            tooltip=N_("Mark a passage of the article as a claim it missed."),
            id="add-claim",
        ),
        Binding("u", "undo", N_("Undo"), tooltip=N_("Take back your last review action."), id="undo"),
        Binding(
            "w",
            "toggle_queue",
            N_("Queue"),
            tooltip=N_("Claims awaiting review across articles, or the articles again."),
            id="queue",
        ),
        Binding(
            "i",
            "import_article",
            N_("Import"),
            tooltip=N_("Import an article from a file or from pasted text."),
            id="import",
        ),
        Binding(
            "tab",
            "app.focus_next",
            N_("Next pane"),
            tooltip=N_("Move focus to the next pane."),
            show=False,
            id="focus-next",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            N_("Previous pane"),
            tooltip=N_("Move focus to the previous pane."),
            show=False,
            id="focus-previous",
        ),
    ]

    def __init__(self, workbench: Workbench, seeds_dir: Path | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.workbench = workbench
        self.seeds_dir = seeds_dir
        self.seeding = False
        self.article_id: int | None = None
        """The highlighted article; results for any other are stale and dropped."""
        self.claim_id: int | None = None
        """The highlighted claim; details of any other are stale and dropped."""
        self.done: list[Change] = []
        """This session's review writes, latest last: what `u` takes back."""
        self.seen_change: int | None = None
        """The database's change mark when last read (see Workbench.last_change)."""
        self.outside_change = False
        self.queued: dict[int, ClaimRow] = {}
        """The claims the queue lists, by id."""
        self.listed: dict[int, ClaimRow] = {}
        """The claims of the article on screen, by id."""
        self.notes: dict[str, str] = {}
        """What the header says beside the database's name, by what says it (models, export, index)."""
        self.index_again = False
        """Claims came in while the background index ran: it may have looked for the last ones
        before they were stored, so it runs once more when it is done."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleTable(id="articles")
            yield QueuePane(self.workbench.settings.ratings, id="queue")
            with Vertical(id="claims-pane"):
                yield ClaimTable(id="claims")
                with ContentSwitcher(initial="detail", id="lower"):
                    yield ClaimDetail(id="detail")
                    yield ArticleReader(self.workbench.settings.ratings, id="reader")
        yield TwoRowFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ArticleTable).border_title = _("Articles")
        self.query_one(ClaimTable).border_title = _("Claims")
        self.query_one(ArticleTable).loading = True
        self.seeding = self.seeds_dir is not None
        self.refresh_bindings()

    def start(self) -> None:
        """Begin loading once the first frame is composed (the app calls this when ready),
        so nothing a worker does can hold the first paint back."""
        if self.seeds_dir is not None:
            self.seed(self.seeds_dir)  # loads the models itself; they are ready when it is done
        else:
            self.load_articles()
            self.load_models()
        self.poll()  # note where the database stands, so later looks can tell what changed
        self.set_interval(POLL_SECONDS, self.poll)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload" and self.seeding:
            return None  # shown, but disabled until the seed articles are in
        if (
            action in {"verdict", "source", "matches", "edit", "split", "join", "toggle_checkable"}
            and self.shown is None
        ):
            return None  # nothing selected to act on
        if action == "add_claim" and self.article_id is None:
            return None
        if action == "undo" and not self.done:
            return None
        return True

    @property
    def shown(self) -> ClaimRow | None:
        """The selected claim as read (the detail pane's, else the list's while the detail loads):
        its version goes with every change made to it."""
        claim = self.query_one(ClaimDetail).claim
        if claim is not None and claim.id == self.claim_id:
            return claim
        if self.claim_id is None:
            return None
        return self.listed.get(self.claim_id) or self.queued.get(self.claim_id)

    # -- review actions: a dialog asks, a worker writes, the claim reloads ---------

    def ask(self, dialog: Screen[T], then: Callable[[T | None], object]) -> None:
        """Open a dialog; `then` gets what it returns (None when dismissed). Whatever `then` gives
        back (the worker it started, or a falsy value when there was nothing to do) is dropped,
        since Textual's callbacks return None."""

        def done(result: T | None) -> None:
            then(result)

        self.app.push_screen(dialog, done)

    def action_verdict(self) -> None:
        claim = self.shown
        if claim is None:
            return
        dialog = VerdictDialog(self.workbench.settings.ratings, self.workbench.actor, claim.text)
        self.ask(
            dialog,
            lambda choice: (
                choice
                and self.write(
                    self.workbench.add_verdict,
                    claim.id,
                    choice.rating,
                    choice.rationale,
                    choice.reviewer,
                    claim.version,
                )
            ),
        )

    def action_source(self) -> None:
        """Add a source at once to a claim without any; otherwise list them to add, edit or remove."""
        claim = self.shown
        if claim is None:
            return
        detail = self.query_one(ClaimDetail)
        sources = detail.sources if detail.claim is not None and detail.claim.id == claim.id else []
        if not sources:
            self.add_source(claim)
        else:
            self.ask(SourcesDialog(sources), lambda chosen: self.act_on_source(claim, chosen))

    def add_source(self, claim: ClaimRow) -> None:
        self.ask(
            SourceDialog(),
            lambda choice: (
                choice
                and self.write(
                    partial(
                        self.workbench.add_source,
                        stance=choice.stance,
                        title=choice.title,
                        publisher=choice.publisher,
                        excerpt=choice.excerpt,
                        date=choice.date,
                        version=claim.version,
                    ),
                    claim.id,
                    choice.url,
                )
            ),
        )

    def act_on_source(self, claim: ClaimRow, chosen: SourcesAction | None) -> None:
        if chosen is None:
            return
        if chosen.kind == "add" or chosen.source is None:
            self.add_source(claim)
        elif chosen.kind == "remove":
            self.write(self.workbench.remove_source, chosen.source["attachment"])
        else:
            attachment = chosen.source["attachment"]
            self.ask(
                SourceDialog(chosen.source),
                lambda choice: (
                    choice
                    and self.write(
                        partial(
                            self.workbench.edit_source,
                            url=choice.url,
                            stance=choice.stance,
                            title=choice.title,
                            publisher=choice.publisher,
                            excerpt=choice.excerpt,
                            date=choice.date,
                        ),
                        attachment,
                    )
                ),
            )

    def action_edit(self) -> None:
        claim = self.shown
        if claim is not None:
            self.ask(
                EditDialog(claim.text),
                lambda text: text and self.write(self.workbench.edit_claim, claim.id, text, claim.version),
            )

    def action_split(self) -> None:
        claim = self.shown
        if claim is not None:
            self.ask(
                SplitDialog(claim.text),
                lambda at: at is not None and self.write(self.workbench.split_claim, claim.id, at, claim.version),
            )

    def action_join(self) -> None:
        claim = self.shown
        if claim is not None:
            self.write(self.workbench.merge_next, claim.id, claim.version)

    def action_toggle_checkable(self) -> None:
        claim = self.shown
        if claim is not None:
            self.write(self.workbench.set_checkable, claim.id, not claim.checkable, claim.version)

    def action_add_claim(self) -> None:
        article_id, reader = self.article_id, self.query_one(ArticleReader)
        if article_id is None or not reader.text:
            return
        claim = self.shown
        self.ask(
            SpanDialog(reader.text, claim.end if claim else 0),
            lambda span: span and self.write(self.workbench.add_claim, article_id, *span),
        )

    def action_undo(self) -> None:
        if self.done:
            self.undo(self.done.pop())
            self.refresh_bindings()

    def action_matches(self) -> None:
        if self.claim_id is not None:
            self.load_matches(self.claim_id)

    def action_toggle_reader(self) -> None:
        switcher = self.query_one("#lower", ContentSwitcher)
        switcher.current = "reader" if switcher.current == "detail" else "detail"
        if switcher.current == "reader":
            self.query_one(ArticleReader).select(self.claim_id)

    def action_export(self) -> None:
        article_id = self.article_id
        self.ask(ExportDialog(article_id, self.claim_id), lambda choice: choice and self.export(choice, article_id))

    def action_search(self) -> None:
        self.app.push_screen(SearchDialog(self.workbench), self.jump_to)

    def jump_to(self, hit: SearchHit | None) -> None:
        """Show a search hit: its article, and the claim itself when the hit is a claim."""
        if hit is None:
            return
        self.claim_id = hit.id if hit.kind == "claim" else None
        table = self.query_one(ArticleTable)
        if hit.article_id in table.row_ids():
            table.move_cursor(row=table.row_ids().index(hit.article_id))
            if self.article_id == hit.article_id:
                self.load_claims(hit.article_id)
        self.query_one(ClaimTable).focus()

    def action_reload(self) -> None:
        self.reload()

    # -- the queue: claims awaiting review across articles ------------------------------

    @property
    def queue_shown(self) -> bool:
        return self.query_one("#panes").has_class("-queue")

    def action_toggle_queue(self) -> None:
        """Switch the left pane between the articles and the queue, which opens at its top claim."""
        if self.queue_shown:
            self.query_one("#panes").remove_class("-queue")
            self.query_one(ArticleTable).focus()
            return
        self.query_one("#panes").add_class("-queue")
        self.query_one(QueueTable).focus()
        self.load_queue(self.query_one(QueuePane).filter_text, from_top=True)
        if not self.query_one(QueuePane).suggester.entities:
            self.load_entity_names()

    def show_claim_of_article(self, article_id: int, claim_id: int) -> None:
        """Select a claim from outside its article's list: the article follows, then the claim in it."""
        self.claim_id = claim_id
        self.refresh_bindings()
        self.load_detail(claim_id)
        articles = self.query_one(ArticleTable)
        if article_id != self.article_id and article_id in articles.row_ids():
            articles.move_cursor(row=articles.row_ids().index(article_id))  # its claims load, keeping claim_id
            return
        claims = self.query_one(ClaimTable)
        if claim_id in claims.row_ids():
            claims.move_cursor(row=claims.row_ids().index(claim_id))

    @on(QueuePane.FilterSubmitted)
    def filter_submitted(self, message: QueuePane.FilterSubmitted) -> None:
        self.load_queue(message.text, from_top=True)

    @on(DataTable.RowHighlighted, "#queue-table")
    def queued_claim_highlighted(self, event: DataTable.RowHighlighted) -> None:
        claim = self.queued.get(int(str(event.row_key.value)))
        if claim is not None:
            self.show_claim_of_article(claim.article_id, claim.id)

    @on(QueueLoaded)
    def show_queue(self, message: QueueLoaded) -> None:
        pane = self.query_one(QueuePane)
        if message.filter_text != pane.filter_text:
            return
        self.queued = {claim.id: claim for claim in message.claims}
        pane.show(message.claims, keep=None if message.from_top else self.claim_id, limit=message.limit)

    @on(EntityNamesLoaded)
    def entity_names_loaded(self, message: EntityNamesLoaded) -> None:
        self.query_one(QueuePane).suggester.entities = actor_names(message.names)

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def load_queue(self, filter_text: str, from_top: bool = False) -> None:
        line = vocabulary_filters(parse_filter_text(filter_text))  # labels in either language
        filters = self.workbench.claim_filter(
            article_id=line.get("article_id"),
            status=line.get("status"),
            rating=line.get("rating"),
            kind=line.get("kind"),
            entity=line.get("entity"),
        )
        claims = self.workbench.queued(filters, QUEUE_LIMIT)
        if not get_current_worker().is_cancelled:
            self.post_message(QueueLoaded(filter_text, claims, QUEUE_LIMIT, from_top))

    @work(thread=True, exclusive=True, group="entity-names", exit_on_error=False)
    def load_entity_names(self) -> None:
        names = self.workbench.entity_names()
        if not get_current_worker().is_cancelled:
            self.post_message(EntityNamesLoaded(names))

    # -- import from inside: the dialog reads and stores, the screen shows the result --------

    def action_import_article(self) -> None:
        self.app.push_screen(ImportDialog(self.workbench), self.imported)

    def imported(self, result: ImportResult | None) -> None:
        """Show the imported article (or the stored copy of it) with its claims."""
        if result is None:
            return
        if result.created:
            self.notify(
                ngettext(
                    "Imported article {article}: {title} ({count} claim).",
                    "Imported article {article}: {title} ({count} claims).",
                    result.claim_count,
                ).format(article=result.article_id, title=result.title, count=result.claim_count),
                markup=False,
            )
        else:
            self.notify(
                _("Already imported as article {article}: {title}.").format(
                    article=result.article_id, title=result.title
                ),
                markup=False,
            )
        self.query_one("#panes").remove_class("-queue")
        self.article_id, self.claim_id = result.article_id, None
        self.query_one(ArticleTable).focus()
        self.load_articles()
        self.load_entity_names()
        if result.created:
            self.index_when_due()  # an archive's claims come without vectors

    def index_when_due(self) -> None:
        """Embed the claims that have no vector yet in the background, unless the settings say no
        ([matching] semantic or index_in_tui) or a run is already going (it takes new claims too)."""
        settings = self.workbench.settings
        if not (settings.semantic and settings.index_in_tui):
            return
        if any(worker.group == "index" and not worker.is_finished for worker in self.workers):
            self.index_again = True
            return
        self.index_again = False
        self.index_vectors()

    # -- workers: call the core, post a message, touch no widget ---------------

    @work(thread=True, exclusive=True, group="seed", exit_on_error=False)
    def seed(self, seeds_dir: Path) -> None:
        results = self.workbench.seed(seeds_dir)
        if not get_current_worker().is_cancelled:
            self.post_message(SeedFinished(results))

    @work(thread=True, exclusive=True, group="models", exit_on_error=False)
    def load_models(self) -> None:
        self.app.call_from_thread(self.set_note, "models", _("loading the language models…"))
        started = time.perf_counter()
        self.workbench.load_models()
        self.post_message(ModelsReady(time.perf_counter() - started))

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def load_articles(self) -> None:
        articles = self.workbench.articles()
        if not get_current_worker().is_cancelled:
            self.post_message(ArticlesLoaded(articles))

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def load_claims(self, article_id: int) -> None:
        claims = self.workbench.claims(article_id)
        text = self.workbench.article_text(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(ClaimsLoaded(article_id, claims, text))

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, claim_id: int) -> None:
        review = self.workbench.review(claim_id)
        if not get_current_worker().is_cancelled:
            self.post_message(ClaimDetailLoaded(review))

    @work(thread=True, group="write", exit_on_error=False)
    def write(self, call: Callable[..., Change], *args: object) -> None:
        """Any review write: the core returns a Change, which the screen keeps for undo."""
        change = call(*args)
        self.post_message(ReviewSaved(change.claim_id, change.note, change, self.workbench.last_change()))

    @work(thread=True, group="write", exit_on_error=False)
    def undo(self, change: Change) -> None:
        note = self.workbench.undo(change)
        removed = change.action == "add_claim"
        self.post_message(ReviewSaved(change.claim_id, note, mark=self.workbench.last_change(), removed=removed))

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll(self) -> None:
        """Look for writes by anyone (another reviewer's process included) since the last look."""
        mark = self.workbench.last_change()
        if mark != self.seen_change:
            self.post_message(DatabaseChanged(mark))

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, choice: ExportChoice, article_id: int | None) -> None:
        path = self.workbench.export_to(
            Path(choice.path),
            choice.fmt,
            article_id if choice.article_only else None,
            force=choice.force,
            cluster=choice.cluster,
            progress=self._exported,
        )
        self.post_message(ExportFinished(str(path)))

    def _exported(self, done: int, total: int) -> None:
        """The core's progress callback for an export, as a message (called in the worker's thread)."""
        self.post_message(ExportProgress(done, total))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_vectors(self) -> None:
        """The core's `workbench index` in a thread: it resumes where an earlier run stopped and
        stops after the batch in hand when the app quits."""
        # Nothing to embed (the model is not loaded for that), or a model that cannot run here
        # (matching stays lexical, as the CLI says when asked).
        if not self.workbench.pending_vectors() or self.workbench.embedder() is None:
            self.post_message(IndexFinished(0))  # a run asked for meanwhile still starts
            return
        worker = get_current_worker()
        try:
            done = self.workbench.index_vectors(INDEX_BATCH, partial(self._indexed, worker))
            self.workbench.index_lists(partial(self._stop_if_cancelled, worker))
        except IndexStopped:
            return
        self.post_message(IndexFinished(done))

    def _stop_if_cancelled(self, worker: Worker[None], done: int, total: int) -> None:
        """The lists' progress callback: filing them is quick and not shown, but stops with the app."""
        if worker.is_cancelled:
            raise IndexStopped

    def _indexed(self, worker: Worker[None], done: int, total: int) -> None:
        """The core's progress callback for the index, as a message (called in the worker's thread)."""
        if worker.is_cancelled:
            raise IndexStopped
        self.post_message(IndexProgress(done, total))

    @work(thread=True, exclusive=True, group="matches", exit_on_error=False)
    def load_matches(self, claim_id: int) -> None:
        matches = self.workbench.matches_for(claim_id)
        claims = self.workbench.claims_by_id([claim_id, *(m.claim for m in matches)])
        if not get_current_worker().is_cancelled:
            self.post_message(MatchesLoaded(claim_id, matches, claims))

    # -- handlers: own the widgets ---------------------------------------------

    @on(MatchesLoaded)
    def show_matches(self, message: MatchesLoaded) -> None:
        if message.claim_id != self.claim_id:
            return
        claim_id = message.claim_id
        self.ask(
            MatchesDialog(claim_id, message.matches, message.claims),
            lambda decision: (
                decision
                and self.write(self.workbench.set_link, claim_id, decision.other, decision.state, decision.relation)
            ),
        )

    @on(ReviewSaved)
    def review_saved(self, message: ReviewSaved) -> None:
        self.notify(message.note, markup=False)
        if message.mark is not None:
            self.seen_change = message.mark
        if message.change is not None:
            self.done.append(message.change)
            if message.change.action in {"add_claim", "split"}:
                self.claim_id = message.change.claim_id
        if message.removed and self.claim_id == message.claim_id:
            self.claim_id = None
        self.reload()

    @on(DatabaseChanged)
    def database_changed(self, message: DatabaseChanged) -> None:
        """Someone wrote: show what is stored now, so nobody reviews a claim as it no longer is."""
        first = self.seen_change is None
        self.seen_change = message.mark
        if not first:
            self.outside_change = True
            self.reload()

    def reload(self) -> None:
        """Read the articles, the article's claims and the claim on screen again, keeping the selection."""
        if self.article_id is not None:
            self.load_claims(self.article_id)
        if self.claim_id is not None:
            self.load_detail(self.claim_id)
        self.load_articles()
        if self.queue_shown:
            self.load_queue(self.query_one(QueuePane).filter_text)
        self.refresh_bindings()

    def set_note(self, kind: str, note: str | None) -> None:
        """The header's subtitle says when the models are still loading, how far an export or the
        background index got; each `kind` of note replaces its own, None takes it away."""
        if note:
            self.notes[kind] = note
        else:
            self.notes.pop(kind, None)
        self.app.sub_title = " · ".join([self.workbench.db_path.name, *self.notes.values()])

    @on(ExportProgress)
    def export_progress(self, message: ExportProgress) -> None:
        self.set_note(
            "export",
            _("Exporting… {done}/{total} claims").format(
                done=format_count(message.done), total=format_count(message.total)
            ),
        )

    @on(ExportFinished)
    def export_finished(self, message: ExportFinished) -> None:
        self.set_note("export", None)
        self.notify(_("Wrote {path}").format(path=message.path), markup=False)

    @on(ModelsReady)
    def models_ready(self, message: ModelsReady) -> None:
        self.set_note("models", None)
        self.log(f"language models ready in {message.seconds:.1f} s")
        self.index_when_due()

    @on(IndexProgress)
    def index_progress(self, message: IndexProgress) -> None:
        if message.total:  # nothing to embed: the header stays as it was
            self.set_note(
                "index",
                _("Indexing… {done}/{total} claims").format(
                    done=format_count(message.done), total=format_count(message.total)
                ),
            )

    @on(IndexFinished)
    def index_finished(self, message: IndexFinished) -> None:
        self.set_note("index", None)
        if self.index_again:  # the run that posted this is ending: start the next at once
            self.index_again = False
            self.index_vectors()
        if message.done:
            self.notify(
                ngettext(
                    "Embedded {count} claim for matching in other words.",
                    "Embedded {count} claims for matching in other words.",
                    message.done,
                ).format(count=format_count(message.done)),
                markup=False,
            )

    @on(SeedFinished)
    def seed_finished(self, message: SeedFinished) -> None:
        created = [result for result in message.results if result.created]
        if created:
            self.notify(
                ngettext("Imported {count} seed article.", "Imported {count} seed articles.", len(created)).format(
                    count=len(created)
                ),
                markup=False,
            )
        self.seeding = False
        self.refresh_bindings()
        self.load_articles()
        self.load_models()

    @on(ArticlesLoaded)
    def show_articles(self, message: ArticlesLoaded) -> None:
        table = self.query_one(ArticleTable)
        table.loading = False
        table.show(message.articles, keep=self.article_id)
        if not message.articles:
            self.article_id = self.claim_id = None
            self.query_one(ClaimTable).show([], keep=None)
            self.query_one(ClaimDetail).show_message(_(NO_ARTICLES))

    @on(DataTable.RowHighlighted, "#articles")
    def article_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.article_id = int(str(event.row_key.value))
        self.load_claims(self.article_id)

    @on(ClaimsLoaded)
    def show_claims(self, message: ClaimsLoaded) -> None:
        if message.article_id != self.article_id:
            return
        self.listed = {claim.id: claim for claim in message.claims}
        self.query_one(ClaimTable).show(message.claims, keep=self.claim_id)
        self.query_one(ArticleReader).show(message.text, message.claims, self.claim_id)
        if not message.claims:
            self.claim_id = None
            self.refresh_bindings()
            self.query_one(ClaimDetail).show_message(_("This article has no claims."))

    @on(DataTable.RowHighlighted, "#claims")
    def claim_highlighted(self, event: DataTable.RowHighlighted) -> None:
        claim_id = int(str(event.row_key.value))
        if not self.claims_table_selects(claim_id):
            return
        self.claim_id = claim_id
        self.refresh_bindings()
        if self.query_one("#lower", ContentSwitcher).current == "reader":
            self.query_one(ArticleReader).select(self.claim_id)
        self.load_detail(self.claim_id)

    def claims_table_selects(self, claim_id: int) -> bool:
        """Whether a highlight from the claims table still speaks for the reviewer.

        Highlights of different tables reach the screen in no fixed order: after a verdict the
        queue moves on to the next claim while the reloaded claims table re-highlights the one
        just checked. A highlight the table's cursor has already left is stale; while the queue
        is shown it chooses the claim, unless the reviewer is moving through the claims table.
        """
        table = self.query_one(ClaimTable)
        if table.selected_id != claim_id:
            return False
        if self.queue_shown and not table.has_focus:
            return claim_id == self.query_one(QueueTable).selected_id
        return True

    @on(ClaimDetailLoaded)
    def show_detail(self, message: ClaimDetailLoaded) -> None:
        claim = message.review.claim
        if claim.id != self.claim_id:
            return
        before = self.shown
        if self.outside_change and before is not None and before.id == claim.id and before.version != claim.version:
            self.notify(
                _("Claim {claim} was changed by another reviewer; this is the stored version.").format(claim=claim.id),
                markup=False,
            )
        self.outside_change = False
        self.query_one(ClaimDetail).show_claim(message.review)
        self.refresh_bindings()

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A failed call into the core becomes a notification, never a crash."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        if worker.group == "poll":
            return  # the next look will tell; a busy database is no news for the reviewer
        self.notify(describe(worker.error), title=_("Error"), severity="error", markup=False)
        if worker.group in {"export", "index"}:
            self.set_note(worker.group, None)  # the progress it showed is over
        if worker.group == "write":
            self.reload()  # a refused write (a stale version): show the claim as it is now
        if worker.group == "seed":
            self.seeding = False
            self.refresh_bindings()
            self.load_articles()
        elif worker.group == "articles":
            self.query_one(ArticleTable).loading = False
            if not self.query_one(ArticleTable).row_count:
                self.query_one(ClaimDetail).show_message(_("No articles could be read."))
