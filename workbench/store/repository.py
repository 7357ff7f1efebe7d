"""What every repository of the store stands on: the store's one connection, its acting reviewer,
its transactions and its audit. A repository is a small group of reads and writes that belong
together; it reaches the session through the store that holds it, so every write still lands in
the store's transaction and leaves its audit row."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.domain.records import Article
    from workbench.models import ClaimRow
    from workbench.store.connection import Database
    from workbench.store.match_index import MatchIndex
    from workbench.store.repo import Store

Params = Sequence[object] | dict[str, object] | None
"""Parameters of one SQL statement, by position or by name."""

CHUNK = 500
"""Ids per `IN (...)` list: SQLite limits the variables of one statement."""


class Repository:
    """A repository on the session of `store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> Database:
        return self.store.db

    @property
    def actor(self) -> str:
        return self.store.actor

    @property
    def index(self) -> MatchIndex:
        return self.store.index

    def transaction(self) -> AbstractContextManager[None]:
        return self.store.transaction()

    def claim(self, claim_id: int) -> ClaimRow:
        return self.store.claims.get(claim_id)

    def article(self, article_id: int) -> Article:
        return self.store.articles.get(article_id)

    def _audit(self, action: str, table_name: str, row_id: int | None, before: object, after: object) -> None:
        self.store.audit.record(action, table_name, row_id, before, after)

    def _all(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _one(self, sql: str, params: Params = None) -> dict[str, Any] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _in_chunks(self, sql: str, ids: list[int], size: int = CHUNK) -> Iterator[dict[str, Any]]:
        """Run an `IN ({})` query in slices, under SQLite's bound-parameter limit."""
        for i in range(0, len(ids), size):
            chunk = ids[i : i + size]
            yield from self._all(sql.format(", ".join("?" for _ in chunk)), chunk)
