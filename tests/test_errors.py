"""Failures below the core reach the shells as workbench errors with the right exit code."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers import assert_clean_failure, invoke, write
from workbench.errors import ModelMissing, StoreUnavailable
from workbench.nlp import pipeline
from workbench.service import Workbench

ENGLISH_STORY = (
    "The defence ministry said on Tuesday that two missiles were launched from the east coast. "
    "Officials in Tokyo counted three launches over the weekend."
)


def _drop_articles(path: Path) -> None:
    """Another program breaks the schema under the workbench's feet."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DROP TABLE articles")
    connection.close()


def test_a_sqlite_failure_inside_a_call_leaves_the_core_as_store_unavailable(workbench: Workbench) -> None:
    workbench.ensure_database()
    _drop_articles(workbench.db_path)
    with pytest.raises(StoreUnavailable) as caught:
        workbench.articles()
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert str(caught.value) == "The database could not be used: no such table: articles."


def test_the_cli_reports_a_broken_database_as_unavailable(workbench: Workbench) -> None:
    workbench.ensure_database()
    _drop_articles(workbench.db_path)
    message = assert_clean_failure(
        invoke("claims", "--article", "1", "--db", workbench.db_path), StoreUnavailable.exit_code
    )
    assert "no such table: articles" in message


@pytest.fixture
def no_english_model(monkeypatch: pytest.MonkeyPatch):
    """The English pipeline's package name pointed at one that is not installed; the real one is
    loaded again by whoever asks next."""
    monkeypatch.setattr(pipeline, "ENGLISH_MODEL", "en_core_web_not_installed")
    pipeline.load_nlp.cache_clear()
    yield
    pipeline.load_nlp.cache_clear()


def test_a_missing_language_model_is_exit_7_not_database_unavailable(no_english_model: None, tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", ENGLISH_STORY)
    message = assert_clean_failure(
        invoke("import", story, "--lang", "en", "--db", tmp_path / "claims.db"), ModelMissing.exit_code
    )
    assert "is not installed" in message


def test_a_missing_language_model_leaves_the_core_as_model_missing(
    no_english_model: None, workbench: Workbench
) -> None:
    article = replace(workbench.pasted_article(ENGLISH_STORY), language="en")
    with pytest.raises(ModelMissing):
        workbench.import_articles([article])
    assert workbench.articles() == []
