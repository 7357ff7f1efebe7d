"""Store.suggest_links (an import's links in bulk) stores and audits each link exactly as
suggest_link does one at a time, on a real seeded database."""

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


def _write(workbench: Workbench, bulk: bool) -> None:
    with workbench.store() as store:
        ids = store.claims.claim_ids()[:6]
        writes = [
            (ids[1], ids[0], "duplicate", 0.9),  # given in either order
            (ids[2], ids[3], "related", 0.4),
            (ids[4], ids[5], "conflict", 0.7),
        ]
        with store.transaction():
            for write in writes:
                store.links.suggest_link(*write)
            store.links.set_link_state(ids[4], ids[5], "rejected")
        again = [
            (ids[0], ids[1], "duplicate", 0.9),  # unchanged: not written again
            (ids[2], ids[3], "duplicate", 0.8),  # a suggestion changes
            (ids[4], ids[5], "related", 0.5),  # a reviewer's decision stays
            (ids[0], ids[2], "related", 0.3),  # new
            (ids[0], ids[2], "related", 0.35),  # the same pair twice in one batch: the second updates it
        ]
        with store.transaction():
            if bulk:
                assert store.links.suggest_links(again) == 3
            else:
                assert sum(store.links.suggest_link(*write) for write in again) == 3


def test_bulk_links_match_one_at_a_time(seeded: Workbench, tmp_path):
    import shutil

    copy = Workbench(tmp_path / "copy.db", actor="tester")
    shutil.copy(seeded.db_path, copy.db_path)
    before = len(_state(seeded)[1])
    _write(seeded, bulk=False)
    _write(copy, bulk=True)
    assert _state(copy) == _state(seeded)
    links, audit = _state(copy)
    assert {"relation": "related", "score": 0.35} in [{k: link[k] for k in ("relation", "score")} for link in links]
    assert len(audit) - before == 3 + 1 + 3  # three suggested, one rejected, three written by the batch
