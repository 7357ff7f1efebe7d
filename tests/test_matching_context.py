"""An archived claim's headline as its context (claims-csv `title`, ClaimReview `name`), and the
learned rerank of the fused candidates.

Real SQLite files in temp folders; the claims and headlines are our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.config import Settings
from workbench.matching import rerank
from workbench.matching.features import ClaimFeatures
from workbench.matching.retrieval import Retrieved
from workbench.service import Workbench

ARCHIVE = """text,language,title
"A photo shows a shark swimming on a flooded highway after the storm",en,Highway Shark Picture Is a Hoax
"The city council voted to close three public libraries next year",en,Libraries Closing Vote
"A vaccine campaign reached every school in the region by March",en,
"""
"""The first claim's headline says "hoax", which the claim itself never says."""


def lexical(tmp_path: Path) -> Workbench:
    workbench = Workbench(tmp_path / "claims.db", actor="tester", settings=Settings(semantic=False))
    workbench.import_claims_csv(ARCHIVE, "archive.csv")
    return workbench


def claim_id(workbench: Workbench, start: str) -> int:
    with workbench.store() as store:
        return next(c.id for c in store.claims.rows() if c.text.startswith(start))


def test_a_rows_title_is_stored_as_context_and_found_by_its_words(tmp_path: Path) -> None:
    workbench = lexical(tmp_path)
    shark = claim_id(workbench, "A photo shows a shark")
    with workbench.store() as store:
        assert store.index.contexts([shark]) == {shark: "Highway Shark Picture Is a Hoax"}
        assert len(store.index.contexts([c.id for c in store.claims.rows()])) == 2  # the third row has no title
    found = workbench.match("that picture is a hoax", limit=3, language="en")
    assert found and found[0].claim == shark


def test_the_passage_to_embed_carries_the_context_before_the_text(tmp_path: Path) -> None:
    workbench = lexical(tmp_path)
    shark = claim_id(workbench, "A photo shows a shark")
    with workbench.store() as store:
        passages = dict(store.vectors.pending("any-model", 10))
    assert (
        passages[shark]
        == "Highway Shark Picture Is a Hoax. A photo shows a shark swimming on a flooded highway after the storm"
    )
    assert passages[claim_id(workbench, "A vaccine")].startswith("A vaccine campaign")


def test_an_edited_claim_keeps_its_context_and_is_still_found_by_it(tmp_path: Path) -> None:
    workbench = lexical(tmp_path)
    shark = claim_id(workbench, "A photo shows a shark")
    workbench.edit_claim(shark, "A photo shows a shark swimming on a flooded road after the hurricane")
    with workbench.store() as store:
        assert store.index.contexts([shark]) == {shark: "Highway Shark Picture Is a Hoax"}
    found = workbench.match("that picture is a hoax", limit=3, language="en")
    assert found and found[0].claim == shark


def test_removing_a_claim_forgets_its_context(tmp_path: Path) -> None:
    workbench = lexical(tmp_path)
    libraries = claim_id(workbench, "The city council")
    with workbench.store() as store:
        store.edits.remove_claim(libraries, "merge")  # as a merge or an undone split removes one
        assert store.index.contexts([libraries]) == {}


def test_a_claimreview_name_becomes_the_claims_context(tmp_path: Path) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/tunnel",
        "name": "No, the tunnel was not built by aliens",
        "claimReviewed": "The old railway tunnel under the hill dates from 1870",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    workbench = Workbench(tmp_path / "claims.db", actor="tester", settings=Settings(semantic=False))
    workbench.import_claimreview(json.dumps(review), "reviews.jsonld")
    tunnel = claim_id(workbench, "The old railway tunnel")
    with workbench.store() as store:
        assert store.index.contexts([tunnel]) == {tunnel: "No, the tunnel was not built by aliens"}


def _features(claim: int, stems: tuple[str, ...]) -> ClaimFeatures:
    return ClaimFeatures(claim, " ".join(stems), "en", stems, frozenset(), None, None)


@pytest.mark.parametrize("weights", [rerank.WEIGHTS, rerank.CLAIMS_WEIGHTS])
def test_each_shipped_rerank_puts_the_claim_both_stages_agree_on_first(weights: Path) -> None:
    model = rerank.load(weights)
    assert model is not None and set(model.features) <= set(rerank.FEATURES)
    query = _features(0, ("shark", "highway", "flood"))
    read = {1: _features(1, ("council", "librari")), 2: _features(2, ("shark", "highway", "flood", "storm"))}
    idf = {"shark": 6.0, "highway": 4.0, "flood": 3.0}
    # fused order puts claim 1 first; claim 2 is nearer by cosine and shares every query word
    found = [Retrieved(1, 1.0, 1.0, 0.80, 1, 2, 9.0), Retrieved(2, 0.9, 0.2, 0.93, 2, 1, 1.8)]
    assert [r.claim for r, _ in rerank.rerank(found, query, read, model, idf)] == [2, 1]
    assert [r.claim for r, _ in rerank.rerank(found, query, read, None, idf)] == [1, 2]


def test_the_fused_order_stands_while_a_candidate_has_no_vector_yet() -> None:
    model = rerank.load(rerank.CLAIMS_WEIGHTS)
    query = _features(0, ("shark", "highway", "flood"))
    read = {
        1: _features(1, ("shark", "highway", "flood")),
        2: _features(2, ("shark", "beach")),
        3: _features(3, ("council", "librari")),
    }
    idf = {"shark": 6.0, "highway": 4.0, "flood": 3.0}
    # claim 1 (an archive row not embedded yet) shares every word; 2 and 3 were embedded at import
    found = [
        Retrieved(1, 1.0, 1.0, None, 1, None, 13.0),
        Retrieved(2, 0.9, 0.4, 0.93, 2, 1, 6.0),
        Retrieved(3, 0.5, 0.0, 0.70, None, 2, 0.0),
    ]
    assert [r.claim for r, _ in rerank.rerank(found, query, read, model, idf)] == [1, 2, 3]


def test_a_candidate_sharing_the_rare_term_holds_more_of_the_querys_idf_than_one_sharing_common_ones() -> None:
    query = _features(0, ("volcano", "erupt", "island", "today"))
    read = {1: _features(1, ("volcano", "ash")), 2: _features(2, ("island", "today", "erupt"))}
    idf = {"volcano": 7.0, "erupt": 1.0, "island": 1.0, "today": 1.0}
    found = [Retrieved(1, 1.0, 1.0, 0.9, 1, 1, 7.0), Retrieved(2, 0.5, 0.4, 0.8, 2, 2, 3.0)]
    rows = rerank.candidate_rows(found, query, read, idf, ("rare_shared", "stems_shared", "fused_rank", "cosine_z"))
    assert rows[0][0] == pytest.approx(0.7) and rows[1][0] == pytest.approx(0.3)  # one rare word outweighs three
    assert rows[0][1] < rows[1][1]  # as counted words, the other way round
    assert [r[2] for r in rows] == [1.0, 0.5]
    assert [r[3] for r in rows] == pytest.approx([1.0, -1.0])  # a spread above and below their mean


def test_a_model_naming_a_feature_this_release_does_not_compute_is_ignored(tmp_path: Path) -> None:
    stale = json.loads(rerank.WEIGHTS.read_text(encoding="utf-8")) | {"features": ["fused", "gone"]}
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    assert rerank.load(path) is None


def test_an_archive_with_contexts_and_one_without_each_get_their_own_rerank(tmp_path: Path) -> None:
    from workbench.matching.engine import Matcher

    with lexical(tmp_path).store() as store:
        assert Matcher(store)._rerank_model() == rerank.load(rerank.WEIGHTS)
    plain = Workbench(tmp_path / "plain.db", actor="tester", settings=Settings(semantic=False))
    plain.import_claims_csv("text,language\nThe bridge reopened after six years of works,en\n", "plain.csv")
    with plain.store() as store:
        found = Matcher(store)._rerank_model()
        assert found is not None and found == rerank.load(rerank.CLAIMS_WEIGHTS) != rerank.load(rerank.WEIGHTS)
