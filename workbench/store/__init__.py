"""The store owns every line of SQL in the workbench."""

import sqlite3

from workbench.store.db import open_db
from workbench.store.repo import Store

DatabaseError = sqlite3.Error
"""What SQLite raises; the shells catch it by this name, so only the store imports sqlite3."""


def describe_database_error(error: sqlite3.Error) -> str:
    """One sentence for a database failure, the same in the CLI and the TUI. A lock another
    connection held past the busy timeout is said as such: a retry may well succeed."""
    if isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error)):
        return "Another program holds the database (an import or another reviewer's write); try again in a moment."
    return f"The database could not be used: {error}."


__all__ = ["DatabaseError", "Store", "describe_database_error", "open_db"]
