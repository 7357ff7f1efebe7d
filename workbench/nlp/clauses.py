"""Splitting a parsed sentence into clauses that each carry one checkable fact.

A finite verb starts a clause of its own when it is coordinated with another (conj),
an adverbial clause (advcl: "como Washington mencionó ..."), a relative clause whose
relative pronoun is its subject ("que salió de la capital ..."), or a parataxis.
Complements of speech verbs stay with the verb: "Putin dijo que ..." is one claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SPLIT_DEPS = {"conj", "advcl", "parataxis", "acl"}
EDGE_POS = {"PUNCT", "CCONJ", "SPACE"}
# Infinitive clauses that date an event of their own: "tras partir de Pyongyang el domingo".
TEMPORAL_MARKS = {"tras", "después", "antes", "after", "before"}
_INFINITIVE = re.compile(r"[a-záéíóúñ]{2,}(ar|er|ir)(se|le|les|lo|la)?")


def is_finite(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm")


def starts_clause(token: Token) -> bool:
    """Whether a token heads a clause that is split off from its parent's claim."""
    if token.dep_ not in SPLIT_DEPS:
        return False
    if token.dep_ in {"acl", "advcl"} and _is_reduced_relative(token):
        return True
    if token.dep_ == "advcl" and "Inf" in token.morph.get("VerbForm"):
        return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in token.children)
    if not is_finite(token):
        return False
    if token.dep_ == "acl":
        return is_relative(token)
    return True


def is_relative(token: Token) -> bool:
    """A relative clause whose relative pronoun is its subject: "que salió de la capital"."""
    return any(c.dep_ == "nsubj" and "Rel" in c.morph.get("PronType") for c in token.children)


def _is_reduced_relative(token: Token) -> bool:
    """A participle set off by a comma: "el ejército ruso, implicado en la operación en Ucrania"."""
    return (
        token.pos_ in {"VERB", "ADJ"}
        and "Part" in token.morph.get("VerbForm")
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and any(c.dep_ in {"obl", "obj"} for c in token.children)
    )


def clause_spans(sent: Span) -> Iterator[tuple[Token, Span]]:
    """(head, span) for each clause of a sentence, in text order.

    A clause is its head's subtree less the clauses split off inside it; where that leaves
    gaps (a relative clause in the middle), the clause is its longest unbroken run.
    """
    heads = {sent.root.i: sent.root} | {t.i: t for t in sent if starts_clause(t)}
    owner = {}
    for token in sent:
        ancestor = token
        while ancestor.i not in heads and ancestor.head.i != ancestor.i:
            ancestor = ancestor.head
        owner[token.i] = ancestor.i if ancestor.i in heads else sent.root.i
    for _, head in sorted(heads.items()):
        run = _longest_run(sent, head, owner)
        if run is not None:
            yield from _split_temporal_infinitive(head, run)


def _split_temporal_infinitive(head: Token, run: Span) -> Iterator[tuple[Token, Span]]:
    """Split "llegó a Rusia en su tren blindado | tras partir de Pyongyang el domingo".

    The small Spanish model often tags such an infinitive as a noun in a fixed phrase, so
    the split is lexical: 'tras', 'antes de' or 'después de' and a word ending like an infinitive.
    """
    doc = run.doc
    for token in run:
        if token.i <= run.start + 2:
            continue
        marker_end = token.i + (1 if token.lower_ == "tras" else 2 if token.lower_ in {"antes", "después"} else 0)
        if marker_end == token.i or marker_end >= run.end:
            continue
        if marker_end - token.i == 2 and doc[token.i + 1].lower_ != "de":
            continue
        if _INFINITIVE.fullmatch(doc[marker_end].lower_):
            yield head, doc[run.start : token.i]
            yield doc[marker_end], doc[token.i : run.end]
            return
    yield head, run


def _longest_run(sent: Span, head: Token, owner: dict[int, int]) -> Span | None:
    """The longest unbroken run of the head's own tokens (in words), edges trimmed."""
    runs: list[tuple[int, int]] = []
    for i in range(sent.start, sent.end):
        if owner[i] != head.i:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    doc = sent.doc
    start, end = max(runs, key=lambda r: (sum(1 for t in doc[r[0] : r[1] + 1] if t.is_alpha), r[0] <= head.i <= r[1]))
    while start <= end and (doc[start].pos_ in EDGE_POS or doc[start].is_space):
        start += 1
    while end >= start and (doc[end].pos_ in EDGE_POS and doc[end].text not in {"”", "»", '"'} or doc[end].is_space):
        end -= 1
    if start > end:
        return None
    return doc[start : end + 1]
