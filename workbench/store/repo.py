"""Reads and writes of workbench data; every write leaves an audit row in the same transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from workbench.domain.records import Article, ArticleHead, AttachedSource, AuditRow, ClaimLink, Link, Verdict
from workbench.domain.scale import fold_label
from workbench.domain.vocab import AuditAction, ClaimKind, ClaimStatus, LinkRelation, LinkState
from workbench.errors import NotFound
from workbench.models import (
    ArticleInput,
    ArticleSummary,
    ClaimDraft,
    ClaimFilter,
    ClaimRow,
    EntityDraft,
    Figure,
    MatchableClaim,
    SearchHit,
    SourceInput,
)
from workbench.store.archive_staging import ArchiveStaging
from workbench.store.claim_writes import ClaimWrites, claim_values
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.match_index import MatchIndex
from workbench.store.review import ReviewWrites
from workbench.store.vectors import ClaimVectors

CHUNK = 500
"""Ids per `IN (...)` list: SQLite limits the variables of one statement."""


class Store:
    """The workbench's tables behind plain methods; one instance per connection and thread.

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

    # -- meta ---------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            before = self.get_meta(key)
            self.db.table("meta").upsert({"key": key, "value": value}, pk="key")
            self._audit(AuditAction.SET, "meta", None, {"key": key, "value": before}, {"key": key, "value": value})

    # -- articles -------------------------------------------------------------

    def article_id_by_hash(self, content_hash: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def insert_article(
        self,
        article: ArticleInput,
        content_hash: str,
        claims: list[ClaimDraft],
    ) -> tuple[int, list[int]]:
        """Store an article with its claims and entities in one transaction; return its id and the claims' ids."""
        with self.transaction():
            article_id = insert_row(
                self.db,
                "articles",
                {
                    "title": article.title,
                    "url": article.url,
                    "outlet": article.outlet,
                    "language": article.language,
                    "published": article.published,
                    "text": article.text,
                    "content_hash": content_hash,
                    "origin": article.origin,
                    "imported_at": now(),
                    "imported_by": self.actor,
                },
            )
            claim_ids = self.add_claims(article_id, claims)
            self._audit(
                AuditAction.IMPORT,
                "articles",
                article_id,
                None,
                {"title": article.title, "content_hash": content_hash, "claims": claim_ids},
            )
        return article_id, claim_ids

    def start_archive(self, title: str, origin: str, content_hash: str, claim_count: int) -> tuple[int, int]:
        """Store an archive article before its claims, which come in chunks (add_claims); returns its id
        and the id its first claim will get. Call inside a transaction that ends with finish_archive.

        Its text and language are known only once every claim is stored: finish_archive fills them.
        """
        first = self.next_claim_id()
        article_id = insert_row(
            self.db,
            "articles",
            {
                "title": title,
                "language": "und",
                "text": "",
                "content_hash": content_hash,
                "origin": origin,
                "imported_at": now(),
                "imported_by": self.actor,
                "is_archive": 1,
            },
        )
        after = {"title": title, "content_hash": content_hash, "claims": f"{claim_count} claims from {first}"}
        self._audit(AuditAction.IMPORT, "articles", article_id, None, after)
        return article_id, first

    def finish_archive(self, article_id: int, language: str) -> None:
        """An archive's text is its claims joined by lines, in id (= row) order, so each claim's
        span indexes it; SQLite joins them, so the whole text never passes through Python."""
        self.db.execute(
            "UPDATE articles SET language = ?, text = (SELECT group_concat(text, char(10)) FROM "
            "(SELECT text FROM claims WHERE article_id = ? ORDER BY id)) WHERE id = ?",
            [language, article_id, article_id],
        )

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

    def add_verdicts(
        self, verdicts: Sequence[tuple[int, str, str | None, str] | tuple[int, str, str | None, str, str | None]]
    ) -> None:
        """Bulk (claim_id, rating, rationale, reviewer[, at]) verdicts, for archives; claims become checked.

        `at` is kept when an archive says when the verdict was given (a ClaimReview's datePublished);
        without it, or when it is None, the verdict is dated now.
        """
        at = now()
        self.db.table("verdicts").insert_all(
            (
                {"claim_id": c, "rating": r, "rationale": why, "reviewer": who, "at": (when[0] if when else None) or at}
                for c, r, why, who, *when in verdicts
            ),
            batch_size=1000,
        )
        ids = [c for c, *_ in verdicts]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            self.db.execute(
                f"UPDATE claims SET status = 'checked' WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
        if verdicts:
            self._audit(
                AuditAction.BULK_VERDICTS, "claims", None, None, {"verdicts": len(verdicts), "first_claim": ids[0]}
            )

    def add_appearances(self, urls: list[tuple[int, str]]) -> None:
        """Bulk (claim_id, url): where archived claims appeared, attached as context sources."""
        if not urls:
            return
        first = (self.db.execute("SELECT max(id) FROM sources").fetchone()[0] or 0) + 1
        created = now()
        self.db.table("sources").insert_all(
            ({"id": first + i, "url": url, "created_at": created} for i, (_, url) in enumerate(urls)), batch_size=1000
        )
        self.db.table("claim_sources").insert_all(
            (
                {
                    "claim_id": c,
                    "source_id": first + i,
                    "stance": "context",
                    "attached_by": self.actor,
                    "attached_at": created,
                }
                for i, (c, _) in enumerate(urls)
            ),
            batch_size=1000,
        )
        self._audit(AuditAction.BULK_SOURCES, "claims", None, None, {"sources": len(urls), "first_claim": urls[0][0]})

    def attach_sources(self, sources: list[tuple[int, SourceInput]]) -> None:
        """Bulk (claim_id, source) attachments with their stance, title, publisher and excerpt, for archives."""
        if not sources:
            return
        first = (self.db.execute("SELECT max(id) FROM sources").fetchone()[0] or 0) + 1
        created = now()
        self.db.table("sources").insert_all(
            (
                {
                    "id": first + i,
                    "url": s.url,
                    "title": s.title,
                    "publisher": s.publisher,
                    "date": s.date,
                    "excerpt": s.excerpt,
                    "created_at": created,
                }
                for i, (_, s) in enumerate(sources)
            ),
            batch_size=1000,
        )
        self.db.table("claim_sources").insert_all(
            (
                {
                    "claim_id": c,
                    "source_id": first + i,
                    "stance": s.stance,
                    "attached_by": self.actor,
                    "attached_at": created,
                }
                for i, (c, s) in enumerate(sources)
            ),
            batch_size=1000,
        )
        self._audit(
            AuditAction.BULK_SOURCES, "claims", None, None, {"sources": len(sources), "first_claim": sources[0][0]}
        )

    def article(self, article_id: int) -> Article:
        row = self._one("SELECT * FROM articles WHERE id = ?", [article_id])
        if row is None:
            raise NotFound(f"There is no article with id {article_id}.")
        return cast(Article, row)

    ARTICLE_FIELDS = ("title", "url", "outlet", "language", "published")
    """What `article set` may correct after import; the text and its hash never change."""

    def update_article(self, article_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Correct an article's metadata, audited with before and after; returns the fields changed."""
        unknown = set(fields) - set(self.ARTICLE_FIELDS)
        if unknown:
            raise ValueError(f"not article metadata: {sorted(unknown)}")
        with self.transaction():
            current: dict[str, Any] = dict(self.article(article_id))
            changed = {k: v for k, v in fields.items() if current[k] != v}
            if changed:
                self.db.table("articles").update(article_id, changed)
                self._audit("article", "articles", article_id, {k: current[k] for k in changed}, changed)
        return changed

    def articles(self, article_id: int | None = None) -> list[Article]:
        """Full article rows, oldest first; one or none when article_id is given."""
        if article_id is not None:
            return [self.article(article_id)]
        return cast("list[Article]", self._all("SELECT * FROM articles ORDER BY id"))

    def article_heads(self, article_ids: Iterable[int]) -> list[ArticleHead]:
        """Articles without their text (id, title, url, outlet, language, published), for listing many."""
        return cast(
            "list[ArticleHead]",
            list(
                self._in_chunks(
                    "SELECT id, title, url, outlet, language, published FROM articles WHERE id IN ({}) ORDER BY id",
                    sorted(set(article_ids)),
                )
            ),
        )

    def source_groups(self, claim_ids: list[int]) -> dict[int, int]:
        """Claim -> the source it came from: its article, or (in an archive) the claim itself,
        negated, since each archived row is a source of its own."""
        rows = self._in_chunks(
            "SELECT c.id, CASE WHEN a.is_archive THEN -c.id ELSE a.id END AS source_group "
            "FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({})",
            claim_ids,
        )
        return {row["id"]: row["source_group"] for row in rows}

    def claim_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM claims").fetchone()[0])

    def claim_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM claims ORDER BY id").fetchall()]

    def article_summaries(self) -> list[ArticleSummary]:
        rows = self._all(
            """
            SELECT a.id, a.title, a.outlet, a.published, a.language,
                   count(c.id) AS claim_count,
                   count(CASE WHEN c.status = 'checked' THEN 1 END) AS reviewed_count
            FROM articles a LEFT JOIN claims c ON c.article_id = a.id
            GROUP BY a.id ORDER BY a.id
            """
        )
        return [ArticleSummary(**row) for row in rows]

    # -- claims ---------------------------------------------------------------

    def claim(self, claim_id: int) -> ClaimRow:
        rows = self.claims(claim_ids=[claim_id])
        if not rows:
            raise NotFound(f"There is no claim with id {claim_id}.")
        return rows[0]

    def claims(self, article_id: int | None = None, claim_ids: list[int] | None = None) -> list[ClaimRow]:
        """Claims in article and text order, each with its entities and latest rating."""
        if claim_ids is not None and len(claim_ids) > CHUNK:
            found = [
                row
                for i in range(0, len(claim_ids), CHUNK)
                for row in self.claims(article_id, claim_ids[i : i + CHUNK])
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

    # -- sources and verdicts -----------------------------------------------

    def add_source(
        self,
        claim_id: int,
        url: str,
        *,
        stance: str,
        title: str | None = None,
        publisher: str | None = None,
        excerpt: str | None = None,
        date: str | None = None,
        version: int | None = None,
    ) -> int:
        """Attach a source to a claim; returns the attachment id. `version` as for add_verdict."""
        with self.transaction():
            claim = self.edits.check_version(claim_id, version)
            source = {"url": url, "title": title, "publisher": publisher, "date": date, "excerpt": excerpt}
            source_id = insert_row(self.db, "sources", {**source, "created_at": now()})
            attachment = {
                "claim_id": claim_id,
                "source_id": source_id,
                "stance": stance,
                "attached_by": self.actor,
                "attached_at": now(),
            }
            attachment_id = insert_row(self.db, "claim_sources", attachment)
            self._audit(AuditAction.ATTACH_SOURCE, "claims", claim_id, None, {**source, "stance": stance})
            if claim.status == ClaimStatus.NEW:
                # Evidence gathered, no verdict yet: the claim is in review, so the queue shows it as such.
                self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [ClaimStatus.IN_REVIEW, claim_id])
                self._audit(
                    AuditAction.SET_STATUS,
                    "claims",
                    claim_id,
                    {"status": ClaimStatus.NEW},
                    {"status": ClaimStatus.IN_REVIEW},
                )
        return attachment_id

    def sources(self, claim_id: int) -> list[AttachedSource]:
        """A claim's sources in attachment order; `attachment` names one for editing or removing it."""
        return cast(
            "list[AttachedSource]",
            self._all(
                """
            SELECT cs.id AS attachment, s.url, s.title, s.publisher, cs.stance, s.excerpt, s.date
            FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
            WHERE cs.claim_id = ? AND cs.removed_at IS NULL ORDER BY cs.id
            """,
                [claim_id],
            ),
        )

    def add_verdict(
        self, claim_id: int, rating: str, rationale: str | None, reviewer: str, version: int | None = None
    ) -> int:
        """Append a verdict (history is never overwritten) and mark the claim checked.

        With `version`, the verdict is refused if the claim's text changed since the reviewer read it.
        """
        with self.transaction():
            claim = self.edits.check_version(claim_id, version)
            verdict = {
                "claim_id": claim_id,
                "rating": rating,
                "rationale": rationale,
                "reviewer": reviewer,
                "at": now(),
            }
            verdict_id = insert_row(self.db, "verdicts", verdict)
            self._audit(AuditAction.VERDICT, "claims", claim_id, {"rating": claim.rating}, verdict)
            if claim.status != ClaimStatus.CHECKED:
                self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [ClaimStatus.CHECKED, claim_id])
                self._audit(
                    AuditAction.SET_STATUS,
                    "claims",
                    claim_id,
                    {"status": claim.status},
                    {"status": ClaimStatus.CHECKED},
                )
        return verdict_id

    def verdict_history(self, claim_id: int) -> list[Verdict]:
        """Verdicts of a claim, oldest first."""
        return cast(
            "list[Verdict]",
            self._all(
                "SELECT rating, rationale, reviewer, at FROM verdicts WHERE claim_id = ? AND retracted_at IS NULL "
                "ORDER BY id",
                [claim_id],
            ),
        )

    # Set-based reads for reports: one query per 500 claims instead of one per claim.

    def verdicts_by_claim(self, claim_ids: list[int]) -> dict[int, list[Verdict]]:
        """Claim -> its verdicts, oldest first (as verdict_history); claims without any are absent."""
        found: dict[int, list[Verdict]] = {}
        sql = (
            "SELECT claim_id, rating, rationale, reviewer, at FROM verdicts "
            "WHERE claim_id IN ({}) AND retracted_at IS NULL ORDER BY id"
        )
        for row in self._in_chunks(sql, claim_ids):
            found.setdefault(row.pop("claim_id"), []).append(cast(Verdict, row))
        return found

    def sources_by_claim(self, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Claim -> its sources in attachment order (as sources); claims without any are absent."""
        found: dict[int, list[dict[str, Any]]] = {}
        sql = """
            SELECT cs.claim_id, s.url, s.title, s.publisher, cs.stance, s.excerpt
            FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
            WHERE cs.claim_id IN ({}) AND cs.removed_at IS NULL ORDER BY cs.id
        """
        for row in self._in_chunks(sql, claim_ids):
            found.setdefault(row.pop("claim_id"), []).append(row)
        return found

    def links_by_claim(self, claim_ids: list[int]) -> dict[int, list[ClaimLink]]:
        """Claim -> the links touching it, seen from it, oldest first (as links)."""
        wanted = set(claim_ids)
        rows: dict[int, dict[str, Any]] = {}
        for side in ("claim_a", "claim_b"):
            sql = f"SELECT id, claim_a, claim_b, relation, score, state FROM links WHERE {side} IN ({{}})"
            rows.update((row["id"], row) for row in self._in_chunks(sql, claim_ids))
        found: dict[int, list[ClaimLink]] = {}
        for link_id in sorted(rows):
            row = rows[link_id]
            for own, other in ((row["claim_a"], row["claim_b"]), (row["claim_b"], row["claim_a"])):
                if own in wanted:
                    found.setdefault(own, []).append(
                        {"claim": other, "relation": row["relation"], "score": row["score"], "state": row["state"]}
                    )
        return found

    def suggest_link(self, claim_a: int, claim_b: int, relation: str, score: float) -> bool:
        """Store a suggested link; a confirmed or rejected pair keeps the reviewer's decision. True if written."""
        a, b = min(claim_a, claim_b), max(claim_a, claim_b)
        existing = self._one("SELECT id, state, relation, score FROM links WHERE claim_a = ? AND claim_b = ?", [a, b])
        if existing is not None and (
            existing["state"] != LinkState.SUGGESTED or (existing["relation"], existing["score"]) == (relation, score)
        ):
            return False
        row = {
            "claim_a": a,
            "claim_b": b,
            "relation": relation,
            "score": score,
            "state": LinkState.SUGGESTED,
            "updated_at": now(),
        }
        if existing is None:
            link_id = insert_row(self.db, "links", {**row, "created_at": now()})
        else:
            link_id = existing["id"]
            self.db.table("links").update(link_id, row)
        self._audit(AuditAction.SUGGEST_LINK, "links", link_id, existing, row)
        return True

    def suggest_links(self, links: Sequence[tuple[int, int, str, float]]) -> int:
        """Many suggested links (claim_a, claim_b, relation, score) at once, each stored and audited
        exactly as suggest_link stores it; returns how many were written. One read of the pairs
        already linked and plain inserts: a 1 MB article suggests some 100,000 links, and a
        sqlite-utils insert (which re-reads the schema) per link and per audit row took minutes."""
        pairs = [(min(a, b), max(a, b), relation, score) for a, b, relation, score in links]
        existing: dict[tuple[int, int], dict[str, Any]] = {}
        for row in self._in_chunks(
            "SELECT id, claim_a, claim_b, state, relation, score FROM links WHERE claim_a IN ({})",
            sorted({a for a, _, _, _ in pairs}),
        ):
            existing[(row.pop("claim_a"), row.pop("claim_b"))] = row
        audits = []
        for a, b, relation, score in pairs:
            before = existing.get((a, b))
            if before is not None and (
                before["state"] != LinkState.SUGGESTED or (before["relation"], before["score"]) == (relation, score)
            ):
                continue
            at = now()
            row = {
                "claim_a": a,
                "claim_b": b,
                "relation": relation,
                "score": score,
                "state": LinkState.SUGGESTED,
                "updated_at": at,
            }
            if before is None:
                cursor = self.db.execute(
                    "INSERT INTO links (claim_a, claim_b, relation, score, state, updated_at, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [a, b, relation, score, LinkState.SUGGESTED, at, now()],
                )
                link_id = cursor.lastrowid
            else:
                link_id = before["id"]
                self.db.execute(
                    "UPDATE links SET relation = ?, score = ?, state = ?, updated_at = ? WHERE id = ?",
                    [relation, score, LinkState.SUGGESTED, at, link_id],
                )
            audits.append(
                (
                    now(),
                    self.actor,
                    AuditAction.SUGGEST_LINK,
                    "links",
                    link_id,
                    None if before is None else json.dumps(before, ensure_ascii=False),
                    json.dumps(row, ensure_ascii=False),
                )
            )
            existing[(a, b)] = {"id": link_id, "state": LinkState.SUGGESTED, "relation": relation, "score": score}
        self.db.conn.executemany(
            "INSERT INTO audit (at, actor, action, table_name, row_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            audits,
        )
        return len(audits)

    def set_link_state(self, claim_a: int, claim_b: int, state: str, relation: str | None = None) -> Link | None:
        """A reviewer's decision on a pair: confirmed (as `relation`) or rejected; remembered for good.
        Returns the link as it was (None if there was none), for undo."""
        a, b = min(claim_a, claim_b), max(claim_a, claim_b)
        with self.transaction():
            self.claim(a), self.claim(b)
            existing = cast("Link | None", self._one("SELECT * FROM links WHERE claim_a = ? AND claim_b = ?", [a, b]))
            row: dict[str, object] = {"claim_a": a, "claim_b": b, "state": state, "updated_at": now()}
            if relation is not None:
                row["relation"] = relation
            if existing is None:
                row.setdefault("relation", LinkRelation.DUPLICATE)
                link_id = insert_row(self.db, "links", {**row, "score": None, "created_at": now()})
            else:
                link_id = existing["id"]
                self.db.table("links").update(link_id, row)
            self._audit(AuditAction.SET_LINK_STATE, "links", link_id, existing, row)
        return existing

    def confirmed_duplicate_pairs(self) -> list[tuple[int, int]]:
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT claim_a, claim_b FROM links WHERE state = ? AND relation = ?",
                [LinkState.CONFIRMED, LinkRelation.DUPLICATE],
            ).fetchall()
        ]

    def all_links(self, state: str | None = None) -> list[Link]:
        if state is None:
            return cast("list[Link]", self._all("SELECT * FROM links ORDER BY id"))
        return cast("list[Link]", self._all("SELECT * FROM links WHERE state = ? ORDER BY id", [state]))

    def links(self, claim_id: int) -> list[ClaimLink]:
        """Links touching a claim, seen from that claim."""
        return cast(
            "list[ClaimLink]",
            self._all(
                """
            SELECT CASE WHEN claim_a = :id THEN claim_b ELSE claim_a END AS claim,
                   relation, score, state
            FROM links WHERE claim_a = :id OR claim_b = :id ORDER BY id
            """,
                {"id": claim_id},
            ),
        )

    # -- search and audit -----------------------------------------------------

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

    def claim_history(self, claim_id: int) -> list[AuditRow]:
        """Every audit row about a claim and its links, oldest first."""
        self.claim(claim_id)
        return cast(
            "list[AuditRow]",
            self._all(
                """
            SELECT * FROM audit
            WHERE (table_name = 'claims' AND row_id = :id)
               OR (table_name = 'links' AND row_id IN (SELECT id FROM links WHERE claim_a = :id OR claim_b = :id))
               OR (table_name = 'articles' AND row_id = (SELECT article_id FROM claims WHERE id = :id))
            ORDER BY id
            """,
                {"id": claim_id},
            ),
        )

    def review_decisions(self) -> list[dict[str, Any]]:
        """What reviewers decided about claims of articles (not archives), for teaching the
        check-worthiness model: `text`, `language`, `decision` — 'not_checkable' (a reviewer
        marked it so), 'verdict' (it got a verdict that stands), or 'skipped' (still new and
        unrated, in an article where a reviewer gave some other claim a verdict)."""
        return self._all(
            """
            SELECT c.id, c.text, a.language,
                   CASE WHEN EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.retracted_at IS NULL)
                        THEN 'verdict'
                        WHEN NOT c.checkable AND EXISTS (SELECT 1 FROM audit u WHERE u.table_name = 'claims'
                             AND u.row_id = c.id AND u.action = 'checkable') THEN 'not_checkable'
                        ELSE 'skipped' END AS decision
            FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE NOT a.is_archive AND (
                EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.retracted_at IS NULL)
                OR (NOT c.checkable AND EXISTS (SELECT 1 FROM audit u WHERE u.table_name = 'claims'
                    AND u.row_id = c.id AND u.action = 'checkable'))
                OR (c.checkable AND c.status = 'new' AND EXISTS (
                    SELECT 1 FROM verdicts v JOIN claims o ON o.id = v.claim_id
                    WHERE o.article_id = c.article_id AND v.retracted_at IS NULL)))
            ORDER BY c.id
            """
        )

    def last_audit_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])

    def audit_log(self, table_name: str | None = None, row_id: int | None = None) -> list[AuditRow]:
        if table_name is None:
            return cast("list[AuditRow]", self._all("SELECT * FROM audit ORDER BY id"))
        rows = self._all("SELECT * FROM audit WHERE table_name = ? AND row_id = ? ORDER BY id", [table_name, row_id])
        return cast("list[AuditRow]", rows)

    def _audit(self, action: str, table_name: str, row_id: int | None, before: object, after: object) -> None:
        self.db.table("audit").insert(
            {
                "at": now(),
                "actor": self.actor,
                "action": action,
                "table_name": table_name,
                "row_id": row_id,
                "before": None if before is None else json.dumps(before, ensure_ascii=False),
                "after": None if after is None else json.dumps(after, ensure_ascii=False),
            }
        )

    def backup(self, target: Path) -> None:
        destination = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(destination)
        finally:
            destination.close()

    # -- helpers --------------------------------------------------------------

    def _all(self, sql: str, params: Sequence[object] | dict[str, object] | None = None) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _one(self, sql: str, params: Sequence[object] | dict[str, object] | None = None) -> dict[str, Any] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _in_chunks(self, sql: str, ids: list[int], size: int = 500) -> Iterator[dict[str, Any]]:
        """Run an `IN ({})` query in slices, under SQLite's bound-parameter limit."""
        for i in range(0, len(ids), size):
            chunk = ids[i : i + size]
            yield from self._all(sql.format(", ".join("?" for _ in chunk)), chunk)


def _fts_phrase(term: str) -> str:
    """A term as an FTS5 string, so nothing in it is read as query syntax."""
    return '"' + term.replace('"', '""') + '"'
