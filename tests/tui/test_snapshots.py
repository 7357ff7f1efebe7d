"""SVG snapshots of the main screen, on the frozen copy of the seeded database (tests/tui/frozen.py).

Update after a deliberate change of the layout, or of data/frozen.json, with
`pytest tests/tui --snapshot-update`, and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from tests.helpers import SHORT_ARTICLE
from tests.tui.conftest import FIXED_NOW
from tests.tui.helpers import settle, settle_steady, steady_cursors
from workbench.service import Workbench
from workbench.tui.app import make_app


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, frozen: Workbench, size: tuple[int, int]):
    """Articles, the first article's claims, and the first claim in full."""
    assert snap_compare(make_app(frozen), terminal_size=size, run_before=settle_steady)


def test_main_screen_with_key_help_at_80x24(snap_compare, frozen: Workbench):
    """The key help beside the panes; the footer keeps every key it shows."""
    assert snap_compare(make_app(frozen), terminal_size=(80, 24), press=["question_mark"], run_before=settle_steady)


def test_a_rated_claim_of_the_second_article_at_120x40(snap_compare, frozen: Workbench):
    """A verdict and a source on the second article's third claim, reached from the keyboard."""
    claim = frozen.claims(frozen.articles()[1].id)[2]
    frozen.add_verdict(claim.id, "misleading", rationale="The Kremlin gave no duration.")
    frozen.add_source(
        claim.id, "https://www.kremlin.ru/", stance="context", title="Kremlin readout", publisher="Kremlin"
    )
    assert frozen.verdict_history(claim.id)[-1]["at"] == FIXED_NOW

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "tab", "down", "down")
        await settle(pilot)
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_split_dialog(snap_compare, frozen: Workbench, size: tuple[int, int]):
    """The claim to split, the cursor where the second claim would begin, and how to do it."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=size, run_before=run_before)


def test_a_conflict_side_by_side_at_120x40(snap_compare, frozen: Workbench):
    """Seoul's one missile against Tokyo's two: the matches of the second article's claim on
    Seoul's count, with both claims' figures side by side."""
    second = frozen.articles()[1].id
    seoul = next(c for c in frozen.claims(second) if "Estado Mayor Conjunto" in c.text)
    row = [c.id for c in frozen.claims(second)].index(seoul.id)

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "tab", *["down"] * row, "m")
        await settle(pilot)
        await pilot.press("down")  # past the duplicate, to Tokyo's two missiles
        await settle(pilot)
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=(120, 40), run_before=run_before)


def test_main_screen_at_200x60(snap_compare, frozen: Workbench):
    """The widest layout: long titles and claims fit, the footer sits at the left."""
    assert snap_compare(make_app(frozen), terminal_size=(200, 60), run_before=settle_steady)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_queue(snap_compare, frozen: Workbench, size: tuple[int, int]):
    """The queue in place of the articles (w), its third claim highlighted and shown in full."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_import_dialog_pasting_text(snap_compare, frozen: Workbench, size: tuple[int, int]):
    """The import dialog's paste tab, with a title, a date and the text filled in."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#import-tabs").active = "paste"
        await pilot.pause()
        pilot.app.screen.query_one("#title").value = "Misiles y satélites"
        pilot.app.screen.query_one("#published").value = "2023-09-13"
        pilot.app.screen.query_one("#text").text = SHORT_ARTICLE
        await pilot.pause()
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=size, run_before=run_before)


def test_import_dialog_file_tab_at_80x24(snap_compare, frozen: Workbench):
    """The import dialog as it opens: the path input focused, its hint and keys."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        await steady_cursors(pilot)

    assert snap_compare(make_app(frozen), terminal_size=(80, 24), run_before=run_before)
