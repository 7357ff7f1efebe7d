"""What matching knows of a claim, built the same way for stored claims and for queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from workbench.matching.terms import (
    date_keys,
    entity_key,
    figure_keys,
    fold,
    stems,
    stems_of_terms,
    unit_key,
    with_concepts,
)
from workbench.models import EntityDraft, Figure
from workbench.nlp.gazetteer import country_of


class ClaimLike(Protocol):
    """A ClaimDraft or a ClaimRow: anything extraction produced."""

    @property
    def text(self) -> str: ...
    @property
    def entities(self) -> tuple[EntityDraft, ...]: ...
    @property
    def claimant_canonical(self) -> str | None: ...
    @property
    def figures(self) -> tuple[Figure, ...]: ...
    @property
    def dates(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class ClaimFeatures:
    """What matching knows of a claim."""

    id: int
    text: str
    language: str
    stems: tuple[str, ...]
    """Stems of content words, each once, concept keys in place of the words concepts.json knows."""
    entities: frozenset[str]
    """Canonical actors named in the claim."""
    claimant: str | None
    """Canonical actor asserting it, if known."""
    claimant_country: str | None
    figures: tuple[Figure, ...] = ()
    """Units are unit keys (terms.unit_key), so 'misiles' and 'missiles' compare equal."""
    dates: tuple[str, ...] = ()
    published: str | None = None
    negated: bool = False
    """It says something did not happen, or denies it ("no lanzó", "denied", "never")."""
    modal: bool = False
    """It says something may, could or is planned to happen, not that it did."""
    background: bool = False
    """It tells, with no date of its own, an event from before its story (`background`): "el
    puente había sufrido daños", "the port had been hit before", "Pyongyang recently failed"."""
    indexed: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    """Its terms as the match index holds them, for a stored claim: not built again per candidate."""

    @cached_property
    def event_dates(self) -> tuple[str, ...]:
        """The dates of what the claim reports: its dates, less those that only say since when
        ("su primera reunión desde abril de 2019" happened in 2023, not in 2019)."""
        if not self.dates or not self.published or not SINCE.search(fold(self.text)):
            return self.dates
        return tuple(d for d in self.dates if not _earlier_month(d, self.published))

    @cached_property
    def actor_countries(self) -> frozenset[str]:
        """The countries its actors speak for (gazetteer.country_of): a leader's, an army's, a
        ministry's, so "the North Korean leader left" and "North Korea's delegation left" share
        an actor though one names the person and the other the country."""
        return frozenset(c for c in map(country_of, self.entities) if c)

    @cached_property
    def _terms(self) -> tuple[str, ...]:
        return self.indexed if self.indexed is not None else tuple(self._build_terms())

    def terms(self) -> list[str]:
        """Index terms: stems, then typed keys for actors, figures and dates."""
        return list(self._terms)

    def _build_terms(self) -> list[str]:
        """English counts no number states ("a missile", "one") are left out: "a" comes before most
        English nouns, and its keys weighed them twice (CheckThat! 2020 dev MAP@5 of the lexical
        stage 0.708 without them, 0.670 with them); the relation still reads them as figures."""
        keys = list(dict.fromkeys(self.stems))
        keys += [entity_key(actor) for actor in sorted(self.entities)]
        keys += [key for f in self.figures if f.explicit or self.language != "en" for key in figure_keys(f)]
        keys += date_keys(self.dates)
        return keys


NEGATION = re.compile(
    r"\b(?:nunca|jamas|niega|niegan|nego|negaron|desmiente|desmienten|desmintio|desmintieron"
    r"|not|never|deny|denies|denied|none|\w+n t)\b"
    r"|\bno (?!\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)\b)\w+"
)
"""Verb negation and denial in Spanish and English, over folded text (so "didn't" is "didn t").
"no" before a participle is an adjective ("un misil no identificado"), not a negated fact."""
DOUBLE_NEGATION = re.compile(
    r"\b(?:no|nunca|not|never|\w+n t) (?:ha |han |habia |have |has |had |be |been )?"
    r"(?:descart\w*|excluy\w*|neg\w*|desminti\w*|desmient\w*|dud\w*|rule\w* out|ruled|rule|den\w+|doubt\w*)"
)
"""Negating a denial or a doubt affirms ("no descartó ayudar", "did not rule out"): not negated."""
MODAL = re.compile(
    r"\b(?:podria|podrian|podrian|posible|posiblemente|probablemente|quizas|tal vez"
    r"|might|could|possibly|perhaps|probably)\b"
)
"""Possibility, not fact: "podría enviar tropas" is not "envió tropas". Only unambiguous markers:
English "would" is as often reported speech ("said it would") as possibility, and the Spanish
future translates it; "could" is the English of "podría" (a possibility, said or not), so
without it the same warning in two languages read as a possibility against a fact."""


SINCE = re.compile(r"\b(?:desde|since)\b")

PAST_PERFECT = re.compile(
    r"\b(?:habia|habian|habiamos|hubiera|hubieran)(?: (?:ya|no|nunca|tambien|sido))*"
    r" (?!tant)\w+(?:ado|ada|ados|adas|ido|ida|idos|idas|to|ta|tos|tas|cho|cha|chos|chas)\b"
    r"|\bhad(?: (?:not|never|already|just|also|previously|been))*"
    r" (?:\w+ed|been|taken|given|seen|gone|done|made|left|lost|won|hit|struck|fallen|begun|broken"
    r"|brought|built|caught|come|cut|driven|fled|flown|found|fought|grown|held|known|led|met|paid"
    r"|put|risen|run|sent|set|shot|shut|sold|spent|stolen|sunk|thrown|told|torn|become|kept|burnt)\b"
)
"""The past perfect ("había sufrido", "habían sido evacuados", "had been hit", "had fled"), over
folded text: an event before the one the story tells. English "had" with a noun ("had 200
passengers") is possession, so only participles count: regular ones and the common irregular."""
RECENT_PAST = re.compile(
    r"\b(?:recientemente|previamente|anteriormente|recently|previously|in the past|en el pasado)\b"
)
"""Adverbs that put an undated event before the story without saying when."""
REPORTED = re.compile(
    r"\b(?:dijo|dijeron|afirmo|afirmaron|aseguro|aseguraron|informo|informaron|senalo|senalaron"
    r"|indico|indicaron|explico|explicaron|anadio|anadieron|declaro|declararon|anuncio|anunciaron"
    r"|sostuvo|sostuvieron|preciso|precisaron|confirmo|confirmaron|admitio|admitieron|reconocio"
    r"|reconocieron|denuncio|denunciaron|advirtio|advirtieron|revelo|revelaron|segun|de acuerdo con"
    r"|said|says|told|stated|claimed|announced|reported|warned|added|insisted|confirmed|noted"
    r"|explained|revealed|alleged|admitted|acknowledged|according to)\b"
)
"""Reporting verbs in the past and "según"/"according to": a past perfect after one is the
speaker's tense shifted back ("dijo que había ...", "said it had ..."), the event itself."""


def background(text: str, claimant: str | None = None) -> bool:
    """Whether a claim tells an event from before its story: a past perfect that no reporting verb
    before it (nor an attribution of the claim to a speaker) shifts back, or an adverb of recent
    past. Such a claim without a date of its own happened some time in the years before its story,
    not on the story's day (compare._date_agreement)."""
    folded = fold(text)
    if RECENT_PAST.search(folded):
        return True
    found = PAST_PERFECT.search(folded)
    return bool(found and claimant is None and not REPORTED.search(folded[: found.start()]))


def _earlier_month(when: str, published: str) -> bool:
    """Whether a date (or a month, or a year) lies in a month before the publication's."""
    return when[:7] < published[:7][: len(when[:7])]


def negated(text: str) -> bool:
    """Whether a claim states that something did not happen (or denies it)."""
    folded = fold(text)
    return bool(NEGATION.search(DOUBLE_NEGATION.sub(" ", folded)))


def modal(text: str) -> bool:
    """Whether a claim states a possibility, plan or threat rather than a fact."""
    return bool(MODAL.search(fold(text)))


def features(
    claim_id: int, claim: ClaimLike, language: str, published: str | None, indexed: list[str] | None = None
) -> ClaimFeatures:
    """What matching knows of a claim. Stems are kept once each, as the index keeps them; `indexed`
    (the claim's stored index terms) gives them, and its terms, without folding and stemming again."""
    found = (
        stems_of_terms(indexed)
        if indexed is not None
        else dict.fromkeys(with_concepts(stems(claim.text, language), language))
    )
    return ClaimFeatures(
        id=claim_id,
        text=claim.text,
        language=language,
        stems=tuple(found),
        entities=frozenset(e.canonical for e in claim.entities if e.canonical),
        claimant=claim.claimant_canonical,
        claimant_country=country_of(claim.claimant_canonical),
        figures=tuple(Figure(f.value, unit_key(f.unit, language), f.qualifier, f.explicit) for f in claim.figures),
        dates=tuple(claim.dates),
        published=published,
        negated=negated(claim.text),
        modal=modal(claim.text),
        background=background(claim.text, claim.claimant_canonical),
        indexed=None if indexed is None else tuple(indexed),
    )


def with_context(terms: list[str], context: str | None, language: str) -> list[str]:
    """A claim's index terms with the stems of its context (an archived fact-check's headline)
    after them, each once: a tweet that repeats the headline's words finds the claim by them. On
    CheckThat! 2020 dev the headlines raised MAP@5 (benchmarks/retrieval.py prints both)."""
    if not context:
        return terms
    have = set(terms)
    extra = [s for s in dict.fromkeys(with_concepts(stems(context, language), language)) if s not in have]
    return terms + extra
