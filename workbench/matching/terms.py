"""Claim text as index terms: folded, stemmed content words plus typed keys for actors,
figures and dates, so "Pyongyang lanzó un misil" and "North Korea fired one missile"
share `e:north_korea` and `n:misil=1` even where they share no word.

The function-word lists are closed-class words only (articles, prepositions, conjunctions,
pronouns, auxiliaries). spaCy's stop lists also drop words a matcher needs, such as
"dos", "primera" and "siempre".
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.models import Figure
from workbench.nlp.transliterate import to_ascii

FUNCTION_WORDS = {
    "es": set(
        "el la los las lo un una unos unas al del de a en con por para sin sobre entre hacia hasta desde "
        "tras ante bajo segun durante mediante y e o u ni que como pero sino si cuando donde mientras porque aunque pues "
        "se su sus le les me te nos os mi mis tu tus este esta estos estas ese esa esos esas aquel aquella "
        "es son era fue ser sido ha han habia hay haber esta estan estaba muy mas ya tambien no".split()
    ),
    "en": set(
        "the a an of to in on at by for with from into onto over under about as and or nor but if when "
        "while because that this these those it its he she they them his her their we our you your i "
        "is are was were be been being has have had do does did will would shall should can could may "
        "might must not also than then there here which who whom whose what very more".split()
    ),
}
_WORD = re.compile(r"[a-z0-9]+")
CONCEPTS_FILE = Path(__file__).with_name("concepts.json")
MEASURES = {
    "es": {
        **dict.fromkeys(["km", "kms", "kilometro", "kilometros"], "km"),
        **dict.fromkeys(["metro", "metros"], "m"),
        **dict.fromkeys(["milla", "millas"], "mile"),
        **dict.fromkeys(["kg", "kilo", "kilos", "kilogramo", "kilogramos"], "kg"),
        **dict.fromkeys(["tonelada", "toneladas"], "tonne"),
        **dict.fromkeys(["ha", "hectarea", "hectareas"], "hectare"),
    },
    "en": {
        **dict.fromkeys(["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"], "km"),
        **dict.fromkeys(["metre", "metres", "meter", "meters"], "m"),
        **dict.fromkeys(["mi", "mile", "miles"], "mile"),
        **dict.fromkeys(["kg", "kilo", "kilos", "kilogram", "kilograms"], "kg"),
        **dict.fromkeys(["tonne", "tonnes", "ton", "tons"], "tonne"),
        **dict.fromkeys(["ha", "hectare", "hectares"], "hectare"),
    },
}
"""Units of measure by their symbol and names in each language, so "200 km", "200 kilometres" and
"200 kilómetros" measure one thing: their stems ("km", "kilometr", "kilomet") did not meet.
Spanish "miles" is thousands, not miles, so each language has its own words."""


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:  # noqa: ANN401 - Stemmer ships no types
    """PyStemmer: the C build of the Snowball stemmers, with the same stems as the pure-Python one."""
    import Stemmer

    return Stemmer.Stemmer("spanish" if language == "es" else "english")


def fold(text: str) -> str:
    """Accents, case and punctuation gone: 'Seúl' and 'SEUL' are the same word."""
    return " ".join(_WORD.findall(to_ascii(text).casefold()))


def stems(text: str, language: str) -> list[str]:
    """Stems of the content words of a text, in order."""
    skip = FUNCTION_WORDS.get(language, set())
    return [_stem(word, language) for word in fold(text).split() if word not in skip and not word.isdigit()]


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    """An archive repeats its words, so each is stemmed once."""
    return str(_stemmer(language).stemWord(word))


def stems_of_terms(terms: list[str]) -> list[str]:
    """The stems among a claim's index terms: typed keys (e_, n_, v_, y_, d_) hold an underscore,
    stems do not, concept keys start with c_."""
    return [t for t in terms if "_" not in t or t.startswith("c_")]


def slug(name: str) -> str:
    return "_".join(fold(name).split())


@lru_cache(maxsize=20_000)
def entity_key(canonical: str) -> str:
    """Index key of an actor, kept per actor: every candidate's terms ask again."""
    return f"e_{slug(canonical)}"


@lru_cache(maxsize=20_000)
def unit_key(unit: str | None, language: str) -> str | None:
    """What a figure counts, comparable across languages: the concept ('missile') or the stem.
    Kept per unit: every candidate's figures ask again, and archives count few kinds of thing."""
    if not unit:
        return None
    measure = MEASURES.get(language, {}).get(fold(unit))
    if measure:
        return measure
    found = stems(unit, language)
    if not found:
        return None
    return _concepts(language).get(found[0], found[0])


def figure_keys(figure: Figure) -> list[str]:
    """'n_missile' for any figure counting missiles, and 'v_missile_2' for two of them: the unit
    finds conflicting counts, the value finds copies."""
    if not figure.unit:
        return []
    return [f"n_{figure.unit}", f"v_{figure.unit}_{figure.value:g}".replace(".", "_")]


def date_keys(dates: tuple[str, ...]) -> list[str]:
    """A key per year and per full date, so '2019' and '2019-04' meet."""
    keys = []
    for value in dates:
        keys.append(f"y_{value[:4]}")
        if len(value) == 10:
            keys.append(f"d_{value.replace('-', '_')}")
    return keys


@lru_cache(maxsize=2)
def _concepts(language: str) -> dict[str, str]:
    """Stem -> concept name, for one language's words of concepts.json."""
    concepts = json.loads(CONCEPTS_FILE.read_text(encoding="utf-8"))["concepts"]
    found: dict[str, str] = {}
    for name, words in concepts.items():
        for word in words.get(language, []):
            for stem in stems(word, language):
                found.setdefault(stem, name)
    return found


def with_concepts(claim_stems: tuple[str, ...] | list[str], language: str) -> list[str]:
    """Stems with a concept replaced by it: 'c_launch' for 'lanzó', 'disparó' and 'fired' alike,
    so a Spanish and an English claim share the words the concept list knows."""
    table = _concepts(language)
    return [f"c_{table[s]}" if s in table else s for s in claim_stems]
