"""Telling Spanish from English for --lang auto."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

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


OTHER_LANGUAGES = ("FRENCH", "PORTUGUESE", "ITALIAN", "GERMAN", "CATALAN")
"""Languages near Spanish or common in wire copy that the workbench cannot read: told apart so
that such an article is refused in a sentence, not cut into Spanish-looking claims."""
NAMES = {"FRENCH": "French", "PORTUGUESE": "Portuguese", "ITALIAN": "Italian", "GERMAN": "German", "CATALAN": "Catalan"}
SURE = 0.5
"""lingua's confidence from which another language is taken for what it is."""


@cache
def _detector():  # noqa: ANN202 - lingua.LanguageDetector
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.SPANISH, Language.ENGLISH, *(getattr(Language, name) for name in OTHER_LANGUAGES)]
    # Low accuracy mode reads trigrams only: a tenth of the load time, and articles are long enough.
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_article_language(text: str) -> str:
    """'es' or 'en' for an article, by lingua; an article in another language is refused, since
    the Spanish pipeline would read French or Portuguese as broken Spanish without a word."""
    values = _detector().compute_language_confidence_values(text[:3000])
    if values:
        top = values[0]
        name = top.language.name
        if name == "SPANISH":
            return "es"
        if name == "ENGLISH":
            return "en"
        if top.value >= SURE:
            raise InvalidInput(
                f"The text reads as {NAMES.get(name, name.title())}, which the workbench cannot read; "
                "give --lang es or --lang en to read it as one of those anyway."
            )
    return detect_language(text)


def resolve_language(
    language: str, text: str, supported: Collection[str] = ("es", "en"), *, article: bool = False
) -> str:
    """The pipeline language for a text: as given, or detected for 'auto' (with lingua for a whole
    article, by function words for a row or a query, where speed matters more)."""
    if language == "auto":
        return detect_article_language(text) if article else detect_language(text)
    if language not in supported:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    return language
