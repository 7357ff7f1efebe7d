"""Figures a claim states: how many of what, so matching can compare "un misil" with "dos misiles".

A figure is a value, the lemma of the noun it counts, and a qualifier: '=' exact, '~' about
("unas dos horas"), '>' more than ("más de un año y medio"), '<' less than.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from workbench.models import Figure

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

INDEFINITE_ONE = {"un", "una", "one"}
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
MORE_THAN = {"más", "more", "over"}
LESS_THAN = {"menos", "less", "fewer", "under"}
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
        unit = _unit(last, language)
        if unit is None and _is_year(number_tokens):
            continue  # a year is a date, not a figure
        if unit is None and token.lower_ in INDEFINITE_ONE:
            continue  # "una" alone is a pronoun or article, not a figure
        if _followed_by_half(last, unit):
            value += 0.5
        yield Figure(value=value, unit=unit, qualifier=_qualifier(token), explicit=token.lower_ not in INDEFINITE_ONE)


def _number_run(tokens: list[Token], i: int, language: str) -> list[Token]:
    token = tokens[i]
    if token.lower_ in INDEFINITE_ONE:
        tagged = token.doc.has_annotation("DEP")
        if tagged and token.dep_ in {"det", "nummod"} and token.head.pos_ == "NOUN":
            return [token]
        if not tagged and i + 1 < len(tokens) and tokens[i + 1].is_alpha and not tokens[i + 1].is_stop:
            return [token]
    run = []
    while i < len(tokens) and (
        tokens[i].like_num or (run and tokens[i].lower_ in {"mil", "millones", "thousand", "million"})
    ):
        run.append(tokens[i])
        i += 1
    return run


def _value(tokens: list[Token], language: str) -> float | None:
    if len(tokens) == 1 and tokens[0].lower_ in INDEFINITE_ONE:
        return 1.0
    text = " ".join(t.text for t in tokens)
    digits = _digits(text, language)
    if digits is not None:
        return digits
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
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if following is not None and following.pos_ == "NOUN":
        return following.lemma_.lower() or following.lower_
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
    if any(word in MORE_THAN for word in before):
        return ">"
    if any(word in LESS_THAN for word in before):
        return "<"
    if any(word in APPROXIMATE for word in before):
        return "~"
    return "="
