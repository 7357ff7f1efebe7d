"""Issue 13: a ranking with a source or a measured span of time is a record to look up, not an
opinion; "while"/"mientras" after a comma sets a second fact beside the first. Sentences written
for these tests (no gold or own_data sentence)."""

from __future__ import annotations

import pytest

from workbench.nlp.extract import extract_claims

pytestmark = pytest.mark.slow

PUBLISHED = "2024-03-10"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La inflación de marzo fue la más alta desde 2010, según el instituto de estadística.", "es"),
        ("Fue el mayor incendio registrado en la región, según la Corporación Nacional Forestal.", "es"),
        ("The drought is the worst since 1950, according to the national weather service.", "en"),
        ("The harvest was the largest in the province's history, citing figures from the farm ministry.", "en"),
    ],
)
def test_a_sourced_ranking_is_checkable(text: str, language: str):
    (claim,) = extract_claims(text, language, PUBLISHED)
    assert claim.kind != "opinion"
    assert claim.checkable


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Es el peor gobierno de la historia.", "es"),
        ("It was the best speech of the year.", "en"),
        ("Es un paso histórico, según el ministro de Exteriores.", "es"),
    ],
)
def test_an_unsourced_ranking_or_an_appraisal_stays_an_opinion(text: str, language: str):
    (claim,) = extract_claims(text, language, PUBLISHED)
    assert claim.kind == "opinion"
    assert not claim.checkable


@pytest.mark.parametrize(
    ("text", "language", "first", "second"),
    [
        (
            "Siete diputados apoyaron la reforma, mientras dos se abstuvieron.",
            "es",
            "Siete diputados apoyaron la reforma",
            "dos se abstuvieron",
        ),
        (
            "Eight members voted to hold rates, while one voted for a cut.",
            "en",
            "Eight members voted to hold rates",
            "one voted for a cut",
        ),
        (
            "Six ministers backed the plan, while two opposed it.",
            "en",
            "Six ministers backed the plan",
            "two opposed it",
        ),
    ],
)
def test_a_contrast_after_a_comma_is_a_claim_of_its_own(text: str, language: str, first: str, second: str):
    claims = extract_claims(text, language, PUBLISHED)
    assert len(claims) == 2
    assert claims[0].text == first
    assert claims[1].text.endswith(second)
    assert all(text[c.start : c.end] in c.text for c in claims)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The strike began while the minister was in Lisbon.", "en"),
        ("Prices rose while wages were falling.", "en"),
        ("Los ataques continuaron mientras el presidente visitaba Kiev.", "es"),
    ],
)
def test_a_time_frame_stays_with_its_event(text: str, language: str):
    assert len(extract_claims(text, language, PUBLISHED)) == 1
