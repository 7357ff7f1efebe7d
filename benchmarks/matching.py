"""Matching quality on the gold pairs, beside plain rapidfuzz on the same claims.

    python -m benchmarks.matching

Claims are extracted from the two gold articles; each gold claim is mapped to the claim
that covers it most atomically. Duplicates are merged into clusters, as `dedupe --apply`
would, and scored by pair; conflicts must be flagged and never merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from itertools import combinations

from rapidfuzz import fuzz

from benchmarks.gold import best_coverers, cluster_pairs, gold_articles, score_pairs
from workbench.matching.compare import APPLY_THRESHOLD, DUPLICATE, Weights, compare
from workbench.matching.features import features
from workbench.matching.links import idf_from_counts, suggestions
from workbench.nlp.extract import extract_claims


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
            dicts.append(asdict(draft) | {"article": article.name})
    return feats, dicts, mapping


def main() -> None:
    feats, dicts, mapping = gold_claims()
    checkable = [f for f, d in zip(feats, dicts) if d["checkable"]]
    article_of = {f.id: d["article"] for f, d in zip(feats, dicts)}
    print(f"{len(checkable)} checkable claims, {len(checkable) * (len(checkable) - 1) // 2} pairs")
    print("baseline: rapidfuzz token_set_ratio on claim text, clusters at a threshold")
    for threshold in (50, 60, 70):
        merged = cluster_pairs(
            [(a.id, b.id) for a, b in combinations(checkable, 2) if fuzz.token_set_ratio(a.text, b.text) >= threshold]
        )
        print(f"  threshold {threshold}: {score_pairs(mapping, merged, {}).summary()}")
    df = Counter(term for f in checkable for term in set(f.terms()))
    weights = Weights(idf_from_counts(df, len(checkable)))
    comparisons = {(a.id, b.id): compare(a, b, weights) for a, b in combinations(checkable, 2)}
    links = suggestions(comparisons, article_of)
    relations = {(s.claim_a, s.claim_b): s.relation for s in links}
    print("workbench: TF-IDF terms, wording, actors, claimants, figures, dates; one-to-one duplicates")
    for threshold in (0.40, 0.45, 0.50, 0.55, 0.60, 0.65):
        merged = cluster_pairs(
            [(s.claim_a, s.claim_b) for s in links if s.relation == DUPLICATE and s.score >= threshold]
        )
        print(f"  threshold {threshold:.2f}: {score_pairs(mapping, merged, relations).summary()}")
    merged = cluster_pairs(
        [(s.claim_a, s.claim_b) for s in links if s.relation == DUPLICATE and s.score >= APPLY_THRESHOLD]
    )
    score = score_pairs(mapping, merged, relations)
    print(f"dedupe --apply (threshold {APPLY_THRESHOLD}): {score.summary()}")
    for a, b in score.wrong:
        print(
            f"  merged, not a gold duplicate ({comparisons[(a, b)].score:.2f}): {dicts[a]['text'][:50]!r} ~ {dicts[b]['text'][:50]!r}"
        )
    for ga, gb in score.missed:
        pair = tuple(sorted((mapping.get(ga, -1), mapping.get(gb, -1))))
        found = comparisons.get(pair)
        detail = f"{found.score:.2f} {found.relation} {', '.join(found.reasons)}" if found else "not extracted"
        print(f"  missed {ga}-{gb}: {detail}")


if __name__ == "__main__":
    main()
