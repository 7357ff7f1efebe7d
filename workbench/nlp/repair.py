"""Repairs of two coordination errors the small spaCy models make on wire copy, before clauses
are cut, so that one sentence with two facts gives two claims each with its subject.

- English: a past-tense verb read as a participle modifying its subject ("the firm offered in May
  to cut its fees, but the regulator rejected the offer" parses "offered" as a reduced relative
  of "firm", and "firm" as a second subject of "rejected"). A verb with two subjects, the first of
  them carrying such a participle and a conjunction between, is two coordinated clauses.
- Spanish: a verb after "y" read as a noun ("el volcán registra 12 explosiones por hora y lanza
  columnas de ceniza" tags "lanza" a noun of "hora"), or as a verb coordinated with a noun. A bare
  noun after "y" directly followed by a noun phrase, inside a clause with a finite verb, is that
  verb's second predicate: two bare nouns side by side are not Spanish.

- Spanish: a second clause after "y" whose subject the parser hung on the first clause's object
  ("se cree que el crudo alcanzó la reserva y técnicos de la Armada sobrevolarán la zona" makes
  "técnicos" a conjunct of "reserva" and "sobrevolarán" a second subject clause of "cree", or a
  clause hung on the first verb): a finite verb with no subject after "y" + a noun hung on the
  first clause is a clause coordinated with it, whose subject is that noun.

Each repair rewrites heads and labels in the doc (spaCy allows it) and only ever within one
sentence; a parse it does not recognise is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass"}
COORDINATORS = {"and", "but", "y", "e", "pero"}


def repair_coordination(doc: Doc) -> None:
    """Repair the doc's misread coordinations in place (see the module's docstring)."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("SENT_START"):
        return
    for sent in list(doc.sents):
        if doc.lang_ == "en":
            _english_participle_subject(sent)
        elif doc.lang_ == "es":
            _spanish_verb_as_noun(sent)
            _spanish_second_clause(sent)


def _english_participle_subject(sent: Span) -> None:
    for verb in list(sent):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if len(subjects) != 2:
            continue
        first, second = subjects
        participles = [
            c
            for c in first.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == first.i + 1 and not list(c.lefts)
        ]
        if not participles:
            continue
        predicate = participles[0]
        if any(c.dep_ == "agent" or c.lower_ == "by" for c in predicate.children):
            continue  # "the money offered by the firm": a true reduced relative
        between = [t for t in sent.doc[predicate.right_edge.i + 1 : second.left_edge.i]]
        conjunctions = [t for t in between if t.dep_ == "cc" and t.lower_ in COORDINATORS]
        if not conjunctions:
            continue
        _coordinate(predicate, first, verb, conjunctions[-1], "Tense=Past|VerbForm=Fin", "VBD")


def _coordinate(predicate: Token, subject: Token, verb: Token, conjunction: Token, morph: str, tag: str) -> None:
    """Make `predicate` the clause head `verb` was (with `subject`), and `verb` its conjunct."""
    root = verb.head.i == verb.i
    dep, head = verb.dep_, verb.head
    _set_morph(predicate, morph)
    predicate.tag_ = tag
    predicate.pos_ = "VERB"
    predicate.head = predicate if root else head
    predicate.dep_ = "ROOT" if root else dep
    subject.head = predicate
    verb.head = predicate
    verb.dep_ = "conj"
    conjunction.head = verb
    # What hung on the old head before the first subject (a fronted "According to ...", a
    # punctuation mark) belongs to the clause that now starts the sentence.
    for child in list(verb.children):
        if child.i < subject.i:
            child.head = predicate


def _spanish_verb_as_noun(sent: Span) -> None:
    doc = sent.doc
    for cc in list(sent):
        if cc.lower_ not in {"y", "e"} or cc.i + 2 >= sent.end:
            continue
        word, after = doc[cc.i + 1], doc[cc.i + 2]
        # A finite verb coordinated with a noun ("supera los 5 metros en Pando y anega campos")
        # is the same error with the tag right.
        misattached = (
            word.pos_ == "VERB"
            and "Fin" in word.morph.get("VerbForm", [])
            and word.head.pos_
            in {
                "NOUN",
                "PROPN",
            }
        )
        bare_noun = word.pos_ == "NOUN" and not any(c.dep_ == "det" for c in word.children)
        if not (misattached or bare_noun) or word.is_title:
            continue
        if after.pos_ not in {"NOUN", "DET", "NUM"} or after.is_punct:
            continue
        if not word.lower_.endswith(("a", "e", "an", "en", "ó", "aron", "ieron", "ió")):
            continue
        verb = _clause_verb(word, sent)
        if verb is None:
            continue
        if "Fin" not in verb.morph.get("VerbForm", []):
            continue
        person = verb.morph.get("Number", ["Sing"])[0]
        tense = verb.morph.get("Tense", ["Pres"])[0]
        old_head = word.head
        _set_morph(word, f"Mood=Ind|Number={person}|Person=3|Tense={tense}|VerbForm=Fin")
        word.pos_ = "VERB"
        word.head = verb
        word.dep_ = "conj"
        cc.head = word
        # The rest of the clause after the verb is its complement, not the first predicate's.
        end = verb.right_edge.i
        for token in doc[word.i + 1 : end + 1]:
            if token.head.i < word.i and not (token.is_punct and token.i == end):
                token.head = word
                if token.i == after.i or (after.pos_ == "DET" and token.i == after.head.i):
                    token.dep_ = "obj"
        if old_head.i > word.i:  # never leave the old head hanging on its former child
            old_head.head = word


def _set_morph(token: Token, features: str) -> None:
    """Give a repaired verb the features a finite verb has, which clause cutting reads."""
    from spacy.tokens import MorphAnalysis

    token.morph = MorphAnalysis(token.vocab, dict(pair.split("=") for pair in features.split("|")))


def _clause_verb(word: Token, sent: Span) -> Token | None:
    """The finite verb whose clause the word sits in: its nearest verb ancestor, with no other
    verb between it and the word in the text (so the word continues that verb's predicate)."""
    current = word.head
    while current.head.i != current.i and current.pos_ not in {"VERB", "AUX"}:
        current = current.head
    if current.pos_ not in {"VERB", "AUX"} or current.i > word.i:
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in sent.doc[current.i + 1 : word.i]):
        return None
    return current


def _spanish_second_clause(sent: Span) -> None:
    doc = sent.doc
    for second in list(sent):
        if second.pos_ != "VERB" or "Fin" not in second.morph.get("VerbForm", []):
            continue
        if any(c.dep_ in SUBJECTS or c.dep_ == "mark" for c in second.children):
            continue  # its own subject, or a subordinate clause rightly hung ("y cuando lleguen")
        if second.dep_ in {"csubj", "ccomp"}:
            siblings = [
                c for c in second.head.children if c.dep_ == second.dep_ and c.i < second.i and c.pos_ == "VERB"
            ]
        elif second.dep_ in {"advcl", "parataxis", "conj"} and second.head.pos_ == "VERB" and second.head.i < second.i:
            siblings = [second.head]  # "... dañó la central y brigadas revisarán": hung on the first
        else:
            continue
        if not siblings:
            continue
        first = siblings[-1]
        between = doc[first.i + 1 : second.i]
        cc = next((t for t in reversed(between) if t.lower_ in {"y", "e"} and t.pos_ == "CCONJ"), None)
        if cc is None or cc.i + 1 >= second.i:
            continue
        subject = doc[cc.i + 1]
        if subject.pos_ == "DET" and subject.i + 1 < second.i:
            subject = doc[subject.i + 1]
        if subject.pos_ not in {"NOUN", "PROPN"} or subject.head.i >= cc.i or subject.head.i < first.i:
            continue  # only a subject the parser hung on the first clause
        subject.head = second
        subject.dep_ = "nsubj"
        for token in doc[cc.i + 1 : second.i]:
            if token.i != subject.i and token.head.i < cc.i:
                token.head = subject
        second.head = first
        second.dep_ = "conj"
        cc.head = second
