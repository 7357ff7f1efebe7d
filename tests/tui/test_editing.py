"""Pilot tests of changing claims in the TUI: edit, split, join, mark, add from a span, undo,
and another reviewer's change arriving while a claim is on screen."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from tests.tui.helpers import opened, settle
from tests.tui.test_app import SIZE, Notes, detail_field
from workbench.service import Workbench
from workbench.tui.app import make_app
from workbench.tui.dialogs.claim_text import EditDialog, SpanDialog, SplitDialog
from workbench.tui.widgets.tables import ClaimTable

pytestmark = pytest.mark.slow

EDITED = "Rusia no dijo nada sobre la entrega de dos misiles a Tokio."


async def test_edit_a_claim_then_undo_it(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        claim_id = app.screen.query_one(ClaimTable).selected_id
        before = seeded.claim(claim_id)
        await pilot.press("t")
        assert isinstance(app.screen, EditDialog)
        app.screen.query_one(TextArea).text = EDITED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert seeded.claim(claim_id).text == EDITED
        assert "Japan" in detail_field(app, "entities")

        await pilot.press("u")
        await settle(pilot)
        assert seeded.claim(claim_id).text == before.text
        assert "edit" in [row["action"] for row in seeded.history(claim_id)]


async def test_split_at_the_cursor_and_join_back(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        table = app.screen.query_one(ClaimTable)
        first = seeded.claim(table.selected_id)
        count = table.row_count
        await pilot.press("x")
        assert isinstance(app.screen, SplitDialog)
        area = app.screen.query_one(TextArea)
        area.cursor_location = area.document.get_location_from_index(first.text.index(" que Rusia"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table.row_count == count + 1
        assert seeded.claim(first.id).text.endswith("Vladimir Putin")

        await pilot.press("up")  # the split selects the first part; the second follows it
        await settle(pilot)
        assert table.selected_id == first.id
        await pilot.press("j")
        await settle(pilot)
        assert table.row_count == count
        assert seeded.claim(first.id).text == first.text


async def test_mark_not_checkable_shows_in_the_table_and_undo_restores(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        table = app.screen.query_one(ClaimTable)
        claim_id = table.selected_id
        await pilot.press("n")
        await settle(pilot)
        assert not seeded.claim(claim_id).checkable
        assert "not checkable" in table.get_cell(str(claim_id), "status").plain
        await pilot.press("u")
        await settle(pilot)
        assert seeded.claim(claim_id).checkable


async def test_add_a_claim_from_a_selected_passage_then_undo_it(seeded: Workbench):
    notes = Notes()
    app = make_app(seeded)
    passage = "los dos líderes intercambiaron un apretón de manos"
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        count = len(seeded.claims(1))
        await pilot.press("plus")
        assert isinstance(app.screen, SpanDialog)
        area = app.screen.query_one(TextArea)
        start = seeded.article_text(1).index(passage)
        doc = area.document
        area.selection = area.selection.__class__(
            doc.get_location_from_index(start), doc.get_location_from_index(start + len(passage))
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(seeded.claims(1)) == count + 1
        added = app.screen.query_one(ClaimTable).selected_id
        assert seeded.claim(added).text == passage

        # Undone, the claim is gone and the screen says so once: no "There is no claim" (issue 15).
        await pilot.press("u")
        await settle(pilot)
        assert len(seeded.claims(1)) == count
        assert added not in [c.id for c in seeded.claims(1)]
        assert not any("There is no claim" in error for error in notes.errors()), notes.errors()


async def test_another_reviewers_edit_refreshes_the_claim_and_a_stale_verdict_is_refused(seeded: Workbench):
    notes = Notes()
    async with opened(seeded, notes=notes) as (app, pilot):
        claim_id = app.screen.query_one(ClaimTable).selected_id
        shown = app.screen.shown
        Workbench(seeded.db_path, actor="ana").edit_claim(claim_id, EDITED)

        # A verdict given on the claim as it was read is refused, and the screen shows it as stored.
        app.screen.write(seeded.add_verdict, claim_id, "False", None, "tester", shown.version)
        await settle(pilot)
        assert seeded.verdict_history(claim_id) == []
        assert any("changed by ana" in error for error in notes.errors())
        assert app.screen.shown.text == EDITED

        # Without a write of ours, the next look at the database brings the change in.
        Workbench(seeded.db_path, actor="ana").edit_claim(claim_id, "Rusia calló sobre cualquier acuerdo militar.")
        app.screen.poll()
        await settle(pilot)
        assert app.screen.shown.text == "Rusia calló sobre cualquier acuerdo militar."
        assert any("changed by another reviewer" in note.message for note in notes)


async def test_sources_are_listed_edited_removed_and_put_back(seeded: Workbench):
    from textual.widgets import Input

    from workbench.tui.dialogs.source import SourceDialog, SourcesDialog

    async with opened(seeded) as (app, pilot):
        claim_id = app.screen.query_one(ClaimTable).selected_id
        seeded.add_source(claim_id, "https://www.mod.go.jp/", stance="refutes", title="MoD")
        app.screen.reload()
        await settle(pilot)

        await pilot.press("s")
        assert isinstance(app.screen, SourcesDialog)
        await pilot.press("enter")
        assert isinstance(app.screen, SourceDialog)
        assert app.screen.query_one("#url", Input).value == "https://www.mod.go.jp/"
        app.screen.query_one("#title", Input).value = "Japan Ministry of Defense"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [source] = seeded.sources(claim_id)
        assert (source["title"], source["stance"]) == ("Japan Ministry of Defense", "refutes")

        await pilot.press("s", "d")
        await settle(pilot)
        assert seeded.sources(claim_id) == []
        await pilot.press("u")
        await settle(pilot)
        assert [s["title"] for s in seeded.sources(claim_id)] == ["Japan Ministry of Defense"]
