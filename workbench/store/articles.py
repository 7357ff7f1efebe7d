"""Articles: stored with their claims, read, and corrected after import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from workbench.domain.records import Article, ArticleHead
from workbench.domain.vocab import AuditAction
from workbench.errors import NotFound
from workbench.models import (
    ArticleInput,
    ArticleSummary,
    ClaimDraft,
)
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.repository import Repository


class Articles(Repository):
    """Articles and archives, the texts claims were cut from."""

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
            claim_ids = self.store.claims.add_claims(article_id, claims)
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
        first = self.store.claims.next_claim_id()
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

    def get(self, article_id: int) -> Article:
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
            current: dict[str, Any] = dict(self.get(article_id))
            changed = {k: v for k, v in fields.items() if current[k] != v}
            if changed:
                self.db.table("articles").update(article_id, changed)
                self._audit("article", "articles", article_id, {k: current[k] for k in changed}, changed)
        return changed

    def rows(self, article_id: int | None = None) -> list[Article]:
        """Full article rows, oldest first; one or none when article_id is given."""
        if article_id is not None:
            return [self.get(article_id)]
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
