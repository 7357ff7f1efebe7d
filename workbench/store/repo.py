"""The store: one connection, its acting reviewer and its transactions, and the small
repositories that read and write the workbench's tables on them. Every write leaves an audit row
in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.store.archive_staging import ArchiveStaging
from workbench.store.articles import Articles
from workbench.store.audit import Audit
from workbench.store.claim_writes import ClaimWrites
from workbench.store.claims import Claims
from workbench.store.connection import Database
from workbench.store.links import Links
from workbench.store.match_index import MatchIndex
from workbench.store.meta import Meta
from workbench.store.review import ReviewWrites
from workbench.store.sources import Sources
from workbench.store.vectors import ClaimVectors
from workbench.store.verdicts import Verdicts


class Store:
    """One connection and thread's session, and the repositories on it: `articles`, `claims`,
    `verdicts`, `sources`, `links`, `audit` and `meta` read and write their tables.

    Reviewers' changes to a claim's content (edit, split, merge) are `edits` (ClaimWrites); taking
    back verdicts, sources and link decisions is `review` (ReviewWrites). Both share this
    connection, its transactions and its audit, as does `staging` (ArchiveStaging): archive imports
    staged in chunks and published whole.
    """

    def __init__(self, db: Database, actor: str):
        self.db = db
        self.actor = actor
        self.index = MatchIndex(db)
        self.vectors = ClaimVectors(db)
        self.meta = Meta(self)
        self.articles = Articles(self)
        self.claims = Claims(self)
        self.verdicts = Verdicts(self)
        self.sources = Sources(self)
        self.links = Links(self)
        self.audit = Audit(self)
        self.edits = ClaimWrites(self)
        self.review = ReviewWrites(self)
        self.staging = ArchiveStaging(self)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so they land together or not at all.

        The outermost transaction begins IMMEDIATE: it takes the write lock up front, waiting
        (busy_timeout) for another reviewer's write to finish, instead of starting as a reader
        and failing with SQLITE_BUSY when it later needs to write. Inner ones are savepoints.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.execute("COMMIT")

    def backup(self, target: Path) -> None:
        destination = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(destination)
        finally:
            destination.close()
