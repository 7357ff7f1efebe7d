"""The match index's posting lists as BLOBs (m018): a term's claims as one BLOB of sorted int32
ids, every claim's count of terms as another, so the lexical stage reads a term's claims with one
row read and numpy instead of FTS5's doclists through group_concat (63 % of a lexical match at a
million claims).

Writes to claim_terms do not rewrite the lists: triggers note each changed claim (with the terms
it had when the lists were written) in claim_postings_stale, and fold() writes them into the lists
once the write is done, term by term, or all afresh when many claims changed (an archive import).
Until then readers read the noted claims over the lists (Stale), so a list is never out of date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.store.connection import Database

if TYPE_CHECKING:
    import numpy as np

REBUILD_SHARE = 0.2
"""When more than this share of the indexed claims changed, fold() writes every list afresh: a
pass over all claims costs less than reading and rewriting most lists one by one."""
CHUNK = 500
"""Terms read with one statement."""


def term_count(terms: str | None) -> int:
    """A claim's count of index terms as MatchIndex's LENGTH counts them in SQL (spaces + 1)."""
    return terms.count(" ") + 1 if terms else 0


def rebuild(db: Database) -> None:
    """Write every posting list and the claims' term counts afresh from claim_terms."""
    import numpy as np

    lists: defaultdict[str, list[int]] = defaultdict(list)
    ids, counts = [], []
    for claim_id, terms in db.execute("SELECT claim_id, terms FROM claim_terms ORDER BY claim_id"):
        ids.append(claim_id)
        counts.append(term_count(terms))
        for term in set(terms.split()) if terms else ():
            lists[term].append(claim_id)
    lengths = np.zeros(max(ids, default=0) + 1, dtype=np.uint16)
    lengths[ids] = np.minimum(counts, np.iinfo(np.uint16).max)
    db.execute("DELETE FROM claim_postings")
    db.conn.executemany(
        "INSERT INTO claim_postings (term, doc, ids) VALUES (?, ?, ?)",
        (_row(term, np.array(found, dtype=np.int32)) for term, found in lists.items()),
    )
    _write_lengths(db, lengths)
    db.execute("DELETE FROM claim_postings_stale")


def fold(db: Database) -> None:
    """Write the claims changed since the lists were written into them, and forget the changes."""
    import numpy as np

    changes = _changes(db)
    if not changes:
        return
    indexed = db.execute("SELECT claims FROM claim_terms_totals").fetchone()[0]
    if len(changes) > REBUILD_SHARE * max(indexed, 1):
        rebuild(db)
        return
    changed = np.array([c for c, _, _ in changes], dtype=np.int32)
    now: defaultdict[str, list[int]] = defaultdict(list)
    touched: set[str] = set()
    for claim_id, old, new in changes:
        touched.update(old.split() if old else ())
        for term in set(new.split()) if new else ():
            now[term].append(claim_id)
    touched.update(now)
    lengths = read_lengths(db)
    grown = max(len(lengths), int(changed.max()) + 1)
    lengths = np.concatenate([lengths, np.zeros(grown - len(lengths), dtype=np.uint16)])
    lengths[changed] = [min(term_count(new), np.iinfo(np.uint16).max) for _, _, new in changes]
    stored = read_lists(db, sorted(touched))
    for term in sorted(touched):
        kept = stored.get(term, np.empty(0, dtype=np.int32))
        kept = kept[~np.isin(kept, changed)]
        found = np.union1d(kept, np.array(now.get(term, []), dtype=np.int32)).astype(np.int32)
        if len(found):
            db.execute("INSERT OR REPLACE INTO claim_postings (term, doc, ids) VALUES (?, ?, ?)", _row(term, found))
        else:
            db.execute("DELETE FROM claim_postings WHERE term = ?", [term])
    _write_lengths(db, lengths)
    db.execute("DELETE FROM claim_postings_stale")


def read_lists(db: Database, terms: list[str]) -> dict[str, np.ndarray]:
    """The stored posting lists of some terms (sorted int32 claim ids; a term under none absent)."""
    import numpy as np

    found: dict[str, np.ndarray] = {}
    for i in range(0, len(terms), CHUNK):
        chunk = terms[i : i + CHUNK]
        rows = db.execute(f"SELECT term, ids FROM claim_postings WHERE term IN ({', '.join('?' * len(chunk))})", chunk)
        found.update((term, np.frombuffer(ids, dtype=np.int32)) for term, ids in rows.fetchall())
    return found


def read_list(db: Database, term: str) -> np.ndarray:
    """One term's stored list (sorted int32 claim ids; empty when no claim holds it)."""
    import numpy as np

    row = db.execute("SELECT ids FROM claim_postings WHERE term = ?", [term]).fetchone()
    return np.frombuffer(row[0], dtype=np.int32) if row else np.empty(0, dtype=np.int32)


def read_lengths(db: Database) -> np.ndarray:
    """Terms per claim as written with the lists, indexed by claim id (0: no such claim)."""
    import numpy as np

    row = db.execute("SELECT lengths FROM claim_postings_lengths").fetchone()
    return np.frombuffer(row[0], dtype=np.uint16) if row else np.zeros(1, dtype=np.uint16)


def read_frequencies(db: Database, terms: list[str] | None = None) -> dict[str, int]:
    """Claims per term as written with the lists: every term's, or those of `terms`."""
    if terms is None:
        return dict(db.execute("SELECT term, doc FROM claim_postings").fetchall())
    found: dict[str, int] = {}
    for i in range(0, len(terms), CHUNK):
        chunk = terms[i : i + CHUNK]
        rows = db.execute(f"SELECT term, doc FROM claim_postings WHERE term IN ({', '.join('?' * len(chunk))})", chunk)
        found.update(rows.fetchall())
    return found


@dataclass(frozen=True)
class Stale:
    """The claims changed since the lists were written, as a reader lays them over the lists."""

    ids: np.ndarray
    """Their ids, sorted: whatever the lists say of them is out of date."""
    now: dict[str, np.ndarray]
    """Their current claims per term, sorted."""
    frequencies: Counter[str]
    """What their change does to each term's count of claims."""
    lengths: dict[int, int]
    """Their current counts of terms."""

    def postings(self, listed: np.ndarray, term: str) -> np.ndarray:
        """A term's stored list brought up to date."""
        import numpy as np

        kept = listed[~np.isin(listed, self.ids)]
        new = self.now.get(term)
        return np.union1d(kept, new).astype(np.int32) if new is not None else kept


def read_stale(db: Database) -> Stale | None:
    """The changes readers must lay over the lists, None when there are none (after every fold)."""
    import numpy as np

    changes = _changes(db)
    if not changes:
        return None
    now: defaultdict[str, list[int]] = defaultdict(list)
    frequencies: Counter[str] = Counter()
    for claim_id, old, new in changes:
        frequencies.subtract(set(old.split()) if old else ())
        for term in set(new.split()) if new else ():
            now[term].append(claim_id)
            frequencies[term] += 1
    return Stale(
        np.array([c for c, _, _ in changes], dtype=np.int32),
        {term: np.array(ids, dtype=np.int32) for term, ids in now.items()},
        frequencies,
        {c: term_count(new) for c, _, new in changes},
    )


def _changes(db: Database) -> list[tuple[int, str | None, str | None]]:
    """(claim id, terms when the lists were written, terms now) of each claim changed since."""
    return db.execute(
        "SELECT s.claim_id, s.old_terms, t.terms FROM claim_postings_stale s "
        "LEFT JOIN claim_terms t ON t.claim_id = s.claim_id ORDER BY s.claim_id"
    ).fetchall()


def _row(term: str, ids: np.ndarray) -> tuple[str, int, bytes]:
    return term, len(ids), ids.astype("<i4").tobytes()


def _write_lengths(db: Database, lengths: np.ndarray) -> None:
    db.execute(
        "INSERT OR REPLACE INTO claim_postings_lengths (id, lengths) VALUES (1, ?)", [lengths.astype("<u2").tobytes()]
    )
