"""Repairing wire-copy typography before parsing, with a map back to the original offsets.

The parser trips on runs of spaces, on words broken by a stray space ("i nsistió"), and on text
decoded with the wrong codec: C1 controls where curly quotes were (U+0093/U+0094) and mojibake
("SeÃºl"), which ftfy repairs. Claims must still point into the article as stored, so every
edit keeps an offset map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A lone lower-case letter that is a word in neither Spanish (a e o u y) nor English (a),
# followed by the rest of a word: a space typed inside the word.
_BROKEN_WORD = re.compile(r"(?:(?<=\s)|^)([b-df-hj-np-tv-xz]|i) (?=[a-záéíóúñü]{3,})")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}|[\u00a0\u2009\u202f]")

_PLACE = r"[A-ZÁÉÍÓÚÑ][\w'’.-]*(?: [\w'’.-]+){0,4}"
_DATELINE_DATE = r"(?:\d{1,2} [A-Za-z]{3,10}\.?|[A-Z][a-z]{2,8}\.? \d{1,2})(?: de \d{4}|,? \d{4})?"
_AGENCIES = (
    "EFE|AP|AFP|Reuters|Europa Press|EUROPA PRESS|ANSA|dpa|DPA|Xinhua|Sputnik|Télam|Prensa Latina|"
    "Notimex|Andina|ABI|IPS|TASS|Yonhap|Kyodo|Bloomberg|UPI|PA|Anadolu|Interfax|Ukrinform|Agencia Brasil"
)
_DASH = r"(?:\.?[-–—]{1,2}|:)"
DATELINE = re.compile(
    rf"(?m)^(?:{_PLACE}(?:, [\w'’. -]{{2,30}}?)??(?:, {_DATELINE_DATE}(?: \([^()\n]{{2,30}}\)\.?)?|"
    rf" \((?:{_AGENCIES})\)\.?)|"
    rf"[A-ZÁÉÍÓÚÑ]{{2,}}(?: [A-ZÁÉÍÓÚÑ]{{2,}}){{0,3}}(?:, [A-Z][\w'’. -]{{1,30}}?)? ?(?=[-–—]|\.-))"
    rf"\s*{_DASH}(?P<gap>[ \t]+)(?=\S)"
)
"""A dateline before an agency's lead: the place, perhaps a region and a date, the agency in
brackets, then a dash ("Lima, 3 feb (EFE).-", "NAIROBI, Kenya, Jan 9 (Reuters) -", "ROME (AP) —"),
or a place in capitals and a dash ("WASHINGTON —"). It names no fact and no speaker; left at the
head of the lead, the parser took it for the lead's subject."""


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    offsets: list[int]
    """offsets[i] is the original index of normalized character i; one extra entry at the end."""
    ends: list[int] | None = None
    """ends[i] is the original end of normalized character i, where one character replaced
    several ("Ã©" -> "é"); None when every character maps to one original character."""

    def piece(self, start: int, end: int) -> Normalized:
        """The normalized text[start:end] as a text of its own, still mapping into the whole
        original: a long article is parsed in pieces and every piece's spans stay exact."""
        ends = self.ends[start:end] if self.ends is not None else None
        return Normalized(self.original, self.text[start:end], self.offsets[start : end + 1], ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        if self.ends is not None:
            return self.offsets[start], self.ends[end - 1]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Repair the encoding (ftfy), then fold runs of spaces and rejoin words split by a stray space;
    offsets map back to `text` through both steps."""
    repaired, starts, ends = _repair(text)
    spaced = _normalize_spaces(repaired)
    if repaired is text:
        return Normalized(text, spaced.text, spaced.offsets)
    offsets = [starts[i] if i < len(starts) else len(text) for i in spaced.offsets]
    last_ends = [ends[i] if i < len(ends) else len(text) for i in spaced.offsets[:-1]] + [len(text)]
    return Normalized(text, spaced.text, offsets, last_ends)


_SUSPECT = re.compile(r"[\u0080-\u009f\u00c2-\u00c3\u00e2\ufffd]")


REPAIR_CHUNK = 20_000
"""Damaged text is repaired in chunks of whole lines about this long: the alignment that maps the
repair back (difflib) costs more than linear time, so a 1 MB article is never aligned in one go."""


def _repair(text: str) -> tuple[str, list[int], list[int]]:
    """ftfy's repair, chunk by chunk of whole lines, with each repaired character's original span."""
    if len(text) <= REPAIR_CHUNK or not _SUSPECT.search(text):
        return _repair_chunk(text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    changed = False
    position = 0
    while position < len(text):
        cut = text.find("\n", position + REPAIR_CHUNK)
        cut = len(text) if cut < 0 else cut + 1
        chunk = text[position:cut]
        fixed, chunk_starts, chunk_ends = _repair_chunk(chunk)
        if fixed is chunk:
            chunk_starts, chunk_ends = list(range(len(chunk))), list(range(1, len(chunk) + 1))
        else:
            changed = True
        pieces.append(fixed)
        starts.extend(position + k for k in chunk_starts)
        ends.extend(position + k for k in chunk_ends)
        position = cut
    if not changed:
        return text, [], []
    return "".join(pieces), starts, ends


def _repair_chunk(text: str) -> tuple[str, list[int], list[int]]:
    """ftfy's repair of the text, with each repaired character's original start and end.

    Curly quotes, line breaks and character widths are left alone (they are typography, not
    damage); only text with a sign of damage is given to ftfy, so clean text costs one regex scan."""
    if not _SUSPECT.search(text):
        return text, [], []
    from difflib import SequenceMatcher

    import ftfy

    config = ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        normalization=None,
        explain=False,
    )
    fixed = ftfy.fix_text(text, config)
    if fixed == text:
        return text, [], []
    starts: list[int] = []
    ends: list[int] = []
    matcher = SequenceMatcher(None, text, fixed, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            starts.extend(range(a0, a1))
            ends.extend(range(a0 + 1, a1 + 1))
        elif b1 > b0:  # replace or insert: the new characters share the old run
            starts.extend([a0] * (b1 - b0))
            ends.extend([max(a1, a0 + 1) if a1 > a0 else a0] * (b1 - b0))
    return fixed, starts, ends


def is_dateline(text: str) -> bool:
    """Whether a sentence is a dateline alone (see DATELINE), which extraction skips."""
    line = text.strip()
    found = DATELINE.match(line + " x")
    return found is not None and found.end("gap") == len(line) + 1 and len(line) < 80


def _normalize_spaces(text: str) -> Normalized:
    """Fold runs of spaces to one and rejoin words split by a stray space."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _edits(text):
        pieces.append(text[position : match[0]])
        offsets.extend(range(position, match[0]))
        pieces.append(match[2])
        offsets.extend([match[0]] * len(match[2]))
        position = match[1]
    pieces.append(text[position:])
    offsets.extend(range(position, len(text)))
    offsets.append(len(text))
    return Normalized(text, "".join(pieces), offsets)


def _edits(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, replacement) edits, in order."""
    # The gap after a dateline becomes a line break, so the dateline is a paragraph of its own
    # (the paragraph component ends a sentence there) and the lead parses from its own subject.
    edits = [(m.start("gap"), m.end("gap"), "\n") for m in DATELINE.finditer(text)]
    edits += [(m.start(), m.end(), " ") for m in _SPACES.finditer(text)]
    edits += [(m.end(1), m.end(), "") for m in _BROKEN_WORD.finditer(text)]
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept
