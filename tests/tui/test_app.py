"""Pilot tests of the TUI against the real core on temporary databases."""

from __future__ import annotations

import io
import sqlite3
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import HelpPanel, Markdown, Static

from tests.conftest import SEEDS
from tests.tui.helpers import SIZE, opened, settle, text_of
from workbench.models import ArticleInput, ClaimDraft, ClaimReview
from workbench.service import Workbench, content_hash
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.messages import ClaimDetailLoaded, ClaimsLoaded
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.tables import ArticleTable, ClaimTable


class Notes(list[Notification]):
    """A message hook that keeps every notification the app raises."""

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.append(message.notification)

    def errors(self) -> list[str]:
        return [note.message for note in self if note.severity == "error"]


def folded(text: str) -> str:
    return " ".join(text.split())


def detail_field(app: WorkbenchApp, key: str) -> str:
    return text_of(app.screen.query_one(f"#detail-{key}", Static))


def rendered(widget) -> str:
    """The key help's table of bindings as plain text (BindingsTable is not exported by Textual)."""
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(widget.render_bindings_table())
    return console.file.getvalue()


class GatedWorkbench(Workbench):
    """The real core, except that seeding waits until the test lets it go on."""

    def __init__(self, db_path: Path, gate: threading.Event):
        super().__init__(db_path, actor="tester")
        self.gate = gate

    def seed(self, seeds_dir: Path):
        assert self.gate.wait(timeout=10), "the test never opened the gate"
        return super().seed(seeds_dir)


@pytest.mark.slow
async def test_first_run_paints_and_answers_keys_while_seeding_then_shows_the_seed_articles(db_path: Path):
    gate = threading.Event()
    workbench = GatedWorkbench(db_path, gate)
    notes = Notes()
    app = make_app(workbench, seeds_dir=SEEDS)
    try:
        async with app.run_test(size=SIZE, message_hook=notes) as pilot:
            await pilot.pause()
            articles = app.screen.query_one(ArticleTable)
            assert isinstance(app.screen, MainScreen)
            assert articles.loading is True
            assert articles.row_count == 0
            assert app.screen.check_action("reload", ()) is None  # disabled while seeding
            # The seed worker is blocked, yet the event loop still handles keys.
            await pilot.press("question_mark")
            assert app.screen.query(HelpPanel)
            await pilot.press("question_mark")
            assert not app.screen.query(HelpPanel)

            gate.set()
            await settle(pilot)

            stored = workbench.articles()
            assert len(stored) == 2
            assert articles.loading is False
            assert articles.row_ids() == [article.id for article in stored]
            assert articles.selected_id == stored[0].id
            seed_claims = workbench.claims(stored[0].id)
            assert seed_claims
            claims = app.screen.query_one(ClaimTable)
            assert claims.row_ids() == [claim.id for claim in seed_claims]
            assert claims.selected_id == seed_claims[0].id
            assert text_of(app.screen.query_one("#detail-text", Static)) == folded(seed_claims[0].text)
            assert "Imported 2 seed articles." in [note.message for note in notes]
            assert notes.errors() == []
            assert app.screen.check_action("reload", ()) is True
    finally:
        gate.set()


@pytest.mark.slow
async def test_a_seeded_database_is_not_seeded_again(seeded: Workbench):
    notes = Notes()
    async with opened(seeded, seeds_dir=SEEDS, notes=notes) as (app, pilot):
        assert app.screen.query_one(ArticleTable).row_count == 2
        assert [note.message for note in notes] == []
    assert len(seeded.articles()) == 2


@pytest.mark.slow
async def test_opens_on_the_first_article_and_its_first_claim(seeded: Workbench):
    first = seeded.articles()[0]
    claim = seeded.claims(first.id)[0]
    async with opened(seeded) as (app, pilot):
        articles = app.screen.query_one(ArticleTable)
        assert articles.selected_id == first.id
        assert articles.get_cell(str(first.id), "reviewed").plain == f"0/{first.claim_count}"
        assert app.focused is articles
        detail = app.screen.query_one(ClaimDetail)
        assert detail.border_title == f"Claim {claim.id}"
        assert not detail.has_class("-empty")
        heading = text_of(app.screen.query_one("#detail-heading", Static))
        assert heading.startswith(f"{claim.kind} · ")
        assert f"score {claim.score:.2f}" in heading
        assert detail_field(app, "verdict") == "none yet"
        assert detail_field(app, "history") == "0 verdicts"
        for entity in claim.entities:
            assert entity.text in detail_field(app, "entities")


@pytest.mark.slow
async def test_moving_through_claims_updates_the_detail(seeded: Workbench):
    claims = seeded.claims(seeded.articles()[0].id)
    async with opened(seeded) as (app, pilot):
        await pilot.press("tab", "down", "down")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert app.focused is table
        assert table.selected_id == claims[2].id
        assert text_of(app.screen.query_one("#detail-text", Static)) == folded(claims[2].text)
        assert app.screen.query_one(ClaimDetail).border_title == f"Claim {claims[2].id}"
        await pilot.press("up")
        await settle(pilot)
        assert text_of(app.screen.query_one("#detail-text", Static)) == folded(claims[1].text)


@pytest.mark.slow
async def test_moving_through_articles_loads_their_claims(seeded: Workbench):
    second = seeded.articles()[1]
    claims = seeded.claims(second.id)
    async with opened(seeded) as (app, pilot):
        await pilot.press("down")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert table.row_ids() == [claim.id for claim in claims]
        assert table.border_subtitle == f"{len(claims)} claims"
        assert text_of(app.screen.query_one("#detail-text", Static)) == folded(claims[0].text)


@pytest.mark.slow
async def test_a_claim_with_a_verdict_shows_its_rating(seeded: Workbench):
    article = seeded.articles()[0]
    claim = seeded.claims(article.id)[0]
    seeded.add_verdict(claim.id, "half true", rationale="Seoul and Tokyo disagree on the count.")
    seeded.add_verdict(claim.id, "mostly true", rationale="Tokyo corrected its count.")
    async with opened(seeded) as (app, pilot):
        table = app.screen.query_one(ClaimTable)
        assert table.get_cell(str(claim.id), "status").plain == "Mostly true"
        verdict = detail_field(app, "verdict")
        assert verdict.startswith("Mostly true · tester · ")
        assert verdict.endswith("\nTokyo corrected its count.")
        history = detail_field(app, "history").splitlines()
        assert history[0] == "2 verdicts" and history[1].startswith("Half true · tester · ")
        articles = app.screen.query_one(ArticleTable)
        assert articles.get_cell(str(article.id), "reviewed").plain == f"1/{article.claim_count}"


@pytest.mark.slow
async def test_reload_shows_outside_changes_and_keeps_the_selection(seeded: Workbench):
    second = seeded.articles()[1]
    claims = seeded.claims(second.id)
    async with opened(seeded) as (app, pilot):
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("tab", "down", "down", "down")
        await settle(pilot)
        target = claims[3]
        assert app.screen.query_one(ClaimTable).selected_id == target.id
        seeded.add_verdict(target.id, "false")
        seeded.add_source(target.id, "https://www.jcs.mil.kr/", stance="refutes", title="JCS briefing", publisher="JCS")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one(ArticleTable).selected_id == second.id
        table = app.screen.query_one(ClaimTable)
        assert table.selected_id == target.id
        assert table.get_cell(str(target.id), "status").plain == "False"
        assert detail_field(app, "sources") == "refutes: JCS briefing (JCS)\n  https://www.jcs.mil.kr/"
        assert detail_field(app, "history") == "1 verdict"


@pytest.mark.slow
async def test_results_for_a_row_no_longer_highlighted_are_dropped(seeded: Workbench):
    first, second = seeded.articles()
    first_claims, second_claims = seeded.claims(first.id), seeded.claims(second.id)
    async with opened(seeded) as (app, pilot):
        # What a slow worker for an article or claim the user has already left would post.
        app.screen.post_message(ClaimsLoaded(second.id, second_claims))
        app.screen.post_message(ClaimDetailLoaded(ClaimReview(second_claims[0], [], [], [])))
        await pilot.pause()
        assert app.screen.query_one(ClaimTable).row_ids() == [claim.id for claim in first_claims]
        assert app.screen.query_one(ClaimDetail).border_title == f"Claim {first_claims[0].id}"


@pytest.mark.slow
async def test_tab_and_shift_tab_move_between_panes(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        screen = app.screen
        assert app.focused is screen.query_one(ArticleTable)
        await pilot.press("tab")
        assert app.focused is screen.query_one(ClaimTable)
        await pilot.press("tab")
        assert app.focused is screen.query_one(ClaimDetail)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is screen.query_one(ArticleTable)


@pytest.mark.slow
async def test_question_mark_toggles_the_key_help(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        panel = app.screen.query_one(HelpPanel)
        keys = [" ".join(line.split()) for line in rendered(panel.query_one("BindingsTable")).splitlines()]
        for line in (
            "q Quit Quit the workbench.",
            "r Reload Read articles and claims from the database again.",
            "tab Next pane Move focus to the next pane.",
            "shift+tab Previous pane Move focus to the previous pane.",
            "^q Quit Quit the app and return to the command prompt.",
            "? Keys Show or hide the key bindings and help for the focused pane.",
        ):
            assert line in keys, keys
        assert panel.query_one("#widget-help", Markdown).source.strip().startswith("## Articles")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)


@pytest.mark.slow
@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys_exit(seeded: Workbench, key: str):
    async with opened(seeded) as (app, pilot):
        await pilot.press("tab")  # from a table other than the first, too
        assert app.return_code is None
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0


async def test_a_missing_database_is_reported_not_created(tmp_path: Path):
    absent = tmp_path / "absent.db"
    notes = Notes()
    async with opened(Workbench(absent, actor="tester"), notes=notes) as (app, pilot):
        assert notes.errors() == [f"There is no database at {absent}; import an article first."]
        assert app.screen.query_one(ArticleTable).loading is False
        assert text_of(app.screen.query_one("#detail-heading", Static)) == "No articles could be read."
        assert app.return_code is None
    assert not absent.exists()


class FailingSources(Workbench):
    def review(self, claim_id: int):
        raise sqlite3.OperationalError("database is locked")


@pytest.mark.slow
async def test_a_failing_core_call_is_a_notification_not_a_crash(seeded: Workbench):
    notes = Notes()
    async with opened(FailingSources(seeded.db_path, actor="tester"), notes=notes) as (app, pilot):
        assert notes.errors() == [
            "Another program holds the database (an import or another reviewer's write); try again in a moment."
        ]
        assert app.screen.query_one(ClaimTable).row_count > 0
        assert app.return_code is None


BRACKETED = "Seúl dice [bold]un[/bold] misil; Tokio, [red]dos[/]."


def hand_made(db_path: Path) -> Workbench:
    """A database written through the store, without the language model: fast and exact."""
    workbench = Workbench(db_path, actor="tester")
    text = BRACKETED
    claims = [ClaimDraft(0, len(text), text, "quantity", True, 0.9, claimant="Seúl", dates=("2023-09-13",))]
    with workbench.store(create=True) as store:
        article = ArticleInput(text, "Misiles [sic]", "es", published="2023-09-13")
        store.articles.insert_article(article, content_hash(text), claims)
        empty = "Texto sin afirmaciones."
        store.articles.insert_article(ArticleInput(empty, "Sin afirmaciones", "es"), content_hash(empty), [])
    return workbench


async def test_brackets_in_text_are_shown_as_written_and_an_article_without_claims_says_so(tmp_path: Path):
    workbench = hand_made(tmp_path / "hand.db")
    async with opened(workbench) as (app, pilot):
        articles = app.screen.query_one(ArticleTable)
        assert articles.get_cell("1", "title").plain == "Misiles [sic]"
        assert articles.get_cell("2", "published").plain == "—"
        claims = app.screen.query_one(ClaimTable)
        assert claims.get_cell("1", "text").plain.startswith("Seúl dice [bold]un[/bold] misil;")
        assert text_of(app.screen.query_one("#detail-text", Static)) == BRACKETED
        assert detail_field(app, "claimant") == "Seúl"
        assert detail_field(app, "dates") == "Sep 13, 2023"  # a day for people, in English too
        await pilot.press("down")
        await settle(pilot)
        assert claims.row_count == 0
        detail = app.screen.query_one(ClaimDetail)
        assert detail.has_class("-empty")
        assert text_of(app.screen.query_one("#detail-heading", Static)) == "This article has no claims."
