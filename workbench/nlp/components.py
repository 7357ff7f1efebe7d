"""The workbench's own spaCy components and extension attributes.

`workbench_actors` is an entity ruler fed by the gazetteer: it finds the actors the
statistical NER misses ("Estado Mayor Conjunto") and gives the blank English pipeline
entities at all. `Span._.workbench_canonical` is the canonical actor of an entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from workbench.nlp.gazetteer import canonical, names

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

ACTORS_PIPE = "workbench_actors"
PARAGRAPHS_PIPE = "workbench_paragraphs"
LABELS_PIPE = "workbench_labels"
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
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", name=ACTORS_PIPE, config=config, after=after))
    seen: set[tuple[str, str]] = set()
    patterns: list[dict[str, Any]] = []
    for name, _, label in names():
        key = (name, label)
        # Demonyms name claimants' countries ("fuentes surcoreanas") but are no entities of their
        # own: as entities they made every "ruso" a shared actor, and matching merged claims that
        # are only related (the gold pairs s18/d12).
        if key not in seen and len(name) > 2 and label != "NORP":
            seen.add(key)
            patterns.append({"label": label, "pattern": name})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    _register_labels()
    nlp.add_pipe(LABELS_PIPE, after=ACTORS_PIPE)


def add_paragraph_breaks(nlp: Language) -> None:
    """A line break ends a sentence: wire copy puts one paragraph per line, often without a final
    full stop (datelines, headlines, bullet lists), and the parser would run two paragraphs into one
    sentence. Set before the parser, which keeps boundaries it is given."""
    _register_paragraphs()
    if PARAGRAPHS_PIPE in nlp.pipe_names:
        return
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(PARAGRAPHS_PIPE, **where)


def _register_paragraphs() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS_PIPE):
        return

    @Language.component(PARAGRAPHS_PIPE)
    def paragraph_breaks(doc):  # noqa: ANN001, ANN202 - a spaCy component
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                following = doc[token.i + 1]
                following.is_sent_start = True
        return doc


def _register_labels() -> None:
    """Entities the gazetteer knows get its label: the statistical NER calls Wagner (the group) a
    person and Prigozhin an organisation now and then; the curated label is the better guess."""
    from spacy.language import Language

    from workbench.nlp.gazetteer import label_of

    if Language.has_factory(LABELS_PIPE):
        return

    @Language.component(LABELS_PIPE)
    def curated_labels(doc):  # noqa: ANN001, ANN202 - a spaCy component
        from spacy.tokens import Span

        ents = []
        changed = False
        for ent in doc.ents:
            label = label_of(ent.text)
            if label is not None and label != ent.label_ and label != "NORP":
                ents.append(Span(doc, ent.start, ent.end, label=label))
                changed = True
            else:
                ents.append(ent)
        if changed:
            doc.ents = ents
        return doc
