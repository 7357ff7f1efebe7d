"""Exports: the JSON contract (checked against workbench/schemas/export.schema.json) and Markdown."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import SEED_ARTICLE, file_digest
from tests.helpers import assert_clean_failure, assert_ok, export_json, invoke, validate_export, write
from workbench.service import Workbench

HOSTILE_ARTICLE = (
    "Alerta <script>alert(1)</script> en el ministerio de Defensa de Corea del Sur.\n\n"
    "El ministro dijo que la celda =cmd|' /C calc'!A0 apareció en el informe sobre los dos misiles.\n\n"
    "Corea del Norte disparó un misil balístico el miércoles, según el Estado Mayor Conjunto."
)


def import_seed(db: Path) -> str:
    result = invoke("import", SEED_ARTICLE, "--published", "2023-09-13", "--lang", "es", "--db", db)
    assert_ok(result)
    return result.stdout


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# -- acceptance: the seed article, imported twice, exported as JSON -----------


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, Any]]:
    """The seed article imported twice through the CLI, then exported; shared by the checks below."""
    db = tmp_path_factory.mktemp("acceptance") / "claims.db"
    outputs = [import_seed(db), import_seed(db)]
    return db, outputs, export_json(db)


@pytest.mark.slow
def test_second_import_reports_the_stored_article(seed_export) -> None:
    _, (first, second), _ = seed_export
    assert first.startswith("Imported article 1:")
    assert second.startswith("Already imported as article 1:")
    claim_count = re.compile(r"\((\d+) claims")
    assert claim_count.search(first).group(1) == claim_count.search(second).group(1)


@pytest.mark.slow
def test_seed_export_has_one_article_with_many_claims(seed_export) -> None:
    _, _, document = seed_export
    [article] = document["articles"]
    assert article["published"] == "2023-09-13"
    assert article["language"] == "es"
    assert len(article["claims"]) >= 25


@pytest.mark.slow
def test_seed_export_matches_the_schema(seed_export) -> None:
    validate_export(seed_export[2])


@pytest.mark.slow
def test_claim_spans_index_the_article_text(seed_export) -> None:
    [article] = seed_export[2]["articles"]
    text = article["text"]
    assert text == SEED_ARTICLE.read_text(encoding="utf-8").strip()
    for claim in article["claims"]:
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        # A claim's text may lead with the subject or antecedent its clause lacks (issue 13).
        assert claim["text"].endswith(text[claim["start"] : claim["end"]]), claim["id"]


@pytest.mark.slow
def test_ids_are_stable_across_exports(seed_export) -> None:
    db, _, document = seed_export
    assert export_json(db) == document


@pytest.mark.slow
def test_markdown_has_title_and_claim_count(seed_export) -> None:
    db, _, document = seed_export
    [article] = document["articles"]
    result = invoke("export", "--format", "md", "--db", db)
    assert_ok(result)
    readable = unescape_markdown(result.stdout)
    assert f"## {article['title']}" in readable
    assert f"0 of {len(article['claims'])} claims reviewed." in readable
    # Nothing reviewed yet: the claims are counted, not laid out as empty cards, unless asked for.
    ids = ", ".join(str(claim["id"]) for claim in article["claims"])
    assert readable.count("### Claim ") == 0 and f"Not reviewed yet: claims {ids} (" in readable
    listed = unescape_markdown(invoke("export", "--format", "md", "--unreviewed", "--db", db).stdout)
    assert listed.count("### Claim ") == len(article["claims"])


# -- a reviewed claim in the export -----------------------------------------------


@pytest.mark.slow
def test_reviewed_export_matches_the_schema(seeded: Workbench) -> None:
    seeded.add_verdict(1, "False", None)
    seeded.add_verdict(1, "Misleading", "Tokyo counted two missiles.")
    seeded.add_source(1, "https://www.mod.go.jp/", stance="refutes", excerpt="Two ballistic missiles.")
    other = seeded.claims()[-1].id
    with seeded.store() as store, store.transaction():
        store.db["links"].insert(
            {"claim_a": 1, "claim_b": other, "relation": "conflict", "score": 0.8, "state": "suggested"}
        )
    document = json.loads(seeded.export("json"))
    validate_export(document)
    claim = next(c for c in document["articles"][0]["claims"] if c["id"] == 1)
    assert claim["verdict"]["rating"] == "Misleading"
    assert [v["rating"] for v in claim["verdict_history"]] == ["False", "Misleading"]
    assert claim["sources"][0]["stance"] == "refutes"
    assert {"claim": other, "relation": "conflict", "score": 0.8, "state": "suggested"} in claim["links"]


@pytest.mark.slow
def test_reviewed_markdown_shows_verdict_and_source(seeded: Workbench) -> None:
    seeded.add_verdict(1, "Misleading", "Tokyo counted two missiles.")
    seeded.add_source(1, "https://www.mod.go.jp/", stance="refutes", title="Japan MoD")
    report = unescape_markdown(seeded.export("md", 1))
    assert "### Claim 1: Misleading" in report
    assert "Tokyo counted two missiles." in report
    assert "source (refutes): Japan MoD <https://www.mod.go.jp/>" in report
    assert "1 of " in report


# -- the schema itself catches drift ---------------------------------------------

VALID_CLAIM: dict[str, Any] = {
    "id": 1,
    "text": "Corea del Norte disparó un misil.",
    "start": 0,
    "end": 33,
    "checkable": True,
    "checkworthy": True,
    "score": 0.7,
    "reasons": ["+1.09 names a figure (1 misil)"],
    "kind": "event",
    "claimant": None,
    "claimant_canonical": None,
    "entities": [{"text": "Corea del Norte", "label": "LOC", "canonical": "North Korea"}],
    "dates": ["2023-09-13", "2019"],
    "status": "new",
    "duplicate_of": None,
    "links": [{"claim": 2, "relation": "duplicate", "score": 0.93, "state": "confirmed"}],
    "verdict": None,
    "verdict_history": [],
    "sources": [{"url": "https://x.org/", "title": None, "publisher": None, "stance": "context", "excerpt": None}],
}
VALID_DOCUMENT: dict[str, Any] = {
    "schema": "workbench-export/1",
    "articles": [
        {
            "id": 1,
            "title": "Misil",
            "language": "es",
            "published": None,
            "url": None,
            "outlet": None,
            "text": "Corea del Norte disparó un misil.",
            "claims": [VALID_CLAIM],
        }
    ],
}


def test_schema_accepts_a_valid_document() -> None:
    validate_export(VALID_DOCUMENT)


DELETE = object()


def _set(path: str, value: Any) -> Any:
    """A mutation of VALID_DOCUMENT: set the value at a dotted path inside its first claim ('a.' for the article)."""

    def mutate(document: dict[str, Any]) -> None:
        target = document["articles"][0] if path.startswith("a.") else document["articles"][0]["claims"][0]
        *parents, key = path.removeprefix("a.").split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is DELETE:
            del target[key]
        else:
            target[key] = value

    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(_set("extra", 1), id="claim-extra-field"),
        pytest.param(_set("a.extra", 1), id="article-extra-field"),
        pytest.param(_set("verdict", DELETE), id="claim-missing-verdict"),
        pytest.param(_set("a.published", DELETE), id="article-missing-published"),
        pytest.param(_set("a.published", "13/09/2023"), id="published-not-iso"),
        pytest.param(_set("dates", ["miércoles"]), id="date-not-iso"),
        pytest.param(_set("kind", "rumour"), id="unknown-kind"),
        pytest.param(_set("score", 1.5), id="score-above-one"),
        pytest.param(_set("checkable", 1), id="checkable-not-bool"),
        pytest.param(_set("checkworthy", "yes"), id="checkworthy-not-bool"),
        pytest.param(_set("start", "0"), id="start-not-int"),
        pytest.param(_set("sources.0.stance", "agrees"), id="unknown-stance"),
        pytest.param(_set("links.0.relation", "same"), id="unknown-relation"),
        pytest.param(_set("links.0.state", "maybe"), id="unknown-state"),
        pytest.param(_set("verdict", {"rating": "True"}), id="verdict-missing-fields"),
        pytest.param(_set("verdict", "True"), id="verdict-not-object"),
        pytest.param(_set("entities.0.canonical", DELETE), id="entity-missing-canonical"),
    ],
)
def test_schema_rejects_drift(mutate) -> None:
    document = copy.deepcopy(VALID_DOCUMENT)
    mutate(document)
    with pytest.raises(jsonschema.ValidationError):
        validate_export(document)


# -- hostile text stays inert ------------------------------------------------------


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "claims.db"
    assert_ok(invoke("import", write(tmp_path / "hostile.txt", HOSTILE_ARTICLE), "--lang", "es", "--db", db))
    return db


@pytest.mark.slow
def test_json_export_keeps_hostile_text_exactly(hostile_db: Path) -> None:
    [article] = export_json(hostile_db)["articles"]
    assert article["text"] == HOSTILE_ARTICLE
    assert "<script>alert(1)</script>" in article["title"]
    claim_texts = " ".join(c["text"] for c in article["claims"])
    assert "<script>alert(1)</script>" in claim_texts
    assert "=cmd|' /C calc'!A0" in claim_texts


@pytest.mark.slow
def test_markdown_export_keeps_hostile_text_inert(hostile_db: Path) -> None:
    result = invoke("export", "--format", "md", "--db", hostile_db)
    assert_ok(result)
    assert "<script" not in result.stdout.lower()
    assert "&lt;script>alert" in result.stdout  # still there, as text: "<" alone opens a tag


# -- --out ---------------------------------------------------------------------------


@pytest.mark.slow
def test_out_writes_the_report(seeded: Workbench, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke("export", "--format", "json", "--db", seeded.db_path, "--out", out)
    assert_ok(result)
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == export_json(seeded.db_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("report")) == ["report.json"]


@pytest.mark.slow
def test_out_into_a_missing_folder_fails_cleanly(seeded: Workbench, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.json"
    assert_clean_failure(invoke("export", "--db", seeded.db_path, "--out", out), 4)
    assert not out.parent.exists()


@pytest.mark.slow
def test_out_onto_a_folder_fails_cleanly(seeded: Workbench, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_clean_failure(invoke("export", "--db", seeded.db_path, "--out", folder), 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.slow
def test_failed_export_leaves_the_database_alone(seeded: Workbench) -> None:
    before = file_digest(seeded.db_path)
    assert_clean_failure(invoke("export", "--format", "xml", "--db", seeded.db_path), 4)
    assert file_digest(seeded.db_path) == before
