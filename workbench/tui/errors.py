"""How a failed call into the core reads on screen: one sentence, as the CLI would print it."""

from __future__ import annotations

import sqlite3

from workbench.errors import WorkbenchError


def describe(error: BaseException) -> str:
    """One sentence for the user, as the CLI would print it."""
    if isinstance(error, WorkbenchError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return f"The database could not be used: {error}."
    return f"Unexpected error: {error!r}"
