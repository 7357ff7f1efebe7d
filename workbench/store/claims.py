"""Claims as reviewers and matching read them: by article, by id, by filter, by words."""

from __future__ import annotations

import json
from collections.abc import Sequence

from workbench.domain.scale import fold_label
from workbench.domain.vocab import ClaimKind, ClaimStatus
from workbench.errors import NotFound
from workbench.models import (
    ClaimDraft,
    ClaimFilter,
    ClaimRow,
    EntityDraft,
    Figure,
    MatchableClaim,
    SearchHit,
)
from workbench.store.claim_writes import claim_values
from workbench.store.clock import now
from workbench.store.repository import CHUNK, Repository


class Claims(Repository):
    """Claims with their entities and latest rating; new claims under ids never given before."""

    def next_claim_id(self) -> int:
        """The id the next claim gets: above every id ever given (claims has AUTOINCREMENT, whose
        sequence remembers a deleted claim's id), so an undone claim's id is never reused."""
        return 1 + int(
            self.db.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'claims'), 0), "
                "coalesce((SELECT max(id) FROM claims), 0))"
            ).fetchone()[0]
        )

    def add_claims(self, article_id: int, claims: list[ClaimDraft]) -> list[int]:
        """Claims of an article with their entities, under the next free ids; returns the ids."""
        first = self.next_claim_id()
        claim_ids = list(range(first, first + len(claims)))
        created = now()
        self.db.table("claims").insert_all(
            (
                {
                    "id": claim_id,
                    "article_id": article_id,
                    **claim_values(claim),
                    "status": ClaimStatus.NEW,
                    "version": 1,
                    "created_at": created,
                }
                for claim_id, claim in zip(claim_ids, claims)
            ),
            batch_size=1000,
        )
        self.db.table("entities").insert_all(
            (
                {
                    "claim_id": claim_id,
                    "text": e.text,
                    "label": e.label,
                    "canonical": e.canonical,
                    "start": e.start,
                    "end": e.end,
                }
                for claim_id, claim in zip(claim_ids, claims)
                for e in claim.entities
            ),
            batch_size=1000,
        )
        return claim_ids

    def get(self, claim_id: int) -> ClaimRow:
        rows = self.rows(claim_ids=[claim_id])
        if not rows:
            raise NotFound(f"There is no claim with id {claim_id}.")
        return rows[0]

    def rows(self, article_id: int | None = None, claim_ids: list[int] | None = None) -> list[ClaimRow]:
        """Claims in article and text order, each with its entities and latest rating."""
        if claim_ids is not None and len(claim_ids) > CHUNK:
            found = [
                row for i in range(0, len(claim_ids), CHUNK) for row in self.rows(article_id, claim_ids[i : i + CHUNK])
            ]
            return sorted(found, key=lambda c: (c.article_id, c.start, c.id))
        where, params = "1 = 1", []
        if article_id is not None:
            self.article(article_id)
            where, params = "c.article_id = ?", [article_id]
        if claim_ids is not None:
            where += f" AND c.id IN ({', '.join('?' for _ in claim_ids)})"
            params += claim_ids
        rows = self._all(
            f"""
            SELECT c.*, (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.retracted_at IS NULL
                         ORDER BY v.id DESC LIMIT 1) AS rating
            FROM claims c WHERE {where} ORDER BY c.article_id, c.start, c.id
            """,
            params,
        )
        entities = self._entities_by_claim([row["id"] for row in rows])
        return [
            ClaimRow(
                id=row["id"],
                article_id=row["article_id"],
                start=row["start"],
                end=row["end"],
                text=row["text"],
                kind=ClaimKind(row["kind"]),
                checkable=bool(row["checkable"]),
                checkworthy=bool(row["checkworthy"]),
                score=row["score"],
                claimant=row["claimant"],
                status=ClaimStatus(row["status"]),
                version=row["version"],
                rating=row["rating"],
                claimant_canonical=row["claimant_canonical"],
                entities=tuple(entities.get(row["id"], ())),
                dates=tuple(json.loads(row["dates"] or "[]")),
                figures=tuple(Figure(**f) for f in json.loads(row["figures"] or "[]")),
                reasons=tuple(json.loads(row["reasons"] or "[]")),
            )
            for row in rows
        ]

    def claim_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM claims").fetchone()[0])

    def claim_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM claims ORDER BY id").fetchall()]

    def source_groups(self, claim_ids: list[int]) -> dict[int, int]:
        """Claim -> the source it came from: its article, or (in an archive) the claim itself,
        negated, since each archived row is a source of its own."""
        rows = self._in_chunks(
            "SELECT c.id, CASE WHEN a.is_archive THEN -c.id ELSE a.id END AS source_group "
            "FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({})",
            claim_ids,
        )
        return {row["id"]: row["source_group"] for row in rows}

    def filtered_claim_ids(
        self, filters: ClaimFilter, *, by_score: bool = False, limit: int | None = None
    ) -> list[int]:
        """Ids of the claims a filter lets through, in text order or (by_score) highest score first.

        Only ids: the caller reads the rows with `claims(claim_ids=...)`, the one place a ClaimRow is built.
        """
        where: list[str] = ["1 = 1"]
        params: dict[str, object] = {}
        if filters.article_id is not None:
            self.article(filters.article_id)
            where.append("c.article_id = :article_id")
            params["article_id"] = filters.article_id
        for column in ("status", "kind"):
            value = getattr(filters, column)
            if value is not None:
                where.append(f"c.{column} = :{column}")
                params[column] = value
        if filters.open_only:
            where.append("c.status != :checked")
            params["checked"] = ClaimStatus.CHECKED
        if filters.checkable is not None:
            where.append("c.checkable = :checkable")
            params["checkable"] = int(filters.checkable)
        if filters.rating is not None:
            where.append(
                "(SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id AND v.retracted_at IS NULL"
                " ORDER BY v.id DESC LIMIT 1) = :rating"
            )
            params["rating"] = filters.rating
        if filters.entity is not None:
            # SQLite's lower() folds ASCII only; "SEÚL" must find "Seúl", and so must "Seul".
            self.db.conn.create_function("workbench_fold", 1, fold_label, deterministic=True)
            where.append(
                "c.id IN (SELECT e.claim_id FROM entities e WHERE workbench_fold(e.text) = :entity"
                " OR workbench_fold(coalesce(e.canonical, '')) = :entity)"
            )
            params["entity"] = fold_label(filters.entity)
        if filters.exclude_archives:
            where.append("c.article_id IN (SELECT id FROM articles WHERE NOT is_archive)")
        order = "c.score DESC, c.article_id, c.start, c.id" if by_score else "c.article_id, c.start, c.id"
        sql = f"SELECT c.id FROM claims c WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def people(self) -> list[tuple[str, str | None]]:
        """Each person named in the archive once, as (text, canonical actor): whom a new article's
        people are matched against (workbench/nlp/people.py), so one person keeps one actor."""
        rows = self.db.execute(
            "SELECT DISTINCT text, canonical FROM entities WHERE label IN ('PER', 'PERSON') ORDER BY text, canonical"
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def entity_names(self, limit: int = 500) -> list[str]:
        """Entity names as filters can name them: canonical where known, most frequent first."""
        rows = self.db.execute(
            "SELECT coalesce(canonical, text) AS name FROM entities GROUP BY name ORDER BY count(*) DESC, name LIMIT ?",
            [limit],
        ).fetchall()
        return [row[0] for row in rows]

    def matchable_claims(self, claim_ids: list[int]) -> list[MatchableClaim]:
        """Claims as matching reads them, with their article's language and date and their index terms;
        order not kept."""
        sql = (
            "SELECT c.id, c.article_id, c.text, c.claimant_canonical, c.dates, c.figures, a.language, a.published, "
            "t.terms FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN claim_terms t ON t.claim_id = c.id "
            "WHERE c.id IN ({})"
        )
        entities: dict[int, list[EntityDraft]] = {}
        sql_entities = (
            "SELECT claim_id, text, label, canonical, start, end FROM entities "
            "WHERE claim_id IN ({}) AND canonical IS NOT NULL ORDER BY claim_id, start, id"
        )
        found = []
        for i in range(0, len(claim_ids), CHUNK):
            chunk = claim_ids[i : i + CHUNK]
            marks = ", ".join("?" * len(chunk))
            for claim_id, *entity in self.db.execute(sql_entities.format(marks), chunk).fetchall():
                entities.setdefault(claim_id, []).append(EntityDraft(*entity))
            for claim_id, article_id, text, claimant, dates, figures, language, published, terms in self.db.execute(
                sql.format(marks), chunk
            ).fetchall():
                found.append(
                    MatchableClaim(
                        id=claim_id,
                        article_id=article_id,
                        text=text,
                        claimant_canonical=claimant,
                        entities=tuple(entities.pop(claim_id, ())),
                        dates=tuple(json.loads(dates or "[]")),
                        figures=tuple(Figure(**f) for f in json.loads(figures or "[]")),
                        language=language,
                        published=published,
                        terms=None if terms is None else terms.split(),
                    )
                )
        return found

    def _entities_by_claim(self, claim_ids: list[int]) -> dict[int, list[EntityDraft]]:
        found: dict[int, list[EntityDraft]] = {}
        if not claim_ids:
            return found
        for row in self._in_chunks(
            "SELECT * FROM entities WHERE claim_id IN ({}) ORDER BY claim_id, start, id", claim_ids
        ):
            found.setdefault(row["claim_id"], []).append(
                EntityDraft(row["text"], row["label"], row["canonical"], row["start"], row["end"])
            )
        return found

    def search(self, query: str, limit: int = 50, stem_groups: Sequence[Sequence[str]] = ()) -> list[SearchHit]:
        """Full-text search over claims, then articles; the query is quoted, never parsed as FTS syntax.

        Claims with the words as written come first; then claims with a word starting with each stem
        of one group (the query's stems in each language): "misil" finds "misiles", "lanzamiento"
        (stem "lanzamient") finds "lanzamientos", "satélites" (stem "satelit") finds "satélite".
        """
        hits = [
            SearchHit("claim", row["id"], row["article_id"], row["text"])
            for row in self.db.table("claims").search(
                query, quote=True, limit=limit, columns=["id", "article_id", "text"]
            )
        ]
        groups = [" AND ".join(_fts_phrase(stem) + "*" for stem in group) for group in stem_groups if group]
        if groups and len(hits) < limit:
            seen = {hit.id for hit in hits}
            rows = self.db.execute(
                "SELECT c.id, c.article_id, c.text FROM claims_fts f JOIN claims c ON c.id = f.rowid "
                "WHERE claims_fts MATCH ? ORDER BY f.rank LIMIT ?",
                [" OR ".join(f"({group})" for group in groups), limit],
            ).fetchall()
            others = [SearchHit("claim", *row) for row in rows if row[0] not in seen]
            hits += others[: limit - len(hits)]
        hits += [
            SearchHit("article", row["id"], row["id"], row["title"])
            for row in self.db.table("articles").search(query, quote=True, limit=limit, columns=["id", "title"])
        ]
        return hits


def _fts_phrase(term: str) -> str:
    """A term as an FTS5 string, so nothing in it is read as query syntax."""
    return '"' + term.replace('"', '""') + '"'
