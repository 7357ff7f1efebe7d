"""The review queue and claim filters of the core, on a hand-made database (tests/queue_data.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.queue_data import make_queue_db
from workbench.errors import InvalidInput, NotFound
from workbench.filter_text import parse_filter_text
from workbench.service import Workbench


@pytest.fixture
def wb(tmp_path: Path) -> Workbench:
    return make_queue_db(tmp_path / "queue.db")


def ids(rows) -> list[int]:
    return [row.id for row in rows]


def test_the_default_queue_is_unchecked_checkable_work_highest_score_first(wb: Workbench) -> None:
    # Claim 3 is not checkable; claim 6 (score 0.99) is an archived earlier claim, not work.
    assert ids(wb.queue()) == [5, 1, 4, 2]


def test_a_verdict_takes_a_claim_out_of_the_queue_and_status_checked_brings_it_back(wb: Workbench) -> None:
    wb.add_verdict(5, "False")
    assert ids(wb.queue()) == [1, 4, 2]
    assert ids(wb.queue(status="checked")) == [5]
    assert ids(wb.queue(status="new")) == [1, 4, 2]


@pytest.mark.parametrize("spelling", ["False", "falso", "FALSO", "pants on fire", "bulo"])
def test_rating_is_the_latest_verdict_in_any_spelling_the_settings_know(wb: Workbench, spelling: str) -> None:
    wb.add_verdict(1, "Falso")
    wb.add_verdict(4, "False")
    wb.add_verdict(4, "Mostly true")  # the latest verdict counts, not the history
    assert ids(wb.claims(rating=spelling)) == [1]
    assert ids(wb.queue(rating=spelling)) == [1]
    assert ids(wb.claims(rating="mayormente verdadero")) == [4]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("North Korea", [1, 4, 6]),  # canonical name
        ("corea del norte", [1, 4, 6]),  # its Spanish name, another case: the same actor (issue 17)
        ("SEUL", [1]),  # accents and case folded
        ("  Vladimir   Putin ", [2]),  # white space folded
        ("Corea", []),  # a name, not a substring
    ],
)
def test_entity_matches_canonical_alias_or_surface_text(wb: Workbench, name: str, expected: list[int]) -> None:
    assert ids(wb.claims(entity=name)) == expected


def test_filters_combine_and_keep_text_order_outside_the_queue(wb: Workbench) -> None:
    assert ids(wb.claims(kind="quantity")) == [1, 5]
    assert ids(wb.claims(kind="QUANTITY", entity="Russia")) == [5]
    assert ids(wb.claims(1, status="new")) == [1, 2, 3]
    assert ids(wb.queue(entity="North Korea")) == [1, 4]
    assert ids(wb.queue(article_id=2)) == [5, 4]


def test_naming_an_archive_lists_its_claims_in_the_queue(wb: Workbench) -> None:
    assert ids(wb.queue(article_id=3)) == [6]


def test_no_filter_lists_every_claim_as_before(wb: Workbench) -> None:
    with wb.store() as store:
        assert wb.claims() == store.claims.rows()
        assert wb.claims(2) == store.claims.rows(article_id=2)


def test_the_queue_limit(wb: Workbench) -> None:
    assert ids(wb.queue(limit=2)) == [5, 1]
    with pytest.raises(InvalidInput, match="at least 1"):
        wb.queue(limit=0)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"status": "done"}, "Status 'done' is not one of new, in_review, checked."),
        ({"kind": "rumour"}, "Kind 'rumour' is not one of event, quantity, statement, prediction, opinion."),
        (
            {"rating": "maybe"},
            "'maybe' is not a rating; use one of: True, Mostly true, Half true, Misleading, "
            "Mostly false, False, Unverifiable.",
        ),
        ({"entity": "   "}, "The entity to filter by is empty."),
    ],
)
def test_a_filter_value_that_cannot_match_is_refused_in_one_sentence(wb: Workbench, filters, message: str) -> None:
    for call in (wb.claims, wb.queue):
        with pytest.raises(InvalidInput) as refused:
            call(**filters)
        assert str(refused.value) == message


def test_an_unknown_article_is_not_found(wb: Workbench) -> None:
    with pytest.raises(NotFound):
        wb.queue(article_id=99)


def test_in_review_is_accepted_as_typed(wb: Workbench) -> None:
    assert wb.claim_filter(status="in review").status == "in_review"
    assert wb.claim_filter(status="In-Review").status == "in_review"


def test_entity_names_are_canonical_and_most_frequent_first(wb: Workbench) -> None:
    names = wb.entity_names()
    assert names[0] == "North Korea"
    assert set(names) == {"North Korea", "South Korea", "Vladimir Putin", "Russia"}


# -- the TUI's filter line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("status:new kind:quantity", {"status": "new", "kind": "quantity"}),
        ('rating:"mostly true" article:2', {"rating": "mostly true", "article_id": 2}),
        ("Corea del Norte status:new", {"status": "new", "entity": "Corea del Norte"}),
        ('"Corea del Norte"', {"entity": "Corea del Norte"}),
        ("entity:Seúl", {"entity": "Seúl"}),
        ("Rating:Falso", {"rating": "Falso"}),
    ],
)
def test_the_filter_line_reads_fields_and_bare_words_as_an_entity(text: str, expected: dict) -> None:
    assert parse_filter_text(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour:red", "The queue cannot filter by 'colour'; use status, rating, kind, entity, article."),
        ("status:", "The filter status: has no value after the colon."),
        ("article:two", "article:two is not an article id; use its number, as in article:2."),
    ],
)
def test_the_filter_line_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_filter_text(text)
    assert str(refused.value) == message


def test_the_filter_line_feeds_the_queue(wb: Workbench) -> None:
    assert ids(wb.queue(**parse_filter_text("kind:quantity North Korea"))) == [1]
