"""From pairwise comparisons to the links a reviewer is shown.

A claim duplicates at most one claim of any other source: when several claims of one
article look like the same proposition, only the closest is suggested as its duplicate
and the rest as related. Claims of the same article are never duplicates of each other;
each row of an archive is a source of its own (see store.claims.source_groups).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workbench.matching.compare import CONFLICT, DUPLICATE, NEAR_MISS, RELATED, Comparison, Idf


@dataclass(frozen=True)
class Suggestion:
    claim_a: int
    claim_b: int
    relation: str
    score: float


class _Idf(dict[str, float]):
    """Term -> smoothed inverse document frequency, each computed once when first asked for:
    reranking asks for the same terms thousands of times. Called like a function (an Idf)."""

    def __init__(self, document_frequency: Mapping[str, int], documents: int):
        super().__init__()
        self.document_frequency = document_frequency
        self.documents = documents

    def __missing__(self, term: str) -> float:
        self[term] = found = math.log((self.documents + 1) / (self.document_frequency.get(term, 0) + 1)) + 1
        return found

    __call__ = dict.__getitem__


def idf_from_counts(document_frequency: Mapping[str, int], documents: int) -> Idf:
    """Smoothed inverse document frequency; unseen terms weigh most."""
    return _Idf(document_frequency, documents)


def suggestions(comparisons: Mapping[tuple[int, int], Comparison], article_of: Mapping[int, int]) -> list[Suggestion]:
    """Links to suggest, with duplicates made one-to-one between articles."""
    taken: set[tuple[int, int]] = set()
    """(claim, other article) pairs already given a duplicate."""
    found = []
    for (a, b), comparison in sorted(comparisons.items(), key=lambda item: -item[1].score):
        relation = comparison.relation
        if relation is None:
            continue
        if relation == DUPLICATE:
            same_article = article_of[a] == article_of[b]
            if same_article or (a, article_of[b]) in taken or (b, article_of[a]) in taken:
                relation = RELATED
            else:
                taken |= {(a, article_of[b]), (b, article_of[a])}
        found.append(Suggestion(min(a, b), max(a, b), relation, comparison.score))
    return found


def capped_within_source(found: list[Suggestion], source_of: Mapping[int, int], most: int) -> list[Suggestion]:
    """The suggestions with each claim's `most` best links to claims of its own source (its article).

    A claim of an article that repeats itself (a live blog's recaps, a text pasted over and over)
    found a link to each of its copies: 140 copies made some 50 links per claim and a quarter of a
    million in one article, noise to whoever reviews it. A reviewer needs to see that the article
    repeats or contradicts itself, not every instance, so each claim picks its `most` best:
    conflicts and near-misses (the article says 30 here and 31 there) before related ones, then
    by score, and among equally good ones a pair already kept, else the partner with fewest links,
    so copies spread their links rather than all naming the first copy. A pair either claim picks
    is kept: at most `most` links per claim of the article on average, and every claim keeps its
    best. Links to other sources, the matches a fact-checker imports for, are all kept; an
    ordinary article has one or two links within itself per claim, under any sensible `most`."""
    within = [s for s in found if source_of.get(s.claim_a) == source_of.get(s.claim_b)]
    if not within:
        return found

    def rank(s: Suggestion) -> tuple[bool, float]:
        return (s.relation == RELATED, -s.score)

    offered: dict[int, list[Suggestion]] = {}
    for s in sorted(within, key=rank):
        offered.setdefault(s.claim_a, []).append(s)
        offered.setdefault(s.claim_b, []).append(s)
    if all(len(mine) <= most for mine in offered.values()):
        return found
    kept: set[tuple[int, int]] = set()
    links: Counter[int] = Counter()
    for claim in sorted(offered):
        mine = offered[claim]
        picked = 0
        while picked < most and mine:
            best = rank(mine[0])
            tied = [s for s in mine if rank(s) == best]
            for s in sorted(
                tied, key=lambda s: ((s.claim_a, s.claim_b) not in kept, links[s.claim_a + s.claim_b - claim])
            ):
                if picked == most:
                    break
                picked += 1
                if (s.claim_a, s.claim_b) not in kept:
                    kept.add((s.claim_a, s.claim_b))
                    links[s.claim_a] += 1
                    links[s.claim_b] += 1
            mine = mine[len(tied) :]
    return [s for s in found if source_of.get(s.claim_a) != source_of.get(s.claim_b) or (s.claim_a, s.claim_b) in kept]


def confirmed_clusters(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Claim -> canonical claim (the earliest) of each cluster confirmed duplicates form."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


def confirm_greedily(
    candidates: Iterable[Suggestion],
    compatible: Callable[[int, int], bool],
    source_of: Mapping[int, int],
    confirmed: Iterable[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Duplicate suggestions to confirm, best score first, such that clusters cannot chain.

    A suggestion joins two clusters (or a claim to one) only when every claim of the one is
    `compatible` with every claim of the other (a duplicate by the relation decision: not a
    near-miss, a conflict, a rejected pair, or merely related) and no source would hold two
    claims of the cluster. Clusters already `confirmed` are the starting point; a suggestion
    that fails stays a suggestion for a reviewer to decide.
    """
    members: dict[int, set[int]] = {}
    cluster_of: dict[int, int] = {}
    for claim, canonical in confirmed_clusters(confirmed).items():
        members.setdefault(canonical, set()).add(claim)
        cluster_of[claim] = canonical

    def cluster(x: int) -> set[int]:
        return members[cluster_of[x]] if x in cluster_of else {x}

    taken = []
    for suggestion in sorted(candidates, key=lambda s: (-s.score, s.claim_a, s.claim_b)):
        a, b = suggestion.claim_a, suggestion.claim_b
        left, right = cluster(a), cluster(b)
        if left is right or a in right:
            continue
        if ({source_of.get(x) for x in left} & {source_of.get(y) for y in right}) - {None}:
            continue
        if not all(compatible(x, y) for x in left for y in right):
            continue
        joined = left | right
        canonical = min(joined)
        for stale in {cluster_of.get(a), cluster_of.get(b)}:
            if stale is not None:
                members.pop(stale, None)
        members[canonical] = joined
        cluster_of.update(dict.fromkeys(joined, canonical))
        taken.append(suggestion)
    return taken


def duplicate_clusters(store: Any) -> dict[int, int]:  # noqa: ANN401 - workbench.store.Store
    """Claim -> the canonical claim (the earliest) of its confirmed duplicate cluster."""
    return confirmed_clusters(store.links.confirmed_duplicate_pairs())


def matched_count(made: list[Suggestion], claim_ids: list[int]) -> int:
    """How many of the new claims were linked to a claim stored before them."""
    own = set(claim_ids)
    return len({c for s in made for c in (s.claim_a, s.claim_b) if c in own and not {s.claim_a, s.claim_b} <= own})


__all__ = [
    "CONFLICT",
    "DUPLICATE",
    "NEAR_MISS",
    "RELATED",
    "Suggestion",
    "confirm_greedily",
    "confirmed_clusters",
    "duplicate_clusters",
    "idf_from_counts",
    "matched_count",
    "suggestions",
]
