"""The store owns every line of SQL in the workbench."""

from workbench.store.db import open_db
from workbench.store.repo import Store

__all__ = ["Store", "open_db"]
