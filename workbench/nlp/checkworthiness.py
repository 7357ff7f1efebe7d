"""Check-worthiness learned from fact-checkers' labels: is a claim checkable, is it worth checking.

Two logistic regressions (fitted by `workbench.nlp.checkworthiness_train`) read the same
features: signals the extractor already has, named in words a reviewer understands ("names a
figure", "first person"), and the claim's word and character n-grams. The weights are plain
JSON (no pickle, nothing executed on load) and scoring is a sum of dictionary look-ups, so it
needs neither scikit-learn nor numpy at run time.

The same file carries a twin of both decisions that also reads the claim's e5 passage vector
(`Model.with_vectors`): an article's import embeds its claims for matching anyway, and scores
them again with it (`rescore`, well under a millisecond a claim beyond the embedding). Where there is no
vector (`extract --json`, semantic matching off, archive rows, edited claims), the model
without vectors decides.

`checkable` is the Newtral "contains a verifiable claim" label; `checkworthy` is the
CheckThat! "worth a fact-checker's time" label, with `score` its calibrated probability.
"""

from __future__ import annotations

import json
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.models import ClaimDraft, Figure

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span, Token

SHIPPED_MODEL = Path(__file__).resolve().parent / "models" / "checkworthiness.json"
FORMAT = "workbench-checkworthiness/1"

ACTOR_LABELS = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place"}
FIRST_SINGULAR = {"yo", "me", "mi", "mis", "mío", "mía", "conmigo", "i", "my", "mine"}
FIRST_PLURAL = {
    "nosotros",
    "nosotras",
    "nuestro",
    "nuestra",
    "nuestros",
    "nuestras",
    "nos",
    "we",
    "our",
    "us",
}
SECOND_PERSON = {
    "tú",
    "te",
    "ti",
    "tu",
    "tus",
    "vosotros",
    "os",
    "vuestro",
    "vuestra",
    "usted",
    "ustedes",
    "you",
    "your",
}
HEDGES = {
    "posible",
    "posiblemente",
    "quizá",
    "quizás",
    "supuestamente",
    "presuntamente",
    "aparentemente",
    "podría",
    "podrían",
    "might",
    "could",
    "possibly",
    "reportedly",
    "allegedly",
    "perhaps",
    "may",
}
OPINION_WORDS = {
    "creo",
    "creemos",
    "considero",
    "opino",
    "pienso",
    "parece",
    "debe",
    "deben",
    "debería",
    "deberían",
    "hay que",
    "think",
    "believe",
    "should",
}
EVALUATIVE = {
    "vergüenza",
    "vergonzoso",
    "indecente",
    "histórico",
    "histórica",
    "importante",
    "excepcional",
    "clave",
    "crucial",
    "preocupante",
    "lamentable",
    "terrible",
    "enhorabuena",
    "orgullo",
    "orgulloso",
    "shameful",
    "historic",
    "important",
    "great",
}
GREETING = {"gracias", "felicidades", "enhorabuena", "feliz", "bienvenidos", "buenos", "thanks", "congratulations"}
COMPARATIVE = {"más", "menos", "mayor", "menor", "mejor", "peor", "récord", "doble", "triple", "more", "less", "record"}
MONEY = {"€", "$", "euros", "euro", "dólares", "millones", "millón", "billones", "dollars", "million", "billion"}
NEGATION = {"no", "nunca", "jamás", "ningún", "ninguna", "ni", "not", "never"}
SPEECH = {"dice", "dijo", "afirma", "afirmó", "asegura", "aseguró", "según", "declaró", "said", "says", "according"}

SIGNALS: dict[str, str] = {
    "figure": "names a figure",
    "percent": "names a percentage",
    "money": "names money or a large amount",
    "date": "names a date",
    "person": "names a person",
    "organisation": "names an organisation",
    "place": "names a place",
    "claimant": "attributed to someone",
    "speech": "reports what someone said",
    "kind_event": "an event",
    "kind_quantity": "a quantity",
    "kind_statement": "a statement",
    "kind_prediction": "a prediction, not yet verifiable",
    "kind_opinion": "an opinion",
    "comparative": "compares (more, less, record)",
    "hedge": "hedged (possibly, allegedly)",
    "first_singular": "first person singular",
    "first_plural": "first person plural (we, our)",
    "second_person": "addresses the reader (you)",
    "opinion_words": "opinion wording (I think, should)",
    "evaluative": "evaluative wording (shameful, historic)",
    "greeting": "greeting or thanks",
    "question": "asks a question",
    "exclamation": "exclaims",
    "negation": "negates",
    "hashtag": "has hashtags",
    "mention": "mentions accounts",
    "link": "carries a link",
    "short": "very short",
    "long": "long (over 40 words)",
}
"""Every transparent signal, with the words a reviewer reads in the claim's reasons."""

_WORD = re.compile(r"[#@]?\w[\w'’-]*|[€$%]", re.UNICODE)
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Assessment:
    """The two decisions about one claim, and why."""

    checkable: bool
    """It states something verifiable (an event, a figure, a quote of fact)."""
    checkworthy: bool
    """It is worth a fact-checker's time: `score` reaches the model's threshold."""
    score: float
    """Calibrated probability that a fact-checker would call it worth checking."""
    reasons: tuple[str, ...]
    """The features that moved the score most, strongest first, with their sign."""


def signals(
    span: Span,
    ents: Iterable[Span],
    kind: str,
    claimant_known: bool,
    dates: tuple[str, ...],
    found: tuple[Figure, ...],
) -> dict[str, float]:
    """The transparent features of a claim, from what the extractor found and its words.

    Word lists rather than lemmas or tags: archives go through a pipeline without a tagger."""
    words = [t.lower_ for t in span if not t.is_space]
    return text_signals(span.text, words, {e.label_ for e in ents}, kind, claimant_known, dates, found)


def text_signals(
    text: str,
    words: list[str],
    labels: set[str],
    kind: str,
    claimant_known: bool,
    dates: tuple[str, ...],
    found: tuple[Figure, ...],
) -> dict[str, float]:
    """`signals` for a text already cut into lower-case words (training uses it directly)."""
    vocab = set(words)
    alpha = sum(1 for w in words if w[:1].isalpha())
    out = {
        "figure": float(any(f.explicit for f in found) or any(w[:1].isdigit() for w in words)),
        "percent": float("%" in vocab or "por ciento" in text.lower() or "percent" in vocab),
        "money": float(bool(vocab & MONEY)),
        "date": float(bool(dates)),
        "claimant": float(claimant_known),
        "speech": float(bool(vocab & SPEECH)),
        f"kind_{kind}": 1.0,
        "comparative": float(bool(vocab & COMPARATIVE)),
        "hedge": float(bool(vocab & HEDGES)),
        "first_singular": float(bool(vocab & FIRST_SINGULAR)),
        "first_plural": float(bool(vocab & FIRST_PLURAL)),
        "second_person": float(bool(vocab & SECOND_PERSON)),
        "opinion_words": float(bool(vocab & OPINION_WORDS) or "hay que" in text.lower()),
        "evaluative": float(bool(vocab & EVALUATIVE)),
        "greeting": float(bool(vocab & GREETING)),
        "question": float("?" in text or "¿" in text),
        "exclamation": float("!" in text or "¡" in text),
        "negation": float(bool(vocab & NEGATION)),
        "hashtag": float(any(w.startswith("#") for w in words)),
        "mention": float(any(w.startswith("@") for w in words)),
        "link": float("http" in text),
        "short": float(alpha < 8),
        "long": float(alpha > 40),
    }
    for label in labels:
        if label in ACTOR_LABELS:
            out[ACTOR_LABELS[label]] = 1.0
    return {name: value for name, value in out.items() if value and name in SIGNALS}


def fold(text: str) -> str:
    """Lower case without accents, links or digits' values: "El 70%" and "el 45 %" share grams."""
    text = _URL.sub(" URL ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\d", "0", text)


def grams(text: str) -> set[str]:
    """Word 1-2 grams ("w:") and character 2-5 grams inside words ("c:") of a folded text.

    Hashtags and mentions keep their mark; an account's name is folded to one token."""
    folded = fold(text)
    words = [w if not w.startswith("@") else "@user" for w in _WORD.findall(folded)]
    out = {"w:" + w for w in words}
    out.update("w:" + a + " " + b for a, b in zip(words, words[1:]))
    for word in set(words):
        if word != "@user":
            out.update(_char_grams(word))
    return out


@lru_cache(maxsize=65536)
def _char_grams(word: str) -> tuple[str, ...]:
    """Character 2-5 grams of one word, padded with a space each side; words repeat, so cached."""
    padded = f" {word} "
    size = len(padded)
    return tuple({"c:" + padded[i : i + n] for n in range(2, 6) for i in range(size - n + 1)})


@dataclass(frozen=True)
class LinearModel:
    """One logistic regression: signal weights, n-gram weights (read over L2-normalised binary
    n-grams, only the ones that matter kept), a bias, Platt calibration and a threshold."""

    bias: float
    signal_weights: dict[str, float]
    gram_weights: dict[str, float]
    calibration: tuple[float, float]
    threshold: float
    vector_weights: tuple[float, ...] = ()
    """Weights over the claim's sentence vector (e5 passage), empty when the model reads none."""
    vector_baseline: float = 0.0
    """The vector's share for the average claim it was fitted on (the bias offsets it). A reason
    gives a claim's meaning against it: every e5 vector lies in one narrow cone, so the raw share
    is about the same large number for any claim and says nothing of this one."""

    def contributions(
        self, feats: dict[str, float], grams_: set[str], vector: Sequence[float] | None = None
    ) -> tuple[float, dict[str, float], float]:
        """The raw margin, each signal's share of it, and the wording's share (n-grams, and the
        sentence vector when the model reads one)."""
        margin, shares, gram_part, vector_part = self.parts(feats, grams_, vector)
        return margin, shares, gram_part + vector_part

    def parts(
        self, feats: dict[str, float], grams_: set[str], vector: Sequence[float] | None = None
    ) -> tuple[float, dict[str, float], float, float]:
        """The raw margin, each signal's share, the n-grams' share and the sentence vector's share."""
        norm = math.sqrt(len(grams_)) or 1.0
        weights = self.gram_weights
        # map over dict.get, not a generator: a claim has hundreds of grams (3% of extraction's time)
        gram_part = sum(map(weights.get, grams_, repeat(0.0, len(grams_)))) / norm
        vector_part = 0.0
        if self.vector_weights:
            if vector is None:
                raise ValueError("this check-worthiness decision reads a sentence vector; none was given")
            # 384 products: about 15 µs a claim in plain Python, so no numpy at run time either.
            vector_part = sum(map(operator.mul, self.vector_weights, map(float, vector)))
        shares = {name: self.signal_weights.get(name, 0.0) * value for name, value in feats.items()}
        return self.bias + gram_part + vector_part + sum(shares.values()), shares, gram_part, vector_part

    def probability(self, margin: float) -> float:
        return scaled(self.calibration, margin)

    def to_json(self) -> dict:
        return {
            "bias": self.bias,
            "signals": self.signal_weights,
            "grams": self.gram_weights,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
        } | (
            {"vector": list(self.vector_weights), "vector_baseline": self.vector_baseline}
            if self.vector_weights
            else {}
        )

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            bias=float(data["bias"]),
            signal_weights={str(k): float(v) for k, v in data["signals"].items()},
            gram_weights={str(k): float(v) for k, v in data["grams"].items()},
            calibration=(float(data["calibration"][0]), float(data["calibration"][1])),
            threshold=float(data["threshold"]),
            vector_weights=tuple(float(v) for v in data.get("vector", ())),
            vector_baseline=float(data.get("vector_baseline", 0.0)),
        )


def scaled(calibration: tuple[float, float], margin: float) -> float:
    """A margin read as a probability through Platt scaling (a, b)."""
    a, b = calibration
    z = a * margin + b
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@dataclass(frozen=True)
class Model:
    checkable: LinearModel
    checkworthy: LinearModel
    about: dict
    """What it was trained on and how it measured, as the training wrote it."""
    article_threshold: float | None = None
    """Where `checkworthy` starts for the claims the workbench scores (article sentences and
    archive rows, never tweets): chosen on the claims fact-checkers marked in gold articles
    (`choose_threshold` in the training module, run by benchmarks/checkworthiness.py), because
    `checkworthy.threshold` is the F1-best one on tweets, where one in ten is worth checking.
    None: the tweets' threshold."""
    with_vectors: Model | None = None
    """The same two decisions fitted with the claim's sentence vector as well (the passage vector
    matching stores): what scores a claim where it is embedded anyway (an article's import). This
    model, which reads none, is the fallback: semantic matching off, no vector, `extract --json`."""
    embedder: str | None = None
    """For a model that reads vectors, the embedder whose passage vectors it was fitted on."""
    article_calibration: tuple[float, float] | None = None
    """Platt scaling (a, b) of the check-worthy margin for the claims the workbench scores, fitted
    on claims fact-checkers marked in articles (benchmarks/article_calibration.py): through the
    tweets' calibration an article's lead scores about 0.01, a scale a reviewer cannot read.
    None: the tweets' calibration. `article_threshold` is on this scale."""

    @property
    def threshold(self) -> float:
        """The check-worthiness threshold in use on claims."""
        return self.checkworthy.threshold if self.article_threshold is None else self.article_threshold

    def vector_model(self, embedder: str) -> Model | None:
        """The decisions that read `embedder`'s passage vectors, if this model ships them."""
        found = self.with_vectors
        return found if found is not None and found.embedder == embedder else None

    def assess(
        self,
        feats: dict[str, float],
        text: str,
        opinion: bool = False,
        checkable: bool | None = None,
        details: dict[str, str] | None = None,
        vector: Sequence[float] | None = None,
        post: bool = False,
    ) -> Assessment:
        """Both decisions for one claim. An opinion (the extractor's kind) is never checkable,
        and what is not checkable is not check-worthy, whatever its score. `checkable`, when
        given (a reviewer said so), replaces the model's decision; `details` name what a signal
        found ("figure": "2 misil"), for the reasons; `vector` is the claim's sentence vector,
        which a model with vectors needs. A `post` (a tweet, a line of `extract --lines`) is read on
        the scale of the posts the model was fitted on, the tweets' calibration and threshold: on
        the article scale 4,582 of CheckThat! 2024's 5,000 dev tweets were flagged (F1 0.26, in-sample;
        0.78 on the tweets' scale)."""
        text_grams = grams(text)
        if checkable is None:
            able_margin, _, _ = self.checkable.contributions(feats, text_grams, vector)
            checkable = not opinion and self.checkable.probability(able_margin) >= self.checkable.threshold
        margin, shares, gram_part, vector_part = self.checkworthy.parts(feats, text_grams, vector)
        score = round(self.checkworthy.probability(margin) if post else self._probability(margin), 3)
        return Assessment(
            checkable=checkable,
            checkworthy=checkable and score >= (self.checkworthy.threshold if post else self.threshold),
            score=score,
            reasons=_reasons(
                shares,
                gram_part,
                vector_part - self.checkworthy.vector_baseline,
                text_grams,
                self.checkworthy,
                checkable,
                details or {},
            ),
        )

    def _probability(self, margin: float) -> float:
        if self.article_calibration is None:
            return self.checkworthy.probability(margin)
        return scaled(self.article_calibration, margin)

    def to_json(self) -> dict:
        out = {
            "format": FORMAT,
            "checkable": self.checkable.to_json(),
            "checkworthy": self.checkworthy.to_json(),
            "about": self.about,
        } | ({} if self.article_threshold is None else {"article_threshold": self.article_threshold})
        if self.embedder is not None:
            out["embedder"] = self.embedder
        if self.with_vectors is not None:
            out["with_vectors"] = self.with_vectors.to_json()
        if self.article_calibration is not None:
            out["article_calibration"] = list(self.article_calibration)
        return out

    @classmethod
    def from_json(cls, data: dict) -> Model:
        article = data.get("article_threshold")
        inner = data.get("with_vectors")
        calibration = data.get("article_calibration")
        return cls(
            LinearModel.from_json(data["checkable"]),
            LinearModel.from_json(data["checkworthy"]),
            data.get("about", {}),
            None if article is None else float(article),
            None if inner is None else cls.from_json(inner),
            None if data.get("embedder") is None else str(data["embedder"]),
            None if calibration is None else (float(calibration[0]), float(calibration[1])),
        )


def _reasons(
    shares: dict[str, float],
    gram_part: float,
    vector_part: float,
    text_grams: set[str],
    model: LinearModel,
    checkable: bool,
    details: dict[str, str],
) -> tuple[str, ...]:
    """The three signals that moved the score most, the wording's share with its telling words,
    and, for a model that reads sentence vectors, the vector's share as one reason."""
    moved = [
        (v, SIGNALS[k] + (f" ({details[k]})" if k in details else "")) for k, v in shares.items() if abs(v) >= 0.05
    ]
    moved.sort(key=lambda p: -abs(p[0]))
    weights = model.gram_weights
    words = [(weights[g], g) for g in text_grams if g[0] == "w" and g in weights]
    words.sort(key=lambda p: -abs(p[0]))
    telling = []
    for weight, gram in words:
        # Words a reviewer can read: same direction as the wording's share, no folded digits, no bare "el".
        if (weight > 0) == (gram_part > 0) and "0" not in gram and (" " in gram or len(gram) >= 6):
            telling.append(gram[2:])
            if len(telling) == 3:
                break
    wording = "wording typical of claims fact-checkers check" if gram_part > 0 else "wording typical of what they skip"
    if telling:
        wording += ": " + ", ".join(f"“{w}”" for w in telling)
    ranked = [*moved[:3], (gram_part, wording)]
    if model.vector_weights and abs(vector_part) >= 0.05:
        ranked.append((vector_part, RESEMBLES if vector_part > 0 else RESEMBLES_NOT))
    ranked.sort(key=lambda p: -abs(p[0]))
    out = tuple(f"{value:+.2f} {phrase}" for value, phrase in ranked)
    return out if checkable else ("not checkable: states nothing verifiable", *out)


RESEMBLES = "in meaning, resembles claims fact-checkers check"
RESEMBLES_NOT = "in meaning, resembles what they skip"
"""The sentence vector's share of the score, as one reason: its 384 dimensions name nothing alone."""


def load_model(path: str | Path | None = None) -> Model:
    """The model at `path`, else the shipped one. JSON only: loading runs no code."""
    return _load(str(Path(path).expanduser()) if path else str(SHIPPED_MODEL))


@cache
def _load(path: str) -> Model:
    from workbench.errors import InvalidInput

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(f"The check-worthiness model {path} cannot be read: {error}.") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"The check-worthiness model {path} is not a {FORMAT} file.")
    try:
        return Model.from_json(data)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise InvalidInput(f"The check-worthiness model {path} has a malformed field: {error}.") from error


_current: list[Model] = []


def current_model() -> Model:
    """The model in use: the one the settings file names under `[checkworthiness] model`
    (a model `workbench train checkworthiness --install` wrote), else the shipped one.
    Read once per process; `use_model` switches it."""
    if not _current:
        from workbench.config import load_settings

        _current.append(load_model(load_settings().checkworthiness_model))
    return _current[0]


def use_model(path: str | Path | None) -> Model:
    """Score with the model at `path` (None: the shipped one) from now on in this process."""
    _current[:] = [load_model(path)]
    return _current[0]


def rescore(
    drafts: Sequence[ClaimDraft],
    text: str,
    language: str,
    vectors: Sequence[Sequence[float]] | np.ndarray,
    embedder: str,
    outlet: str | None = None,
    model: Model | None = None,
) -> list[ClaimDraft]:
    """An article's claims scored again by the model that reads sentence vectors, where they are
    embedded anyway (the import embeds them for matching): `vectors` are the drafts' passage
    vectors from `embedder`, in order. Without such a model (or for another embedder) the drafts
    keep the scores extraction gave them. `text` is the article the drafts index; `outlet`, when
    the import named the outlet as the claimant of claims nobody in the text asserts, is not
    read as a claimant, as extraction did not. `model`: another than the one in use (benchmarks)."""
    model = (model or current_model()).vector_model(embedder)
    if model is None:
        return list(drafts)
    if len(vectors) != len(drafts):
        raise ValueError(f"{len(drafts)} claims but {len(vectors)} vectors")
    from dataclasses import replace

    from workbench.nlp.pipeline import load_nlp

    tokenizer = load_nlp(language).tokenizer
    out = []
    for draft, vector in zip(drafts, vectors):
        judged = _assessed(model, draft, text[draft.start : draft.end], tokenizer, outlet, vector)
        out.append(replace(draft, checkworthy=judged.checkworthy, score=judged.score, reasons=judged.reasons))
    return out


def rescore_stored(
    claims: Sequence[tuple[ClaimDraft, str, str | None]],
    language: str,
    vectors: Sequence[Sequence[float]] | np.ndarray,
    embedder: str,
    model: Model | None = None,
) -> list[Assessment] | None:
    """Stored claims scored again by the model that reads sentence vectors, once `workbench
    index` (or the TUI's background index) has embedded them: each claim is (its draft as
    stored, its clause as stored, its article's outlet), the vectors are the ones just stored.
    None when the model in use reads no vectors of `embedder`. Reviewers' `checkable` stands."""
    found = (model or current_model()).vector_model(embedder)
    if found is None:
        return None
    if len(vectors) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    from workbench.nlp.pipeline import load_light_nlp

    # The blank pipeline's tokenizer, the one the full pipeline has: no parser to load for a token list.
    tokenizer = load_light_nlp(language).tokenizer
    return [
        _assessed(found, draft, clause, tokenizer, outlet, vector)
        for (draft, clause, outlet), vector in zip(claims, vectors)
    ]


def _assessed(
    model: Model,
    draft: ClaimDraft,
    clause: str,
    tokenizer: Callable[[str], Iterable[Token]],
    outlet: str | None,
    vector: Sequence[float],
) -> Assessment:
    feats, details = clause_signals(draft, clause, tokenizer, outlet)
    return model.assess(
        feats, clause, opinion=draft.kind == "opinion", checkable=draft.checkable, details=details, vector=vector
    )


def clause_signals(
    draft: ClaimDraft,
    clause: str,
    tokenizer: Callable[[str], Iterable[Token]],
    outlet: str | None = None,
) -> tuple[dict[str, float], dict[str, str]]:
    """A draft's signals and the details its reasons name, from its clause (`text[start:end]` of
    its article: what extraction read from the parse, not the lead put before it), recomputed
    from the draft's fields and the clause's tokens, so both models read alike."""
    from workbench.nlp.extract import _figure_text

    words = [t.lower_ for t in tokenizer(clause) if not t.is_space]
    claimant = draft.claimant if draft.claimant is not None and draft.claimant != outlet else None
    feats = text_signals(
        clause,
        words,
        {e.label for e in draft.entities},
        draft.kind,
        claimant is not None,
        draft.dates,
        draft.figures,
    )
    details = {
        "date": ", ".join(draft.dates),
        "figure": ", ".join(_figure_text(f) for f in draft.figures if f.explicit),
        "claimant": (draft.claimant_canonical or claimant or "") if claimant else "",
    }
    return feats, {k: v for k, v in details.items() if v}
