"""From text to claim drafts: one claim per sentence, with its span, entities and a first kind.

This is the first, sentence-level extraction; spans always index the text given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from workbench.models import ClaimDraft, EntityDraft
from workbench.nlp.pipeline import load_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Lemmas of verbs that report speech: a sentence built on one is a statement.
SPEECH_LEMMAS = {
    "decir", "asegurar", "afirmar", "declarar", "mencionar", "insistir", "anunciar", "informar",
    "advertir", "señalar", "explicar", "añadir", "indicar", "calificar", "elogiar",
    "say", "tell", "state", "claim", "announce", "report", "warn", "add",
}
EVALUATIVE_LEMMAS = {"simbólico", "histórico", "importante", "excepcional", "symbolic", "historic"}
MIN_WORDS = 4


def extract_claims(text: str, language: str) -> list[ClaimDraft]:
    """Claims of one text."""
    return next(iter(extract_many([text], language)))


def extract_many(texts: Iterable[str], language: str, batch_size: int = 64) -> Iterator[list[ClaimDraft]]:
    """Claims of many texts, batched through nlp.pipe; one list per text, in order."""
    nlp = load_nlp(language)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield list(_claims_of(doc))


def _claims_of(doc: Doc) -> Iterator[ClaimDraft]:
    for sent in doc.sents:
        span = _trimmed(sent)
        if span is None:
            continue
        words = [t for t in span if t.is_alpha]
        if len(words) < MIN_WORDS:
            continue
        kind = _kind(span)
        yield ClaimDraft(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            kind=kind,
            checkable=kind != "opinion",
            score=_score(span, kind),
            entities=tuple(_entities(span)),
        )


def _trimmed(sent: Span) -> Span | None:
    """The sentence without leading or trailing white space tokens."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return None
    return sent.doc[tokens[0].i : tokens[-1].i + 1]


def _kind(span: Span) -> str:
    lemmas = {t.lemma_.lower() for t in span}
    if any(t.pos_ == "AUX" and t.dep_ == "cop" for t in span) and lemmas & EVALUATIVE_LEMMAS:
        return "opinion"
    if lemmas & SPEECH_LEMMAS:
        return "statement"
    if any("Fut" in t.morph.get("Tense") for t in span if t.pos_ in {"VERB", "AUX"}):
        return "prediction"
    if any(t.like_num for t in span):
        return "quantity"
    return "event"


def _score(span: Span, kind: str) -> float:
    """A first check-worthiness score from counted features; the extraction issue refines it."""
    if kind == "opinion":
        return 0.1
    score = 0.4
    score += 0.2 if any(t.like_num for t in span) else 0.0
    score += 0.2 if span.ents else 0.0
    score += 0.1 if kind in {"statement", "quantity"} else 0.0
    return round(min(score, 1.0), 2)


def _entities(span: Span) -> Iterator[EntityDraft]:
    for ent in span.ents:
        tokens = [t for t in ent if not t.is_space]
        if not tokens:
            continue
        trimmed = span.doc[tokens[0].i : tokens[-1].i + 1]
        yield EntityDraft(trimmed.text, ent.label_, None, trimmed.start_char, trimmed.end_char)
