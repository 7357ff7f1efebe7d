"""Inverted lists of the stored vectors (IVF): k-means centroids, each vector filed under its nearest
one, and a query scored exactly against the vectors of its few nearest lists only.

Why this and not a graph index (hnswlib, usearch) or faiss: the lists are one integer column beside
each stored vector and one row of centroids, so they live in claims.db, change in the same
transaction as the vectors (a new vector is filed as it is stored, a deleted one leaves with its
row) and need no second file kept in step with the database; a one-shot `match` reads only the
rows of the lists it probes. A graph index would be a blob rewritten whole on every import or a
file beside claims.db. The vectors stay int8 and every shortlisted vector is rescored exactly, so
the only approximation is which lists are probed.

Pure numpy, no SQL: the store (workbench/store/vectors.py) keeps the columns, matching
(workbench/matching/retrieval.py) keeps a session's rows in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LISTS_FROM = 50_000
"""Below this many vectors of a model, matching stays exact, every row rescored: a pass over 10,000
int8 rows took 23 ms p50 on two busy cores (benchmarks/vector_lists.py), so below 50,000 it stays
within a match's budget, and the lists' loss of recall buys nothing there."""
PROBES = 32
"""Lists a query's vectors are read from: its PROBES nearest centroids, 3 % of the rows at a million
claims. On the CheckThat! 2020 claims' real e5 vectors with its 997 train and dev tweets as
queries (benchmarks/vector_lists.py), recall@10 of the exact neighbours was 0.912 with the 102
lists of their 10,375 vectors (24: 0.867, 48: 0.965), and 0.670 with 1,000 lists of 10 vectors
each, the share one probe reads at a million claims (128: 0.889): a pessimistic stand-in, as a
list of 10 vectors has a poor centroid, but the real figure at a million lies between the two.
On random vectors (no clusters to find) it is 0.13 at a million; a query there reads 32,000
rows, 12 ms on two busy cores where the exact pass took 490 ms."""
SAMPLE_PER_LIST = 40
"""Vectors k-means is trained on, per list: enough for stable centroids at a fraction of the cost
of training on all of them."""
ITERATIONS = 10
RETRAIN_GROWTH = 2.0
"""The lists are trained again once the model's vectors outgrow this many times those they were
trained on: their number follows the archive's size, and new kinds of claims get centroids."""
ASSIGN_CHUNK = 8_192
"""Vectors compared with every centroid at a time when they are filed (memory: chunk x lists floats)."""


FEW_QUERIES = 16
"""Up to this many query rows, scores are computed by numpy's own loops (einsum), not BLAS: a
threaded BLAS product of a few thousand rows with one query took 25 ms on two busy cores where
einsum takes 0.3 ms (its threads wait for each other); with many queries BLAS is the faster."""


def scores(rows: np.ndarray, queries: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """rows @ queries.T for float32 rows and query rows (one query may be a 1-d vector)."""
    import numpy as np

    found: np.ndarray
    if queries.ndim == 1:
        found = np.einsum("ij,j->i", rows, queries, out=out)
    elif len(queries) <= FEW_QUERIES:
        found = np.einsum("ij,kj->ik", rows, queries, out=out)
    else:
        found = np.matmul(rows, queries.T, out=out)
    return found


def list_count(vectors: int) -> int:
    """How many lists for this many vectors: about their square root (1,000 at a million), the
    usual balance of centroids scored against vectors read per probe."""
    return max(1, int(round(vectors**0.5)))


def unit_rows(components: np.ndarray) -> np.ndarray:
    """int8 rows as float32 unit rows (the direction is all a cosine needs)."""
    import numpy as np

    rows = components.astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
    norms[norms == 0] = 1.0
    rows *= (1.0 / norms)[:, None]
    return rows


def inverse_norms(components: np.ndarray) -> np.ndarray:
    """1 / the length of each int8 row (1 for a zero row), computed a chunk at a time so no float
    copy of all the rows is ever made."""
    import numpy as np

    out = np.empty(len(components), dtype=np.float32)
    for start in range(0, len(components), ASSIGN_CHUNK):
        chunk = components[start : start + ASSIGN_CHUNK].astype(np.float32)
        norms = np.sqrt(np.einsum("ij,ij->i", chunk, chunk))
        norms[norms == 0] = 1.0
        out[start : start + len(chunk)] = 1.0 / norms
    return out


def train(sample: np.ndarray, lists: int, seed: int = 0) -> np.ndarray:
    """Spherical k-means centroids (unit float32 rows) of unit float32 sample rows: each vector
    goes to the centroid of the highest cosine, each centroid becomes its vectors' normalised mean.
    A list left empty takes the sample vector its centroid serves worst, so none stays unused."""
    import numpy as np

    rng = np.random.default_rng(seed)
    lists = min(lists, len(sample))
    centroids = sample[rng.choice(len(sample), lists, replace=False)].copy()
    for _ in range(ITERATIONS):
        nearest, best = _nearest(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, sample)
        sizes = np.bincount(nearest, minlength=lists)
        empty = np.flatnonzero(sizes == 0)
        if len(empty):
            worst = np.argsort(best)[: len(empty)]
            sums[empty] = sample[worst]
        norms = np.linalg.norm(sums, axis=1)
        norms[norms == 0] = 1.0
        centroids = (sums / norms[:, None]).astype(np.float32)
    return centroids


def assign(centroids: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The list (nearest centroid) of each row (float or int8: the scale does not change the argmax)."""
    return _nearest(rows, centroids)[0]


def _nearest(rows: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    found = np.empty(len(rows), dtype=np.int64)
    best = np.empty(len(rows), dtype=np.float32)
    for start in range(0, len(rows), ASSIGN_CHUNK):
        chunk = np.asarray(rows[start : start + ASSIGN_CHUNK], dtype=np.float32)
        scores = chunk @ centroids.T
        found[start : start + len(chunk)] = scores.argmax(axis=1)
        best[start : start + len(chunk)] = scores.max(axis=1)
    return found, best


def probes(centroids: np.ndarray, queries: np.ndarray, count: int | None = None) -> np.ndarray:
    """The `count` (PROBES) lists nearest each query row (queries x count list numbers)."""
    import numpy as np

    count = PROBES if count is None else count
    near = scores(centroids, np.asarray(queries, dtype=np.float32).reshape(-1, centroids.shape[1])).T
    count = min(count, len(centroids))
    if count == len(centroids):
        return np.tile(np.arange(len(centroids)), (len(near), 1))
    return np.argpartition(-near, count - 1, axis=1)[:, :count]


def probed(centroids: np.ndarray, queries: np.ndarray, count: int | None = None) -> np.ndarray:
    """A (queries x lists + 1) mask of the lists each query reads; the last column is the vectors
    filed under no list yet (stored before the lists were trained, or since they were trained
    again), which every query reads, so nothing stored is ever out of reach."""
    import numpy as np

    chosen = probes(centroids, queries, count)
    mask = np.zeros((len(chosen), len(centroids) + 1), dtype=bool)
    np.put_along_axis(mask, chosen, True, axis=1)
    mask[:, -1] = True
    return mask
