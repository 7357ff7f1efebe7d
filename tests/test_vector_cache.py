"""The vector cache that training and the benchmarks share keeps every writer's rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workbench.train import save_vector_cache


def _stored(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as stored:
        return dict(zip(stored["keys"].tolist(), stored["vectors"]))


def test_a_writer_that_read_the_cache_earlier_keeps_the_rows_written_since(tmp_path: Path) -> None:
    path = tmp_path / "model.passage.npz"
    first = {"a": np.ones(4, dtype=np.float32)}
    late = {"b": np.full(4, 2.0, dtype=np.float32)}  # loaded before "a" was saved
    save_vector_cache(path, first)
    save_vector_cache(path, late)
    rows = _stored(path)
    assert sorted(rows) == ["a", "b"]
    assert rows["a"].tolist() == [1.0] * 4 and rows["b"].tolist() == [2.0] * 4
    assert not list(tmp_path.glob("*.partial.npz"))


def test_a_writer_keeps_its_own_row_where_the_file_holds_another(tmp_path: Path) -> None:
    path = tmp_path / "model.passage.npz"
    save_vector_cache(path, {"a": np.zeros(2, dtype=np.float32)})
    save_vector_cache(path, {"a": np.ones(2, dtype=np.float32)})
    assert _stored(path)["a"].tolist() == [1.0, 1.0]
