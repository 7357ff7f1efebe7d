"""Import time with PyStemmer (the stemmer the workbench uses) beside the pure-Python snowballstemmer
it replaced (issue 18), on the same texts in one run, and a check that both give the same stems.

    python -m benchmarks.stemmer [--claims 4000] [--rounds 2] [--seed 7]

Both are builds of the same Snowball algorithms with the same call (`stemWord`), so the only
difference is the stemmer behind workbench.matching.terms (snowballstemmer's own pure-Python classes:
its `stemmer()` returns PyStemmer's whenever PyStemmer is installed, as it is here); the benchmark swaps it there (and
clears that module's caches) for each variant. Imported each time into a fresh temporary database,
with semantic matching off so the embedder does not dominate:

- the articles: the gold articles (benchmarks/gold_data) and benchmarks/own_data, extracted in full;
- an archive: a claims CSV of --claims synthetic rows (benchmarks/synthetic.py), matched on import;
  once as shipped, and once with the import's word cache (terms._stem) off, so every token is
  stemmed: the cache, not only the C build, is why the stemmer is now a small part of an import.

Rounds alternate the order (PyStemmer first, then snowballstemmer first, ...) so neither gains
from warm caches of the other; the spaCy models are loaded before the first timing. "Stemming
alone" stems every content word of the same texts (as `stems` folds and filters them) with each
stemmer: once per token, and once per distinct word (what the import's word cache stems). Wall
time is perf_counter, CPU time is process_time (all threads of this process); "stemming in it" is
the time spent inside the stemmer's calls during that import (wall, in both columns). The stems are
compared word for word, and the index terms the two imports stored are compared claim by claim.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.gold import gold_articles
from benchmarks.synthetic import Generator, write_csv

OWN_DATA = Path(__file__).resolve().parent / "own_data"
VARIANTS = ("PyStemmer", "snowballstemmer")
LANGUAGES = {"es": "spanish", "en": "english"}


def stemmer_of(variant: str, language: str) -> Any:  # noqa: ANN401 - neither library ships types
    if variant == "PyStemmer":
        import Stemmer

        return Stemmer.Stemmer(LANGUAGES[language])
    # Not snowballstemmer.stemmer(): with PyStemmer installed it hands back PyStemmer's class.
    from snowballstemmer.english_stemmer import EnglishStemmer
    from snowballstemmer.spanish_stemmer import SpanishStemmer

    return SpanishStemmer() if language == "es" else EnglishStemmer()


class Counted:
    """A stemmer that keeps the count and the time of its calls: stemming's own share of an import,
    which the import's run-to-run noise on a shared machine would hide."""

    def __init__(self, stemmer: Any) -> None:  # noqa: ANN401
        self.stemmer, self.calls, self.seconds = stemmer, 0, 0.0

    def stemWord(self, word: str) -> str:  # noqa: N802 - the stemmers' name
        start = time.perf_counter()
        stem = self.stemmer.stemWord(word)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        return str(stem)


@contextmanager
def stemming_with(variant: str, word_cache: bool = True) -> Iterator[dict[str, Counted]]:
    """workbench.matching.terms stemming with `variant`, its caches empty before and after; without
    the word cache, every token is stemmed (as the import did before it had one)."""
    from workbench.matching import terms

    def clear() -> None:
        for value in vars(terms).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()

    original, cached = terms._stemmer, terms._stem
    stemmers = {language: Counted(stemmer_of(variant, language)) for language in LANGUAGES}
    terms._stemmer = stemmers.__getitem__  # type: ignore[assignment]
    if not word_cache:
        terms._stem = lambda word, language: str(stemmers[language].stemWord(word))  # type: ignore[assignment]
    clear()
    try:
        yield stemmers
    finally:
        terms._stemmer, terms._stem = original, cached
        clear()


# -- the texts --------------------------------------------------------------------


def articles() -> list[tuple[str, str, str, str | None]]:
    """(name, text, language, published) of the gold articles and of own_data."""
    import json

    found = [(a.name, a.text, a.language, a.published) for a in gold_articles()]
    for claims_file in sorted(OWN_DATA.glob("*-claims.json")):
        meta = json.loads(claims_file.read_text(encoding="utf-8"))
        text = (OWN_DATA / meta["article"]).read_text(encoding="utf-8").strip()
        found.append((meta["article"], text, meta["language"], meta.get("published")))
    return found


def content_words(texts: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Every word `stems` would stem, per language, in order and with its repeats."""
    from workbench.matching.terms import FUNCTION_WORDS, fold
    from workbench.nlp.language import detect_language

    words: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for text, given in texts:
        language = given if given in LANGUAGES else detect_language(text)  # as the import reads a row without one
        skip = FUNCTION_WORDS.get(language, set())
        words[language] += [w for w in fold(text).split() if w not in skip and not w.isdigit()]
    return words


# -- timing -----------------------------------------------------------------------


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def import_articles(db: Path, texts: list[tuple[str, str, str, str | None]]) -> None:
    from workbench.config import Settings
    from workbench.models import ArticleInput
    from workbench.service import Workbench

    workbench = Workbench(db, actor="bench", settings=Settings(semantic=False))
    inputs = [
        ArticleInput(text=text, title=name, language=language, published=published, origin=name)
        for name, text, language, published in texts
    ]
    workbench.import_articles(inputs)


def import_archive(db: Path, data: str) -> None:
    from workbench.config import Settings
    from workbench.service import Workbench

    Workbench(db, actor="bench", settings=Settings(semantic=False)).import_claims_csv(data, "archive.csv")


def stored_terms(db: Path) -> list[tuple[str, str]]:
    """(claim text, its index terms) of every claim, in id order: what matching reads."""
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT c.text, t.terms FROM claim_terms t JOIN claims c ON c.id = t.claim_id ORDER BY c.id"
        ).fetchall()


PARTS: tuple[tuple[str, Callable[[Path, Any], None], bool], ...] = (
    ("articles", import_articles, True),
    ("archive", import_archive, True),
    ("archive, every token stemmed", import_archive, False),
)
"""What is imported, each into a fresh database, and whether with the import's word cache (as shipped)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=4000, help="Rows of the synthetic archive (default 4000).")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of both variants, order alternating (default 2).")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from workbench.service import Workbench

    texts = articles()
    with tempfile.TemporaryDirectory(prefix="workbench-stemmer-") as work:
        folder = Path(work)
        archive_path = folder / "archive.csv"
        write_csv(archive_path, Generator(args.seed).rows(args.claims))
        archive = archive_path.read_text(encoding="utf-8")
        print(
            f"{len(texts)} articles ({sum(len(t[1]) for t in texts):,} characters), "
            f"an archive of {args.claims:,} synthetic claims; semantic matching off; {args.rounds} rounds",
            file=sys.stderr,
        )
        Workbench(folder / "warm.db").load_models()  # the spaCy models, outside every timing
        import_articles(folder / "warm.db", texts[:1])  # and what the first import of each kind loads
        import_archive(folder / "warm-archive.db", "".join(archive.splitlines(keepends=True)[:50]))

        spent: dict[tuple[str, str], list[tuple[float, float]]] = {}
        inside: dict[tuple[str, str], list[tuple[float, float]]] = {}
        calls: dict[str, int] = {}
        dbs: dict[tuple[str, str], Path] = {}
        for round_ in range(args.rounds):
            order = VARIANTS if round_ % 2 == 0 else VARIANTS[::-1]
            for variant in order:
                for part, run, word_cache in PARTS:
                    with stemming_with(variant, word_cache) as stemmers:
                        db = folder / f"{part}-{variant}-{round_}.db"
                        given: Any = archive if run is import_archive else texts
                        spent.setdefault((part, variant), []).append(timed(lambda db=db, g=given, r=run: r(db, g)))
                        within = sum(c.seconds for c in stemmers.values())
                        inside.setdefault((part, variant), []).append((within, within))
                        calls[part] = sum(c.calls for c in stemmers.values())
                        dbs[(part, variant)] = db
                        wall, cpu = spent[(part, variant)][-1]
                        print(f"  round {round_ + 1}, {variant}, {part}: {wall:.1f} s", file=sys.stderr)

        words = content_words(
            [(t[1], t[2]) for t in texts] + [(row.text, row.language) for row in Generator(args.seed).rows(args.claims)]
        )
        alone: dict[tuple[str, str], list[tuple[float, float]]] = {}
        differ = 0
        distinct = {language: sorted(set(found)) for language, found in words.items()}
        for variant in VARIANTS:
            stemmers = {language: stemmer_of(variant, language) for language in LANGUAGES}
            for _ in range(3):
                tokens = timed(lambda s=stemmers: [s[lang].stemWord(w) for lang, ws in words.items() for w in ws])
                unique = timed(lambda s=stemmers: [s[lang].stemWord(w) for lang, ws in distinct.items() for w in ws])
                alone.setdefault(("every token", variant), []).append(tokens)
                alone.setdefault(("each distinct word", variant), []).append(unique)
        for language, found in distinct.items():
            a, b = stemmer_of(VARIANTS[0], language), stemmer_of(VARIANTS[1], language)
            differ += sum(1 for w in found if a.stemWord(w) != b.stemWord(w))
        same_terms = all(
            stored_terms(dbs[(part, VARIANTS[0])]) == stored_terms(dbs[(part, VARIANTS[1])]) for part, *_ in PARTS
        )

    tokens = sum(len(found) for found in words.values())
    kinds = sum(len(found) for found in distinct.values())

    def row(label: str, runs: dict[tuple[str, str], list[tuple[float, float]]], key: str, best: bool = False) -> None:
        cells = []
        for variant in VARIANTS:
            measured = runs[(key, variant)]
            pick = min if best else statistics.median
            cells.append((pick(w for w, _ in measured), pick(c for _, c in measured)))
        (fw, fc), (sw, sc) = cells
        print(f"  {label:<40} {fw:>8.3f} {fc:>8.3f} {sw:>10.3f} {sc:>8.3f} {sw / fw:>7.2f}x {sw - fw:>+8.3f}")

    print(f"\n  {'':<40} {'PyStemmer':^17} {'snowballstemmer':^20}")
    print(f"  {'seconds':<40} {'wall':>8} {'CPU':>8} {'wall':>10} {'CPU':>8} {'ratio':>8} {'Δ wall':>8}")
    row(f"import {len(texts)} articles (median)", spent, "articles")
    row(f"  stemming in it ({calls['articles']:,} calls, best)", inside, "articles", best=True)
    row(f"import {args.claims:,}-claim archive (median)", spent, "archive")
    row(f"  stemming in it ({calls['archive']:,} calls, best)", inside, "archive", best=True)
    row("the same, without the word cache", spent, "archive, every token stemmed")
    row(
        f"  stemming in it ({calls['archive, every token stemmed']:,} calls, best)",
        inside,
        "archive, every token stemmed",
        best=True,
    )
    row(f"stem {tokens:,} tokens (best of 3)", alone, "every token", best=True)
    row(f"stem {kinds:,} distinct words (best of 3)", alone, "each distinct word", best=True)
    print(
        f"\nStems: {differ} of {kinds:,} distinct words differ; "
        f"index terms of every stored claim {'identical' if same_terms else 'DIFFER'} between the two imports."
    )
    return 0 if differ == 0 and same_terms else 1


if __name__ == "__main__":
    sys.exit(main())
