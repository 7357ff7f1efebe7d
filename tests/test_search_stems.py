"""Search finds the word in other forms: "misil" finds "misiles", "satellite" finds "satellites"."""

from __future__ import annotations

import json
import sqlite3

from tests.helpers import invoke
from tests.test_datasette import METADATA
from workbench.service import Workbench


def test_a_word_finds_its_other_forms_after_the_exact_ones(seeded: Workbench) -> None:
    texts = [hit.text for hit in seeded.search("misil") if hit.kind == "claim"]
    assert texts, "no claim of the seeds says misil or misiles"
    exact = [t for t in texts if "misil " in t.lower() or t.lower().endswith("misil")]
    assert any("misiles" in t.lower() for t in texts)
    assert texts[: len(exact)] == exact  # the words as written come first


def test_every_stem_of_the_query_must_be_there(seeded: Workbench) -> None:
    both = [hit.text.lower() for hit in seeded.search("satélites rusos") if hit.kind == "claim"]
    assert both and all("satélite" in text or "satellite" in text for text in both)


def test_query_syntax_is_only_text(seeded: Workbench) -> None:
    for query in ['misil" OR "kim', "misil*", "NEAR(misil kim)", "text:misil"]:
        result = invoke("search", query, "--db", seeded.db_path)
        assert result.exit_code == 0 and "Traceback" not in result.output


def test_datasette_canned_search_finds_other_forms(seeded: Workbench) -> None:
    query = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["claims"]["queries"]["search_claims"]
    with sqlite3.connect(seeded.db_path) as connection:
        rows = connection.execute(query["sql"], {"q": "misil"}).fetchall()
        quoted = connection.execute(query["sql"], {"q": 'misil" OR "x'}).fetchall()
    connection.close()
    assert any("misiles" in row[1].lower() for row in rows)
    assert quoted == []
