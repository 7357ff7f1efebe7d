"""Actors by their name in the interface language, found by any alias in either language (issue 17)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import assert_ok, invoke
from tests.test_cli_completion import offered
from workbench import i18n
from workbench.i18n import actor_name, actor_names
from workbench.models import EntityDraft
from workbench.nlp.gazetteer import ACTORS_FILE
from workbench.service import Workbench
from workbench.tui.widgets.claim_detail import entities_line


def claim_ids(db: object, entity: str) -> list[int]:
    result = invoke("claims", "--db", db, "--entity", entity, "--json")
    assert_ok(result)
    return [row["id"] for row in json.loads(result.stdout)]


def test_an_actor_is_found_by_its_name_in_either_language_or_any_alias(seeded: Workbench) -> None:
    english = claim_ids(seeded.db_path, "North Korea")
    written = {c.id for c in seeded.claims() for e in seeded.review(c.id).claim.entities if e.text == "Corea del Norte"}
    assert written and len(english) > len(written)  # Pyongyang's claims are North Korea's too
    for name in ("Corea del Norte", "corea del norte", "Norcorea", "Pyongyang", "NORTH KOREA"):
        assert claim_ids(seeded.db_path, name) == english, name


def test_a_name_the_gazetteer_does_not_know_is_matched_as_written(seeded: Workbench) -> None:
    assert claim_ids(seeded.db_path, "Vostochni") == claim_ids(seeded.db_path, "vostochni")
    assert claim_ids(seeded.db_path, "Atlántida del Sur") == []


def test_countries_are_named_by_the_locale_and_curated_actors_by_the_catalog() -> None:
    assert actor_name("North Korea", "es") == "Corea del Norte"
    assert actor_name("United Kingdom", "es") == "Reino Unido"
    assert actor_name("NATO", "es") == "OTAN"
    assert actor_name("Wagner Group", "es") == "Grupo Wagner"
    assert actor_name("NATO", "en") == "NATO"
    assert actor_name("Somebody Unknown", "es") == "Somebody Unknown"  # no name of its own: as stored


def test_every_curated_actor_that_is_not_a_country_is_marked_for_the_translator() -> None:
    curated = set(json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"])
    countries = set(i18n._territory_codes())
    assert set(i18n._ACTORS) == curated - countries


def test_the_tui_detail_names_actors_in_the_interface_language() -> None:
    entities = (
        EntityDraft("Pyongyang", "LOC", "North Korea", 0, 9),
        EntityDraft("Corea del Norte", "LOC", "North Korea", 10, 25),
    )
    i18n.set_language("es")
    assert entities_line(entities) == "Pyongyang → Corea del Norte (LOC), Corea del Norte (LOC)"
    i18n.set_language("en")
    assert entities_line(entities) == "Pyongyang → North Korea (LOC), Corea del Norte → North Korea (LOC)"


@pytest.mark.parametrize("language", ["es", "en"])
def test_completion_offers_both_languages_names_interface_first(language: str) -> None:
    i18n.set_language(language)
    names = actor_names(["North Korea", "Kim Jong-un", "Corea del Norte"])
    first = "Corea del Norte" if language == "es" else "North Korea"
    assert names[0] == first and set(names) == {"North Korea", "Corea del Norte", "Kim Jong-un"}


def test_shell_completion_of_an_entity_offers_the_spanish_name_of_a_stored_one(seeded: Workbench) -> None:
    assert "Corea del Sur" in offered("claims", "--db", str(seeded.db_path), "--entity", "Corea")
    assert "South Korea" in offered("claims", "--db", str(seeded.db_path), "--entity", "South")
