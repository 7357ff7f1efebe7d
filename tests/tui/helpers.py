"""Opening the app under a Pilot, and waiting for its worker chain (seed -> articles -> claims ->
detail) to come to rest."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed

from workbench.tui.app import make_app

if TYPE_CHECKING:
    from textual.message import Message

    from workbench.service import Workbench
    from workbench.tui.app import WorkbenchApp

SIZE = (120, 40)
"""The terminal the TUI tests run in, unless a test is about another size."""


@asynccontextmanager
async def opened(
    workbench: Workbench,
    *,
    notes: Callable[[Message], None] | None = None,
    seeds_dir: Path | None = None,
    size: tuple[int, int] = SIZE,
) -> AsyncIterator[tuple[WorkbenchApp, Pilot]]:
    """The app on `workbench`, run headless at `size` and settled (its first lists and detail
    shown): the opening every TUI test repeats. `notes` hooks the app's messages."""
    app = make_app(workbench, seeds_dir=seeds_dir)
    async with app.run_test(size=size, message_hook=notes) as pilot:
        await settle(pilot)
        yield app, pilot


async def settle(pilot: Pilot, rounds: int = 50) -> None:
    """Wait for every worker, let the messages they posted start the next ones, until none is left.

    The app is at rest when, after its screen has handled every pending message twice over
    (tables fit their columns and the footer recomposes after a refresh), no worker is running.
    """
    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except (WorkerFailed, WorkerCancelled):
            pass  # the app reports these itself; tests assert on what it shows
        await pilot.pause()
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return
    raise AssertionError(f"workers still running after {rounds} rounds: {list(app.workers)}")


async def wait_until(pilot: Pilot, condition: Callable[[], bool], rounds: int = 200) -> None:
    """Let the app handle its messages until `condition` holds: a condition, never a fixed time."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"still not true after {rounds} rounds: {condition}")


async def steady_cursors(pilot: Pilot) -> None:
    """Stop every text cursor blinking, so a snapshot never depends on when in the blink it is taken."""
    from textual.widgets import Input, TextArea

    for widget in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
        widget.cursor_blink = False
    await pilot.pause()


async def settle_steady(pilot: Pilot) -> None:
    """settle, then steady cursors: the opening of every snapshot."""
    await settle(pilot)
    await steady_cursors(pilot)


def text_of(static: Static) -> str:
    """What the widget shows, after markup (if any) was applied."""
    visual = static.visual
    assert isinstance(visual, Content), visual
    return visual.plain
