"""Schema migrations: what an empty database becomes, and that migrating again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench.errors import NotFound, StoreUnavailable
from workbench.store import open_db
from workbench.store.db import BUSY_TIMEOUT_MS
from workbench.store.migrations import TABLES, migrations

FTS_TABLES = {"claims_fts", "articles_fts"}


def schema_of(db: Database) -> list[tuple[str, str, str | None]]:
    """Every object SQLite keeps for the database, with the SQL that made it."""
    return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def applied_names(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def test_empty_database_gets_every_table(db_path: Path) -> None:
    db = open_db(db_path, create=True)
    try:
        assert TABLES | FTS_TABLES <= set(db.table_names())
        assert migrations.pending(db) == []
        assert applied_names(db)
    finally:
        db.close()


def test_fts_tables_follow_their_tables(db_path: Path) -> None:
    db = open_db(db_path, create=True)
    try:
        triggers = {row[0] for row in db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"claims", "articles"} <= triggers
    finally:
        db.close()


def test_applying_twice_is_a_no_op(db_path: Path) -> None:
    db = Database(db_path)
    migrations.apply(db)
    applied, schema = migrations.applied(db), schema_of(db)
    migrations.apply(db)
    assert migrations.applied(db) == applied
    assert schema_of(db) == schema
    db.close()


def test_reopening_a_database_does_not_migrate_again(db_path: Path) -> None:
    first = open_db(db_path, create=True)
    applied, schema = migrations.applied(first), schema_of(first)
    first.close()
    second = open_db(db_path)
    try:
        assert migrations.applied(second) == applied
        assert schema_of(second) == schema
    finally:
        second.close()


def test_journal_mode_is_wal_and_stays_wal(db_path: Path) -> None:
    open_db(db_path, create=True).close()
    db = open_db(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_busy_timeout_is_set(db_path: Path) -> None:
    db = open_db(db_path, create=True)
    try:
        assert BUSY_TIMEOUT_MS >= 1000
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    finally:
        db.close()


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    db = open_db(db_path, create=True)
    try:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()


def test_opening_a_missing_database_for_reading_creates_nothing(db_path: Path) -> None:
    with pytest.raises(NotFound):
        open_db(db_path)
    assert not db_path.exists()


def test_an_empty_sqlite_file_is_not_migrated_by_a_reader(db_path: Path) -> None:
    db_path.touch()
    with pytest.raises(NotFound):
        open_db(db_path)
    assert db_path.read_bytes() == b""


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable):
        open_db(tmp_path, create=True)


def test_a_writer_commits_while_a_reader_holds_a_snapshot(db_path: Path) -> None:
    """What WAL buys two reviewers: a long read does not lock out a write, and sees a stable snapshot."""
    writer, reader = open_db(db_path, create=True), open_db(db_path)
    count = "SELECT count(*) FROM meta WHERE key = 'draft'"
    try:
        reader.execute("BEGIN")
        assert reader.execute(count).fetchone()[0] == 0
        with writer.atomic():
            writer.execute("INSERT INTO meta (key, value) VALUES ('draft', 'committed')")
        assert reader.execute(count).fetchone()[0] == 0
        reader.execute("COMMIT")
        assert reader.execute(count).fetchone()[0] == 1
    finally:
        writer.close()
        reader.close()


def test_archives_stored_before_m006_leave_article_search(db_path: Path) -> None:
    db = Database(db_path)
    migrations.apply(db, stop_before="m006_archive_text_out_of_search")
    for id, text, is_archive in ((1, "misiles en el mar", 1), (2, "misiles en la frontera", 0)):
        db["articles"].insert(
            {
                "id": id,
                "title": f"T{id}",
                "language": "es",
                "text": text,
                "content_hash": str(id),
                "is_archive": is_archive,
            }
        )
    migrations.apply(db)
    assert [row[0] for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'misiles'")] == [2]
    assert [row[0] for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'T1'")] == [1]
    db.execute("DELETE FROM articles")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    db.close()


def test_claim_search_follows_text_not_status(db_path: Path) -> None:
    db = open_db(db_path, create=True)
    try:
        db["articles"].insert({"id": 1, "title": "T", "language": "es", "text": "x", "content_hash": "h"})
        db["claims"].insert({"id": 1, "article_id": 1, "text": "dos misiles", "kind": "event", "status": "new"})
        db.execute("UPDATE claims SET status = 'checked', version = 2 WHERE id = 1")
        db.execute("UPDATE claims SET text = 'tres drones' WHERE id = 1")
        found = [row[0] for row in db.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'drones'")]
        assert (
            found == [1] and not db.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'misiles'").fetchall()
        )
        db.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
    finally:
        db.close()


def test_index_totals_follow_every_write_to_the_index(db_path: Path) -> None:
    """m015's triggers keep the claim count and term total BM25's mean length needs equal to a scan
    of claim_terms, through inserts, upserts, a claim without terms, and deletes; a database indexed
    before m015 starts from its own totals."""
    from workbench.store.match_index import LENGTH, MatchIndex

    def scanned(db: Database) -> tuple[int, int]:
        count, total = db.execute(f"SELECT count(*), coalesce(sum({LENGTH}), 0) FROM claim_terms").fetchone()
        return count, total

    def kept(db: Database) -> tuple[int, int]:
        return db.execute("SELECT claims, terms FROM claim_terms_totals").fetchone()

    db = Database(db_path)
    migrations.apply(db, stop_before="m015_claim_terms_totals")
    db["articles"].insert({"id": 1, "title": "T", "language": "es", "text": "x", "content_hash": "h"})
    for claim_id in (1, 2, 3, 4):
        db["claims"].insert({"id": claim_id, "article_id": 1, "text": f"c{claim_id}", "kind": "event", "status": "new"})
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (1, 1, 'misil e_north_korea y_2023')")
    migrations.apply(db)
    assert kept(db) == scanned(db) == (1, 3)
    index = MatchIndex(db)
    index.add([(2, 1, ["dron", "moscu"]), (3, 1, ["puent"])])
    index.add([(2, 1, ["dron", "moscu", "lunes", "d_2024_01_01"])])  # indexed again: replaced
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (4, 1, NULL)")
    assert kept(db) == scanned(db) == (4, 3 + 4 + 1)
    index.remove([1, 4])
    assert kept(db) == scanned(db) == (2, 5)
    assert index.length_stats() == (2.5, 2)
    db.close()
