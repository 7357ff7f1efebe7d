"""The vectors' inverted lists (workbench/store/vector_lists.py): `index` builds them once an archive
is large, resumably; they stay right as claims are added, edited and deleted; a session and a
one-shot query find the same nearest claims through them; and probing every list is the exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.matching.retrieval import VectorIndex
from workbench.service import Workbench
from workbench.store import Store, vector_lists
from workbench.store import vectors as vectors_module
from workbench.store.vectors import decode, encode
from workbench.usecases.finding import index_lists

MODEL = "test-model"
DIM = 16
CLAIMS = 240


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbench:
    """An archive of CLAIMS claims, each with a vector near one of 12 directions (real vectors
    cluster by topic, which the lists use); lists from 100 vectors on, 4 of them probed."""
    monkeypatch.setattr(vector_lists, "LISTS_FROM", 100)
    monkeypatch.setattr(vector_lists, "PROBES", 4)
    lines = ["text,date,language"] + [
        f"Claim {i} says the figure was {i * 7} units,2024-01-0{1 + i % 9},en" for i in range(CLAIMS)
    ]
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.import_claims_csv("\n".join(lines) + "\n", "archive.csv")
    with workbench.store() as store:
        ids = store.claims.claim_ids()
        with store.transaction():
            store.vectors.put(MODEL, ids, clustered(len(ids), seed=1))
    return workbench


def clustered(count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).standard_normal((12, DIM))
    rows = centres[rng.integers(0, 12, count)] + 0.35 * rng.standard_normal((count, DIM))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def exact(store: Store, query: np.ndarray, count: int) -> list[int]:
    """The exact nearest claims, from the stored rows decoded as float (the reference)."""
    ids, _, rows, _ = store.vectors.listed(MODEL)
    cosines = decode(rows, np.ones(len(rows), dtype=np.float32)) @ query
    order = np.lexsort((ids, -cosines))[:count]
    return ids[order].tolist()


def session_nearest(store: Store, query: np.ndarray, count: int) -> list[int]:
    index = VectorIndex(*store.vectors.listed(MODEL))
    found, _, _ = index.search(query, count, set(), [])
    return found.tolist()


def one_shot_nearest(store: Store, queries: np.ndarray, count: int) -> list[list[int]]:
    found, _ = store.vectors.nearest(MODEL, queries, count)
    return [ids.tolist() for ids, _ in found]


def test_a_small_archive_gets_no_lists_and_a_large_one_files_every_vector(archive: Workbench) -> None:
    with archive.store() as store:
        assert store.vectors.lists(MODEL) is None
        assert index_lists(store, MODEL) == CLAIMS
        lists = store.vectors.lists(MODEL)
        assert lists is not None and len(lists.centroids) == vector_lists.list_count(CLAIMS)
        assert store.vectors.unfiled_count(MODEL) == 0
        assert index_lists(store, MODEL) == 0  # nothing left to do, nothing trained again
        assert store.vectors.lists(MODEL).generation == lists.generation  # type: ignore[union-attr]
    small = Workbench(archive.db_path.with_name("small.db"), actor="tester")
    small.import_claims_csv("text,language\nOne claim of a small archive,en\n", "small.csv")
    with small.store() as store:
        with store.transaction():
            store.vectors.put(MODEL, store.claims.claim_ids(), clustered(1, seed=2))
        assert index_lists(store, MODEL) == 0
        assert store.vectors.lists(MODEL) is None


def test_session_and_one_shot_find_the_same_claims_through_the_lists(
    archive: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = clustered(6, seed=3)
    with archive.store() as store:
        index_lists(store, MODEL)
        monkeypatch.setattr(vectors_module, "READ_CHUNK", 7)  # several reads per list
        monkeypatch.setattr(vectors_module, "STREAM_CHUNK", 11)  # and the best kept often
        one_by_one = [one_shot_nearest(store, q[None, :], 10)[0] for q in queries]
        together = one_shot_nearest(store, queries, 10)  # six queries probe most lists: one full pass
        session = [session_nearest(store, q, 10) for q in queries]
        monkeypatch.setattr(vector_lists, "PROBES", 10_000)  # every list probed: the exact search
        everything = [session_nearest(store, q, 10) for q in queries]
        references = [exact(store, q, 10) for q in queries]
    assert one_by_one == together == session
    assert everything == references
    overlap = [len(set(a) & set(b)) for a, b in zip(session, references)]
    assert sum(overlap) >= 0.8 * 10 * len(queries)  # clustered vectors: 4 of 15 lists find most


def test_added_edited_and_deleted_claims_stay_right(archive: Workbench) -> None:
    with archive.store() as store:
        index_lists(store, MODEL)
        ids = store.claims.claim_ids()
    new = archive.import_claims_csv("text,language\nA claim stored after the lists were trained,en\n", "late.csv")
    with archive.store() as store:
        (added,) = [c.id for c in store.claims.rows(article_id=new.article_id)]
        vector = clustered(1, seed=9)
        with store.transaction():
            store.vectors.put(MODEL, [added], vector)
        (filed,) = store.db.execute("SELECT list_id FROM claim_vectors WHERE claim_id = ?", [added]).fetchone()
        assert filed is not None  # filed as it was stored
        query = decode(*encode(vector))[0]
        assert session_nearest(store, query, 1) == one_shot_nearest(store, query[None, :], 1)[0] == [added]
        with store.transaction():
            store.index.remove([added])  # what an edit of its text does: the vector goes
        assert added not in session_nearest(store, query, 50)
        assert added not in one_shot_nearest(store, query[None, :], 50)[0]
    gone = ids[0]
    with archive.store() as store:
        own = store.vectors.of(MODEL, [gone])[gone]
        assert session_nearest(store, own, 1) == [gone]
        store.edits.remove_claim(gone, "test")  # a claim deleted: its vector row goes with it
        assert gone not in session_nearest(store, own, 50)
        assert gone not in one_shot_nearest(store, own[None, :], 50)[0]


def test_training_again_is_resumable_and_unfiled_vectors_are_always_read(
    archive: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    with archive.store() as store:
        index_lists(store, MODEL)
        first = store.vectors.lists(MODEL)
        assert first is not None
        # the archive outgrows its lists: they are trained again, and the run is stopped early
        monkeypatch.setattr(vector_lists, "RETRAIN_GROWTH", 0.5)
        monkeypatch.setattr("workbench.usecases.finding.FILE_BATCH", 50)
        stopped = StopAfter(2)
        with pytest.raises(Stopped):
            index_lists(store, MODEL, stopped)
        second = store.vectors.lists(MODEL)
        assert second is not None and second.generation == first.generation + 1
        unfiled = store.vectors.unfiled_count(MODEL)
        assert 0 < unfiled < CLAIMS
        # meanwhile every unfiled vector is read by every query: each one finds itself first
        ids, filed, rows, _ = store.vectors.listed(MODEL)
        for position in np.flatnonzero(filed < 0)[:5].tolist():
            own = decode(rows[position : position + 1], np.ones(1, dtype=np.float32))[0]
            assert session_nearest(store, own, 1) == one_shot_nearest(store, own[None, :], 1)[0] == [ids[position]]
        monkeypatch.setattr(vector_lists, "RETRAIN_GROWTH", 2.0)
        assert index_lists(store, MODEL) == unfiled  # goes on where it stopped
        assert store.vectors.unfiled_count(MODEL) == 0
        assert store.vectors.lists(MODEL).generation == second.generation  # type: ignore[union-attr]


class Stopped(Exception):
    pass


class StopAfter:
    """A progress callback that stops the run after `batches` batches (as the TUI's does on quit)."""

    def __init__(self, batches: int):
        self.left = batches + 1  # the first call reports the start

    def __call__(self, done: int, total: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise Stopped


def test_the_index_command_files_a_large_archives_vectors_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers import assert_ok, invoke, write
    from workbench.matching.embedding import E5_NAME, default_embedder

    if default_embedder() is None:
        pytest.skip("the embedding model cannot run here")
    monkeypatch.setattr(vector_lists, "LISTS_FROM", 8)
    rows = "\n".join(f"The council approved {i} new bus lines for district {i % 3},en" for i in range(12))
    archive = write(tmp_path / "archive.csv", "text,language\n" + rows + "\n")
    db = tmp_path / "claims.db"
    assert_ok(invoke("import", archive, "--format", "claims-csv", "--db", db))
    result = invoke("index", "--db", db)
    assert_ok(result)
    assert result.stdout.strip().splitlines() == [
        "Embedded 12 claims",
        "Filed 12 vectors under their lists for fast matching",
    ]
    again = invoke("index", "--db", db)
    assert again.stdout.strip() == "Every claim has its vector already"  # nothing trained or filed again
    with Workbench(db).store() as store:
        assert store.vectors.unfiled_count(E5_NAME) == 0
        lists = store.vectors.lists(E5_NAME)
        assert lists is not None and len(lists.centroids) == vector_lists.list_count(12)
