"""The lexical stage's ranking: Okapi BM25 over the claims' index terms, scored in numpy on the
posting lists the store's MatchIndex reads. The store reads postings; the arithmetic is matching's."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from workbench.store.match_index import MatchIndex

QUERY_TERMS = 32
"""The rarest terms of a query whose posting lists are read; common ones add cost, not candidates.
(16 scored 0.03 MAP@5 lower on CheckThat! 2020 train, 64 no better than 32.)"""
MIN_TERMS = 6
"""Terms a query keeps even when they are common, so it is never scored on one or two terms."""


def bm25(
    index: MatchIndex,
    terms: list[str],
    frequencies: Mapping[str, int],
    common: float,
    k1: float,
    b: float,
    every_length: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """(claim ids, BM25 scores) of every claim sharing a term with the query, unordered.

    Okapi BM25 over index terms, which a claim holds once each (tf is 1): a term scores
    idf * (k1 + 1) / (1 + k1 * (1 - b + b * length / mean length)). Terms in more than
    `common` claims are left out when MIN_TERMS rarer ones are there (their idf is small, their
    posting lists long); the QUERY_TERMS rarest of the rest are read, one posting list each.
    A query with fewer rare terms keeps its MIN_TERMS rarest, common or not: a near copy of a
    templated claim that lost its one place name is found by the words it still shares.
    every_length=False (a one-shot match) reads the lengths of the claims found, not of all.
    """
    import numpy as np

    present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: (frequencies[t], t))
    if not present:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    rare = [t for t in present if frequencies[t] <= common][:QUERY_TERMS]
    chosen = rare if len(rare) >= MIN_TERMS else present[: max(MIN_TERMS, len(rare))]
    postings = [index.postings(t) for t in chosen]
    ids = np.concatenate(postings)
    if not len(ids):
        return ids, np.empty(0, dtype=np.float64)
    if every_length or index.lengths_read():
        lengths, mean, size = index.lengths()
        own = lengths[np.minimum(ids, len(lengths) - 1)]
    else:
        mean, size = index.length_stats()
        own = index.lengths_of(ids)
    idf = [math.log(1 + (size - frequencies[t] + 0.5) / (frequencies[t] + 0.5)) for t in chosen]
    weights = np.repeat(idf, [len(p) for p in postings])
    gains = weights * (k1 + 1) / (1 + k1 * (1 - b + b * own / mean))
    claims, where = np.unique(ids, return_inverse=True)
    return claims, np.bincount(where, weights=gains)
