"""Check-worthiness on fact-checkers' labels, beside two baselines measured in the same run.

    python -m benchmarks.checkworthiness [--data-dir ../shared/data/checkworthiness] [--seeds 13,1,2]

Every cross-validated figure on the tweets is given as its mean ± standard deviation over
several outer fold seeds (--seeds, default 13,1,2) and per seed, ours and both baselines on the
same folds: one partition's luck moved Newtral checkworthy F1 by 0.02.

- CheckThat! 2024 Spanish dev (ct24-es-dev.tsv): F1 and average precision of `checkworthy`,
  5-fold stratified cross-validation ("dev (CV)"); the test split is withheld.
- Newtral (ct21-es-newtral-train.tsv): `checkable` against "contains a claim" and `checkworthy`
  against "check-worthiness", 5-fold cross-validation on the train split.
  Ours follows the shipped recipe (workbench/nlp/checkworthiness_train.py): each fold is fitted on
  the other folds plus the other data set, C, calibration and threshold chosen inside the fold;
  `checkworthy` gives each data set offsets of its own (Example.domain) and is read, on a data
  set's folds, with that set's offsets (on CT24 that is what ships; Newtral's head does not ship).
  Baselines on the same folds: "has a digit", and TF-IDF (word 1-2 + char 2-5 grams) logistic
  regression fitted on the fold's own data set (balanced classes, threshold 0.5); for `checkable`
  also the extractor's rule (everything but an opinion).
- The nine gold articles: opinions and rhetoric kept non-checkable, and how early the claims a
  fact-checker marks come in the queue: average precision of gold-covering checkable claims ranked
  by score, per article, averaged, beside the hand-weighted score the workbench had before and the
  share of marked claims (what a random order scores, about).
- The article threshold: `checkworthy` against "a fact-checker marked it" over every extracted
  claim of the gold articles, each article judged by the F1-best threshold of the other eight
  (leave one article out), beside the tweets' threshold and flagging every checkable claim. What
  ships is fitted on our own marked stories instead, the gold only measuring it
  (benchmarks/article_calibration.py).
- The same recipe with e5 sentence vectors (multilingual-e5-small, the matching embedder) appended
  to the features, on the same folds: the model that scores claims at import, where they are
  embedded anyway (--no-vectors skips it); the gold-article check runs for both models.
- What --from-reviews teaches on articles: the Spanish gold articles' marks as a newsroom's
  decisions, groups of articles held out in turn (reviews_check).
- Through the product's path, `extract --lines` (one tweet a line, read as posts; a tweet counts
  as flagged when any of its claims is): the shipped model's F1 on both sets beside the articles'
  scale every text was read on before, and has-a-digit. In-sample (the model was fitted on these
  tweets), so it shows that the product reads tweets as the cross-validated figures measured
  them, not how well: a tweet scored whole in cross-validation is cut into claims here.
- The shipped model's size, strongest features and cost per claim (and what rescoring with
  vectors adds at import beyond the embedding); extraction beside nlp.pipe.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from benchmarks.gold import ROOT, best_coverers, gold_articles, score_article
from workbench.nlp.checkworthiness import SHIPPED_MODEL, load_model
from workbench.nlp.checkworthiness_train import (
    SEED,
    VECTOR_SCALE,
    Featurized,
    cross_validate,
    featurize,
    labelled,
    read_tsv,
    strongest,
)

CT24, NEWTRAL = "ct24-es-dev.tsv", "ct21-es-newtral-train.tsv"
OUTER_SEEDS = (SEED, 1, 2)
"""Fold seeds of the cross-validated figures: one partition's F1 moved Newtral checkworthy by
0.02 (0.451, 0.447, 0.430), as much as the changes it was asked to judge."""
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "checkworthiness"
HEDGES = {"posible", "posiblemente", "quizá", "quizás", "supuestamente", "presuntamente", "aparentemente"}
HEDGES |= {"podría", "podrían", "puede", "pueden", "might", "could", "possibly", "reportedly", "allegedly", "may"}


def _baselines(
    examples, attribute: str, source: str, kinds: list[str], seed: int = SEED
) -> list[tuple[str, float, float]]:
    """has-a-digit, TF-IDF LR (and, for checkable, the extractor's rule) on the outer folds ours
    uses with that fold seed (the two rules do not depend on it)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion, make_pipeline

    rows, y, _ = labelled(examples, attribute)
    target = [i for i, r in enumerate(rows) if examples[r].source == source]
    texts = [examples[rows[i]].text for i in target]
    y = y[target]
    digit = np.array([bool(re.search(r"\d", t)) for t in texts], dtype=float)
    out = [("has a digit", float(f1_score(y, digit)), float(average_precision_score(y, digit)))]
    if attribute == "checkable":
        rule = np.array([kinds[rows[i]] != "opinion" for i in target], dtype=float)
        out.append(
            ("extractor's rule (not an opinion)", float(f1_score(y, rule)), float(average_precision_score(y, rule)))
        )
    probability = np.zeros(len(texts))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    for train, test in folds.split(np.zeros(len(y)), y):
        vectors = FeatureUnion(
            [
                ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("char", TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ]
        )
        model = make_pipeline(vectors, LogisticRegression(class_weight="balanced", solver="liblinear"))
        model.fit([texts[i] for i in train], y[train])
        probability[test] = model.predict_proba([texts[i] for i in test])[:, 1]
    out.append(
        (
            "TF-IDF word 1-2 + char 2-5 LR",
            float(f1_score(y, probability >= 0.5)),
            float(average_precision_score(y, probability)),
        )
    )
    return out


def _over_seeds(name: str, found: list[tuple[float, float]], seeds: list[int]) -> str:
    """One line: F1 and AP as mean ± standard deviation over the fold seeds, then F1 per seed."""
    f1s, aps = np.array([f for f, _ in found]), np.array([a for _, a in found])
    each = "  ".join(f"{seed}: {f:.3f}" for seed, f in zip(seeds, f1s))
    return (
        f"  {name:44} F1 {f1s.mean():.3f} ± {f1s.std():.3f}  AP {aps.mean():.3f} ± {aps.std():.3f}  (F1 by seed {each})"
    )


def _with_vectors(examples, feats: Featurized) -> Featurized:  # noqa: ANN001 - Examples
    """The same features with each tweet's e5 passage vector, embedded once and cached in /tmp."""
    started = time.perf_counter()
    vectors = _embedder().passages([e.text for e in examples])
    print(f"{len(examples)} e5 vectors in {time.perf_counter() - started:.0f} s (cached in /tmp)")
    return Featurized(feats.signals, feats.grams, vectors)


def _legacy_score(claim) -> float:
    """The hand-weighted score the workbench used before the model, from a claim's fields."""
    if not claim.checkable:
        return 0.1 if claim.kind == "opinion" else 0.2
    score = 0.3
    score += 0.2 if any(f.explicit for f in claim.figures) else 0
    score += 0.15 if claim.dates else 0
    score += 0.15 if {e.label for e in claim.entities} & {"PER", "ORG", "LOC", "GPE", "PERSON", "NORP"} else 0
    score += 0.1 if claim.claimant else 0
    score += 0.1 if claim.kind in {"event", "quantity"} else 0
    score -= 0.2 if set(re.findall(r"\w+", claim.text.lower())) & HEDGES else 0
    score -= 0.1 if claim.kind == "prediction" else 0
    return max(0.0, min(1.0, score))


def _average_precision(relevant: list[bool]) -> float:
    hits, total = 0, 0.0
    for rank, is_relevant in enumerate(relevant, 1):
        if is_relevant:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def gold_check(vectors: bool = True) -> None:
    """The queue's order and the article threshold on the gold articles (see the module's docstring),
    for the model without vectors and, with `vectors`, for the one that reads them (as import scores)."""
    from workbench.nlp.checkworthiness import current_model

    model = current_model()
    gold = list(_gold_claims())
    _gold_table("model without vectors (extract --json)", gold, model)
    if vectors and model.with_vectors is not None:
        from workbench.nlp.checkworthiness import rescore

        embedder = _embedder()
        texts = [c.text for _, claims, _, _ in gold for c in claims]
        found = iter(embedder.passages(texts))
        rescored = []
        for article, claims, rows, relevant in gold:
            vectors_of = [next(found) for _ in claims]
            again = rescore(claims, article.text, article.language, vectors_of, embedder.name)
            rescored.append((article, again, rows, relevant))
        _gold_table("model with e5 vectors (import)", rescored, model.with_vectors)


def _gold_table(title: str, gold: list, model) -> float:  # noqa: ANN001 - (article, claims, rows, relevant), Model
    """One model's queue order, opinions and article threshold on the gold articles; returns the
    threshold chosen on all nine."""
    from workbench.nlp.checkworthiness_train import choose_threshold, f1_at

    print(f"\nGold articles (9), {title}: the queue ranks checkable claims by score; AP of the gold-covering ones")
    print(
        f"{'article':30}{'claims':>7}{'gold':>6}{'AP model':>10}{'AP before':>11}{'AP random':>11}"
        f"{'opinions ok':>13}{'worthy':>8}"
    )
    aps, legacy_aps, random_aps, opinion_total, opinion_kept = [], [], [], 0, 0
    scores, labels, groups = [], [], []
    for article, claims, rows, relevant in gold:
        checkable = [i for i, c in enumerate(claims) if c.checkable]
        by_model = sorted(checkable, key=lambda i: (-claims[i].score, i))
        by_legacy = sorted(checkable, key=lambda i: (-_legacy_score(claims[i]), i))
        ap, legacy = (
            _average_precision([i in relevant for i in by_model]),
            _average_precision([i in relevant for i in by_legacy]),
        )
        chance = len(relevant) / len(checkable) if checkable else 0.0  # expected AP of a random order, about
        aps.append(ap)
        legacy_aps.append(legacy)
        random_aps.append(chance)
        opinions = [g for g in article.gold["claims"] if not g["checkable"]]
        wrongly = score_article(article.gold, article.text, rows).opinions_marked_checkable
        opinion_total += len(opinions)
        opinion_kept += len(opinions) - len(wrongly)
        for i, claim in enumerate(claims):
            # A claim the extractor holds not checkable is never check-worthy, whatever the threshold.
            scores.append(claim.score if claim.checkable else -1.0)
            labels.append(i in relevant)
            groups.append(article.name)
        print(
            f"{article.name[:29]:30}{len(checkable):>7}{len(relevant):>6}{ap:>10.3f}{legacy:>11.3f}{chance:>11.3f}"
            f"{len(opinions) - len(wrongly):>8}/{len(opinions):<4}{sum(claims[i].checkworthy for i in checkable):>8}"
        )
    print(
        f"{'mean':30}{'':>13}{np.mean(aps):>10.3f}{np.mean(legacy_aps):>11.3f}{np.mean(random_aps):>11.3f}"
        f"{opinion_kept:>8}/{opinion_total:<4}"
    )
    choice = choose_threshold(scores, labels, groups)
    print(
        f"Article threshold: `checkworthy` against 'a fact-checker marked it' over all {len(scores)} extracted"
        f" claims ({sum(labels)} marked), leave-one-article-out"
    )
    for name, threshold in (
        ("tweets' threshold (CT24, F1-best)", model.checkworthy.threshold),
        ("every checkable claim", 0.0),
        ("in use", model.threshold),
    ):
        f1, precision, recall = f1_at(scores, labels, threshold)
        print(f"  {name:44} F1 {f1:.3f}  P {precision:.3f}  R {recall:.3f}  (threshold {threshold:.4f})")
    held = ", ".join(f"{t:.4f}" for t in choice.held_out)
    print(
        f"  {'chosen on the other articles (LOAO)':44} F1 {choice.cv_f1:.3f}  P {choice.cv_precision:.3f}"
        f"  R {choice.cv_recall:.3f}  (thresholds {held})"
    )
    print(f"  chosen on all nine: {choice.threshold:.4f}")
    return choice.threshold


def reviews_check(examples, feats: Featurized, folds: int = 3) -> None:  # noqa: ANN001 - Examples
    """What `train checkworthiness --from-reviews` adds on articles, on the Spanish gold articles:
    a fact-checker's marks become the labels `workbench.train.review_examples` makes of a
    newsroom's decisions (a marked claim: a verdict; a checkable claim covering a gold opinion:
    marked not checkable; any other checkable claim: skipped, weight 0.3), and the gold articles
    are split into `folds` groups: each group's queue is ranked by a model fitted on the tweets
    plus the other groups' decisions, beside the model fitted on the tweets alone (the shipped
    recipe) on the same claims. Both models read vectors, as at import."""
    from workbench.nlp.checkworthiness import rescore
    from workbench.nlp.checkworthiness_train import Example, fit_model

    embedder = _embedder()
    gold = [g for g in _gold_claims() if g[0].language == "es"]
    reviewed: list[list[Example]] = []
    vectors_of = []
    for article, claims, rows, relevant in gold:
        opinions = [g for g in article.gold["claims"] if not g["checkable"]]
        covering_opinion = set(best_coverers(opinions, rows, article.text).values())
        found = []
        for i, claim in enumerate(claims):
            if i in relevant:
                found.append(Example(claim.text, True, True, 1.0, "reviews", article.name))
            elif claim.checkable and i in covering_opinion:
                found.append(Example(claim.text, False, False, 1.0, "reviews", article.name))
            elif claim.checkable:
                found.append(Example(claim.text, None, False, 0.3, "reviews", article.name))
        reviewed.append(found)
        vectors_of.append(embedder.passages([c.text for c in claims]))
    base = fit_model(examples, feats, embedder=embedder.name)
    print(f"\n--from-reviews on the {len(gold)} Spanish gold articles, {folds} groups of articles held out in turn")
    print(f"{'held-out articles':34}{'reviews used':>13}{'AP tweets':>11}{'AP +reviews':>13}{'opinions ok':>13}")
    tweets_ap, reviews_ap = [], []
    for fold in range(folds):
        held = [k for k in range(len(gold)) if k % folds == fold]
        extra = [e for k in range(len(gold)) if k not in held for e in reviewed[k]]
        texts = [e.text for e in extra]
        more = featurize(texts)
        joined = Featurized(
            feats.signals + more.signals,
            feats.grams + more.grams,
            np.vstack([feats.vectors, embedder.passages(texts)]),
        )
        taught = fit_model([*examples, *extra], joined, embedder=embedder.name)
        aps = {"tweets": [], "reviews": []}
        kept = total = 0
        for k in held:
            article, claims, rows, relevant = gold[k]
            for name, model in (("tweets", base), ("reviews", taught)):
                again = rescore(claims, article.text, article.language, vectors_of[k], embedder.name, model=model)
                order = sorted((i for i, c in enumerate(again) if c.checkable), key=lambda i: (-again[i].score, i))
                aps[name].append(_average_precision([i in relevant for i in order]))
            opinions = [g for g in article.gold["claims"] if not g["checkable"]]
            total += len(opinions)
            kept += len(opinions) - len(score_article(article.gold, article.text, rows).opinions_marked_checkable)
        tweets_ap += aps["tweets"]
        reviews_ap += aps["reviews"]
        names = ", ".join(gold[k][0].name[:8] for k in held)
        print(
            f"{names[:33]:34}{len(extra):>13}{np.mean(aps['tweets']):>11.3f}{np.mean(aps['reviews']):>13.3f}"
            f"{kept:>9}/{total}"
        )
    print(f"{'mean over articles':34}{'':>13}{np.mean(tweets_ap):>11.3f}{np.mean(reviews_ap):>13.3f}")


def _embedder():  # noqa: ANN202 - a CachedEmbedder
    from benchmarks.embed_cache import CachedEmbedder
    from workbench.matching.embedding import E5Embedder

    return CachedEmbedder(E5Embedder())


def _gold_claims():  # noqa: ANN202 - (article, claims, rows, relevant) per gold article
    """Each gold article's extracted claims, and which of them best cover a gold checkable claim."""
    from workbench.nlp.extract import extract_many

    for article in gold_articles():
        claims = next(extract_many([article.text], article.language, article.published))
        rows = [asdict(c) for c in claims]
        gold = [g for g in article.gold["claims"] if g["checkable"]]
        checkable = [i for i, c in enumerate(claims) if c.checkable]
        covering = set(best_coverers(gold, [rows[i] for i in checkable], article.text).values())
        yield article, claims, rows, {checkable[i] for i in covering}


def cost() -> None:
    from benchmarks.extraction import _raw_model
    from workbench.nlp.checkworthiness import current_model, rescore
    from workbench.nlp.extract import extract_many

    articles = gold_articles("es")
    texts = [a.text for a in articles] * 3
    claims = [c for batch in extract_many(texts[:7], "es", "2023-09-13") for c in batch]
    model = current_model()
    feats = {"figure": 1.0, "date": 1.0}
    start = time.perf_counter()
    for _ in range(5):
        for claim in claims:
            model.assess(feats, claim.text, checkable=claim.checkable)
    per_claim = (time.perf_counter() - start) / (5 * len(claims))
    print(f"\nModel file {SHIPPED_MODEL.relative_to(ROOT)}: {SHIPPED_MODEL.stat().st_size / 1e6:.2f} MB JSON")
    print(
        f"model per claim (n-grams, score and reasons, checkable given as in extraction): {per_claim * 1e6:.0f} µs"
        f" over {len(claims)} claims"
    )
    if model.with_vectors is not None:
        # What import adds beyond the embedding it does anyway: signals from the draft, the vector model.
        embedder = _embedder()
        drafts = [(a, next(extract_many([a.text], "es", a.published))) for a in articles]
        vectors = [embedder.passages([c.text for c in found]) for _, found in drafts]
        count = sum(len(found) for _, found in drafts)
        start = time.perf_counter()
        for _ in range(5):
            for (article, found), rows in zip(drafts, vectors):
                rescore(found, article.text, "es", rows, embedder.name)
        per_claim = (time.perf_counter() - start) / (5 * count)
        print(
            f"rescoring with vectors at import (embedding aside): {per_claim * 1e6:.0f} µs a claim over {count} claims"
        )
    nlp = _raw_model()
    raw = min(_timed(lambda: list(nlp.pipe(texts, batch_size=64))) for _ in range(2))
    ours = min(_timed(lambda: list(extract_many(texts, "es", "2023-09-13"))) for _ in range(2))
    print(f"extraction {ours:.2f} s beside raw nlp.pipe {raw:.2f} s on {len(texts)} articles: {ours / raw:.2f}x")


def product_path(data_dir: Path) -> None:
    """The shipped model on the tweets through extract_texts, as `extract --lines` runs it."""
    from workbench.config import Settings
    from workbench.nlp.extract import extract_many
    from workbench.usecases.importing import extract_texts

    print("\nThrough `extract --lines` (shipped model, in-sample; a tweet is flagged when any of its claims is)")
    print(f"{'':44}{'has a digit':>12}{'as articles':>12}{'as posts':>10}")
    for source, attribute, title in (
        (CT24, "checkworthy", "CT24 Spanish dev, checkworthy F1"),
        (NEWTRAL, "checkworthy", "Newtral train, checkworthy F1"),
        (NEWTRAL, "checkable", "Newtral train, checkable vs 'claim' F1"),
    ):
        examples = [e for e in read_tsv(data_dir / source) if getattr(e, attribute) is not None]
        texts = [e.text.replace("\n", " ") for e in examples]
        labels = [bool(getattr(e, attribute)) for e in examples]
        posts = [any(getattr(c, attribute) for c in claims) for claims in extract_texts(texts, "es", Settings())]
        articles = [any(getattr(c, attribute) for c in claims) for claims in extract_many(texts, "es")]
        digit = [bool(re.search(r"\d", text)) for text in texts]
        row = "".join(
            f"{_f1(flags, labels):>{width}.3f}" for flags, width in ((digit, 12), (articles, 12), (posts, 10))
        )
        print(f"{title:44}{row}")


def _f1(flags: list[bool], labels: list[bool]) -> float:
    hits = sum(f and y for f, y in zip(flags, labels))
    return 2 * hits / max(1, sum(flags) + sum(labels))


def _timed(fn) -> float:  # noqa: ANN001 - a thunk
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="where the two TSVs are")
    parser.add_argument(
        "--no-vectors",
        action="store_true",
        help="skip the model with e5 sentence vectors (it embeds the tweets once, cached in /tmp)",
    )
    parser.add_argument(
        "--gold-only", action="store_true", help="only the gold articles (queue order, article threshold)"
    )
    parser.add_argument(
        "--vectors-only",
        action="store_true",
        help="on the tweets, cross-validate only the model with vectors (the one import and index score with)",
    )
    parser.add_argument(
        "--tweets-only",
        action="store_true",
        help="only the cross-validated figures on the tweets and the strongest features (no articles, no timing)",
    )
    parser.add_argument(
        "--seeds",
        type=lambda text: [int(part) for part in text.split(",")],
        default=list(OUTER_SEEDS),
        help="outer fold seeds, comma-separated; each figure is their mean (default 13,1,2)",
    )
    args = parser.parse_args()
    if args.gold_only:
        gold_check(not args.no_vectors)
        return
    examples = read_tsv(args.data_dir / CT24) + read_tsv(args.data_dir / NEWTRAL)
    started = time.perf_counter()
    feats: Featurized = featurize([e.text for e in examples])
    kinds = [next((k[5:] for k in s if k.startswith("kind_")), "event") for s in feats.signals]
    print(f"{len(examples)} labelled tweets featurized in {time.perf_counter() - started:.0f} s")
    with_vectors = None if args.no_vectors else _with_vectors(examples, feats)
    shipped = load_model()
    seeds = args.seeds
    print(f"Each figure: the mean over outer fold seeds {', '.join(map(str, seeds))}, ± its standard deviation,")
    print("then the F1 of each seed (the benchmark's folds used to be seed 13's alone)")
    for attribute, source, label in (
        ("checkworthy", CT24, "CheckThat! 2024 Spanish, checkworthy, dev (CV)"),
        ("checkworthy", NEWTRAL, "Newtral, checkworthy, train (CV)"),
        ("checkable", NEWTRAL, "Newtral, checkable vs 'claim', train (CV)"),
    ):
        print(f"\n{label}")
        figures: dict[str, list[tuple[float, float]]] = {}
        for seed in seeds:
            for name, f1, ap in _baselines(examples, attribute, source, kinds, seed):
                figures.setdefault(name, []).append((f1, ap))
        for name, found in figures.items():
            print(_over_seeds(name, found, seeds))
        if not args.vectors_only or with_vectors is None:
            found = [cross_validate(examples, feats, attribute, {source}, seed=seed)[0] for seed in seeds]
            print(_over_seeds("model without vectors (extract --json)", [(r.f1, r.ap) for r in found], seeds))
        if with_vectors is not None:
            found = [
                cross_validate(examples, with_vectors, attribute, {source}, seed=seed, vector_scale=VECTOR_SCALE)[0]
                for seed in seeds
            ]
            print(_over_seeds("model with e5 vectors (import)", [(r.f1, r.ap) for r in found], seeds))
    print("\nStrongest features of the shipped models (log-odds per unit)")
    for title, model in (("without vectors", shipped), ("with vectors", shipped.with_vectors)):
        if model is None:
            continue
        for attribute in ("checkworthy", "checkable"):
            signals, words = strongest(getattr(model, attribute))
            print(f"  {title}, {attribute} signals: " + ", ".join(f"{name} {w:+.2f}" for name, w in signals))
            print(f"  {title}, {attribute} words:   " + ", ".join(f"“{g}” {w:+.2f}" for g, w in words))
    product_path(args.data_dir)
    if args.tweets_only:
        return
    gold_check(not args.no_vectors)
    if with_vectors is not None:
        reviews_check(examples, with_vectors)
    cost()


if __name__ == "__main__":
    main()
