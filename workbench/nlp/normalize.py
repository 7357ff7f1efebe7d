"""Repairing wire-copy typography before parsing, with a map back to the original offsets.

The parser trips on runs of spaces and on words broken by a stray space ("i nsistió");
claims must still point into the article as stored, so every edit keeps an offset map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A lone lower-case letter that is a word in neither Spanish (a e o u y) nor English (a),
# followed by the rest of a word: a space typed inside the word.
_BROKEN_WORD = re.compile(r"(?:(?<=\s)|^)([b-df-hj-np-tv-xz]|i) (?=[a-záéíóúñü]{3,})")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}|[\u00a0\u2009\u202f]")


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    offsets: list[int]
    """offsets[i] is the original index of normalized character i; one extra entry at the end."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> Normalized:
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
    edits = [(m.start(), m.end(), " ") for m in _SPACES.finditer(text)]
    edits += [(m.end(1), m.end(), "") for m in _BROKEN_WORD.finditer(text)]
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept
