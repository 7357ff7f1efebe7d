"""Sources attached to claims as evidence or context, one by one or by the archive."""

from __future__ import annotations

from typing import cast

from workbench.domain.records import AttachedSource, ReportSource
from workbench.domain.vocab import AuditAction, ClaimStatus, Stance
from workbench.models import (
    SourceInput,
)
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.repository import Repository


class Sources(Repository):
    """Sources and their attachments to claims."""

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
            claim = self.store.edits.check_version(claim_id, version)
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
                    "stance": Stance.CONTEXT,
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

    def of(self, claim_id: int) -> list[AttachedSource]:
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

    def sources_by_claim(self, claim_ids: list[int]) -> dict[int, list[ReportSource]]:
        """Claim -> its sources in attachment order (as sources); claims without any are absent."""
        found: dict[int, list[ReportSource]] = {}
        sql = """
            SELECT cs.claim_id, s.url, s.title, s.publisher, cs.stance, s.excerpt
            FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
            WHERE cs.claim_id IN ({}) AND cs.removed_at IS NULL ORDER BY cs.id
        """
        for row in self._in_chunks(sql, claim_ids):
            found.setdefault(row.pop("claim_id"), []).append(cast(ReportSource, row))
        return found
