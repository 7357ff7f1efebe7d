"""The persisted candidate index for matching: index terms per claim under FTS5.

Candidate search asks FTS5 (BM25) for the claims sharing the query's rarest terms, so a
lookup reads a few posting lists instead of scanning every claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

QUERY_TERMS = 16
"""The rarest terms of a query that go to FTS5; common ones add cost, not candidates."""


class MatchIndex:
    def __init__(self, db: Database):
        self.db = db

    def add(self, rows: Iterable[tuple[int, int, list[str]]]) -> None:
        """Index (claim_id, article_id, terms) rows; a claim indexed again replaces its terms."""
        self.db["claim_terms"].upsert_all(
            ({"claim_id": c, "article_id": a, "terms": " ".join(terms)} for c, a, terms in rows), pk="claim_id"
        )

    def remove(self, claim_ids: list[int]) -> None:
        for claim_id in claim_ids:
            self.db.execute("DELETE FROM claim_terms WHERE claim_id = ?", [claim_id])

    def all_terms(self) -> list[tuple[int, int, list[str]]]:
        """(claim_id, article_id, terms) of every indexed claim, for whole-archive dedupe."""
        rows = self.db.execute("SELECT claim_id, article_id, terms FROM claim_terms ORDER BY claim_id")
        return [(claim_id, article_id, terms.split()) for claim_id, article_id, terms in rows.fetchall()]

    def indexed_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT claim_id FROM claim_terms").fetchall()]

    def size(self) -> int:
        return self.db.execute("SELECT count(*) FROM claim_terms").fetchone()[0]

    def all_document_frequencies(self) -> dict[str, int]:
        """The whole vocabulary at once: cheaper than many lookups when a batch of queries follows."""
        return dict(self.db.execute("SELECT term, doc FROM claim_terms_vocab").fetchall())

    def candidates(self, terms: list[str], limit: int, frequencies: dict[str, int], common: float) -> list[int]:
        """Claim ids sharing the query's rarest terms, best BM25 first; terms in more than `common`
        claims are left out unless nothing rarer is there."""
        present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: frequencies[t])
        present = [t for t in present if frequencies[t] <= common][:QUERY_TERMS] or present[:4]
        if not present:
            return []
        query = " OR ".join('"' + term.replace('"', '""') + '"' for term in present)
        rows = self.db.execute(
            "SELECT claim_terms.claim_id FROM claim_terms_fts JOIN claim_terms ON claim_terms.rowid = claim_terms_fts.rowid "
            "WHERE claim_terms_fts MATCH ? ORDER BY rank LIMIT ?",
            [query, limit],
        )
        return [row[0] for row in rows.fetchall()]
