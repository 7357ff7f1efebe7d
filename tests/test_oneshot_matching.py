"""`match` and `match -` read no vector matrix and no whole vocabulary, and find what a session that
loads both finds: the same claims, in the same order, with the same relations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.matching.embedding import default_embedder
from workbench.matching.engine import FEW_QUERIES, Matcher, query_features
from workbench.matching.retrieval import VectorIndex
from workbench.nlp.query_analysis import query_draft
from workbench.service import Workbench
from workbench.store import vectors as vectors_module

ROWS = [
    ("El Banco Central subió los tipos de interés medio punto para frenar la inflación", "es"),
    ("La sequía obligó a racionar el agua en doce municipios de Cataluña", "es"),
    ("El gobierno aprobó un subsidio para las familias con hijos menores de tres años", "es"),
    ("Corea del Norte lanzó dos misiles balísticos hacia el mar de Japón", "es"),
    ("Rusia derribó 12 drones ucranianos sobre Moscú el lunes", "es"),
    ("Japón protestó por el lanzamiento de un misil norcoreano", "es"),
    ("A new bridge over the river opened to traffic after six years of works", "en"),
    ("The football club sacked its coach after five defeats in a row", "en"),
    ("Scientists found microplastics in the snow of Mount Everest", "en"),
    ("North Korea fired a ballistic missile into the Sea of Japan", "en"),
    ("Ukraine said it shot down 20 Russian drones over Kyiv", "en"),
    ("The central bank kept interest rates on hold at 4 percent", "en"),
]
QUERIES = [
    "The central bank raised interest rates by half a point",
    "Pyongyang disparó dos misiles hacia Japón",
    "drones derribados sobre Moscú",
    "a drought forced water rationing in Catalonia",
    "el puente nuevo abrió al tráfico",
]


def archive(tmp_path: Path) -> Workbench:
    lines = ["text,date,language"] + [
        f'"{text}",2024-0{1 + i % 9}-1{i % 10},{lang}' for i, (text, lang) in enumerate(ROWS)
    ]
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.import_claims_csv("\n".join(lines) + "\n", "archive.csv")
    return workbench


def test_nearest_in_one_pass_is_the_matrix_top_across_chunks_and_ties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbench = archive(tmp_path)
    rng = np.random.default_rng(3)
    with workbench.store() as store:
        ids = store.claims.claim_ids()
        rows = rng.standard_normal((len(ids), 16)).astype(np.float32)
        rows[5] = rows[2]  # a tie: the older claim comes first
        rows[9] = rows[2]
        with store.transaction():
            store.vectors.put("test-model", ids, rows)
        monkeypatch.setattr(vectors_module, "READ_CHUNK", 5)  # several reads, a short last one,
        monkeypatch.setattr(vectors_module, "STREAM_CHUNK", 7)  # and the best kept after every read
        queries = rng.standard_normal((4, 16)).astype(np.float32)
        queries[0] = rows[2] / np.linalg.norm(rows[2])
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        index = VectorIndex(*store.vectors.listed("test-model"))
        found, seen = store.vectors.nearest("test-model", queries, 4)
    assert seen == len(ids)
    for query, (found_ids, found_scores) in zip(queries, found):
        want_ids, want_scores, _ = index.search(query, 4, set(), [])
        assert found_ids.tolist() == want_ids.tolist()
        assert np.allclose(found_scores, want_scores, atol=1e-6)
    assert found[0][0][:3].tolist() == [ids[2], ids[5], ids[9]]


def session_matches(workbench: Workbench, texts: list[str], limit: int) -> list[list[tuple[int, str | None]]]:
    """What a session that loads the matrix and the vocabulary (the TUI's way) finds, query by query."""
    from workbench.service import resolve_language

    with workbench.store() as store:
        matcher = Matcher(store, workbench.embedder())
        found = []
        for text in texts:
            language = resolve_language("auto", text, workbench.settings.languages)
            (vector,) = matcher.query_vectors([text])
            query = query_features(text, [query_draft(text, language)], language, None)
            found.append([(m.claim, m.relation) for m in matcher.match(query, limit, vector=vector)])
        assert matcher._vectors is not None  # the matrix path, for comparison
        return found


@pytest.mark.slow
@pytest.mark.parametrize("copies", [1, FEW_QUERIES + 1], ids=["few queries", "many queries"])
def test_match_many_finds_what_a_session_with_the_matrix_finds(tmp_path: Path, copies: int) -> None:
    assert default_embedder() is not None
    workbench = archive(tmp_path)
    assert workbench.index_vectors() == len(ROWS)
    texts = (QUERIES * copies)[: max(len(QUERIES), copies)]
    got = [[(m.claim, m.relation) for m in matches] for matches in workbench.match_many(texts, 5)]
    assert got == session_matches(workbench, texts, 5)
    assert any(matches for matches in got)


def test_without_vectors_match_many_ranks_as_the_session_does(tmp_path: Path) -> None:
    """Claims not embedded yet (an archive before `index`): lexical ranks stand for both stages."""
    workbench = archive(tmp_path)
    got = [[(m.claim, m.relation) for m in matches] for matches in workbench.match_many(QUERIES, 5)]
    assert got == session_matches(workbench, QUERIES, 5)
    assert got[1], "the missile query shares terms with the missile claims"


def test_a_failure_in_the_embedding_thread_reaches_the_caller(tmp_path: Path) -> None:
    """The thread that embeds the queries and scans the vectors opens its own store: when that
    fails (the database went away), the match fails with the store's own error, not silently."""
    from workbench.errors import NotFound
    from workbench.usecases.finding import QueryEmbedding

    gone = Workbench(tmp_path / "missing.db", actor="tester")
    embedding = QueryEmbedding(gone.settings, ["Corea del Norte lanzó dos misiles", "  "], gone.store, 5)
    with pytest.raises(NotFound):
        embedding.result()
    assert default_embedder() is not None


def test_vectors_of_some_claims_are_their_matrix_rows_across_chunks(tmp_path: Path, monkeypatch) -> None:
    """ClaimVectors.of reads a chunk of ids at a time as one BLOB: each claim gets its own row of
    the session's matrix, claims without a vector none, and ids over several chunks all theirs."""
    workbench = archive(tmp_path)
    rng = np.random.default_rng(5)
    with workbench.store() as store:
        ids = store.claims.claim_ids()
        rows = rng.standard_normal((len(ids), 8)).astype(np.float32)
        with store.transaction():
            store.vectors.put("test-model", ids[1:], rows[1:])
        matrix_ids, matrix = store.vectors.matrix("test-model")
        expected = dict(zip(matrix_ids.tolist(), matrix))
        monkeypatch.setattr(vectors_module, "CHUNK", 3)
        found = store.vectors.of("test-model", list(reversed(ids)))
    assert sorted(found) == sorted(ids[1:])
    for claim_id, row in found.items():
        assert np.array_equal(row, expected[claim_id])
