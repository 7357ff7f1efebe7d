"""The lexical stage's ranking: Okapi BM25 over the claims' index terms, scored in numpy on the
posting lists the store's MatchIndex reads. The store reads postings; the arithmetic is matching's.

Only the query's rarer terms count (QUERY_TERMS, or its MIN_TERMS rarest): counting its common
terms too in the candidates' scores (with max-score pruning to keep it cheap) found every
synthetic near copy at a million claims, but scored CheckThat! 2020 dev MAP@5 0.887 against 0.901
(train 0.883 against 0.880), so the dev split chose rare terms alone. A query with fewer rare
terms than MIN_TERMS is the exception: all its words are common, its candidates come from common
lists already, and its MIN_TERMS rarest tie thousands of a template's claims, so the best of them
are scored on its other terms too (RESCORED).
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
RESCORED = 300
"""Candidates of a query of common words (fewer rare terms than MIN_TERMS) scored on its other
terms too, the best on its MIN_TERMS rarest: at a million synthetic claims a near copy's source
ranked 11th to 42nd on those six alone, behind shorter claims of its template (recall@10 0.985);
each added term costs a binary search per candidate in that term's sorted list."""


def bm25(
    index: MatchIndex,
    terms: list[str],
    frequencies: Mapping[str, int],
    common: float,
    k1: float,
    b: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(claim ids, BM25 scores) of the candidate claims, unordered.

    Okapi BM25 over index terms, which a claim holds once each (tf is 1): a term scores
    idf * (k1 + 1) / (1 + k1 * (1 - b + b * length / mean length)). The candidates, and the
    terms scored, are the query's rare terms (in at most `common` claims; the QUERY_TERMS
    rarest), or its MIN_TERMS rarest when fewer are rare: a near copy of a templated claim that
    lost its one place name is found by the words it still shares, and then the RESCORED best
    are scored on the query's other terms too (up to QUERY_TERMS), which tell the template's
    claims apart.
    """
    import numpy as np

    present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: (frequencies[t], t))
    if not present:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    lengths, mean, size = index.lengths()
    rare = sum(frequencies[t] <= common for t in present)
    first = min(rare, QUERY_TERMS) if rare >= MIN_TERMS else min(MIN_TERMS, len(present))
    scored = present[:first] if rare >= MIN_TERMS else present[:QUERY_TERMS]
    idf = np.array([term_idf(frequencies[t], size) for t in scored])
    claims, sums = _idf_sums([index.postings(t) for t in scored[:first]], idf[:first], len(lengths))
    gain = _gains(lengths, mean, k1, b)[np.minimum(claims, len(lengths) - 1)]
    scores = sums * gain
    if len(scored) > first:
        _rescore(index, claims, scores, gain, scored[first:], idf[first:])
    return claims.astype(np.int64), scores


def term_idf(frequency: int, size: int) -> float:
    """BM25's idf of a term held by `frequency` of `size` claims."""
    return math.log(1 + (size - frequency + 0.5) / (frequency + 0.5))


def idf(terms: list[str], frequencies: Mapping[str, int], size: int) -> dict[str, float]:
    """BM25's idf of each of these terms found in the archive (absent ones are left out)."""
    return {t: term_idf(frequencies[t], size) for t in dict.fromkeys(terms) if frequencies.get(t)}


def _rescore(
    index: MatchIndex, claims: np.ndarray, scores: np.ndarray, gain: np.ndarray, terms: list[str], idf: np.ndarray
) -> None:
    """Add to the RESCORED best scores the gain of each of `terms` their claims hold, in place.
    Every claim not rescored scores at most the least rescored one did before, so the best
    `depth` (at most RESCORED) are still the best of all."""
    import numpy as np

    best = np.argpartition(-scores, RESCORED - 1)[:RESCORED] if len(scores) > RESCORED else np.arange(len(scores))
    chosen = claims[best]
    added = np.zeros(len(best))
    for term, weight in zip(terms, idf):
        listed = index.postings(term)
        if not len(listed):  # every claim under it changed since the lists were folded
            continue
        at = np.minimum(np.searchsorted(listed, chosen), len(listed) - 1)
        added += weight * (listed[at] == chosen)
    scores[best] += added * gain[best]


_GAINS_KEPT: list[tuple[np.ndarray, tuple[float, float, float], np.ndarray]] = []


def _gains(lengths: np.ndarray, mean: float, k1: float, b: float) -> np.ndarray:
    """(k1 + 1) / (1 + k1 * (1 - b + b * length / mean)) of every claim, by claim id: what an
    idf is multiplied by in its score. Kept for the last lengths array (the index reads one a
    session), so a query gathers its candidates' instead of reckoning them."""
    import numpy as np

    for kept, constants, gains in _GAINS_KEPT:
        if kept is lengths and constants == (mean, k1, b):
            return gains
    gains = (k1 + 1) / (1 + k1 * (1 - b + b * lengths.astype(np.float64) / mean))
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
