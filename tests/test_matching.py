"""Matching: pairwise relations, one-to-one duplicates, the gold pairs, and the CLI end to end."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.gold import SEED_ARTICLES, cluster_pairs, gold_ids, score_pairs
from tests.conftest import SEEDS
from tests.helpers import assert_clean_failure, assert_ok, export_json, invoke
from workbench.errors import NotFound
from workbench.matching.compare import APPLY_THRESHOLD, CONFLICT, DUPLICATE, RELATED, Comparison, Weights, compare
from workbench.matching.features import ClaimFeatures, features
from workbench.matching.links import confirmed_clusters, idf_from_counts, suggestions
from workbench.models import ClaimDraft, EntityDraft, Figure
from workbench.service import Workbench

NOT_FOUND, INVALID = 3, 4


def claim(claim_id: int, text: str, *, figures=(), dates=(), entities=(), claimant=None, published="2023-09-13"):
    draft = ClaimDraft(
        0,
        len(text),
        text,
        "event",
        True,
        0.5,
        claimant_canonical=claimant,
        entities=tuple(EntityDraft(e, "LOC", e, 0, 0) for e in entities),
        figures=tuple(Figure(*f) for f in figures),
        dates=tuple(dates),
    )
    return features(claim_id, draft, "es", published)


def flat_idf(*claims: ClaimFeatures) -> Weights:
    return Weights(idf_from_counts(Counter(t for c in claims for t in set(c.terms())), len(claims)))


def test_one_missile_against_two_is_a_conflict():
    seoul = claim(
        1,
        "Corea del Norte disparó un misil balístico",
        figures=[(1, "misil", "=", False)],
        entities=["North Korea"],
        claimant="South Korea Joint Chiefs of Staff",
    )
    tokyo = claim(
        2, "Tokio mencionó el lanzamiento de dos misiles balísticos", figures=[(2, "misiles")], claimant="Japan"
    )
    result = compare(seoul, tokyo, flat_idf(seoul, tokyo))
    assert result.relation == CONFLICT
    assert any("1 vs 2 missile" in reason for reason in result.reasons)


def test_the_same_words_about_another_year_are_a_different_event():
    earlier = claim(1, "Kim llegó a Vladivostok en su tren blindado", dates=["2019-04-24"], entities=["Kim Jong-un"])
    later = claim(2, "Kim llegó a Vladivostok en su tren blindado", dates=["2023-09-12"], entities=["Kim Jong-un"])
    assert compare(earlier, later, flat_idf(earlier, later)).relation == RELATED


def test_articles_years_apart_are_different_events_without_stated_dates():
    earlier = claim(1, "Kim llegó a Rusia en su tren blindado", published="2019-04-24")
    later = claim(2, "Kim llegó a Rusia en su tren blindado", published="2023-09-12")
    assert compare(earlier, later, flat_idf(earlier, later)).relation != DUPLICATE


def test_the_same_proposition_in_other_words_is_a_duplicate():
    one = claim(1, "Durante unas dos horas sostuvieron conversaciones oficiales", figures=[(2, "horas", "~")])
    other = claim(
        2,
        "las conversaciones oficiales duraron alrededor de dos horas",
        figures=[(2, "horas", "~")],
        published="2023-09-14",
    )
    unrelated = claim(3, "Beijing sigue siendo el principal apoyo de Pyongyang", entities=["China", "North Korea"])
    idf = flat_idf(one, other, unrelated)
    assert compare(one, other, idf).relation == DUPLICATE
    assert compare(one, unrelated, idf).relation is None


def test_a_claim_duplicates_at_most_one_claim_of_another_article():
    comparisons = {
        (1, 10): Comparison(0.8, DUPLICATE),
        (1, 11): Comparison(0.7, DUPLICATE),
        (2, 3): Comparison(0.9, DUPLICATE),
    }
    made = {(s.claim_a, s.claim_b): s.relation for s in suggestions(comparisons, {1: 1, 2: 1, 3: 1, 10: 2, 11: 2})}
    assert made == {(1, 10): DUPLICATE, (1, 11): RELATED, (2, 3): RELATED}


def test_clusters_take_the_earliest_claim_as_canonical():
    assert confirmed_clusters([(5, 9), (9, 2), (7, 8)]) == {2: 2, 5: 2, 9: 2, 7: 7, 8: 7}


@pytest.mark.slow
def test_gold_pairs_after_dedupe_apply(seeded: Workbench):
    """The issue's bar: precision >= 0.9, recall >= 0.8, every conflict flagged and none merged."""
    from benchmarks.matching import gold_claims

    _, dicts, mapping = gold_claims(SEED_ARTICLES)
    made, confirmed = seeded.dedupe(apply=True)
    # gold_claims() numbers claims in extraction order across both articles; so does the seeded store.
    ids = [c.id for c in seeded.claims()]
    assert len(ids) == len(dicts)
    position = {claim_id: i for i, claim_id in enumerate(ids)}
    merged = cluster_pairs([(position[c.claim_a], position[c.claim_b]) for c in confirmed])
    relations = {tuple(sorted((position[s.claim_a], position[s.claim_b]))): s.relation for s in made}
    score = score_pairs(mapping, merged, relations, gold_ids(list(SEED_ARTICLES)))
    assert score.precision >= 0.9, score.wrong
    assert score.recall >= 0.8, score.missed
    assert score.conflicts_flagged == score.conflicts == 4
    assert score.conflicts_merged == 0


@pytest.mark.slow
def test_import_matches_new_claims_and_export_fills_links(tmp_path: Path):
    db = tmp_path / "claims.db"
    first = invoke(
        "import", SEEDS / "000_d71bd0366741339f.txt", "--published", "2023-09-13", "--lang", "es", "--db", db
    )
    assert_ok(first)
    assert "0 matching earlier claims" in first.stdout
    second = invoke("import", SEEDS / "d1-cumbre-vostochni.es.txt", "--published", "2023-09-14", "--db", db)
    assert_ok(second)
    assert int(second.stdout.split("claims, ")[1].split(" matching")[0]) >= 8
    assert_ok(invoke("dedupe", "--apply", "--db", db))
    document = export_json(db)
    second_claims = document["articles"][1]["claims"]
    assert sum(1 for c in second_claims if c["duplicate_of"]) >= 8
    assert all(c["links"] for c in second_claims if c["duplicate_of"])


@pytest.mark.slow
def test_dedupe_twice_changes_nothing(seeded: Workbench):
    seeded.dedupe(apply=True)
    with seeded.store() as store:
        before = store.all_links()
    seeded.dedupe(apply=True)
    with seeded.store() as store:
        assert store.all_links() == before


@pytest.mark.slow
def test_a_rejected_pair_is_not_confirmed_again(seeded: Workbench):
    made, confirmed = seeded.dedupe(apply=False)
    top = max((s for s in made if s.relation == DUPLICATE), key=lambda s: s.score)
    assert top.score >= APPLY_THRESHOLD
    seeded.set_link(top.claim_a, top.claim_b, "rejected")
    _, confirmed = seeded.dedupe(apply=True)
    assert (top.claim_a, top.claim_b) not in {(c.claim_a, c.claim_b) for c in confirmed}
    with seeded.store() as store:
        [link] = [row for row in store.all_links() if (row["claim_a"], row["claim_b"]) == (top.claim_a, top.claim_b)]
    assert link["state"] == "rejected"


@pytest.mark.slow
def test_a_member_inherits_the_canonical_verdict_until_it_has_its_own(seeded: Workbench):
    _, confirmed = seeded.dedupe(apply=True)
    canonical, member = confirmed[0].claim_a, confirmed[0].claim_b
    seeded.add_verdict(canonical, "Mostly true", "Both outlets agree.")
    review = seeded.review(member)
    assert (review.canonical, review.inherited_verdict["rating"]) == (canonical, "Mostly true")
    seeded.add_verdict(member, "Half true")
    review = seeded.review(member)
    assert review.inherited_verdict is None and review.verdicts[-1]["rating"] == "Half true"


@pytest.mark.slow
def test_match_ranks_the_same_fact_first(seeded: Workbench):
    [best, *_] = seeded.match("Tokio habló del lanzamiento de dos misiles balísticos", limit=3)
    assert "Tokio mencionó" in best.text and best.relation == DUPLICATE


@pytest.mark.slow
def test_match_meets_a_spanish_claim_from_english(seeded: Workbench):
    [best, *_] = seeded.match("Kim Jong Un arrived in Russia aboard his armoured train.", limit=3, language="en")
    assert "tren blindado" in best.text


@pytest.mark.slow
def test_match_dash_prints_one_json_line_per_query(seeded: Workbench):
    queries = ["Pyongyang lanzó un misil balístico", "", "Putin dijo que ayudará con satélites"]
    result = invoke("match", "-", "--limit", "2", "--db", seeded.db_path, input="\n".join(queries) + "\n")
    assert_ok(result)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == queries
    assert lines[1]["matches"] == []
    assert set(lines[0]["matches"][0]) == {"claim", "text", "score", "relation"}


def test_match_on_a_missing_database_is_not_found(db_path: Path):
    assert_clean_failure(invoke("match", "misil", "--db", db_path), NOT_FOUND)


@pytest.mark.slow
def test_link_commands_refuse_unknown_claims_and_self_links(seeded: Workbench):
    assert_clean_failure(invoke("link", "confirm", "1", "99999", "--db", seeded.db_path), NOT_FOUND)
    assert_clean_failure(invoke("link", "reject", "3", "3", "--db", seeded.db_path), INVALID)
    assert_clean_failure(invoke("link", "confirm", "1", "2", "--as", "same", "--db", seeded.db_path), INVALID)
    with pytest.raises(NotFound):
        seeded.review(99999)


@pytest.mark.parametrize("text", ["Seúl y Pyongyang", "Пхеньян, 北京 — «dos» ½ misiles", "plain ASCII, no accents"])
def test_fold_transliterates_as_unidecode_does(text: str) -> None:
    from unidecode import unidecode

    from workbench.matching.terms import fold

    assert fold(text) == " ".join(re.findall(r"[a-z0-9]+", unidecode(text).casefold()))


def test_stored_index_terms_give_back_the_stems() -> None:
    from workbench.matching.features import features
    from workbench.models import ClaimDraft, EntityDraft, Figure

    draft = ClaimDraft(
        0,
        60,
        "Corea del Norte disparó dos misiles el 13 de septiembre de 2023 desde Corea",
        "quantity",
        True,
        0.5,
        entities=(EntityDraft("Corea del Norte", "LOC", "North Korea", 0, 15),),
        dates=("2023-09-13",),
        figures=(Figure(2, "misiles"),),
    )
    found = features(1, draft, "es", None)
    assert features(1, draft, "es", None, found.terms()) == found
