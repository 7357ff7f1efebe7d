"""A workbench database's connection: plain sqlite3 for what every command reads, sqlite-utils'
table helpers loaded only when a write asks for them.

Importing sqlite-utils (its regular expressions, dateutil, its plugins' entry points scanned when
a Database is made) cost a one-shot `workbench match` 0.17 s of its 0.84 s at 100,000 claims,
and a match reads with SQL alone. `execute` commits a write it began outside a transaction, as
sqlite-utils' own does, so both sides of the connection behave alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table

TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
"""Statements `execute` never commits after (sqlite-utils' own list)."""


class Database:
    """One sqlite3 connection (`conn`) to a workbench database, on a path or an open connection."""

    def __init__(self, path_or_conn: Path | str | sqlite3.Connection):
        self.conn = path_or_conn if isinstance(path_or_conn, sqlite3.Connection) else sqlite3.connect(str(path_or_conn))
        self._utils: sqlite_utils.Database | None = None

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils over this same connection, imported the first time a write needs it."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement. A write that opened a transaction of its own is committed at once
        (and rolled back if it failed), so a write outside `Store.transaction` is never left open."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and first_keyword(sql) not in TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def table(self, name: str) -> Table:
        return self.utils.table(name)

    def __getitem__(self, name: str) -> Table:
        return self.table(name)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A savepoint inside an open transaction, a transaction outside one (sqlite-utils' atomic)."""
        with self.utils.atomic():
            yield

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def enable_wal(self) -> None:
        """Write-ahead logging, so readers never wait for a writer; outside any transaction."""
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode=wal")

    def close(self) -> None:
        self.conn.close()


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper case, past blanks, semicolons and comments."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in ";\ufeff":
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            i = n if newline == -1 else newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            break
    end = i
    while end < n and (sql[end].isalnum() or sql[end] == "_"):
        end += 1
    return sql[i:end].upper()
