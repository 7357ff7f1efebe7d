"""`workbench index` scores the claims it embeds again with the check-worthiness model that reads
their vectors, as an audited write: archive rows, scored without vectors at import, get the
better model once embedded.

A real SQLite file in a temp folder, the real shipped model and the real embedding model; the
claims are our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import write
from workbench.nlp import checkworthiness
from workbench.service import Workbench

pytestmark = pytest.mark.slow

ARCHIVE = """text,date,language
"El Ayuntamiento gastó 12 millones de euros en asfaltar calles durante 2023",2024-01-10,es
"El paro bajó un 8% en la provincia en el último trimestre, según el Gobierno",2024-02-01,es
"Qué bonito día para pasear por el parque con la familia",2024-02-02,es
"The council closed three libraries in 2023 to save 2 million pounds",2024-03-05,en
"""


def _vector_reasons(reasons: tuple[str, ...] | list[str]) -> list[str]:
    shares = (checkworthiness.RESEMBLES, checkworthiness.RESEMBLES_NOT)
    return [r for r in reasons if r.split(" ", 1)[1] in shares]


def _rescore_rows(workbench: Workbench) -> list[dict]:
    with workbench.store() as store:
        return [row for row in store.audit.audit_log() if row["action"] == "rescore"]


def test_index_scores_archive_rows_again_with_their_vectors_and_audits_each_change(tmp_path: Path) -> None:
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.import_claims_csv(ARCHIVE, "archive.csv")
    before = {c.id: c for c in workbench.claims()}
    assert not any(_vector_reasons(c.reasons) for c in before.values())  # no vectors yet: the plain model
    assert workbench.index_vectors() == 4
    after = {c.id: c for c in workbench.claims()}
    for claim_id, claim in after.items():
        assert len(_vector_reasons(claim.reasons)) == 1, claim.reasons  # the vector's share, said once
        assert claim.checkable == before[claim_id].checkable  # the rule (or a reviewer) decides checkable
        assert claim.version == before[claim_id].version  # a reviewer's read of it stays current
    changed = {i for i in after if (after[i].score, after[i].reasons) != (before[i].score, before[i].reasons)}
    assert changed
    rows = _rescore_rows(workbench)
    assert sorted(r["row_id"] for r in rows) == sorted(changed)
    for row in rows:
        old, new = json.loads(row["before"]), json.loads(row["after"])
        claim_id = row["row_id"]
        assert (old["score"], tuple(old["reasons"])) == (before[claim_id].score, before[claim_id].reasons)
        assert (new["score"], tuple(new["reasons"]), new["checkworthy"]) == (
            after[claim_id].score,
            after[claim_id].reasons,
            after[claim_id].checkworthy,
        )
        assert row["actor"] == "tester"
    # The worthy rows outrank the greeting-like one under the vector model too.
    by_text = {c.text[:12]: c.score for c in after.values()}
    assert min(by_text["El Ayuntamie"], by_text["El paro bajó"]) > by_text["Qué bonito d"]
    assert workbench.index_vectors() == 0
    assert len(_rescore_rows(workbench)) == len(rows)  # nothing embedded, nothing written


def test_an_edited_claim_is_scored_again_when_index_embeds_it_anew(tmp_path: Path) -> None:
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    workbench.import_claims_csv(ARCHIVE, "archive.csv")
    workbench.index_vectors()
    target = next(c for c in workbench.claims() if c.text.startswith("Qué bonito"))
    workbench.edit_claim(target.id, "El parque municipal recibió 40.000 visitantes en febrero de 2024")
    edited = next(c for c in workbench.claims() if c.id == target.id)
    assert workbench.index_vectors() == 1
    again = next(c for c in workbench.claims() if c.id == target.id)
    assert _vector_reasons(again.reasons)
    assert again.version == edited.version
    assert [r["row_id"] for r in _rescore_rows(workbench)][-1] == target.id


def test_a_model_without_vector_decisions_leaves_the_scores_alone(tmp_path: Path) -> None:
    from workbench.nlp.checkworthiness import SHIPPED_MODEL

    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))
    del data["with_vectors"]
    plain = write(tmp_path / "plain.json", json.dumps(data))
    checkworthiness.use_model(plain)
    try:
        workbench = Workbench(tmp_path / "claims.db", actor="tester")
        workbench.import_claims_csv(ARCHIVE, "archive.csv")
        before = [(c.id, c.score, c.reasons) for c in workbench.claims()]
        assert workbench.index_vectors() == 4
        assert [(c.id, c.score, c.reasons) for c in workbench.claims()] == before
        assert _rescore_rows(workbench) == []
    finally:
        checkworthiness.use_model(None)
