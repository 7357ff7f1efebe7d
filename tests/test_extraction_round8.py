"""Rules prompted by round 8 (`x`) of benchmarks/own_data, each on sentences written for these
tests (no gold sentence, no sentence of the stories): datelines before the lead, and a relative
that parts a subject from its verb."""

from __future__ import annotations

import pytest

from tests.helpers import spanned_claims
from workbench.models import ClaimDraft
from workbench.nlp.normalize import is_dateline, normalize

pytestmark = pytest.mark.slow

TUESDAY = "2026-03-10"


def claims(text: str, language: str = "en") -> list[ClaimDraft]:
    return spanned_claims(text, language, TUESDAY)


def checkable(text: str, language: str = "en") -> list[str]:
    return [c.text for c in claims(text, language) if c.checkable]


@pytest.mark.parametrize(
    "dateline",
    [
        "Quito, 9 mar (EFE).-",
        "Montevideo, 2 de marzo de 2026 (EFE).-",
        "LISBON, March 9 (Reuters) -",
        "NAIROBI, Kenya, Jan 9 (Reuters) -",
        "ROME (AP) —",
        "SAN JOSÉ, Costa Rica (AP) —",
        "MADRID, 12 Mar. (EUROPA PRESS) -",
        "WASHINGTON —",
    ],
)
def test_a_dateline_is_a_paragraph_of_its_own_with_offsets_kept(dateline: str):
    text = f"{dateline} The port handled 40 ships on Monday."
    norm = normalize(text)
    assert norm.text.split("\n")[0].strip() == dateline
    assert is_dateline(dateline)
    assert len(norm.text) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "El Gobierno (PP) - dijo el portavoz.",
        "La OTAN (Alianza) - es otra cosa.",
        "EEUU y Rusia — no firmaron.",
        "El presidente, 3 de ellos - no votaron.",
    ],
)
def test_a_name_with_brackets_or_a_dash_is_no_dateline(text: str):
    assert "\n" not in normalize(text).text


def test_the_lead_after_a_dateline_keeps_its_own_subject_and_the_dateline_is_no_claim():
    spanish = checkable(
        "Asunción, 9 mar (EFE).- La cosecha de soja cayó un 12 % en febrero y suma tres meses de caídas, "
        "informó este lunes la Cámara de Exportadores."
    )
    assert spanish and not any("EFE" in c or "Asunción" in c for c in spanish)
    assert any(c.startswith("La cosecha de soja cayó un 12 %") for c in spanish)
    english = checkable(
        "LISBON, March 9 (Reuters) - Portugal's jobless rate fell to 6.1% in February, the statistics office said."
    )
    assert english == ["Portugal's jobless rate fell to 6.1% in February, the statistics office said"]


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [
        (
            "The regulator said the airline, which flies to 40 countries, had overbooked 2,000 flights last year.",
            "en",
            "The regulator said the airline had overbooked 2,000 flights last year",
        ),
        (
            "The mayor acknowledged that the bridge, which links the two halves of the city, had not been inspected since 2015.",
            "en",
            "The mayor acknowledged that the bridge had not been inspected since 2015",
        ),
        (
            "El alcalde aseguró que el puerto, que abrió en 2019, mueve dos millones de contenedores al año.",
            "es",
            "El alcalde aseguró que el puerto mueve dos millones de contenedores al año",
        ),
    ],
)
def test_a_relative_that_parts_a_reported_subject_from_its_verb_leaves_the_report_whole(
    text: str, language: str, wanted: str
):
    found = checkable(text, language)
    assert wanted in found
    assert not any(
        c.rstrip(".") in {"The regulator said the airline", "El alcalde aseguró que el puerto"} for c in found
    )


def test_a_second_report_coordinated_after_a_reported_clause_is_the_first_speakers():
    found = claims("The agency said 12 roads were closed and warned that more closures could follow.")
    second = next(c for c in found if "more closures" in c.text)
    assert second.claimant == "The agency"


def test_a_relative_deep_in_a_source_phrase_is_no_part_of_the_claimant():
    found = claims(
        "The ferry left port overloaded, according to an inquiry by the Maritime Authority, which said the captain had been suspended."
    )
    first = next(c for c in found if "overloaded" in c.text)
    assert first.claimant == "an inquiry by the Maritime Authority"
