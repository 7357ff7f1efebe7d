"""Splitting a parsed sentence into clauses that each carry one checkable fact, and that read alone.

A clause head is split off from its parent's claim when it is a coordinated clause (conj: "llegó
a Rusia y visitó el cosmódromo"; "anunció que X y que Y"), an adverbial clause (advcl: "como
Washington mencionó ..."), a non-restrictive relative clause ("Kim, que viajó en tren"), a
parataxis, a prior-event adjunct set off by a comma ("..., tras un acuerdo mediado por X") or an
appositive that states a fact of its own ("..., his first foreign trip since ...").
Complements of speech verbs stay with the verb: "Putin dijo que ..." is one claim; restrictive
relatives stay with their noun ("un avión que se estrelló en Tver" says which plane).

A split clause often lacks what makes it readable: its subject (shared with the clause it is
coordinated with, or cut off by a relative clause in between), its antecedent, or the reporting
frame of a coordinated complement. That part is the clause's `lead`: the claim's text is the lead
and the clause, while its span still points at the clause in the article.

Both label sets are read: Universal Dependencies (the Spanish model) and ClearNLP (the English one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl"}
AUX_DEPS = {"aux", "aux:pass", "auxpass", "cop"}
EDGE_POS = {"PUNCT", "CCONJ", "SPACE"}
# Subordinators of prior or later events, whose clause or phrase asserts an event of its own.
TEMPORAL_MARKS = {"tras", "después", "antes", "after", "before", "following"}
# Subordinators of a time frame ("while Kim was in Russia"): the frame is presupposed, not asserted,
# and stays with the event it frames.
FRAME_MARKS = {"while", "when", "as", "mientras", "cuando", "since", "desde", "until", "hasta", "al"}
# ("al" + infinitive is "cuando": "murieron al hundirse el ferri" is one event and its moment.)
# Verbs that take a stance on a proposition: "..., which Russia denies", "lo que Moscú desmiente".
STANCE_LEMMAS = {"deny", "dispute", "confirm", "negar", "desmentir", "confirmar", "rechazar", "reject"}
# Subordinators of purpose ("so that officials can count", "para que los agentes revisen"): an aim,
# not an event, and it stays with the clause it explains.
PURPOSE_MARKS = {"so", "para"}
# Subordinators of a condition ("could be lifted if Beijing cuts its subsidies", "subirá si la
# inflación baja"): a conditional claim is one claim; its condition alone asserts nothing.
CONDITION_MARKS = {"if", "unless", "si", "salvo"}
# Absolute constructions ("..., with ballots from 40 of 52 districts counted"): a non-finite
# predicate the preposition hangs on the clause, a circumstance of it, not a claim of its own.
ABSOLUTE_MARKS = {"with", "without", "con", "sin"}
# Participles that work as prepositions: "..., incluida una reunión a solas" is part of its clause.
PREPOSITIONAL_PARTICIPLES = {"incluido", "incluida", "incluidos", "incluidas", "including", "excluding"}
# Modifiers that make an appositive a claim: "his first foreign trip", "su primer viaje".
ORDINALS = {"first", "last", "second", "primer", "primero", "primera", "último", "última", "segundo", "segunda"}
MIN_PARENT_WORDS = 4
"""A parent left with fewer words than this by a split ("The announcement came") keeps its child."""
_INFINITIVE = re.compile(r"[a-záéíóúñ]{2,}(ar|er|ir)(se|le|les|lo|la)?")


@dataclass(frozen=True)
class Clause:
    head: Token
    span: Span
    lead: Span | None = None
    """Words from elsewhere in the sentence that the clause needs to stand alone, placed before it."""
    joiner: str = " "


def is_finite(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm", [])


def is_clause_head(token: Token) -> bool:
    """A verb (or a predicate with a copula) that makes a clause: finite itself, or with a finite
    auxiliary ("será archivada", "would leave") or a subject of its own."""
    if is_finite(token):
        return True
    if token.pos_ not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return False
    children = list(token.children)
    if token.pos_ == "NOUN" and token.dep_ == "conj" and any(c.dep_ == "dobj" for c in children):
        return True  # "and that repeated bleaching leaves too little time": a verb the tagger read as a noun
    if token.pos_ in {"ADJ", "NOUN"}:
        return any(c.dep_ == "cop" for c in children)
    return any(c.dep_ in AUX_DEPS and (is_finite(c) or c.tag_ == "MD") for c in children) or any(
        c.dep_ in SUBJECT_DEPS for c in children
    )


def _marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"} and c.i < token.i}


def _first_word(token: Token) -> Token:
    """The first word of a token's phrase (the parser hangs the comma before it on the phrase)."""
    return next((t for t in token.subtree if not t.is_punct and not t.is_space), token)


def _after_comma(token: Token) -> bool:
    """Whether the token's phrase is set off by a comma (or a dash or bracket) before it."""
    first = _first_word(token).i
    doc = token.doc
    for k in (first - 1, first - 2):  # the nearest of the two tokens before that is not a space
        if k >= 0 and not doc[k].is_space:
            return doc[k].text in {",", "—", "–", "("}
    return False


def is_relative(token: Token) -> bool:
    """A relative clause: English relcl, or a Spanish acl with a relative pronoun ("que", "donde")."""
    if token.dep_ == "relcl":
        return True
    if token.dep_ != "acl":
        return False
    return any("Rel" in t.morph.get("PronType", []) for t in token.subtree if t.i < token.i)


SPLIT_DEPS = {"acl", "advcl", "relcl", "conj", "parataxis", "appos", "prep", "obl", "nmod"}
"""The only relations starts_clause ever splits at (it runs on every word, so it looks here first)."""


def starts_clause(token: Token) -> bool:
    """Whether a token heads a clause that is split off from its parent's claim."""
    dep = token.dep_
    if dep not in SPLIT_DEPS or token.lower_ in PREPOSITIONAL_PARTICIPLES:
        return False
    if dep in {"acl", "advcl"} and _is_reduced_relative(token):
        return True
    if _reports_the_clause_before(token):
        return False
    if dep in {"acl", "relcl"}:
        if not (is_relative(token) and is_clause_head(token)):
            return False
        return (_after_comma(token) or _in_apposition(token)) and not describes_its_name(token)
    if dep == "advcl":
        if _free_relative(token):
            return False
        marks = _marks(token)
        if marks & (PURPOSE_MARKS | CONDITION_MARKS) or is_trailing_attribution(token):
            return False
        if _is_absolute(token):
            return False
        if is_participle_report(token):
            return True
        if _finite_without_subject(token, marks):
            return False
        if "Inf" in token.morph.get("VerbForm", []) and not is_clause_head(token):
            return bool(marks & TEMPORAL_MARKS)
        if not is_clause_head(token):
            return False
        if marks & TEMPORAL_MARKS and not _has_details(token):
            return False
        return not (marks & FRAME_MARKS) or _is_reporting_clause(token) or _is_contrast(token, marks)
    if dep in {"conj", "parataxis"}:
        if dep == "conj" and any(c.dep_ == "cc" and c.lower_ == "que" for c in token.children):
            return False  # "haya tenido que cerrar": "que" of a periphrasis coordinates nothing
        return is_clause_head(token) and not is_trailing_attribution(token)
    if dep == "appos":
        return _is_factual_apposition(token)
    return _is_prior_event_phrase(token)


def describes_its_name(token: Token) -> bool:
    """ "El río Salí, que atraviesa la capital provincial, superó ...", "the authority, which
    handles cyber incidents, said ...": a relative in the simple present, on a name, with no figure,
    date or name of its own, says what its antecedent is or does as a rule. That description is
    part of how the clause names its subject, not a fact with a time to check, so it stays in the
    clause instead of cutting the subject off from its verb ("Kim, que viajó en tren" is an event
    and is split)."""
    from workbench.nlp.attribution import is_reporting

    antecedent = token.head
    if not (antecedent.pos_ == "PROPN" or antecedent.ent_type_) or is_reporting(token):
        return False
    if any(c.dep_ in AUX_DEPS for c in token.children):
        return False
    if token.doc.lang_ == "en":
        present = token.tag_ in {"VBZ", "VBP"}
    else:
        present = "Pres" in token.morph.get("Tense", []) and "Ind" in token.morph.get("Mood", [])
    return present and not any(_detail(t) for t in token.subtree)


def _detail(token: Token) -> bool:
    """A word a fact-checker can hold a clause to: a number (not an indefinite article), a name, a
    date or time."""
    number = token.like_num and token.pos_ != "DET" and token.dep_ != "det"
    return number or token.pos_ == "PROPN" or bool(token.ent_type_) or "Tim" in token.morph.get("AdvType", [])


def _in_apposition(token: Token) -> bool:
    """ "Ana Ruiz, a former judge who lost the 2019 race, ...": a relative inside an apposition set
    off by commas says something of the person the apposition describes, and is a fact of its own.
    So does one on an indefinite noun set off after its clause, when it gives a detail of its own
    ("mantuvo el tipo fijo durante 15 años, un periodo en el que las reservas superaron los 15.000
    millones"): the noun only restates the clause before it, and the relative states the fact."""
    noun = token.head
    if not _after_comma(noun):
        return False
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return True
    indefinite = any(c.dep_ == "det" and "Ind" in c.morph.get("Definite", []) for c in noun.children)
    return indefinite and noun.i > noun.head.i and noun.pos_ == "NOUN" and any(_detail(t) for t in token.subtree)


def _free_relative(token: Token) -> bool:
    """ "en lo que va de 2026", "por lo que se sabe": a relative with no antecedent after a
    preposition is a noun phrase of its clause (a span of time, a source), not a clause of its own."""
    children = [c for c in token.children if c.i < token.i]
    return (
        token.doc.lang_ == "es"
        and any(c.pos_ == "ADP" for c in children)
        and any(c.dep_ in SUBJECT_DEPS | {"obj"} and "Rel" in c.morph.get("PronType", []) for c in children)
    )


def _is_absolute(token: Token) -> bool:
    """ "..., with ballots from 40 of 52 districts counted": a participle or gerund opened by
    with/without (con/sin), with its own subject, and no finite verb."""
    first = _first_word(token)
    return first.lower_ in ABSOLUTE_MARKS and first.i < token.i and not is_finite(token)


def is_participle_report(token: Token) -> bool:
    """ "The union backed the deal, saying that 300 jobs were safe" / "..., asegurando que ...": a
    gerund or participle of a reporting verb set off by a comma, with what it reports. What it
    reports is a claim of its own, and its speaker is the subject of the clause it hangs on."""
    from workbench.nlp.attribution import is_reporting

    if token.dep_ != "advcl" or token.head.i > token.i or not _after_comma(token):
        return False
    forms = set(token.morph.get("VerbForm", []))
    if not forms & {"Part", "Ger"} or token.tag_ == "VBN" or not is_reporting(token):
        return False
    return any(c.dep_ in {"ccomp", "parataxis"} and c.i > token.i for c in token.children)


def participle_speaker_clause(token: Token) -> Token:
    """The clause whose subject speaks a participle report. A participle hung on what someone
    reports is the reporter's ("His lawyer told Reuters the athlete would appeal, arguing that the
    panel erred": the lawyer argues, not the athlete); otherwise the clause it hangs on."""
    from workbench.nlp.attribution import is_reporting

    clause = token.head
    if clause.dep_ in {"ccomp", "parataxis"} and clause.head.i < clause.i and is_reporting(clause.head):
        return clause.head
    return clause


CONTRAST_MARKS = {"while", "mientras"}
STATE_LEMMAS = {"be", "ser", "estar"}


def _is_contrast(token: Token, marks: set[str]) -> bool:
    """ "Eight members voted to hold, while one voted for a cut" / "..., mientras dos se
    abstuvieron": after a comma, with a subject of its own and a completed (or habitual) event,
    "while" sets a second fact beside the first, and it is a claim of its own. A frame stays
    with its event: no comma, a state ("while the minister was in Lisbon") or an ongoing action ("while
    wages were falling", "mientras visitaba")."""
    if not marks & CONTRAST_MARKS or not _after_comma(token) or token.lemma_.lower() in STATE_LEMMAS:
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} for c in token.children):
        return False
    if token.doc.lang_ == "en":
        # "while the rest were split among ...": a passive's tense is its auxiliary's.
        auxiliaries = [c for c in token.children if c.dep_ in {"auxpass", "aux"}]
        return token.tag_ in {"VBD", "VBZ", "VBP"} or (
            token.tag_ == "VBN" and [a.tag_ for a in auxiliaries] in (["VBD"], ["VBZ"], ["VBP"])
        )
    return bool({"Past", "Pres"} & set(token.morph.get("Tense", []))) and is_finite(token)


def _finite_without_subject(token: Token, marks: set[str]) -> bool:
    """English has no finite adverbial clause without a subject and a subordinator: the parser
    made one of a sentence's own predicate after a long subject ("Floods sweeping the north since
    Monday | have displaced 3,000 families"), and cutting there leaves a subject and a predicate
    that mean nothing apart. Spanish drops subjects, so the rule is English only."""
    if token.doc.lang_ != "en" or marks or any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return False
    return is_finite(token) or any(c.dep_ in AUX_DEPS and (is_finite(c) or c.tag_ == "MD") for c in token.children)


def _reports_the_clause_before(token: Token) -> bool:
    """ "..., which Russia denies" / "..., lo que Rusia niega": a relative whose pronoun is what a
    reporting verb says or denies refers to the whole clause before it; it stays with that claim
    instead of becoming a fragment ("August, which Russia denies")."""
    if token.dep_ not in {"relcl", "acl", "advcl"} or token.lemma_.lower() not in STANCE_LEMMAS:
        return False
    for child in token.children:
        if child.dep_ not in {"dobj", "obj"} or child.i >= token.i:
            continue
        before = child.doc[child.i - 1].lower_ if child.i > 0 else ""
        # A sentential relative: "lo que"/"lo cual" in Spanish (a bare "que" has a noun for
        # antecedent: "un alza del 4 %, que los trabajadores rechazaron"), "which" in English.
        if child.lower_ == "which" or (child.lower_ in {"que", "cual"} and before == "lo"):
            return True
    return False


def _is_reporting_clause(token: Token) -> bool:
    from workbench.nlp.attribution import is_reporting

    return is_reporting(token) and not is_trailing_attribution(token)


def is_trailing_attribution(token: Token) -> bool:
    """ "X fell to 3.4%, the statistics office reported on Wednesday": a reporting verb after its
    clause, set off by a comma, with a subject and nothing reported of its own. The parser hangs
    it on the clause (advcl, parataxis); it is the clause's attribution, not a claim."""
    from workbench.nlp.attribution import is_reporting

    if token.dep_ not in {"advcl", "parataxis"} or token.head.i > token.i or not is_reporting(token):
        return False
    from workbench.nlp.attribution import inverted_speaker

    if not _after_comma(token):
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} for c in token.children):
        return inverted_speaker(token) is not None  # "..., anunció la cartera": the speaker taken for an object
    # No subordinator either: "..., como Washington mencionó la víspera" is a claim of its own;
    # but "..., según informó la empresa en un comunicado" only says who reports the clause.
    first = _first_word(token)
    according = first.lower_ == "según"
    if first.pos_ in {"SCONJ", "ADP"} and not according:
        return False
    kept = {"ccomp", "xcomp", "dobj", "obj"} if according else {"ccomp", "xcomp", "dobj", "obj", "mark"}
    return not any(c.dep_ in kept for c in token.children)


def _is_prior_event_phrase(token: Token) -> bool:
    """ "..., tras tres rondas de conversaciones en marzo y junio" / "..., after talks in Minsk": a phrase
    set off by a comma that dates the clause by another event, which is a fact of its own.
    (The cheap tests of the token come first: this runs on every word of every sentence.)"""
    if token.head.i == token.i:
        return False
    if token.dep_ == "prep" and token.lower_ in TEMPORAL_MARKS:  # English: the preposition heads
        if not _after_comma(token):
            return False
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or objects[0].pos_ not in {"NOUN", "PROPN"} or len(list(token.subtree)) < 4:
            return False
        return _has_details(token)
    if token.dep_ in {"obl", "nmod"} and token.pos_ in {"NOUN", "PROPN"}:
        marker = _first_word(token)
        if marker.lower_ not in TEMPORAL_MARKS or marker.i >= token.i or not _after_comma(token):
            return False
        return len(list(token.subtree)) >= 4 and _has_details(token)
    return False


def _has_details(token: Token) -> bool:
    """ "..., after water flooded the runway", "before the storm arrived": an earlier or later event
    with no figure, date or name of its own only frames the event of its clause and stays with it;
    "tras tres rondas de conversaciones en marzo y junio", "after talks in Minsk" assert one of their own."""
    return any(_detail(t) for t in token.subtree)


def _is_factual_apposition(token: Token) -> bool:
    """ "..., his first foreign trip since the pandemic began": an appositive of a whole clause's
    noun that ranks or dates the event states something to check."""
    if token.pos_ != "NOUN" or not _after_comma(token) or token.i + 1 >= len(token.doc):
        return False
    modifiers = {c.lower_ for c in token.children if c.dep_ in {"amod", "det", "nummod"}}
    return bool(modifiers & ORDINALS) and any(
        c.dep_ in {"advcl", "acl", "relcl", "prep", "nmod"} for c in token.children
    )


def _is_reduced_relative(token: Token) -> bool:
    """A participle set off by a comma: "el ejército ruso, implicado en la operación en Ucrania"."""
    return (
        token.pos_ in {"VERB", "ADJ"}
        and "Part" in token.morph.get("VerbForm", [])
        and token.lower_ not in PREPOSITIONAL_PARTICIPLES
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and any(c.dep_ in {"obl", "obj"} for c in token.children)
    )


def clause_spans(sent: Span) -> Iterator[Clause]:
    """Clauses of a sentence, in text order.

    A clause is its head's subtree less the clauses split off inside it; where that leaves
    gaps (a relative clause in the middle), the clause is its longest unbroken run.
    """
    heads = {sent.root.i: sent.root} | {t.i: t for t in sent if t.i != sent.root.i and starts_clause(t)}
    while True:
        owner = _owners(sent, heads)
        trivial = _trivial_parent_child(sent, heads, owner)
        if trivial is None:
            break
        del heads[trivial]
    found = []
    for _, head in sorted(heads.items()):
        parted = _report_parted_by_relative(sent, head, heads, owner)
        if parted is not None:
            found.append(parted)
            continue
        run = _longest_run(sent, head, owner)
        if run is not None:
            for sub_head, span in _split_temporal_infinitive(head, run):
                found.append(_with_lead(sub_head, span, sub_head is head and head.i != sent.root.i))
    # In text order of the spans: a reporting verb's clause can start before its head.
    yield from _with_trailing_phrase(sorted(found, key=lambda clause: clause.span.start), sent)


def _with_trailing_phrase(clauses: list[Clause], sent: Span) -> list[Clause]:
    """ "... y que unos 1.800 pacientes permanecen hospitalizados, la mayoría en Asunción": a verbless
    phrase after a comma at the end of the sentence that the parser hung on an earlier clause belongs
    to no claim's run, and would be dropped; it qualifies the clause right before it, which takes it."""
    if not clauses:
        return clauses
    last = max(clauses, key=lambda clause: clause.span.end)
    words = [t for t in sent[last.span.end - sent.start :] if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 4 or words[0].text != "," or words[0].i != last.span.end:
        return clauses
    phrase = words[1:]
    if sum(t.is_alpha for t in phrase) < 3 or any(t.pos_ in {"VERB", "AUX"} for t in phrase):
        return clauses
    if any(t.i in range(c.span.start, c.span.end) for c in clauses for t in phrase):
        return clauses
    extended = Clause(last.head, sent.doc[last.span.start : phrase[-1].i + 1], last.lead, last.joiner)
    return [extended if clause is last else clause for clause in clauses]


def _owners(sent: Span, heads: dict[int, Token]) -> dict[int, int]:
    """Token -> the clause head it belongs to: its nearest ancestor that heads a clause (the
    sentence's root when none does). Each token's climb stops at a token already placed."""
    owner: dict[int, int] = {}
    root = sent.root.i
    for token in sent:
        path = []
        ancestor = token
        while ancestor.i not in heads and ancestor.i not in owner and ancestor.head.i != ancestor.i:
            path.append(ancestor.i)
            ancestor = ancestor.head
        if ancestor.i in heads:
            found = ancestor.i
        else:
            found = owner.get(ancestor.i, root)
        owner[token.i] = found
        for i in path:
            owner[i] = found
    return owner


def _trivial_parent_child(sent: Span, heads: dict[int, Token], owner: dict[int, int]) -> int | None:
    """A split-off head whose parent keeps too few words to be a claim ("The announcement came |
    after ..."), so the two stay one claim; None when every parent is large enough."""
    words: dict[int, int] = {}
    for token in sent:
        if token.is_alpha:
            words[owner[token.i]] = words.get(owner[token.i], 0) + 1
    for i in sorted(heads):
        head = heads[i]
        if i == sent.root.i:
            continue
        parent = owner[head.head.i] if head.head.i in owner else sent.root.i
        if parent != i and 0 < words.get(parent, 0) < MIN_PARENT_WORDS:
            return i
    return None


def _with_lead(head: Token, span: Span, split: bool) -> Clause:
    """The clause with what it needs to be read alone: antecedent, reporting frame or subject."""
    if split and (is_relative(head) or _is_reduced_relative(head)):
        antecedent = _phrase_before(_antecedent(head), span.start)
        if antecedent is not None:
            return Clause(head, span, antecedent, ", ")
        return Clause(head, span)
    frame = _reporting_frame(head) if split else None
    if frame is not None and frame.end <= span.start:
        return Clause(head, span, frame)
    if split and head.dep_ == "conj" and _own_counted_subject(head):
        return Clause(head, span)  # "14 murieron y más de 3.500 fueron evacuadas": its own subject
    subject = _subject(
        _reported_content(head, span) or (participle_speaker_clause(head) if is_participle_report(head) else head)
    )
    if subject is None or "Rel" in subject.morph.get("PronType", []):
        return _with_fronted(head, span)
    phrase = _phrase_before(subject, span.start)
    if phrase is None or phrase.end > span.start or (phrase.start >= span.start and phrase.end <= span.end):
        return _with_fronted(head, span)
    return Clause(head, span, phrase)


FRONTED_DEPS = {"obl", "nmod", "advmod", "prep", "npadvmod"}


def _with_fronted(head: Token, span: Span) -> Clause:
    """ "En Madrid y Barcelona, donde vive un tercio de los inquilinos, el alquiler superó ...": a
    phrase fronted before the clause, cut off from it by a relative clause split off inside it,
    says where or when the clause holds, and comes back as its lead instead of being dropped."""
    for child in head.children:
        if child.dep_ not in FRONTED_DEPS or child.i >= span.start:
            continue
        relatives = [
            t
            for t in child.subtree
            if t.dep_ in {"acl", "relcl"} and t.i != child.i and is_relative(t) and starts_clause(t)
        ]
        if not relatives:
            continue
        cut = {t.i for r in relatives for t in r.subtree}
        words = [t for t in child.subtree if t.i < span.start]
        end = next((k for k, t in enumerate(words) if t.i in cut), len(words))
        words = words[:end]
        while words and (words[-1].pos_ in EDGE_POS or words[-1].is_space):
            words.pop()
        if words and words[0].i == _first_word(child).i:
            return Clause(head, span, head.doc[words[0].i : words[-1].i + 1], ", ")
    return Clause(head, span)


def _antecedent(head: Token) -> Token:
    """The noun a relative or participle clause describes; a participle the parser hung on the verb
    ("elogió al ejército ruso, implicado en ...") describes the noun before its comma."""
    if head.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        # "la rebelión armada de Wagner, que llegó ...": the whole noun phrase before the comma.
        noun = head.head
        while noun.dep_ in {"nmod", "flat", "appos", "compound"} and noun.head.pos_ in {"NOUN", "PROPN"}:
            noun = noun.head
        return noun
    doc = head.doc
    words = [t for t in head.subtree if not t.is_punct and not t.is_space]
    k = words[0].i - 1 if words else head.i - 1
    while k > 0 and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    noun = doc[k]
    while noun.head.i != noun.i and noun.head.pos_ in {"NOUN", "PROPN"} and noun.head.i < head.i:
        noun = noun.head
    return noun if noun.pos_ in {"NOUN", "PROPN", "ADJ"} else head.head


def _subject(head: Token) -> Token | None:
    """The subject of a clause head: its own, or (coordinated verbs share it) its first conjunct's."""
    current = head
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if current.dep_ != "conj":
            return None
        current = coordinated_with(current)
    return None


def _own_counted_subject(head: Token) -> bool:
    """A conjunct whose words before the verb (after the conjunction) hold a figure: "y más de
    3.500 fueron evacuadas", "and 200 were injured". The parser often leaves such a counted
    subject unlabelled; it is the conjunct's own, so the first conjunct's is not carried."""
    for child in head.children:
        if child.i < head.i and child.dep_ not in {"cc", "punct", "aux", "aux:pass", "auxpass", "mark", "neg"}:
            if any(t.like_num for t in child.subtree):
                return True
    return False


def _reported_content(head: Token, span: Span) -> Token | None:
    """ "El puente, que cruza el río, cerró el lunes, informaron fuentes": a reporting verb after
    what it reports; the subject the claim needs is the reported clause's, not the source's."""
    from workbench.nlp.attribution import is_reporting

    if not is_reporting(head):
        return None
    for child in head.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.i < head.i and span.start <= child.i < span.end:
            return child
    return None


def coordinated_with(token: Token) -> Token:
    """The verb a conjunct is coordinated with: its head, except where the parser hung on a
    reported clause a verb that belongs with the reporting verb, which its form betrays:
    "alleged that ballots had been tampered with and called for a recount" (a bare past beside
    a pluperfect), "prevé que las lluvias continúen y mantiene la alerta" (an indicative beside a
    subjunctive, a singular beside a plural subject)."""
    from workbench.nlp.attribution import is_reporting

    head = token.head
    if token.dep_ != "conj" or head.dep_ != "ccomp" or not is_reporting(head.head):
        return head
    if any(c.dep_ in SUBJECT_DEPS for c in token.children) or _marks(token) & {"que", "that"}:
        return head
    reporter = head.head
    if token.doc.lang_ == "en":
        if _reports_its_own(token, reporter):
            return reporter
        own_aux = any(c.dep_ in AUX_DEPS for c in token.children)
        head_aux = any(c.dep_ in AUX_DEPS and is_finite(c) for c in head.children)
        return reporter if is_finite(token) and not own_aux and head_aux else head
    mood, head_mood = token.morph.get("Mood", []), head.morph.get("Mood", [])
    if mood and head_mood and mood != head_mood and mood == reporter.morph.get("Mood", []):
        return reporter
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    number = token.morph.get("Number", [])
    if subject is not None and number and subject.morph.get("Number", []) not in ([], number):
        return reporter if reporter.morph.get("Number", []) == number else head
    return head


def _reports_its_own(token: Token, reporter: Token) -> bool:
    """ "The agency said 12 roads were closed and warned that more could follow": a conjunct with
    no subject that reports a that-clause of its own, in the reporter's tense, is a second report of
    the reporter's subject, not a second fact of what the reporter reported."""
    from workbench.nlp.attribution import is_reporting

    if not is_reporting(token) or token.tag_ != reporter.tag_:
        return False
    return any(c.dep_ == "ccomp" and _marks(c) & {"that"} for c in token.children)


def _reporting_frame(head: Token) -> Span | None:
    """ "El Kremlin anunció" for the second of "El Kremlin anunció que X y que Y"."""
    from workbench.nlp.attribution import is_reporting

    if head.dep_ != "conj":
        return None
    # The complementiser, as a mark or (the Spanish model, now and then) as a subject pronoun:
    # "dijo que X y que bajará la inflación".
    opening = [c for c in head.children if c.i < head.i and c.dep_ != "cc" and not c.is_punct]
    if not _marks(head) & {"que", "that"} and not (opening and opening[0].lower_ in {"que", "that"}):
        return None
    verb = head.head
    # "said X had informed Y and that Z": the second complement is the first's sibling, reported
    # by the verb above the first even when the first is a reporting verb itself.
    if verb.dep_ == "ccomp" and is_reporting(verb.head):
        verb = verb.head
    if not is_reporting(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    start = subject.left_edge.i if subject is not None else verb.i
    # The frame runs to the first complement: "told reporters in Helsinki", not "told".
    first = head.head if head.head.i != verb.i else None
    end = _first_word(first).i if first is not None and first.i > verb.i else verb.i + 1
    while end > verb.i + 1 and (verb.doc[end - 1].is_punct or verb.doc[end - 1].lower_ in {"que", "that"}):
        end -= 1
    return verb.doc[start:end]


def _phrase_before(token: Token, limit: int) -> Span | None:
    """A noun phrase without its clauses, ending before `limit`: the antecedent or the subject."""
    clause_deps = {"acl", "relcl", "advcl", "parataxis", "conj", "cc"}
    skip = {
        t.i
        for d in token.subtree
        if d.i != token.i and d.i > token.i and (d.dep_ in clause_deps or (d.dep_ == "punct" and d.head.i == token.i))
        for t in d.subtree
    }
    words = [t for t in token.subtree if t.i not in skip and t.i < limit]
    while words and (words[-1].pos_ in EDGE_POS or words[-1].is_space):
        words.pop()
    while words and (words[0].pos_ in EDGE_POS or words[0].is_space or words[0].pos_ == "ADP"):
        words.pop(0)
    if not words:
        return None
    start, end = words[0].i, words[-1].i + 1
    # Keep the phrase unbroken: stop at the first gap (an appositive's clause).
    for previous, current in zip(words, words[1:]):
        if current.i != previous.i + 1:
            end = previous.i + 1
            break
    return token.doc[start:end]


def _split_temporal_infinitive(head: Token, run: Span) -> Iterator[tuple[Token, Span]]:
    """Split "llegó a Rusia en su tren blindado | tras partir de Pyongyang el domingo".

    The small Spanish model often tags such an infinitive as a noun in a fixed phrase, so
    the split is lexical: 'tras', 'antes de' or 'después de' and a word ending like an infinitive,
    when the infinitive's phrase names a place, a time or a figure ("antes de sentarse a negociar"
    only says when, and stays).
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
            rest = doc[token.i : run.end]
            if not any(t.ent_type_ or t.like_num or t.pos_ == "PROPN" for t in rest):
                continue
            yield head, doc[run.start : token.i]
            yield doc[marker_end], rest
            return
    yield head, run


def _content_before_attribution(head: Token, runs: list[tuple[int, int]]) -> Token | None:
    """ "Un sismo sacudió la costa y dejó 12 muertos, informó el instituto": when a split-off
    clause (the "y dejó ...") parts a reporting verb from what it reports, the clause is what is
    reported (the claimant still comes from the verb), not the bare "informó el instituto"."""
    from workbench.nlp.attribution import is_reporting

    if len(runs) < 2 or not is_reporting(head):
        return None
    own = next((r for r in runs if r[0] <= head.i <= r[1]), None)
    for child in head.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.i < head.i and own is not None and child.i < own[0]:
            if any(r[0] <= child.i <= r[1] for r in runs):
                return child
    return None


def _fixed_to_trimmed(token: Token, start: int) -> bool:
    """The "que" of "mientras que", "ya que", "así que" once its conjunction is trimmed off."""
    return token.dep_ == "fixed" and token.head.i < start


def _contrast_mark(token: Token, head: Token) -> bool:
    """The "while" of a contrast split off ("..., while the rest were split"): the second fact
    reads alone without it, as "mientras que" leaves the Spanish one."""
    return token.dep_ == "mark" and token.head.i == head.i and token.lower_ in CONTRAST_MARKS and head.dep_ == "advcl"


def _trailing_connective(token: Token) -> bool:
    """A subordinator or a conjunction's fixed part ending a claim: "..., mientras que", "..., so that"."""
    return token.pos_ == "SCONJ" or (token.dep_ == "fixed" and token.head.pos_ in {"CCONJ", "SCONJ", "ADV"})


def _runs(sent: Span, head: Token, owner: dict[int, int]) -> list[tuple[int, int]]:
    """The unbroken runs (first, last token index) of the tokens a clause head owns."""
    runs: list[tuple[int, int]] = []
    for i in range(sent.start, sent.end):
        if owner[i] != head.i:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _report_parted_by_relative(
    sent: Span, head: Token, heads: dict[int, Token], owner: dict[int, int]
) -> Clause | None:
    """ "The board said the firm, which employs 300 people, had missed two payments" / "Se cree que
    el puerto, que abrió en 2019, moverá 2 millones de contenedores, dijeron": a relative split off
    after a subject parts the clause in two, the subject (with the reporting verb and anything
    before it) and the subject's verb. The claim is the verb's part, led by the subject's ("The
    board said the firm had missed two payments"); the subject's part alone says nothing, and the
    rest was dropped."""
    runs = [
        r for r in _runs(sent, head, owner) if any(not t.is_punct and not t.is_space for t in sent.doc[r[0] : r[1] + 1])
    ]
    if len(runs) != 2:
        return None
    doc = sent.doc
    (a0, a1), (b0, b1) = runs
    between = range(a1 + 1, b0)
    relatives = {h.i for h in heads.values() if h.i in between and is_relative(h) and a0 <= h.head.i <= a1}
    if not relatives or any(owner[i] not in relatives and not doc[i].is_punct and not doc[i].is_space for i in between):
        return None
    subjects = [t for t in doc[a0 : a1 + 1] if t.dep_ in SUBJECT_DEPS and b0 <= t.head.i <= b1]
    if not subjects:
        return None
    # A first part that is the subject alone ("Ana Ruiz, a former judge") is the subject lead's case.
    if all(t.i in {d.i for d in subjects[0].subtree} or t.is_punct for t in doc[a0 : a1 + 1]):
        return None
    lead, content = _trimmed(doc, a0, a1, head), _trimmed(doc, b0, b1, head)
    if lead is None or content is None:
        return None
    return Clause(head, content, lead)


def _trimmed(doc: Doc, start: int, end: int, head: Token) -> Span | None:
    """doc[start:end + 1] without the punctuation and connectives at its edges."""
    while start <= end and (
        doc[start].pos_ in EDGE_POS
        or doc[start].is_space
        or _fixed_to_trimmed(doc[start], start)
        or _contrast_mark(doc[start], head)
    ):
        start += 1
    while end >= start and (
        (doc[end].pos_ in EDGE_POS and doc[end].text not in {"”", "»", '"'})
        or doc[end].is_space
        or _trailing_connective(doc[end])
    ):
        end -= 1
    if start > end:
        return None
    return doc[start : end + 1]


def _longest_run(sent: Span, head: Token, owner: dict[int, int]) -> Span | None:
    """The unbroken run of the head's own tokens that holds the head (else the longest), edges trimmed."""
    runs = _runs(sent, head, owner)
    doc = sent.doc
    # The run that holds the head (the verb) is the clause; a subject cut off from it by a
    # relative clause comes back as the clause's lead.
    holds = head.i
    said = _content_before_attribution(head, runs)
    if said is not None:
        holds = said.i
    start, end = max(runs, key=lambda r: (r[0] <= holds <= r[1], sum(1 for t in doc[r[0] : r[1] + 1] if t.is_alpha)))
    # A connective at either edge belongs to no claim: "X subió, mientras que | Y bajó" leaves
    # neither "mientras que" on the first nor "que" (fixed to the conjunction) on the second.
    return _trimmed(doc, start, end, head)
