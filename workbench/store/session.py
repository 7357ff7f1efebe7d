"""One store on one connection for one call of the core, and the boundary SQLite errors stop at.

Every Workbench call opens a session and closes it on the way out; whatever SQLite raises inside
(a locked or full database, a table another program dropped) leaves as StoreUnavailable, so the
shells never see sqlite3 and report it as they report any workbench error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import StoreUnavailable
from workbench.store.db import open_db
from workbench.store.repo import Store


def describe_database_error(error: sqlite3.Error) -> str:
    """One sentence for a database failure, the same in the CLI and the TUI. A lock another
    connection held past the busy timeout is said as such: a retry may well succeed."""
    if isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error)):
        return "Another program holds the database (an import or another reviewer's write); try again in a moment."
    return f"The database could not be used: {error}."


@contextmanager
def session(path: Path, actor: str, *, create: bool = False) -> Iterator[Store]:
    """A store on a fresh connection to `path`, closed afterwards; SQLite failures become StoreUnavailable."""
    try:
        store = Store(open_db(path, create=create), actor)
    except sqlite3.Error as error:
        raise StoreUnavailable(describe_database_error(error)) from error
    try:
        yield store
    except sqlite3.Error as error:
        raise StoreUnavailable(describe_database_error(error)) from error
    finally:
        store.close()
