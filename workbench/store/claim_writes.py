"""Reviewers' changes to stored claims' content: edit, split, merge, add, remove.

A change to a claim's content checks the version the reviewer read (a stale one is refused,
never written over), bumps it, and leaves an audit row with before and after in the same
transaction. Nothing a reviewer gave is deleted: a verdict or source taken back stays, marked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, cast

from workbench.domain.records import CONTENT_FIELDS, ClaimContent
from workbench.domain.vocab import CONTENT_ACTIONS, AuditAction
from workbench.errors import Conflict, NotFound
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.repository import CHUNK, Repository

if TYPE_CHECKING:
    from workbench.models import ClaimDraft, ClaimRow

CONTENT = CONTENT_FIELDS
"""The columns a reviewer's edit rewrites; status, verdicts and sources are not content."""


def claim_values(draft: ClaimDraft) -> dict[str, Any]:
    """A draft as the claims table stores its content."""
    return {
        "start": draft.start,
        "end": draft.end,
        "text": draft.text,
        "kind": draft.kind,
        "checkable": int(draft.checkable),
        "checkworthy": int(draft.checkworthy),
        "score": draft.score,
        "claimant": draft.claimant,
        "claimant_canonical": draft.claimant_canonical,
        "dates": json.dumps(list(draft.dates)),
        "figures": json.dumps([asdict(f) for f in draft.figures]),
        "reasons": json.dumps(list(draft.reasons), ensure_ascii=False),
    }


def _content_values(content: Mapping[str, object]) -> dict[str, object]:
    """The CONTENT columns of a snapshot; one audited before m010_checkworthy has no checkworthy."""
    return {c: content.get(c, 0) if c == "checkworthy" else content[c] for c in CONTENT}


def draft_content(draft: ClaimDraft, offset: int = 0) -> ClaimContent:
    """A draft as a content snapshot (see ClaimWrites.content); its entity spans move by `offset`,
    so spans of a text cut from an article index the article."""
    entities = [
        {"text": e.text, "label": e.label, "canonical": e.canonical, "start": e.start + offset, "end": e.end + offset}
        for e in draft.entities
    ]
    return cast(ClaimContent, {**claim_values(draft), "entities": entities})


class ClaimWrites(Repository):
    """A claim's content: read, rewritten, inserted and removed, each version-checked and audited."""

    def check_version(self, claim_id: int, version: int | None) -> ClaimRow:
        """The claim, if `version` (the one the reviewer read) is still current or not given."""
        claim = self.claim(claim_id)
        if version is not None and claim.version != version:
            last = self._one(
                f"SELECT actor, at FROM audit WHERE table_name = 'claims' AND row_id = ? "
                f"AND action IN ({', '.join('?' for _ in CONTENT_ACTIONS)}) ORDER BY id DESC LIMIT 1",
                [claim_id, *CONTENT_ACTIONS],
            )
            by = f" by {last['actor']} at {last['at']}" if last else ""
            raise Conflict(f"Claim {claim_id} was changed{by} after you read it; read it again before changing it.")
        return claim

    def content(self, claim_id: int) -> ClaimContent:
        """A claim's content with its entities: what an edit replaces, and what undoing it puts back."""
        row = self._one(f"SELECT {', '.join(_quoted(c) for c in CONTENT)} FROM claims WHERE id = ?", [claim_id])
        if row is None:
            raise NotFound(f"There is no claim with id {claim_id}.")
        row["entities"] = self._all(
            'SELECT text, label, canonical, start, "end" FROM entities WHERE claim_id = ? ORDER BY id', [claim_id]
        )
        return cast(ClaimContent, row)

    def write_content(self, claim_id: int, version: int | None, content: ClaimContent, action: str) -> int:
        """Replace a claim's content (a snapshot as `content` gives it); returns the new version."""
        with self.transaction():
            self.check_version(claim_id, version)
            before = self.content(claim_id)
            values = _content_values(content)
            assignments = ", ".join(f"{_quoted(c)} = ?" for c in values)
            self.db.execute(
                f"UPDATE claims SET {assignments}, version = version + 1 WHERE id = ?", [*values.values(), claim_id]
            )
            self.db.execute("DELETE FROM entities WHERE claim_id = ?", [claim_id])
            self.db.table("entities").insert_all({**e, "claim_id": claim_id} for e in content["entities"])
            self._audit(action, "claims", claim_id, before, content)
            return self.claim(claim_id).version

    def insert_claim(
        self, article_id: int, content: ClaimContent, action: str, claim: dict[str, Any] | None = None
    ) -> int:
        """Store one claim from a content snapshot; `claim` restores a removed claim's own id,
        status, version and links (as remove_claim returned them)."""
        with self.transaction():
            self.article(article_id)
            row = _content_values(content) | {"article_id": article_id, "created_at": now()}
            if claim is not None:
                row |= {k: claim[k] for k in ("id", "status", "version", "created_at")}
            claim_id = insert_row(self.db, "claims", row)
            self.db.table("entities").insert_all({**e, "claim_id": claim_id} for e in content["entities"])
            if claim is not None:
                self.db.table("links").insert_all(claim["links"])
            self._audit(action, "claims", claim_id, None, content)
        return claim_id

    def remove_claim(self, claim_id: int, action: str) -> dict[str, Any]:
        """Delete a claim that no reviewer has worked on (merged into another, a split taken back);
        returns all of it, for the audit and for putting it back. Review history is never deleted."""
        with self.transaction():
            claim = self._one("SELECT id, article_id, status, version, created_at FROM claims WHERE id = ?", [claim_id])
            if claim is None:
                raise NotFound(f"There is no claim with id {claim_id}.")
            reviewed = self.db.execute(
                "SELECT (SELECT count(*) FROM verdicts WHERE claim_id = :id) + "
                "(SELECT count(*) FROM claim_sources WHERE claim_id = :id)",
                {"id": claim_id},
            ).fetchone()[0]
            if reviewed:
                raise Conflict(
                    f"Claim {claim_id} has verdicts or sources of its own; mark it not checkable instead of removing it."
                )
            content = self.content(claim_id)
            claim["links"] = self._all("SELECT * FROM links WHERE claim_a = :id OR claim_b = :id", {"id": claim_id})
            for table, column in (("links", "claim_a"), ("links", "claim_b"), ("entities", "claim_id")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [claim_id])
            self.index.remove([claim_id])
            self.db.execute("DELETE FROM claims WHERE id = ?", [claim_id])
            self._audit(action, "claims", claim_id, {**claim, **content}, None)
        return {**claim, "content": content}

    def clauses(self, claim_ids: Sequence[int]) -> dict[int, tuple[str, str, str | None]]:
        """(clause, language, outlet) of stored claims: the span of its article each claim was cut
        from (`text[start:end]`; SQLite counts characters as Python does), read without the rest
        of the article's text, which for an archive is every row of it."""
        out: dict[int, tuple[str, str, str | None]] = {}
        for i in range(0, len(claim_ids), CHUNK):
            chunk = list(claim_ids[i : i + CHUNK])
            for claim_id, clause, language, outlet in self.db.execute(
                'SELECT c.id, substr(a.text, c.start + 1, c."end" - c.start), a.language, a.outlet '
                f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ).fetchall():
                out[claim_id] = (clause or "", language, outlet)
        return out

    def rescore(self, scored: Sequence[tuple[int, bool, float, Sequence[str]]]) -> int:
        """Claims' check-worthiness as the model gives it again: (id, checkworthy, score, reasons)
        each. A claim whose values change gets an audit row with before and after; its version
        stays, since a score is the model's, not a reviewer's content (an edit being made on the
        claim is not refused for it). Returns how many changed."""
        changed = 0
        with self.transaction():
            for i in range(0, len(scored), CHUNK):
                chunk = scored[i : i + CHUNK]
                before = {
                    row[0]: {"checkworthy": bool(row[1]), "score": row[2], "reasons": json.loads(row[3] or "[]")}
                    for row in self.db.execute(
                        f"SELECT id, checkworthy, score, reasons FROM claims WHERE id IN ({', '.join('?' for _ in chunk)})",
                        [claim_id for claim_id, *_ in chunk],
                    ).fetchall()
                }
                for claim_id, checkworthy, score, reasons in chunk:
                    after = {"checkworthy": bool(checkworthy), "score": score, "reasons": list(reasons)}
                    if claim_id not in before or before[claim_id] == after:
                        continue
                    self.db.execute(
                        "UPDATE claims SET checkworthy = ?, score = ?, reasons = ? WHERE id = ?",
                        [int(checkworthy), score, json.dumps(list(reasons), ensure_ascii=False), claim_id],
                    )
                    self._audit(AuditAction.RESCORE, "claims", claim_id, before[claim_id], after)
                    changed += 1
        return changed

    def drop_suggestions(self, claim_id: int) -> None:
        """Forget suggested links of a claim whose text changed; reviewers' decisions stay."""
        self.db.execute(
            "DELETE FROM links WHERE state = 'suggested' AND (claim_a = :id OR claim_b = :id)", {"id": claim_id}
        )


def _quoted(column: str) -> str:
    return f'"{column}"'
