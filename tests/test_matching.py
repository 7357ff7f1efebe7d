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
from workbench.errors import Conflict, NotFound
from workbench.matching.compare import (
    CONFLICT,
    DUPLICATE,
    NEAR_MISS,
    RELATED,
    Comparison,
    Weights,
    apply_threshold,
    compare,
    model,
)
from workbench.matching.features import ClaimFeatures, features
from workbench.matching.links import (
    Suggestion,
    confirm_greedily,
    confirmed_clusters,
    duplicate_clusters,
    idf_from_counts,
    suggestions,
)
from workbench.models import ArticleInput, ClaimDraft, EntityDraft, Figure
from workbench.service import Workbench

NOT_FOUND, INVALID = 3, 4


def claim(
    claim_id: int,
    text: str,
    *,
    figures=(),
    dates=(),
    entities=(),
    claimant=None,
    published="2023-09-13",
    language="es",
):
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
    return features(claim_id, draft, language, published)


BACKGROUND = ("El gobierno aprobó el presupuesto anual", "La selección ganó el partido del domingo", "Subió el pan")
"""Other news in the archive: with only the compared claims counted, every word they share would
weigh as little as "el", and no fitted model could tell them alike."""


def flat_idf(*claims: ClaimFeatures) -> Weights:
    counted = [*claims, *(claim(1000 + n, text) for n, text in enumerate(BACKGROUND))]
    return Weights(idf_from_counts(Counter(t for c in counted for t in set(c.terms())), len(counted)))


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
    assert "figures disagree: 1 vs 2 missile" in result.reasons


def test_a_range_of_200_against_300_km_is_a_conflict_with_a_cosine_too():
    one = claim(
        1,
        "El misil recorrió unos 200 kilómetros antes de caer al mar",
        figures=[(200, "kilómetros", "~")],
        entities=["North Korea"],
        claimant="South Korea",
    )
    other = claim(
        2,
        "El proyectil voló 300 kilómetros y cayó al mar",
        figures=[(300, "kilómetros")],
        entities=["North Korea"],
        claimant="Japan",
    )
    idf = flat_idf(one, other)
    assert compare(one, other, idf).relation == CONFLICT
    assert compare(one, other, idf, cosine=0.93).relation == CONFLICT
    agreeing = claim(3, "El proyectil voló 210 kilómetros y cayó al mar", figures=[(210, "kilómetros")])
    assert compare(one, agreeing, flat_idf(one, agreeing)).relation != CONFLICT


def test_another_days_launch_is_a_near_miss():
    sunday = claim(1, "Corea del Norte lanzó un misil balístico hacia el mar de Japón", dates=["2023-09-10"])
    wednesday = claim(2, "Corea del Norte lanzó un misil balístico hacia el mar de Japón", dates=["2023-09-13"])
    result = compare(sunday, wednesday, flat_idf(sunday, wednesday))
    assert result.relation == NEAR_MISS
    assert "dates differ: 2023-09-10 vs 2023-09-13: another event" in result.reasons
    overnight = claim(3, "Corea del Norte lanzó un misil balístico hacia el mar de Japón", dates=["2023-09-11"])
    assert compare(sunday, overnight, flat_idf(sunday, overnight)).relation == DUPLICATE


def test_the_same_words_about_another_year_are_a_near_miss():
    earlier = claim(1, "Kim llegó a Vladivostok en su tren blindado", dates=["2019-04-24"], entities=["Kim Jong-un"])
    later = claim(2, "Kim llegó a Vladivostok en su tren blindado", dates=["2023-09-12"], entities=["Kim Jong-un"])
    result = compare(earlier, later, flat_idf(earlier, later), cosine=0.99)
    assert result.relation == NEAR_MISS
    assert "dates differ: 2019-04-24 vs 2023-09-12: another event" in result.reasons


def test_a_stated_year_is_compared_with_the_other_articles_year():
    summit = claim(1, "Putin y Kim celebraron una cumbre en Rusia en 2019", dates=["2019"])
    again = claim(2, "Putin y Kim celebraron una cumbre en Rusia", published="2023-09-13")
    assert compare(summit, again, flat_idf(summit, again)).relation == NEAR_MISS


def test_a_denial_of_the_same_fact_is_a_conflict_and_a_possibility_only_related():
    sent = claim(1, "Rusia envió tropas a la frontera con Ucrania", entities=["Russia", "Ukraine"])
    denied = claim(2, "Rusia no envió tropas a la frontera con Ucrania", entities=["Russia", "Ukraine"])
    maybe = claim(3, "Rusia podría enviar tropas a la frontera con Ucrania", entities=["Russia", "Ukraine"])
    idf = flat_idf(sent, denied, maybe)
    assert compare(sent, denied, idf).relation == CONFLICT
    assert compare(sent, maybe, idf).relation == RELATED
    ruled_in = claim(4, "Rusia no descartó enviar tropas a la frontera con Ucrania", entities=["Russia", "Ukraine"])
    assert not ruled_in.negated


def test_the_fitted_model_ships_as_data_for_both_variants():
    """The JSON the fitting script writes: coefficients on named features, thresholds in (0, 1]
    (1 where cross-validation turned a rule off, as it may the denial's), and the cross-validated
    figures it was chosen with."""
    found = model()
    for variant in ("semantic", "lexical"):
        fitted = found["variants"][variant]
        assert set(fitted["alike"]["coef"]) == set(fitted["features"]) == set(fitted["linked"]["coef"])
        assert all(0 < value < 1 for name, value in fitted["thresholds"].items() if name != "denial")
        assert 0 < fitted["thresholds"]["denial"] <= 1
        assert fitted["cv"]["by_article_pair"]
    assert "cosine" in found["variants"]["semantic"]["features"]
    assert "cosine" not in found["variants"]["lexical"]["features"]
    assert apply_threshold(True) >= found["variants"]["semantic"]["thresholds"]["duplicate"]


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


@pytest.mark.slow
def test_the_same_claim_in_spanish_and_english_is_a_duplicate():
    """With the real embedder's cosine; another claim on the same actors stays unlinked."""
    from workbench.matching.embedding import default_embedder

    spanish = claim(
        1,
        "Corea del Norte disparó dos misiles balísticos hacia el mar de Japón",
        figures=[(2, "misiles")],
        entities=["North Korea", "Japan"],
        claimant="South Korea",
    )
    english = claim(
        2,
        "North Korea fired two ballistic missiles into the Sea of Japan",
        figures=[(2, "missiles")],
        entities=["North Korea", "Japan"],
        claimant="South Korea",
        language="en",
    )
    other = claim(
        3, "Rusia y Corea del Norte firmaron un acuerdo de cooperación espacial", entities=["Russia", "North Korea"]
    )
    unrelated = ["El precio del petróleo subió un 3 %", "Seúl convocó al embajador ruso", "La ONU pidió una tregua"]
    idf = flat_idf(spanish, english, other, *(claim(10 + i, text) for i, text in enumerate(unrelated)))
    vectors = default_embedder().passages([spanish.text, english.text, other.text])
    assert compare(spanish, english, idf, float(vectors[0] @ vectors[1])).relation == DUPLICATE
    assert compare(spanish, other, idf, float(vectors[0] @ vectors[2])).relation is None


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


def test_a_chain_through_a_near_miss_never_becomes_one_cluster():
    """A (2019) ~ B (undated) ~ C (2023): B is a duplicate of each, A and C are a near-miss, so
    only the better link is confirmed and A and C never share a cluster (or a verdict)."""
    text = "Kim llegó a Vladivostok en su tren blindado para reunirse con Putin"
    a = claim(1, text, dates=["2019-04-24"], entities=["Kim Jong-un", "Vladimir Putin"], published="2019-04-25")
    b = claim(2, text, entities=["Kim Jong-un", "Vladimir Putin"], published=None)
    c = claim(3, text, dates=["2023-09-12"], entities=["Kim Jong-un", "Vladimir Putin"], published="2023-09-12")
    unrelated = [
        "El precio del petróleo subió un 3 %",
        "Seúl convocó al embajador ruso",
        "La ONU pidió un alto el fuego inmediato",
        "El banco central mantuvo los tipos de interés",
        "Miles de personas se manifestaron en la capital",
    ]
    idf = flat_idf(a, b, c, *(claim(10 + i, text) for i, text in enumerate(unrelated)))  # an archive, not three claims
    found = {(x.id, y.id): compare(x, y, idf) for x, y in ((a, b), (a, c), (b, c))}
    assert found[(1, 2)].relation == found[(2, 3)].relation == DUPLICATE
    assert found[(1, 3)].relation == NEAR_MISS
    made = [Suggestion(1, 2, DUPLICATE, 0.9), Suggestion(2, 3, DUPLICATE, 0.8)]
    taken = confirm_greedily(made, lambda x, y: found[(min(x, y), max(x, y))].relation == DUPLICATE, {1: 1, 2: 2, 3: 3})
    assert [(s.claim_a, s.claim_b) for s in taken] == [(1, 2)]
    # The same chain, the other link scoring best: still one pair, never all three.
    made = [Suggestion(1, 2, DUPLICATE, 0.7), Suggestion(2, 3, DUPLICATE, 0.8)]
    taken = confirm_greedily(made, lambda x, y: found[(min(x, y), max(x, y))].relation == DUPLICATE, {1: 1, 2: 2, 3: 3})
    assert [(s.claim_a, s.claim_b) for s in taken] == [(2, 3)]


def test_a_cluster_holds_one_claim_per_source_and_grows_from_confirmed_ones():
    made = [Suggestion(1, 2, DUPLICATE, 0.9), Suggestion(2, 3, DUPLICATE, 0.8), Suggestion(3, 4, DUPLICATE, 0.7)]
    source_of = {1: 10, 2: 20, 3: 10, 4: 40}
    taken = confirm_greedily(made, lambda x, y: True, source_of)
    assert [(s.claim_a, s.claim_b) for s in taken] == [(1, 2), (3, 4)]  # 3 shares article 10 with 1
    taken = confirm_greedily([Suggestion(4, 5, DUPLICATE, 0.9)], lambda x, y: {x, y} != {1, 5}, {}, [(1, 4)])
    assert taken == []  # 5 is no duplicate of 1, already in 4's cluster


@pytest.mark.slow
def test_gold_pairs_after_dedupe_apply(seeded: Workbench):
    """The seeded pair of articles after dedupe --apply: every conflict flagged and none merged.

    Precision and recall bars were 0.9 and 0.8 when the hand-set scoring was tuned on these very
    pairs; the decision is now fitted on all nine gold articles (cross-validated) and the store
    has no vectors yet, so this runs the lexical variant. Since the refit on the gold and our own
    training stories (issue 12): 9 of 10 duplicates found, 9 of 12 merged pairs gold duplicates;
    the other three are Washington's warning (gold: related), Putin's "Por eso vinimos aquí" in
    both articles, which the gold does not list (the seed's copy is no gold claim), and "official
    talks, then face to face" against "official talks went on in a reduced format", a paraphrase
    the gold does not list either. Raising the bar again would mean fitting these labels."""
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
    assert score.precision >= 0.75, score.wrong
    assert score.recall >= 0.8, score.missed
    assert score.conflicts_flagged == score.conflicts == 4
    assert score.conflicts_merged == 0


@pytest.mark.slow
def test_dedupe_apply_keeps_another_years_summit_out_of_the_cluster(workbench: Workbench):
    """Three reports of my own making: the 2019 and 2023 arrivals read alike, a third undated
    report is like both; --apply never puts the two years in one cluster, and the near-miss is
    stored as such."""
    texts = {
        "2019-04-25": "El líder norcoreano Kim Jong-un llegó el miércoles a Vladivostok en su tren blindado.",
        "2023-09-13": "El líder norcoreano Kim Jong-un llegó el martes a Vladivostok en su tren blindado.",
        None: "El líder norcoreano Kim Jong-un llegó a Vladivostok en su tren blindado.",
    }
    workbench.import_articles(
        [ArticleInput(text, f"report {i}", "es", published=when) for i, (when, text) in enumerate(texts.items())]
    )
    made, _ = workbench.dedupe(apply=True)
    by_article = {c.article_id: c.id for c in workbench.claims()}
    first, second = by_article[1], by_article[2]
    assert (first, second, NEAR_MISS) in {(s.claim_a, s.claim_b, s.relation) for s in made}
    with workbench.store() as store:
        clusters = duplicate_clusters(store)
        assert first not in clusters or clusters[first] != clusters.get(second)
        assert all(link["relation"] != NEAR_MISS for link in store.links.all_links("confirmed"))


@pytest.mark.slow
def test_a_reviewers_near_miss_is_stored_exported_and_keeps_the_pair_apart(seeded: Workbench):
    made, _ = seeded.dedupe(apply=False)
    top = max((s for s in made if s.relation == DUPLICATE), key=lambda s: s.score)
    result = invoke("link", "confirm", str(top.claim_a), str(top.claim_b), "--as", "near-miss", "--db", seeded.db_path)
    assert_ok(result)
    assert "confirmed near-miss" in result.stdout
    _, confirmed = seeded.dedupe(apply=True)
    with seeded.store() as store:
        clusters = duplicate_clusters(store)
    assert top.claim_a not in clusters or clusters[top.claim_a] != clusters.get(top.claim_b)
    document = export_json(seeded.db_path)
    links = [link for article in document["articles"] for c in article["claims"] for link in c["links"]]
    assert {"claim": top.claim_b, "relation": NEAR_MISS} in [
        {k: link[k] for k in ("claim", "relation")} for link in links
    ]
    assert_clean_failure(
        invoke("link", "confirm", str(top.claim_a), str(top.claim_b), "--as", "nearmiss", "--db", seeded.db_path),
        INVALID,
    )


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
        before = store.links.all_links()
    seeded.dedupe(apply=True)
    with seeded.store() as store:
        assert store.links.all_links() == before


@pytest.mark.slow
def test_a_rejected_pair_is_not_confirmed_again(seeded: Workbench):
    made, confirmed = seeded.dedupe(apply=False)
    top = max((s for s in made if s.relation == DUPLICATE), key=lambda s: s.score)
    assert top.score >= apply_threshold(semantic=False)
    seeded.set_link(top.claim_a, top.claim_b, "rejected")
    _, confirmed = seeded.dedupe(apply=True)
    assert (top.claim_a, top.claim_b) not in {(c.claim_a, c.claim_b) for c in confirmed}
    with seeded.store() as store:
        [link] = [
            row for row in store.links.all_links() if (row["claim_a"], row["claim_b"]) == (top.claim_a, top.claim_b)
        ]
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


@pytest.mark.slow
def test_a_reviewer_cannot_chain_a_near_miss_into_one_cluster(seeded: Workbench):
    """x and y were decided another event apart; z duplicates x; confirming z ~ y would put x and y
    under one canonical verdict, so it is refused in a sentence and nothing is written."""
    first, second = (seeded.claims(article.id) for article in seeded.articles()[:2])
    x, z = first[0].id, second[0].id
    y = second[1].id
    seeded.set_link(x, y, "confirmed", "near-miss")
    seeded.set_link(x, z, "confirmed", "duplicate")
    with pytest.raises(Conflict, match=f"would put claims {x} and {y} in one cluster"):
        seeded.set_link(z, y, "confirmed", "duplicate")
    with seeded.store() as store:
        confirmed = {(link["claim_a"], link["claim_b"]) for link in store.links.all_links("confirmed")}
    assert confirmed == {(min(x, y), max(x, y)), (min(x, z), max(x, z))}
