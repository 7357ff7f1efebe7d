"""Figures a claim states: how many of what, so matching can compare "un misil" with "dos misiles".

A figure is a value, the lemma of the noun it counts, and a qualifier: '=' exact, '~' about
("unas dos horas"), '>' more than ("más de un año y medio", "al menos 46", "at least 51"), '<' less than or at most ("hasta
4.000 km", "within 200 km"). Percentages have the unit '%' ("30 %", "30 por ciento", "30 percent").
A range ("entre 100 y 200", "between two and three") is one figure with its bounds, its
value the midpoint and its qualifier '~'. A numeral after a definite article or possessive ("los dos líderes", "the two men", "sus tres
hijos") names a known set rather than stating a count, and is no figure. An indefinite article
counts one without stating it ("un misil", "a cargo ship": not explicit), so "a missile"
against "two missiles" is a figure that disagrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from workbench.models import Figure

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

INDEFINITE_ONE = {"un", "una", "one"}
INDEFINITE_ARTICLES = {"en": {"a", "an"}}
"""Articles that count one of their noun in one language only: English "a cargo ship" is
one ship, as Spanish "un barco" is, while Spanish "a" is a preposition ("a Rusia")."""
APPROXIMATE = {
    "unos",
    "unas",
    "alrededor",
    "cerca",
    "aproximadamente",
    "about",
    "around",
    "nearly",
    "some",
    "approximately",
}
MORE_THAN = {"más", "more", "over", "exceeding", "superior"}
LESS_THAN = {"menos", "less", "fewer", "under", "hasta", "within", "máximo", "most", "below", "inferior"}
UP_TO = {("up", "to"), ("as", "many"), ("como", "máximo"), ("a", "lo")}
AT_LEAST = {("al", "menos"), ("lo", "menos"), ("at", "least"), ("como", "mínimo"), ("no", "menos")}
"""Lower bounds, read before LESS_THAN sees "menos": "al menos 46", "por lo menos", "at least 51"."""
DEFINITE = {
    "los",
    "las",
    "el",
    "la",
    "the",
    "sus",
    "their",
    "his",
    "her",
    "its",
    "our",
    "these",
    "those",
    "estos",
    "esas",
    "esos",
    "estas",
    "ambos",
    "both",
}
PERCENT_WORDS = {"percent", "%"}
MULTIPLIERS = {
    "mil": 1e3,
    "millón": 1e6,
    "millones": 1e6,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billones": 1e12,
    "bn": 1e9,
    "m": 1e6,
}
HALF = {"medio", "media", "half"}
PREPOSITIONS = {
    "aboard",
    "alongside",
    "amid",
    "amidst",
    "atop",
    "despite",
    "inside",
    "near",
    "nearby",
    "opposite",
    "outside",
    "past",
    "till",
    "underneath",
    "unlike",
    "versus",
}
"""English prepositions spaCy's stop list leaves out: a unit's words end before them ("7 drones near Kyiv")."""


def figures(span: Span, language: str) -> Iterator[Figure]:
    """Numbers in a span with the noun they count."""
    tokens = list(span)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        number_tokens = _number_run(tokens, i, language)
        if not number_tokens:
            i += 1
            continue
        value = _value(number_tokens, language)
        last = number_tokens[-1]
        i = last.i - span.start + 1
        if value is None:
            continue
        upper = _range_end(tokens, token, last, i, language)
        if upper is not None:
            high_tokens, high = upper
            i = high_tokens[-1].i - span.start + 1
            low, high = min(value, high), max(value, high)
            unit = "%" if _percent(high_tokens[-1]) else _currency(token) or _unit(high_tokens[-1], language)
            yield Figure(value=(low + high) / 2, unit=unit, qualifier="~", low=low, high=high)
            continue
        percent = _percent(last)
        if (
            not percent
            and token.i > 0
            and token.doc[token.i - 1].lower_ in DEFINITE
            and not _indefinite(token, language)
        ):
            continue  # "los dos líderes": a known set, not a count
        unit = "%" if percent else _currency(token) or _unit(last, language)
        if unit is None and _is_year(number_tokens):
            continue  # a year is a date, not a figure
        if _is_day_of_month(token, last, language):
            continue  # "April 14", "el 14 de abril": a date
        if unit is None and _indefinite(token, language):
            continue  # "una" alone is a pronoun or article, not a figure
        if _followed_by_half(last, unit):
            value += 0.5
        yield Figure(value=value, unit=unit, qualifier=_qualifier(token), explicit=not _indefinite(token, language))


def _indefinite(token: Token, language: str) -> bool:
    """Whether a word counts one without stating a number: "un", "one", English "a"."""
    return token.lower_ in INDEFINITE_ONE or token.lower_ in INDEFINITE_ARTICLES.get(language, ())


RANGES = {"entre": {"y"}, "between": {"and"}}
"""A range's opening word and the word that joins its two ends: "entre 100 y 200". Not "from 3.1
to 3.4" / "de 3,1 a 3,4": that is a change between two exact figures, not one uncertain figure."""


RANGE_ARTICLES = {"el", "los", "the"}


def _range_end(
    tokens: list[Token], first: Token, last: Token, after: int, language: str
) -> tuple[list[Token], float] | None:
    """The upper end of a range that opens before `first` and joins after `last`, with its value."""
    doc = first.doc
    opener = first.i - 1
    if opener > 0 and doc[opener].lower_ in RANGE_ARTICLES:  # "entre el 3 y el 4 %"
        opener -= 1
    if opener < 0 or after + 1 >= len(tokens):
        return None
    joiners = RANGES.get(doc[opener].lower_)
    if not joiners or tokens[after].lower_ not in joiners:
        return None
    upper = after + 1
    if upper + 1 < len(tokens) and tokens[upper].lower_ in RANGE_ARTICLES:
        upper += 1
    high_tokens = _number_run(tokens, upper, language)
    if not high_tokens or _indefinite(high_tokens[0], language):
        return None
    high = _value(high_tokens, language)
    if high is None or (_is_year(high_tokens) and _is_year([last])):
        return None  # "entre 2019 y 2021": a period, not a figure
    return high_tokens, high


CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB"}


def _currency(first: Token) -> str | None:
    """ "$20,000", "€5 millones": a currency sign before the number is its unit."""
    if first.i == 0:
        return None
    return CURRENCIES.get(first.doc[first.i - 1].lower_)


def _is_day_of_month(first: Token, last: Token, language: str) -> bool:
    from workbench.nlp.dates import is_calendar_word

    doc = first.doc
    if first.i != last.i or not first.text.isdigit() or len(first.text) > 2:
        return False
    neighbours = [doc[k].text for k in (first.i - 1, first.i + 1, first.i + 2) if 0 <= k < len(doc)]
    return any(is_calendar_word(word, language) for word in neighbours)


def _percent(last: Token) -> bool:
    doc = last.doc
    following = [t.lower_ for t in doc[last.i + 1 : last.i + 3]]
    return bool(following) and (following[0] in PERCENT_WORDS or following[:2] in (["por", "ciento"], ["per", "cent"]))


def _number_run(tokens: list[Token], i: int, language: str) -> list[Token]:
    token = tokens[i]
    if _indefinite(token, language):
        tagged = token.doc.has_annotation("DEP")
        if tagged and token.dep_ in {"det", "nummod"} and token.head.pos_ == "NOUN":
            return [token]
        if not tagged and i + 1 < len(tokens) and tokens[i + 1].is_alpha and not tokens[i + 1].is_stop:
            return [token]
    run: list[Token] = []
    while i < len(tokens) and (tokens[i].like_num or (run and tokens[i].lower_ in MULTIPLIERS)):
        run.append(tokens[i])
        i += 1
    return run


def _value(tokens: list[Token], language: str) -> float | None:
    if len(tokens) == 1 and _indefinite(tokens[0], language):
        return 1.0
    text = " ".join(t.text for t in tokens)
    digits = _digits(text, language)
    if digits is not None:
        return digits
    if len(tokens) >= 2 and tokens[-1].lower_ in MULTIPLIERS:
        base = _digits(" ".join(t.text for t in tokens[:-1]), language)
        if base is not None:
            return base * MULTIPLIERS[tokens[-1].lower_]  # "1,5 millones", "2.5 million"
    from text_to_num import text2num

    try:
        return float(text2num(text.lower(), language))
    except ValueError:
        return None


def _is_year(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and re.fullmatch(r"1[89]\d\d|20\d\d", tokens[0].text) is not None


def _digits(text: str, language: str) -> float | None:
    """'1.500' and '1,5' in Spanish, '1,500' and '1.5' in English."""
    if not re.fullmatch(r"\d[\d.,]*", text):
        return None
    thousands, decimal = (".", ",") if language == "es" else (",", ".")
    if language == "es" and re.fullmatch(r"\d{4}", text):
        return float(text)  # a year or a plain number
    try:
        return float(text.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


def _unit(last: Token, language: str) -> str | None:
    if not last.doc.has_annotation("POS"):
        return _unit_without_tags(last, language)
    head = last.head
    if head.i != last.i and head.pos_ in {"NOUN", "PROPN"} and head.i > last.i:
        return head.lemma_.lower() or head.lower_
    doc = last.doc
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if following is not None and following.pos_ in {"NOUN", "PROPN", "SYM", "X"} and following.is_alpha:
        return following.lemma_.lower() or following.lower_
    if last.lower_ in MULTIPLIERS and following is not None and following.lower_ in {"de", "of"}:
        counted = doc[last.i + 2] if last.i + 2 < len(doc) else None
        if counted is not None and counted.pos_ == "NOUN":
            return counted.lemma_.lower() or counted.lower_  # "1,5 millones de dólares"
    return None


def _unit_without_tags(last: Token, language: str) -> str | None:
    """The noun of the run of content words after the number, by word order: the first in Spanish
    ("dos misiles balísticos" -> misiles), the last in English ("two ballistic missiles" -> missile)."""
    doc = last.doc
    words = []
    for token in doc[last.i + 1 : last.i + 4]:
        if not token.is_alpha or token.is_stop or token.lower_ in PREPOSITIONS:
            break
        words.append(token.lower_)
    if not words:
        return None
    if language == "es":
        return words[0]
    word = words[-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _followed_by_half(last: Token, unit: str | None) -> bool:
    doc = last.doc
    j = last.i + 1
    if unit is not None and j < len(doc) and doc[j].pos_ == "NOUN":
        j += 1
    return j + 1 < len(doc) and doc[j].lower_ in {"y", "and", "a"} and doc[j + 1].lower_ in HALF


def _qualifier(first: Token) -> str:
    doc = first.doc
    before = [doc[k].lower_ for k in range(max(0, first.i - 3), first.i)]
    pairs = set(zip(before, before[1:]))
    if pairs & AT_LEAST:
        return ">"
    if pairs & UP_TO:
        return "<"
    if any(word in MORE_THAN for word in before):
        return ">"
    if any(word in LESS_THAN for word in before):
        return "<"
    if any(word in APPROXIMATE for word in before):
        return "~"
    return "="
