"""ASCII spellings of text, for folding names, words and dates before comparing them."""

from __future__ import annotations

from unidecode import unidecode


class _Transliteration(dict):
    """Code point -> unidecode's ASCII for it, filled as characters are met. unidecode works one
    character at a time, so str.translate over this table gives the same text several times faster."""

    def __missing__(self, code: int) -> str:
        self[code] = found = unidecode(chr(code))
        return found


_TABLE = _Transliteration()


def to_ascii(text: str) -> str:
    """The text as unidecode spells it in ASCII ('Seúl' -> 'Seul', 'Пхеньян' -> 'Pkhen'ian')."""
    return text if text.isascii() else text.translate(_TABLE)
