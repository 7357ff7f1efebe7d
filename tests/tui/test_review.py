"""Pilot tests of the review flows: verdict, source, matches and search, on the real core."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from tests.tui.helpers import opened, settle, text_of
from tests.tui.test_app import Notes, detail_field
from workbench.service import Workbench
from workbench.tui.dialogs.matches import MatchesDialog
from workbench.tui.dialogs.search import SearchDialog
from workbench.tui.dialogs.source import SourceDialog
from workbench.tui.dialogs.verdict import VerdictDialog
from workbench.tui.widgets.tables import ArticleTable, ClaimTable


@pytest.mark.slow
async def test_a_verdict_chosen_by_number_key_lands_in_the_history(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        claim_id = app.screen.query_one(ClaimTable).selected_id
        await pilot.press("v")
        assert isinstance(app.screen, VerdictDialog)
        await pilot.press("6")  # False, the sixth rating of the default scale
        app.screen.query_one(TextArea).text = "Tokyo counted two."
        app.screen.query_one(Input).value = "ana"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [(v["rating"], v["reviewer"], v["rationale"]) for v in seeded.verdict_history(claim_id)] == [
            ("False", "ana", "Tokyo counted two.")
        ]
        assert detail_field(app, "verdict").startswith("False · ana")
        assert detail_field(app, "history") == "1 verdict"
        assert app.screen.query_one(ArticleTable).get_cell("1", "reviewed").plain.startswith("1/")


@pytest.mark.slow
async def test_escape_leaves_without_a_verdict(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        await pilot.press("v", "escape")
        await settle(pilot)
        assert seeded.verdict_history(1) == []


@pytest.mark.slow
async def test_a_source_needs_a_web_address_and_keeps_its_stance(seeded: Workbench):
    notes = Notes()
    async with opened(seeded, notes=notes) as (app, pilot):
        claim_id = app.screen.query_one(ClaimTable).selected_id
        await pilot.press("s")
        assert isinstance(app.screen, SourceDialog)
        app.screen.query_one("#url", Input).value = "javascript:alert(1)"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SourceDialog)  # refused, still asking
        assert any("not a web address" in n.message for n in notes)
        app.screen.query_one("#url", Input).value = "https://www.mod.go.jp/"
        app.screen.query_one("#title", Input).value = "MoD statement"
        await pilot.click("#stance-refutes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [source] = seeded.sources(claim_id)
        assert (source["url"], source["stance"], source["title"]) == (
            "https://www.mod.go.jp/",
            "refutes",
            "MoD statement",
        )
        assert detail_field(app, "sources").startswith("refutes: MoD statement")


@pytest.mark.slow
async def test_confirming_a_match_makes_the_verdict_inherited(seeded: Workbench):
    seeded.add_verdict(1, "Mostly true", "Two outlets agree.")
    async with opened(seeded) as (app, pilot):
        await pilot.press("down")  # the second article
        await settle(pilot)
        second = seeded.articles()[1].id
        assert app.screen.article_id == second
        # Go to the second article's claim that matches claim 1 best.
        in_second = {c.id for c in seeded.claims(second)}
        target = next(m.claim for m in seeded.matches_for(1, limit=20) if m.claim in in_second)
        claims = app.screen.query_one(ClaimTable)
        claims.focus()
        claims.move_cursor(row=claims.row_ids().index(target))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MatchesDialog)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[m.claim for m in app.screen.matches].index(1))
        await pilot.pause()
        other = text_of(app.screen.query_one("#other-claim", Static))
        assert other.startswith("Claim 1: El líder norcoreano") and "Verdict: Mostly true" in other
        assert text_of(app.screen.query_one("#this-claim", Static)).startswith("This claim: ")
        assert table.get_cell_at((table.cursor_row, 3)).plain == "Mostly true"
        await pilot.press("c")
        await settle(pilot)
        assert seeded.review(target).canonical == 1
        assert "inherited from claim 1" in detail_field(app, "verdict")


@pytest.mark.slow
async def test_search_jumps_to_the_claim(seeded: Workbench):
    async with opened(seeded) as (app, pilot):
        await pilot.press("slash")
        assert isinstance(app.screen, SearchDialog)
        await pilot.press(*"Tokio")
        await pilot.press("enter")
        await settle(pilot)
        hits = app.screen.query_one(OptionList)
        assert hits.option_count >= 1
        hit = app.screen.hits[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.claim_id == hit.id
        assert "Tokio" in detail_field(app, "claimant") or "Tokio" in app.screen.query_one("#detail-text").visual.plain


def test_the_reader_marks_every_claim_and_reverses_the_selected_one():
    from workbench.models import ClaimRow
    from workbench.tui.widgets.article_reader import marked

    text = "Seúl dice un misil. Tokio, dos. Es simbólico."
    claims = [
        ClaimRow(1, 1, 0, 19, text[0:19], "quantity", True, 0.9, None, "checked"),
        ClaimRow(2, 1, 20, 31, text[20:31], "quantity", True, 0.9, None, "new"),
        ClaimRow(3, 1, 32, 45, text[32:45], "opinion", False, 0.1, None, "new"),
    ]
    shown = marked(text, claims, selected=2)
    styles = {(span.start, span.end, str(span.style)) for span in shown.spans}
    assert (0, 19, "underline green") in styles
    assert (20, 31, "reverse") in styles
    assert (32, 45, "dim") in styles
    assert shown.plain == text


def test_checked_claims_are_coloured_by_where_their_verdict_sits_on_the_scale():
    from workbench.config import DEFAULT_RATINGS
    from workbench.models import ClaimRow
    from workbench.tui.widgets.article_reader import marked

    text = "Uno. Dos. Tres. Cuatro."
    claims = [
        ClaimRow(i, 1, start, start + 3, text[start : start + 3], "event", True, 0.5, None, "checked", rating=rating)
        for i, (start, rating) in enumerate(
            [(0, "Mostly true"), (5, "Misleading"), (10, "False"), (16, "Unverifiable")], 1
        )
    ]
    styles = {(span.start, str(span.style)) for span in marked(text, claims, None, DEFAULT_RATINGS).spans}
    assert {(0, "bold green"), (5, "bold yellow"), (10, "bold red"), (16, "bold blue")} <= styles


@pytest.mark.slow
async def test_a_switches_to_the_article_and_back(seeded: Workbench):
    from textual.widgets import ContentSwitcher

    from workbench.tui.widgets.article_reader import ArticleReader

    async with opened(seeded) as (app, pilot):
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one(ContentSwitcher).current == "reader"
        reader = app.screen.query_one(ArticleReader)
        assert reader.text == seeded.article_text(seeded.articles()[0].id)
        claims = app.screen.query_one(ClaimTable)
        claims.focus()
        await pilot.press("down")
        await settle(pilot)
        plain = reader.query_one("#reader-text").visual.plain
        assert plain.startswith("El líder norcoreano")
        await pilot.press("a")
        assert app.screen.query_one(ContentSwitcher).current == "detail"


@pytest.mark.slow
async def test_export_from_inside_writes_the_report_and_never_overwrites(seeded: Workbench, tmp_path):
    from textual.widgets import Checkbox

    from tests.tui.test_app import Notes
    from workbench.tui.dialogs.export import ExportDialog

    notes = Notes()
    out = tmp_path / "article.html"
    async with opened(seeded, notes=notes) as (app, pilot):
        for _attempt in range(2):
            await pilot.press("e")
            assert isinstance(app.screen, ExportDialog)
            assert app.screen.query_one("#article-only", Checkbox).value is True
            app.screen.query_one("#path", Input).value = str(out)
            await pilot.press("ctrl+s")
            await settle(pilot)
        html = out.read_text(encoding="utf-8")
        assert "<html" in html and "Kim Jong-un" in html
        assert any(n.message == f"Wrote {out}" for n in notes)
        assert any("already exists" in message for message in notes.errors())


@pytest.mark.slow
async def test_export_of_the_selected_claims_cluster_spans_articles(seeded: Workbench, tmp_path):
    from textual.widgets import Checkbox

    second = seeded.articles()[1].id
    other = next(m.claim for m in seeded.matches_for(1, limit=20) if seeded.claim(m.claim).article_id == second)
    seeded.set_link(1, other, "confirmed", "duplicate")
    out = tmp_path / "cluster.md"
    async with opened(seeded) as (app, pilot):
        await pilot.press("e")
        app.screen.query_one("#cluster-only", Checkbox).value = True
        app.screen.query_one("#format-md").value = True
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
    report = out.read_text(encoding="utf-8")
    assert " ".join(seeded.claim(other).text.split()) in " ".join(report.split())
    assert " ".join(seeded.claim(3).text.split()) not in " ".join(report.split())
