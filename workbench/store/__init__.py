"""The store owns every line of SQL in the workbench."""

import sqlite3

from workbench.store.db import open_db
from workbench.store.repo import Store
from workbench.store.session import describe_database_error, session

DatabaseError = sqlite3.Error
"""What SQLite raises. A session turns it into StoreUnavailable, so it reaches no shell; the shells
still describe it by this name should a call bypass a session."""


__all__ = ["DatabaseError", "Store", "describe_database_error", "open_db", "session"]
