"""From text to claim drafts: clauses of parsed sentences, with claimant, kind and entities.

The text is repaired for parsing (normalize.py) and every span is mapped back, so a claim's
start and end always index the text given, and text[start:end] is the claim's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, cast

from workbench.models import ClaimDraft, EntityDraft, Figure
from workbench.nlp.attribution import CLOSE_QUOTES, OPEN_QUOTES, Attributor, Claimant, is_reporting, quote_runs
from workbench.nlp.clauses import Clause, clause_spans, is_relative
from workbench.nlp.dates import claim_dates, is_calendar_word, prior_event_date, resolve_dates
from workbench.nlp.figures import figures
from workbench.nlp.idioms import idiom_in
from workbench.nlp.normalize import Normalized, is_dateline, normalize
from workbench.nlp.parse_pool import PARALLEL_CHARS, parse_texts
from workbench.nlp.people import PersonIndex, resolve_people
from workbench.nlp.pipeline import load_light_nlp, load_nlp
from workbench.nlp.repair import repair_coordination

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from workbench.nlp.checkworthiness import Assessment, Model

EVALUATIVE_LEMMAS = {
    # Spanish
    "simbólico",
    "histórico",
    "importante",
    "excepcional",
    "clave",
    "crucial",
    "preocupante",
    "peligroso",
    "alarmante",
    "inquietante",
    "grave",
    "positivo",
    "negativo",
    "decepcionante",
    "vergonzoso",
    "lamentable",
    "inaceptable",
    "intolerable",
    "irresponsable",
    "absurdo",
    "ridículo",
    "injusto",
    "justo",
    "acertado",
    "valiente",
    "audaz",
    "ambicioso",
    "necesario",
    "urgente",
    "trascendental",
    "significativo",
    "notable",
    "admirable",
    "ejemplar",
    "brillante",
    "desastroso",
    "catastrófico",
    "terrible",
    "triste",
    "escandaloso",
    "polémico",
    "arriesgado",
    "sorprendente",
    "esperanzador",
    "bueno",
    "malo",
    "contundente",
    "desproporcionado",
    "vergonzante",
    "bochornoso",
    # English
    "symbolic",
    "historic",
    "important",
    "key",
    "worrying",
    "worrisome",
    "troubling",
    "alarming",
    "disturbing",
    "dangerous",
    "risky",
    "reckless",
    "irresponsible",
    "unacceptable",
    "shameful",
    "disgraceful",
    "regrettable",
    "disappointing",
    "absurd",
    "ridiculous",
    "unfair",
    "fair",
    "bold",
    "brave",
    "courageous",
    "ambitious",
    "necessary",
    "urgent",
    "significant",
    "remarkable",
    "exemplary",
    "brilliant",
    "disastrous",
    "catastrophic",
    "sad",
    "scandalous",
    "controversial",
    "surprising",
    "encouraging",
    "welcome",
    "good",
    "bad",
    "positive",
    "negative",
    "landmark",
    "overdue",
    "disproportionate",
    "outrageous",
    "appalling",
    # Judgement, capacity and tenacity: what an actor is able or resolved to do.
    "timid",
    "weak",
    "feeble",
    "inept",
    "incompetent",
    "chaotic",
    "clumsy",
    "complacent",
    "tímido",
    "débil",
    "torpe",
    "incompetente",
    "inepto",
    "caótico",
    "desordenado",
    "deficiente",
    "insuficiente",
    "insufficient",
    "inadequate",
    # Judgement, propriety: whether what was done was right, or could have been avoided.
    "avoidable",
    "preventable",
    "inexcusable",
    "unforgivable",
    "negligent",
    "evitable",
    "prevenible",
    "imperdonable",
    "negligente",
    # Appreciation, reaction: the force an act has on whoever feels it.
    "damning",
    "devastating",
    "shocking",
    "harsh",
    "duro",
    "demoledor",
    "devastador",
    "chocante",
}
"""Adjectives of appraisal, written out by hand from the classes of Martin & White's Appraisal
framework (The Language of Evaluation, 2005, ch. 2: Appreciation, and Judgement of capacity,
tenacity and propriety), with their Spanish equivalents: a copular clause that predicates one
("es un paso histórico", "is a worrying precedent", "was entirely avoidable", "remains timid")
evaluates rather than states."""
EVALUATIVE_NOUNS = {
    "ejemplo",
    "modelo",
    "hito",
    "éxito",
    "fracaso",
    "error",
    "desastre",
    "vergüenza",
    "escándalo",
    "farsa",
    "triunfo",
    "provocación",
    "tragedia",
    "golpe",
    "burla",
    "insulto",
    "afrenta",
    "retroceso",
    "injusticia",
    "humillación",
    "atropello",
    "fiasco",
    "example",
    "model",
    "milestone",
    "success",
    "failure",
    "mistake",
    "disaster",
    "shame",
    "disgrace",
    "scandal",
    "farce",
    "triumph",
    "provocation",
    "gamble",
    "tragedy",
    "blow",
    "mockery",
    "insult",
    "affront",
    "setback",
    "injustice",
    "humiliation",
    "outrage",
    # Metaphors of a situation: what it is like, not what it is.
    "trampa",
    "pesadilla",
    "lastre",
    "trap",
    "nightmare",
}
"""Nouns that evaluate on their own when predicated with an indefinite article ("ha sido un ejemplo
de coordinación", "was a mistake"); with a figure or a name in the predicate the clause is a fact."""
OPINION_LEMMAS = {"considerar", "opinar", "creer", "parecer", "consider", "believe", "think"}
QUALIFYING_LEMMAS = {"calificar", "tildar", "tachar", "catalogar", "describir", "call", "describe", "brand", "label"}
"""Verbs that predicate a quality of their object ("calificó el fallo de injusto", "called the
deal unfair"): with an appraisal for that quality, the speaker evaluates; "described the mutiny as
treason" names an act and stays a statement."""
STANCE_QUALIFYING_LEMMAS = {
    "dismiss",
    "reject",
    "denounce",
    "condemn",
    "decry",
    "slam",
    "desestimar",
    "descartar",
    "rechazar",
    "denunciar",
    "condenar",
    "despachar",
    "tildar",
    "tachar",
}
"""Verbs of a stance that qualify what they take "as" something ("dismissed the report as
propaganda", "denunció como un montaje el juicio", "rechazó como falsas las acusaciones"): the
quality is the speaker's verdict, whatever word it is, and no record confirms it."""
ACCUSING_LEMMAS = {"acusar", "accuse", "culpar", "blame", "reprochar", "reproach"}
"""Verbs of blame: with the charge in the speaker's own quoted words ("acusó al Gobierno de «vender
humo»", "accused the board of "sleepwalking""), the charge is rhetoric, not an act to check."""
GENERIC_WHO = {"anyone", "anybody", "whoever", "everyone", "everybody", "those", "quien", "quienes", "cualquiera"}
"""Heads of a free relative that names whoever might do something ("Anyone who attacks us will pay",
"Quien especule con los precios lo pagará"): with a future, a threat or a vow, not an event."""
DECIDING_BODIES = {
    "tribunal",
    "corte",
    "juez",
    "jueza",
    "jurado",
    "audiencia",
    "fiscalía",
    "congreso",
    "senado",
    "parlamento",
    "cámara",
    "asamblea",
    "consejo",
    "comisión",
    "junta",
    "court",
    "judge",
    "jury",
    "congress",
    "senate",
    "parliament",
    "house",
    "assembly",
    "council",
    "board",
    "commission",
    "lawmakers",
    "legislators",
    "voters",
    "votantes",
    "diputados",
    "senadores",
}
"""Bodies whose rejection is an act on the record ("El Senado rechazó la reforma", "the court
rejected the appeal"), unlike a stance of anyone else toward a measure."""
REJECTION_LEMMAS = {"rechazar", "reject", "condenar", "condemn", "repudiar", "repudiate", "decry"}
"""Verbs of a stance against something the story told ("rechazó la medida", "condemned the attack"):
with a bare definite object of DEFENDED_NOUNS or STANCE_OBJECTS, and said by no deciding body, a
reaction as "welcomed the decision" is."""
STANCE_OBJECTS = {
    "ataque",
    "atentado",
    "agresión",
    "violencia",
    "acusación",
    "acusaciones",
    "crítica",
    "críticas",
    "declaraciones",
    "decreto",
    "sanciones",
    "attack",
    "attacks",
    "violence",
    "accusation",
    "accusations",
    "criticism",
    "remarks",
    "comments",
    "decree",
    "sanctions",
    "move",
    "ruling",
    "fallo",
}
DEONTIC_PHRASES = (
    ("debería",),
    ("deberían",),
    ("deberíamos",),
    ("should",),
    ("ought",),
    ("hay", "que"),
    ("no", "se", "puede"),
    ("no", "se", "pueden"),
    ("no", "se", "debe"),
    ("no", "podemos", "permitir"),
    ("cannot", "allow"),
    ("can", "not", "allow"),
    ("must", "not", "be", "allowed"),
    # What is not to go on ("no puede seguir así", "we cannot keep paying", "must never happen again").
    ("no", "puede", "seguir"),
    ("no", "pueden", "seguir"),
    ("no", "podemos", "seguir"),
    ("no", "puede", "continuar"),
    ("no", "pueden", "continuar"),
    ("no", "podemos", "continuar"),
    ("no", "debe", "repetirse"),
    ("nunca", "más"),
    ("cannot", "keep"),
    ("can", "not", "keep"),
    ("ca", "n't", "keep"),
    ("cannot", "go", "on"),
    ("cannot", "continue"),
    ("can", "no", "longer"),
    ("must", "not"),
    ("must", "never"),
    ("must", "stop"),
    ("never", "again"),
)
"""What ought to be, or is not to be tolerated ("hay que actuar", "no se puede seguir así", "the
state should pay"): a norm the speaker sets, not a fact; a figure in it makes it a proposal to check."""
UNBOUNDED_COMPARISONS = (
    ("than", "ever"),
    ("que", "nunca"),
    ("like", "never", "before"),
    ("como", "nunca"),
    # What nobody can ever do ("nobody can stop us", "nadie podrá callarnos"): a vow, not a fact.
    ("nobody", "can"),
    ("nobody", "will"),
    ("no", "one", "can"),
    ("nothing", "can"),
    ("nadie", "puede"),
    ("nadie", "podrá"),
    ("nada", "puede"),
    ("nada", "podrá"),
    # The diplomatic formula of an unnamed response ("tomará todas las medidas necesarias").
    ("all", "necessary", "measures"),
    ("all", "necessary", "steps"),
    ("todas", "las", "medidas", "necesarias"),
    # Verdicts given to a collective or to history ("the people have spoken"): formulas of a
    # campaign, with nobody who spoke and nothing said.
    ("the", "people", "have", "spoken"),
    ("the", "people", "has", "spoken"),
    ("the", "voters", "have", "spoken"),
    ("el", "pueblo", "ha", "hablado"),
    ("el", "pueblo", "habló"),
    ("las", "urnas", "han", "hablado"),
    ("history", "will", "judge"),
    ("la", "historia", "juzgará"),
    # Verdicts of excess and of the lesson taught ("for far too long", "sends the right message",
    # "desde hace demasiado tiempo"): the writer's judgement, with no measure given.
    ("far", "too"),
    ("the", "right", "message"),
    ("the", "wrong", "message"),
    ("un", "mensaje", "claro"),
    ("el", "mensaje", "correcto"),
    ("demasiado", "tiempo"),
)
"""A comparison with all of time ("more divided than ever", "más unido que nunca"), what nobody can
ever do, a response left unnamed ("all necessary measures"): rhetoric, with no measure a
fact-checker could hold it to."""
REACTION_LEMMAS = {
    # English
    "welcome",
    "hail",
    "applaud",
    "praise",
    "commend",
    "celebrate",
    "mourn",
    "regret",
    "deplore",
    "lament",
    "express",
    "voice",
    "criticize",
    "criticise",
    "thank",
    # Spanish
    "saludar",
    "celebrar",
    "aplaudir",
    "elogiar",
    "felicitar",
    "agradecer",
    "lamentar",
    "deplorar",
    "criticar",
    "expresar",
    "manifestar",
    "valorar",
}
"""Verbs of a stance toward something ("welcomed the decision", "celebró los nombramientos",
"expressed their condolences", "lamentó la «indiferencia» de Quito"): with an object and no
content clause, the clause says how someone feels about a fact, which no record confirms. With a
content clause ("lamentó que ...", "regretted that 40 died") the content is the claim."""
SENTIMENT_NOUNS = {
    "condolencia",
    "condolencias",
    "solidaridad",
    "pesar",
    "dolor",
    "tristeza",
    "satisfacción",
    "preocupación",
    "apoyo",
    "rechazo",
    "indignación",
    "condolence",
    "condolences",
    "sympathy",
    "solidarity",
    "sorrow",
    "sadness",
    "satisfaction",
    "concern",
    "support",
    "outrage",
    "regret",
}
"""What a speaker expresses when it expresses a feeling: with no date, the gesture is colour;
"transmitió el lunes su pesar" dates it, and stays a fact of the day."""
HELD_EVENT_NOUNS = {
    "elección",
    "elecciones",
    "reunión",
    "sesión",
    "cumbre",
    "asamblea",
    "consulta",
    "referéndum",
    "votación",
    "congreso",
    "juicio",
    "audiencia",
    "ceremonia",
    "encuentro",
    "conferencia",
    "acto",
    "misa",
    "funeral",
    "funerales",
    "aniversario",
    "cumpleaños",
    "victoria",
    "título",
    "gol",
}
"""What "celebrar" holds rather than praises ("celebró elecciones", "celebrará una cumbre"), and
what "celebrate" marks as an event ("celebrated its 50th anniversary"): an event to check."""
DEFENDED_NOUNS = {
    "decision",
    "policy",
    "plan",
    "measure",
    "law",
    "reform",
    "record",
    "decisión",
    "política",
    "medida",
    "ley",
    "reforma",
    "gestión",
}
"""What a speaker "defends" as a stance ("defended the government's policy"); troops defending a
city, or a lawyer a client, do something that happened."""
NEED_LEMMAS = {"necesitar", "need"}
WORTH_LEMMAS = {"merecer", "deserve", *NEED_LEMMAS}
"""Verbs of what someone or something is owed or lacks ("merece una moción de censura", "deserved a
rescue, not a funeral", "El país necesita más resultados"): a norm, not a fact; with a figure
("needs 200 more nurses") it becomes a demand a fact-checker can weigh."""
ANONYMITY_PATTERN = re.compile(
    r"\b(anonymity|anonimato|not authori[sz]ed to \w+|no (?:est\w+ )?autorizad[oa]s? (?:a|para) \w+"
    r"|no ser identificad[oa]s?|not to be (?:named|identified)|declined to be (?:named|identified)"
    r"|sin ser identificad[oa]s?|(?:pidi\w+|solicit\w+) el anonimato|asked not to be (?:named|identified))\b",
    re.IGNORECASE,
)
"""The agencies' boilerplate on why a source is unnamed ("who spoke on condition of anonymity
because he was not authorized to brief reporters", "que pidieron no ser identificadas porque no
están autorizadas a hablar con la prensa"): it tells how the outlet got the fact, not a fact."""
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


def extract_claims(
    text: str, language: str, published: str | None = None, people: PersonIndex | None = None
) -> list[ClaimDraft]:
    """Claims of one text; relative dates resolve against `published` (YYYY-MM-DD); `people`: the
    people already known (the archive's), whose canonical actors the text's people take when they match."""
    return next(iter(extract_many([text], language, published, people=people)))


POST_MAX_CHARS = 600
"""The longest text read as a post: a tweet is at most 280 characters and its links (the longest
of the CheckThat! tweets, 416)."""


def reads_as_post(text: str) -> bool:
    """Whether a text is a post (a tweet, a line of `extract --lines`), scored on the posts' scale
    the check-worthiness model was fitted on, rather than an article: one line, no longer than a
    post. An article has paragraphs."""
    stripped = text.strip()
    return "\n" not in stripped and len(stripped) <= POST_MAX_CHARS


def extract_many(
    texts: Iterable[str],
    language: str,
    published: str | None = None,
    batch_size: int = 64,
    people: PersonIndex | None = None,
    posts: bool = False,
) -> Iterator[list[ClaimDraft]]:
    """Claims of many texts, batched through nlp.pipe; one list per text, in order. Each
    article's people get one canonical actor per person (workbench/nlp/people.py), matched
    against `people` when given.

    Each text is cut into pieces (pieces_of), and each piece's doc carries its place in the
    article (claim_pipes.Piece), so the pipeline's workbench_claims component reads the pieces of
    one article together and workbench_score turns its cuts into the claims collected here.

    With `posts`, a text that reads_as_post is a post: its claims are checkable by the learned model
    and scored on the posts' scale (`extract`; what is imported is an article)."""
    nlp = load_nlp(language)
    articles = ((pieces_of(normalize(text)), posts and reads_as_post(text)) for text in texts)
    for long, run in groupby(articles, key=lambda text: sum(len(p.text) for p in text[0]) > PARALLEL_CHARS):
        if long:  # parsed in two processes where it can be, one article at a time (never a post)
            for pieces, _ in run:
                yield resolve_people(_claims_of(nlp, parse_pieces(pieces, language, published, batch_size)), people)
            continue
        current: list[ClaimDraft] = []
        read = 0
        for doc in nlp.pipe(_piece_docs(nlp, run, language, published), batch_size=batch_size):
            current.extend(doc._.workbench_claims)
            read += 1
            if read == doc._.workbench_piece.article.pieces:
                yield resolve_people(current, people)
                current, read = [], 0


def _claims_of(nlp: Language, docs: list[Doc]) -> list[ClaimDraft]:
    """Claims of one article's parsed pieces, through the claim components as nlp.pipe runs them."""
    from workbench.nlp.claim_pipes import CLAIMS_PIPE, SCORE_PIPE, ClaimCutter

    cutter, score = cast("ClaimCutter", nlp.get_pipe(CLAIMS_PIPE)), nlp.get_pipe(SCORE_PIPE)
    return [claim for doc in cutter.pipe(docs) for claim in score(doc)._.workbench_claims]


def _piece_docs(
    nlp: Language, articles: Iterable[tuple[list[Normalized], bool]], language: str, published: str | None
) -> Iterator[Doc]:
    """Unparsed docs of every text's pieces, each told which text it belongs to and whether it is a post."""
    from workbench.nlp.claim_pipes import ArticleFrame, Piece

    for k, (pieces, post) in enumerate(articles):
        article = ArticleFrame(k, len(pieces), language, published, post)
        for piece in pieces:
            doc = nlp.make_doc(piece.text)
            doc._.workbench_piece = Piece(piece, article)
            yield doc


def parse_pieces(pieces: list[Normalized], language: str, published: str | None, batch_size: int = 64) -> list[Doc]:
    """One article's pieces parsed, without the claim components, each doc told its place in the
    article; a long article in two processes (parse_pool). Benchmarks time the stages apart."""
    from workbench.nlp.claim_pipes import CLAIM_PIPES, ArticleFrame, Piece

    nlp = load_nlp(language)
    docs = parse_texts(nlp, language, [piece.text for piece in pieces], list(CLAIM_PIPES), batch_size)
    article = ArticleFrame(0, len(pieces), language, published)
    for doc, piece in zip(docs, pieces):
        doc._.workbench_piece = Piece(piece, article)
    return docs


PIECE_CHARS = 20_000
"""Longest text given to spaCy at once. A long article is parsed in pieces of whole paragraphs
(a paragraph longer than this is cut at a sentence end, else a space), so spaCy's nlp.max_length
(1,000,000 characters) is never reached and memory and time grow with the text, not faster."""


def pieces_of(norm: Normalized, limit: int | None = None) -> list[Normalized]:
    """The normalized text cut into pieces of at most `limit` (PIECE_CHARS) characters, at paragraph
    breaks when it can; each piece maps into the whole original text. A text within the limit is one piece."""
    limit = limit or PIECE_CHARS
    text = norm.text
    if len(text) <= limit:
        return [norm]
    found = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            if cut < 0:
                cut = max(text.rfind(". ", start + 1, end), text.rfind("? ", start + 1, end))
                cut = cut + 1 if cut >= 0 else text.rfind(" ", start + 1, end)
            end = cut + 1 if cut >= 0 else end
        if text[start:end].strip():
            found.append(norm.piece(start, end))
        start = end
    return found or [norm.piece(0, 0)]


def extract_one(
    text: str, language: str, published: str | None, claimant: str | None = None, checkable: bool | None = None
) -> ClaimDraft:
    """One claim for a text a reviewer wrote or marked: parsed in full but kept whole, not cut into
    clauses. The claimant is the one given, else the one the text names; `checkable`, when given,
    is the reviewer's decision and overrides the one read from the text."""
    from workbench.nlp.claim_pipes import CLAIM_PIPES
    from workbench.nlp.gazetteer import find_in

    norm = normalize(text)
    doc = load_nlp(language)(norm.text, disable=list(CLAIM_PIPES))
    span = doc[:]
    head = span.root
    actor: Claimant | None
    if claimant:
        actor = Claimant(claimant, find_in(claimant))
    else:
        attributor = Attributor()
        actor = attributor.clause_claimant(head, attributor.sentence_claimant(head.sent))
    return _draft(span, head, actor, norm, Context(language, published), checkable)


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
class Context:
    """What a claim's dates and figures are read against: the article's language and date; `post`:
    the text is a post (a tweet, a line of `extract --lines`), not an article (see reads_as_post)."""

    language: str
    published: str | None
    post: bool = False


def cut_article(pieces: list[tuple[Doc, Normalized]], context: Context, min_words: int = MIN_WORDS) -> list[list[Cut]]:
    """Claims of one article parsed in pieces, unscored, one list per piece: read in order with
    one attributor (who spoke last carries across pieces; the article's country is read over all
    of them). The workbench_claims component runs this; workbench_score scores the cuts."""
    attributor = Attributor(article_country(doc for doc, _ in pieces))
    for doc, _ in pieces:
        attributor.define_acronyms(doc.text)
        repair_coordination(doc)
    found: list[list[Cut]] = []
    for doc, norm in pieces:
        cuts: list[Cut] = []
        found.append(cuts)
        entities = _Entities(doc)
        sents = list(doc.sents)
        closing = quote_runs(sents)
        # Speakers of quotations are named where the quotation closes: read those sentences first.
        closed = {j for i, j in enumerate(closing) if j != i}
        last = attributor.last  # reading the closers ahead must not make their speaker the last one
        closers = {i: attributor.sentence_claimant(sents[i]) for i in sorted(closed)}
        attributor.last = last
        quoted_by: Claimant | None = None  # the speaker of the last sentence's quotation
        for i, sent in enumerate(sents):
            if is_dateline(sent.text):  # "Lima, 3 feb (EFE).-": no fact, no speaker
                continue
            # The sentence's own bodies first: "La OPS enviará ..., según un comunicado del organismo".
            attributor.mention(entities.within(sent), sent)
            if closing[i] != i:
                sentence_claimant = closers.get(closing[i]) or attributor.sentence_claimant(sents[closing[i]])
            else:
                sentence_claimant = attributor.sentence_claimant(sent)
            if sentence_claimant is None and i > 0 and continues_quotation(sents[i - 1], sent):
                sentence_claimant = quoted_by  # '"The dam is safe," the governor said. "Levels fell."'
            quoted_by = sentence_claimant if quotes_in(sent) else None
            for clause in clause_spans(sent):
                if sum(1 for t in clause.span if t.is_alpha or t.like_num) < min_words:
                    continue
                if _anonymity_boilerplate(clause):
                    continue
                claimant = attributor.clause_claimant(clause.head, sentence_claimant)
                cuts.append(_cut(clause.span, clause.head, claimant, norm, context, lead=clause, entities=entities))
    return found


def quotes_in(sent: Span) -> bool:
    """Whether a sentence holds quoted words."""
    return any(t.text in OPEN_QUOTES for t in sent)


def continues_quotation(before: Span, sent: Span) -> bool:
    """'"The dam is safe," the governor said. "Levels fell 2 metres."': a sentence that is a
    quotation and nothing else, right after a quoted sentence of the same paragraph, goes on
    quoting the same speaker (wire copy names a speaker once per quoted paragraph)."""
    words = [t for t in sent if not t.is_space]
    after = sent.doc[sent.end] if sent.end < len(sent.doc) else None
    if words and after is not None and after.text in CLOSE_QUOTES and words[-1].text not in CLOSE_QUOTES:
        words.append(after)  # the closing quote the segmenter left to the next sentence
    while words and words[-1].is_punct and words[-1].text not in CLOSE_QUOTES:
        words.pop()
    if len(words) < 3 or words[0].text not in OPEN_QUOTES or words[-1].text not in CLOSE_QUOTES:
        return False
    if any(t.text in OPEN_QUOTES | CLOSE_QUOTES for t in words[1:-1]):
        return False  # quoted pieces with the outlet's words between them
    ends = [t.idx + len(t.text) for t in before if not t.is_space]
    between = sent.doc.text[max(ends, default=before.end_char) : sent.start_char + 1]
    return "\n" not in between and quotes_in(before)


class _Entities:
    """A doc's entities read once: Span.ents walks every entity of the doc on each call, which made
    a long piece's claims cost its length squared."""

    def __init__(self, doc: Doc) -> None:
        self.ents = list(doc.ents)
        self.starts = [ent.start for ent in self.ents]

    def within(self, span: Span) -> list[Span]:
        from bisect import bisect_left

        found = []
        for ent in self.ents[bisect_left(self.starts, span.start) :]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
        return found


def article_country(docs: Iterable[Doc]) -> str | None:
    """The country an article is about, when one stands out: named (by name, capital, demonym or an
    actor that speaks for it) at least twice, and at least twice as often as any other. A bare "el
    Gobierno" speaks for it; in a story that names two countries alike it speaks for neither."""
    from collections import Counter

    from workbench.nlp.gazetteer import country_of, demonym_country

    counts: Counter[str] = Counter()
    for doc in docs:
        counted: set[int] = set()
        for ent in doc.ents:
            country = country_of(ent._.workbench_canonical)
            if country is not None:
                counts[country] += 1
                counted.update(range(ent.start, ent.end))
        for token in doc:
            if token.is_alpha and token.i not in counted and token.pos_ in {"ADJ", "PROPN", "NOUN", ""}:
                country = demonym_country(token.text)
                if country is not None:
                    counts[country] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


@dataclass(frozen=True)
class Cut:
    """A claim cut from its clause, before scoring: what workbench_score reads."""

    span: Span
    start: int
    end: int
    text: str
    kind: str
    checkable: bool | None
    """None: the learned model decides (a post's claims); else the extractor's rule or a reviewer."""
    claimant: Claimant | None
    ents: list[Span]
    dates: tuple[str, ...]
    figures: tuple[Figure, ...]
    norm: Normalized
    post: bool = False


def _draft(
    span: Span,
    head: Token,
    claimant: Claimant | None,
    norm: Normalized,
    context: Context,
    checkable: bool | None = None,
) -> ClaimDraft:
    """A scored claim of one span (extract_one)."""
    return scored(_cut(span, head, claimant, norm, context, checkable))


ANTECEDENT_JOINER = ", "
"""The joiner clauses.Clause gives a lead that is an antecedent ("marzo de 2019, cuando ...") or a
phrase fronted before the clause ("En mayo, ..."): such a lead says when the clause's event was, so
its dates are the claim's; a subject's or a reporting frame's (the saying's day) are not."""


def _cut(
    span: Span,
    head: Token,
    claimant: Claimant | None,
    norm: Normalized,
    context: Context,
    checkable: bool | None = None,
    lead: Clause | None = None,
    entities: _Entities | None = None,
) -> Cut:
    """A claim of one clause. With a lead (the subject, antecedent or reporting frame the clause
    lacks), the text is the lead and the clause, so it reads alone; start:end is the clause's."""
    start, end = norm.span(span.start_char, span.end_char)
    text = norm.original[start:end]
    within = entities.within if entities is not None else (lambda part: list(part.ents))
    ents = within(span)
    if lead is not None and lead.lead is not None:
        lead_start, lead_end = norm.span(lead.lead.start_char, lead.lead.end_char)
        text = norm.original[lead_start:lead_end] + lead.joiner + text
        ents = within(lead.lead) + ents
    found = tuple(figures(span, context.language))
    kind = _kind(span, head, claimant, found)
    dates = tuple(claim_dates(span.text, context.language, context.published, _dates_ahead(span, context.language)))
    if lead is not None and lead.lead is not None and lead.joiner == ANTECEDENT_JOINER:
        # "marzo de 2019, cuando firmaron": the antecedent dates the relative clause's event
        named = claim_dates(
            lead.lead.text, context.language, context.published, _dates_ahead(lead.lead, context.language)
        )
        if not named:
            # "dos meses después de la rebelión, que llegó ...": the antecedent is an earlier event
            # Doc.text joins every token of the doc on each call: a twentieth of extraction's time.
            before = span.doc[lead.lead.sent.start : lead.lead.start].text
            prior = prior_event_date(before, context.language, context.published)
            named = [prior] if prior else []
        dates = tuple(dict.fromkeys((*dates, *named)))
    if checkable is None and not context.post:
        # The learned `checkable` (fitted on tweets) cut gold-article recall from 0.96 to 0.44:
        # in articles the extractor's rule decides, the model scores (benchmarks/checkworthiness.py).
        # A post is what it was fitted on, so there the model decides (opinions stay not checkable).
        checkable = kind != "opinion" and not _is_background(span, head)
    return Cut(span, start, end, text, kind, checkable, claimant, ents, dates, found, norm, context.post)


@dataclass(frozen=True)
class WholeText:
    """A text read as one claim, the way the check-worthiness model was fitted on tweets
    (checkworthiness_train.featurize) and a post is scored (post_assessment)."""

    span: Span
    kind: str
    claimant: Claimant | None
    dates: tuple[str, ...]
    figures: tuple[Figure, ...]


def read_whole(doc: Doc, language: str) -> WholeText | None:
    """A parsed text whole: its root's claimant, kind, dates (against no date) and figures."""
    span = doc[:]
    if not len(span):
        return None
    head = span.root
    attributor = Attributor()
    claimant = attributor.clause_claimant(head, attributor.sentence_claimant(head.sent))
    found = tuple(figures(span, language))
    dates = tuple(resolve_dates(span.text, language, None))
    return WholeText(span, _kind(span, head, claimant, found), claimant, dates, found)


def post_assessment(doc: Doc, language: str, model: Model | None = None) -> Assessment | None:
    """A post's check-worthiness, read whole: the model was fitted on whole tweets, and its cut
    claims scored one by one and counted when any was flagged fell from 0.82 to 0.72 F1 in-sample
    on CheckThat! 2024 dev. Every claim of the post but an opinion carries it."""
    whole = read_whole(doc, language)
    if whole is None:
        return None
    return _score(
        whole.span, whole.span.ents, whole.kind, whole.claimant, whole.dates, whole.figures, None, model, post=True
    )


def scored(cut: Cut, model: Model | None = None, post: Assessment | None = None) -> ClaimDraft:
    """The claim of a cut with its check-worthiness, from `model` or the one in use; a post's
    claims (but its opinions) carry `post`, the decision on the whole post."""
    claimant = cut.claimant
    if post is not None and cut.kind != "opinion":
        judged = post
    else:
        judged = _score(cut.span, cut.ents, cut.kind, claimant, cut.dates, cut.figures, cut.checkable, model, cut.post)
    return ClaimDraft(
        start=cut.start,
        end=cut.end,
        text=cut.text,
        kind=cut.kind,
        checkable=judged.checkable,
        checkworthy=judged.checkworthy,
        score=judged.score,
        claimant=claimant.text if claimant else None,
        claimant_canonical=claimant.canonical if claimant else None,
        entities=tuple(_entities(cut.ents, cut.norm)),
        dates=cut.dates,
        figures=cut.figures,
        reasons=judged.reasons,
    )


def _kind(span: Span, head: Token, claimant: Claimant | None, found: tuple[Figure, ...] = ()) -> str:
    """Opinion for evaluations (an evaluative or superlative predicate, an opinion verb), quantity
    for a stated figure (not "un acuerdo", not "los dos líderes"), statement when someone says it."""
    # Forms beside lemmas: the small English lemmatizer makes "damning" "damn".
    lemmas = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    if _evaluates(head, lemmas, span):
        return "opinion"
    if is_reporting(head) and head.doc.has_annotation("DEP"):
        # "El acuerdo fue un éxito, dijo el ministro": the speaker's evaluation is an opinion too.
        for said in head.children:
            if said.dep_ in {"ccomp", "parataxis"} and span.start <= said.i < span.end:
                # Only the predicate's own words: "Estamos convencidos de que ... la lucha justa"
                # predicates a conviction, and the adjective deep inside is the speaker's claim.
                own = {
                    word
                    for part in _predicate_nouns(said)
                    for t in [part, *(c for c in part.children if c.dep_ == "amod")]
                    for word in (t.lemma_.lower(), t.lower_)
                }
                if _evaluates(said, own) and not any(f.explicit for f in found):
                    return "opinion"
    if lemmas & OPINION_LEMMAS and not any(f.explicit for f in found) and not _impersonal_belief(span):
        return "opinion"
    if _quoted_rhetoric(head, span):  # reads the figures of the quotation itself
        return "opinion"
    # An idiom of rhetoric judges whatever figures stand beside it ("have been patient for three
    # years, and the companies keep moving the goalposts").
    if (
        idiom_in(span.text, _language(head))
        or _threat(head, span)
        or _stance_as(head, span)
        or _quoted_charge(head, span)
    ):
        return "opinion"
    if not any(f.explicit for f in found) and (
        _qualifies(head, span)
        or _normative_or_unbounded(span)
        or _reaction_only(head, span)
        or _owed(span, claimant)
        or _verbless(span, claimant)
    ):
        return "opinion"
    if any(f.explicit for f in found) and not is_reporting(head):
        return "quantity"
    if claimant is not None or any(is_reporting(t) for t in span):
        return "statement"
    if _is_future(span):
        return "prediction"
    return "event"


def _qualifies(head: Token, span: Span) -> bool:
    """ "Calificó el fallo de «injusto»", "called the plan reckless": a qualifying verb whose
    words in the claim include an appraisal."""
    if head.lemma_.lower() not in QUALIFYING_LEMMAS:
        return False
    own = [t for t in head.subtree if span.start <= t.i < span.end]
    # An evaluative noun is an appraisal too ("calificó el plan de «un fracaso»"); a quoted label
    # that names an act ("de «traición»") stays a statement of what was said.
    return any(t.lemma_.lower() in EVALUATIVE_LEMMAS or t.lemma_.lower() in EVALUATIVE_NOUNS for t in own)


def _stance_as(head: Token, span: Span) -> bool:
    """ "Dismissed the accusations as a provocation", "desestimó las críticas como «politiquería»":
    a stance verb that takes its object as something (STANCE_QUALIFYING_LEMMAS), with no content
    clause of its own ("denunció que ..." reports what it denounces)."""
    if head.lemma_.lower() not in STANCE_QUALIFYING_LEMMAS or not head.doc.has_annotation("DEP"):
        return False
    if _content_children(head, span):
        return False
    own = [t for t in head.subtree if span.start <= t.i < span.end and t.i > head.i]
    return any(t.lower_ in {"as", "como"} and t.dep_ in {"prep", "mark", "case", "cc", "advmod"} for t in own)


def _quoted_charge(head: Token, span: Span) -> bool:
    """ "Acusó al Gobierno de «dormirse en los laureles»": a charge of blame (ACCUSING_LEMMAS)
    whose words after "de" / "of" / "for" open a quotation."""
    if head.lemma_.lower() not in ACCUSING_LEMMAS or not head.doc.has_annotation("DEP"):
        return False
    own = [t for t in head.subtree if span.start <= t.i < span.end and t.i > head.i]
    for k, token in enumerate(own[:-1]):
        if token.lower_ in {"de", "of", "for"} and own[k + 1].text in {"«", "“", '"'}:
            return True
    return False


def _threat(head: Token, span: Span) -> bool:
    """ "«Anyone who spies on us will pay»", "«Quien toque a nuestros productores lo pagará»": in a
    speaker's quoted words, a free relative of whoever might do it (GENERIC_WHO, its verb in the
    present or the subjunctive) for subject, a future for verb, and no figure or date. A threat or a
    vow names no one and nothing that has happened; "those who were evacuated will return on
    Friday" names a group, and "anyone who lives there will get 500 dollars" a policy to check."""
    if not any(t.lower_ in GENERIC_WHO for t in span) or not head.doc.has_annotation("DEP"):
        return False
    if _has_figure_or_date(head, list(span)):
        return False
    said = _said_head(head, span)
    if said is None or not _inside_quotes(said.doc[said.i : said.i + 1]):
        return False
    head = said
    future = "Fut" in head.morph.get("Tense", []) or any(
        c.lower_ in {"will", "shall", "'ll", "va", "van"} and c.dep_ in {"aux", "aux:pass"} for c in head.children
    )
    if not future:
        return False
    for subject in (c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}):
        words = [t for t in subject.subtree if not t.is_punct]
        if not words or words[0].lower_ not in GENERIC_WHO:
            continue
        verbs = [subject] if subject.dep_ == "csubj" else [c for c in subject.children if c.dep_ in {"relcl", "acl"}]
        if any("Sub" in v.morph.get("Mood", []) or v.tag_ in {"VBZ", "VBP"} for v in verbs):
            return True
    return False


def _anonymity_boilerplate(clause: Clause) -> bool:
    """A subordinate clause (a cause, a relative, a participle) that only says why a source is
    unnamed; the clause the source reports stays (see ANONYMITY_PATTERN)."""
    head = clause.head
    if head.dep_ in {"ROOT", "ccomp", "conj"} or head.head.i == head.i:
        return False
    own = clause.span.doc[max(clause.span.start, head.left_edge.i) : min(clause.span.end, head.right_edge.i + 1)]
    if ANONYMITY_PATTERN.search(own.text):
        return True
    # ... or the reason given inside it ("who asked not to be named because the talks are private").
    current = head.head
    while current.dep_ in {"advcl", "relcl", "acl", "acl:relcl", "xcomp"} and current.head.i != current.i:
        if ANONYMITY_PATTERN.search(current.doc[current.left_edge.i : current.right_edge.i + 1].text):
            return True
        current = current.head
    return False


def _content_children(head: Token, span: Span) -> list[Token]:
    return [
        c for c in head.children if c.dep_ in {"ccomp", "xcomp", "parataxis", "csubj"} and span.start <= c.i < span.end
    ]


def _reaction_only(head: Token, span: Span) -> bool:
    """A stance verb with an object and nothing said (REACTION_LEMMAS); "defended" only with a
    policy for object (DEFENDED_NOUNS); "celebrar" not when it holds an event (HELD_EVENT_NOUNS)."""
    if not head.doc.has_annotation("DEP"):
        return False
    lemma = head.lemma_.lower()
    objects = [c for c in head.children if c.dep_ in {"obj", "dobj", "iobj"}]
    if lemma in {"defend", "defender"}:
        return any(o.lemma_.lower() in DEFENDED_NOUNS for o in objects) and not _content_children(head, span)
    if lemma in REJECTION_LEMMAS:
        return _rejection_only(head, span, objects)
    if lemma not in REACTION_LEMMAS or _content_children(head, span):
        return False
    if any(c.dep_ == "mark" or c.lower_ in {"que", "that"} for c in head.children if c.i > head.i):
        return False
    if any(o.lemma_.lower() in HELD_EVENT_NOUNS or o.lower_ in HELD_EVENT_NOUNS for o in objects):
        return False
    language = _language(head)
    undated = not any(t.ent_type_ in {"DATE", "TIME"} or is_calendar_word(t.text, language) for t in span)
    # A feeling expressed ("expressed their condolences", "expresó su solidaridad con las
    # familias") or a quoted label for what it reacts to ("lamentó la «indiferencia» de Quito";
    # not a quoted epithet of a named thing, "elogió al «valiente» cuerpo de bomberos").
    if undated and any(
        o.lemma_.lower() in SENTIMENT_NOUNS
        or o.lower_ in SENTIMENT_NOUNS
        or (o.i > 0 and o.doc[o.i - 1].text in {"«", "“"})
        for o in objects
    ):
        return True
    # Only a reaction to what the story has told ("welcomed the decision", "celebró los
    # nombramientos"): a bare definite noun for object, with no date. "Transmitió el lunes su
    # pesar a los vecinos" and "elogió al «valiente» cuerpo de bomberos" say who was addressed and
    # when, a gesture a reader can check.
    return (
        bool(objects)
        and all(_bare_definite(o) for o in objects)
        and not any(t.ent_type_ in {"DATE", "TIME"} for t in span)
    )


def _rejection_only(head: Token, span: Span, objects: list[Token]) -> bool:
    """ "La central rechazó la medida", "condemned the attack": a stance (REJECTION_LEMMAS) toward a
    measure or an act the story told, by no deciding body and with no date or figure."""
    if not objects or _content_children(head, span):
        return False
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}]
    if any(s.lemma_.lower() in DECIDING_BODIES or s.lower_ in DECIDING_BODIES for s in subjects):
        return False
    if any(t.like_num or t.ent_type_ in {"DATE", "TIME"} for t in span):
        return False
    return all(
        _bare_definite(o) and (o.lemma_.lower() in DEFENDED_NOUNS | STANCE_OBJECTS or o.lower_ in STANCE_OBJECTS)
        for o in objects
    )


def _bare_definite(noun: Token) -> bool:
    """ "the decision", "los nombramientos": a definite article and nothing else in the phrase."""
    children = list(noun.children)
    return (
        noun.pos_ == "NOUN"
        and len(children) == 1
        and children[0].dep_ == "det"
        and children[0].lower_ in {"the", "el", "la", "los", "las", "this", "esta", "este", "estos", "estas"}
    )


def _owed(span: Span, claimant: Claimant | None) -> bool:
    """What is deserved (WORTH_LEMMAS), by the outlet or inside what a speaker says; what is needed
    only when the outlet says it ("El país necesita más resultados"): a speaker's "corals need a
    decade to recover" reports a finding."""
    lemmas = WORTH_LEMMAS if claimant is None else WORTH_LEMMAS - NEED_LEMMAS
    forms = {"deserve", "deserves", "deserved"} | ({"needs"} if claimant is None else set())
    return any(t.pos_ in {"VERB", "AUX"} and (t.lemma_.lower() in lemmas or t.lower_ in forms) for t in span)


QUOTED_SUBJECTS = {"we", "i", "you", "nosotros", "yo", "nos", "this", "esto", "eso"}


QUOTED_KEY = "workbench_quoted"


def _inside_quotes(span: Span) -> bool:
    """Whether the span opens inside a quotation of its paragraph (direct speech). Which tokens
    are quoted is read once per doc, in one pass, and kept in its user_data."""
    doc = span.doc
    quoted = doc.user_data.get(QUOTED_KEY)
    if quoted is None or len(quoted) != len(doc):
        quoted = doc.user_data[QUOTED_KEY] = _quoted_tokens(doc)
    return span.start < len(quoted) and quoted[span.start]


def _quoted_tokens(doc: Doc) -> list[bool]:
    """For each token, whether a quotation of its paragraph is open before it."""
    found = []
    straight = opened = 0
    for token in doc:
        found.append(straight % 2 == 1 or opened > 0)
        text = token.text
        if text == '"':
            straight += 1
        elif text in {"“", "«"}:
            opened += 1
        elif text in {"”", "»"}:
            opened = max(0, opened - 1)
        if "\n" in text or "\n" in token.whitespace_:
            straight = opened = 0
    return found


def _said_head(head: Token, span: Span) -> Token | None:
    """The head of what a claim says: its reported clause's when the head is a reporting verb
    (None when that verb reports no clause here), else the head itself."""
    if not is_reporting(head):
        return head
    said = _content_children(head, span)
    return said[0] if said else None


def _quoted_rhetoric(head: Token, span: Span) -> bool:
    """A speaker's own words in quotation marks that predicate what something is or has become
    ("The sea has become a cemetery"), or speak for the speaker ("Nos vamos a quedar sin nada"),
    with no date or figure: the quotation is the speaker's rhetoric. Existential denials ("No hay
    víctimas", "There are no victims") state a fact and stay."""
    if not head.doc.has_annotation("DEP") or not _inside_quotes(span):
        return False
    said = _said_head(head, span)
    if said is None:
        return False
    head = said
    said_words = [t for t in head.subtree if span.start <= t.i < span.end]
    if _rhetorical(head, said_words):
        return True
    # "The sea has become a cemetery, and Europe is looking away": a conjunct of quoted rhetoric,
    # in the same quotation and with nothing to check, is rhetoric too.
    if head.dep_ == "conj" and head.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
        own = {t.i for t in head.subtree}
        partner_words = [t for t in head.head.subtree if t.i not in own]
        return _rhetorical(head.head, partner_words) and not _has_figure_or_date(head, said_words)
    return False


def _language(token: Token) -> str:
    """The dates module's language for a token's doc (English unless the doc is Spanish)."""
    return "es" if token.doc.lang_ == "es" else "en"


def _has_figure_or_date(head: Token, words: list[Token]) -> bool:
    language = _language(head)
    return any(t.like_num or (t.ent_type_ and is_calendar_word(t.text, language)) for t in words)


def _rhetorical(head: Token, said_words: list[Token]) -> bool:
    """The quoted clause's own test (see _quoted_rhetoric), over the clause's words."""
    # A figure or a date in the quotation (not in the speaker's description: "vecina de 54 años").
    if _has_figure_or_date(head, said_words):
        return False
    if any(c.dep_ == "expl" for c in head.children) or head.lemma_.lower() == "haber":
        return False
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}]
    # "Creemos que ...", "We are sure that ...": the first person frames a content clause, which is the claim.
    frames = any(
        c.dep_ in {"ccomp", "csubj", "advcl", "acl"} and any(m.lower_ in {"que", "that"} for m in c.children)
        for c in head.children
    )
    # A claim about a whole class ("Companies that build the road cannot decide ...", "Athletes
    # who cheat ..."): a bare plural names no one a record could be about.
    generic = any(
        c.pos_ == "NOUN"
        and "Plur" in c.morph.get("Number", [])
        and not any(d.dep_ in {"det", "poss", "nummod"} for d in c.children)
        for c in subjects
    )
    speaks_for_self = any(c.lower_ in QUOTED_SUBJECTS for c in subjects) or any(
        "1" in t.morph.get("Person", []) for t in [head, *head.children] if t.pos_ in {"VERB", "AUX", "PRON"}
    )
    copular = head.lemma_.lower() in COPULAR_LEMMAS or any(c.dep_ == "cop" for c in head.children)
    return not frames and (
        speaks_for_self or generic or (copular and head.pos_ != "VERB") or head.lemma_.lower() == "become"
    )


def _verbless(span: Span, claimant: Claimant | None) -> bool:
    """A sentence of the outlet with no verb at all ("Another preventable tragedy."): a comment,
    since a fact needs something to have happened."""
    if claimant is None and span.doc.has_annotation("SENT_START"):
        sent = span.sent
        words = [t for t in sent if not t.is_punct and not t.is_space]
        whole = bool(words) and span.start <= words[0].i and words[-1].i < span.end
        # A participle that modifies a noun ("otra promesa incumplida") predicates nothing.
        return whole and not any(
            (t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod") or "Fin" in t.morph.get("VerbForm", []) for t in sent
        )
    return False


def _normative_or_unbounded(span: Span) -> bool:
    """A norm ("hay que", "should", "no se puede seguir") or a comparison with all of time."""
    tokens = [t for t in span if not t.is_punct and not t.is_space]
    words = [t.lower_ for t in tokens]
    starts = _RHETORIC_STARTS
    for k, word in enumerate(words):
        for phrase in starts.get(word, ()):
            if tuple(words[k : k + len(phrase)]) == phrase and not _in_description(tokens[k], span):
                return True
    return False


def _in_description(token: Token, span: Span) -> bool:
    """A relative clause's modal is its noun's ("a server that should have been replaced"), not
    the claim's: a norm inside a description does not make the claim one."""
    root = span.root.i
    current = token
    while current.i != root and current.head.i != current.i and span.start <= current.i < span.end:
        if current.dep_ in {"acl", "relcl"} and is_relative(current):
            return True
        current = current.head
    return False


_RHETORIC_STARTS: dict[str, list[tuple[str, ...]]] = {}
for _phrase in (*DEONTIC_PHRASES, *UNBOUNDED_COMPARISONS):
    _RHETORIC_STARTS.setdefault(_phrase[0], []).append(_phrase)
"""The phrases of norms and rhetoric by their first word: a claim's words are looked up once each."""


def _evaluates(head: Token, lemmas: set[str], span: Span | None = None) -> bool:
    """A copular clause that predicates an appraisal, a ranking or an evaluative noun. A ranking
    with a source or a measured span of time ("the largest since 2010, according to the
    agency") is a record someone can look up, not an appraisal."""
    parsed = head.doc.has_annotation("DEP")  # an unparsed token's children crash spaCy 3.8
    copular = (parsed and any(t.dep_ == "cop" for t in head.children)) or head.lemma_.lower() in COPULAR_LEMMAS
    if not copular:
        return False
    if parsed and _characterises_this(head):
        return True
    sourced = span is not None and _sourced_record(span)
    if sourced and span is not None:  # "the worst since 1950": "bad" is the ranking's, not an appraisal
        # ... and so is the adjective of "el naufragio más grave desde 2019".
        ranked = {t.i for t in span if t.lower_ in {"más", "most", "menos", "least"} and t.head.pos_ == "ADJ"}
        ranked = {span.doc[i].head.i for i in ranked}
        lemmas = {
            t.lemma_.lower()
            for t in span
            if t.tag_ != "JJS" and t.lower_ not in SUPERLATIVE_ADJECTIVES and t.i not in ranked
        }
    if lemmas & EVALUATIVE_LEMMAS or _evaluative_noun(head):
        return True
    return _superlative(head) and not sourced


COPULAR_LEMMAS = {
    "ser",
    "parecer",
    "resultar",
    "convertir",
    "volver",
    "be",
    "remain",
    "seem",
    "appear",
    "become",
    "prove",
    "look",
    "sound",
}
"""Verbs that link a subject to what it is or has become ("remains timid", "se ha convertido en una
trampa", "proved disastrous"): their predicate can evaluate as a copula's does."""
DEMONSTRATIVES = {"this", "that", "esto", "eso", "aquello"}


def _characterises_this(head: Token) -> bool:
    """ "This is a wake-up call for ...", "Esto es un desastre": a demonstrative for the situation
    as subject and an indefinite noun for predicate, with no figure: the speaker says what the
    situation amounts to, which no record can confirm."""
    if not any(c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ in DEMONSTRATIVES for c in head.children):
        return False
    for noun in _predicate_nouns(head):
        indefinite = any(c.dep_ == "det" and "Ind" in c.morph.get("Definite", []) for c in noun.children)
        if indefinite and noun.pos_ == "NOUN" and not any(_counts(t) for t in noun.subtree):
            return True
    return False


def _counts(token: Token) -> bool:
    """A number in the phrase, not an indefinite article ("una ciudad" counts nothing)."""
    return token.like_num and token.pos_ != "DET" and token.dep_ != "det"


def _predicate_nouns(head: Token) -> list[Token]:
    """What a copular clause predicates: the head itself (Spanish), its attribute or complement
    (English), or the noun "en" introduces after "convertirse"."""
    found = [head, *(c for c in head.children if c.dep_ in {"attr", "acomp", "oprd"})]
    if head.lemma_.lower() in {"convertir", "volver"}:
        found += [c for c in head.children if c.dep_ in {"obl", "obj"} and any(k.lower_ == "en" for k in c.children)]
    return found


SOURCE_MARKERS = (("según",), ("according", "to"), ("de", "acuerdo", "con"), ("citing",), ("citando",))
SINCE_WORDS = {"since", "desde"}


def _sourced_record(span: Span) -> bool:
    """A ranking that cites where it comes from ("según el instituto", "according to", "citing")
    or bounds it by a date or a count of years ("since 2010", "desde 1950", "in 30 years")."""
    words = [t.lower_ for t in span]
    for marker in SOURCE_MARKERS:
        if any(tuple(words[k : k + len(marker)]) == marker for k in range(len(words))):
            return True
    for k, token in enumerate(span):
        # "since 2010", "desde 1950", "desde Otis, en 2023": bounded by a year or a named event.
        if token.lower_ in SINCE_WORDS and any(t.like_num or t.pos_ == "PROPN" for t in span[k + 1 : k + 4]):
            return True
    return False


def _evaluative_noun(head: Token) -> bool:
    """ "La reacción ha sido un ejemplo de coordinación", "The raid was a mistake": an indefinite
    predicate noun that evaluates, with no figure or name in its phrase to check."""
    if not head.doc.has_annotation("DEP"):
        return False
    for noun in _predicate_nouns(head):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in EVALUATIVE_NOUNS:
            continue
        indefinite = any(c.dep_ == "det" and "Ind" in c.morph.get("Definite", []) for c in noun.children)
        subject = {t.i for c in noun.children if c.dep_ in {"nsubj", "csubj", "nsubj:pass"} for t in c.subtree}
        predicate = [t for t in noun.subtree if t.i not in subject]
        if indefinite and not any(_counts(t) or t.ent_type_ for t in predicate):
            return True
    return False


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
        if (
            _is_future(verb.doc[verb.i : verb.i + 1])
            or any(c.dep_ in {"aux", "aux:pass", "auxpass"} and _is_future(c.doc[c.i : c.i + 1]) for c in verb.children)
            or _is_designated_day(token)
        ):
            ahead.add(fold_word(token.text))
    return frozenset(ahead)


DESIGNATION_LEMMAS = {"declare", "proclaim", "designate", "declarar", "decretar", "proclamar", "designar"}
"""Verbs that make a day something ("declared Monday a non-working day", "declaró el lunes día de
luto"): the day named is the one set apart, which lies ahead of the decision, not when it was made."""


def _is_designated_day(token: Token) -> bool:
    """A weekday right after a designation verb (an article between) and followed by the predicate
    noun it is made into ("a holiday", "día festivo", "jornada de luto")."""
    doc = token.doc
    k = token.i - 1
    if k >= 0 and doc[k].lower_ in {"el", "this", "next"}:
        k -= 1
    if k < 0 or doc[k].lemma_.lower() not in DESIGNATION_LEMMAS:
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and (
        following.lower_ in {"a", "an", "un", "una", "as", "como"} or following.lemma_.lower() in {"día", "jornada"}
    )


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
    antecedent = head.head
    if antecedent.pos_ == "PROPN" or antecedent.ent_type_:
        return False
    # "el organismo, que atribuyó la caída a los alimentos": what the antecedent said is a claim.
    if is_reporting(head):
        return False
    # "La estatal Petroecuador, que opera el ducto": a name in apposition names the antecedent.
    if any(c.dep_ in {"appos", "flat", "compound"} and (c.pos_ == "PROPN" or c.ent_type_) for c in antecedent.children):
        return False
    # A digit is a figure or a numeric date ("que deberán comparecer el 13/10/2026").
    return not any(
        t.like_num or t.ent_type_ or "Tim" in t.morph.get("AdvType", []) or any(c.isdigit() for c in t.text)
        for t in span
    )


def _score(
    span: Span,
    ents: Iterable[Span],
    kind: str,
    claimant: Claimant | None,
    dates: tuple[str, ...],
    found: tuple[Figure, ...],
    checkable: bool | None = None,
    model: Model | None = None,
    post: bool = False,
) -> Assessment:
    """Checkable, check-worthy, its probability and the reasons, from the learned model
    (workbench/nlp/checkworthiness.py; `model`, else the one in use) over what the extractor found.
    Opinions stay non-checkable; `checkable`, when given (a reviewer's decision, an archive row),
    overrides the model's; a post is read on the scale of the posts the model was fitted on."""
    from workbench.nlp.checkworthiness import current_model, signals

    feats = signals(span, ents, kind, claimant is not None, dates, found)
    details = {"date": ", ".join(dates), "figure": ", ".join(_figure_text(f) for f in found if f.explicit)}
    if claimant is not None:
        details["claimant"] = claimant.canonical or claimant.text
    details = {k: v for k, v in details.items() if v}
    return (model or current_model()).assess(
        feats, span.text, opinion=kind == "opinion", checkable=checkable, details=details, post=post
    )


def _figure_text(figure: Figure) -> str:
    """A figure as a reviewer reads it: 3,400,000,000 euros, not 3.4e+09."""
    if figure.low is not None and figure.high is not None:
        return f"{_number_text(figure.low)}–{_number_text(figure.high)} {figure.unit or ''}".strip()
    value = _number_text(figure.value)
    return f"{'' if figure.qualifier == '=' else figure.qualifier}{value} {figure.unit or ''}".strip()


def _number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _entities(ents: Iterable[Span], norm: Normalized) -> Iterator[EntityDraft]:
    """Entities of a claim (its span's ents, read once by the caller) with spans into the original text."""
    for ent in ents:
        tokens = [t for t in ent if not t.is_space and not t.is_punct]
        if not tokens:
            continue
        trimmed = ent.doc[tokens[0].i : tokens[-1].i + 1]
        start, end = norm.span(trimmed.start_char, trimmed.end_char)
        yield EntityDraft(norm.original[start:end], ent.label_, trimmed._.workbench_canonical, start, end)
