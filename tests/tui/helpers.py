"""Waiting for the app's worker chain (seed -> articles -> claims -> detail) to come to rest."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed


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
