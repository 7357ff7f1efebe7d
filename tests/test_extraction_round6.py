"""Rules prompted by round 6 (`u`) of benchmarks/own_data, each on sentences written for these
tests (no gold sentence, no sentence of the stories): reports in a participle, conditions and
absolute constructions kept with their clause, verbs the parser hangs on the wrong clause,
counted subjects of their own, the subject of a clause before its attribution, and appraisals
(qualifying verbs, norms, comparisons with all of time, evaluative nouns)."""

from __future__ import annotations

import pytest

from tests.helpers import spanned_claims
from workbench.models import ClaimDraft

pytestmark = pytest.mark.slow

WEDNESDAY = "2026-01-14"


def claims(text: str, language: str = "en") -> list[ClaimDraft]:
    return spanned_claims(text, language, WEDNESDAY)


def texts(text: str, language: str = "en") -> list[str]:
    return [c.text for c in claims(text, language)]


def test_a_report_in_a_participle_is_a_claim_of_the_clause_subject():
    found = claims("The union backed the deal on Friday, saying that some 300 jobs were safe.")
    assert [c.text for c in found] == [
        "The union backed the deal on Friday",
        "The union saying that some 300 jobs were safe",
    ]
    assert found[1].claimant == "The union"


def test_a_spanish_gerund_report_takes_the_subject_of_its_clause():
    found = claims("La patronal rechazó la propuesta, asegurando que costaría 900 empleos.", "es")
    reported = next(c for c in found if "900 empleos" in c.text)
    assert reported.claimant == "La patronal"
    assert len(found) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The fare could rise by 10% if the city cuts its subsidy.",
        "The strike will end on Friday unless the talks collapse.",
    ],
)
def test_a_condition_stays_with_what_it_conditions(text: str):
    assert texts(text) == [text.rstrip(".")]


def test_an_absolute_construction_stays_with_its_clause():
    found = texts(
        "The ruling party was ahead with 61% of the vote, with ballots from 40 of 52 districts counted, the election board said."
    )
    assert len(found) == 1
    assert "with ballots from 40 of 52 districts counted" in found[0]


def test_a_second_that_clause_is_reported_by_the_verb_above_the_first():
    found = claims("Aides said the senator had been informed of the leak and that she would resign.")
    assert [c.text for c in found] == [
        "Aides said the senator had been informed of the leak",
        "Aides said that she would resign",
    ]
    assert {c.claimant for c in found} == {"Aides"}


def test_a_verb_hung_on_a_reported_clause_keeps_the_speakers_subject():
    found = texts("The airline said its pilots had been trained in Lisbon and cancelled the flights.")
    assert found[-1] == "The airline cancelled the flights"


def test_a_spanish_verb_that_disagrees_with_the_reported_subject_is_the_speakers():
    found = texts("La agencia prevé que los precios suban en abril y mantiene su previsión de crecimiento.", "es")
    assert found[-1].startswith("La agencia mantiene")


def test_a_conjunct_with_a_counted_subject_of_its_own_takes_no_other():
    found = texts("Unas 20 casas se derrumbaron y más de 1.400 quedaron dañadas por el temporal.", "es")
    assert found[-1].startswith("más de 1.400 quedaron dañadas")


def test_the_clause_before_its_attribution_keeps_its_own_subject():
    found = texts(
        "El puente, que une las dos orillas, cerró el lunes al tráfico pesado, informaron fuentes municipales.", "es"
    )
    assert any(t.startswith("El puente cerró el lunes") for t in found), found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The mayor called the plan reckless.", "en"),
        ("La alcaldesa calificó la reforma de «irresponsable».", "es"),
        ("The city should pay for the repairs.", "en"),
        ("Hay que actuar con rapidez en los barrios del sur.", "es"),
        ("No se puede seguir así mientras los precios suben.", "es"),
        ("The nation is more united than ever.", "en"),
        ("El cierre de la fábrica es una tragedia para el pueblo.", "es"),
        ("The decision is a long-overdue step for the region.", "en"),
        ("Nadie podrá frenar este movimiento.", "es"),
        ("Nobody can silence the students.", "en"),
        ("El Gobierno tomará todas las medidas necesarias para proteger a sus pescadores.", "es"),
    ],
)
def test_appraisals_and_norms_are_opinions(text: str, language: str):
    (claim,) = claims(text, language)
    assert claim.kind == "opinion"
    assert not claim.checkable


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister described the raid as a breach of the ceasefire.", "en"),
        ("The city should pay 4 million dollars for the repairs, the court ruled.", "en"),
        ("El juez calificó los hechos de delito de malversación.", "es"),
    ],
)
def test_a_qualified_act_or_a_figure_stays_checkable(text: str, language: str):
    assert all(c.checkable for c in claims(text, language))


@pytest.mark.parametrize(
    "text",
    [
        "Las exportaciones de soja subieron un 12 % en abril, mientras que las de maíz cayeron un 4 %.",
        "Los precios subieron un 3 %, mientras que los salarios bajaron.",
    ],
)
def test_mientras_que_leaves_two_claims_and_no_connective(text: str):
    found = texts(text, "es")
    assert len(found) == 2
    assert not any("mientras" in t or t.startswith("que ") or t.endswith(" que") for t in found), found


def test_a_body_s_records_speak_for_the_body_named_before():
    text = (
        "El Instituto Nacional de Estadística publicó el jueves su informe anual.\n"
        "Según los registros del instituto, la natalidad cayó un 8 % en 2025."
    )
    cited = claims(text, "es")[-1]
    assert cited.claimant == "los registros del instituto"
    assert cited.claimant_canonical == "Instituto Nacional de Estadística"


def test_the_bank_s_figures_are_the_bank_s():
    text = "The Reserve Bank of Malawi cut its main rate on Monday.\nInflation fell to 9% in May, according to the bank's figures."
    cited = claims(text)[-1]
    assert cited.claimant == "the bank's figures"
    assert cited.claimant_canonical is not None and "Reserve Bank" in cited.claimant_canonical


@pytest.mark.parametrize(
    ("text", "language", "claimant"),
    [
        (
            "El informe lo firmó la Cámara de Comercio, que asegura que las ventas cayeron un 9 %.",
            "es",
            "la Cámara de Comercio",
        ),
        (
            "La obra se paralizó por una queja del Colegio de Arquitectos, que estima que unas 300 viviendas quedaron sin terminar.",
            "es",
            "Colegio de Arquitectos",
        ),
        (
            "The plan was drafted by the Farmers Union, which says that 4,000 farms could close.",
            "en",
            "the Farmers Union",
        ),
    ],
)
def test_a_relative_clause_that_reports_is_its_antecedent_s_report(text: str, language: str, claimant: str):
    reported = claims(text, language)[-1]
    assert reported.claimant == claimant


def test_a_relative_inside_an_apposition_is_a_fact_of_the_person():
    found = claims("Ana Ruiz, a former judge who lost the 2019 race by 3,000 votes, has promised to cut taxes.")
    assert [c.text for c in found] == [
        "Ana Ruiz, who lost the 2019 race by 3,000 votes",
        "Ana Ruiz has promised to cut taxes",
    ]
    assert found[1].claimant == "Ana Ruiz, a former judge"  # the apposition's relative is no part of the speaker


def test_records_cited_after_their_clause_are_its_claimant():
    (claim,) = claims("Exports of copper fell 12% last year, to 2 million tonnes, customs data show.")
    assert claim.claimant == "customs data"
