"""Extraction on the real Spanish model, scored against the gold claims (benchmarks/gold_data, a copy of ../shared/gold)."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from benchmarks.gold import SEED_ARTICLES, Score, gold_articles, score_article
from workbench.nlp.extract import extract_claims
from workbench.nlp.gazetteer import canonical
from workbench.nlp.normalize import normalize


def test_normalize_maps_repairs_back_to_the_original():
    text = "Kim  Jong-un  llegó.  “Siempre”, i nsistió."
    norm = normalize(text)
    assert norm.text == "Kim Jong-un llegó. “Siempre”, insistió."
    start = norm.text.index("insistió")
    assert text[slice(*norm.span(start, start + len("insistió")))] == "i nsistió"
    assert text[slice(*norm.span(0, len("Kim Jong-un")))] == "Kim  Jong-un"


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Pyongyang", "North Korea"),
        ("Corea del Norte", "North Korea"),
        ("DPRK", "North Korea"),
        ("Moscú", "Russia"),
        ("Washington", "United States"),
        ("Seúl", "South Korea"),
        ("Tokio", "Japan"),
        ("Pekín", "China"),
        ("Beijing", "China"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("SHOYGU", "Sergei Shoigu"),
        ("Shoygú", "Sergei Shoigu"),
        ("Francia", "France"),
    ],
)
def test_gazetteer_gives_one_identity_to_many_names(name, actor):
    assert canonical(name) == actor


@pytest.mark.parametrize("name", ["Vostochni", "Kim Jong Il", "Pionyang"])
def test_unknown_or_merely_similar_names_have_no_identity(name):
    assert canonical(name) is None


@pytest.mark.slow
def test_spans_index_the_text_and_survive_double_spaces():
    text = "El líder  Kim Jong-un  llegó a Rusia el domingo y visitó el cosmódromo de Vostochni."
    claims = extract_claims(text, "es")
    assert len(claims) == 2, claims
    for claim in claims:
        assert claim.text.endswith(text[claim.start : claim.end])
    # The second clause shares the first one's subject, and its text carries it.
    assert text[claims[1].start : claims[1].end].startswith("visitó el cosmódromo")
    assert claims[1].text == "El líder  Kim Jong-un visitó el cosmódromo de Vostochni"


@pytest.mark.slow
def test_reported_speech_names_its_claimant():
    text = "Tokio mencionó por su parte el lanzamiento de dos misiles balísticos."
    (claim,) = extract_claims(text, "es")
    assert (claim.claimant, claim.claimant_canonical) == ("Tokio", "Japan")


@pytest.fixture(scope="module")
def gold_score() -> Score:
    total = Score()
    for article in gold_articles(names=SEED_ARTICLES):
        claims = [asdict(c) for c in extract_claims(article.text, "es")]
        total.add(score_article(article.gold, article.text, claims))
    return total


@pytest.mark.slow
def test_gold_recall_and_precision(gold_score: Score):
    assert gold_score.recall >= 0.95, gold_score.missed
    assert gold_score.precision >= 0.85, gold_score.spurious


@pytest.mark.slow
def test_gold_claimants(gold_score: Score):
    assert gold_score.claimant >= 0.85, gold_score.wrong_claimant


@pytest.mark.slow
def test_gold_opinions_are_not_checkable(gold_score: Score):
    assert gold_score.opinions_marked_checkable == []


@pytest.mark.slow
def test_gold_claims_are_mostly_atomic(gold_score: Score):
    assert gold_score.atomic >= 0.90, gold_score.non_atomic


@pytest.mark.parametrize(
    ("text", "language", "dates"),
    [
        ("aseguró este miércoles a Putin", "es", ["2023-09-13"]),
        ("salió de la capital el domingo por la noche", "es", ["2023-09-10"]),
        ("como Washington mencionó la víspera de esta reunión", "es", ["2023-09-12"]),
        ("un viaje anterior a Vladivostok en 2019", "es", ["2019"]),
        ("la primera cumbre desde abril de 2019", "es", ["2019-04"]),
        ("llegará el próximo lunes", "es", ["2023-09-18"]),
        ("por la mañana", "es", []),
        ("según el parte del 2023-09-12", "es", ["2023-09-12"]),
        ("fired two missiles on Wednesday", "en", ["2023-09-13"]),
        ("their first meeting since April 2019", "en", ["2019-04"]),
        ("on September 12, 2023 and yesterday", "en", ["2023-09-12"]),
    ],
)
def test_dates_resolve_against_the_publication_date(text, language, dates):
    from workbench.nlp.dates import resolve_dates

    assert resolve_dates(text, language, "2023-09-13") == dates


def test_relative_dates_need_a_publication_date():
    from workbench.nlp.dates import resolve_dates

    assert resolve_dates("el domingo, en 2019", "es", None) == ["2019"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Corea del Norte disparó un misil balístico.", (1.0, "misil", "=")),
        ("Tokio mencionó el lanzamiento de dos misiles balísticos.", (2.0, "misil", "=")),
        ("Durante unas dos horas sostuvieron discusiones.", (2.0, "hora", "~")),
        ("Está implicado en la operación desde más de un año y medio.", (1.5, "año", ">")),
        ("Rusia movilizó 1.500 soldados.", (1500.0, "soldado", "=")),
    ],
)
def test_figures_normalise_number_words(text, figure):
    (claim,) = extract_claims(text, "es")
    assert figure in [(f.value, f.unit, f.qualifier) for f in claim.figures]


@pytest.mark.slow
def test_score_reasons_explain_the_score():
    (claim,) = extract_claims(
        "Tokio mencionó el miércoles el lanzamiento de dos misiles balísticos.", "es", "2023-09-13"
    )
    assert claim.dates == ("2023-09-13",)
    # The learned model's reasons name what a signal found (tests/test_checkworthiness.py has the rest).
    assert any(reason.endswith("names a figure (2 misil)") for reason in claim.reasons)


ENGLISH = (
    "North Korea fired two ballistic missiles toward the East Sea on Wednesday, "
    "South Korea's Joint Chiefs of Staff said. Japan's defence ministry said it detected one missile. "
    "According to the Kremlin, the talks lasted about two hours."
)


def test_english_runs_on_the_rule_based_pipeline():
    claims = extract_claims(ENGLISH, "en", "2023-09-13")
    assert [c.claimant_canonical for c in claims] == [
        "South Korea Joint Chiefs of Staff",
        "Japan Ministry of Defense",
        "Kremlin",
    ]
    assert claims[0].dates == ("2023-09-13",)
    assert [(f.value, f.unit) for c in claims for f in c.figures] == [(2.0, "missile"), (1.0, "missile"), (2.0, "hour")]
    assert {e.canonical for e in claims[0].entities} >= {"North Korea", "South Korea Joint Chiefs of Staff"}
    for claim in claims:
        assert ENGLISH[claim.start : claim.end] == claim.text


def test_a_possessive_is_not_a_broken_word():
    assert normalize("Japan's defence").text == "Japan's defence"


@pytest.mark.slow
def test_spanish_entities_carry_canonical_actors():
    (claim,) = extract_claims("El Estado Mayor Conjunto en Seúl dijo que Pyongyang disparó un misil.", "es")
    canonicals = {e.canonical for e in claim.entities}
    assert {"South Korea", "North Korea"} <= canonicals


@pytest.mark.slow
def test_a_common_word_is_not_a_capital():
    (claim,) = extract_claims("Kim aseguró que Rusia logrará una gran victoria contra sus enemigos.", "es")
    assert "Seychelles" not in {e.canonical for e in claim.entities}


@pytest.mark.slow
def test_english_prose_with_reporting_words_does_not_crash_the_parser_less_pipeline() -> None:
    """Walking an unparsed token's children crashed spaCy 3.8 (a segmentation fault, which no
    except clause catches): this copy of the README, English prose where "claim" heads a clause,
    did it. Run in a subprocess, so a crash fails this test instead of ending the run."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "extract",
            str(ROOT / "tests/data/english_prose.md"),
            "--lang",
            "en",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert json.loads(result.stdout)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Russia launched 7 drones near Kyiv on Monday.", "drone"),
        ("Iran seized 2 tankers amid the standoff.", "tanker"),
        ("Israel said 3 soldiers inside Gaza were wounded.", "soldier"),
        ("North Korea fired two ballistic missiles toward the East Sea.", "missile"),
    ],
)
def test_english_units_stop_at_prepositions(text: str, unit: str) -> None:
    (claim,) = extract_claims(text, "en")
    assert [f.unit for f in claim.figures] == [unit]
