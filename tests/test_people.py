"""People across spellings and articles (issue 13): one canonical actor per person, on names made
up for these tests (no gold name). Transliterations of one Russian name in Spanish and English,
initials, surnames alone, two people of one surname, words that are no names, and an archive
that remembers whom it has met (a real database in a temp folder, the real model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.config import Settings
from workbench.models import ArticleInput, ClaimDraft, EntityDraft
from workbench.nlp.people import PersonIndex, parse_name, resolve_people, skeleton

KHARITONOV = "Mikhail Kharitonov"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mijaíl", "Mikhail"),
        ("Jaritónov", "Kharitonov"),
        ("Arkadi", "Arkady"),
        ("Zhelezniakov", "Zheleznyakov"),
        ("Zhelezniakov", "Jelezniakov"),
        ("Yevguéniev", "Evgeniev"),
        ("Aleksandr", "Alexandr"),
        ("Wasilenko", "Vasilenko"),
    ],
)
def test_transliterations_of_one_name_share_a_skeleton(one: str, other: str):
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize(("one", "other"), [("Kharitonov", "Kharitonova"), ("Marín", "Martín"), ("Rosas", "Rojas")])
def test_different_names_keep_different_skeletons(one: str, other: str):
    assert skeleton(one) != skeleton(other)


@pytest.mark.parametrize(
    "name",
    [
        "Mijaíl Jaritónov",
        "Mikhail Kharitonov",
        "M. Kharitonov",
        "Kharitonov",
        "el ministro Mijaíl Jaritónov",
        "Minister Mikhail Kharitonov",
    ],
)
def test_spellings_initials_titles_and_a_surname_alone_find_the_person(name: str):
    index = PersonIndex([(KHARITONOV, KHARITONOV)])
    assert index.resolve(name) == KHARITONOV


def test_another_given_name_is_another_person():
    index = PersonIndex([(KHARITONOV, KHARITONOV)])
    assert index.resolve("Pavel Kharitonov") is None
    assert index.resolve("P. Kharitonov") is None


def test_a_surname_two_people_share_names_neither():
    index = PersonIndex([(KHARITONOV, KHARITONOV), ("Pavel Kharitonov", "Pavel Kharitonov")])
    assert index.resolve("Kharitonov") is None
    assert index.resolve("Mijaíl Jaritónov") == KHARITONOV


@pytest.mark.parametrize("text", ["la policía", "el gobierno", "Li", "2 líderes", "officials"])
def test_words_that_are_no_names_name_nobody(text: str):
    index = PersonIndex([("Ana Li", "Ana Li"), ("Rosa Gobierno", "Rosa Gobierno")])
    assert parse_name(text) is None or index.resolve(text) is None


def _draft(text: str, claimant: str | None, *people: str) -> ClaimDraft:
    entities = tuple(EntityDraft(p, "PER", None, 0, len(p)) for p in people)
    return ClaimDraft(0, len(text), text, "statement", True, 0.5, claimant=claimant, entities=entities)


def test_an_article_s_surname_alone_takes_its_full_name_and_so_does_its_claimant():
    drafts = [
        _draft("Ana Quiroga Salas dijo que X.", "Ana Quiroga Salas", "Ana Quiroga Salas"),
        _draft("Y, añadió Salas.", "Salas", "Salas"),
        _draft(
            "Z, dijo el abogado de Salas, Tomás Ibarra.", "el abogado de Salas, Tomás Ibarra", "Salas", "Tomás Ibarra"
        ),
        _draft("W, según la campaña de Salas.", "la campaña de Salas", "Salas"),
    ]
    found = resolve_people(drafts)
    assert [d.claimant_canonical for d in found] == ["Ana Quiroga Salas", "Ana Quiroga Salas", "Tomás Ibarra", None]
    # People nobody knew yet keep no entity actor (matching would read one spelling per article).
    assert {e.canonical for d in found for e in d.entities} == {None}
    known = PersonIndex([("Ana Quiroga Salas", "Ana Quiroga Salas")])
    again = resolve_people(drafts, known)
    assert [e.canonical for e in again[1].entities] == ["Ana Quiroga Salas"]
    assert [e.canonical for e in again[2].entities] == ["Ana Quiroga Salas", None]


def test_a_known_person_is_not_changed_by_the_article_that_resolves_against_it():
    known = PersonIndex([(KHARITONOV, KHARITONOV)])
    resolve_people([_draft("X, dijo Pavel Jaritónov.", "Pavel Jaritónov", "Pavel Jaritónov")], known)
    assert known.resolve("Kharitonov") == KHARITONOV  # the article's Pavel went into its own layer


@pytest.mark.slow
def test_the_archive_gives_a_person_met_before_the_same_actor_in_another_language(tmp_path: Path):
    from workbench.service import Workbench

    bench = Workbench(tmp_path / "claims.db", actor="tester", settings=Settings(semantic=False))
    english = "Energy Minister Mikhail Kharitonov said on Monday that gas exports fell 12% in March."
    spanish = "El ministro de Energía, Mijaíl Jaritónov, anunció el martes que las exportaciones de gas subirán un 5 %."
    bench.import_articles([ArticleInput(english, "Gas", "en", published="2026-04-06")])
    bench.import_articles([ArticleInput(spanish, "Gas", "es", published="2026-04-07")])
    claims = bench.claims(1) + bench.claims(2)
    people = {e.text: e.canonical for c in claims for e in c.entities if e.label in {"PER", "PERSON"}}
    assert people.get("Mijaíl Jaritónov") == KHARITONOV
    assert {c.claimant_canonical for c in claims} == {KHARITONOV}
