"""Pilot tests of the command palette (ctrl+p): an entry for every main-screen action."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from tests.tui.helpers import opened, settle, wait_until
from workbench.service import Workbench
from workbench.tui.commands import PALETTE_IDS, binding_commands
from workbench.tui.widgets.queue import QueueTable


def ids(rows) -> list[int]:
    return [row.id for row in rows]


async def test_the_palette_offers_every_main_screen_action(frozen: Workbench):
    async with opened(frozen) as (app, pilot):
        commands = list(binding_commands(app, app.screen))
        titles = [command.title for command in commands]
        assert titles == [
            "Verdict",
            "Source",
            "Match",
            "Find",
            "Export",
            "Read",
            "Queue",
            "Import",
            "Reload",
            "Keys",
            "Quit",
        ]
        assert len(titles) == len(PALETTE_IDS)
        assert all("(key: " in command.help for command in commands)
        everything = [command.title for command in app.get_system_commands(app.screen)]
        assert everything.count("Quit") == 1 and everything.count("Keys") == 1  # Textual's own are replaced


async def test_an_action_run_from_the_palette(frozen: Workbench):
    async with opened(frozen) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"queue")
        commands = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                commands.highlighted is not None
                and "Queue" in str(commands.get_option_at_index(commands.highlighted).prompt)
            ),
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.queue_shown
        assert app.screen.query_one(QueueTable).row_ids() == ids(frozen.queue())


@pytest.mark.slow
async def test_actions_on_a_claim_leave_the_palette_when_there_is_none(tmp_path):
    from tests.tui.test_app import hand_made

    workbench = hand_made(tmp_path / "hand.db")
    async with opened(workbench) as (app, pilot):
        await pilot.press("down")  # the article without claims
        await settle(pilot)
        titles = [command.title for command in binding_commands(app, app.screen)]
        assert "Verdict" not in titles and "Source" not in titles and "Match" not in titles
        assert "Import" in titles and "Queue" in titles
