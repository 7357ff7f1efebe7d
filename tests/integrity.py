"""What a reader of the database sees, for tests that a failed or killed command changed nothing
visible (an archive import's staged rows and reserved ids are invisible by design)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

INVISIBLE = ('INSERT INTO "archive_', 'INSERT INTO "sqlite_sequence"', 'DELETE FROM "sqlite_sequence"')


def visible_dump(path: Path) -> list[str]:
    """The database as SQL, without the archive staging tables' rows and the id sequences."""
    connection = sqlite3.connect(path)
    try:
        return [line for line in connection.iterdump() if not line.startswith(INVISIBLE)]
    finally:
        connection.close()


def staged_rows(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM archive_staged_claims").fetchone()[0]
    finally:
        connection.close()
