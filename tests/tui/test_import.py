"""Pilot tests of importing from inside the TUI (i): a file by path, pasted text, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, TabbedContent, TextArea

from tests.conftest import file_digest
from tests.helpers import SHORT_ARTICLE, write
from tests.tui.helpers import opened, settle
from tests.tui.test_app import Notes
from workbench.service import Workbench
from workbench.tui.dialogs.import_article import ImportDialog
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.path_input import PathInput, complete_path
from workbench.tui.widgets.tables import ArticleTable, ClaimTable

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8


def ids(rows) -> list[int]:
    return [row.id for row in rows]


@pytest.mark.slow
async def test_a_file_chosen_with_path_completion_is_imported_and_its_claims_shown(frozen: Workbench, tmp_path: Path):
    story = write(tmp_path / "inbox" / "misiles-story.txt", SHORT_ARTICLE)
    write(tmp_path / "inbox" / ".hidden.txt", "not this one")
    before = len(frozen.articles())
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("i")
        assert isinstance(app.screen, ImportDialog)
        path = app.screen.query_one(PathInput)
        assert app.focused is path
        path.value = str(tmp_path / "inbox" / "mis")
        await settle(pilot)
        await pilot.press("tab")
        assert path.value == str(story)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        articles = frozen.articles()
        assert len(articles) == before + 1
        new = articles[-1]
        assert new.title.startswith("Corea del Norte disparó dos misiles")
        assert app.screen.query_one(ArticleTable).selected_id == new.id
        claims = app.screen.query_one(ClaimTable)
        assert claims.row_ids() == ids(frozen.claims(new.id)) and claims.row_count >= 2
        assert f"Imported article {new.id}: {new.title} ({new.claim_count} claims)." in [n.message for n in notes]
        assert notes.errors() == []


@pytest.mark.slow
async def test_pasted_text_becomes_an_article_with_its_title_and_date(frozen: Workbench):
    async with opened(frozen) as (app, pilot):
        await pilot.press("i")
        dialog = app.screen
        dialog.query_one(TabbedContent).active = "paste"
        await pilot.pause()
        assert app.focused is dialog.query_one(TextArea)
        dialog.query_one(TextArea).text = SHORT_ARTICLE
        dialog.query_one("#title", Input).value = "Misiles y satélites"
        dialog.query_one("#published", Input).value = "2023-09-13"
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = frozen.articles()[-1]
        assert (new.title, new.published) == ("Misiles y satélites", "2023-09-13")
        assert frozen.article_text(new.id) == SHORT_ARTICLE
        assert app.screen.query_one(ArticleTable).selected_id == new.id
        assert app.screen.query_one(ClaimTable).row_ids() == ids(frozen.claims(new.id))


@pytest.mark.slow
async def test_the_same_text_again_shows_the_stored_article(frozen: Workbench):
    first = frozen.articles()[0]
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one(TabbedContent).active = "paste"
        app.screen.query_one(TextArea).text = frozen.article_text(first.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(frozen.articles()) == 2
        assert app.screen.query_one(ArticleTable).selected_id == first.id
        assert f"Already imported as article {first.id}: {first.title}." in [n.message for n in notes]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.txt", None, "There is no file at {path}."),
        ("empty.txt", b"", "{path} is empty."),
        ("image.txt", PNG_BYTES, "{path} is a binary file, not an article."),
    ],
    ids=["missing", "empty", "binary"],
)
async def test_a_refused_file_is_one_sentence_the_dialog_stays_and_the_db_is_unchanged(
    frozen: Workbench, tmp_path: Path, name: str, content: bytes | None, message: str
):
    path = tmp_path / name
    if content is not None:
        write(path, content)
    before = file_digest(frozen.db_path)
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("i")
        app.screen.query_one(PathInput).value = str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notes.errors() == [message.format(path=path)]
        assert isinstance(app.screen, ImportDialog)  # still open, to correct the path
        assert app.screen.query_one(TabbedContent).loading is False
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert file_digest(frozen.db_path) == before


async def test_nothing_to_import_is_a_warning_not_a_write(frozen: Workbench):
    before = file_digest(frozen.db_path)
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("i", "ctrl+s")
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one(TabbedContent).active = "paste"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.message for n in notes] == ["Type the path of an article file.", "Paste the article's text first."]
    assert file_digest(frozen.db_path) == before


def test_path_completion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(tmp_path / "notes" / "story.md", "x")
    write(tmp_path / "notes" / "summit.html", "x")
    write(tmp_path / "notes" / ".draft.txt", "x")
    monkeypatch.chdir(tmp_path)
    assert complete_path("no") == "notes/"
    assert complete_path("notes/") == "notes/story.md"
    assert complete_path("notes/su") == "notes/summit.html"
    assert complete_path("notes/.d") == "notes/.draft.txt"
    assert complete_path(f"{tmp_path}/notes/st") == f"{tmp_path}/notes/story.md"
    assert complete_path("notes/story.md") is None
    assert complete_path("missing/x") is None
    assert complete_path("") is None


@pytest.mark.slow
async def test_a_file_is_imported_with_the_date_and_language_typed_beside_it(frozen: Workbench, tmp_path: Path):
    """A file without a date line: what the reviewer types is what relative dates resolve against."""
    story = write(tmp_path / "story.txt", SHORT_ARTICLE)
    async with opened(frozen) as (app, pilot):
        await pilot.press("i")
        dialog = app.screen
        dialog.query_one(PathInput).value = str(story)
        dialog.query_one("#published", Input).value = "2023-09-13"
        dialog.query_one("#language", Select).value = "es"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        new = frozen.articles()[-1]
        assert (new.published, new.language) == ("2023-09-13", "es")
        assert ("2023-09-13",) in [claim.dates for claim in frozen.claims(new.id)]  # "el miércoles"


@pytest.mark.slow
async def test_a_date_not_in_the_documented_form_keeps_the_dialog_open(frozen: Workbench, tmp_path: Path):
    story = write(tmp_path / "story.txt", SHORT_ARTICLE)
    before = file_digest(frozen.db_path)
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("i")
        app.screen.query_one(PathInput).value = str(story)
        app.screen.query_one("#published", Input).value = "13/09/2023"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert any("YYYY-MM-DD" in message for message in notes.errors())
    assert file_digest(frozen.db_path) == before
