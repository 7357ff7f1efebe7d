"""Correcting an article after import: its metadata, and the claim dates that hang on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import file_digest
from tests.helpers import assert_clean_failure, assert_ok, invoke, write
from workbench.service import Workbench

STORY = (
    "El Banco Central subió los tipos de interés al 5 % el miércoles.\n\n"
    "El gobernador dijo que la inflación bajará el próximo año."
)


@pytest.fixture
def undated(tmp_path: Path) -> tuple[Workbench, int]:
    """An article imported without a date, so 'el miércoles' resolves to nothing."""
    db = tmp_path / "claims.db"
    result = invoke("import", write(tmp_path / "story.txt", STORY), "--lang", "es", "--json", "--db", db)
    assert_ok(result)
    return Workbench(db, actor="tester"), json.loads(result.stdout)["article"]


def dates(workbench: Workbench, article_id: int) -> list[tuple[str, ...]]:
    return [claim.dates for claim in workbench.claims(article_id)]


def test_a_date_set_later_resolves_the_claims_dates(undated: tuple[Workbench, int]) -> None:
    workbench, article_id = undated
    assert ("2023-09-13",) not in dates(workbench, article_id)
    args = ("article", "set", str(article_id), "--published", "2023-09-15", "--reviewer", "ana")
    result = invoke(*args, "--db", workbench.db_path)
    assert_ok(result)
    assert "published '2023-09-15'" in result.stdout and "resolved again" in result.stdout
    assert ("2023-09-13",) in dates(workbench, article_id)  # the Wednesday before that Friday
    changed = [c for c in workbench.claims(article_id) if c.dates == ("2023-09-13",)]
    history = workbench.history(changed[0].id)
    assert history[-1]["action"] == "edit" and history[-1]["actor"] == "ana"


def test_metadata_is_corrected_and_audited(undated: tuple[Workbench, int]) -> None:
    workbench, article_id = undated
    args = ("article", "set", str(article_id), "--title", "Tipos al 5 %", "--outlet", "EFE", "--json")
    result = invoke(*args, "--db", workbench.db_path)
    assert_ok(result)
    assert json.loads(result.stdout) == {
        "article": article_id,
        "changed": {"title": "Tipos al 5 %", "outlet": "EFE"},
        "redated_claims": [],
    }
    again = invoke(*args[:-1], "--db", workbench.db_path)
    assert_ok(again)
    assert "nothing changed" in again.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--published", "20230913"), 4),
        (("--published", "2023-02-30"), 4),
        (("--url", "javascript:alert(1)"), 4),
        (("--lang", "fr"), 4),
        (("--title", "   "), 4),
        ((), 4),
    ],
)
def test_a_bad_correction_is_one_sentence_and_changes_nothing(
    undated: tuple[Workbench, int], args: tuple[str, ...], code: int
) -> None:
    workbench, article_id = undated
    before = file_digest(workbench.db_path)
    assert_clean_failure(invoke("article", "set", str(article_id), *args, "--db", workbench.db_path), code)
    assert file_digest(workbench.db_path) == before


def test_an_unknown_article_is_not_found(undated: tuple[Workbench, int]) -> None:
    workbench, _ = undated
    assert_clean_failure(invoke("article", "set", "99", "--outlet", "EFE", "--db", workbench.db_path), 3)


def test_import_takes_the_documented_date_form_only(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    result = invoke("import", write(tmp_path / "s.txt", STORY), "--published", "20230913", "--db", db)
    assert "YYYY-MM-DD" in assert_clean_failure(result, 4)
