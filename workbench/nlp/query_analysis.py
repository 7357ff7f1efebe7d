"""A query's entities, figures and dates without importing spaCy: the light pipeline's, from data.

`workbench match` reads a query as an archived claim is read (extract.extract_whole: spaCy's
blank tokenizer and the gazetteer's entity ruler), so both sides of a match get the same terms.
Importing spaCy for that cost over a second of a one-shot match. This module gives the same
claim draft from query_analysis.json (query_data.py builds it with spaCy): the tokenizer's
algorithm (whitespace, prefixes, suffixes, infixes, special cases, as spacy/tokenizer.pyx
runs them) over spaCy's own patterns, the lexical attributes figures.py reads (lower, like_num,
is_alpha, is_stop), the entity ruler's longest-first phrase matches, and figures.py and dates.py
unchanged. tests/test_query_analysis.py compares it with the spaCy path on queries of its own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from workbench.errors import InvalidInput
from workbench.models import ClaimDraft, EntityDraft

DATA_FILE_NAME = "query_analysis.json"


@cache
def _data() -> dict[str, Any]:
    from workbench.nlp.query_data import DATA_FILE

    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


class Token:
    """The few attributes of a spaCy Token that figures.py reads, for a blank pipeline's doc."""

    __slots__ = ("doc", "i", "text", "whitespace_", "lower_", "idx")
    dep_ = ""
    pos_ = ""

    def __init__(self, doc: Doc, i: int, text: str, whitespace: str, idx: int):
        self.doc = doc
        self.i = i
        self.text = text
        self.whitespace_ = whitespace
        self.lower_ = text.lower()
        self.idx = idx

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_punct(self) -> bool:
        return all(unicodedata.category(ch).startswith("P") for ch in self.text)

    @property
    def is_stop(self) -> bool:
        return self.lower_ in self.doc.tokenizer.stop_words

    @property
    def like_num(self) -> bool:
        return self.doc.tokenizer.like_num(self.text)

    @property
    def head(self) -> Token:
        return self


class Doc(Sequence[Token]):
    """Tokens of one text, indexed and sliced like a spaCy Doc (a slice is a list of tokens)."""

    def __init__(self, tokenizer: Tokenizer, text: str, pieces: list[tuple[str, bool]]):
        self.tokenizer = tokenizer
        self.text = text
        self.tokens: list[Token] = []
        position = 0
        for i, (piece, space) in enumerate(pieces):
            self.tokens.append(Token(self, i, piece, " " if space else "", position))
            position += len(piece) + (1 if space else 0)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, key: Any) -> Any:  # noqa: ANN401 - an int gives a Token, a slice a list
        return self.tokens[key]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def has_annotation(self, attr: str) -> bool:
        return False  # no tagger or parser: figures.py reads units by word order

    @property
    def start(self) -> int:
        """As a span of itself (figures() takes a Span and reads its start)."""
        return 0


@dataclass
class Tokenizer:
    """spaCy's tokenizer for one language (spacy/tokenizer.pyx, __call__), over its exported rules."""

    language: str
    data: dict[str, Any] = field(repr=False)

    @cached_property
    def stop_words(self) -> frozenset[str]:
        return frozenset(self.data["stop_words"])

    @cached_property
    def _numbers(self) -> frozenset[str]:
        return frozenset(self.data["num_words"]) | frozenset(self.data["ordinal_words"])

    @cached_property
    def _rules(self) -> dict[str, list[str]]:
        rules: dict[str, list[str]] = self.data["rules"]
        return rules

    @cached_property
    def _prefix(self) -> re.Pattern[str]:
        return re.compile(self.data["prefix"])

    @cached_property
    def _suffix(self) -> re.Pattern[str]:
        return re.compile(self.data["suffix"])

    @cached_property
    def _infix(self) -> re.Pattern[str]:
        return re.compile(self.data["infix"])

    @cached_property
    def _url(self) -> re.Pattern[str] | None:
        return re.compile(self.data["url"]) if self.data["url"] else None

    @cached_property
    def _token_match(self) -> re.Pattern[str] | None:
        return re.compile(self.data["token_match"]) if self.data["token_match"] else None

    @cached_property
    def _special_patterns(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """Special cases with affixes, by their first affix-split token: found again over the tokens."""
        found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for key, tokens in self.data["special_patterns"]:
            if tokens:
                found.setdefault(tokens[0], []).append((key, tuple(tokens)))
        return found

    def like_num(self, text: str) -> bool:
        """spacy.lang.{es,en}.lex_attrs.like_num, with the language's number words."""
        if text.startswith(("+", "-", "±", "~")):
            text = text[1:]
        text = text.replace(",", "").replace(".", "")
        if text.isdigit():
            return True
        if text.count("/") == 1:
            num, denom = text.split("/")
            if num.isdigit() and denom.isdigit():
                return True
        lower = text.lower()
        if lower in self._numbers:
            return True
        return self.language == "en" and lower.endswith(("st", "nd", "rd", "th")) and lower[:-2].isdigit()

    def __call__(self, text: str) -> Doc:
        pieces = self._affixes(text, special=True)
        if any(p[0] in self._special_patterns for p in pieces):
            pieces = self._apply_special_cases(pieces)
        return Doc(self, text, pieces)

    def words(self, text: str, special: bool = True) -> list[str]:
        return [piece for piece, _ in self._affixes(text, special)]

    def _affixes(self, text: str, special: bool) -> list[tuple[str, bool]]:
        """(token text, followed by one space) pairs: Tokenizer._tokenize_affixes."""
        pieces: list[tuple[str, bool]] = []
        if not text:
            return pieces
        in_ws = text[0].isspace()
        start = 0
        for i, ch in enumerate(text):
            if ch.isspace() != in_ws:
                if start < i:
                    self._tokenize(text[start:i], pieces, special)
                if ch == " ":
                    pieces[-1] = (pieces[-1][0], True)
                    start = i + 1
                else:
                    start = i
                in_ws = not in_ws
        if start < len(text):
            self._tokenize(text[start:], pieces, special)
        return pieces

    def _tokenize(self, span: str, pieces: list[tuple[str, bool]], special: bool) -> None:
        if special and span in self._rules:
            pieces.extend((orth, False) for orth in self._rules[span])
            return
        if span.isalpha():  # no affix, infix or URL pattern matches letters alone
            pieces.append((span, False))
            return
        prefixes: list[str] = []
        suffixes: list[str] = []
        rest = self._split_affixes(span, prefixes, suffixes, special)
        pieces.extend((p, False) for p in prefixes)
        if rest:
            if special and rest in self._rules:
                pieces.extend((orth, False) for orth in self._rules[rest])
            elif rest.isalpha():  # as above: the URL and infix patterns are compiled only when needed
                pieces.append((rest, False))
            elif (self._token_match and self._token_match.match(rest)) or (self._url and self._url.match(rest)):
                pieces.append((rest, False))
            else:
                self._infixes(rest, pieces)
        pieces.extend((s, False) for s in reversed(suffixes))

    def _find_prefix(self, text: str) -> int:
        found = self._prefix.search(text)
        return found.end() - found.start() if found else 0

    def _find_suffix(self, text: str) -> int:
        found = self._suffix.search(text)
        return found.end() - found.start() if found else 0

    def _split_affixes(self, string: str, prefixes: list[str], suffixes: list[str], special: bool) -> str:
        """Tokenizer._split_affixes, line for line."""
        last_size = -1
        while string and len(string) != last_size:
            if self._token_match and self._token_match.match(string):
                break
            if special and string in self._rules:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            prefix = minus_pre = ""
            if pre_len != 0:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and special and minus_pre in self._rules:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            suffix = minus_suf = ""
            if suf_len != 0:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and special and minus_suf in self._rules:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return string

    def _infixes(self, string: str, pieces: list[tuple[str, bool]]) -> None:
        """Tokenizer._attach_tokens' infix split."""
        matches = list(self._infix.finditer(string))
        if not matches:
            pieces.append((string, False))
            return
        start = 0
        for match in matches:
            infix_start, infix_end = match.start(), match.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                pieces.append((string[start:infix_start], False))
            if infix_start != infix_end:
                pieces.append((string[infix_start:infix_end], False))
            start = infix_end
        if string[start:]:
            pieces.append((string[start:], False))

    def _apply_special_cases(self, pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
        """Tokenizer._apply_special_cases: special cases with affixes, found over the tokens
        (longest first, then leftmost, no overlaps), replaced where the text is the rule's own."""
        matches = []
        for i, (piece, _) in enumerate(pieces):
            for key, tokens in self._special_patterns.get(piece, ()):
                end = i + len(tokens)
                if end <= len(pieces) and tuple(p for p, _ in pieces[i:end]) == tokens:
                    matches.append((key, i, end))
        matches.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: set[int] = set()
        chosen: dict[int, tuple[str, int, int]] = {}
        for key, start, end in matches:
            if not taken.intersection(range(start, end)):
                taken.update(range(start, end))
                chosen[start] = (key, start, end)
        out: list[tuple[str, bool]] = []
        i = 0
        while i < len(pieces):
            if i in chosen:
                _, start, end = chosen[i]
                text = "".join(p + (" " if s else "") for p, s in pieces[start : end - 1]) + pieces[end - 1][0]
                rule = self._rules.get(text)
                if rule is None:
                    out.extend(pieces[start:end])
                else:
                    out.extend((orth, False) for orth in rule[:-1])
                    out.append((rule[-1], pieces[end - 1][1]))
                i = end
            else:
                out.append(pieces[i])
                i += 1
        return out


@cache
def tokenizer(language: str) -> Tokenizer:
    if language not in {"es", "en"}:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    return Tokenizer(language, _data()["languages"][language])


@cache
def _actor_patterns(language: str) -> dict[str, list[tuple[str, ...]]]:
    """The entity ruler's phrase patterns (exact token texts), by their first token."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for tokens in _data()["languages"][language]["actor_patterns"]:
        found.setdefault(tokens[0], []).append(tuple(tokens))
    return found


def actor_spans(doc: Doc, language: str) -> list[tuple[int, int]]:
    """(start, end) token spans of the gazetteer's names: the entity ruler's matches, longest first,
    then leftmost, none overlapping one taken before (spaCy's EntityRuler over an empty doc)."""
    patterns = _actor_patterns(language)
    words = [t.text for t in doc]
    matches = set()
    for i, word in enumerate(words):
        for tokens in patterns.get(word, ()):
            end = i + len(tokens)
            if end <= len(words) and tuple(words[i:end]) == tokens:
                matches.add((i, end))
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            spans.append((start, end))
    return sorted(spans)


def gazetteer_data() -> dict[str, Any]:
    """The gazetteer's tables as exported (query_data.build): its index, people and speaks_for."""
    found: dict[str, Any] = _data()["gazetteer"]
    return found


def canonical(name: str) -> str | None:
    """gazetteer.canonical over the exported index, so the gazetteer's libraries stay unloaded."""
    from workbench.nlp.gazetteer import canonical_in

    gazetteer = gazetteer_data()
    return canonical_in(name, gazetteer["index"], gazetteer["people"])


def entities(doc: Doc, language: str) -> list[EntityDraft]:
    """The doc's gazetteer entities as extract._entities gives them (trimmed of spaces and punctuation)."""
    found = []
    for start, end in actor_spans(doc, language):
        tokens = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
        if not tokens:
            continue
        first, last = tokens[0], tokens[-1]
        begin, finish = first.idx, last.idx + len(last.text)
        text = doc.text[begin:finish]
        found.append(EntityDraft(text, "", canonical(text), begin, finish))
    return found


def query_draft(text: str, language: str) -> ClaimDraft:
    """What extract.extract_whole makes of one query text (no claimant, no publication date), for
    matching: entities, figures and dates; no check-worthiness score (matching reads none)."""
    from workbench.nlp.dates import resolve_dates
    from workbench.nlp.figures import figures

    doc = tokenizer(language)(text)
    found = tuple(figures(doc, language))  # type: ignore[arg-type]  # a Doc of its own stands in for a Span
    kind = "quantity" if any(f.explicit for f in found) else "event"
    return ClaimDraft(
        start=0,
        end=len(text),
        text=text,
        kind=kind,
        checkable=True,
        score=0.0,
        entities=tuple(entities(doc, language)),
        dates=tuple(resolve_dates(text, language, None)),
        figures=found,
    )
