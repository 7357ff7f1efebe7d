"""Claims' sentence embeddings in claims.db: one row per claim, int8 components and a scale.

A BLOB per claim read into one numpy matrix, rather than sqlite-vec: nearest vectors by a brute-force
dot product over 10^5 rows take a few milliseconds, the matrix loads once per matching session,
and the database stays a plain SQLite file any Python opens (no extension to load). int8 with a
per-row scale keeps a quarter of float32's bytes; on the CheckThat! 2020 dev split it moves MAP@5
by less than 0.002 (see benchmarks/retrieval.py), so the smaller file wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlite_utils import Database

if TYPE_CHECKING:
    import numpy as np

CHUNK = 500
"""Ids per `IN (...)` list: SQLite limits the variables of one statement."""
MATRIX_CHUNK = 65_536
"""Vectors read and decoded at a time when the whole matrix loads."""
READ_CHUNK = 2_048
"""Vectors read and decoded at a time when queries are answered in one pass (nearest): 3 MB of
float rows at 384 dimensions, decoded into one buffer reused chunk after chunk. At 100,000 claims
8,192 a read, each into fresh memory, cost a one-shot match 160 ms of CPU, mostly page faults and
SQLite growing the concatenated BLOB; this costs half."""
STREAM_CHUNK = 16_384
"""Rows whose scores are gathered before each query keeps its best of them (nearest): fewer
merges for a batch of queries, and memory stays this many rows' whatever the archive's size."""


PASSAGE = "CASE WHEN x.context IS NULL THEN c.text ELSE x.context || '. ' || c.text END"
"""What is embedded for a claim: its text, after its context (an archived fact-check's headline)
when it has one, as workbench.matching.embedding.passage_text joins them."""


def encode(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 components, scale per row) of float rows: each row's largest component becomes ±127."""
    import numpy as np

    rows = np.asarray(rows, dtype=np.float32)
    scale = np.abs(rows).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(rows / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def decode(components: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Float rows back from int8 components, normalised again so a dot product stays a cosine.
    The per-row scale cancels in the normalisation, so it is not multiplied in (see _normalised_into)."""
    import numpy as np

    rows = np.empty(components.shape, dtype=np.float32)
    _normalised_into(rows, components)
    return rows


def _normalised_into(out: np.ndarray, components: np.ndarray) -> None:
    """Write int8 rows into float32 `out` as unit rows, in place: no temporaries the size of the
    matrix, which at 100,000 claims made loading it take over a second (page faults for each
    150 MB temporary) where this takes a tenth."""
    import numpy as np

    out[...] = components
    norms = np.sqrt(np.einsum("ij,ij->i", out, out))
    norms[norms == 0] = 1.0
    out *= (1.0 / norms)[:, None]


class ClaimVectors:
    """The claim_vectors table behind plain methods; vectors go in and out as float32 rows."""

    def __init__(self, db: Database):
        self.db = db

    def put(self, model: str, claim_ids: list[int], rows: np.ndarray) -> None:
        """Store (or replace) the vectors of claims, one row each, in the order of claim_ids; the
        caller's transaction makes a batch land whole."""
        components, scale = encode(rows)
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO claim_vectors (claim_id, model, scale, vector) VALUES (?, ?, ?, ?)",
            [(c, model, float(s), v.tobytes()) for c, s, v in zip(claim_ids, scale.tolist(), components)],
        )

    def pending(self, model: str, limit: int) -> list[tuple[int, str]]:
        """(claim id, passage) of up to `limit` claims with no vector of this model yet, oldest first;
        the passage is the claim's text after its context, if it has one (PASSAGE)."""
        return self.db.execute(
            f"SELECT c.id, {PASSAGE} FROM claims c LEFT JOIN claim_vectors v ON v.claim_id = c.id AND v.model = ? "
            "LEFT JOIN claim_context x ON x.claim_id = c.id WHERE v.claim_id IS NULL ORDER BY c.id LIMIT ?",
            [model, limit],
        ).fetchall()

    def pending_count(self, model: str) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM claims c LEFT JOIN claim_vectors v ON v.claim_id = c.id AND v.model = ? "
                "WHERE v.claim_id IS NULL",
                [model],
            ).fetchone()[0]
        )

    def count(self, model: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM claim_vectors WHERE model = ?", [model]).fetchone()[0])

    def matrix(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        """(claim ids, float32 rows) of every vector of this model, by claim id: read once per
        matching session, then every query is one matrix product. Read MATRIX_CHUNK rows at a time
        into one preallocated matrix, so loading a million rows never holds them twice."""
        import numpy as np

        count = self.count(model)
        ids = np.empty(count, dtype=np.int64)
        rows: np.ndarray | None = None
        cursor = self.db.execute(
            "SELECT claim_id, vector FROM claim_vectors WHERE model = ? ORDER BY claim_id", [model]
        )
        done = 0
        while chunk := cursor.fetchmany(MATRIX_CHUNK):
            chunk = chunk[: count - done]  # a row written since the count waits for the next session
            components = np.frombuffer(b"".join(r[1] for r in chunk), dtype=np.int8).reshape(len(chunk), -1)
            if rows is None:
                rows = np.empty((count, components.shape[1]), dtype=np.float32)
            ids[done : done + len(chunk)] = [r[0] for r in chunk]
            _normalised_into(rows[done : done + len(chunk)], components)
            done += len(chunk)
            if done == count:
                break
        if rows is None:
            return np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32)
        return ids[:done], rows[:done]

    def nearest(self, model: str, queries: np.ndarray, count: int) -> tuple[list[tuple[np.ndarray, np.ndarray]], int]:
        """For each query row (a unit float32 vector), the (claim ids, cosines) of the `count` stored
        claims nearest to it, best first, ties to the older claim; and how many vectors were read.

        One pass over the table for all the queries, READ_CHUNK rows at a time read as one BLOB
        (group_concat, no Python object per row) and scored together: a one-shot match or a batch of
        queries never builds the archive's float matrix (a second to load at 100,000 claims, 150 MB),
        and memory stays a chunk's whatever the archive's size. Cosines are the matrix's (rows
        decoded and normalised alike)."""
        import numpy as np

        queries = np.asarray(queries, dtype=np.float32).reshape(len(queries), -1)
        best: list[tuple[np.ndarray, np.ndarray]] = [
            (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)) for _ in range(len(queries))
        ]
        gathered_ids = np.empty(STREAM_CHUNK, dtype=np.int64)
        gathered = np.empty((STREAM_CHUNK, len(queries)), dtype=np.float32)
        rows: np.ndarray | None = None
        """One buffer the chunks are decoded into, in turn."""
        filled, last, seen = 0, -1, 0

        def keep_best() -> None:
            for j in range(len(queries)):
                found_ids, found_scores = _best(gathered_ids[:filled], gathered[:filled, j], count)
                kept_ids, kept_scores = best[j]
                best[j] = _best(
                    np.concatenate([kept_ids, found_ids]), np.concatenate([kept_scores, found_scores]), count
                )

        while True:
            ids_text, blob = self.db.execute(
                "SELECT group_concat(claim_id), CAST(group_concat(vector, CAST(x'' AS TEXT)) AS BLOB) FROM "
                "(SELECT claim_id, vector FROM claim_vectors WHERE model = ? AND claim_id > ? ORDER BY claim_id LIMIT ?)",
                [model, last, READ_CHUNK],
            ).fetchone()
            if not ids_text:
                break
            ids = np.fromstring(ids_text, dtype=np.int64, sep=",")
            components = np.frombuffer(blob, dtype=np.int8).reshape(len(ids), -1)
            if rows is None:
                rows = np.empty((READ_CHUNK, components.shape[1]), dtype=np.float32)
            decoded = rows[: len(ids)]
            _normalised_into(decoded, components)
            if filled + len(ids) > STREAM_CHUNK:
                keep_best()
                filled = 0
            np.matmul(decoded, queries.T, out=gathered[filled : filled + len(ids)])
            gathered_ids[filled : filled + len(ids)] = ids
            filled += len(ids)
            seen += len(ids)
            last = int(ids[-1])
            if len(ids) < READ_CHUNK:
                break
        if filled:
            keep_best()
        return best, seen

    def of(self, model: str, claim_ids: list[int]) -> dict[int, np.ndarray]:
        """The float vectors of some claims (those that have one of this model)."""
        import numpy as np

        found = {}
        for chunk in _chunks(claim_ids):
            rows = self.db.execute(
                f"SELECT claim_id, scale, vector FROM claim_vectors WHERE model = ? AND claim_id IN "
                f"({', '.join('?' * len(chunk))})",
                [model, *chunk],
            ).fetchall()
            for claim_id, scale, vector in rows:
                components = np.frombuffer(vector, dtype=np.int8).reshape(1, -1)
                found[claim_id] = decode(components, np.asarray([scale], dtype=np.float32))[0]
        return found

    def remove(self, claim_ids: list[int]) -> None:
        """Forget claims' vectors: a claim whose text changed is embedded afresh by `index`."""
        for chunk in _chunks(claim_ids):
            self.db.execute(f"DELETE FROM claim_vectors WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk)


def _best(ids: np.ndarray, scores: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The `count` best (ids, scores), best first, ties to the older claim (retrieval.top's order)."""
    import numpy as np

    if len(ids) > count:
        part = np.argpartition(-scores, count - 1)[:count]
        part = np.flatnonzero(scores >= scores[part].min())  # every score tied at the cut competes
        ids, scores = ids[part], scores[part]
    order = np.lexsort((ids, -scores))[:count]
    return ids[order], scores[order]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
