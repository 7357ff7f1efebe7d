"""When a background claim happened (issue 12), on sentences written for these tests (no gold or
own_data sentence): an undated past perfect or an adverb of recent past tells an event from some
time before the story, not of the story's day; a past perfect after a reporting verb is the
speaker's tense shifted back, the event itself; an English month with its possessive is a month."""

from __future__ import annotations

import pytest

from tests.test_matching import claim, flat_idf
from workbench.matching.compare import NEAR_MISS, compare, pair_features
from workbench.matching.features import background
from workbench.nlp.dates import resolve_dates


def test_a_past_perfect_tells_an_earlier_event() -> None:
    assert background("El embalse había sufrido filtraciones graves")
    assert background("Los vecinos del barrio habían sido desalojados")
    assert background("the warehouse had been flooded twice")
    assert background("the miners had fled the valley")
    assert background("La empresa había cerrado ya dos plantas")


def test_an_adverb_of_recent_past_tells_an_earlier_event() -> None:
    assert background("La naviera suspendió recientemente sus rutas al sur")
    assert background("The council previously rejected the plan")


def test_a_past_perfect_after_a_reporting_verb_is_the_event_reported() -> None:
    assert not background("El alcalde dijo que el embalse había sufrido filtraciones")
    assert not background("The union said its members had walked out")
    assert not background("Según la fiscalía, los acusados habían ocultado pruebas")
    assert not background("According to the army, the rebels had withdrawn")
    # the reporting frame cut from the claim still attributes it
    assert not background("the rebels had withdrawn", claimant="Mali")


def test_had_and_habia_without_a_participle_are_no_past_perfect() -> None:
    assert not background("The trawler had twelve crew members")
    assert not background("the school had 300 pupils")
    assert not background("Había 40 camiones en la frontera")
    assert not background("El tren descarriló el lunes")


def test_an_undated_background_claim_may_be_an_earlier_story_s_event() -> None:
    """A story of October tells the dam's earlier leak as background: the August story of that
    leak is not "another event", as it would be if both were the story's own news."""
    earlier = claim(1, "El embalse de Valdeluz sufrió filtraciones graves", published="2026-08-03")
    told = claim(2, "El embalse de Valdeluz había sufrido filtraciones graves", published="2026-10-20")
    plain = claim(3, "El embalse de Valdeluz sufrió filtraciones graves", published="2026-10-20")
    weights = flat_idf(earlier, told, plain)
    assert pair_features(earlier, told, weights).dates is None
    assert pair_features(earlier, plain, weights).dates is False
    assert compare(earlier, told, weights, 0.95).relation != NEAR_MISS


def test_a_background_claim_is_not_the_story_s_day_nor_the_distant_past() -> None:
    told = claim(1, "The levee had failed near Marston", published="2026-10-20", language="en")
    same_day = claim(2, "El dique cedió cerca de Marston", published="2026-10-20")
    stated_old = claim(3, "El dique cedió cerca de Marston en 2019", dates=["2019"], published="2026-10-20")
    stated_recent = claim(4, "El dique cedió cerca de Marston en marzo", dates=["2026-03"], published="2026-10-20")
    later = claim(5, "El dique cedió cerca de Marston", published="2026-12-01")
    weights = flat_idf(told, same_day, stated_old, stated_recent, later)
    assert pair_features(told, same_day, weights).dates is None  # it may be, however told
    assert pair_features(told, stated_recent, weights).dates is None
    assert pair_features(told, stated_old, weights).dates is False  # years before: another event
    found = pair_features(told, later, weights)
    assert found.dates is False  # after its story: it cannot have been told before it
    assert "(background)" in found.dates_text


def test_an_english_month_with_its_possessive_is_the_month() -> None:
    assert resolve_dates("March's storms flooded the delta", "en", "2026-05-02") == ["2026-03"]
    assert resolve_dates("Last June's harvest was poor", "en", "2026-05-02") == ["2025-06"]
    assert resolve_dates("Theresa May's cabinet met", "en", "2026-05-02") == []
    assert resolve_dates("the may's", "en", "2026-05-02") == []


def test_the_event_n_units_before_after_is_that_far_before_the_story() -> None:
    from workbench.nlp.dates import prior_event_date

    assert prior_event_date("La fábrica reabrió tres meses después de ", "es", "2026-07-15") == "2026-04"
    assert prior_event_date("El puente se reabrió un año después del ", "es", "2026-08-24") == "2025"
    assert prior_event_date("The depot shut ten days after the ", "en", "2026-06-10") == "2026-05-31"
    assert prior_event_date("The depot shut on June 3, ten days after ", "en", "2026-06-10") == "2026-05-24"
    assert prior_event_date("The talks resumed two weeks after ", "en", "2026-06-10") == "2026-05"
    assert prior_event_date("El acuerdo llegó después de ", "es", "2026-06-10") is None  # no count: no date
    assert prior_event_date("Tres meses después de ", "es", None) is None


@pytest.mark.slow
def test_a_relative_clause_on_that_event_takes_its_date() -> None:
    """ "N months after the flood, which destroyed ...": the relative clause tells the flood, which
    the count dates; the clause itself names no date."""
    from workbench.nlp.extract import extract_claims

    text = "The plant reopened three months after the flood, which destroyed two warehouses in Corby."
    led = [d for d in extract_claims(text, "en", "2026-08-24") if "which destroyed" in d.text]
    assert len(led) == 1
    assert led[0].dates == ("2026-05",)
    text = "El puerto reabrió un año después del temporal, que hundió tres pesqueros en Vigo."
    led = [d for d in extract_claims(text, "es", "2026-08-24") if "que hundió" in d.text]
    assert len(led) == 1
    assert led[0].dates == ("2025",)


def test_a_unit_of_measure_is_one_by_its_symbol_and_its_names() -> None:
    from workbench.matching.terms import unit_key

    assert unit_key("km", "en") == unit_key("kilometres", "en") == unit_key("kilómetros", "es") == "km"
    assert unit_key("millas", "es") == unit_key("miles", "en") == "mile"
    assert unit_key("miles", "es") != "mile"  # "miles de personas" are thousands
    assert unit_key("hectáreas", "es") == unit_key("hectares", "en")


def test_two_reports_of_one_distance_in_symbol_and_name_agree() -> None:
    short = claim(1, "The convoy got within 80 km of the border", figures=[(80.0, "km", "<", True)], language="en")
    named = claim(2, "El convoy llegó a unos 80 kilómetros de la frontera", figures=[(80.0, "kilómetros", "~", True)])
    weights = flat_idf(short, named)
    assert pair_features(short, named, weights).figures is True


def test_another_event_is_never_a_duplicate_whatever_the_thresholds() -> None:
    """A fitted `flag` above `duplicate` once let a pair alike enough for one proposition but of
    another year through as a duplicate; the dates keep it a near-miss."""
    from workbench.matching.compare import relation_of

    old = claim(1, "La riada arrasó el puente de Olmedo", dates=["2021"], published="2026-03-02")
    new = claim(2, "La riada arrasó el puente de Olmedo", dates=["2026"], published="2026-03-02")
    pair = pair_features(old, new, flat_idf(old, new), 0.97)
    limits = {"flag": 0.9, "duplicate": 0.1, "related": 0.5, "conflict": 1.0, "denial": 1.0}
    assert relation_of(pair, 0.5, 0.5, limits)[0] == NEAR_MISS
