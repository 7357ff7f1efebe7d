"""The meta table: the workbench's own settings (what was seeded, and from where)."""

from __future__ import annotations

from workbench.domain.vocab import AuditAction
from workbench.store.repository import Repository


class Meta(Repository):
    """Key-value settings of the database, each change audited."""

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        with self.transaction():
            before = self.get(key)
            self.db.table("meta").upsert({"key": key, "value": value}, pk="key")
            self._audit(AuditAction.SET, "meta", None, {"key": key, "value": before}, {"key": key, "value": value})
