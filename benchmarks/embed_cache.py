"""Embeddings cached in /tmp, keyed by model name and text hash: the CheckThat! claims take
minutes to embed on a busy machine, and a rerun of a benchmark should not pay for them again."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from workbench.matching.embedding import Embedder

CACHE_DIR = Path(os.environ.get("WORKBENCH_EMBED_CACHE", "/tmp/workbench-embed-cache"))
SAVE_EVERY = 256


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """An Embedder that remembers every row it computed, one file per model and side."""

    def __init__(self, inner: Embedder, directory: Path = CACHE_DIR):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.directory = directory
        self._rows: dict[str, dict[str, np.ndarray]] = {}

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._cached("passage", texts, self.inner.passages)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._cached("query", texts, self.inner.queries)

    def _path(self, side: str) -> Path:
        return self.directory / f"{self.name}.{side}.npz"

    def _load(self, side: str) -> dict[str, np.ndarray]:
        import numpy as np

        if side not in self._rows:
            rows: dict[str, np.ndarray] = {}
            if self._path(side).exists():
                with np.load(self._path(side)) as stored:
                    rows = dict(zip(stored["keys"].tolist(), stored["vectors"]))
            self._rows[side] = rows
        return self._rows[side]

    def _save(self, side: str) -> None:
        from workbench.train import save_vector_cache

        save_vector_cache(self._path(side), self._rows[side])

    def _cached(self, side: str, texts: Sequence[str], compute) -> np.ndarray:  # noqa: ANN001
        import numpy as np

        rows = self._load(side)
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in rows))
        if missing:
            text_of = dict(zip(keys, texts))
            for i in range(0, len(missing), SAVE_EVERY):
                chunk = missing[i : i + SAVE_EVERY]
                rows.update(zip(chunk, compute([text_of[k] for k in chunk])))
                self._save(side)
        if not keys:
            return np.empty((0, self.dim), dtype=np.float32)
        return np.stack([rows[k] for k in keys]).astype(np.float32)
