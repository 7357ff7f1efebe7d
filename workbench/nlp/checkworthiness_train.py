"""Fitting the check-worthiness model (workbench/nlp/checkworthiness.py) from labelled texts.

    python -m workbench.train --data ct24-es-dev.tsv --data ct21-es-newtral-train.tsv

then

    python -m benchmarks.article_calibration --write

reproduce the shipped `models/checkworthiness.json` from the CheckThat! data (the tweets stay
outside the repository; only the weights ship) and our own marked stories (the article scale and
threshold).
Everything is deterministic: fixed folds, a fixed solver, sorted vocabularies.

How: both decisions are L2 logistic regressions (liblinear) over the transparent signals and
binary word and character n-grams (L2-normalised over all of a text's grams). The regularisation
is chosen by stratified 5-fold cross-validation; the calibration (Platt, on out-of-fold margins)
and the decision threshold (the one that maximises out-of-fold F1) come from the training data
only, so the cross-validated figures are measured on folds that chose nothing.

The two CheckThat! sets label check-worthiness by different standards (Newtral's fact-checkers
are stricter), so `checkworthy` is fitted on both with offsets per set (Example.domain: the
signals, the sentence vector and the bias again, non-zero on that set's texts; the n-grams are
shared), and the decision shipped is CheckThat! 2024's: the shared weights plus its offsets, one
plain linear model as before. Newtral's own head exists only inside cross-validation, where its
folds are read with it.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.nlp.checkworthiness import SIGNALS, LinearModel, Model, grams, text_signals

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

SEED = 13
FOLDS = 5
C_GRID = (1.0, 4.0)
MAX_GRAMS = 40_000
"""N-grams kept per decision, by weight: the file stays near a megabyte and scores as well."""
MIN_DF = 2
VECTOR_SCALE = 3.0
"""How much a sentence vector (unit length, like a text's n-gram row) is multiplied by when it is
a feature. With the shipped recipe (the same outer folds as the benchmark), e5 passage vectors at 3
raise CT24 checkworthy F1 0.616 -> 0.662 (AP 0.663 -> 0.720), Newtral checkable 0.733 -> 0.764
(AP 0.792 -> 0.847) and Newtral checkworthy 0.336 -> 0.408 (AP 0.308 -> 0.332); with the
per-set offsets (NEWTRAL_WORTHY_WEIGHT) the model with vectors measures CT24 0.680 (AP 0.741),
Newtral checkworthy 0.437 (AP 0.384), and on main at d541483 (the merged extraction's
features) CT24 0.680 (AP 0.741), Newtral checkworthy 0.451 (AP 0.389), Newtral checkable 0.764
(AP 0.847); `benchmarks/checkworthiness.py` prints them. Embedding runs tens of claims a second, far over
extraction's budget, so the vectors are read only where claims are embedded anyway: the model's
`with_vectors` twin scores at import."""
NEWTRAL_WORTHY_WEIGHT = 1.0
# Newtral check-worthiness (target F1 0.45), with vectors, on the benchmark's outer folds (C,
# calibration and threshold chosen inside each fold), measured in /tmp harnesses of the recipe:
# one shared decision with Newtral at 0.3 (the previous recipe) F1 0.405 (AP 0.333); at weight 1
# 0.420 (0.354) but CT24 lost 0.015. Each set with offsets of its own (Example.domain; signals,
# vector and bias again per set, the n-grams shared), Newtral at 1: 0.434 (0.384), and with the
# n-grams per set too 0.425 (0.387) at three times the cost; an offset for Newtral alone 0.414
# (0.375), CT24 0.671 (0.737). Tried beside it: Newtral's positives weighted 2, 0.417 (0.376); the
# offsets times P(claim) (a chain on Newtral's own head, so `score` on CT24 unchanged) 0.427
# (0.388); earlier, a shared chain 0.422 (0.374) and sqrt-balanced positives 0.402 (0.347).
"""Newtral's check-worthiness labels count as much as CheckThat! 2024's: with offsets of its own
(Example.domain) Newtral no longer pulls CheckThat! 2024's decision towards its stricter standard,
which at weight 1 in one shared decision cost CT24 0.015."""


@dataclass
class Example:
    """One labelled text: either label may be unknown (None)."""

    text: str
    checkable: bool | None = None
    checkworthy: bool | None = None
    weight: float = 1.0
    """How much its check-worthiness label counts (its checkable label always counts 1)."""
    source: str = ""
    group: str | None = None
    """What it belongs to with others (a reviewed claim: its article): cross-validation keeps a
    group's examples in one fold, so a model is never judged on an article it learned from."""
    domain: str | None = None
    """Whose standard its check-worthiness label follows, where labelled sets differ (CheckThat!
    2024's annotators, Newtral's stricter fact-checkers): each domain's check-worthiness gets
    offsets of its own (bias, signal and vector weights) over the shared weights, and a decision
    calibrated on one domain is read with its offsets. None (the newsroom's reviews, the
    workbench's own TSVs): the shared weights alone."""


@dataclass
class Featurized:
    signals: list[dict[str, float]]
    grams: list[set[str]]
    vectors: np.ndarray | None = None
    """One sentence vector a text (e5 passages, L2-normalised), when vectors are features."""
    _matrices: Matrices | None = None

    @property
    def matrices(self) -> Matrices:
        if self._matrices is None:
            self._matrices = Matrices(self)
        return self._matrices


_YES = {"1", "yes", "true", "y", "si", "sí"}
_NO = {"0", "no", "false", "n"}


def _flag(value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    folded = value.strip().lower()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueError(f"{value!r} is not a yes/no label")


def read_tsv(path: str | Path) -> list[Example]:
    """Labelled texts from a TSV with a header: CheckThat! 2024 (`tweet_text`, `class_label`),
    CheckThat! 2021 Newtral (`tweet_text`, `claim`, `check-worthiness`), or the workbench's own
    (`text`, optional `checkable`, optional `checkworthy`, each 0/1 or yes/no)."""
    from workbench.errors import InvalidInput

    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"Cannot read training data {path}: {error}.") from error
    columns = set(rows[0]) if rows else set()
    text_column = "tweet_text" if "tweet_text" in columns else "text"
    able_column = "claim" if "claim" in columns else "checkable"
    worthy_column = next((c for c in ("check-worthiness", "class_label", "checkworthy") if c in columns), None)
    if text_column not in columns or (able_column not in columns and worthy_column is None):
        raise InvalidInput(
            f"Training data {path} needs a header with text (or tweet_text) and checkable and/or checkworthy."
        )
    examples = []
    for line, row in enumerate(rows, 2):
        try:
            examples.append(
                Example(
                    text=row[text_column] or "",
                    checkable=_flag(row.get(able_column)),
                    checkworthy=_flag(row.get(worthy_column)) if worthy_column else None,
                    source=path.name,
                    domain=path.name if text_column == "tweet_text" else None,
                )
            )
        except ValueError as error:
            raise InvalidInput(f"Training data {path}, line {line}: {error}.") from error
    # Newtral: every check-worthy tweet contains a claim, so a check-worthy row is checkable.
    for example in examples:
        if example.checkworthy and example.checkable is None:
            example.checkable = True
        if "check-worthiness" in columns:
            example.weight = NEWTRAL_WORTHY_WEIGHT
    return [e for e in examples if e.text.strip()]


def featurize(texts: Sequence[str], language: str = "es") -> Featurized:
    """The model's features of whole texts, as the extractor reads one claim (extract_one):
    the full parse, the claimant, kind, dates and figures."""
    from workbench.nlp.claim_pipes import CLAIM_PIPES
    from workbench.nlp.extract import read_whole
    from workbench.nlp.normalize import normalize
    from workbench.nlp.pipeline import load_nlp

    nlp = load_nlp(language)
    normalized = [normalize(text).text for text in texts]
    signals: list[dict[str, float]] = []
    text_grams: list[set[str]] = []
    # The parse only: a tweet is read whole as one claim here, not cut and scored by the claim pipes.
    with nlp.select_pipes(disable=list(CLAIM_PIPES)):
        docs = list(nlp.pipe(normalized, batch_size=64))
    for text, doc in zip(normalized, docs):
        whole = read_whole(doc, language)
        if whole is None:
            signals.append({})
        else:
            words = [t.lower_ for t in whole.span if not t.is_space]
            labels = {e.label_ for e in whole.span.ents}
            claimant = whole.claimant is not None
            signals.append(
                text_signals(whole.span.text, words, labels, whole.kind, claimant, whole.dates, whole.figures)
            )
        text_grams.append(grams(text))
    return Featurized(signals, text_grams)


# -- matrices ---------------------------------------------------------------------------


class Matrices:
    """Every text's signals and n-grams as two sparse matrices, built once; a fold takes rows
    and the n-gram columns seen in at least MIN_DF of its training texts."""

    def __init__(self, feats: Featurized) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        self.vocabulary = sorted(set().union(*feats.grams)) if feats.grams else []
        column = {g: j for j, g in enumerate(self.vocabulary)}
        indptr, indices, data = [0], [], []
        for text_grams in feats.grams:
            inverse = 1.0 / (math.sqrt(len(text_grams)) or 1.0)
            indices.extend(sorted(column[g] for g in text_grams))
            data.extend([inverse] * len(text_grams))
            indptr.append(len(indices))
        self.grams = csr_matrix((data, indices, indptr), shape=(len(feats.grams), len(self.vocabulary)))
        names = list(SIGNALS)
        dense = np.array([[s.get(name, 0.0) for name in names] for s in feats.signals]).reshape(-1, len(names))
        self.signals = csr_matrix(dense)
        self.vectors = None if feats.vectors is None else np.asarray(feats.vectors, dtype=np.float64)

    def design(
        self,
        rows: np.ndarray,
        use_signals: bool = True,
        use_grams: bool = True,
        vector_scale: float = 0.0,
        domains: np.ndarray | None = None,
    ) -> Design:
        """`domains` (a code per featurized text, -1 for none): the domains of `rows` get an
        offset each (see Design.domains), when the rows hold more than one domain."""
        import numpy as np

        if vector_scale and self.vectors is None:
            raise ValueError("vector features asked for, but the texts have no vectors")
        present: tuple[int, ...] = ()
        if domains is not None:
            codes = np.unique(domains[rows])
            present = tuple(int(c) for c in codes if c >= 0) if len(codes) > 1 else ()
        if not use_grams:
            return Design(np.zeros(0, dtype=int), use_signals, vector_scale, present, domains)
        df = np.asarray((self.grams[rows] > 0).sum(axis=0)).ravel()
        return Design(np.flatnonzero(df >= MIN_DF), use_signals, vector_scale, present, domains)

    def matrix(self, design: Design, rows: np.ndarray) -> csr_matrix:
        from scipy.sparse import csr_matrix, hstack

        parts = [self.signals[rows]] if design.use_signals else []
        if len(design.columns):
            parts.append(self.grams[rows][:, design.columns])
        if design.vector_scale:
            if self.vectors is None:
                raise ValueError("a design that reads vectors needs featurized vectors")
            parts.append(csr_matrix(self.vectors[rows] * design.vector_scale))
        if design.domains and design.domain_of is not None:
            import numpy as np
            from scipy.sparse import diags

            dense = [self.signals[rows]] if design.use_signals else []
            if design.vector_scale and self.vectors is not None:
                dense.append(csr_matrix(self.vectors[rows] * design.vector_scale))
            dense.append(csr_matrix(np.ones((len(rows), 1))))
            block = csr_matrix(hstack(dense))
            for code in design.domains:
                parts.append(diags((design.domain_of[rows] == code).astype(float)) @ block)
        return csr_matrix(hstack(parts)) if len(parts) > 1 else csr_matrix(parts[0])


@dataclass
class Design:
    """The columns one fit uses: the signals (fixed order) when asked, then these n-gram columns."""

    columns: np.ndarray
    use_signals: bool = True
    vector_scale: float = 0.0
    """Sentence vectors appended after the n-grams, multiplied by this (0: none)."""
    domains: tuple[int, ...] = ()
    """Domain codes with an offset of their own, appended last: for each, the signals, the vector
    and a bias again, non-zero on that domain's texts only (Example.domain)."""
    domain_of: np.ndarray | None = None
    """Each featurized text's domain code (-1: none)."""

    @property
    def signal_names(self) -> list[str]:
        return list(SIGNALS) if self.use_signals else []


def _fit_lr(x: csr_matrix, y: np.ndarray, weights: np.ndarray, c: float) -> Any:  # noqa: ANN401 - sklearn
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=2000, random_state=SEED)
    model.fit(x, y, sample_weight=weights)
    return model


def _folds(
    y: np.ndarray, k: int = FOLDS, groups: Sequence[str | None] | None = None, seed: int = SEED
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds; where some rows share a group (a reviewed article's claims), grouped
    ones (each ungrouped row a group of its own), so no group is split across folds."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if groups is None or all(g is None for g in groups):
        yield from StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(y.reshape(-1, 1), y)
        return
    named = [g if g is not None else f"row {i}" for i, g in enumerate(groups)]
    if len(set(named)) < k:  # too few groups to hold any out: plain folds
        yield from _folds(y, k, seed=seed)
        return
    folds = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    yield from folds.split(y.reshape(-1, 1), y, named)


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The probability threshold with the best F1 on (y, p), and that F1. Measured beside it on the
    benchmark's folds over seeds 13, 1, 2 (with vectors; the same fitted models, only the cut
    differs), none moved the mean beyond the seeds' own spread (about 0.01): the cut where the
    calibrated probabilities expect the best F1, Newtral checkworthy 0.445 against 0.443 here
    (seed 13 0.434 against 0.451), CT24 0.685 against 0.685, checkable 0.763 against 0.759, CT24
    without vectors (seed 13) 0.617 against 0.621; the median of 200 bootstrap cuts 0.445, 0.685,
    0.762, 0.625; a cut on a smoothed F1 curve 0.440 on Newtral."""
    from sklearn.metrics import precision_recall_curve

    precision, recall, thresholds = precision_recall_curve(y, p)
    f1 = 2 * precision * recall / (precision + recall + 1e-12)
    best = int(f1[:-1].argmax()) if len(thresholds) else 0
    return (float(thresholds[best]) if len(thresholds) else 0.5), float(f1[best])


def _best_cut(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The threshold with the best F1 when `score >= threshold` is the decision; among equally
    good ones the highest (the flag stays as selective as the labels allow)."""
    pairs = sorted(zip(scores, labels), key=lambda p: -p[0])
    positives = sum(labels)
    best, best_f1, hits = 1.0 + 1e-9, 0.0, 0
    for rank, (score, label) in enumerate(pairs, 1):
        hits += label
        if rank < len(pairs) and pairs[rank][0] == score:
            continue  # ties go in together
        f1 = 2 * hits / (rank + positives) if positives else 0.0
        if f1 > best_f1 + 1e-12:
            # Halfway to the next score down, so a claim scored a hair below the last one kept
            # (in an article that chose nothing) is not cut by the rounding of its score.
            below = pairs[rank][0] if rank < len(pairs) else score
            best, best_f1 = (score + below) / 2, f1
    return best


@dataclass
class ThresholdChoice:
    """An article threshold chosen on labelled article claims, and how it measured when each
    article's threshold was chosen on the other articles only (leave one article out)."""

    threshold: float
    cv_f1: float
    cv_precision: float
    cv_recall: float
    held_out: list[float]
    """The threshold each held-out article was judged with."""


def f1_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> tuple[float, float, float]:
    """F1, precision and recall of `score >= threshold` against the labels."""
    predicted = [score >= threshold for score in scores]
    hits = sum(p and y for p, y in zip(predicted, labels))
    precision = hits / sum(predicted) if any(predicted) else 1.0
    recall = hits / sum(labels) if any(labels) else 1.0
    return (2 * hits / (sum(predicted) + sum(labels)) if labels else 0.0), precision, recall


def choose_threshold(scores: Sequence[float], labels: Sequence[bool], groups: Sequence[str]) -> ThresholdChoice:
    """The check-worthiness threshold for article claims, from labels: `labels` says whether a
    fact-checker marked the claim, `groups` which article it is in. The threshold kept is the
    F1-best on every article; the figures are leave-one-article-out, so no article is judged by
    a threshold it helped choose."""
    held: dict[str, float] = {}
    for group in dict.fromkeys(groups):
        rest = [(s, y) for s, y, g in zip(scores, labels, groups) if g != group]
        held[group] = max(0.0, _best_cut([s for s, _ in rest], [y for _, y in rest]))
    decided = [s >= held[g] for s, g in zip(scores, groups)]
    f1, precision, recall = f1_at([float(d) for d in decided], labels, 0.5)
    # Scores are probabilities: a cut below zero (every claim the extractor holds checkable) is zero.
    return ThresholdChoice(max(0.0, _best_cut(scores, labels)), f1, precision, recall, list(held.values()))


def _platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=1e4, solver="lbfgs").fit(margins.reshape(-1, 1), y)
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


@dataclass
class Fitted:
    model: LinearModel
    c: float
    oof_f1: float


def fit_decision(
    feats: Featurized,
    rows: Sequence[int] | np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    c_grid: Sequence[float] = C_GRID,
    use_signals: bool = True,
    use_grams: bool = True,
    calibrate_on: np.ndarray | None = None,
    vector_scale: float = 0.0,
    domains: np.ndarray | None = None,
) -> Fitted:
    """One decision fitted on `rows`: C by inner cross-validated average precision, then Platt
    calibration and the F1-best threshold from the out-of-fold margins, then the final fit on all
    rows, pruned to MAX_GRAMS n-grams. `calibrate_on` (a mask over rows) restricts calibration
    and threshold to one source, so the probability means what it does on that data.
    `domains` (a code per featurized text, -1 for none; see Example.domain): each domain among
    the rows gets offsets of its own, and the decision returned is the one of the calibration
    rows' domain (the shared weights plus its offsets)."""
    import numpy as np
    from sklearn.metrics import average_precision_score

    index = np.asarray(rows)
    mats = feats.matrices
    oof = {c: np.zeros(len(index)) for c in c_grid}
    for train, test in _folds(y):
        design = mats.design(index[train], use_signals, use_grams, vector_scale, domains)
        x_train, x_test = mats.matrix(design, index[train]), mats.matrix(design, index[test])
        for c in c_grid:
            oof[c][test] = _fit_lr(x_train, y[train], weights[train], c).decision_function(x_test)
    mask = calibrate_on if calibrate_on is not None else np.ones(len(index), dtype=bool)
    c = max(c_grid, key=lambda c: average_precision_score(y[mask], oof[c][mask]))
    a, b = _platt(oof[c][mask], y[mask])
    probabilities = 1 / (1 + np.exp(-(a * oof[c][mask] + b)))
    threshold, f1 = best_threshold(y[mask], probabilities)
    design = mats.design(index, use_signals, use_grams, vector_scale, domains)
    fitted = _fit_lr(mats.matrix(design, index), y, weights, c)
    head = None
    if design.domains and domains is not None:
        calibrated = np.unique(domains[index[mask]])
        head = int(calibrated[0]) if len(calibrated) == 1 and calibrated[0] in design.domains else None
    linear = _linear(design, mats.vocabulary, fitted, (a, b), threshold, head)
    if linear.vector_weights and mats.vectors is not None:
        # What the vector adds for the average claim fitted on, which the bias offsets: e5 vectors share
        # one narrow cone, so a claim's raw vector share is large and negative whatever it says.
        typical = float(np.dot(linear.vector_weights, mats.vectors[index].mean(axis=0)))
        linear = replace(linear, vector_baseline=round(typical, 4))
    return Fitted(linear, c, f1)


def _linear(
    design: Design,
    vocabulary: list[str],
    fitted: Any,  # noqa: ANN401 - a fitted LogisticRegression
    calibration: tuple[float, float],
    threshold: float,
    head: int | None = None,
) -> LinearModel:
    """The fitted weights as the workbench reads them; with `head` (a domain code of the design),
    that domain's decision: the shared weights plus its offsets."""
    import numpy as np

    coef = np.array(fitted.coef_[0], dtype=float)
    names = design.signal_names
    intercept = float(fitted.intercept_[0])
    width = len(names) + len(design.columns)
    # Columns: signals, n-grams, the vector, then per domain its signals, vector and bias again.
    vector_dims = (len(coef) - width - len(design.domains) * (len(names) + 1)) // (1 + len(design.domains))
    shared_end = width + vector_dims
    if head is not None:
        size = len(names) + vector_dims + 1
        offsets = coef[shared_end + design.domains.index(head) * size :][:size]
        coef[: len(names)] += offsets[: len(names)]
        coef[width:shared_end] += offsets[len(names) : len(names) + vector_dims]
        intercept += float(offsets[-1])
    coef = coef[:shared_end]
    signal_weights = {name: round(float(coef[j]), 4) for j, name in enumerate(names) if abs(coef[j]) > 1e-6}
    offset = len(names)
    by_weight = sorted(
        ((vocabulary[column], float(coef[offset + k])) for k, column in enumerate(design.columns)),
        key=lambda item: (-abs(item[1]), item[0]),
    )[:MAX_GRAMS]
    gram_weights = {g: round(w, 4) for g, w in sorted(by_weight) if abs(w) >= 1e-4}
    start = offset + len(design.columns)
    vector_weights = (
        tuple(round(float(w) * design.vector_scale, 5) for w in coef[start:]) if design.vector_scale else ()
    )
    return LinearModel(
        bias=round(intercept, 4),
        signal_weights=signal_weights,
        gram_weights=gram_weights,
        calibration=(round(calibration[0], 4), round(calibration[1], 4)),
        threshold=round(threshold, 4),
        vector_weights=vector_weights,
    )


def margins(model: LinearModel, feats: Featurized, rows: Iterable[int]) -> list[float]:
    """The shipped arithmetic (not sklearn's) over some rows: what the workbench will compute."""
    vectors = feats.vectors
    return [
        model.contributions(feats.signals[i], feats.grams[i], None if vectors is None else vectors[i])[0] for i in rows
    ]


# -- the whole model ----------------------------------------------------------------------


@dataclass
class Report:
    """Cross-validated figures of one decision: F1 at the model's own threshold, average precision."""

    name: str
    f1: float
    ap: float
    positives: int
    rows: int

    def line(self) -> str:
        return f"{self.name:44} F1 {self.f1:.3f}  AP {self.ap:.3f}  ({self.positives}/{self.rows} positive)"


def domain_codes(examples: Sequence[Example]) -> np.ndarray | None:
    """Each example's domain as a code (-1: none), or None when fewer than two domains are given."""
    import numpy as np

    names = sorted({e.domain for e in examples if e.domain is not None})
    if len(names) < 2:
        return None
    code = {name: k for k, name in enumerate(names)}
    return np.array([code.get(e.domain, -1) if e.domain is not None else -1 for e in examples])


def labelled(examples: Sequence[Example], attribute: str) -> tuple[list[int], np.ndarray, np.ndarray]:
    import numpy as np

    rows = [i for i, e in enumerate(examples) if getattr(e, attribute) is not None]
    y = np.array([int(getattr(examples[i], attribute)) for i in rows])
    # Weights speak for the check-worthiness label only (a skipped claim, Newtral's stricter set).
    w = np.array([examples[i].weight if attribute == "checkworthy" else 1.0 for i in rows])
    return rows, y, w


def fit_model(
    examples: Sequence[Example],
    feats: Featurized,
    about: dict | None = None,
    article_threshold: float | None = None,
    embedder: str | None = None,
    vector_article_threshold: float | None = None,
    article_calibration: tuple[float, float] | None = None,
    vector_article_calibration: tuple[float, float] | None = None,
) -> Model:
    """Both decisions fitted on every labelled example. The check-worthiness probability is
    calibrated on the texts of the first source that has that label (the CheckThat! 2024
    tweets, when given), so `score` is a probability on that kind of text. `article_threshold`
    (chosen on marked article claims, see `choose_threshold`) and `article_calibration`, the scale
    it was chosen on (benchmarks/article_calibration.py), are carried into the model as given.
    With `embedder` (the name of the model whose passage vectors `feats` holds), the same two
    decisions are fitted again reading the vectors too, and ship inside as `with_vectors`."""
    plain = _fit_pair(examples, feats, 0.0)
    inner = None
    if embedder is not None:
        if feats.vectors is None:
            raise ValueError("a model with vectors needs featurized vectors")
        inner = Model(
            *_fit_pair(examples, feats, VECTOR_SCALE),
            {},
            vector_article_threshold,
            None,
            embedder,
            vector_article_calibration,
        )
    return Model(*plain, about or {}, article_threshold, inner, article_calibration=article_calibration)


def _fit_pair(examples: Sequence[Example], feats: Featurized, vector_scale: float) -> tuple[LinearModel, LinearModel]:
    able = fit_labelled(examples, feats, "checkable", vector_scale)
    return able, fit_labelled(examples, feats, "checkworthy", vector_scale)


def fit_labelled(
    examples: Sequence[Example],
    feats: Featurized,
    attribute: str,
    vector_scale: float = 0.0,
    leave_out: frozenset[int] = frozenset(),
) -> LinearModel:
    """One decision fitted on every example with that label but those in `leave_out` (indices
    into `examples`), calibrated on the first source's texts as `fit_model` says."""
    import numpy as np

    rows, y, w = labelled(examples, attribute)
    keep = np.array([i not in leave_out for i in rows], dtype=bool)
    rows, y, w = [i for i, k in zip(rows, keep) if k], y[keep], w[keep]
    if len(set(y.tolist())) < 2 or min(np.bincount(y)) < FOLDS:
        from workbench.errors import InvalidInput

        raise InvalidInput(f"Training needs at least {FOLDS} {attribute} and {FOLDS} not {attribute} examples.")
    first = examples[rows[0]].source
    mask: np.ndarray | None = np.array([examples[i].source == first for i in rows])
    if min(np.bincount(y[mask], minlength=2)) < FOLDS:
        mask = None
    domains = domain_codes(examples) if attribute == "checkworthy" else None
    return fit_decision(feats, rows, y, w, calibrate_on=mask, vector_scale=vector_scale, domains=domains).model


MIN_REVIEWED_ARTICLES = 5
"""Articles with a verdict the reviewers' decisions need before they choose the article
threshold: each held-out article is judged by a threshold the others chose, and with fewer the
choice rests on one or two articles' habits."""
MIN_REVIEWED_MARKED = 10
"""Claims given a verdict the reviewers' decisions need, besides, before they choose it."""


@dataclass
class ReviewedThreshold:
    """The article threshold chosen on the reviewers' decisions, with the scores it was chosen on:
    each reviewed claim scored by a model fitted without its article (grouped folds)."""

    choice: ThresholdChoice
    scores: list[float]
    labels: list[bool]
    articles: int

    def f1_of(self, threshold: float) -> tuple[float, float, float]:
        """F1, precision and recall of another threshold on the same held-out scores."""
        return f1_at(self.scores, self.labels, threshold)


def reviewed_threshold(
    examples: Sequence[Example], feats: Featurized, reviewed: Sequence[int], vector_scale: float = 0.0
) -> ReviewedThreshold | None:
    """The check-worthiness threshold for article claims from the newsroom's own decisions:
    `reviewed` (indices into `examples`, each with its article as `group`) are the reviewed
    claims, a verdict the mark ("worth checking") and a skipped claim not. Every claim is scored
    by the recipe fitted on everything but its fold of articles, so the threshold is chosen on
    scores of articles the model never read, as the gold articles' is (`choose_threshold`). A
    claim a reviewer marked not checkable is never check-worthy, whatever the threshold. None
    when fewer than MIN_REVIEWED_ARTICLES articles, or MIN_REVIEWED_MARKED claims, have a verdict."""
    import numpy as np

    rows = [i for i in reviewed if examples[i].checkworthy is not None and examples[i].group is not None]
    labels = [bool(examples[i].checkworthy) for i in rows]
    groups = [str(examples[i].group) for i in rows]
    marked = {g for g, y in zip(groups, labels) if y}
    if len(marked) < MIN_REVIEWED_ARTICLES or sum(labels) < MIN_REVIEWED_MARKED:
        return None
    scores = [0.0] * len(rows)
    for _, test in _folds(np.array(labels, dtype=int), groups=groups):
        model = fit_labelled(examples, feats, "checkworthy", vector_scale, frozenset(rows[j] for j in test))
        for j, margin in zip(test, margins(model, feats, [rows[j] for j in test])):
            scores[j] = -1.0 if examples[rows[j]].checkable is False else model.probability(margin)
    return ReviewedThreshold(choose_threshold(scores, labels, groups), scores, labels, len(set(groups)))


def cross_validate(
    examples: Sequence[Example],
    feats: Featurized,
    attribute: str,
    sources: set[str] | None = None,
    current: Model | None = None,
    seed: int = SEED,
    **options: Any,  # noqa: ANN401 - fit_decision's switches
) -> tuple[Report, Report | None]:
    """Outer stratified 5-fold CV of one decision over the examples of `sources` (all when None):
    each outer fold is fitted on the other folds plus every example of other sources, and scored
    with the shipped arithmetic at its own threshold. With `current`, the model in use is scored
    on the same rows beside it."""
    import numpy as np
    from sklearn.metrics import average_precision_score, f1_score

    rows, y, w = labelled(examples, attribute)
    rows_a = np.asarray(rows)
    inside = np.array([sources is None or examples[i].source in sources for i in rows])
    target = np.flatnonzero(inside)
    predicted, probability = np.zeros(len(target)), np.zeros(len(target))
    for train, test in _folds(y[target], groups=[examples[rows[i]].group for i in target], seed=seed):
        train_rows = np.concatenate([target[train], np.flatnonzero(~inside)])
        fitted = fit_decision(
            feats,
            rows_a[train_rows],
            y[train_rows],
            w[train_rows],
            calibrate_on=inside[train_rows],
            domains=domain_codes(examples) if attribute == "checkworthy" else None,
            **options,
        ).model
        test_rows = rows_a[target[test]]
        p = np.array([fitted.probability(m) for m in margins(fitted, feats, test_rows)])
        probability[test], predicted[test] = p, p >= fitted.threshold
    name = f"{attribute} ({', '.join(sorted(sources)) if sources else 'all'})"
    ours = Report(
        name,
        float(f1_score(y[target], predicted)),
        float(average_precision_score(y[target], probability)),
        int(y[target].sum()),
        len(target),
    )
    theirs = None
    if current is not None:
        decision: LinearModel = getattr(current, attribute)
        p = np.array([decision.probability(m) for m in margins(decision, feats, rows_a[target])])
        theirs = Report(
            name + " current",
            float(f1_score(y[target], p >= decision.threshold)),
            float(average_precision_score(y[target], p)),
            int(y[target].sum()),
            len(target),
        )
    return ours, theirs


def strongest(model: LinearModel, n: int = 8) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The signals and the word n-grams with the largest weights (char grams are not words)."""
    signals = sorted(model.signal_weights.items(), key=lambda kv: -abs(kv[1]))[:n]
    words = [(g[2:], w) for g, w in model.gram_weights.items() if g.startswith("w:")]
    return signals, sorted(words, key=lambda kv: -abs(kv[1]))[:n]


def write_model(model: Model, path: str | Path) -> Path:
    """The model as compact JSON, written through a temporary file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    partial.replace(path)
    return path
