"""Claim cutting and scoring as spaCy components (issue 16): listed, configurable, and the same
claims as the extraction API, on sentences written for these tests."""

from __future__ import annotations

import warnings
from dataclasses import asdict

import pytest

from workbench.nlp.claim_pipes import CLAIMS_PIPE, SCORE_PIPE, add_claim_pipes
from workbench.nlp.components import add_actor_ruler, add_paragraph_breaks
from workbench.nlp.extract import extract_claims, extract_many
from workbench.nlp.pipeline import SPANISH_MODEL, load_nlp

pytestmark = pytest.mark.slow

TEXT = (
    "El alcalde de Valparaíso dijo que 40 familias perdieron sus casas en el incendio del martes.\n"
    "Los bomberos trabajaron toda la noche y la lluvia apagó el fuego al amanecer."
)


def fresh_pipeline(config: dict) -> object:
    """A pipeline of its own (load_nlp's is shared by the whole process), configured as given."""
    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(SPANISH_MODEL)
    add_paragraph_breaks(nlp)
    add_actor_ruler(nlp)
    add_claim_pipes(nlp, config)
    return nlp


def test_the_pipeline_lists_cutting_and_scoring_last():
    nlp = load_nlp("es")
    assert nlp.pipe_names[-2:] == [CLAIMS_PIPE, SCORE_PIPE]
    assert nlp.get_pipe_config(CLAIMS_PIPE)["min_words"] == 3
    assert nlp.get_pipe_config(SCORE_PIPE)["model"] is None


def test_a_doc_through_the_pipeline_carries_the_claims_the_api_extracts():
    doc = load_nlp("es")(TEXT)
    from_pipeline = [asdict(c) for c in doc._.workbench_claims]
    assert from_pipeline
    assert from_pipeline == [asdict(c) for c in extract_claims(TEXT, "es")]
    assert all(TEXT[c["start"] : c["end"]] in c["text"] for c in from_pipeline)


def test_min_words_is_configured_like_any_component():
    default = [c.text for c in fresh_pipeline({})(TEXT)._.workbench_claims]
    strict = [c.text for c in fresh_pipeline({CLAIMS_PIPE: {"min_words": 12}})(TEXT)._.workbench_claims]
    assert len(strict) < len(default)
    assert all(len(text.split()) >= 12 for text in strict)


def test_the_score_component_reads_the_model_it_is_given(tmp_path):
    import json

    from workbench.nlp.checkworthiness import SHIPPED_MODEL

    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))
    data["checkworthy"]["bias"] += 50.0  # everything check-worthy
    model = tmp_path / "eager.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    eager = fresh_pipeline({SCORE_PIPE: {"model": str(model)}})(TEXT)._.workbench_claims
    shipped = load_nlp("es")(TEXT)._.workbench_claims
    assert [c.text for c in eager] == [c.text for c in shipped]
    assert all(c.score == 1.0 for c in eager if c.checkable)
    assert any(c.score < 1.0 for c in shipped)


def test_pieces_of_several_articles_in_one_batch_stay_apart():
    first = "El Gobierno de Chile informó que 12 brigadas llegaron a la zona del incendio."
    second = "La Armada dijo que dos buques zarparon hacia la isla el lunes."
    together = list(extract_many([first, second, first], "es"))
    assert [len(claims) for claims in together] == [
        len(extract_claims(first, "es")),
        len(extract_claims(second, "es")),
        len(extract_claims(first, "es")),
    ]
    assert together[0] == together[2]
