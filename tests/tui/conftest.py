"""Fixtures for the TUI tests: the frozen database and a fixed clock for what it records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.frozen import load_frozen
from workbench.service import Workbench
from workbench.store import clock

FIXED_NOW = "2023-09-14T09:30:00+00:00"


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Workbench]:
    """The seed articles and claims as frozen in data/frozen.json; every write in a test records FIXED_NOW."""
    with clock.pinned(FIXED_NOW):
        yield load_frozen(tmp_path / "seeded.db")
