"""Shared fixtures: real SQLite files in temp folders, the real spaCy model, the real seeds."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench import i18n
from workbench.config import DEFAULT_SCALE
from workbench.service import Workbench

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_d71bd0366741339f.txt"
SECOND_ARTICLE = SEEDS / "d1-cumbre-vostochni.es.txt"


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test reads English whatever the machine's locale, and reports of the Spanish seeds are
    written in English too (WORKBENCH_REPORT_LANGUAGE), so the suite's expected text holds anywhere;
    Spanish tests ask for Spanish themselves (tests/test_i18n.py)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv(i18n.REPORT_LANGUAGE_VARIABLE, "en")
    i18n.set_language(None)
    i18n.set_report_language(None)
    i18n.set_scale(DEFAULT_SCALE)
    yield
    i18n.set_language(None)
    i18n.set_report_language(None)
    i18n.set_scale(DEFAULT_SCALE)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes; it does not exist yet."""
    return tmp_path / "claims.db"


@pytest.fixture
def workbench(db_path: Path) -> Workbench:
    return Workbench(db_path, actor="tester")


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with both seed articles imported once per session (real model)."""
    path = tmp_path_factory.mktemp("seeded") / "claims.db"
    Workbench(path, actor="seeder").seed(SEEDS)
    return path


@pytest.fixture
def seeded(_seeded_template: Path, tmp_path: Path) -> Workbench:
    """A fresh copy of the seeded database, so each test may write to it."""
    path = tmp_path / "seeded.db"
    shutil.copy(_seeded_template, path)
    return Workbench(path, actor="tester")


def file_digest(path: Path) -> str | None:
    """The bytes of a database file as a hash, to prove a failed command left it alone."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
