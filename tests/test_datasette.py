"""The Datasette metadata shipped with the package fits the schema the store makes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import workbench
from workbench.service import Workbench

METADATA = Path(workbench.__file__).parent / "datasette" / "metadata.json"


def test_every_table_and_canned_query_of_the_metadata_fits_the_schema(seeded: Workbench):
    claims = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["claims"]
    seeded.add_verdict(seeded.claims()[0].id, "Falso", "Seúl habla de un misil.")
    with sqlite3.connect(seeded.db_path) as connection:
        tables = {
            row[0] for row in connection.execute("select name from sqlite_master where type in ('table', 'view')")
        }
        for table, options in claims["tables"].items():
            assert table in tables or options.get("hidden"), table
            if "label_column" in options:
                columns = {row[1] for row in connection.execute(f"pragma table_info({table})")}
                assert options["label_column"] in columns, table
        found = {
            name: connection.execute(q["sql"], {"q": "misil"} if ":q" in q["sql"] else {}).fetchall()
            for name, q in claims["queries"].items()
        }
    connection.close()
    assert found["review_queue"] and len(found["latest_verdicts"]) == 1
    assert found["latest_verdicts"][0][2] == "False"


def test_the_latest_verdicts_view_agrees_with_the_store(seeded: Workbench):
    first, second = seeded.claims()[:2]
    seeded.add_verdict(first.id, "Falso")
    seeded.add_verdict(first.id, "Verdadero")
    change = seeded.add_verdict(second.id, "Engañoso")
    seeded.undo(change)  # taken back: the claim has no verdict in force
    with sqlite3.connect(seeded.db_path) as connection:
        rows = connection.execute("select claim_id, rating from latest_verdicts order by claim_id").fetchall()
    connection.close()
    assert rows == [(first.id, "True")]
    assert {c.id: c.rating for c in seeded.claims()[:2]} == {first.id: "True", second.id: None}
