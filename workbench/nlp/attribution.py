"""Who asserts a claim: the subject of a reporting verb, "según X", or the speaker of a quote.

Sentences inside a quotation that closes later ("“... Están tratando ...”, dijo Putin")
take the speaker named where it closes; a reporting verb with no subject of its own
("y dijo que ...", "También elogió ...") takes the last speaker named before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.nlp.gazetteer import find_in

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Lemmas of verbs that report speech or a stated position.
REPORTING_LEMMAS = {
    # Spanish
    "decir",
    "asegurar",
    "afirmar",
    "declarar",
    "mencionar",
    "insistir",
    "anunciar",
    "informar",
    "advertir",
    "señalar",
    "explicar",
    "añadir",
    "indicar",
    "calificar",
    "elogiar",
    "hablar",
    "plantear",
    "descartar",
    "confirmar",
    "negar",
    "reiterar",
    "subrayar",
    "destacar",
    "prometer",
    "acusar",
    "denunciar",
    "pedir",
    "temer",
    "considerar",
    "estimar",
    "opinar",
    "criticar",
    "alertar",
    "revelar",
    "admitir",
    "reconocer",
    "comunicar",
    "precisar",
    "agregar",
    # English
    "say",
    "tell",
    "state",
    "claim",
    "announce",
    "report",
    "warn",
    "add",
    "insist",
    "confirm",
    "deny",
    "accuse",
    "praise",
    "fear",
    "call",
    "note",
    "stress",
    "admit",
    "reveal",
    "allege",
}
# Inflected forms, for pipelines without a lemmatizer (the blank English one).
REPORTING_FORMS = {
    "said",
    "says",
    "told",
    "stated",
    "claimed",
    "announced",
    "reported",
    "warned",
    "added",
    "insisted",
    "confirmed",
    "denied",
    "accused",
    "praised",
    "noted",
    "stressed",
}
ACCORDING_TO = {"según"}
OPEN_QUOTES = {"“", "«", '"'}
CLOSE_QUOTES = {"”", "»", '"'}


@dataclass(frozen=True)
class Claimant:
    text: str
    canonical: str | None


def is_reporting(token: Token) -> bool:
    lemma = token.lemma_.lower() or token.lower_
    return token.pos_ in {"VERB", "AUX", ""} and (lemma in REPORTING_LEMMAS or token.lower_ in REPORTING_FORMS)


def phrase_claimant(tokens: list[Token]) -> Claimant | None:
    """A claimant from the tokens of a subject phrase, dropping a trailing clause or quote."""
    words = [t for t in tokens if not t.is_space and t.text not in OPEN_QUOTES | CLOSE_QUOTES]
    while words and words[-1].pos_ == "PUNCT":
        words.pop()
    while words and words[0].pos_ in {"PUNCT", "ADP", "SCONJ", "CCONJ"}:
        words.pop(0)
    if not words:
        return None
    doc = words[0].doc
    text = doc[words[0].i : words[-1].i + 1].text
    if all(t.pos_ == "PRON" for t in words):
        return None
    return Claimant(text=text, canonical=find_in(text))


def subject_of(verb: Token) -> Claimant | None:
    if not verb.doc.has_annotation("DEP"):
        return None  # no parse, no subject: and an unparsed token's children crash spaCy 3.8
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass"}:
            return phrase_claimant(_phrase(child))
    if verb.dep_ == "conj":
        return subject_of(verb.head)
    return None


def _phrase(token: Token) -> list[Token]:
    """A noun phrase without relative clauses or appended clauses."""
    skip = {t.i for c in token.children if c.dep_ in {"acl", "advcl", "parataxis", "conj"} for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


def according_to(sent: Span) -> Claimant | None:
    """'Según X, ...': the phrase 'según' introduces."""
    for token in sent:
        if token.lower_ in ACCORDING_TO and token.head.i > token.i:
            return phrase_claimant(_phrase(token.head))
    return None


def unparsed_claimant(sent: Span) -> Claimant | None:
    """For pipelines without a parser (English): the entity next to a reporting verb.

    "…, South Korea's Joint Chiefs of Staff said." / "Putin said that …" / "said Putin" /
    "according to the Kremlin".
    """
    tokens = list(sent)
    for i, token in enumerate(tokens):
        if token.lower_ == "according" and i + 1 < len(tokens) and tokens[i + 1].lower_ == "to":
            after = [e for e in sent.ents if e.start > token.i]
            if after:
                return Claimant(after[0].text, after[0]._.workbench_canonical)
        if token.lower_ not in REPORTING_FORMS:
            continue
        before = [e for e in sent.ents if 0 <= token.i - e.end <= 2]
        after = [e for e in sent.ents if 0 <= e.start - token.i - 1 <= 1]
        for entity in before[-1:] + after[:1]:
            return Claimant(entity.text, entity._.workbench_canonical)
    return None


def reporting_verb_over(token: Token) -> Token | None:
    """The nearest reporting verb at or above a clause head."""
    current = token
    while True:
        if is_reporting(current):
            return current
        if current.head.i == current.i:
            return None
        current = current.head


class Attributor:
    """Walks an article's sentences in order, remembering who spoke last."""

    def __init__(self) -> None:
        self.last: Claimant | None = None

    def sentence_claimant(self, sent: Span) -> Claimant | None:
        """The claimant a whole sentence carries (its root reports, or 'según')."""
        if not sent.doc.has_annotation("DEP"):
            return self._remember(unparsed_claimant(sent))
        if is_reporting(sent.root):
            return self._remember(subject_of(sent.root) or according_to(sent) or self.last)
        return self._remember(according_to(sent))

    def clause_claimant(self, head: Token, sentence: Claimant | None) -> Claimant | None:
        if not head.doc.has_annotation("DEP"):
            return sentence  # no parse (English): the sentence's claimant is all there is
        verb = reporting_verb_over(head)
        if verb is not None and verb.i != head.sent.root.i:
            return self._remember(subject_of(verb) or self.last)
        return sentence

    def _remember(self, claimant: Claimant | None) -> Claimant | None:
        if claimant is not None:
            self.last = claimant
        return claimant


def quote_runs(sents: list[Span]) -> list[int]:
    """For each sentence, the index of the sentence where its open quotation closes (itself if none)."""
    closing = list(range(len(sents)))
    open_from: int | None = None
    for i, sent in enumerate(sents):
        depth = 0
        for token in sent:
            if token.text in {"“", "«"}:
                depth += 1
            elif token.text in {"”", "»"}:
                depth -= 1
        if open_from is None and depth > 0:
            open_from = i
        elif open_from is not None and depth < 0:
            for j in range(open_from, i):
                closing[j] = i
            open_from = None
    return closing
