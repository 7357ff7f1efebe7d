"""Ids are never given twice (issue 15): m011 rebuilds claims and links with AUTOINCREMENT keeping
everything a database built by the earlier migrations holds, and an undone claim's id stays its own."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from workbench.service import Workbench
from workbench.store import open_db
from workbench.store.migrations import migrations

M011 = "m011_ids_never_reused"


def schema_objects(db: Database) -> set[tuple[str, str]]:
    return {
        (row[0], row[1]) for row in db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    }


def build_before_m011(path: Path) -> Database:
    """A database as the previous version left it, with claims, entities, verdicts, sources, a
    link and a claim deleted above the others (its id only in the audit)."""
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before=M011)
    db["articles"].insert(
        {"id": 1, "title": "T", "language": "es", "text": "dos misiles. tres drones.", "content_hash": "h"}
    )
    for claim_id, text in ((1, "Corea lanzó dos misiles"), (2, "Rusia envió tres drones")):
        db["claims"].insert({"id": claim_id, "article_id": 1, "text": text, "kind": "event", "status": "new"})
        db["entities"].insert({"claim_id": claim_id, "text": text.split()[0], "label": "LOC", "start": 0, "end": 5})
        db["claim_terms"].insert({"claim_id": claim_id, "article_id": 1, "terms": f"t{claim_id} comun"})
    db["verdicts"].insert({"claim_id": 1, "rating": "False", "reviewer": "ana", "at": "2026-01-01"})
    db["sources"].insert({"id": 1, "url": "https://example.org/a"})
    db["claim_sources"].insert({"claim_id": 2, "source_id": 1, "stance": "context"})
    db["links"].insert({"id": 4, "claim_a": 1, "claim_b": 2, "relation": "duplicate", "state": "suggested"})
    db["audit"].insert({"at": "x", "actor": "ana", "action": "add_claim", "table_name": "claims", "row_id": 3})
    db["audit"].insert({"at": "x", "actor": "ana", "action": "undo_link", "table_name": "links", "row_id": 9})
    return db


def test_m011_keeps_every_row_index_trigger_and_key(tmp_path: Path):
    path = tmp_path / "old.db"
    db = build_before_m011(path)
    skip = ("claims_fts", "articles_fts", "claim_terms_fts", "_sqlite_migrations")
    tables = [t for t in db.table_names() if not t.startswith(skip)]
    rows = {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    objects = schema_objects(db)
    db.close()

    db = open_db(path)
    try:
        assert [m.name for m in migrations.pending(db)] == []
        added = schema_objects(db) - objects
        assert objects <= schema_objects(db) and all(
            name.startswith(
                ("archive_", "idx_archive_", "claim_context", "claim_terms_totals", "claim_postings", "vector_lists")
            )
            or name == "claim_vectors_lists"
            or name == "latest_verdicts"
            for _, name in added
        )
        assert {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables} == rows
        for table in ("claims", "links"):
            assert "AUTOINCREMENT" in db[table].schema
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in db.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'drones'")] == [2]
        db.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
        # The triggers came back: a new claim is searchable; ids start above the audited claim 3.
        db["claims"].insert({"article_id": 1, "text": "Japón vio cuatro aviones", "kind": "event", "status": "new"})
        new_id = db.execute("SELECT max(id) FROM claims").fetchone()[0]
        assert new_id == 4
        assert [r[0] for r in db.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'aviones'")] == [4]
        db["links"].insert({"claim_a": 1, "claim_b": 4, "relation": "duplicate", "state": "suggested"})
        assert db.execute("SELECT max(id) FROM links").fetchone()[0] == 10
        # Foreign keys still hold against the rebuilt parent.
        db.execute("PRAGMA foreign_keys = ON")
        try:
            db["verdicts"].insert({"claim_id": 999, "rating": "False", "reviewer": "x", "at": "y"})
        except Exception as error:  # noqa: BLE001 - the refusal is what is asserted
            assert "FOREIGN KEY" in str(error)
        else:
            raise AssertionError("a verdict on a missing claim was stored")
    finally:
        db.close()


def test_an_undone_claim_keeps_its_id_and_history(seeded: Workbench):
    last = max(c.id for c in seeded.claims())
    text = seeded.article_text(1)
    start = text.index("los dos líderes intercambiaron un apretón de manos")
    end = start + len("los dos líderes intercambiaron un apretón de manos")
    change = seeded.add_claim(1, start, end)
    assert change.claim_id == last + 1
    seeded.undo(change)
    again = seeded.add_claim(1, start, end)
    assert again.claim_id == last + 2
    rows = seeded.history(again.claim_id)
    assert [row["action"] for row in rows if row["table_name"] == "claims"] == ["add_claim"]
    assert {row["row_id"] for row in rows if row["table_name"] == "claims"} == {again.claim_id}
