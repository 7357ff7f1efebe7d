"""Hybrid retrieval: stored vectors, `workbench index`, BM25 over index terms, semantic off.

Real SQLite files in temp folders and the real embedding model; the claims are our own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.helpers import assert_clean_failure, assert_ok, invoke, write
from workbench.config import Settings, settings_from_dict
from workbench.errors import InvalidInput
from workbench.matching.embedding import default_embedder
from workbench.matching.lexical import bm25
from workbench.service import Workbench
from workbench.store.vectors import decode, encode

ARCHIVE = """text,date,language
"El Banco Central subió los tipos de interés medio punto para frenar la inflación",2024-03-14,es
"La sequía obligó a racionar el agua en doce municipios de Cataluña",2024-02-01,es
"El gobierno aprobó un subsidio para las familias con hijos menores de tres años",2024-01-20,es
"A new bridge over the river opened to traffic after six years of works",2024-05-02,en
"The football club sacked its coach after five defeats in a row",2024-04-11,en
"Scientists found microplastics in the snow of Mount Everest",2023-11-20,en
"""
QUERY = "The central bank raised interest rates by half a point to curb inflation"


def archive_workbench(tmp_path: Path, settings: Settings | None = None) -> Workbench:
    workbench = Workbench(tmp_path / "claims.db", actor="tester", settings=settings)
    workbench.import_claims_csv(ARCHIVE, "archive.csv")
    return workbench


def vector_count(workbench: Workbench) -> int:
    with workbench.store() as store:
        return store.vectors.count(default_embedder().name)


def test_an_archive_import_leaves_vectors_to_index_and_an_english_query_then_finds_the_spanish_claim(
    tmp_path: Path,
) -> None:
    workbench = archive_workbench(tmp_path)
    assert vector_count(workbench) == 0
    assert workbench.index_vectors() == 6
    assert vector_count(workbench) == 6
    found = workbench.match(QUERY, limit=3, language="en")
    assert found[0].text.startswith("El Banco Central subió")
    assert workbench.index_vectors() == 0  # nothing left to embed


def test_index_resumes_where_it_stopped(tmp_path: Path) -> None:
    workbench = archive_workbench(tmp_path)
    seen: list[int] = []

    def stop_after_first_batch(done: int, total: int) -> None:
        seen.append(done)
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        workbench.index_vectors(batch=4, progress=stop_after_first_batch)
    assert vector_count(workbench) == 4  # the first batch was committed
    assert workbench.index_vectors(batch=4) == 2


def test_with_semantic_matching_off_matching_is_lexical_and_index_refuses(tmp_path: Path) -> None:
    workbench = archive_workbench(tmp_path, Settings(semantic=False))
    found = workbench.match("Microplastics found in Everest snow", limit=2, language="en")
    assert found[0].text.startswith("Scientists found microplastics")
    with pytest.raises(InvalidInput):
        workbench.index_vectors()
    assert vector_count(workbench) == 0


def test_before_index_runs_matching_finds_claims_by_their_terms(tmp_path: Path) -> None:
    workbench = archive_workbench(tmp_path)
    found = workbench.match("football club sacked its coach", limit=6, language="en")
    assert found[0].text.startswith("The football club sacked")
    assert len(found) < 6  # only claims sharing a term: no vectors yet to find the others


def test_a_claim_whose_text_changes_loses_its_vector_until_index_runs_again(tmp_path: Path) -> None:
    workbench = archive_workbench(tmp_path)
    workbench.index_vectors()
    with workbench.store() as store:
        target = next(c for c in store.claims.rows() if c.text.startswith("The football club"))
    workbench.edit_claim(target.id, "The football club sacked its coach after six defeats in a row")
    with workbench.store() as store:
        assert [c for c, _ in store.vectors.pending(default_embedder().name, 10)] == [target.id]
    assert workbench.index_vectors() == 1


def test_an_article_is_embedded_at_import(workbench: Workbench) -> None:
    from workbench.models import ArticleInput

    text = "El Banco Central subió los tipos de interés medio punto.\n\nLa inflación bajó al tres por ciento en marzo."
    (result,) = workbench.import_articles([ArticleInput(text, "Tipos", "es", published="2024-03-14")])
    assert vector_count(workbench) == result.claim_count > 0


def test_int8_vectors_keep_the_cosine() -> None:
    rows = default_embedder().passages(["La sequía obligó a racionar el agua.", "Drought forced water rationing."])
    back = decode(*encode(rows))
    assert back.dtype == np.float32
    assert np.allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)
    assert abs(float(back[0] @ back[1]) - float(rows[0] @ rows[1])) < 0.005


def test_bm25_ranks_the_rarer_shared_term_and_the_shorter_claim_first(tmp_path: Path) -> None:
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.ensure_database()
    texts = [f"common filler{i}" for i in range(20)] + ["common rare", "common rare padding more words here"]
    with workbench.store() as store:
        from workbench.models import ArticleInput, ClaimDraft

        claims = [ClaimDraft(0, len(t), t, "event", True, 0.5) for t in texts]
        _, ids = store.articles.insert_article(ArticleInput("\n".join(texts), "T", "en"), "h", claims)
        store.index.add((claim_id, 1, text.split()) for claim_id, text in zip(ids, texts))
        frequencies = store.index.all_document_frequencies()
        found, scores = bm25(store.index, ["common", "rare"], frequencies, 1000, 1.2, 0.75)
    score = dict(zip(found.tolist(), scores.tolist()))
    short, long = ids[-2], ids[-1]
    assert score[short] > score[long] > score[ids[0]]
    assert len(score) == len(texts)  # every claim shares "common"


def test_the_matching_setting_is_read_from_the_settings_file() -> None:
    assert settings_from_dict({"matching": {"semantic": False}}, "w.toml").semantic is False
    assert settings_from_dict({}, "w.toml").semantic is True
    with pytest.raises(InvalidInput):
        settings_from_dict({"matching": {"semantic": "no"}}, "w.toml")


def test_the_index_command_embeds_and_draws_no_progress_when_stderr_is_no_terminal(tmp_path: Path) -> None:
    archive = write(tmp_path / "archive.csv", ARCHIVE)
    db = tmp_path / "claims.db"
    assert_ok(invoke("import", archive, "--format", "claims-csv", "--db", db))
    result = invoke("index", "--db", db)
    assert_ok(result)
    assert result.stdout.strip() == "Embedded 6 claims"
    assert result.stderr == ""  # the bar is for a terminal (tests/test_progress.py); a log stays clean
    assert invoke("index", "--db", db).stdout.strip() == "Every claim has its vector already"


def test_the_index_command_refuses_when_semantic_matching_is_off(tmp_path: Path) -> None:
    archive = write(tmp_path / "archive.csv", ARCHIVE)
    settings = write(tmp_path / "workbench.toml", "[matching]\nsemantic = false\n")
    db = tmp_path / "claims.db"
    env = {"WORKBENCH_SETTINGS": str(settings)}
    assert_ok(invoke("import", archive, "--format", "claims-csv", "--db", db, env=env))
    assert_clean_failure(invoke("index", "--db", db, env=env), InvalidInput.exit_code)


def test_a_query_of_common_words_keeps_enough_of_them_to_find_its_claim(tmp_path: Path) -> None:
    """A near copy that lost its one rare word shares only common ones with its claim: scored on
    its four rarest alone, shorter claims holding those four would outrank it."""
    from workbench.matching.retrieval import top
    from workbench.models import ArticleInput, ClaimDraft

    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.ensure_database()
    texts = ["alfa bravo charlie delta"] * 3 + [f"echo foxtrot filler{i}" for i in range(6)]
    texts.append("alfa bravo charlie delta echo foxtrot")
    with workbench.store() as store:
        claims = [ClaimDraft(0, len(t), t, "event", True, 0.5) for t in texts]
        _, ids = store.articles.insert_article(ArticleInput("\n".join(texts), "T", "en"), "h", claims)
        store.index.add((claim_id, 1, text.split()) for claim_id, text in zip(ids, texts))
        frequencies = store.index.all_document_frequencies()
        query = "alfa bravo charlie delta echo foxtrot".split()
        ranked = top(*bm25(store.index, query, frequencies, 1, 0.9, 0.5), 3, set())[0].tolist()
    assert ranked[0] == ids[-1]


def test_a_query_of_common_words_is_told_from_its_templates_by_its_other_common_words(tmp_path: Path) -> None:
    """Every word of the query is common and its six rarest are shared by shorter claims of one
    template: scored on those six alone the source ranks behind them (the recall@10 lost at a
    million synthetic claims); its other two words tell it apart."""
    from workbench.matching.retrieval import top
    from workbench.models import ArticleInput, ClaimDraft

    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.ensure_database()
    template = "alfa bravo charlie delta echo foxtrot"
    texts = [template] * 3 + [f"golf hotel filler{i}" for i in range(5)] + [f"{template} golf hotel"]
    with workbench.store() as store:
        claims = [ClaimDraft(0, len(t), t, "event", True, 0.5) for t in texts]
        _, ids = store.articles.insert_article(ArticleInput("\n".join(texts), "T", "en"), "h", claims)
        store.index.add((claim_id, 1, text.split()) for claim_id, text in zip(ids, texts))
        frequencies = store.index.all_document_frequencies()
        query = f"{template} golf hotel".split()
        ranked = top(*bm25(store.index, query, frequencies, 1, 0.9, 0.5), 3, set())[0].tolist()
    assert ranked[0] == ids[-1]
