"""Opening a database file safely: check it, tune it, migrate it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from workbench.errors import NotFound, StoreUnavailable
from workbench.store.connection import Database
from workbench.store.migrations import migrations

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def open_db(path: Path, *, create: bool = False) -> Database:
    """Open (and with create=True, make) a workbench database, migrated to the latest schema.

    The file is checked before SQLite touches it, so a wrong --db never gets modified.

    :param path: the database file.
    :param create: make the file when it does not exist; commands that only read
      or annotate existing claims pass False so a typo does not leave an empty db behind.
    """
    path = Path(path)
    _check_file(path, create=create)
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        _check_not_newer(db, path)
        if migrations.pending(db):
            if not migrations.applied(db):
                _check_fresh(db, path, create=create)
            db.enable_wal()
            migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise StoreUnavailable(f"Cannot use {path} as a workbench database: {error}.") from error
    return db


def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row and return its id; sqlite-utils types `last_pk` as optional, but after an
    insert into a rowid table it is always the new row's id."""
    pk = db.table(table).insert(row).last_pk
    assert isinstance(pk, int)
    return pk


def _check_not_newer(db: Database, path: Path) -> None:
    """A database a newer workbench migrated is left alone: this version would write it wrongly."""
    known = {migration.name for migration in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        db.close()
        raise StoreUnavailable(
            f"{path} was written by a newer workbench (schema step {unknown[0]}); update the workbench to use it."
        )


def _check_fresh(db: Database, path: Path, *, create: bool) -> None:
    """Only an empty database becomes a workbench database: another program's is left alone."""
    if db.table_names():
        db.close()
        raise StoreUnavailable(f"{path} is a SQLite database of another program, not a workbench database.")
    if not create:
        db.close()
        raise NotFound(f"{path} holds no workbench data; import an article first.")


def _check_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StoreUnavailable(f"{path} is a folder, not a database file.")
    if path.exists() and not path.is_file():
        raise StoreUnavailable(f"{path} is not a regular file (a pipe or a device), so it cannot be a database.")
    if not path.exists():
        if not create:
            raise NotFound(f"There is no database at {path}; import an article first.")
        if not path.parent.exists():
            raise StoreUnavailable(f"Cannot create {path}: the folder {path.parent} does not exist.")
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreUnavailable(f"Cannot read {path}: {error.strerror}.") from error
    if header and header != SQLITE_HEADER:
        raise StoreUnavailable(f"{path} is not a SQLite database.")
