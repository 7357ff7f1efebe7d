"""Pilot tests of the review queue (w), on the frozen database."""

from __future__ import annotations

from tests.tui.helpers import opened, settle
from tests.tui.test_app import Notes, detail_field
from workbench.service import Workbench
from workbench.tui.widgets.claim_detail import ClaimDetail
from workbench.tui.widgets.queue import FilterInput, QueuePane, QueueTable
from workbench.tui.widgets.tables import ArticleTable, ClaimTable


def ids(rows) -> list[int]:
    return [row.id for row in rows]


async def filter_queue(pilot, text: str, *, typed: bool = False) -> None:
    """Focus the filter line with f, replace what it holds (typed key by key, or set), apply it with enter."""
    await pilot.press("f")
    line = pilot.app.screen.query_one(FilterInput)
    assert pilot.app.focused is line
    line.value = "" if typed else text
    await pilot.press(*(text if typed else ""), "enter")
    await settle(pilot)


def shown_claim(app) -> int:
    title = app.screen.query_one(ClaimDetail).border_title
    assert title.startswith("Claim "), title
    return int(title.removeprefix("Claim "))


async def test_w_shows_the_queue_and_moving_through_it_follows_each_claim_to_its_article(frozen: Workbench):
    expected = frozen.queue()
    assert {claim.article_id for claim in expected[:4]} == {1, 2}  # the first rows cross articles
    async with opened(frozen) as (app, pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(QueuePane).display and not screen.query_one(ArticleTable).display
        queue = screen.query_one(QueueTable)
        assert app.focused is queue
        assert queue.row_ids() == ids(expected)
        assert screen.query_one(QueuePane).border_subtitle == f"{len(expected)} claims"
        for position, claim in enumerate(expected[:4]):
            if position:
                await pilot.press("down")
                await settle(pilot)
            assert queue.selected_id == claim.id
            assert shown_claim(app) == claim.id
            assert screen.query_one(ArticleTable).selected_id == claim.article_id
            claims = screen.query_one(ClaimTable)
            assert claims.row_ids() == ids(frozen.claims(claim.article_id))
            assert claims.selected_id == claim.id
        await pilot.press("w")
        await settle(pilot)
        assert screen.query_one(ArticleTable).display and not screen.query_one(QueuePane).display
        assert app.focused is screen.query_one(ArticleTable)
        assert shown_claim(app) == expected[3].id


async def test_filters_by_status_entity_and_article(frozen: Workbench):
    checked = frozen.queue()[2]
    frozen.add_verdict(checked.id, "Falso")
    north_korea = frozen.queue(entity="North Korea")
    assert north_korea and len(north_korea) < len(frozen.queue())
    async with opened(frozen) as (app, pilot):
        await pilot.press("w")
        await settle(pilot)
        queue = app.screen.query_one(QueueTable)
        assert checked.id not in queue.row_ids()

        await filter_queue(pilot, "status:checked", typed=True)
        assert queue.row_ids() == [checked.id]
        assert app.focused is queue
        assert shown_claim(app) == checked.id
        assert detail_field(app, "verdict").startswith("False · tester")

        await filter_queue(pilot, "rating:false")
        assert queue.row_ids() == [checked.id]

        await filter_queue(pilot, "north korea")
        assert queue.row_ids() == ids(north_korea)
        assert shown_claim(app) == north_korea[0].id
        await pilot.press("down")
        await settle(pilot)
        assert shown_claim(app) == north_korea[1].id

        await filter_queue(pilot, "article:2 kind:quantity")
        expected = frozen.queue(article_id=2, kind="quantity")
        assert expected and queue.row_ids() == ids(expected)
        assert all(claim.article_id == 2 and claim.kind == "quantity" for claim in expected)


async def test_a_filter_that_cannot_match_is_one_sentence_and_the_queue_stays(frozen: Workbench):
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        await pilot.press("w")
        await settle(pilot)
        before = app.screen.query_one(QueueTable).row_ids()
        await filter_queue(pilot, "kind:rumour")
        assert notes.errors() == ["Kind 'rumour' is not one of event, quantity, statement, prediction, opinion."]
        assert app.screen.query_one(QueueTable).row_ids() == before
        assert app.return_code is None


async def test_a_verdict_given_from_the_queue_moves_on_to_the_next_claim(frozen: Workbench):
    first, second = frozen.queue()[:2]
    async with opened(frozen) as (app, pilot):
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("v", "2", "ctrl+s")  # Mostly true
        await settle(pilot)
        assert [v["rating"] for v in frozen.verdict_history(first.id)] == ["Mostly true"]
        queue = app.screen.query_one(QueueTable)
        assert first.id not in queue.row_ids()
        assert queue.selected_id == second.id
        assert shown_claim(app) == second.id


async def test_the_filter_line_completes_field_values_and_entity_names(frozen: Workbench):
    async with opened(frozen) as (app, pilot):
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("f", *"kind:qu")
        await settle(pilot)
        await pilot.press("tab")
        line = app.screen.query_one(FilterInput)
        assert line.value == "kind:quantity"
        await pilot.press("space", *"north")
        await settle(pilot)
        await pilot.press("right")
        assert line.value == "kind:quantity North Korea"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(QueueTable).row_ids() == ids(frozen.queue(kind="quantity", entity="North Korea"))
