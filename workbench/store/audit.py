"""The audit log: one row for every write, read back as a claim's history."""

from __future__ import annotations

import json
from typing import cast

from workbench.domain.records import AuditRow
from workbench.store.clock import now
from workbench.store.repository import Repository


class Audit(Repository):
    """Every write's row, with before and after, and the history read from them."""

    def record(self, action: str, table_name: str, row_id: int | None, before: object, after: object) -> None:
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

    def last_audit_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])

    def audit_log(self, table_name: str | None = None, row_id: int | None = None) -> list[AuditRow]:
        if table_name is None:
            return cast("list[AuditRow]", self._all("SELECT * FROM audit ORDER BY id"))
        rows = self._all("SELECT * FROM audit WHERE table_name = ? AND row_id = ? ORDER BY id", [table_name, row_id])
        return cast("list[AuditRow]", rows)
