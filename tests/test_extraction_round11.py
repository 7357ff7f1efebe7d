"""Opinions and rhetoric of an outlet or a speaker kept non-checkable (issue 13), each rule on
sentences written for these tests (no gold sentence, no sentence of the stories of
benchmarks/own_data): idioms of rhetoric, stance verbs that qualify something "as" something,
charges in the speaker's quoted words, norms of what cannot go on, threats to whoever might act,
rejections that are only a stance; and two clause rules: a relative with a numeric date is a fact,
and a relative on a noun set off after its clause is split."""

from __future__ import annotations

import pytest

from tests.helpers import spanned_claims
from workbench.models import ClaimDraft
from workbench.nlp.idioms import ENGLISH, SPANISH, idiom_in

pytestmark = pytest.mark.slow

THURSDAY = "2026-11-19"


def claims(text: str, language: str) -> list[ClaimDraft]:
    return spanned_claims(text, language, THURSDAY)


def checkable(text: str, language: str) -> list[str]:
    return [c.text for c in claims(text, language) if c.checkable]


def none_checkable_with(text: str, language: str, words: str) -> bool:
    return not any(words in found for found in checkable(text, language))


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("«El Gobierno ha echado más leña al fuego», dijo el portavoz sindical.", "es", "leña"),
        ("Los reguladores miraron hacia otro lado mientras la empresa crecía, sostuvo la diputada.", "es", "otro lado"),
        ("La reforma es papel mojado y los jubilados lo saben.", "es", "papel mojado"),
        ("The senator said the agency had kicked the can down the road for a decade.", "en", "kicked the can"),
        ('"This budget is smoke and mirrors," the opposition leader told reporters.', "en", "smoke and mirrors"),
        ("The regulator has buried its head in the sand since the first complaints.", "en", "in the sand"),
    ],
)
def test_an_idiom_of_rhetoric_makes_its_clause_an_opinion(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("The ferry drifted for six hours before the navy towed it to port.", "en", "drifted"),
        ("The company paid a price of $40 a share for its rival, the filing showed.", "en", "$40 a share"),
        ("El autobús quedó al borde del precipicio tras el choque, informaron los bomberos.", "es", "precipicio"),
    ],
)
def test_a_literal_phrase_is_no_idiom(text: str, language: str, words: str) -> None:
    assert any(words in found for found in checkable(text, language))


def test_the_lexicon_matches_inflections_and_has_both_languages() -> None:
    assert idiom_in("Las autoridades han mirado para otro lado", "es") == "mirado para otro lado"
    assert idiom_in("They keep moving the goalposts", "en") == "moving the goalposts"
    assert idiom_in("He turned a blind eye", "es") is None  # each language reads its own
    assert len(SPANISH) >= 60 and len(ENGLISH) >= 60


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("The ministry dismissed the report as fabricated.", "en", "dismissed"),
        ("The embassy denounced the arrests as a political show.", "en", "denounced"),
        ("El partido desestimó la encuesta como una maniobra electoral.", "es", "desestimó"),
        ("La fiscal denunció como un montaje el juicio contra los periodistas.", "es", "denunció"),
    ],
)
def test_a_stance_that_takes_something_as_something_is_an_opinion(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


def test_what_a_stance_verb_reports_stays_a_claim() -> None:
    found = checkable("El sindicato denunció que 40 trabajadores fueron despedidos en mayo.", "es")
    assert any("40 trabajadores fueron despedidos" in text for text in found)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("El alcalde acusó a la empresa de «jugar a dos bandas».", "es", "dos bandas"),
        ('The union accused the board of "sleepwalking into disaster".', "en", "sleepwalking"),
    ],
)
def test_a_charge_in_quoted_words_is_rhetoric(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


def test_a_charge_that_names_an_offence_stays_a_claim() -> None:
    found = checkable("La fiscalía acusó al exdirector de malversación de fondos públicos.", "es")
    assert any("malversación" in text for text in found)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("«El país no puede seguir endeudándose así», afirmó el economista.", "es", "endeudándose"),
        ('"We cannot keep closing schools every winter," the mayor said.', "en", "closing schools"),
        ('"This must never happen again," the minister said of the fire.', "en", "happen again"),
    ],
)
def test_what_cannot_go_on_is_a_norm(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


def test_a_norm_with_a_figure_is_a_rule_to_check() -> None:
    found = checkable("Under the new rule, bars must not play music above 80 decibels after 10 p.m.", "en")
    assert any("80 decibels" in text for text in found)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ('"Whoever attacks our ships will regret it," the admiral said.', "en", "regret"),
        ("«Quienes especulen con los precios lo pagarán», advirtió el ministro.", "es", "especulen"),
    ],
)
def test_a_threat_to_whoever_might_act_is_rhetoric(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


def test_a_named_group_and_a_future_is_a_prediction() -> None:
    found = checkable('"Those who were evacuated will return home on Friday," the mayor said.', "en")
    assert any("will return home on Friday" in text for text in found)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("La patronal rechazó la medida.", "es", "rechazó"),
        ("Los vecinos condenaron el ataque.", "es", "condenaron"),
        ("The opposition condemned the decree.", "en", "condemned"),
    ],
)
def test_a_bare_rejection_is_a_stance(text: str, language: str, words: str) -> None:
    assert none_checkable_with(text, language, words)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("El Senado rechazó la reforma.", "es", "rechazó"),
        ("The court rejected the appeal.", "en", "rejected"),
        ("El sindicato rechazó la oferta salarial de la empresa.", "es", "oferta"),
    ],
)
def test_a_rejection_on_the_record_stays_a_claim(text: str, language: str, words: str) -> None:
    assert any(words in found for found in checkable(text, language))


def test_a_relative_with_a_numeric_date_is_a_fact() -> None:
    found = checkable("La policía detuvo a dos sospechosos, que comparecerán ante el juez el 21/11/2026.", "es")
    assert any("comparecerán ante el juez el 21/11/2026" in text for text in found)


def test_a_relative_on_a_noun_set_off_after_its_clause_is_split() -> None:
    text = "La empresa operó la mina durante una década, un periodo en el que extrajo unas 400.000 toneladas de cobre."
    found = checkable(text, "es")
    relative = [t for t in found if "400.000 toneladas" in t]
    assert relative and not any("operó" in t for t in relative)
    assert any("operó la mina" in t and "400.000" not in t for t in found)
