"""The persisted candidate index for matching: index terms per claim under FTS5.

The lexical stage (workbench.matching.lexical) reads FTS5's posting lists of the query's rarest
terms from here and scores the claims on them by BM25 in numpy, so a lookup reads a few posting
lists instead of scanning every claim: FTS5's own bm25() ranking of an OR query cost several
times more. The store reads postings and lengths; the ranking is matching's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlite_utils import Database

from workbench.store.vectors import ClaimVectors

if TYPE_CHECKING:
    import numpy as np

LENGTH = "length(terms) - length(replace(terms, ' ', '')) + 1"
"""A claim's count of index terms, in SQL."""
POSTINGS_KEPT = 4_000_000
"""Claim ids of posting lists a MatchIndex keeps between lookups (32 MB)."""


class MatchIndex:
    def __init__(self, db: Database):
        self.db = db
        self._postings_kept: dict[str, np.ndarray] = {}
        self._ids_kept = 0
        self._lengths_kept: tuple[np.ndarray, float, int] | None = None
        self._stats_kept: tuple[float, int] | None = None

    def add(self, rows: Iterable[tuple[int, int, list[str]]]) -> None:
        """Index (claim_id, article_id, terms) rows; a claim indexed again replaces its terms."""
        self._forget_postings()
        self._lengths_kept = self._stats_kept = None
        self.db.table("claim_terms").upsert_all(
            ({"claim_id": c, "article_id": a, "terms": " ".join(terms)} for c, a, terms in rows), pk="claim_id"
        )

    def remove(self, claim_ids: list[int]) -> None:
        """Drop claims' terms and vectors: a claim whose text changed is read, indexed and embedded
        afresh, not from them."""
        self._forget_postings()
        self._lengths_kept = self._stats_kept = None
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            self.db.execute(f"DELETE FROM claim_terms WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk)
        ClaimVectors(self.db).remove(claim_ids)

    def compact(self) -> None:
        """Merge the FTS5 index of the terms into one segment. A bulk import leaves it in many, and
        every posting read probes each one: after a 100,000-claim archive a term's read took half
        the time once merged (22 -> 11 us a term; the merge took 0.6 s)."""
        self.db.execute("INSERT INTO claim_terms_fts (claim_terms_fts) VALUES ('optimize')")

    def add_context(self, rows: Iterable[tuple[int, str]]) -> None:
        """Store (claim_id, context) rows: an archived claim's headline, indexed and embedded beside
        its text (see m014_claim_context). A text edit keeps it; removing the claim forgets it."""
        self.db.table("claim_context").upsert_all(({"claim_id": c, "context": t} for c, t in rows if t), pk="claim_id")

    def has_context(self) -> bool:
        """Whether any claim has a stored context (an archive imported with headlines)."""
        return self.db.execute("SELECT 1 FROM claim_context LIMIT 1").fetchone() is not None

    def contexts(self, claim_ids: list[int]) -> dict[int, str]:
        """The stored context of those claims that have one."""
        found: dict[int, str] = {}
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            rows = self.db.execute(
                f"SELECT claim_id, context FROM claim_context WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update(rows.fetchall())
        return found

    def all_terms(self) -> list[tuple[int, int, list[str]]]:
        """(claim_id, source group, terms) of every indexed claim, for whole-archive dedupe; the
        group is the article, or for an archived claim its own negated id (see store.claims.source_groups)."""
        rows = self.db.execute(
            "SELECT t.claim_id, CASE WHEN a.is_archive THEN -t.claim_id ELSE t.article_id END, t.terms "
            "FROM claim_terms t JOIN articles a ON a.id = t.article_id ORDER BY t.claim_id"
        )
        return [(claim_id, article_id, terms.split()) for claim_id, article_id, terms in rows.fetchall()]

    def indexed_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT claim_id FROM claim_terms").fetchall()]

    def size(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM claim_terms").fetchone()[0])

    def all_document_frequencies(self) -> dict[str, int]:
        """The whole vocabulary at once: cheaper than many lookups when a batch of queries follows."""
        return dict(self.db.execute("SELECT term, doc FROM claim_terms_vocab").fetchall())

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """The claims indexed under each of some terms (those under none are left out): a few
        queries read their own terms' instead of the whole vocabulary (100,000s of rows)."""
        wanted = sorted(set(terms))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.db.execute(
                f"SELECT term, doc FROM claim_terms_vocab WHERE term IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update(rows.fetchall())
        return found

    def lengths_read(self) -> bool:
        """Whether every claim's length is held already (then reading a few costs more than using them)."""
        return self._lengths_kept is not None

    def lengths(self) -> tuple[np.ndarray, float, int]:
        """Terms per claim indexed by claim id, their mean and the claims indexed; read once until
        the index changes."""
        import numpy as np

        if self._lengths_kept is None:
            rows = self.db.execute(f"SELECT claim_id, {LENGTH} FROM claim_terms").fetchall()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            counts = np.fromiter((r[1] for r in rows), dtype=np.float32, count=len(rows))
            lengths = np.ones(int(ids.max()) + 1 if len(ids) else 1, dtype=np.float32)
            lengths[ids] = counts
            self._lengths_kept = (lengths, float(counts.mean()) if len(counts) else 1.0, len(counts))
        return self._lengths_kept

    def length_stats(self) -> tuple[float, int]:
        """(mean terms per claim, claims indexed) from the totals triggers keep (m015), without
        reading every row out (a one-shot match scores a few thousand claims, not 100,000s)."""
        if self._stats_kept is None:
            count, total = self.db.execute("SELECT claims, terms FROM claim_terms_totals").fetchone()
            self._stats_kept = (total / count if count else 1.0, int(count))
        return self._stats_kept

    def lengths_of(self, ids: np.ndarray) -> np.ndarray:
        """Terms per claim of the given claims (by rowid, a read each), in their order."""
        import numpy as np

        wanted = np.unique(ids)
        found = np.ones(len(wanted), dtype=np.float32)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500].tolist()
            rows = self.db.execute(
                f"SELECT rowid, {LENGTH} FROM claim_terms WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk
            ).fetchall()
            if rows:
                where = np.searchsorted(wanted, [r[0] for r in rows])
                found[where] = [r[1] for r in rows]
        return found[np.searchsorted(wanted, ids)]

    def postings(self, term: str) -> np.ndarray:
        """Ids of the claims indexed under a term (claim_terms' rowid is its claim_id).

        Kept until the index changes, up to POSTINGS_KEPT ids: the middling terms that cost most
        to read (a country, a weekday, "launch") come back in query after query.
        """
        import numpy as np

        found = self._postings_kept.get(term)
        if found is not None:
            return found
        ids = self.db.execute(
            "SELECT group_concat(rowid) FROM claim_terms_fts WHERE claim_terms_fts MATCH ?", [_quoted(term)]
        ).fetchone()[0]
        found = np.fromstring(ids, dtype=np.int64, sep=",") if ids else np.empty(0, dtype=np.int64)
        if self._ids_kept + len(found) > POSTINGS_KEPT:
            self._forget_postings()
        self._postings_kept[term] = found
        self._ids_kept += len(found)
        return found

    def _forget_postings(self) -> None:
        self._postings_kept.clear()
        self._ids_kept = 0


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
