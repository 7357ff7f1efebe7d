"""The persisted candidate index for matching: index terms per claim, and their posting lists.

The lexical stage (workbench.matching.lexical) reads the posting lists of the query's terms from
here (one BLOB a term, workbench/store/postings.py) and scores the claims on them by BM25 in
numpy, so a lookup reads a few lists instead of scanning every claim: FTS5's own bm25() ranking
of an OR query cost several times more, and reading FTS5's doclists through group_concat most of
a lexical match at a million claims. The store reads postings and lengths; the ranking is matching's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from workbench.store import postings as posting_lists
from workbench.store.connection import Database
from workbench.store.vectors import ClaimVectors

if TYPE_CHECKING:
    import numpy as np

LENGTH = "length(terms) - length(replace(terms, ' ', '')) + 1"
"""A claim's count of index terms, in SQL."""
POSTINGS_KEPT = 16_000_000
"""Claim ids of posting lists a MatchIndex keeps between lookups (64 MB): at a million claims a
query of common words reads a dozen lists of 10,000-300,000 ids each, and with 16 MB kept they
were read again in nearly every query (1.1 ms of its lexical stage); 200 queries kept 13 million."""


class MatchIndex:
    def __init__(self, db: Database):
        self.db = db
        self._postings_kept: dict[str, np.ndarray] = {}
        self._ids_kept = 0
        self._lengths_kept: tuple[np.ndarray, float, int] | None = None
        self._stats_kept: tuple[float, int] | None = None
        self._stale_kept: posting_lists.Stale | None = None
        self._stale_read = False

    def add(self, rows: Iterable[tuple[int, int, list[str]]]) -> None:
        """Index (claim_id, article_id, terms) rows; a claim indexed again replaces its terms."""
        self.db.table("claim_terms").upsert_all(
            ({"claim_id": c, "article_id": a, "terms": " ".join(terms)} for c, a, terms in rows), pk="claim_id"
        )
        self.fold_changes()

    def remove(self, claim_ids: list[int]) -> None:
        """Drop claims' terms and vectors: a claim whose text changed is read, indexed and embedded
        afresh, not from them."""
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            self.db.execute(f"DELETE FROM claim_terms WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk)
        self.fold_changes()
        ClaimVectors(self.db).remove(claim_ids)

    def compact(self) -> None:
        """Merge the FTS5 index of the terms into one segment. A bulk import leaves it in many.
        Matching reads the posting lists of m018 instead since, so the FTS5 index over
        claim_terms is only kept (and merged) until a migration drops it."""
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
        """Claims indexed, from the totals triggers keep (m015): a count(*) reads the whole table."""
        return int(self.db.execute("SELECT claims FROM claim_terms_totals").fetchone()[0])

    def all_document_frequencies(self) -> dict[str, int]:
        """The whole vocabulary at once: cheaper than many lookups when a batch of queries follows."""
        return self._up_to_date(posting_lists.read_frequencies(self.db), None)

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """The claims indexed under each of some terms (those under none are left out): a few
        queries read their own terms' instead of the whole vocabulary (100,000s of rows)."""
        wanted = sorted(set(terms))
        return self._up_to_date(posting_lists.read_frequencies(self.db, wanted), set(wanted))

    def _up_to_date(self, found: dict[str, int], asked: set[str] | None) -> dict[str, int]:
        """Stored counts of claims per term, with the changes not folded yet (of the terms asked,
        or of all when None)."""
        stale = self._stale()
        if stale is None:
            return found
        for term, change in stale.frequencies.items():
            if asked is None or term in asked:
                found[term] = found.get(term, 0) + change
        return {t: n for t, n in found.items() if n > 0}

    def lengths(self) -> tuple[np.ndarray, float, int]:
        """Terms per claim indexed by claim id (as float32, 0 for an id not indexed), their mean
        and the claims indexed; read once until the index changes (one BLOB, m018)."""
        import numpy as np

        if self._lengths_kept is None:
            lengths = posting_lists.read_lengths(self.db).astype(np.float32)
            stale = self._stale()
            if stale is not None and stale.lengths:
                grown = max(len(lengths), max(stale.lengths) + 1)
                lengths = np.concatenate([lengths, np.zeros(grown - len(lengths), dtype=np.float32)])
                lengths[list(stale.lengths)] = list(stale.lengths.values())
            self._lengths_kept = (lengths, *self.length_stats())
        return self._lengths_kept

    def length_stats(self) -> tuple[float, int]:
        """(mean terms per claim, claims indexed) from the totals triggers keep (m015), without
        reading every row out."""
        if self._stats_kept is None:
            count, total = self.db.execute("SELECT claims, terms FROM claim_terms_totals").fetchone()
            self._stats_kept = (total / count if count else 1.0, int(count))
        return self._stats_kept

    def postings(self, term: str) -> np.ndarray:
        """Ids of the claims indexed under a term, sorted int32 (one BLOB, m018).

        Kept until the index changes, up to POSTINGS_KEPT ids: the middling terms that cost most
        to read (a country, a weekday, "launch") come back in query after query.
        """
        found = self._postings_kept.get(term)
        if found is not None:
            return found
        found = self._read(term)
        if self._ids_kept + len(found) > POSTINGS_KEPT:
            self._postings_kept.clear()
            self._ids_kept = 0
        self._postings_kept[term] = found
        self._ids_kept += len(found)
        return found

    def _read(self, term: str) -> np.ndarray:
        listed = posting_lists.read_list(self.db, term)
        stale = self._stale()
        return listed if stale is None else stale.postings(listed, term)

    def fold_changes(self) -> None:
        """Write the claims whose terms changed into the stored posting lists (postings.fold):
        every write to the index ends with it, so readers seldom lay changes over the lists."""
        posting_lists.fold(self.db)
        self._forget()

    def _stale(self) -> posting_lists.Stale | None:
        """Changes not folded into the lists yet (another writer's, mid-write), read once."""
        if not self._stale_read:
            self._stale_kept, self._stale_read = posting_lists.read_stale(self.db), True
        return self._stale_kept

    def _forget(self) -> None:
        """Forget what was read of the index: it changed."""
        self._postings_kept.clear()
        self._ids_kept = 0
        self._lengths_kept = self._stats_kept = self._stale_kept = None
        self._stale_read = False
