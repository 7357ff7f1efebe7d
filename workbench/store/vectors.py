"""Claims' sentence embeddings in claims.db: one row per claim, int8 components, a scale, and the
inverted list it is filed under (workbench/store/vector_lists.py).

A BLOB per claim read with numpy, rather than sqlite-vec: the database stays a plain SQLite file
any Python opens (no extension to load). A small archive is searched exactly; from LISTS_FROM
vectors on, a query reads only the rows of its nearest lists and rescores them exactly. int8 with
a per-row scale keeps a quarter of float32's bytes on disk and in a session's memory; on the
CheckThat! 2020 dev split it moves MAP@5 by less than 0.002 (see benchmarks/retrieval.py), so the
smaller file wins.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.store import vector_lists
from workbench.store.connection import Database

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
FULL_READ = 0.5
"""Share of the lists beyond which queries that probe them together read every row in one pass
(a batch of `match -` queries): reading list by list would cost more than the rows it skips."""
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


@dataclass(frozen=True)
class Lists:
    """A model's list centroids (workbench/store/vector_lists.py) and how many vectors they were trained on."""

    generation: int
    trained_on: int
    centroids: np.ndarray
    """Unit float32 rows, one per list."""


class ClaimVectors:
    """The claim_vectors table behind plain methods; vectors go in and out as float32 rows."""

    def __init__(self, db: Database):
        self.db = db
        self._lists: dict[str, Lists] = {}

    def put(self, model: str, claim_ids: list[int], rows: np.ndarray) -> None:
        """Store (or replace) the vectors of claims, one row each, in the order of claim_ids, each
        filed under its nearest list when the model's vectors have lists; the caller's transaction
        makes a batch land whole."""
        components, scale = encode(rows)
        lists = self.lists(model)
        filed: list[int | None] = [None] * len(claim_ids)
        if lists is not None and len(claim_ids):
            filed = vector_lists.assign(lists.centroids, components).tolist()
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO claim_vectors (claim_id, model, scale, vector, list_id) VALUES (?, ?, ?, ?, ?)",
            [(c, model, float(s), v.tobytes(), f) for c, s, v, f in zip(claim_ids, scale.tolist(), components, filed)],
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

        With the model's vectors in lists, each query is scored against the vectors of its PROBES
        nearest lists and those filed under none (workbench/store/vector_lists.py), exactly as a
        session's VectorIndex scores it; only those lists are read unless the queries together
        probe most of them. Without lists, against every vector. Rows are read READ_CHUNK at a
        time as one BLOB (group_concat, no Python object per row) and scored together: a one-shot
        match or a batch of queries never builds the archive's matrix, and memory stays a chunk's
        whatever the archive's size. Cosines are the session's (rows decoded and normalised alike)."""
        import numpy as np

        queries = np.asarray(queries, dtype=np.float32).reshape(len(queries), -1)
        best = _Best(len(queries), count)
        lists = self.lists(model)
        mask = None if lists is None else vector_lists.probed(lists.centroids, queries)
        rows: np.ndarray | None = None
        """One buffer the chunks are decoded into, in turn."""
        seen = 0
        for ids, filed, components in self._read(model, mask):
            if rows is None:
                rows = np.empty((READ_CHUNK, components.shape[1]), dtype=np.float32)
            decoded = rows[: len(ids)]
            _normalised_into(decoded, components)
            scores = best.room(len(ids))
            vector_lists.scores(decoded, queries, out=scores)
            if mask is not None:
                scores[~mask[:, filed].T] = -np.inf  # -1, filed under no list, is the mask's last column
            best.add(ids)
            seen += len(ids)
        return best.result(), seen

    def _read(self, model: str, mask: np.ndarray | None) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The rows the queries of `mask` read (all of them without one): the probed lists' and the
        unfiled ones, or every row when the queries probe more than FULL_READ of the lists."""
        import numpy as np

        if mask is None:
            yield from self._stream(model)
            return
        probed = np.flatnonzero(mask[:, :-1].any(axis=0))
        if len(probed) > FULL_READ * (mask.shape[1] - 1):
            yield from self._stream(model)
            return
        for list_id in probed.tolist():
            yield from self._stream(model, "AND list_id = ?", [list_id])
        yield from self._stream(model, "AND list_id IS NULL")

    def _stream(
        self, model: str, where: str = "", params: Sequence[object] = ()
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(claim ids, list ids with -1 for none, int8 rows) of a model's vectors, READ_CHUNK at a
        time in claim id order, each chunk read as one BLOB."""
        import numpy as np

        last = -1
        while True:
            ids_text, filed_text, blob = self.db.execute(
                "SELECT group_concat(claim_id), group_concat(filed), "
                "CAST(group_concat(vector, CAST(x'' AS TEXT)) AS BLOB) FROM "
                "(SELECT claim_id, coalesce(list_id, -1) AS filed, vector FROM claim_vectors "
                f"WHERE model = ? {where} AND claim_id > ? ORDER BY claim_id LIMIT ?)",
                [model, *params, last, READ_CHUNK],
            ).fetchone()
            if not ids_text:
                return
            ids = np.fromstring(ids_text, dtype=np.int64, sep=",")
            filed = np.fromstring(filed_text, dtype=np.int64, sep=",")
            yield ids, filed, np.frombuffer(blob, dtype=np.int8).reshape(len(ids), -1)
            if len(ids) < READ_CHUNK:
                return
            last = int(ids[-1])

    def listed(self, model: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, Lists | None]:
        """(claim ids, list ids with -1 for none, int8 rows, the lists or None) of every vector of
        this model, grouped by list (unfiled first), by claim id within one: what a matching
        session keeps in memory (a quarter of the float matrix: 384 MB at a million claims), laid
        out so a list's rows are read in one sweep (scattered rows cost a query at a million
        claims three times the time). The ids and lists are read first, then the vectors in claim
        id order are written straight to their places: the rows are never held twice."""
        import numpy as np

        lists = self.lists(model)
        ids_text, filed_text = self.db.execute(
            "SELECT group_concat(claim_id), group_concat(filed) FROM (SELECT claim_id, "
            "coalesce(list_id, -1) AS filed FROM claim_vectors WHERE model = ? ORDER BY claim_id)",
            [model],
        ).fetchone()
        if not ids_text:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.int8), lists
        by_id = np.fromstring(ids_text, dtype=np.int64, sep=",")
        filed_by_id = np.fromstring(filed_text, dtype=np.int64, sep=",")
        order = np.lexsort((by_id, filed_by_id))
        place = np.empty(len(order), dtype=np.int64)
        place[order] = np.arange(len(order))
        rows: np.ndarray | None = None
        got = np.zeros(len(order), dtype=bool)
        for chunk_ids, _, components in self._stream(model):
            at = np.minimum(np.searchsorted(by_id, chunk_ids), len(by_id) - 1)
            known = by_id[at] == chunk_ids  # a row written since the ids were read waits for the next session
            if rows is None:
                rows = np.empty((len(order), components.shape[1]), dtype=np.int8)
            rows[place[at[known]]] = components[known]
            got[place[at[known]]] = True
        if rows is None:  # every row deleted since the ids were read
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.int8), lists
        ids, filed = by_id[order], filed_by_id[order]
        if not got.all():  # a row deleted since the ids were read
            ids, filed, rows = ids[got], filed[got], rows[got]
        return ids, filed, rows, lists

    # -- the lists (workbench/store/vector_lists.py) ---------------------------------

    def lists(self, model: str) -> Lists | None:
        """The model's list centroids, or None before they are trained; read again only when they
        were trained again since (their generation)."""
        import numpy as np

        row = self.db.execute(
            "SELECT generation, trained_on, lists FROM vector_lists WHERE model = ?", [model]
        ).fetchone()
        if row is None:
            self._lists.pop(model, None)
            return None
        kept = self._lists.get(model)
        if kept is None or kept.generation != row[0]:
            (blob,) = self.db.execute("SELECT centroids FROM vector_lists WHERE model = ?", [model]).fetchone()
            centroids = np.frombuffer(blob, dtype=np.float32).reshape(row[2], -1)
            kept = self._lists[model] = Lists(row[0], row[1], centroids)
        return kept

    def sample(self, model: str, size: int, seed: int = 0) -> tuple[int, np.ndarray]:
        """(how many vectors the model has, `size` of them at random as unit float32 rows): what
        the lists are trained on."""
        import numpy as np

        ids = np.fromiter(
            (r[0] for r in self.db.execute("SELECT claim_id FROM claim_vectors WHERE model = ?", [model])),
            dtype=np.int64,
        )
        chosen = np.sort(np.random.default_rng(seed).choice(ids, min(size, len(ids)), replace=False))
        parts = []
        for chunk in _chunks(chosen.tolist()):
            (blob,) = self.db.execute(
                "SELECT CAST(group_concat(vector, CAST(x'' AS TEXT)) AS BLOB) FROM claim_vectors "
                f"WHERE model = ? AND claim_id IN ({', '.join('?' * len(chunk))})",
                [model, *chunk],
            ).fetchone()
            parts.append(np.frombuffer(blob, dtype=np.int8).reshape(len(chunk), -1))
        if not parts:
            return len(ids), np.empty((0, 0), dtype=np.float32)
        return len(ids), vector_lists.unit_rows(np.concatenate(parts))

    def set_lists(self, model: str, centroids: np.ndarray, trained_on: int) -> None:
        """Replace the model's lists: every vector is unfiled (read by every query) until
        file_unfiled files it under the new ones. In the caller's transaction, so no vector is
        ever filed under a list of other centroids."""
        import numpy as np

        kept = self.lists(model)
        centroids = np.ascontiguousarray(centroids, dtype=np.float32)
        self.db.execute(
            "INSERT OR REPLACE INTO vector_lists (model, generation, trained_on, lists, centroids) VALUES (?, ?, ?, ?, ?)",
            [model, (kept.generation if kept else 0) + 1, trained_on, len(centroids), centroids.tobytes()],
        )
        self.db.execute("UPDATE claim_vectors SET list_id = NULL WHERE model = ? AND list_id IS NOT NULL", [model])

    def unfiled_count(self, model: str) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM claim_vectors WHERE model = ? AND list_id IS NULL", [model]
            ).fetchone()[0]
        )

    def file_unfiled(self, model: str, limit: int) -> int:
        """File up to `limit` unfiled vectors under their nearest list; returns how many (0 when
        none is left, or the model has no lists). The caller's transaction makes a batch land whole."""
        import numpy as np

        lists = self.lists(model)
        if lists is None:
            return 0
        found = self.db.execute(
            "SELECT claim_id, vector FROM claim_vectors WHERE model = ? AND list_id IS NULL LIMIT ?", [model, limit]
        ).fetchall()
        if not found:
            return 0
        components = np.frombuffer(b"".join(r[1] for r in found), dtype=np.int8).reshape(len(found), -1)
        filed = vector_lists.assign(lists.centroids, components).tolist()
        self.db.conn.executemany(
            "UPDATE claim_vectors SET list_id = ? WHERE claim_id = ?", zip(filed, (r[0] for r in found))
        )
        return len(found)

    def of(self, model: str, claim_ids: list[int]) -> dict[int, np.ndarray]:
        """The float vectors of some claims (those that have one of this model). Each CHUNK of
        ids is read as one BLOB and decoded in one pass into one matrix whose rows are handed
        out: decoding row by row cost a NumPy round trip per claim (a `match -` reads the
        vectors of thousands of fused candidates), and memory stays one chunk's per read."""
        import numpy as np

        found: dict[int, np.ndarray] = {}
        for chunk in _chunks(claim_ids):
            ids_text, blob = self.db.execute(
                "SELECT group_concat(claim_id), CAST(group_concat(vector, CAST(x'' AS TEXT)) AS BLOB) FROM "
                f"(SELECT claim_id, vector FROM claim_vectors WHERE model = ? AND claim_id IN "
                f"({', '.join('?' * len(chunk))}))",
                [model, *chunk],
            ).fetchone()
            if not ids_text:
                continue
            ids = np.fromstring(ids_text, dtype=np.int64, sep=",")
            rows = np.empty((len(ids), len(blob) // len(ids)), dtype=np.float32)
            _normalised_into(rows, np.frombuffer(blob, dtype=np.int8).reshape(len(ids), -1))
            found.update(zip(ids.tolist(), rows))
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


class _Best:
    """The best `count` (ids, scores) of each query over rows scored in chunks: scores are gathered
    STREAM_CHUNK rows at a time before each query keeps its best of them (fewer merges), so memory
    stays that many rows' whatever the archive's size. A score of -inf (a row the query does not
    read) is never kept."""

    def __init__(self, queries: int, count: int):
        import numpy as np

        self.count = count
        self.best = [(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)) for _ in range(queries)]
        self.ids = np.empty(STREAM_CHUNK, dtype=np.int64)
        self.scores = np.empty((STREAM_CHUNK, queries), dtype=np.float32)
        self.filled = 0

    def room(self, rows: int) -> np.ndarray:
        """Where the next `rows` rows' scores go (queries as columns); add() takes them in."""
        if self.filled + rows > STREAM_CHUNK:
            self._keep()
        return self.scores[self.filled : self.filled + rows]

    def add(self, ids: np.ndarray) -> None:
        self.ids[self.filled : self.filled + len(ids)] = ids
        self.filled += len(ids)

    def _keep(self) -> None:
        import numpy as np

        ids = self.ids[: self.filled]
        for j, (kept_ids, kept_scores) in enumerate(self.best):
            scores = self.scores[: self.filled, j]
            read = np.isfinite(scores)
            found_ids, found_scores = _best(ids[read], scores[read], self.count)
            self.best[j] = _best(
                np.concatenate([kept_ids, found_ids]), np.concatenate([kept_scores, found_scores]), self.count
            )
        self.filled = 0

    def result(self) -> list[tuple[np.ndarray, np.ndarray]]:
        if self.filled:
            self._keep()
        return self.best


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
