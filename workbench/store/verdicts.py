"""Verdicts: appended, never overwritten, and read back per claim or per report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from workbench.domain.records import ReviewDecision, Verdict
from workbench.domain.vocab import AuditAction, ClaimStatus
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.repository import Repository


class Verdicts(Repository):
    """Reviewers' and archives' verdicts on claims."""

    def add_verdict(
        self, claim_id: int, rating: str, rationale: str | None, reviewer: str, version: int | None = None
    ) -> int:
        """Append a verdict (history is never overwritten) and mark the claim checked.

        With `version`, the verdict is refused if the claim's text changed since the reviewer read it.
        """
        with self.transaction():
            claim = self.store.edits.check_version(claim_id, version)
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

    def review_decisions(self) -> list[ReviewDecision]:
        """What reviewers decided about claims of articles (not archives), for teaching the
        check-worthiness model: `text`, `language`, `decision` — 'not_checkable' (a reviewer
        marked it so), 'verdict' (it got a verdict that stands), or 'skipped' (still new and
        unrated, in an article where a reviewer gave some other claim a verdict)."""
        return cast(
            "list[ReviewDecision]",
            self._all(
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
            ),
        )
