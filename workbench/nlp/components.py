"""The workbench's own spaCy components and extension attributes.

`workbench_actors` is an entity ruler fed by the gazetteer: it finds the actors the
statistical NER misses ("Estado Mayor Conjunto") and gives the blank English pipeline
entities at all. `Span._.workbench_canonical` is the canonical actor of an entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.nlp.gazetteer import canonical, names

if TYPE_CHECKING:
    from spacy.language import Language

ACTORS_PIPE = "workbench_actors"
CANONICAL_ATTR = "workbench_canonical"


def register_extensions() -> None:
    from spacy.tokens import Span

    if not Span.has_extension(CANONICAL_ATTR):
        Span.set_extension(CANONICAL_ATTR, getter=lambda span: canonical(span.text))


def add_actor_ruler(nlp: Language) -> None:
    """Add the gazetteer's names as phrase patterns, after the statistical NER when there is one."""
    register_extensions()
    if ACTORS_PIPE in nlp.pipe_names:
        return
    # Exact case: lower-cased, the capital "Victoria" would match "victoria" (victory).
    config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=ACTORS_PIPE, config=config, **where)
    seen: set[tuple[str, str]] = set()
    patterns = []
    for name, _, label in names():
        key = (name, label)
        if key not in seen and len(name) > 2:
            seen.add(key)
            patterns.append({"label": label, "pattern": name})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
