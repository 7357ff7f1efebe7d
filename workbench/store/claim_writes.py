"""Reviewers' changes to stored claims, and taking back verdicts, sources and link decisions.

A change to a claim's content checks the version the reviewer read (a stale one is refused,
never written over), bumps it, and leaves an audit row with before and after in the same
transaction. Nothing a reviewer gave is deleted: a verdict or source taken back stays, marked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, cast

from workbench.domain.records import ClaimContent
from workbench.errors import Conflict, NotFound
from workbench.store.clock import now
from workbench.store.db import insert_row

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlite_utils import Database

    from workbench.domain.records import Article
    from workbench.models import ClaimDraft, ClaimRow
    from workbench.store.match_index import MatchIndex

    Params = Sequence[object] | dict[str, object] | None

CONTENT = (
    "start",
    "end",
    "text",
    "kind",
    "checkable",
    "checkworthy",
    "score",
    "claimant",
    "claimant_canonical",
    "dates",
    "figures",
    "reasons",
)
"""The columns a reviewer's edit rewrites; status, verdicts and sources are not content."""
CONTENT_ACTIONS = ("edit", "checkable", "split", "merge", "undo")


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


class ClaimWrites:
    """Mixed into Store: these methods use its connection, transactions and audit."""

    if TYPE_CHECKING:  # what the mixin uses of Store, so its methods type-check on their own
        db: Database
        actor: str
        index: MatchIndex

        def claim(self, claim_id: int) -> ClaimRow: ...
        def article(self, article_id: int) -> Article: ...
        def transaction(self) -> AbstractContextManager[None]: ...
        def _all(self, sql: str, params: Params = None) -> list[dict[str, Any]]: ...
        def _one(self, sql: str, params: Params = None) -> dict[str, Any] | None: ...
        def _audit(self, action: str, table_name: str, row_id: int | None, before: object, after: object) -> None: ...

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

    def drop_suggestions(self, claim_id: int) -> None:
        """Forget suggested links of a claim whose text changed; reviewers' decisions stay."""
        self.db.execute(
            "DELETE FROM links WHERE state = 'suggested' AND (claim_a = :id OR claim_b = :id)", {"id": claim_id}
        )

    # -- taking back ------------------------------------------------------------

    def retract_verdict(self, verdict_id: int, status: str) -> None:
        """Take a verdict back; the claim returns to `status` when no verdict of its own is left."""
        with self.transaction():
            verdict = self._one("SELECT * FROM verdicts WHERE id = ? AND retracted_at IS NULL", [verdict_id])
            if verdict is None:
                raise NotFound(f"There is no verdict {verdict_id} to take back.")
            self.db.execute(
                "UPDATE verdicts SET retracted_at = ?, retracted_by = ? WHERE id = ?", [now(), self.actor, verdict_id]
            )
            self._audit("retract_verdict", "claims", verdict["claim_id"], verdict, None)
            left = self.db.execute(
                "SELECT count(*) FROM verdicts WHERE claim_id = ? AND retracted_at IS NULL", [verdict["claim_id"]]
            ).fetchone()[0]
            if not left:
                self.db.execute("UPDATE claims SET status = ? WHERE id = ?", [status, verdict["claim_id"]])
                self._audit("set_status", "claims", verdict["claim_id"], {"status": "checked"}, {"status": status})

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
            self._audit("remove_source" if removed else "restore_source", "claims", row["claim_id"], row, None)
        return int(row["claim_id"])

    def source(self, attachment_id: int) -> dict[str, Any]:
        """One attached source as sources() lists it, with its claim."""
        row = self._one(
            "SELECT cs.id AS attachment, cs.claim_id, s.url, s.title, s.publisher, cs.stance, s.excerpt, s.date "
            "FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.id = ? AND cs.removed_at IS NULL",
            [attachment_id],
        )
        if row is None:
            raise NotFound(f"There is no source attachment {attachment_id}.")
        return row

    def edit_source(self, attachment_id: int, fields: dict[str, Any]) -> dict[str, Any]:
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
            self._audit("edit_source", "claims", before["claim_id"], before, fields)
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
            self._audit("undo_link", "links", (current or before or {}).get("id"), current, before)


def _quoted(column: str) -> str:
    return f'"{column}"'
