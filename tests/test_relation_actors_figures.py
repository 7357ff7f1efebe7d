"""What the relation decision reads of counts and claimants (issue 12, refit of round 7), on
sentences of our own."""

from __future__ import annotations

from tests.test_matching import claim, flat_idf
from workbench.matching.compare import CONFLICT, DUPLICATE, RELATED, compare, joins, pair_features
from workbench.matching.features import features
from workbench.nlp.extract import extract_claims
from workbench.nlp.figures import figures
from workbench.nlp.pipeline import load_nlp


def counted(text: str, language: str) -> list[tuple[float, str | None, bool]]:
    doc = load_nlp(language)(text)
    return [(f.value, f.unit, f.explicit) for f in figures(doc[:], language)]


def test_an_english_indefinite_article_counts_one_without_stating_it():
    assert (1.0, "helicopter", False) in counted("Rebels shot down a helicopter over the valley.", "en")
    assert (1.0, "ferry", False) in counted("An old ferry ran aground near the harbour.", "en")
    assert counted("Rebels shot down two helicopters over the valley.", "en") == [(2.0, "helicopter", True)]


def test_a_spanish_a_is_a_preposition_and_counts_nothing():
    found = counted("Los rebeldes llegaron a Tarija el lunes.", "es")
    assert found == []


def test_a_helicopter_against_two_is_a_conflict_of_figures():
    """Two outlets count the aircraft lost over one valley the same day: the one that writes "a
    helicopter" states one, so the other's "two" disagrees with it."""
    published = "2025-06-02"

    def extracted(claim_id: int, text: str) -> object:
        (draft,) = extract_claims(text, "en", published)
        return features(claim_id, draft, "en", published)

    one = extracted(1, "Rebels shot down a military helicopter over the valley on Sunday.")
    two = extracted(2, "Rebels shot down two military helicopters over the valley on Sunday.")
    weights = flat_idf(one, two)
    pair = pair_features(one, two, weights, cosine=0.97)
    assert pair.figures is False
    assert compare(one, two, weights, cosine=0.97).relation == CONFLICT


def test_two_countries_authorities_counting_alike_are_two_accounts_not_one_claim():
    """Kyiv and Warsaw both count three drones from Belarus: each account is checked on its own,
    so they are related and never merged; the same count from one country's two voices stays a
    duplicate."""
    drones = {"figures": [(3, "drones")], "entities": ["Belarus"]}
    kyiv = claim(1, "Tres drones llegaron desde Bielorrusia, según Ucrania", claimant="Ukraine", **drones)
    warsaw = claim(2, "Three drones came from Belarus, Poland said", claimant="Poland", language="en", **drones)
    zelensky = claim(
        3, "Three drones came from Belarus, Zelensky said", claimant="Volodymyr Zelensky", language="en", **drones
    )
    weights = flat_idf(kyiv, warsaw, zelensky)
    pair = pair_features(kyiv, warsaw, weights, cosine=0.99)
    assert pair.claimant_other
    result = compare(kyiv, warsaw, weights, cosine=0.99)
    assert result.relation == RELATED
    assert "two countries' authorities: two accounts" in result.reasons
    assert not joins(pair, RELATED, 0.99, {"duplicate": 0.1, "join": 0.01})
    assert compare(kyiv, zelensky, weights, cosine=0.99).relation == DUPLICATE
    uncounted = claim(4, "Llegaron drones desde Bielorrusia, según Ucrania", claimant="Ukraine", entities=["Belarus"])
    words = claim(5, "Drones came from Belarus, Poland said", claimant="Poland", entities=["Belarus"], language="en")
    assert compare(uncounted, words, flat_idf(uncounted, words), cosine=0.99).relation == DUPLICATE


def test_an_english_article_count_is_read_but_not_indexed():
    """ "a" comes before most English nouns: its count is a figure for the relation, but an index
    key for it would weigh the noun twice; an English number stated is indexed."""
    published = "2025-06-02"
    (draft,) = extract_claims("Rebels shot down a military helicopter over the valley on Sunday.", "en", published)
    one = features(1, draft, "en", published)
    assert any(f.value == 1.0 and not f.explicit for f in one.figures)
    assert not any(term.startswith(("n_", "v_")) for term in one.terms())
    (draft,) = extract_claims("Rebels shot down two military helicopters over the valley on Sunday.", "en", published)
    assert any(term.startswith("v_") for term in features(2, draft, "en", published).terms())
