"""The store owns every line of SQL in the workbench."""

import sqlite3

from workbench.store.db import open_db
from workbench.store.repo import Store

DatabaseError = sqlite3.Error
"""What SQLite raises; the shells catch it by this name, so only the store imports sqlite3."""


def describe_database_error(error: sqlite3.Error) -> str:
    """One sentence for a database failure, the same in the CLI and the TUI."""
    return f"The database could not be used: {error}."


__all__ = ["DatabaseError", "Store", "describe_database_error", "open_db"]
