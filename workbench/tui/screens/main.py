"""The main screen: articles, the highlighted article's claims, and the highlighted claim in full.

Workers call the core and post messages; the handlers here are the only code that changes widgets.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.errors import WorkbenchError
from workbench.tui.messages import ArticlesLoaded, ClaimDetailLoaded, ClaimsLoaded, SeedFinished
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.tables import ArticleTable, ClaimTable

if TYPE_CHECKING:
    from workbench.service import Workbench

NO_ARTICLES = "No articles yet. Import one with: workbench import PATH"


def describe(error: BaseException) -> str:
    """One sentence for the user, as the CLI would print it."""
    if isinstance(error, WorkbenchError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return f"The database could not be used: {error}."
    return f"Unexpected error: {error!r}"


class MainScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Main screen"

    BINDINGS = [
        Binding("q", "app.quit", "Quit", tooltip="Quit the workbench.", id="quit"),
        Binding("r", "reload", "Reload", tooltip="Read articles and claims from the database again.", id="reload"),
        Binding(
            "tab", "app.focus_next", "Next pane", tooltip="Move focus to the next pane.", show=False, id="focus-next"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous pane",
            tooltip="Move focus to the previous pane.",
            show=False,
            id="focus-previous",
        ),
    ]

    def __init__(self, workbench: Workbench, seeds_dir: Path | None = None) -> None:
        super().__init__()
        self.workbench = workbench
        self.seeds_dir = seeds_dir
        self.seeding = False
        self.article_id: int | None = None
        """The highlighted article; results for any other are stale and dropped."""
        self.claim_id: int | None = None
        """The highlighted claim; details of any other are stale and dropped."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleTable(id="articles")
            with Vertical(id="claims-pane"):
                yield ClaimTable(id="claims")
                yield ClaimDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleTable).border_title = "Articles"
        self.query_one(ClaimTable).border_title = "Claims"
        self.query_one(ArticleTable).loading = True
        if self.seeds_dir is not None:
            self.seeding = True
            self.refresh_bindings()
            self.seed(self.seeds_dir)
        else:
            self.load_articles()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload" and self.seeding:
            return None  # shown, but disabled until the seed articles are in
        return True

    def action_reload(self) -> None:
        self.load_articles()

    # -- workers: call the core, post a message, touch no widget ---------------

    @work(thread=True, exclusive=True, group="seed", exit_on_error=False)
    def seed(self, seeds_dir: Path) -> None:
        results = self.workbench.seed(seeds_dir)
        if not get_current_worker().is_cancelled:
            self.post_message(SeedFinished(results))

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def load_articles(self) -> None:
        articles = self.workbench.articles()
        if not get_current_worker().is_cancelled:
            self.post_message(ArticlesLoaded(articles))

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def load_claims(self, article_id: int) -> None:
        claims = self.workbench.claims(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(ClaimsLoaded(article_id, claims))

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, claim_id: int) -> None:
        review = self.workbench.review(claim_id)
        if not get_current_worker().is_cancelled:
            self.post_message(ClaimDetailLoaded(review))

    # -- handlers: own the widgets ---------------------------------------------

    @on(SeedFinished)
    def seed_finished(self, message: SeedFinished) -> None:
        created = [result for result in message.results if result.created]
        if created:
            self.notify(f"Imported {len(created)} seed articles.", markup=False)
        self.seeding = False
        self.refresh_bindings()
        self.load_articles()

    @on(ArticlesLoaded)
    def show_articles(self, message: ArticlesLoaded) -> None:
        table = self.query_one(ArticleTable)
        table.loading = False
        table.show(message.articles, keep=self.article_id)
        if not message.articles:
            self.article_id = self.claim_id = None
            self.query_one(ClaimTable).show([], keep=None)
            self.query_one(ClaimDetail).show_message(NO_ARTICLES)

    @on(DataTable.RowHighlighted, "#articles")
    def article_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.article_id = int(event.row_key.value)
        self.load_claims(self.article_id)

    @on(ClaimsLoaded)
    def show_claims(self, message: ClaimsLoaded) -> None:
        if message.article_id != self.article_id:
            return
        self.query_one(ClaimTable).show(message.claims, keep=self.claim_id)
        if not message.claims:
            self.claim_id = None
            self.query_one(ClaimDetail).show_message("This article has no claims.")

    @on(DataTable.RowHighlighted, "#claims")
    def claim_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.claim_id = int(event.row_key.value)
        self.load_detail(self.claim_id)

    @on(ClaimDetailLoaded)
    def show_detail(self, message: ClaimDetailLoaded) -> None:
        if message.review.claim.id != self.claim_id:
            return
        self.query_one(ClaimDetail).show_claim(message.review)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A failed call into the core becomes a notification, never a crash."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        self.notify(describe(worker.error), title="Error", severity="error", markup=False)
        if worker.group == "seed":
            self.seeding = False
            self.refresh_bindings()
            self.load_articles()
        elif worker.group == "articles":
            self.query_one(ArticleTable).loading = False
            if not self.query_one(ArticleTable).row_count:
                self.query_one(ClaimDetail).show_message("No articles could be read.")
