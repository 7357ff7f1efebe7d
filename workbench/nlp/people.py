"""People matched across spellings, transliterations and articles: one canonical actor per person.

The gazetteer (actors.json) knows a few dozen people; wire copy names thousands, and spells the
same Russian, Arabic or Ukrainian name differently in Spanish and English ("Yevgueni Prigozhin",
"Yevgeny Prigozhin", "Evgeni Prigojin"). A name here is its surname and given names, each reduced
to a spelling skeleton that the usual es/en transliteration variants share (gue/ge, y/i, kh/j/h,
zh/j, x/ks, w/v, doubled letters, accents). Two names are one person when their surnames'
skeletons are equal and their given names are compatible: equal skeletons, or an initial of the
other ("Y. Prigozhin"), or none given ("Prigozhin" alone, when only one person of that surname is
known). Skeletons are compared for equality, never by a fuzzy score, and only names the NER
tagged as people (or a claimant that is a bare capitalised name) are read, so common words never
match a person.

Who is known comes from the caller: the article's own people (a full name before its surname
alone), and the archive's, which usecases/importing reads from the store and passes in; this
module reads no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from workbench.models import ClaimDraft, EntityDraft
from workbench.nlp.transliterate import to_ascii

PERSON_LABELS = {"PER", "PERSON"}
TITLES = {
    # Titles and offices that precede a name in wire copy; they are not part of it.
    "president",
    "presidente",
    "presidenta",
    "minister",
    "ministro",
    "ministra",
    "prime",
    "primer",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sr",
    "sra",
    "don",
    "dona",
    "general",
    "gen",
    "senator",
    "senador",
    "senadora",
    "judge",
    "juez",
    "jueza",
    "mayor",
    "alcalde",
    "alcaldesa",
    "governor",
    "gobernador",
    "gobernadora",
}
PARTICLES = {"de", "del", "la", "las", "los", "y", "van", "von", "der", "da", "di", "bin", "ibn", "al", "el"}
"""Particles inside names ("Gabriel García de la Torre", "Ursula von der Leyen"): not given names."""
MIN_SURNAME = 3
"""Skeletons shorter than this ("Li", "Ng") are too common to identify anyone by surname alone."""

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"gu(?=[ei])", "g"),  # Spanish "Yevgueni", "Guennadi": the u only keeps the g hard
        (r"qu(?=[ei])", "k"),
        (r"x", "ks"),  # "Alexéi" / "Aleksey"
        (r"zh", "j"),  # "Prigozhin" / "Prigojin"
        (r"kh", "j"),  # "Mikhail" / "Mijaíl"
        (r"j", "h"),  # ... and the Spanish jota with the English h of "kh"
        (r"ph", "f"),
        (r"w", "v"),  # "Wolodymyr" / "Volodymyr"
        (r"ck", "k"),
        (r"c(?=[aou])", "k"),
        (r"y", "i"),  # "Yevgeny" / "Yevgueni", "Dmitry" / "Dmitri", "Shoygu" / "Shoigu"
        (r"^i(?=e)", ""),  # "Ievgeni" (from "Yevgeny") / "Evgeni"
        (r"(.)\1+", r"\1"),  # doubled letters: "Mikhaill", "Kirillov"
        (r"i(?=i)", ""),
    )
)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A name's word as the spellings of its transliterations share it: 'Yevgueni', 'Yevgeny' and
    'Evgeni' are all 'evgeni'."""
    folded = re.sub(r"[^a-z]", "", to_ascii(word).casefold())
    for pattern, replacement in _RULES:
        folded = pattern.sub(replacement, folded)
    return folded


@dataclass(frozen=True)
class PersonName:
    """A name as compared: the surname's skeleton and the given names' (initials kept as one letter)."""

    surname: str
    given: tuple[str, ...]
    initials: tuple[str, ...]
    """The first letter of each given name as written (an initial's letter, or a full name's)."""


@lru_cache(maxsize=65536)
def parse_name(text: str) -> PersonName | None:
    """The name in a person's mention, without titles and particles; None when it is no name
    (lower-case words, digits, too short a surname)."""
    words = _name_words(text)
    if not words or any(any(ch.isdigit() for ch in w) for w in words):
        return None
    parts = [w for w in words if w.casefold() not in PARTICLES]
    if not parts or any(not w[:1].isupper() for w in parts):
        return None
    surname = skeleton(parts[-1])
    if len(surname) < MIN_SURNAME:
        return None
    given = tuple(skeleton(w) for w in parts[:-1])
    initials = tuple(to_ascii(w)[:1].casefold() for w in parts[:-1])
    return PersonName(surname, given, initials)


def _compatible(a: PersonName, b: PersonName) -> bool:
    """Same surname, and given names that do not contradict: equal, one an initial of the other,
    or one side giving fewer (its first given name agreeing)."""
    if a.surname != b.surname:
        return False
    for (given_a, first_a), (given_b, first_b) in zip(zip(a.given, a.initials), zip(b.given, b.initials)):
        if given_a == given_b:
            continue
        if len(given_a) == 1 or len(given_b) == 1:  # an initial
            if first_a != first_b and given_a[:1] != given_b[:1]:
                return False
            continue
        return False
    return True


class PersonIndex:
    """Known people by surname skeleton: their names and canonical actors. A child index (`child`)
    sees its parent's people and adds its own without copying them (an article's over the archive's)."""

    def __init__(self, known: Iterable[tuple[str, str]] = (), parent: PersonIndex | None = None) -> None:
        self._by_surname: dict[str, list[tuple[PersonName, str]]] = {}
        self._parent = parent
        for text, canonical in known:
            self.add(text, canonical)

    def add(self, text: str, canonical: str) -> None:
        """Remember a person's name (as written) under its canonical actor."""
        name = parse_name(text)
        if name is None:
            return
        entries = self._by_surname.setdefault(name.surname, [])
        if (name, canonical) not in entries:
            entries.append((name, canonical))

    def _candidates(self, surname: str) -> list[tuple[PersonName, str]]:
        found = list(self._by_surname.get(surname, ()))
        return found + self._parent._candidates(surname) if self._parent is not None else found

    def resolve(self, text: str) -> str | None:
        """The canonical actor of the one known person a name can be, or None (unknown, or
        ambiguous: two people of that surname fit)."""
        name = parse_name(text)
        if name is None:
            return None
        found = {canonical for known, canonical in self._candidates(name.surname) if _compatible(name, known)}
        return found.pop() if len(found) == 1 else None

    def child(self) -> PersonIndex:
        return PersonIndex(parent=self)

    def __bool__(self) -> bool:
        """Whether it knows anyone (its own people or its parent's)."""
        return bool(self._by_surname) or (self._parent is not None and bool(self._parent))


def known_people(rows: Iterable[tuple[str, str | None]]) -> PersonIndex:
    """An index of the people an archive stores (each person entity's text and canonical actor).
    A stored surname alone without a canonical names nobody for sure, and is left out. The
    gazetteer's people are not added apart: its own lookup (aliases, fuzzy transliterations)
    already named them, and it leaves bare surnames such as "Kim" unresolved on purpose; once
    stored under their canonical names they are in the archive's rows anyway."""
    index = PersonIndex()
    for text, canonical in rows:
        if canonical:
            index.add(text, canonical)
        elif len(_display(text).split()) >= 2:
            index.add(text, _display(text))
    return index


def remember(drafts: Iterable[ClaimDraft], index: PersonIndex) -> None:
    """Add the people of claims just extracted (their canonical actors resolved) to an index, so
    the next article of the same import meets them."""
    for draft in drafts:
        for entity in draft.entities:
            if entity.label in PERSON_LABELS and entity.canonical:
                index.add(entity.text, entity.canonical)
            elif entity.label in PERSON_LABELS and len(_display(entity.text).split()) >= 2:
                index.add(entity.text, _display(entity.text))  # as the store will give it back


LEADING = {"según", "segun", "according", "to", "citing", "por", "by", "el", "la", "los", "las", "the"}
"""Words an entity's span sometimes starts with ("Según Prigozhin", "the"), no part of a name."""


_DROPPED = TITLES | LEADING


def _name_words(text: str) -> list[str]:
    """The words of a mention from the first that is a name's: titles, articles and a leading
    preposition dropped. Any other lower-case word before the name ("portavoz del Kremlin", "la
    campaña") leaves no name at all."""
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    while words and (words[0].casefold().strip(".") in _DROPPED):
        words.pop(0)
    return words


def _display(text: str) -> str:
    """A person's name without the title before it: the canonical of a person first met here."""
    return " ".join(_name_words(text))


def _bare_name(text: str) -> bool:
    """A claimant that is a name and nothing else ("Dubois", "Ana Pérez"): capitalised words only."""
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words)


def resolve_people(drafts: list[ClaimDraft], known: PersonIndex | None = None) -> list[ClaimDraft]:
    """One article's claims with each person's canonical actor where a person the archive
    knows (`known`) matches. A claimant that is a person (a person
    entity heading the claimant's words, or a bare name) gets one too, and for claimants the
    article's own fullest form of a name counts as known ("Dubois" after "Claire Dubois").

    Entities take only known people's actors, not the article's own: matching reads shared entity
    actors as evidence, and requires claims that both name actors to share one, so an unknown
    person's name spelled two ways in two articles read apart would split what matched before.
    Once stored, a person is known to the next import (usecases/importing). `known` is left as it was."""
    base = known if known is not None else PersonIndex()
    people = [e for d in drafts for e in d.entities if e.label in PERSON_LABELS]
    if not people and not base:
        return drafts  # nobody to know and nobody known: nothing changes
    article = base.child()
    # Full names first, so the article's "Claire Dubois" is known before its "Dubois".
    for entity in sorted(people, key=lambda e: -len(e.text.split())):
        if len(_display(entity.text).split()) < 2:
            continue
        if entity.canonical is not None:
            article.add(entity.text, entity.canonical)
        elif article.resolve(entity.text) is None:
            article.add(entity.text, _display(entity.text))
    out = []
    for draft in drafts:
        entities = tuple(_resolved(e, base) for e in draft.entities)
        claimant_canonical = draft.claimant_canonical
        if draft.claimant and claimant_canonical is None:
            speakers = tuple(_resolved(e, article) for e in draft.entities)
            claimant_canonical = _claimant_person(draft.claimant, speakers, article)
        if entities != draft.entities or claimant_canonical != draft.claimant_canonical:
            draft = replace(draft, entities=entities, claimant_canonical=claimant_canonical)
        out.append(draft)
    return out


NAME_LABELS = {"ORG", "MISC"}
"""Labels the small Spanish model gives people now and then ("Mijaíl Jaritónov" as ORG): such an
entity takes a known person's actor when its full name (given names too) matches one; it never
makes a new person, and a bare surname so labelled stays what the model said."""


def _resolved(entity: EntityDraft, index: PersonIndex) -> EntityDraft:
    if entity.canonical is not None:
        return entity
    if entity.label in NAME_LABELS:
        name = parse_name(entity.text)
        if name is None or not name.given or len(entity.text.split()) > 4:
            return entity
        found = index.resolve(entity.text)
        return entity if found is None else replace(entity, label="PER", canonical=found)
    if entity.label not in PERSON_LABELS:
        return entity
    found = index.resolve(entity.text)
    return entity if found is None else replace(entity, canonical=found)


ARTICLES = {"el", "la", "los", "las", "the", "a", "an"}


def _heads(phrase: str, name: str) -> bool:
    """Whether a name that ends a phrase is its head: the whole phrase, after a comma (an
    apposition: "el abogado de Salas, Tomás Ibarra"), or after titles only ("Energy Minister Ana
    Ruiz", "el presidente Luis Vera"); "la campaña de Salas" is the campaign's."""
    before = phrase[: len(phrase) - len(name)].rstrip()
    if not before or before.endswith(","):
        return True
    return all(w.casefold() in TITLES | ARTICLES or w[:1].isupper() for w in before.split())


def _claimant_person(claimant: str, entities: tuple[EntityDraft, ...], index: PersonIndex) -> str | None:
    """The person a claimant phrase names: "El abogado de Salcedo, Ignacio Berrocal" names the
    person entity at its end; a bare "Dubois" is resolved against the people known."""
    phrase = claimant.strip().rstrip(".,;:")
    for entity in entities:
        if entity.label not in PERSON_LABELS or not entity.canonical:
            continue
        # The person is the phrase's head: at its end ("the bank's governor, Ana Ruiz"), or
        # before an apposition ("Ruiz, a former minister"); "Ruiz's campaign" is not Ruiz.
        if phrase.startswith(entity.text + ",") or (phrase.endswith(entity.text) and _heads(phrase, entity.text)):
            return entity.canonical
        # "el epidemiólogo Andrés Villalba, de la Universidad de ...": titles, the name, and after a
        # comma where the person works; the person still heads the phrase.
        named = phrase.find(entity.text + ",")
        if named > 0 and _heads(phrase[: named + len(entity.text)], entity.text):
            return entity.canonical
    return index.resolve(phrase) if _bare_name(phrase) else None
