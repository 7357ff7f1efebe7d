"""Building query_analysis.json: what spaCy's light pipeline knows, as plain data.

A one-shot `workbench match` spent most of its second importing spaCy for a query's tokens and
gazetteer entities. workbench/nlp/query_analysis.py reads the same tokens and entities from this
file instead: spaCy's tokenizer rules for Spanish and English (affix patterns, special cases,
stop words, number words) and the gazetteer's phrase patterns as spaCy tokenizes them. Built
with spaCy, so it says what spaCy says; rebuild it after changing actors.json, demonyms.json or
spaCy (`python -m workbench.nlp.query_data`); tests/test_query_analysis.py fails while it is stale.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("query_analysis.json")
LANGUAGES = ("es", "en")
ORTH = 65
"""spacy.attrs.ORTH: the key of a special case's token text."""


def build() -> dict[str, Any]:
    """The data, from the installed spaCy and the gazetteer (imports spaCy: a build step, not a query's)."""
    import spacy

    from workbench.nlp.gazetteer import _index, _people, names, speaks_for

    data: dict[str, Any] = {"languages": {}}
    for language in LANGUAGES:
        nlp = spacy.blank(language)
        tokenizer: Any = nlp.tokenizer
        lex_attrs = importlib.import_module(f"spacy.lang.{language}.lex_attrs")
        rules = {key: [token[ORTH] for token in tokens] for key, tokens in sorted(tokenizer.rules.items())}
        with nlp.select_pipes(enable=[]):
            # the gazetteer's phrase patterns as the entity ruler holds them (components.add_actor_ruler)
            wanted = sorted({name for name, _, label in names() if len(name) > 2 and label != "NORP"})
            patterns = sorted({tuple(t.text for t in tokenizer(name)) for name in wanted})
            # special cases with affixes are found again over the affix-split tokens (Tokenizer.add_special_case)
            bare = _without_special_cases(nlp)
            special = sorted(
                {
                    key: tuple(t.text for t in bare(key))
                    for key in rules
                    if tokenizer.find_prefix(key)
                    or tokenizer.find_infix(key)
                    or tokenizer.find_suffix(key)
                    or " " in key
                }.items()
            )
        data["languages"][language] = {
            "prefix": tokenizer.prefix_search.__self__.pattern,
            "suffix": tokenizer.suffix_search.__self__.pattern,
            "infix": tokenizer.infix_finditer.__self__.pattern,
            "url": tokenizer.url_match.__self__.pattern if tokenizer.url_match else None,
            "token_match": tokenizer.token_match.__self__.pattern if tokenizer.token_match else None,
            "rules": rules,
            "special_patterns": [[key, list(tokens)] for key, tokens in special],
            "stop_words": sorted(nlp.Defaults.stop_words),
            "num_words": list(lex_attrs._num_words),
            "ordinal_words": list(getattr(lex_attrs, "_ordinal_words", [])),
            "actor_patterns": [list(p) for p in patterns],
        }
    data["gazetteer"] = {
        "index": dict(sorted(_index().items())),
        "people": dict(sorted(_people().items())),
        "speaks_for": speaks_for(),
    }
    data["spacy"] = spacy.__version__
    return data


def _without_special_cases(nlp: Any) -> Any:  # noqa: ANN401 - spaCy's Language and Tokenizer
    """The language's tokenizer with affixes alone, no special cases: how the special-case matcher
    holds a special case's tokens (Tokenizer.add_special_case: _tokenize_affixes(string, False))."""
    from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]

    tokenizer = nlp.tokenizer
    return Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def write(path: Path = DATA_FILE) -> None:
    path.write_text(json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {DATA_FILE}")
