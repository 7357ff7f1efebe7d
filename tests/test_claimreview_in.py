"""ClaimReview as fact-check publishers and aggregators actually publish it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import invoke
from workbench.config import Settings
from workbench.errors import InvalidInput
from workbench.ingest.claimreview import publisher_moment, read_claimreview
from workbench.service import Workbench


def review(text: str = "El puente se cerró en 2019.", **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {
        "@type": "ClaimReview",
        "claimReviewed": text,
        "url": "https://checks.example/r/1",
        "reviewRating": {"@type": "Rating", "alternateName": "Falso"},
        **extra,
    }


def test_a_datacommons_feed_is_read_item_by_item() -> None:
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [review("Primera afirmación del feed.")]},
            {"@type": "DataFeedItem", "item": review("Segunda afirmación del feed.")},
            {"@type": "DataFeedItem", "dateCreated": "2020-01-01"},
        ],
    }
    rows, problems = read_claimreview(json.dumps(feed), "feed.json", Settings())
    assert [row.text for row in rows] == ["Primera afirmación del feed.", "Segunda afirmación del feed."]
    assert problems == []


def test_a_review_page_is_read_from_its_json_ld_blocks() -> None:
    page = f"""<!doctype html><html><head><title>Chequeo</title>
    <script type="application/ld+json">{{not json</script>
    <script type="application/ld+json">{json.dumps({"@type": "Organization", "name": "Verifica"})}</script>
    <script type="application/ld+json; charset=utf-8">{json.dumps(review("El embalse está al 10 %."))}</script>
    <script>var review = {json.dumps(review("Un script cualquiera no es ClaimReview."))};</script>
    </head><body><p>El embalse no está al 10 %.</p></body></html>"""
    [row], problems = read_claimreview(page, "page.html", Settings())
    assert (row.text, row.rating) == ("El embalse está al 10 %.", "False")


def test_a_page_without_json_ld_is_refused_in_one_sentence() -> None:
    with pytest.raises(InvalidInput, match=r"^page\.html is a web page with no JSON-LD block"):
        read_claimreview("<html><body><p>Nada aquí.</p></body></html>", "page.html", Settings())


@pytest.mark.parametrize(
    ("written", "language", "moment"),
    [
        ("2017-03-01 20:30:17 UTC", None, "2017-03-01T20:30:17+00:00"),
        ("Wed, 01 Mar 2017 20:30:17 GMT", None, "2017-03-01T20:30:17+00:00"),
        ("2017-03-01T22:30:17+02:00", None, "2017-03-01T20:30:17+00:00"),
        ("March 1, 2017", "en", "2017-03-01T00:00:00+00:00"),
        ("1 de marzo de 2017", "es", "2017-03-01T00:00:00+00:00"),
        ("01/03/2017", "es", "2017-03-01T00:00:00+00:00"),
        ("01/03/2017", "en", "2017-01-03T00:00:00+00:00"),
    ],
)
def test_verdicts_keep_the_date_the_publisher_wrote(written: str, language: str | None, moment: str) -> None:
    extra = {"datePublished": written} | ({"inLanguage": language} if language else {})
    [row], problems = read_claimreview(json.dumps(review(**extra)), "r.json", Settings())
    assert (row.reviewed_at, problems) == (moment, [])


@pytest.mark.parametrize("written", ["yesterday", "2017", "sin fecha", "31/02/2017"])
def test_what_is_no_date_is_named_and_not_guessed(written: str) -> None:
    assert publisher_moment(written) is None
    [row], problems = read_claimreview(json.dumps(review(datePublished=written)), "r.json", Settings())
    assert row.reviewed_at is None
    assert problems == [f"review 1: datePublished {written!r} is not a date; the verdict is dated today"]


def test_the_older_item_reviewed_form_keeps_where_the_claim_appeared() -> None:
    old = review(itemReviewed={"@type": "CreativeWork", "url": "https://news.example/story", "author": "Diario"})
    [row], _ = read_claimreview(json.dumps(old), "r.json", Settings())
    assert (row.url, row.claimant) == ("https://news.example/story", "Diario")


def test_a_review_page_imports_from_the_command_line(seeded: Workbench, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(f'<html><head><script type="application/ld+json">{json.dumps(review())}</script></head></html>')
    result = invoke("import", "--format", "claimreview", str(page), "--db", seeded.db_path)
    assert result.exit_code == 0, result.output
    assert "El puente se cerró en 2019." in [claim.text for claim in seeded.claims()]


def test_a_page_without_reviews_is_refused_on_the_command_line_and_stores_nothing(
    seeded: Workbench, tmp_path: Path
) -> None:
    from tests.conftest import file_digest
    from tests.helpers import assert_clean_failure

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Nada aquí.</p></body></html>")
    before = file_digest(seeded.db_path)
    message = assert_clean_failure(invoke("import", "--format", "claimreview", str(page), "--db", seeded.db_path), 4)
    assert "no JSON-LD block" in message
    assert file_digest(seeded.db_path) == before
