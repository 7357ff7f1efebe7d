"""Fixtures for the TUI tests: the frozen database and a fixed clock for what it records."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.frozen import load_frozen
from workbench.service import Workbench

FIXED_NOW = "2023-09-14T09:30:00+00:00"


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbench:
    """The seed articles and claims as frozen in data/frozen.json; verdicts added in a test carry FIXED_NOW."""
    monkeypatch.setattr("workbench.store.repo.now", lambda: FIXED_NOW)
    return load_frozen(tmp_path / "seeded.db")
