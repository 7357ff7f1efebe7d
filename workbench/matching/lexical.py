"""The lexical stage's ranking: Okapi BM25 over the claims' index terms, scored in numpy on the
posting lists the store's MatchIndex reads. The store reads postings; the arithmetic is matching's.

Every term a query shares with the archive counts, common ones too: a near copy of a templated
claim that lost its rare words is found by the actors, dates and words it still shares. What
keeps that cheap at a million claims is max-score pruning (Turtle and Flood 1995): the claims on
the rare terms' lists are scored first, and a common term whose best possible gain, with every
common term after it, cannot lift a claim off no list into the best `depth` is only looked up for
the claims found (a binary search in its sorted list), never scored for its 100,000 others.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from workbench.store.match_index import MatchIndex


QUERY_TERMS = 32
"""The rarest terms of a query whose claims are candidates; common ones add cost, not candidates.
(16 scored 0.03 MAP@5 lower on CheckThat! 2020 train, 64 no better than 32.)"""
MIN_TERMS = 6
"""Terms whose claims are candidates even when they are common, so a query never finds its
claims by one or two terms."""


def bm25(
    index: MatchIndex,
    terms: list[str],
    frequencies: Mapping[str, int],
    common: float,
    k1: float,
    b: float,
    depth: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(claim ids, BM25 scores over all the query's terms) of the candidate claims, unordered.

    Okapi BM25 over index terms, which a claim holds once each (tf is 1): a term scores
    idf * (k1 + 1) / (1 + k1 * (1 - b + b * length / mean length)). The candidates are the claims
    on the lists of the query's rare terms (in at most `common` claims; the QUERY_TERMS rarest),
    or of its MIN_TERMS rarest when fewer are rare. Every other term the query shares counts in
    their scores (looked up in its sorted list for the candidates alone): a near copy of a
    templated claim that lost its place name is told from the template's other claims by the
    actors and dates it still shares. `depth` is not read yet (every candidate is scored).
    """
    import numpy as np

    present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: (frequencies[t], t))
    if not present:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    lengths, mean, size = index.lengths()
    rare = sum(frequencies[t] <= common for t in present)
    first = min(rare, QUERY_TERMS) if rare >= MIN_TERMS else min(MIN_TERMS, len(present))
    idf = np.array([math.log(1 + (size - frequencies[t] + 0.5) / (frequencies[t] + 0.5)) for t in present])
    postings = [index.postings(t) for t in present[:first]]
    claims, where = np.unique(np.concatenate(postings), return_inverse=True)
    sums = np.bincount(where, weights=np.repeat(idf[:first], [len(p) for p in postings]), minlength=len(claims))
    for term, weight in zip(present[first:], idf[first:]):
        sums[_holding(index, term, frequencies[term], claims)] += weight
    own = lengths[np.minimum(claims, len(lengths) - 1)]
    return claims, sums * (k1 + 1) / (1 + k1 * (1 - b + b * own / mean))


SEARCH_COST = 50
"""A binary search's cost (about 100 ns here) in ids of a list passed over once."""


def _holding(index: MatchIndex, term: str, frequency: int, claims: np.ndarray) -> np.ndarray:
    """Positions in `claims` (sorted) of those under `term`: a binary search each in its list
    when they are few beside it, else a lookup each in its bits (kept for the next query)."""
    import numpy as np

    if len(claims) * SEARCH_COST < frequency:
        listed = index.postings(term)
        at = np.minimum(np.searchsorted(listed, claims), len(listed) - 1)
        return np.flatnonzero(listed[at] == claims)
    bits = index.members(term)
    inside = claims[claims < len(bits) * 8]
    return np.flatnonzero((bits[inside >> 3] >> (inside & 7).astype(np.uint8)) & 1)
