"""The store's connection (workbench/store/connection.py): plain sqlite3 for reads, writes
committed as sqlite-utils commits them, sqlite-utils' table helpers on the same connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.store.connection import Database, first_keyword


def other_count(path: Path) -> int:
    """Rows of t as another connection sees them: only what was committed."""
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM t").fetchone()[0])
    finally:
        con.close()


def test_a_write_outside_a_transaction_is_committed_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = Database(path)
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT NOT NULL)")
    db.execute("INSERT INTO t (x, y) VALUES (?, ?)", [1, "a"])
    assert not db.conn.in_transaction and other_count(path) == 1
    db.close()


def test_a_failed_write_leaves_no_transaction_open(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = Database(path)
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT NOT NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (x, y) VALUES (1, NULL)")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO t (x, y) VALUES (2, 'b')")
    assert other_count(path) == 1
    db.close()


def test_writes_inside_a_transaction_wait_for_its_commit(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = Database(path)
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT NOT NULL)")
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t (x, y) VALUES (1, 'a')")
    assert db.conn.in_transaction and other_count(path) == 0
    db.execute("COMMIT")
    assert other_count(path) == 1
    db.close()


def test_table_helpers_work_on_the_same_connection(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = Database(path)
    db.table("t").insert_all([{"x": 1, "y": "a"}, {"x": 2, "y": "b"}], pk="x")
    assert db.table_names() == ["t"]
    assert db.execute("SELECT y FROM t ORDER BY x").fetchall() == [("a",), ("b",)]
    with db.atomic():
        db["t"].insert({"x": 3, "y": "c"})
    assert other_count(path) == 3
    db.close()


@pytest.mark.parametrize(
    ("sql", "keyword"),
    [("  select 1", "SELECT"), ("-- note\n begin immediate", "BEGIN"), ("/* a */ ;Commit", "COMMIT"), ("", "")],
)
def test_first_keyword_skips_blanks_and_comments(sql: str, keyword: str) -> None:
    assert first_keyword(sql) == keyword
