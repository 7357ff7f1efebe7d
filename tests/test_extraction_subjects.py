"""A long English subject stays with its predicate, whatever the parser hangs where."""

from __future__ import annotations

import pytest

from workbench.nlp.extract import extract_claims


@pytest.mark.parametrize(
    ("sentence", "subject", "predicate"),
    [
        # en_core_web_sm hangs "have cancelled" on "crippling" as an adverbial clause.
        (
            "Strikes crippling France's rail network since Thursday have cancelled 4,000 trains, the operator said.",
            "Strikes",
            "have cancelled 4,000 trains",
        ),
        (
            "Floods sweeping the north since Monday have displaced 3,000 families, the agency said on Tuesday.",
            "Floods",
            "have displaced 3,000 families",
        ),
    ],
)
def test_a_predicate_is_not_cut_from_its_long_subject(sentence: str, subject: str, predicate: str) -> None:
    claims = extract_claims(sentence, "en", "2025-05-06")
    holding = [c for c in claims if predicate in c.text]
    assert holding and subject in holding[0].text, [c.text for c in claims]


def test_a_real_adverbial_clause_is_still_its_own_claim() -> None:
    claims = extract_claims(
        "The bank raised rates to 5%, after inflation rose to 7% in March, the governor said.", "en", "2025-05-06"
    )
    assert any("rose to 7%" in c.text and "raised" not in c.text for c in claims), [c.text for c in claims]


@pytest.mark.parametrize(
    ("sentence", "language", "value"),
    [
        ("Al menos 12 mineros quedaron atrapados en la mina.", "es", 12),
        ("Por lo menos 300 familias perdieron sus casas.", "es", 300),
        ("At least 40 passengers were hurt in the crash.", "en", 40),
    ],
)
def test_at_least_is_a_lower_bound(sentence: str, language: str, value: int) -> None:
    [claim] = extract_claims(sentence, language, "2025-05-06")
    assert [(f.value, f.qualifier) for f in claim.figures] == [(value, ">")]
