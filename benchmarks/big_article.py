"""One big article (1 MB by default) imported into a fresh database, timed stage by stage, beside
raw nlp.pipe (es_core_news_sm as published) on the same pieces of text.

    python -m benchmarks.big_article [--chars N] [--semantic] [--profile FILE]

The article is made here, not stored: the Spanish stories of own_data/ and the Spanish gold
articles, paragraph by paragraph, cycled until it is long enough, each round with its figures
shifted (round k adds k to every number that is not a year), so no two paragraphs are the same
text and matching meets near-copies with other figures, as it would in a long live blog.

Stages, as `Workbench.import_articles` runs them: read (bytes checked and decoded, language
detected), parse (the workbench's spaCy pipeline up to the parser and entity rulers), extraction
rules (the workbench_claims component: clauses, claimants, kinds, dates, figures), check-worthiness
(the workbench_score component), store writes (article, claims,
entities, audit), index (claims' features and FTS terms), embedding (off unless --semantic: the
model runs at ~10-30 passages/s here and is as fixed a cost as the parse) and matching (candidates
of every claim compared, links suggested). The whole import is then run again end to end through
`Workbench.import_articles` into another fresh database, to check the stages add up, and that
same whole import is timed with the code of another branch (`--baseline`, main by default: its
tree taken with `git archive`, run in a process of its own as this one's is) as the baseline.

A long article is parsed in two processes (workbench/nlp/parse_pool.py): the parse stage's CPU
column counts this process only; the whole imports' CPU counts their children too.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from benchmarks.extraction import _raw_model, own_articles
from benchmarks.gold import gold_articles

T = TypeVar("T")
PUBLISHED = "2026-02-10"
YEAR = re.compile(r"(?:19|20)\d\d")


def paragraphs() -> list[str]:
    """The Spanish paragraphs the article is made of: own_data first, then the gold articles."""
    texts = [a.text for a in own_articles() if a.language == "es"] + [a.text for a in gold_articles("es")]
    return [p.strip() for text in texts for p in text.split("\n") if p.strip()]


def big_article(characters: int) -> str:
    """Paragraphs cycled to about `characters` characters, one per line, each round's numbers shifted."""
    source = paragraphs()
    found: list[str] = []
    size = 0
    while size < characters:
        k = len(found) // len(source)
        paragraph = source[len(found) % len(source)]
        if k:
            paragraph = re.sub(r"\d+", lambda m, k=k: _shifted(m.group(), k), paragraph)
        found.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(found)


def _shifted(number: str, k: int) -> str:
    return number if YEAR.fullmatch(number) else str(int(number) + k)


CPU: dict[str, float] = {}
"""CPU seconds of this process per stage: on a shared machine the wall clock also counts the time
other processes held the cores."""


def _timed(label: str, times: dict[str, float], fn: Callable[[], T]) -> T:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    times[label] = time.perf_counter() - start
    CPU[label] = time.process_time() - cpu
    return value


def staged_import(path: Path, db: Path, semantic: bool) -> tuple[dict[str, float], dict[str, int], list[str]]:
    """The import of one article file, stage by stage; returns seconds per stage, counts, and the
    normalized pieces spaCy was given (for the raw baseline)."""
    from workbench.config import Settings
    from workbench.matching.engine import Matcher
    from workbench.nlp.claim_pipes import CLAIMS_PIPE, SCORE_PIPE
    from workbench.nlp.extract import parse_pieces, pieces_of
    from workbench.nlp.normalize import normalize
    from workbench.nlp.pipeline import load_nlp
    from workbench.service import Workbench
    from workbench.usecases.importing import content_hash

    bench = Workbench(db, actor="benchmark", settings=Settings(semantic=semantic))
    times: dict[str, float] = {}
    article = _timed("read", times, lambda: bench.resolve_language(bench.read_article(str(path), published=PUBLISHED)))
    pieces = _timed("normalize", times, lambda: pieces_of(normalize(article.text)))
    docs = _timed("parse", times, lambda: parse_pieces(pieces, article.language, article.published))
    nlp = load_nlp(article.language)
    cut = _timed("extraction rules", times, lambda: list(nlp.get_pipe(CLAIMS_PIPE).pipe(docs)))
    scored = _timed("check-worthiness", times, lambda: [nlp.get_pipe(SCORE_PIPE)(doc) for doc in cut])
    claims = [claim for doc in scored for claim in doc._.workbench_claims]
    with bench.store(create=True) as store, store.transaction():
        digest = content_hash(article.text)
        article_id, claim_ids = _timed(
            "store writes", times, lambda: store.articles.insert_article(article, digest, claims)
        )
        matcher = Matcher(store, bench.embedder())
        found = _timed("index (features, FTS)", times, lambda: matcher.features(claim_ids))
        _timed("", times, lambda: matcher.index(found, dict.fromkeys(claim_ids, article_id)))
        times["index (features, FTS)"] += times.pop("")
        CPU["index (features, FTS)"] += CPU.pop("")
        _timed("embedding", times, lambda: matcher.embed(claim_ids))
        made = _timed("matching, links", times, lambda: matcher.link(claim_ids, bench.settings.links_within_article))
    counts = {"characters": len(article.text), "pieces": len(pieces), "claims": len(claims), "links": len(made)}
    return times, counts, [p.text for p in pieces]


WHOLE_IMPORT = """
import json, resource, sqlite3, sys, time
from pathlib import Path
from workbench.config import Settings
from workbench.models import ArticleInput
from workbench.nlp.extract import extract_claims
from workbench.service import Workbench

text = Path(sys.argv[1]).read_text(encoding="utf-8")
extract_claims("El ministro dijo que llegaron 30 barcos.", "es")  # models loaded before timing
bench = Workbench(Path(sys.argv[2]), actor="benchmark", settings=Settings(semantic=sys.argv[3] == "1"))
article = ArticleInput(text=text, title="big", language="es", published=sys.argv[4])
start, cpu = time.perf_counter(), time.process_time()
bench.import_articles([article])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
children = resource.getrusage(resource.RUSAGE_CHILDREN)
with sqlite3.connect(sys.argv[2]) as db:
    claims, links = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("claims", "links"))
print(json.dumps({"seconds": seconds, "cpu": cpu + children.ru_utime + children.ru_stime, "claims": claims, "links": links}))
"""
"""One whole import in a fresh interpreter, its code from `tree` (a checkout's root)."""


def whole_import(tree: Path, article: Path, db: Path, semantic: bool) -> dict[str, float]:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", WHOLE_IMPORT, str(article), str(db), "1" if semantic else "0", PUBLISHED]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"The whole import with the code in {tree} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def baseline_tree(ref: str, folder: Path) -> Path | None:
    """The repository's tree at `ref`, unpacked under `folder`; None where git or the ref is missing."""
    import io
    import subprocess
    import tarfile

    root = Path(__file__).resolve().parent.parent
    try:
        data = subprocess.run(["git", "-C", str(root), "archive", ref], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    tree = folder / "baseline"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(tree, filter="data")
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000, help="size of the article in characters")
    parser.add_argument("--semantic", action="store_true", help="embed the claims too (slow here)")
    parser.add_argument("--profile", help="write a cProfile of the staged import to this file")
    parser.add_argument("--no-whole", action="store_true", help="skip the end-to-end imports")
    parser.add_argument("--baseline", default="main", help="git ref whose whole import is the baseline (main)")
    args = parser.parse_args()
    from workbench.nlp.extract import extract_claims

    text = big_article(args.chars)
    extract_claims("El ministro dijo que llegaron 30 barcos.", "es")  # models loaded before timing
    nlp = _raw_model()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(text, encoding="utf-8")
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            times, counts, pieces = profiler.runcall(staged_import, path, Path(folder) / "staged.db", args.semantic)
            profiler.dump_stats(args.profile)
        else:
            times, counts, pieces = staged_import(path, Path(folder) / "staged.db", args.semantic)
        start, cpu = time.perf_counter(), time.process_time()
        list(nlp.pipe(pieces, batch_size=64))
        raw, raw_cpu = time.perf_counter() - start, time.process_time() - cpu
        whole: dict[str, dict[str, float]] = {}
        if not args.no_whole:
            tree = baseline_tree(args.baseline, Path(folder))
            here = Path(__file__).resolve().parent.parent
            for name, code in ((args.baseline, tree), ("this tree", here)):
                if code is not None:
                    whole[name] = whole_import(code, path, Path(folder) / f"whole-{len(whole)}.db", args.semantic)

    mb = counts["characters"] / 1e6
    print(
        f"article: {counts['characters'] / 1000:.0f}k characters in {counts['pieces']} pieces, "
        f"{counts['claims']} claims, {counts['links']} links suggested; embedding {'on' if args.semantic else 'off'}"
    )
    print(f"{'stage':26}{'seconds':>10}{'s per MB':>10}{'CPU s':>8}")
    for label, seconds in times.items():
        print(f"{label:26}{seconds:>10.1f}{seconds / mb:>10.1f}{CPU[label]:>8.1f}")
    spacy_part = times["parse"] + times.get("embedding", 0.0)
    spacy_cpu = CPU["parse"] + CPU.get("embedding", 0.0)
    total, total_cpu = sum(times.values()), sum(CPU.values())
    print(f"{'total':26}{total:>10.1f}{total / mb:>10.1f}{total_cpu:>8.1f}")
    print(f"{'raw nlp.pipe, same text':26}{raw:>10.1f}{raw / mb:>10.1f}{raw_cpu:>8.1f}")
    print(
        f"outside spaCy and the embedding model: {total - spacy_part:.1f} s wall, "
        f"{total_cpu - spacy_cpu:.1f} s CPU ({(total - spacy_part) / mb:.1f} s wall per MB)"
    )
    if whole:
        print(
            f"whole import (import_articles, a fresh process each){'':6}{'seconds':>10}{'CPU s':>8}{'claims':>8}{'links':>8}"
        )
        for name, found in whole.items():
            print(
                f"  {name[:54]:56}{found['seconds']:>10.1f}{found['cpu']:>8.1f}{found['claims']:>8.0f}{found['links']:>8.0f}"
            )


if __name__ == "__main__":
    main()
