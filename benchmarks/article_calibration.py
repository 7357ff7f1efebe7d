"""What a check-worthiness score means on an article's claims, fitted on articles.

The shipped model learns from tweets, where one in ten is worth checking and the wording is a
tweet's. Read through the tweets' calibration, an article's claims score a few thousandths (a
wire story's lead: 0.01), so a reviewer sees "check-worthy, score 0.01" and cannot tell a score
from noise. The margin still ranks an article's claims well (the queue's AP on the gold
articles); only its scale is wrong. So the scale is fitted again on articles: Platt scaling of the
margin against "a fact-checker marked it" over the claims extraction holds checkable in our own
marked stories (benchmarks/own_data, every round, both languages), and the threshold where
`checkworthy` starts is the F1-best on those stories. The nine gold articles are not fitted on:
they measure the result.

    python -m benchmarks.article_calibration            # figures only
    python -m benchmarks.article_calibration --write    # store both in the shipped model

`--write` sets `article_calibration` and `article_threshold` of the model without vectors (what
`extract --json` scores with) and of the one with vectors (what an import scores with).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

import numpy as np

from benchmarks.extraction import own_articles
from benchmarks.gold import ROOT, GoldArticle, best_coverers, gold_articles
from workbench.nlp.checkworthiness import SHIPPED_MODEL, Model, clause_signals, current_model, grams
from workbench.nlp.checkworthiness_train import _best_cut, _platt, choose_threshold, f1_at

Labelled = tuple[list[float], list[bool], list[str]]
"""Margins of the claims extraction holds checkable, whether a fact-checker marked each, and its article."""


def margins(articles: list[GoldArticle], model: Model, embedder=None) -> Labelled:  # noqa: ANN001 - Embedder
    """Each checkable claim's check-worthy margin under `model` (reading the claim's passage
    vector from `embedder` when given, as an import does), with its label and article."""
    from workbench.nlp.extract import extract_many
    from workbench.nlp.pipeline import load_light_nlp

    found: Labelled = ([], [], [])
    for article in articles:
        drafts = next(extract_many([article.text], article.language, article.published))
        checkable = [d for d in drafts if d.checkable]
        marked = [g for g in article.gold["claims"] if g["checkable"]]
        rows = [asdict(d) for d in checkable]
        relevant = set(best_coverers(marked, rows, article.text).values())
        vectors = embedder.passages([d.text for d in checkable]) if embedder is not None else [None] * len(checkable)
        tokenizer = load_light_nlp(article.language).tokenizer
        for i, (draft, vector) in enumerate(zip(checkable, vectors)):
            clause = article.text[draft.start : draft.end]
            feats, _ = clause_signals(draft, clause, tokenizer)
            margin, _, _, _ = model.checkworthy.parts(feats, grams(clause), vector)
            found[0].append(margin)
            found[1].append(i in relevant)
            found[2].append(article.name)
    return found


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


def fit(model: Model, fitted_on: Labelled, measured_on: Labelled, title: str) -> tuple[tuple[float, float], float]:
    """The article calibration and threshold fitted on `fitted_on`, with figures on both sets
    beside the scale in use; returns ((a, b), threshold)."""
    x, y = np.array(fitted_on[0]), np.array(fitted_on[1])
    a, b = _platt(x, y.astype(int))
    scores = [round(float(p), 3) for p in _sigmoid(a * x + b)]
    choice = choose_threshold(scores, list(y), fitted_on[2])
    threshold = round(max(0.0, _best_cut(scores, list(y))), 3)
    print(f"\n{title}: fitted on {len(x)} claims of {len(set(fitted_on[2]))} own stories ({int(y.sum())} marked)")
    print(f"  calibration a={a:.3f} b={b:.3f}; threshold {threshold:.3f}")
    print(
        f"  own stories, threshold chosen on the others (LOAO): F1 {choice.cv_f1:.3f}"
        f" P {choice.cv_precision:.3f} R {choice.cv_recall:.3f}"
    )
    gx, gy = np.array(measured_on[0]), np.array(measured_on[1])
    old_a, old_b = model.article_calibration or model.checkworthy.calibration
    print(f"  gold articles ({len(gx)} checkable claims, {int(gy.sum())} marked), not fitted on:")
    print(f"  {'scale':28}{'mean marked':>12}{'mean other':>12}{'Brier':>8}{'F1':>7}{'P':>7}{'R':>7}")
    for name, (ca, cb), cut in (
        ("in use", (old_a, old_b), model.threshold),
        ("fitted on own stories", (a, b), threshold),
    ):
        p = _sigmoid(ca * gx + cb)
        f1, precision, recall = f1_at(list(np.round(p, 3)), list(gy), cut)
        print(
            f"  {name:28}{p[gy].mean():>12.3f}{p[~gy].mean():>12.3f}{np.mean((p - gy) ** 2):>8.3f}"
            f"{f1:>7.3f}{precision:>7.3f}{recall:>7.3f}"
        )
    return (round(a, 4), round(b, 4)), threshold


def _write(found: dict[str, tuple[tuple[float, float], float]]) -> None:
    """Set the article calibration and threshold in the shipped file, its other bytes unchanged."""
    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))
    for key, (calibration, threshold) in found.items():
        part = data if key == "plain" else data["with_vectors"]
        part["article_calibration"] = list(calibration)
        part["article_threshold"] = threshold
    SHIPPED_MODEL.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"\nwrote {found} into {SHIPPED_MODEL.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="store the fitted scale in the shipped model")
    parser.add_argument("--no-vectors", action="store_true", help="only the model without vectors")
    args = parser.parse_args()
    model = current_model()
    own, gold = own_articles(), gold_articles()
    found = {"plain": fit(model, margins(own, model), margins(gold, model), "model without vectors (extract --json)")}
    if model.with_vectors is not None and not args.no_vectors:
        from benchmarks.checkworthiness import _embedder

        embedder, inner = _embedder(), model.with_vectors
        found["vectors"] = fit(
            inner, margins(own, inner, embedder), margins(gold, inner, embedder), "model with e5 vectors (import)"
        )
    if args.write:
        _write(found)


if __name__ == "__main__":
    main()
