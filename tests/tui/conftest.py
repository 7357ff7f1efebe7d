"""Fixtures for the TUI tests: the frozen database and a fixed clock for what it records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.tui.frozen import load_frozen
from workbench import i18n, service
from workbench.config import Settings
from workbench.service import Workbench
from workbench.store import clock

FIXED_NOW = "2023-09-14T09:30:00+00:00"
CLOCK = datetime.fromisoformat(FIXED_NOW) + timedelta(minutes=5)
"""What 'now' is for the TUI's relative times: a verdict added in a test is five minutes old."""
ZONE = ZoneInfo("Europe/Madrid")
"""The zone the TUI shows times in during tests, whatever the machine's (Madrid: not UTC, so a
time shown in UTC would be caught)."""


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    """Snapshots and assertions read the same times on any machine, at any hour."""
    i18n.set_clock(lambda: CLOCK, ZONE)
    yield
    i18n.set_clock()


@pytest.fixture(autouse=True)
def no_index_in_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbench made without settings does not embed claims in the TUI's background: the frozen
    database has no vectors, and embedding them in every test would move the header of every
    snapshot and hold each test for the model. The test of that worker gives its settings itself
    (tests/tui/test_indexing.py)."""

    def settings(*args: object, **kwargs: object) -> Settings:
        return replace(Settings(*args, **kwargs), index_in_tui=False)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "Settings", settings)


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Workbench]:
    """The seed articles and claims as frozen in data/frozen.json; every write in a test records FIXED_NOW."""
    with clock.pinned(FIXED_NOW):
        yield load_frozen(tmp_path / "seeded.db")
