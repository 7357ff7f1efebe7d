"""Links.suggest_links (an import's links in bulk) on a real seeded database: each link stored and
audited once, a reviewer's decision kept, an unchanged suggestion not written again."""

from __future__ import annotations

from workbench.service import Workbench


def _state(workbench: Workbench) -> tuple[list, list]:
    with workbench.store() as store:
        cursor = store.db.execute("SELECT claim_a, claim_b, relation, score, state FROM links ORDER BY id")
        names = [d[0] for d in cursor.description]
        links = [dict(zip(names, row)) for row in cursor.fetchall()]
        audit = [
            (r["action"], r["table_name"], r["row_id"], r["before"], _without_time(r["after"]))
            for r in store.audit.audit_log()
            if r["table_name"] == "links"
        ]
    return links, audit


def _without_time(after: str | None) -> str | None:
    import json

    if after is None:
        return None
    data = json.loads(after)
    data.pop("updated_at", None)
    return json.dumps(data, sort_keys=True)


def test_suggested_links_in_bulk_keep_decisions_and_history(seeded: Workbench):
    links_before, audit_before = _state(seeded)
    with seeded.store() as store:
        ids = store.claims.claim_ids()[:6]
        with store.transaction():
            written = store.links.suggest_links(
                [
                    (ids[1], ids[0], "duplicate", 0.9),  # given in either order
                    (ids[2], ids[3], "related", 0.4),
                    (ids[4], ids[5], "conflict", 0.7),
                ]
            )
            store.links.set_link_state(ids[4], ids[5], "rejected")
        assert written == 3
        again = [
            (ids[0], ids[1], "duplicate", 0.9),  # unchanged: not written again
            (ids[2], ids[3], "duplicate", 0.8),  # a suggestion changes
            (ids[4], ids[5], "related", 0.5),  # a reviewer's decision stays
            (ids[0], ids[2], "related", 0.3),  # new
            (ids[0], ids[2], "related", 0.35),  # the same pair twice in one batch: the second updates it
        ]
        with store.transaction():
            assert store.links.suggest_links(again) == 3
    links, audit = _state(seeded)
    pair = {(link["claim_a"], link["claim_b"]): (link["relation"], link["score"], link["state"]) for link in links}
    expected = {
        (ids[0], ids[1]): ("duplicate", 0.9, "suggested"),
        (ids[2], ids[3]): ("duplicate", 0.8, "suggested"),
        (ids[4], ids[5]): ("conflict", 0.7, "rejected"),
        (ids[0], ids[2]): ("related", 0.35, "suggested"),
    }
    assert {key: pair[key] for key in expected} == expected
    new_pairs = {key for key in expected if key not in {(k["claim_a"], k["claim_b"]) for k in links_before}}
    assert len(links) == len(links_before) + len(new_pairs)  # the pair given twice is one row
    assert len(audit) - len(audit_before) == 3 + 1 + 3  # three suggested, one rejected, three by the batch
