"""Links between claims: matching's suggestions and reviewers' decisions on them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from workbench.domain.records import ClaimLink, Link
from workbench.domain.vocab import AuditAction, LinkRelation, LinkState
from workbench.store.clock import now
from workbench.store.db import insert_row
from workbench.store.repository import Repository


class Links(Repository):
    """Suggested, confirmed and rejected links between pairs of claims."""

    def suggest_links(self, links: Sequence[tuple[int, int, str, float]]) -> int:
        """Suggested links (claim_a, claim_b, relation, score), each stored and audited; a confirmed
        or rejected pair keeps the reviewer's decision, an unchanged one is not written again.
        Returns how many were written. One read of the pairs
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
            # The audit row Audit.record would write, written with the others below.
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

    def of(self, claim_id: int) -> list[ClaimLink]:
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
