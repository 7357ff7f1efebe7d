"""The persisted candidate index for matching: index terms per claim under FTS5.

Candidate search reads FTS5's posting lists of the query's rarest terms and scores the claims
on them by summed idf, so a lookup reads a few posting lists instead of scanning every claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sqlite_utils import Database

if TYPE_CHECKING:
    import numpy as np

QUERY_TERMS = 16
"""The rarest terms of a query that go to FTS5; common ones add cost, not candidates."""
NEAR_COPIES_READ = 500
"""When more claims than the candidates wanted hold all but one telling term, up to this many of
them (most telling first) are ranked by all their index terms."""
POSTINGS_KEPT = 4_000_000
"""Claim ids of posting lists a MatchIndex keeps between lookups (32 MB)."""


class MatchIndex:
    def __init__(self, db: Database):
        self.db = db
        self._postings_kept: dict[str, np.ndarray] = {}
        self._ids_kept = 0

    def add(self, rows: Iterable[tuple[int, int, list[str]]]) -> None:
        """Index (claim_id, article_id, terms) rows; a claim indexed again replaces its terms."""
        self._forget_postings()
        self.db["claim_terms"].upsert_all(
            ({"claim_id": c, "article_id": a, "terms": " ".join(terms)} for c, a, terms in rows), pk="claim_id"
        )

    def remove(self, claim_ids: list[int]) -> None:
        """Drop claims' terms: a claim whose text changed is read and indexed afresh, not from them."""
        self._forget_postings()
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            self.db.execute(f"DELETE FROM claim_terms WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk)

    def all_terms(self) -> list[tuple[int, int, list[str]]]:
        """(claim_id, source group, terms) of every indexed claim, for whole-archive dedupe; the
        group is the article, or for an archived claim its own negated id (see Store.source_groups)."""
        rows = self.db.execute(
            "SELECT t.claim_id, CASE WHEN a.is_archive THEN -t.claim_id ELSE t.article_id END, t.terms "
            "FROM claim_terms t JOIN articles a ON a.id = t.article_id ORDER BY t.claim_id"
        )
        return [(claim_id, article_id, terms.split()) for claim_id, article_id, terms in rows.fetchall()]

    def indexed_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT claim_id FROM claim_terms").fetchall()]

    def size(self) -> int:
        return self.db.execute("SELECT count(*) FROM claim_terms").fetchone()[0]

    def all_document_frequencies(self) -> dict[str, int]:
        """The whole vocabulary at once: cheaper than many lookups when a batch of queries follows."""
        return dict(self.db.execute("SELECT term, doc FROM claim_terms_vocab").fetchall())

    def candidates(
        self, terms: list[str], limit: int, frequencies: dict[str, int], common: float, idf: Callable[[str], float]
    ) -> list[int]:
        """Claim ids worth comparing with a query, best first.

        First the claims holding all but one of the query's five most telling terms (near
        copies, however common each term is alone), then those sharing its rarer terms, by
        the summed idf of the terms shared; terms in more than `common` claims join the
        second search only when nothing rarer is there. Each term's posting list is read
        once and scored here: FTS5's BM25 ranking of an OR query cost several times more.
        """
        present = sorted({t for t in terms if frequencies.get(t)}, key=lambda t: (frequencies[t], t))
        if not present:
            return []
        telling = _telling(present, frequencies)
        rare = [t for t in present if frequencies[t] <= common][:QUERY_TERMS] or present[:4]
        postings = {term: self._postings(term) for term in dict.fromkeys(telling + rare)}
        found: list[int] = []
        if len(telling) >= 3:
            found = _best(
                [postings[t] for t in telling],
                [idf(t) for t in telling],
                max(NEAR_COPIES_READ, limit),
                len(telling) - 1,
            )
            if len(found) > limit:
                found = self._closest(found, terms, idf)[:limit]
        found += _best([postings[t] for t in rare], [idf(t) for t in rare], limit)
        return list(dict.fromkeys(found))[:limit]

    def _closest(self, claim_ids: list[int], terms: list[str], idf: Callable[[str], float]) -> list[int]:
        """Claims by the idf-weighted cosine of their index terms with the query's, closest first:
        five telling terms cannot tell apart hundreds of near copies of one template, all the
        terms can, and reading a few hundred claims' terms costs less than comparing them."""
        query = {term: idf(term) for term in terms}
        query_norm = math.sqrt(sum(w * w for w in query.values()))
        marks = ", ".join("?" * len(claim_ids))
        score = {}
        for claim_id, stored in self.db.execute(
            f"SELECT claim_id, terms FROM claim_terms WHERE claim_id IN ({marks})", claim_ids
        ).fetchall():
            own = set(stored.split())
            shared = sum(query[term] ** 2 for term in own if term in query)
            score[claim_id] = shared / (query_norm * math.sqrt(sum(idf(term) ** 2 for term in own)) or 1.0)
        return sorted(claim_ids, key=lambda c: (-score.get(c, 0.0), c))

    def _postings(self, term: str) -> np.ndarray:
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


def _best(postings: list[np.ndarray], weights: list[float], limit: int, at_least: int = 1) -> list[int]:
    """Claims by the summed weight of the posting lists they are on, best first (ties: older first);
    only claims on at least `at_least` of the lists."""
    import numpy as np

    ids = np.concatenate(postings)
    if not len(ids):
        return []
    claims, where = np.unique(ids, return_inverse=True)
    score = np.bincount(where, weights=np.repeat(weights, [len(p) for p in postings]))
    if at_least > 1:
        keep = np.bincount(where) >= at_least
        claims, score = claims[keep], score[keep]
    order = np.lexsort((claims, -score))[:limit]
    return claims[order].tolist()


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _telling(ranked: list[str], frequencies: dict[str, int], count: int = 5) -> list[str]:
    """The rarest terms, skipping one whose frequency is within 1% of a term already taken:
    the words of one phrase ("estado mayor conjunto") travel together and tell no more."""
    taken: list[str] = []
    for term in ranked:
        if all(abs(frequencies[term] - frequencies[t]) > 0.01 * frequencies[t] for t in taken):
            taken.append(term)
        if len(taken) == count:
            break
    return taken
