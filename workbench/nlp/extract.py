"""From text to claim drafts: clauses of parsed sentences, with claimant, kind and entities.

The text is repaired for parsing (normalize.py) and every span is mapped back, so a claim's
start and end always index the text given, and text[start:end] is the claim's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.models import ClaimDraft, EntityDraft, Figure
from workbench.nlp.attribution import Attributor, Claimant, is_reporting, quote_runs
from workbench.nlp.clauses import Clause, clause_spans, is_relative
from workbench.nlp.dates import claim_dates, resolve_dates
from workbench.nlp.figures import figures
from workbench.nlp.normalize import Normalized, normalize
from workbench.nlp.pipeline import load_light_nlp, load_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from workbench.nlp.checkworthiness import Assessment

EVALUATIVE_LEMMAS = {
    "simbólico",
    "histórico",
    "importante",
    "excepcional",
    "clave",
    "crucial",
    "preocupante",
    "symbolic",
    "historic",
    "important",
    "key",
}
OPINION_LEMMAS = {"considerar", "opinar", "creer", "parecer", "consider", "believe", "think"}
MIN_WORDS = 3


HEDGE_LEMMAS = {
    "posible",
    "posiblemente",
    "quizá",
    "quizás",
    "supuestamente",
    "presuntamente",
    "aparentemente",
    "poder",
    "might",
    "could",
    "possibly",
    "reportedly",
    "allegedly",
    "perhaps",
    "may",
}


def extract_claims(text: str, language: str, published: str | None = None) -> list[ClaimDraft]:
    """Claims of one text; relative dates resolve against `published` (YYYY-MM-DD)."""
    return next(iter(extract_many([text], language, published)))


def extract_many(
    texts: Iterable[str], language: str, published: str | None = None, batch_size: int = 64
) -> Iterator[list[ClaimDraft]]:
    """Claims of many texts, batched through nlp.pipe; one list per text, in order."""
    nlp = load_nlp(language)
    normalized = [normalize(text) for text in texts]
    for norm, doc in zip(normalized, nlp.pipe((n.text for n in normalized), batch_size=batch_size)):
        yield list(_claims_of(doc, norm, _Context(language, published)))


def extract_one(
    text: str, language: str, published: str | None, claimant: str | None = None, checkable: bool | None = None
) -> ClaimDraft:
    """One claim for a text a reviewer wrote or marked: parsed in full but kept whole, not cut into
    clauses. The claimant is the one given, else the one the text names; `checkable`, when given,
    is the reviewer's decision and overrides the one read from the text."""
    from workbench.nlp.gazetteer import find_in

    norm = normalize(text)
    doc = load_nlp(language)(norm.text)
    span = doc[:]
    head = span.root
    actor: Claimant | None
    if claimant:
        actor = Claimant(claimant, find_in(claimant))
    else:
        attributor = Attributor()
        actor = attributor.clause_claimant(head, attributor.sentence_claimant(head.sent))
    return _draft(span, head, actor, norm, _Context(language, published), checkable)


def extract_whole(
    texts: list[str], language: str, published: list[str | None], claimants: list[str | None]
) -> Iterator[ClaimDraft]:
    """One claim per text, for archives whose rows are claims already: entities, figures and dates
    from the light pipeline (no parse), the claimant as given and resolved through the gazetteer."""
    from workbench.nlp.gazetteer import find_in

    nlp = load_light_nlp(language)
    # doc.text and doc.ents are rebuilt from every token on each access: the text is the one
    # given (the tokenizer keeps it verbatim), and the entities are read once.
    docs = nlp.pipe(texts, batch_size=512)
    for text, doc, date_base, claimant in zip(texts, docs, published, claimants):
        span = doc[:]
        ents = doc.ents
        dates = tuple(resolve_dates(text, language, date_base)) or ((date_base,) if date_base else ())
        found = tuple(figures(span, language))
        actor = Claimant(claimant, find_in(claimant)) if claimant else None
        kind = "quantity" if any(f.explicit for f in found) else ("statement" if actor else "event")
        judged = _score(span, ents, kind, actor, dates, found, True)  # check-worthiness: the learned model
        yield ClaimDraft(
            start=0,
            end=len(text),
            text=text,
            kind=kind,
            checkable=True,
            checkworthy=judged.checkworthy,
            score=judged.score,
            claimant=claimant,
            claimant_canonical=actor.canonical if actor else None,
            entities=tuple(_entities(ents, normalize(text))),
            dates=dates,
            figures=found,
            reasons=judged.reasons,
        )


@dataclass(frozen=True)
class _Context:
    language: str
    published: str | None


def _claims_of(doc: Doc, norm: Normalized, context: _Context) -> Iterator[ClaimDraft]:
    sents = list(doc.sents)
    closing = quote_runs(sents)
    attributor = Attributor()
    # Speakers of quotations are named where the quotation closes: read those sentences first.
    closers = {
        i: attributor.sentence_claimant(sents[i]) for i in sorted(set(closing)) if closing[i] != i or i in closing[:i]
    }
    attributor.last = None
    for i, sent in enumerate(sents):
        if closing[i] != i:
            sentence_claimant = closers.get(closing[i]) or attributor.sentence_claimant(sents[closing[i]])
        else:
            sentence_claimant = attributor.sentence_claimant(sent)
        for clause in clause_spans(sent):
            if sum(1 for t in clause.span if t.is_alpha or t.like_num) < MIN_WORDS:
                continue
            claimant = attributor.clause_claimant(clause.head, sentence_claimant)
            yield _draft(clause.span, clause.head, claimant, norm, context, lead=clause)


def _draft(
    span: Span,
    head: Token,
    claimant: Claimant | None,
    norm: Normalized,
    context: _Context,
    checkable: bool | None = None,
    lead: Clause | None = None,
) -> ClaimDraft:
    """A claim of one clause. With a lead (the subject, antecedent or reporting frame the clause
    lacks), the text is the lead and the clause, so it reads alone; start:end is the clause's."""
    start, end = norm.span(span.start_char, span.end_char)
    text = norm.original[start:end]
    ents = list(span.ents)
    if lead is not None and lead.lead is not None:
        lead_start, lead_end = norm.span(lead.lead.start_char, lead.lead.end_char)
        text = norm.original[lead_start:lead_end] + lead.joiner + text
        ents = list(lead.lead.ents) + ents
    found = tuple(figures(span, context.language))
    kind = _kind(span, head, claimant, found)
    dates = tuple(claim_dates(span.text, context.language, context.published, _dates_ahead(span, context.language)))
    if checkable is None:
        # The learned `checkable` (fitted on tweets) cut gold-article recall from 0.96 to 0.44:
        # in articles the extractor's rule decides, the model scores (benchmarks/checkworthiness.py).
        checkable = kind != "opinion" and not _is_background(span, head)
    judged = _score(span, ents, kind, claimant, dates, found, checkable)  # check-worthiness: the learned model
    return ClaimDraft(
        start=start,
        end=end,
        text=text,
        kind=kind,
        checkable=checkable,
        checkworthy=judged.checkworthy,
        score=judged.score,
        claimant=claimant.text if claimant else None,
        claimant_canonical=claimant.canonical if claimant else None,
        entities=tuple(_entities(ents, norm)),
        dates=dates,
        figures=found,
        reasons=judged.reasons,
    )


def _kind(span: Span, head: Token, claimant: Claimant | None, found: tuple[Figure, ...] = ()) -> str:
    """Opinion for evaluations (an evaluative or superlative predicate, an opinion verb), quantity
    for a stated figure (not "un acuerdo", not "los dos líderes"), statement when someone says it."""
    lemmas = {t.lemma_.lower() for t in span}
    parsed = head.doc.has_annotation("DEP")  # an unparsed token's children crash spaCy 3.8
    copular = (parsed and any(t.dep_ == "cop" for t in head.children)) or head.lemma_ in {"ser", "parecer", "be"}
    if copular and (lemmas & EVALUATIVE_LEMMAS or _superlative(head)):
        return "opinion"
    if lemmas & OPINION_LEMMAS and not any(f.explicit for f in found) and not _impersonal_belief(span):
        return "opinion"
    if any(f.explicit for f in found) and not is_reporting(head):
        return "quantity"
    if claimant is not None or any(is_reporting(t) for t in span):
        return "statement"
    if _is_future(span):
        return "prediction"
    return "event"


SUPERLATIVE_ADJECTIVES = {"mayor", "peor", "mejor", "menor", "biggest", "greatest", "worst", "best", "largest"}


def _superlative(head: Token) -> bool:
    """ "Es el mayor desafío a ...", "the worst crisis", "la más grave": a ranking the outlet makes.
    Reads the predicate noun (the head in Spanish, the attribute in English)."""
    if not head.doc.has_annotation("DEP"):
        return False
    predicates = [head, *(c for c in head.children if c.dep_ in {"attr", "acomp"})]
    for noun in predicates:
        words = {c.lower_ for c in noun.children}
        articles = words & {"el", "la", "los", "las", "the"}
        if articles and (words & SUPERLATIVE_ADJECTIVES or {"más", "most"} & {t.lower_ for t in noun.subtree}):
            return True
        if noun.tag_ == "JJS" or any(c.tag_ == "JJS" for c in noun.children):
            return True
    return False


def _impersonal_belief(span: Span) -> bool:
    """ "Se cree que ...", "it is believed that ...": a report with no believer named, not an opinion."""
    from workbench.nlp.attribution import is_impersonal

    return any(t.lemma_.lower() in OPINION_LEMMAS and is_impersonal(t) for t in span if t.pos_ == "VERB")


def _dates_ahead(span: Span, language: str) -> bool | frozenset[str]:
    """The weekday and month words of a clause that belong to a verb in the future: "aseguró este
    miércoles que Rusia logrará ..." dates the saying (past), "dijo el martes que visitará Seúl el
    sábado" the visit (future). Each calendar word is read with the verb it hangs from."""
    from workbench.nlp.dates import fold_word, is_calendar_word

    if not span.doc.has_annotation("DEP"):
        return _is_future(span)
    ahead = set()
    for token in span:
        if not is_calendar_word(token.text, language):
            continue
        verb = token
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if _is_future(verb.doc[verb.i : verb.i + 1]) or any(
            c.dep_ in {"aux", "aux:pass", "auxpass"} and _is_future(c.doc[c.i : c.i + 1]) for c in verb.children
        ):
            ahead.add(fold_word(token.text))
    return frozenset(ahead)


def _is_future(span: Span) -> bool:
    """Whether a clause speaks of what is to come ("visitará", "will visit"), so its weekdays and
    yearless days lie ahead of publication."""
    return any(
        ("Fut" in t.morph.get("Tense", []) and t.pos_ in {"VERB", "AUX"})
        or (t.lower_ in {"will", "'ll"} and t.tag_ == "MD")
        for t in span
    )


def _is_background(span: Span, head: Token) -> bool:
    """A relative clause with nothing to check against (no time, figure or name, and a common noun
    for antecedent) only describes: "una visita, que busca fortalecer sus relaciones" is colour;
    "que salió ... el domingo" and "Kim, que viajó en un tren blindado" are facts."""
    if not is_relative(head):
        return False
    if head.head.pos_ == "PROPN" or head.head.ent_type_:
        return False
    return not any(t.like_num or t.ent_type_ or "Tim" in t.morph.get("AdvType", []) for t in span)


def _score(
    span: Span,
    ents: Iterable[Span],
    kind: str,
    claimant: Claimant | None,
    dates: tuple[str, ...],
    found: tuple[Figure, ...],
    checkable: bool | None = None,
) -> Assessment:
    """Checkable, check-worthy, its probability and the reasons, from the learned model
    (workbench/nlp/checkworthiness.py) over what the extractor found. Opinions stay non-checkable;
    `checkable`, when given (a reviewer's decision, an archive row), overrides the model's."""
    from workbench.nlp.checkworthiness import current_model, signals

    feats = signals(span, ents, kind, claimant is not None, dates, found)
    details = {"date": ", ".join(dates), "figure": ", ".join(_figure_text(f) for f in found if f.explicit)}
    if claimant is not None:
        details["claimant"] = claimant.canonical or claimant.text
    details = {k: v for k, v in details.items() if v}
    return current_model().assess(feats, span.text, opinion=kind == "opinion", checkable=checkable, details=details)


def _figure_text(figure: Figure) -> str:
    """A figure as a reviewer reads it: 3,400,000,000 euros, not 3.4e+09."""
    value = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:g}"
    return f"{'' if figure.qualifier == '=' else figure.qualifier}{value} {figure.unit or ''}".strip()


def _entities(ents: Iterable[Span], norm: Normalized) -> Iterator[EntityDraft]:
    """Entities of a claim (its span's ents, read once by the caller) with spans into the original text."""
    for ent in ents:
        tokens = [t for t in ent if not t.is_space and not t.is_punct]
        if not tokens:
            continue
        trimmed = ent.doc[tokens[0].i : tokens[-1].i + 1]
        start, end = norm.span(trimmed.start_char, trimmed.end_char)
        yield EntityDraft(norm.original[start:end], ent.label_, trimmed._.workbench_canonical, start, end)
