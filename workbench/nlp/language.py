"""Telling Spanish from English for --lang auto."""

from __future__ import annotations

import re
from collections.abc import Collection

from workbench.errors import InvalidInput

# The most frequent function words of each language; short texts still contain several.
_STOPWORDS = {
    "es": {
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "que",
        "y",
        "en",
        "un",
        "una",
        "por",
        "con",
        "para",
        "se",
        "su",
        "al",
        "es",
        "lo",
        "como",
    },
    "en": {
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "it",
        "at",
        "from",
        "his",
        "its",
        "be",
    },
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, default: str = "es") -> str:
    """'es' or 'en', by which language's function words the text uses more."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for language, words in _STOPWORDS.items():
            if word in words:
                counts[language] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] > 0 else default


def resolve_language(language: str, text: str, supported: Collection[str] = ("es", "en")) -> str:
    """The pipeline language for a text: as given, or detected for 'auto'."""
    if language == "auto":
        return detect_language(text)
    if language not in supported:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    return language
