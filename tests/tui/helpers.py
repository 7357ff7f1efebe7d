"""Waiting for the app's worker chain (seed -> articles -> claims -> detail) to come to rest."""

from __future__ import annotations

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed


async def settle(pilot: Pilot, rounds: int = 50) -> None:
    """Wait for every worker, let the messages they posted start the next ones, until none is left."""
    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except (WorkerFailed, WorkerCancelled):
            pass  # the app reports these itself; tests assert on what it shows
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            # Tables size their columns and the footer recomposes when the app is next idle:
            # give a loaded machine a moment for that before anyone looks at the screen.
            await pilot.pause(0.05)
            return
    raise AssertionError(f"workers still running after {rounds} rounds: {list(app.workers)}")


def text_of(static: Static) -> str:
    """What the widget shows, after markup (if any) was applied."""
    visual = static.visual
    assert isinstance(visual, Content), visual
    return visual.plain
