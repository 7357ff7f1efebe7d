"""Causes of dedupe misses on the dev gold (issue 12), each on sentences written for these tests
(no gold or own_data sentence): periods named by their distance from publication, months joined
in one phrase, an actor standing for its country, and an antecedent dating its relative clause."""

from __future__ import annotations

import pytest

from tests.test_matching import claim, flat_idf
from workbench.matching.compare import RELATED, compare, pair_features
from workbench.nlp.dates import event_dates, resolve_dates


def test_this_year_and_last_month_are_dates_of_publication_s_calendar() -> None:
    assert resolve_dates("La planta cerró dos veces este año.", "es", "2026-09-10") == ["2026"]
    assert resolve_dates("El banco subió los tipos el mes pasado.", "es", "2026-01-10") == ["2025-12"]
    assert resolve_dates("The firm cut jobs last month and will hire next year.", "en", "2026-01-10") == [
        "2025-12",
        "2027",
    ]
    assert resolve_dates("Habrá elecciones el año que viene.", "es", "2026-09-10") == ["2027"]


def test_a_named_month_or_a_span_is_no_relative_period() -> None:
    """ "el pasado mes de mayo" is May; "over the last year" is a span, not last year."""
    assert resolve_dates("Llovió mucho el pasado mes de mayo.", "es", "2026-09-10") == ["2026-05"]
    assert resolve_dates("Over the last year prices rose.", "en", "2026-01-10") == []
    assert resolve_dates("El año pasado llovió.", "es", None) == []


def test_a_period_that_opens_a_span_bounds_it() -> None:
    assert event_dates("Es la peor sequía desde el año pasado.", "es", "2026-01-10") == []


def test_months_joined_to_a_month_are_dates_too() -> None:
    assert resolve_dates("El sindicato convocó huelgas en marzo y junio.", "es", "2026-09-10") == [
        "2026-03",
        "2026-06",
    ]
    assert resolve_dates("The plant closed in March, April and June.", "en", "2026-09-10") == [
        "2026-03",
        "2026-04",
        "2026-06",
    ]
    # a capitalised Spanish month after "y" is a name, as a month alone is
    assert resolve_dates("Viajaron en julio y Agosto Ruiz se quedó.", "es", "2026-09-10") == ["2026-07"]


def test_a_person_stands_for_the_country_they_lead() -> None:
    """One report names the leader, another the country: one actor, not "different actors"."""
    leader = claim(1, "Kim Jong-un salió de la capital el viernes", entities=["Kim Jong-un"], dates=["2026-03-06"])
    country = claim(2, "North Korea's delegation left on Friday", entities=["North Korea"], dates=["2026-03-06"])
    other = claim(3, "Japan's delegation left on Friday", entities=["Japan"], dates=["2026-03-06"], language="en")
    weights = flat_idf(leader, country, other)
    assert pair_features(leader, country, weights).actors_compatible
    assert not pair_features(leader, other, weights).actors_compatible
    assert "different actors: not the same proposition" not in compare(leader, country, weights, 0.95).reasons
    assert compare(leader, other, weights, 0.95).relation in {RELATED, None}


@pytest.mark.slow
def test_an_antecedent_dates_the_relative_clause_it_leads() -> None:
    """ "March 2019, when he signed ...": the claim is the relative clause led by its antecedent,
    and the antecedent is when it happened; the clause alone names no date."""
    from workbench.nlp.extract import extract_claims

    text = "It was the minister's first visit since March 2019, when he signed a fishing deal in Lima."
    led = [d for d in extract_claims(text, "en", "2026-05-06") if d.text.startswith("March 2019, when")]
    assert len(led) == 1
    assert led[0].dates == ("2019-03",)
