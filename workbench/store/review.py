"""Taking back what reviewers gave: verdicts retracted, sources removed, restored or edited, link
decisions undone. Nothing is deleted: a verdict or source taken back stays, marked, and every
change leaves an audit row in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from workbench.domain.records import ClaimAttachedSource
from workbench.domain.vocab import AuditAction, ClaimStatus
from workbench.errors import NotFound
from workbench.store.clock import now
from workbench.store.repository import Repository


class ReviewWrites(Repository):
    """Reviewers' verdicts, sources and link decisions, taken back or corrected."""

    def retract_verdict(self, verdict_id: int, status: str) -> None:
        """Take a verdict back; the claim returns to `status` when no verdict of its own is left."""
        with self.transaction():
            verdict = self._one("SELECT * FROM verdicts WHERE id = ? AND retracted_at IS NULL", [verdict_id])
            if verdict is None:
                raise NotFound(f"There is no verdict {verdict_id} to take back.")
            self.db.execute(
                "UPDATE verdicts SET retracted_at = ?, retracted_by = ? WHERE id = ?", [now(), self.actor, verdict_id]
            )
            self._audit(AuditAction.RETRACT_VERDICT, "claims", verdict["claim_id"], verdict, None)
            left = self.db.execute(
                "SELECT count(*) FROM verdicts WHERE claim_id = ? AND retracted_at IS NULL", [verdict["claim_id"]]
            ).fetchone()[0]
            if not left:
                self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [status, verdict["claim_id"]])
                self._audit(
                    AuditAction.SET_STATUS,
                    "claims",
                    verdict["claim_id"],
                    {"status": ClaimStatus.CHECKED},
                    {"status": status},
                )

    def set_source_removed(self, attachment_id: int, removed: bool) -> int:
        """Remove a source from its claim (kept, marked) or put it back; returns the claim's id."""
        with self.transaction():
            row = self._one("SELECT * FROM claim_sources WHERE id = ?", [attachment_id])
            if row is None:
                raise NotFound(f"There is no source attachment {attachment_id}.")
            after = (now(), self.actor) if removed else (None, None)
            self.db.execute(
                "UPDATE claim_sources SET removed_at = ?, removed_by = ? WHERE id = ?", [*after, attachment_id]
            )
            self._audit(
                AuditAction.REMOVE_SOURCE if removed else AuditAction.RESTORE_SOURCE,
                "claims",
                row["claim_id"],
                row,
                None,
            )
        return int(row["claim_id"])

    def source(self, attachment_id: int) -> ClaimAttachedSource:
        """One attached source as sources() lists it, with its claim."""
        row = self._one(
            "SELECT cs.id AS attachment, cs.claim_id, s.url, s.title, s.publisher, cs.stance, s.excerpt, s.date "
            "FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.id = ? AND cs.removed_at IS NULL",
            [attachment_id],
        )
        if row is None:
            raise NotFound(f"There is no source attachment {attachment_id}.")
        return cast(ClaimAttachedSource, row)

    def edit_source(self, attachment_id: int, fields: Mapping[str, object]) -> ClaimAttachedSource:
        """Change an attached source's url, title, publisher, date, excerpt or stance; returns it as it was."""
        with self.transaction():
            before = self.source(attachment_id)
            source_fields = {k: v for k, v in fields.items() if k in {"url", "title", "publisher", "date", "excerpt"}}
            if source_fields:
                source_id = self.db.execute(
                    "SELECT source_id FROM claim_sources WHERE id = ?", [attachment_id]
                ).fetchone()[0]
                self.db.table("sources").update(source_id, source_fields)
            if "stance" in fields:
                self.db.execute("UPDATE claim_sources SET stance = ? WHERE id = ?", [fields["stance"], attachment_id])
            self._audit(AuditAction.EDIT_SOURCE, "claims", before["claim_id"], before, fields)
        return before

    def restore_link(self, claim_a: int, claim_b: int, before: dict[str, Any] | None) -> None:
        """Put a pair's link back as it was before a reviewer's decision (gone, if there was none)."""
        a, b = min(claim_a, claim_b), max(claim_a, claim_b)
        with self.transaction():
            current = self._one("SELECT * FROM links WHERE claim_a = ? AND claim_b = ?", [a, b])
            if before is None:
                self.db.execute("DELETE FROM links WHERE claim_a = ? AND claim_b = ?", [a, b])
            else:
                self.db.table("links").upsert(before, pk="id")
            self._audit(AuditAction.UNDO_LINK, "links", (current or before or {}).get("id"), current, before)
