"""`workbench claims` filters and --queue, on the hand-made database of tests/queue_data.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import file_digest
from tests.helpers import assert_clean_failure, assert_ok, invoke
from tests.queue_data import make_queue_db
from workbench.errors import InvalidInput, NotFound


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_queue_db(tmp_path / "queue.db").db_path


def listed(db: Path, *args: str) -> list[int]:
    """Claim ids in the order `workbench claims ARGS --json` prints them."""
    result = invoke("claims", *args, "--json", "--db", db)
    assert_ok(result)
    return [row["id"] for row in json.loads(result.stdout)]


def test_without_filters_the_listing_is_unchanged(db: Path) -> None:
    result = invoke("claims", "--db", db)
    assert_ok(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0] == "    1  quantity   -             Seúl dice que Corea del Norte disparó dos misiles."
    assert lines[2] == "    3  opinion    not checkable Es una gran victoria."


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--kind", "quantity"), [1, 5]),
        (("--status", "new", "--article", "2"), [4, 5]),
        (("--entity", "north korea"), [1, 4, 6]),
        (("--entity", "Corea del Norte", "--kind", "statement"), [6]),
        (("--queue",), [5, 1, 4, 2]),
        (("--queue", "--limit", "1"), [5]),
        (("--queue", "--entity", "North Korea"), [1, 4]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_filters(db: Path, args: tuple[str, ...], expected: list[int]) -> None:
    assert listed(db, *args) == expected


def test_rating_in_spanish_or_english(db: Path) -> None:
    assert_ok(invoke("verdict", "4", "Falso", "--db", db))
    assert listed(db, "--rating", "false") == [4]
    assert listed(db, "--rating", "falso") == [4]
    assert listed(db, "--queue") == [5, 1, 2]
    assert listed(db, "--queue", "--status", "checked") == [4]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--status", "done"), InvalidInput.exit_code, "Error: Status 'done' is not one of new, in_review, checked."),
        (
            ("--kind", "rumour"),
            InvalidInput.exit_code,
            "Error: Kind 'rumour' is not one of event, quantity, statement, prediction, opinion.",
        ),
        (
            ("--rating", "maybe"),
            InvalidInput.exit_code,
            "Error: 'maybe' is not a rating; use one of: True, Mostly true, "
            "Half true, Misleading, Mostly false, False, Unverifiable.",
        ),
        (("--entity", " "), InvalidInput.exit_code, "Error: The entity to filter by is empty."),
        (("--queue", "--limit", "0"), InvalidInput.exit_code, "Error: The queue limit must be at least 1."),
        (("--queue", "--article", "99"), NotFound.exit_code, "Error: There is no article with id 99."),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_a_filter_that_cannot_match_is_refused_and_leaves_the_database_alone(
    db: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = file_digest(db)
    assert assert_clean_failure(invoke("claims", *args, "--db", db), code) == message
    assert file_digest(db) == before
