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
    """(claim ids, BM25 scores over all the query's terms) of the candidate claims, unordered:
    all of them, or with `depth` those that can be among the best `depth` (their scores exact).

    Okapi BM25 over index terms, which a claim holds once each (tf is 1): a term scores
    idf * (k1 + 1) / (1 + k1 * (1 - b + b * length / mean length)). The candidates are the claims
    on the lists of the query's rare terms (in at most `common` claims; the QUERY_TERMS rarest),
    or of its MIN_TERMS rarest when fewer are rare. Every other term the query shares counts in
    their scores (looked up for the candidates alone): a near copy of a templated claim that lost
    its place name is told from the template's other claims by the actors and dates it still
    shares. Before each common term is looked up, a candidate that could not reach the best
    `depth` even if it held every term still to come is dropped (max-score pruning): a query of
    common words has 100,000 candidates at a million claims, and most hold one of its terms.
    """
    import numpy as np

    present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: (frequencies[t], t))
    if not present:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    lengths, mean, size = index.lengths()
    rare = sum(frequencies[t] <= common for t in present)
    first = min(rare, QUERY_TERMS) if rare >= MIN_TERMS else min(MIN_TERMS, len(present))
    idf = np.array([math.log(1 + (size - frequencies[t] + 0.5) / (frequencies[t] + 0.5)) for t in present])
    claims, sums = _idf_sums([index.postings(t) for t in present[:first]], idf[:first], len(lengths))
    gain = _gains(lengths, mean, k1, b)[np.minimum(claims, len(lengths) - 1)]
    common_terms = list(zip(present[first:], idf[first:]))
    floor = _floor(index, common_terms, claims, sums, gain, depth) if depth is not None else 0.0
    candidates = _Candidates(claims, sums, gain, floor)
    still = float(idf[first:].sum())
    for term, weight in common_terms:
        if depth is not None and floor and len(candidates.claims) > PRUNE_FROM * depth:
            candidates.prune(still)
        candidates.add(index.members(term), weight)
        still -= weight
    return candidates.claims.astype(np.int64), candidates.sums * candidates.gain


class _Candidates:
    """The candidates of a query as the common terms are added: their idf sums, gains, and what
    each still lacks to reach the floor (the least score of the best `depth` there will be)."""

    def __init__(self, claims: np.ndarray, sums: np.ndarray, gain: np.ndarray, floor: float):
        import numpy as np

        self.claims, self.sums, self.gain = claims, sums, gain
        self.lacking = floor * (1 - 1e-9) / gain - sums
        self.byte = claims >> 3
        self.bit = np.left_shift(1, claims & 7).astype(np.uint8)

    def prune(self, still: float) -> None:
        """Drop the candidates that lack more than the idf still to come (max-score pruning),
        when they are a fifth of them or more (fewer are not worth the copies)."""
        import numpy as np

        keep = np.flatnonzero(self.lacking <= still)
        if len(keep) <= 0.8 * len(self.claims):
            for name in ("claims", "sums", "gain", "lacking", "byte", "bit"):
                setattr(self, name, getattr(self, name)[keep])

    def add(self, bits: np.ndarray, weight: float) -> None:
        """Add a common term's idf to the candidates under it (its bits by claim id: one lookup
        each, where a binary search each in its list cost about 100 ns)."""
        import numpy as np

        held = (bits[self.byte] & self.bit) != 0
        np.add(self.sums, weight, out=self.sums, where=held)
        np.subtract(self.lacking, weight, out=self.lacking, where=held)


PRUNE_FROM = 4
"""Candidates, in multiples of the depth asked, from which pruning them pays for its cost."""


def _floor(
    index: MatchIndex,
    common_terms: list[tuple[str, float]],
    claims: np.ndarray,
    sums: np.ndarray,
    gain: np.ndarray,
    depth: int,
) -> float:
    """A score the best `depth` candidates reach: the `depth`-th best final score of the
    PRUNE_FROM * depth best on the rare terms alone (0 when there are too few to prune). A
    candidate whose score can not reach it, every common term's idf added, can be dropped."""
    import numpy as np

    sample = PRUNE_FROM * depth
    if not common_terms or len(claims) <= sample:
        return 0.0
    best = np.argpartition(-(sums * gain), sample - 1)[:sample]
    final = sums[best].copy()
    for term, weight in common_terms:
        final[_held(index, term, claims[best])] += weight
    scores = final * gain[best]
    return float(np.partition(scores, sample - depth)[sample - depth])


_GAINS_KEPT: list[tuple[np.ndarray, tuple[float, float, float], np.ndarray]] = []


def _gains(lengths: np.ndarray, mean: float, k1: float, b: float) -> np.ndarray:
    """(k1 + 1) / (1 + k1 * (1 - b + b * length / mean)) of every claim, by claim id: what an
    idf is multiplied by in its score. Kept for the last lengths array (the index reads one a
    session), so a query gathers its candidates' instead of reckoning them."""
    import numpy as np

    for kept, constants, gains in _GAINS_KEPT:
        if kept is lengths and constants == (mean, k1, b):
            return gains
    gains = (k1 + 1) / (1 + k1 * (1 - b + b * lengths.astype(np.float64) / mean))  # float64: prune compares exactly
    _GAINS_KEPT[:] = [(lengths, (mean, k1, b), gains)]
    return gains


TERM_BITS = 5
"""Bits of a candidate key that say which of the (at most QUERY_TERMS) candidate terms it is."""


def _idf_sums(postings: list[np.ndarray], idf: np.ndarray, ids: int) -> tuple[np.ndarray, np.ndarray]:
    """(the claims on any of the lists, sorted; the sum of the idf of the lists each is on).
    Each claim id is keyed with its list's number in the low bits and the keys sorted at once:
    sorting int32 keys took half the time of numpy.unique over the int64 ids."""
    import numpy as np

    kind = np.int64 if ids << TERM_BITS >= np.iinfo(np.int32).max else np.int32
    keys = np.concatenate([np.left_shift(p.astype(kind), TERM_BITS) | j for j, p in enumerate(postings)])
    keys.sort()
    claims = keys >> TERM_BITS
    starts = np.flatnonzero(np.concatenate([[True], claims[1:] != claims[:-1]]))
    return claims[starts], np.add.reduceat(idf[keys & (2**TERM_BITS - 1)], starts)


def _held(index: MatchIndex, term: str, claims: np.ndarray) -> np.ndarray:
    """A mask of the claims under a common term, by its bits (kept by the index for the next
    query, where most common terms come back; reading a list of 200,000 ids again for each
    query to search it cost more)."""
    import numpy as np

    bits = index.members(term)
    return np.asarray((bits[claims >> 3] & np.left_shift(1, claims & 7).astype(np.uint8)) != 0)
