"""Who asserts a claim: the subject of a reporting verb, "según X", or the speaker of a quote.

Sentences inside a quotation that closes later ("“... Están tratando ...”, dijo Putin")
take the speaker named where it closes; a reporting verb with no subject of its own
("y dijo que ...", "También elogió ...") takes the last speaker named before it.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.nlp.gazetteer import BODY_HEADS, canonical, find_in, is_body_head

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Lemmas of verbs that report speech or a stated position. English: the lexical units of the
# FrameNet 1.7 frames Statement, Telling, Reporting, Reveal_secret, Request, Complaining,
# Judgment_communication and Communication_response that wire copy uses, written out by hand (no
# FrameNet data is copied). Spanish: the same frames' equivalents as listed by the Spanish
# FrameNet project and the "verbos de lengua" of the Nueva gramática de la lengua española
# (RAE, §43.3), likewise written out by hand. Both lists are lemmas, read through the models'
# lemmatizers; opinion verbs (creer, considerar, think) are here too and also make a claim an opinion.
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
    "sostener",
    "manifestar",
    "expresar",
    "apuntar",
    "aclarar",
    "recordar",
    "comentar",
    "relatar",
    "narrar",
    "describir",
    "detallar",
    "citar",
    "reportar",
    "difundir",
    "divulgar",
    "proclamar",
    "alegar",
    "argumentar",
    "argüir",
    "aducir",
    "replicar",
    "responder",
    "contestar",
    "objetar",
    "protestar",
    "quejarse",
    "lamentar",
    "reclamar",
    "exigir",
    "instar",
    "urgir",
    "solicitar",
    "ordenar",
    "rogar",
    "sugerir",
    "proponer",
    "aconsejar",
    "recomendar",
    "avisar",
    "notificar",
    "confesar",
    "atribuir",
    "responsabilizar",
    "culpar",
    "condenar",
    "desmentir",
    "rechazar",
    "refutar",
    "reafirmar",
    "ratificar",
    "concluir",
    "calcular",
    "cifrar",
    "evaluar",
    "valorar",
    "juzgar",
    "tachar",
    "tildar",
    "catalogar",
    "definir",
    "amenazar",
    "insinuar",
    "enfatizar",
    "remarcar",
    "resaltar",
    "puntualizar",
    "matizar",
    "especificar",
    "constatar",
    "certificar",
    "testificar",
    "creer",
    "pensar",
    "suponer",
    "sospechar",
    "prever",
    "pronosticar",
    "vaticinar",
    "predecir",
    "augurar",
    "jactarse",
    # posts and statements in writing ("escribió en su cuenta de X que ..."), and expectations
    "escribir",
    "tuitear",
    "esperar",
    "mostrar",
    "reflejar",
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
    "describe",
    "declare",
    "assert",
    "affirm",
    "argue",
    "contend",
    "explain",
    "mention",
    "remark",
    "comment",
    "observe",
    "point",
    "emphasise",
    "emphasize",
    "underline",
    "reiterate",
    "repeat",
    "acknowledge",
    "concede",
    "disclose",
    "divulge",
    "write",
    "testify",
    "attest",
    "certify",
    "vow",
    "pledge",
    "promise",
    "threaten",
    "caution",
    "urge",
    "ask",
    "demand",
    "request",
    "order",
    "suggest",
    "propose",
    "recommend",
    "advise",
    "reply",
    "respond",
    "answer",
    "retort",
    "counter",
    "object",
    "protest",
    "complain",
    "lament",
    "criticise",
    "criticize",
    "condemn",
    "denounce",
    "blame",
    "reject",
    "dismiss",
    "refute",
    "dispute",
    "rebut",
    "brand",
    "label",
    "term",
    "characterise",
    "characterize",
    "hail",
    "estimate",
    "calculate",
    "predict",
    "forecast",
    "believe",
    "think",
    "consider",
    "suspect",
    "conclude",
    "inform",
    "notify",
    "quote",
    "cite",
    "boast",
    "show",
    "post",
    "tweet",
    "rule",
    "expect",
    "anticipate",
}
# Inflected forms, for pipelines without a lemmatizer (the light one).
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
    "described",
    "declared",
    "asserted",
    "explained",
    "revealed",
    "alleged",
    "admitted",
    "wrote",
    "posted",
    "tweeted",
}
# Head nouns of unnamed sources, with their English name: "fuentes surcoreanas" -> South Korean sources.
SOURCE_NOUNS = {
    "fuente": "sources",
    "fuentes": "sources",
    "source": "sources",
    "sources": "sources",
    "funcionario": "officials",
    "funcionarios": "officials",
    "official": "officials",
    "officials": "officials",
    "bloguero": "bloggers",
    "blogueros": "bloggers",
    "blogger": "bloggers",
    "bloggers": "bloggers",
    "diplomático": "diplomats",
    "diplomáticos": "diplomats",
    "diplomat": "diplomats",
    "diplomats": "diplomats",
    "autoridades": "authorities",
    "authorities": "authorities",
    "medios": "media",
    "media": "media",
    "analistas": "analysts",
    "analysts": "analysts",
    "expertos": "experts",
    "experts": "experts",
    "testigos": "witnesses",
    "witnesses": "witnesses",
    "militares": "military officials",
    "corresponsales": "correspondents",
}
SOURCE_MODIFIERS = {
    "militar": "military",
    "militares": "military",
    "military": "military",
    "oficial": "official",
    "oficiales": "official",
    "gubernamentales": "government",
    "government": "government",
    "diplomáticas": "diplomatic",
    "diplomatic": "diplomatic",
    "estatales": "state",
    "state": "state",
    "senior": "senior",
    "altos": "senior",
    "intelligence": "intelligence",
    "inteligencia": "intelligence",
    "security": "security",
    "seguridad": "security",
}
OPEN_QUOTES = {"“", "«", '"'}
CLOSE_QUOTES = {"”", "»", '"'}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}
"""Subjects that can be speakers; a clausal subject (csubj) is what is said, never who says it."""
PASSIVE_DEPS = {"nsubj:pass", "nsubjpass", "auxpass", "aux:pass", "expl:pass", "expl:impers"}
TIME_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


@dataclass(frozen=True)
class Claimant:
    text: str
    canonical: str | None


def is_reporting(token: Token) -> bool:
    lemma = token.lemma_.lower() or token.lower_
    if not (token.pos_ in {"VERB", "AUX", ""} and (lemma in REPORTING_LEMMAS or token.lower_ in REPORTING_FORMS)):
        return False
    if lemma in EXPECTING and not any(c.dep_ in {"ccomp", "xcomp"} for c in token.children):
        return False  # "40 buques esperan turno": waiting, no claim
    return not _reports_a_thing(token)


EXPECTING = {"esperar"}
"""Verbs that state an expectation only with a clause ("espera vender", "espera que"); with a
noun they wait ("esperan turno"). English "expect" expects a noun too ("expect more explosions")."""


def _reports_a_thing(verb: Token) -> bool:
    """ "Se han reportado tres renuncias", "no casualties were reported": a passive whose subject
    is the thing reported, with no clause said and nobody saying it. The clause is a fact (its
    source is elsewhere, "de acuerdo con fuentes ..."), and its subject no speaker."""
    if not verb.doc.has_annotation("DEP"):
        return False
    children = list(verb.children)
    if any(c.dep_ in {"ccomp", "parataxis", "csubj", "agent", "obl:agent"} for c in children):
        return False
    reflexive = any(c.lower_ == "se" and c.i < verb.i for c in children)
    passive = any(c.dep_ in {"auxpass", "aux:pass"} for c in children)
    if not (reflexive or passive):
        return False
    subjects = [c for c in children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}]
    return any(c.pos_ == "NOUN" and c.ent_type_ not in {"PER", "PERSON", "ORG"} for c in subjects)


def is_impersonal(verb: Token) -> bool:
    """ "Se cree que ...", "se informó", "it is believed", "was reported": nobody named says it."""
    if not verb.doc.has_annotation("DEP"):
        return False
    children = list(verb.children)
    if any(c.dep_ in {"agent", "obl:agent"} for c in children):
        return False
    if any(c.lower_ == "se" and c.i < verb.i for c in children):
        # "se cree que ...": the clause is the verb's subject; "se lo dijo Putin" names a speaker.
        return not any(c.dep_ == "nsubj" and (c.pos_ in {"PROPN", "NOUN"} or c.ent_type_) for c in children)
    return any(c.dep_ in {"auxpass", "aux:pass"} for c in children)


def canonical_of_phrase(tokens: list[Token]) -> str | None:
    """The actor a claimant phrase names: the whole phrase if the gazetteer knows it ("la agencia
    rusa de aviación civil"), else an unnamed source ("blogueros militares rusos" -> "Russian
    military bloggers"), else the actor in the phrase's core (its head with possessors,
    compounds and appositions, not its prepositional phrases: "Russia's point man for relations
    with the United States" is Russia's), else any actor in it."""
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    whole = canonical(text)
    if whole is not None:
        return whole
    source = unnamed_source(tokens)
    if source is not None:
        return source
    core = _core(tokens)
    head = _head_of(core) if core else None
    person = _person_heading(head)
    if person is not None:
        # "Lars Eriksen, head of the Norwegian Medical Association" is Eriksen, not Norway: a
        # person the gazetteer knows, else nobody here (the people pass names the person).
        return find_in(person.doc[person.left_edge.i : person.i + 1].text)
    body = _body_name(tokens, head)
    if body is not None:
        return body
    if core:
        found = find_in(" ".join(t.text for t in core))
        if found is not None:
            return found
        found = _demonym_of(core)
        if found is not None:
            return found
    if head is not None and head.lower_ in SOURCE_NOUNS:
        # "officials in Brussels", "fuentes en Lusaka": where sources sit is not whom they speak for.
        where = {t.i for c in head.children if c.lower_ in PLACE_PREPOSITIONS for t in c.subtree}
        where |= {t.i for c in head.children for k in c.children if k.lower_ in PLACE_PREPOSITIONS for t in c.subtree}
        kept = [t for t in tokens if t.i not in where]
        return find_in(" ".join(t.text for t in kept)) if kept else None
    return find_in(text)


PLACE_PREPOSITIONS = {"in", "at", "en"}
PERSON_ENTITIES = {"PER", "PERSON"}
OFFICE_NOUNS = {
    "head",
    "chief",
    "director",
    "chair",
    "chairman",
    "chairwoman",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "secretary",
    "leader",
    "founder",
    "president",
    "minister",
    "directora",
    "jefe",
    "jefa",
    "portavoz",
    "presidente",
    "presidenta",
    "secretario",
    "secretaria",
    "líder",
    "fundador",
    "fundadora",
    "ministro",
    "ministra",
}
"""Offices an apposition gives a name ("X, head of the nurses' union"): the name is a person's."""


def _person_heading(head: Token | None) -> Token | None:
    """The person a phrase is about: its head, or the name a title heads ("el epidemiólogo Andrés
    Villalba", where the parser makes the title the head and the name its apposition)."""
    if head is None:
        return None
    if head.pos_ == "PROPN" and (
        head.ent_type_ in PERSON_ENTITIES or any(c.dep_ == "appos" and c.lower_ in OFFICE_NOUNS for c in head.children)
    ):
        return head  # "Marta Ilves, head of the ... Union": an office names a person, whatever NER said
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ in {"appos", "flat", "compound"} and child.i > head.i and child.ent_type_ in PERSON_ENTITIES:
            if not any(c.dep_ in {"case", "prep"} for c in child.children):
                return child
    return None


def _head_of(tokens: list[Token]) -> Token | None:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)


def _body_name(tokens: list[Token], head: Token | None) -> str | None:
    """A body named with its country ("the Electoral Commission of Zambia", "el Banco de España",
    "the Norwegian National Security Authority") is an actor of its own, not the country: its
    name, capitalised, without the article before it or what a comma or bracket adds after it."""
    from workbench.nlp.gazetteer import is_body_head

    if head is None or not is_body_head(head.text) or not head.text[:1].isupper():
        return None
    words = list(tokens)
    while words and words[0].pos_ in {"DET", "ADP", "PUNCT"}:
        words.pop(0)
    cut = next((k for k, t in enumerate(words) if t.text in {",", "(", "—", "–"}), len(words))
    words = words[:cut]
    if len(words) < 2 or head not in words:
        return None
    return head.doc[words[0].i : words[-1].i + 1].text


def _demonym_of(core: list[Token]) -> str | None:
    """An organisation named by its country's adjective ("la Defensa Civil peruana", "the Finnish
    coast guard") speaks for that country."""
    from workbench.nlp.gazetteer import demonym_country

    for token in core:
        if token.is_alpha and token.pos_ in {"ADJ", "PROPN", "NOUN", ""}:
            found = demonym_country(token.text)
            if found is not None:
                return found
    return None


def _core(tokens: list[Token]) -> list[Token]:
    """The tokens of a noun phrase outside its prepositional modifiers."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return tokens
    head = heads[0]
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in {"prep", "nmod", "acl", "relcl"} and child.i > head.i:
            if child.dep_ == "nmod" and not any(c.dep_ == "case" for c in child.children):
                continue
            skip |= {t.i for t in child.subtree}
    return [t for t in tokens if t.i not in skip]


def unnamed_source(tokens: list[Token]) -> str | None:
    """ "fuentes surcoreanas", "South Korean officials", "blogueros militares rusos": a source noun
    with a demonym, named in English as the wire does ("South Korean sources")."""
    from workbench.nlp.gazetteer import demonym_index, fold

    words = [t for t in tokens if t.is_alpha]
    nouns = [t for t in words if t.lower_ in SOURCE_NOUNS]
    if not nouns:
        return None
    demonyms = demonym_index()
    pairs = [f"{a.text} {b.text}" for a, b in zip(words, words[1:])]
    found = [demonyms[fold(w)][1] for w in [*pairs, *(t.text for t in words)] if fold(w) in demonyms]
    if not found:
        return None
    modifiers = [SOURCE_MODIFIERS[t.lower_] for t in words if t.lower_ in SOURCE_MODIFIERS and t.i != nouns[0].i]
    noun = SOURCE_NOUNS[nouns[0].lower_]
    return " ".join([found[0], *dict.fromkeys(m for m in modifiers if m not in noun), noun])


def phrase_claimant(tokens: list[Token]) -> Claimant | None:
    """A claimant from the tokens of a subject phrase, dropping a trailing clause or quote; never a
    pronoun, a relative pronoun, or a time or figure phrase."""
    words = [t for t in tokens if not t.is_space and t.text not in OPEN_QUOTES | CLOSE_QUOTES]
    # "la última encuesta de Invamer, publicada el 2 de marzo": a participle after a comma says
    # when or how the source appeared, not who it is.
    for k in range(1, len(words) - 1):
        after = words[k + 1]
        if words[k].text == "," and "Part" in after.morph.get("VerbForm", []) and after.pos_ in {"ADJ", "VERB"}:
            words = words[:k]
            break
    # The closing bracket of an acronym stays with its opening one: "la Conred (Conred)", never "(Conred".
    while words and words[-1].pos_ == "PUNCT" and not (words[-1].text == ")" and any(t.text == "(" for t in words)):
        words.pop()
    while words and words[0].pos_ in {"PUNCT", "ADP", "SCONJ", "CCONJ"}:
        words.pop(0)
    if not words:
        return None
    if all(t.pos_ in {"PRON", "DET"} for t in words) or any("Rel" in t.morph.get("PronType", []) for t in words[:1]):
        return None
    if all(t.ent_type_ in TIME_ENTITIES or t.pos_ in {"DET", "NUM", "ADP"} for t in words):
        return None
    doc = words[0].doc
    text = doc[words[0].i : words[-1].i + 1].text
    return Claimant(text=text, canonical=canonical_of_phrase(words))


def subject_of(verb: Token) -> Claimant | None:
    if not verb.doc.has_annotation("DEP"):
        return None  # no parse, no subject: and an unparsed token's children crash spaCy 3.8
    if is_impersonal(verb):
        return None
    from workbench.nlp.clauses import coordinated_with, is_participle_report, is_relative, participle_speaker_clause

    # The subject nearest the verb: the parser sometimes makes a subject of an appositive of the
    # reported clause too ("X rose, the fourth rise in a row, the institute said").
    subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(c.i - verb.i))
    for child in subjects[:1]:
        if child.dep_ in SUBJECT_DEPS:
            if _relative_pronoun(child) and is_relative(verb) and verb.head.pos_ in {"NOUN", "PROPN"}:
                # "la Cámara de Comercio, que asegura que ...": the antecedent says it; of "una queja
                # del Colegio de Arquitectos, que estima ...", the body named, not the complaint.
                antecedent = verb.head
                named = [
                    c
                    for c in antecedent.children
                    if c.dep_ in {"nmod", "prep"} and c.i < verb.i and (c.pos_ == "PROPN" or c.ent_type_)
                ]
                if antecedent.pos_ == "NOUN" and not antecedent.ent_type_ and named:
                    antecedent = named[-1]
                return phrase_claimant(_phrase(antecedent))
            return phrase_claimant(_phrase(child))

    if verb.dep_ == "conj":
        return subject_of(coordinated_with(verb))
    if is_participle_report(verb):  # "The union backed the deal, saying ...": the union says it
        return subject_of(participle_speaker_clause(verb))
    misparsed = fronted_speaker(verb) or inverted_speaker(verb)
    if misparsed is not None:
        return phrase_claimant(_phrase(misparsed))
    return None


def fronted_speaker(verb: Token) -> Token | None:
    """ "En declaraciones a la radio RPP, el alcalde de Chicla, Teodoro Quispe, afirmó que ...":
    the parser hangs the speaker on the channel phrase before it as an apposition; the noun set
    off by a comma right before a subjectless reporting verb is its subject."""
    for child in verb.children:
        if child.i > verb.i or child.dep_ not in {"obl", "nmod", "prep"}:
            continue
        for token in child.subtree:
            if token.dep_ != "appos" or token.left_edge.i == 0:
                continue
            if token.left_edge.text != "," and token.doc[token.left_edge.i - 1].text != ",":
                continue
            between = token.doc[token.right_edge.i + 1 : verb.i]
            if all(t.is_punct for t in between) and token.pos_ in {"NOUN", "PROPN"}:
                return token
    return None


def inverted_speaker(verb: Token) -> Token | None:
    """ "..., anunció este miércoles la cartera a través de un comunicado": a trailing reporting verb
    with nothing reported of its own, whose speaker after it the parser took for its object; the
    object is the speaker when it names one (a name, a body, an office, a description of either)."""
    if verb.dep_ not in {"advcl", "parataxis"} or verb.head.i > verb.i or verb.doc.lang_ != "es":
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "mark"} for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ in {"obj", "dobj"} and c.i > verb.i]
    if len(objects) != 1:
        return None
    head = objects[0]
    lower = head.lower_
    if head.pos_ == "PROPN" or head.ent_type_ in {"PER", "ORG"}:
        return head
    speakers = (OFFICE_NOUNS, GENERIC_BODY_NOUNS, BODY_HEADS, COMPANY_NOUNS, KIND_NOUNS)
    return head if any(lower in nouns for nouns in speakers) else None


def _relative_pronoun(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType", []) or token.tag_ in {"WDT", "WP"}


def _phrase(token: Token) -> list[Token]:
    """A noun phrase without relative clauses or appended clauses, nor the relative clause of an
    apposition in it ("Ana Ruiz, a former judge who lost the race" speaks as "Ana Ruiz, a former judge")."""
    from workbench.nlp.clauses import is_relative

    skip = {t.i for c in token.children if c.dep_ in {"acl", "relcl", "advcl", "parataxis", "conj"} for t in c.subtree}
    for child in token.children:
        if child.dep_ == "appos":
            skip |= {t.i for c in child.children if c.dep_ == "relcl" for t in c.subtree}
    # A relative clause deeper in the phrase ("a report by the rail operator, which said ...") is no
    # part of the name either.
    for inner in token.subtree:
        if inner.i not in skip and inner.i != token.i and is_relative(inner):
            skip |= {t.i for t in inner.subtree}
    return [t for t in token.subtree if t.i not in skip]


def according_to(sent: Span) -> Claimant | None:
    """ "Según X", "de acuerdo con X", "according to X", "citing X": the phrase the marker introduces."""
    tokens = list(sent)
    for k, token in enumerate(tokens):
        lower = token.lower_
        if lower == "según":
            after = k + 1
        elif lower == "acuerdo" and 0 < k and tokens[k - 1].lower_ == "de" and k + 1 < len(tokens):
            if tokens[k + 1].lower_ not in {"con", "a"}:
                continue
            after = k + 2
        elif lower == "according" and k + 1 < len(tokens) and tokens[k + 1].lower_ == "to":
            after = k + 2
        elif lower == "citing":
            after = k + 1
        else:
            continue
        noun = _noun_after(tokens, after)
        if noun is not None:
            found = phrase_claimant([t for t in _phrase(noun) if t.i > tokens[after - 1].i])
            if found is not None:
                return found
    return None


def _noun_after(tokens: list[Token], k: int) -> Token | None:
    """The head of the noun phrase that starts at tokens[k]."""
    while k < len(tokens) and (tokens[k].pos_ in {"DET", "PUNCT", "ADP"} or tokens[k].is_space):
        k += 1
    if k >= len(tokens):
        return None
    noun = tokens[k]
    start = noun.i
    doc = noun.doc
    while noun.head.i != noun.i and noun.head.i >= start and noun.head.pos_ in {"NOUN", "PROPN"}:
        if any(t.text == "," for t in doc[noun.i : noun.head.i]):
            break  # "Según la nota, 40 buques ...": a head past the comma is the clause's, misparsed
        noun = noun.head
    return noun if noun.pos_ in {"NOUN", "PROPN", "ADJ"} else None


def unparsed_claimant(sent: Span) -> Claimant | None:
    """For pipelines without a parser: the entity next to a reporting verb.

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


CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "csubj"}
"""What a reporting verb says: without a clause, "demanded $8 million" or "pidió la renuncia" is
an act, not a report (and where no verb above reports, its subject still says it: "Putin
described the mutiny as treason")."""


def reporting_verb_over(token: Token) -> Token | None:
    """The nearest reporting verb at or above a clause head. A reporting verb with nothing
    reported, inside what a verb above it reports ("said a group was behind the attack and had
    demanded $8 million"), is an act of the clause, and the verb above is the report."""
    from workbench.nlp.clauses import coordinated_with

    current = token
    act: Token | None = None
    reported = False  # whether the climb from the act passed through what a verb reports
    while True:
        if is_reporting(current):
            if act is None and any(c.dep_ in CONTENT_DEPS for c in current.children):
                return current
            if act is not None:
                return current if reported else act
            act = current
        if current.head.i == current.i:
            return act
        if act is not None and current.dep_ in CONTENT_DEPS:
            reported = True
        if current.dep_ == "conj" and current.head.dep_ == "ccomp":
            partner = coordinated_with(current)
            if partner.i != current.head.i:
                # Coordinated with the reporting verb, not reported by it: climb from that verb's head.
                if partner.head.i == partner.i:
                    return act
                current = partner.head
                continue
            if {c.lower_ for c in current.children if c.dep_ == "mark"} & {"que", "that"} and is_reporting(
                current.head.head
            ):
                current = current.head.head  # "said X had informed Y and that Z": reported by "said"
                continue
        current = current.head


ACRONYM_DEFINITION = re.compile(
    r"((?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|del|la|las|los|para|por|y|e|of|the|for|and|on|in))*)"
    r"\s+\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ]{1,9})\)"
)
"""A name with its acronym in brackets right after it: "Athletics Integrity Unit (AIU)",
"Asociación Nacional del Café (Anacafé)"."""
GENERIC_BODY_NOUNS = {"organismo", "entidad", "institución", "ente", "body", "organisation", "organization"}
"""Nouns that name any organisation: a definite one refers to the organisation named last."""
COMPANY_NOUNS = {
    "empresa",
    "compañía",
    "firma",
    "aerolínea",
    "minera",
    "petrolera",
    "naviera",
    "aseguradora",
    "operadora",
    "constructora",
    "farmacéutica",
    "company",
    "firm",
    "airline",
    "carrier",
    "miner",
    "insurer",
    "operator",
    "manufacturer",
    "automaker",
    "retailer",
    "drugmaker",
}
"""Nouns wire copy uses for a company named before ("la empresa", "the firm", "the airline"): a
company's name rarely holds what names it a company, so a definite one refers to the last
organisation named that is no public body (no head of BODY_HEADS, no country or known actor)."""
COMPANY_DESIGNATORS = {
    "inc",
    "ltd",
    "corp",
    "corporation",
    "plc",
    "llc",
    "s.a.",
    "sa",
    "group",
    "grupo",
    "holdings",
    "industries",
    "industrias",
    "mining",
    "minerals",
    "minera",
    "energy",
    "energía",
    "oil",
    "petroleum",
    "petróleos",
    "airlines",
    "airways",
    "aerolíneas",
    "motors",
    "foods",
    "alimentos",
    "dairy",
    "pharma",
    "pharmaceuticals",
    "laboratorios",
    "technologies",
    "systems",
    "steel",
    "resources",
    "logistics",
    "shipping",
    "telecom",
    "seguros",
    "cementos",
    "aguas",
}
"""Words that end or begin a company's name (legal forms and the trades wire copy names firms by):
a name with one is a company whatever the tagger called it ("Kestrel Dairy" tagged a person)."""
NEWS_AGENCIES = {"ap", "efe", "reuters", "afp", "bloomberg", "xinhua", "dpa", "ansa", "associated press"}
"""Agencies a dateline or a byline names, never the company a story is about."""
KIND_NOUNS = {
    "cartera": {"ministerio", "ministry", "secretaría"},
    "dependencia": {"secretaría", "ministerio", "instituto", "comisión", "servicio", "dirección", "procuraduría"},
    "regulador": {"regulador", "reguladora", "autoridad", "comisión", "superintendencia", "agencia"},
    "regulator": {"regulatory", "regulator", "authority", "commission", "agency"},
    "watchdog": {"regulatory", "regulator", "authority", "commission", "agency", "watchdog"},
}
"""Descriptions of a body of one kind whose word is not in its name ("la cartera" for the
Ministerio de Salud, "the regulator" for an Energy Regulatory Authority): the words of its name."""
STATEMENT_NOUNS = {
    "comunicado",
    "nota",
    "declaración",
    "texto",
    "statement",
    "communiqué",
    "release",
    "post",
    "publicación",
    "mensaje",
    "message",
    "filing",
    "carta",
    "letter",
}
"""What a body issues and a later sentence cites alone: "según el comunicado", "the statement
said", "detalló el texto" are the body that issued it ("informó ... en un comunicado")."""
RECENT_SPEAKERS = 32
"""How many earlier speakers an anaphor ("indicó la agencia") is resolved against: the antecedent
is near, and a long article's whole list made attribution cost its length squared."""
GOVERNMENT_WORDS = {"gobierno", "government", "ejecutivo", "gabinete", "cabinet"}
GOVERNMENT_MODIFIERS = {"nacional", "central", "federal", "national"}


def is_bare_government(text: str) -> bool:
    """ "el Gobierno", "the government", "el Ejecutivo central": a government named by no country."""
    words = text.casefold().split()
    if words and words[0] in {"el", "la", "the", "this", "este"}:
        words = words[1:]
    return bool(words) and words[0] in GOVERNMENT_WORDS and all(w in GOVERNMENT_MODIFIERS for w in words[1:])


class Attributor:
    """Walks an article's sentences in order, remembering who spoke last. `country` is the country
    the article is about, when one stands out: a bare "el Gobierno" speaks for it."""

    def __init__(self, country: str | None = None) -> None:
        self.last: Claimant | None = None
        self.country = country

        self.speakers: deque[Claimant] = deque(maxlen=RECENT_SPEAKERS)
        self.mentions: deque[str] = deque(maxlen=RECENT_SPEAKERS)
        self.companies: deque[str] = deque(maxlen=RECENT_SPEAKERS)
        self.bodies: deque[str] = deque(maxlen=RECENT_SPEAKERS)
        self.acronyms: dict[str, str] = {}
        self.issuer: Claimant | None = None  # who last issued a statement ("said in a statement")

    def define_acronyms(self, text: str) -> None:
        """Remember the acronyms the article defines ("The Athletics Integrity Unit (AIU)"), so a
        later "AIU figures" or "said the AIU" is that body: the gazetteer cannot know every
        agency a story introduces, and the story says who it is."""
        for match in ACRONYM_DEFINITION.finditer(text):
            name, acronym = match.group(1), match.group(2)
            words = name.split()
            if len(words) < 2 or acronym.upper() in {w.upper() for w in words}:
                continue
            # The name starts at the capital that begins the acronym ("The Athletics ..." is AIU's
            # from "Athletics"); a bracket whose letters no capital starts is not its acronym.
            start = next((k for k, w in enumerate(words) if w[0] == acronym[0].upper()), None)
            if start is None or len(words) - start < 2:
                continue
            self.acronyms.setdefault(acronym, " ".join(words[start:]))

    def sentence_claimant(self, sent: Span) -> Claimant | None:
        """The claimant a whole sentence carries (its root reports, or 'según'). A reporting verb
        without a subject takes the last speaker only where the language drops subjects (Spanish
        "Añadió que ..."), and never when it is impersonal ("se cree", "it is believed")."""
        if not sent.doc.has_annotation("DEP"):
            return self._remember(unparsed_claimant(sent))
        root = sent.root
        if is_reporting(root):
            found = subject_of(root) or according_to(sent)
            if found is None and not is_impersonal(root) and _drops_subject(root):
                found = self.last
            return self._issued(root, self._remember(found))
        from workbench.nlp.clauses import is_trailing_attribution

        after_quote = _speaker_after_quote(sent)
        if after_quote is not None:
            return self._remember(subject_of(after_quote))
        for child in root.children:
            if is_trailing_attribution(child):  # "X fell to 3.4%, the office reported"
                return self._issued(child, self._remember(subject_of(child) or according_to(sent)))
        return self._remember(according_to(sent) or records_show(sent))

    def clause_claimant(self, head: Token, sentence: Claimant | None) -> Claimant | None:
        if not head.doc.has_annotation("DEP"):
            return sentence  # no parse: the sentence's claimant is all there is
        verb = reporting_verb_over(head)
        if verb is not None and verb.i != head.sent.root.i:
            if sentence is not None and not any(c.dep_ in CONTENT_DEPS for c in verb.children):
                # An act, not a report ("according to two people, the firm offered ..., but the
                # regulator rejected the offer"): the sentence's source tells of it.
                return sentence
            found = subject_of(verb)
            if found is None and not is_impersonal(verb) and _drops_subject(verb):
                found = self._governing_subject(verb) or self.last
            return self._issued(verb, self._remember(found)) or sentence
        return sentence

    @staticmethod
    def _governing_subject(verb: Token) -> Claimant | None:
        """ "El ministro defendió la medida, aunque advirtió que ...": a subordinate reporting verb
        with its subject dropped shares the subject of the clause it hangs on, not the last speaker."""
        if verb.dep_ != "advcl" or verb.head.i == verb.i or "Fin" not in verb.morph.get("VerbForm", []):
            return None
        if not any(c.dep_ in SUBJECT_DEPS for c in verb.head.children):
            return None
        return subject_of(verb.head)

    def _issued(self, verb: Token, claimant: Claimant | None) -> Claimant | None:
        """Remember who issued a statement ("dijo en un comunicado", "said in a statement", "a
        través de un comunicado", "in a post on X"), for a later "según el comunicado"."""
        if claimant is not None and _issues_statement(verb) and not _is_statement(claimant.text):
            self.issuer = claimant
        return claimant

    def _remember(self, claimant: Claimant | None) -> Claimant | None:
        if claimant is None:
            return None
        if claimant.canonical is None and self.country is not None and is_bare_government(claimant.text):
            claimant = Claimant(claimant.text, self.country)
        if claimant.canonical is None:
            claimant = self._resolve_anaphor(claimant)
        elif _described_kind(claimant.text.split()) is not None:
            # "the Canadian company" is the company named before, finer than the country.
            resolved = self._resolve_anaphor(claimant)
            claimant = resolved if resolved.canonical != claimant.canonical and resolved.canonical else claimant
        if claimant.canonical is None and self.acronyms:
            for word in re.findall(r"[\w'’-]+", claimant.text):
                if word in self.acronyms:
                    full = self.acronyms[word]
                    claimant = Claimant(claimant.text, canonical(full) or full)
                    break
        if _is_statement(claimant.text) or statement_of(claimant.text) is not None:
            # "Según el comunicado, ... Añadió que ...": the body that issued it goes on.
            if claimant.canonical is not None and self.issuer is not None:
                self.last = self.issuer
        elif records_of(claimant.text) is None and not _is_record(claimant.text):
            # Data say what they say, and no later "añadió" or "aunque advirtió".
            self.last = claimant
        self.speakers.append(claimant)
        return claimant

    def _resolve_anaphor(self, claimant: Claimant) -> Claimant:
        """ "indicó la agencia" after "Según la agencia estatal KCNA": a definite description whose
        head noun an earlier speaker's name contains is that speaker. "Los registros del
        instituto", "the bank's figures": a body's records speak for the body."""
        if _is_statement(claimant.text):
            issuer = self.issuer
            if issuer is None:
                return claimant
            name = _bare_name(issuer.text)
            return Claimant(claimant.text, issuer.canonical or (name if name[:1].isupper() else issuer.text))
        issued = statement_of(claimant.text)
        if issued is not None:
            # "Según un comunicado del Ministerio de Vivienda": the ministry issued a statement a
            # later "el texto" cites.
            owner = self._resolve_anaphor(Claimant(issued, canonical(issued)))
            self.issuer = Claimant(owner.text, owner.canonical or _bare_name(issued))
            return Claimant(claimant.text, self.issuer.canonical)
        body = records_of(claimant.text)
        if body is not None:
            found = self._resolve_anaphor(Claimant(body, None))
            return Claimant(claimant.text, found.canonical) if found.canonical else claimant
        words = claimant.text.split()
        if len(words) > 3 or not words or words[0].lower() not in {"el", "la", "los", "las", "the"}:
            return claimant
        noun = words[1].lower() if len(words) > 1 else ""
        for earlier in reversed(self.speakers):
            if earlier.canonical and noun and noun in {w.lower() for w in earlier.text.split()[1:]}:
                return Claimant(claimant.text, earlier.canonical)
        # "the bank said" after "The Bank of England held ...", "the commission reported" after
        # "the electoral commission said": a named body the article mentioned before, with that
        # noun at its head (the first word in Spanish, the last in English, or the one before "of").
        described = _described_kind(words)
        if described in COMPANY_NOUNS:
            # "la compañía", "the mining company", "la empresa estatal", "the Canadian firm"
            return self._company(claimant) or claimant
        of_kind = self._named_of_kind(claimant, described)
        if of_kind is not None:
            return of_kind
        if len(words) != 2 or not noun:
            return claimant
        of_kind = self._named_of_kind(claimant, noun)
        if of_kind is not None:
            return of_kind
        if noun in GENERIC_BODY_NOUNS and self.bodies:
            # "el organismo", "the body": the organisation named last.
            name = self.bodies[-1]
            return Claimant(claimant.text, canonical(name) or name)
        for name in reversed(self.mentions):
            named = [w.lower() for w in name.split()]
            heads = {named[0], named[-1]}
            before_of = next((k for k, w in enumerate(named) if w in {"of", "for", "de", "del"}), 0)
            if before_of > 0:
                heads.add(named[before_of - 1])  # "Reserve Bank of India": the bank
            if name.casefold() != claimant.text.casefold() and noun in heads:
                return Claimant(claimant.text, name)
        return claimant

    def _named_of_kind(self, claimant: Claimant, description: str | None) -> Claimant | None:
        """ "la cartera", "the regulator": the body named last whose name holds a word of the
        description's kind (KIND_NOUNS), else None."""
        kind = KIND_NOUNS.get(description or "")
        if kind is None:
            return None
        for name in reversed(self.mentions):
            if kind & {w.lower() for w in name.split()}:
                return Claimant(claimant.text, canonical(name) or name)
        return None

    def _company(self, claimant: Claimant) -> Claimant | None:
        """ "La compañía" after "la minera Andina Cobre informó ...", "the firm" after "Kestrel
        Dairy": an earlier speaker described as a company, else the last organisation named that
        is no public body."""
        for earlier in reversed(self.speakers):
            words = earlier.text.split()
            if len(words) > 2 and words[0].lower() in {"el", "la", "the"} and words[1].lower() in COMPANY_NOUNS:
                return Claimant(claimant.text, earlier.canonical or " ".join(words[2:]))
        if self.companies:
            name = self.companies[-1]
            return Claimant(claimant.text, canonical(name) or name)
        return None

    def _company_name(self, ent: Span) -> str | None:
        """An entity that can be the company a later "the company" means: an organisation that is no
        public body (no head of BODY_HEADS, no country or known actor in its name, no acronym of
        such a body, no news agency), or a name of any label with a company's designator."""
        name = re.sub(r"^(el|la|los|las|the)\s+", "", ent.text.strip(), flags=re.IGNORECASE)
        words = [w.lower().strip(".,") for w in name.split()]
        if not words or name.lower() in NEWS_AGENCIES or not name[:1].isupper():
            return None
        if len(words) > 1 and (words[-1] in COMPANY_DESIGNATORS or words[0] in COMPANY_DESIGNATORS):
            return name
        if ent.label_ != "ORG" or _public_body(name):
            return None
        full = self.acronyms.get(name)
        if full is not None and _public_body(full):
            return None  # "OEFA", the Organismo de Evaluación y Fiscalización Ambiental
        return name

    def mention(self, ents: list[Span], sent: Span | None = None) -> None:
        """Remember the organisations a sentence names, for later definite descriptions of them;
        with the sentence, also the companies its proper nouns name that the tagger missed."""
        named = [c for c in (self._company_name(ent) for ent in ents) if c is not None]
        if sent is not None:
            named += [c for c in _designated_companies(sent) if c not in named]
        ordered = sorted(named, key=lambda c: sent.text.find(c) if sent is not None else 0)
        self.companies.extend(ordered)
        bodies: list[str] = []
        for ent in ents:
            if ent.label_ == "ORG" or (ent.label_ in {"LOC", "MISC"} and _names_an_institution(ent.text)):
                name = re.sub(r"^(el|la|los|las|the)\s+", "", ent.text.strip(), flags=re.IGNORECASE)
                if len(name.split()) > 1:
                    self.mentions.append(name)
                    bodies.append(name)
        # Every organisation named, companies of one word too ("la empresa Sedapal"), in the order
        # named: what a later "la entidad" or "the organisation" means.
        in_order = [*bodies, *(c for c in ordered if c not in bodies)]
        self.bodies.extend(sorted(in_order, key=lambda c: sent.text.find(c) if sent is not None else 0))


def _public_body(name: str) -> bool:
    """A name with a public body's head ("Ministerio", "Authority", "Organismo") or a country or
    known actor in it: no company."""
    words = [w.lower().strip(".,") for w in name.split()]
    return any(is_body_head(w) or w in GENERIC_BODY_NOUNS for w in words) or find_in(name) is not None


def _designated_companies(sent: Span) -> list[str]:
    """Runs of capitalised proper nouns with a company's designator at either end ("Bellmore
    Foods", "Grupo Altamar"), which the small taggers often leave without an entity."""
    found: list[str] = []
    run: list[Token] = []
    for token in [*sent, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token)
            continue
        words = [t.lower_ for t in run]
        before = sent.doc[run[0].i - 1] if run and run[0].i > sent.start else None
        described = before is not None and before.lower_ in COMPANY_NOUNS and before.text.islower()
        if (len(run) > 1 and (words[-1] in COMPANY_DESIGNATORS or words[0] in COMPANY_DESIGNATORS)) or (
            run and described
        ):
            # "Bellmore Foods", "Grupo Altamar", or a name its trade describes: "la minera Cobre
            # Sur", "the carrier Skylane", "insurer Halden".
            if len(run) > 1 and words[0] in COMPANY_NOUNS:
                run = run[1:]  # "Miner Halden Resources" at the start of a sentence is Halden Resources
            found.append(sent.doc[run[0].i : run[-1].i + 1].text)
        run = []
    return found


RECORD_NOUNS = {
    "registros",
    "registro",
    "datos",
    "cifras",
    "informe",
    "estadísticas",
    "estimaciones",
    "balance",
    "records",
    "data",
    "figures",
    "report",
    "statistics",
    "estimates",
    "comunicado",
    "nota",
    "declaración",
    "statement",
    "communiqué",
}
"""What a body publishes and a claim can cite in its stead: "según los datos del banco central"."""


SHOW_FORMS = {"show", "shows", "showed", "indicate", "indicates", "indicated", "suggest", "suggests"}


def records_show(sent: Span) -> Claimant | None:
    """ "Exports fell 12%, customs data show.": records cited after their clause, which the small
    English tagger reads as a noun compound ("data show" as one noun); the words between the last
    comma and the verb, when they end in a record noun, are the claimant."""
    words = [t for t in sent if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 4 or words[-1].lower_ not in SHOW_FORMS:
        return None
    comma = max((k for k, t in enumerate(words) if t.text == ","), default=None)
    if comma is None:
        return None
    phrase = words[comma + 1 : -1]
    if not phrase or len(phrase) > 6 or phrase[-1].lower_ not in RECORD_NOUNS:
        return None
    return phrase_claimant(phrase)


def records_of(text: str) -> str | None:
    """The body whose records a claimant phrase cites, as a definite description ("el instituto"
    of "los registros del instituto", "the bank" of "the bank's figures" or "figures from the
    bank"), or None."""
    # "datos del propio banco", "data from the bank": records named without an article, the
    # body's own ("propio", "own") still the body.
    words = [w for w in text.split() if w.lower() not in {"propio", "propia", "propios", "propias", "own"}]
    if words and words[0].lower() in RECORD_NOUNS:
        words = ["los", *words]
    # "un comunicado del organismo", "a statement from the ministry": one of them, the body's still.
    if len(words) < 3 or words[0].lower() not in {"el", "la", "los", "las", "the", "sus", "its", "un", "una", "a"}:
        return None
    if words[1].lower() in RECORD_NOUNS:
        rest = [w.lower() for w in words[2:]]
        if rest[:1] == ["del"] and len(rest) == 2:
            return "el " + rest[1]
        if rest[:1] in (["de"], ["of"], ["from"]) and len(rest) == 3 and rest[1] in {"la", "the"}:
            return rest[1] + " " + rest[2]
        return None
    if len(words) == 3 and words[1].lower().endswith("'s") and words[2].lower() in RECORD_NOUNS:
        return "the " + words[1][:-2]
    return None


def _is_statement(text: str) -> bool:
    """ "el comunicado", "the statement", "the same statement", "la nota de prensa", "the press
    release", "el texto": a statement named alone, with no body's name in it."""
    words = [w.lower() for w in text.split()]
    if not 1 < len(words) <= 4 or words[0] not in {"el", "la", "the", "este", "esta", "this"}:
        return False
    nouns = [w for w in words[1:] if w in STATEMENT_NOUNS]
    return len(nouns) == 1 and all(w in STATEMENT_NOUNS or w in STATEMENT_WORDS for w in words[1:])


STATEMENT_WORDS = {
    "mismo",
    "misma",
    "same",
    "joint",
    "conjunto",
    "conjunta",
    "de",
    "prensa",
    "press",
    "oficial",
    "official",
}
"""Words that only qualify a statement ("la misma nota", "the joint statement", "la nota de prensa")."""


def statement_of(text: str) -> str | None:
    """The body a statement is said to be of ("un comunicado del Ministerio de Vivienda", "a
    statement from the Port Authority", "la nota de la empresa"), or None."""
    match = re.match(
        r"^(?:el|la|un|una|a|the|its|su)\s+(?:\w+\s+)?(\w+)\s+(?:de(?:\s+prensa)?\s+)?(?:del|de\s+la|de\s+los|de|from|of|by)\s+(.+)$",
        text,
        flags=re.IGNORECASE,
    )
    if match is None or match.group(1).lower() not in STATEMENT_NOUNS:
        return None
    owner = match.group(2)
    lead = text[: match.start(2)].lower().split()[-1]
    return ("el " + owner) if lead == "del" and not owner[:1].isupper() else owner


def _is_record(text: str) -> bool:
    """ "datos del propio banco", "customs data", "figures from the ministry": records, no speaker."""
    words = [w.lower().strip(",.") for w in text.split()]
    return bool(words) and (words[0] in RECORD_NOUNS or (len(words) > 1 and words[1] in RECORD_NOUNS))


def _bare_name(text: str) -> str:
    """A speaker's name without the article a subject carries ("la OEFA" -> "OEFA")."""
    words = re.sub(r"^(el|la|los|las|the)\s+", "", text, flags=re.IGNORECASE).split()
    if len(words) > 1 and words[0].lower() in COMPANY_NOUNS:
        words = words[1:]  # "la aseguradora Pacífica Vida" is Pacífica Vida
    return " ".join(words)


STATEMENT_DEPS = {"obl", "prep", "nmod", "advmod", "obl:arg"}


def _issues_statement(verb: Token) -> bool:
    """Whether a reporting verb says through what it was said: a statement ("en un comunicado",
    "a través de una nota", "in a statement") or a post ("in a post on X", "en su cuenta de X")."""
    for child in verb.children:
        if child.dep_ not in STATEMENT_DEPS:
            continue
        for token in child.subtree:
            if token.lower_ in STATEMENT_NOUNS or (token.lower_ == "cuenta" and child.i > verb.i):
                return True
    return False


INSTITUTION_HEADS = BODY_HEADS
"""Head nouns of bodies the small Spanish model tags as places now and then ("Instituto Nacional
de Estadística" as LOC): still bodies a later "el instituto" can refer to."""


def _names_an_institution(text: str) -> bool:
    words = text.lower().split()
    if words and words[0] in {"el", "la", "los", "las", "the"}:
        words = words[1:]
    if len(words) < 2 or not INSTITUTION_HEADS.intersection(words):
        return False
    before_of = next((k for k, w in enumerate(words) if w in {"of", "for", "de", "del"}), len(words))
    return words[0] in INSTITUTION_HEADS or words[before_of - 1] in INSTITUTION_HEADS


def _described_kind(words: list[str]) -> str | None:
    """The kind noun of a definite description of two or three words, the rest lowercase
    qualifiers ("la compañía", "la empresa estatal", "the mining company", "el ente regulador"),
    or None; a capitalised word makes it a name ("the Tasman Company")."""
    if not 2 <= len(words) <= 3 or words[0].lower() not in {"el", "la", "the"}:
        return None
    rest = words[1:]
    from workbench.nlp.gazetteer import demonym_country

    if any(not w.islower() and demonym_country(w) is None for w in rest):
        return None
    for word in (rest[-1], rest[0]) if words[0].lower() == "the" else (rest[0], rest[-1]):
        if word in COMPANY_NOUNS or word in KIND_NOUNS:
            return word
    return None


def _speaker_after_quote(sent: Span) -> Token | None:
    """'"There are no victims, but ...," Cárdenas told reporters': a sentence that opens with a
    quotation and names its speaker after it, where the parser made the quote's verb the root and
    hung the reporting verb on it: the reporting verb after the closing quote, with its subject."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 4 or words[0].text not in OPEN_QUOTES:
        return None
    close = max((k for k, t in enumerate(words) if k > 0 and t.text in CLOSE_QUOTES), default=None)
    if close is None or close > len(words) - 3:
        return None
    for token in words[close + 1 :]:
        if is_reporting(token) and any(c.dep_ in SUBJECT_DEPS and c.i > words[close].i for c in token.children):
            return token
    return None


def _drops_subject(verb: Token) -> bool:
    """Spanish verbs carry their subject in the ending ("añadió"); English ones need a subject."""
    return verb.doc.lang_ == "es"


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
