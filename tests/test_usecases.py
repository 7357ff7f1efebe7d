"""The use cases on their own: functions of an open store and the settings, no Workbench in sight.
Model-free: the frozen database is written through the store, and nothing here extracts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.frozen import load_frozen
from workbench.config import Settings
from workbench.domain.vocab import ClaimKind, ClaimStatus, LinkState
from workbench.errors import InvalidInput
from workbench.models import ClaimFilter
from workbench.store import clock, session
from workbench.usecases import linking, reading, reviewing

MOMENT = "2031-01-02T03:04:05+00:00"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "claims.db"
    load_frozen(path)
    return path


def test_a_filter_reads_the_same_claims_as_the_workbench_with_typed_values(db: Path) -> None:
    settings = Settings()
    filters = reading.claim_filter(settings, kind="QUANTITY ")
    assert filters == ClaimFilter(kind=ClaimKind.QUANTITY)
    with session(db, "tester") as store:
        found = reading.claims(store, filters)
        everything = reading.claims(store, ClaimFilter())
    assert found and {c.kind for c in found} == {ClaimKind.QUANTITY}
    assert [c.id for c in found] == [c.id for c in everything if c.kind == ClaimKind.QUANTITY]


def test_the_queue_leaves_out_what_a_verdict_checked_and_ranks_by_score(db: Path) -> None:
    with session(db, "tester") as store:
        first = reading.queue(store, reading.queue_filter(ClaimFilter()), 5)
        assert [c.score for c in first] == sorted((c.score for c in first), reverse=True)
        with clock.pinned(MOMENT):
            change = reviewing.add_verdict(store, first[0].id, "False", "Nothing says so.")
        later = reading.queue(store, reading.queue_filter(ClaimFilter()), 5)
        checked = reading.queue(store, reading.queue_filter(ClaimFilter(status=ClaimStatus.CHECKED)), 5)
        page = reading.review(store, first[0].id)
    assert first[0].id not in {c.id for c in later}
    assert [c.id for c in checked] == [first[0].id]
    assert change.claim_id == first[0].id
    assert page.verdicts == [{"rating": "False", "rationale": "Nothing says so.", "reviewer": "tester", "at": MOMENT}]


def test_a_link_decision_is_checked_before_any_store_is_opened() -> None:
    with pytest.raises(InvalidInput):
        linking.decision(3, 3, "confirmed", None)
    assert linking.decision(3, 4, "rejected", None) == (LinkState.REJECTED, None)
