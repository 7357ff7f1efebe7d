"""The store's one clock: pinned, every write of a call records the same moment; released, the
system's time again. Model-free: the frozen database is written through the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.tui.frozen import load_frozen
from workbench.store import clock

MOMENT = "2031-01-02T03:04:05+00:00"


def test_a_pinned_clock_dates_the_verdict_and_its_audit_rows(tmp_path: Path) -> None:
    workbench = load_frozen(tmp_path / "claims.db")
    claim = workbench.claims()[0]
    with clock.pinned(MOMENT):
        workbench.add_verdict(claim.id, "false")
        workbench.add_source(claim.id, "https://example.org/evidence", stance="refutes")
    [verdict] = workbench.verdict_history(claim.id)
    assert verdict["at"] == MOMENT
    written = [row for row in workbench.history(claim.id) if row["action"] in {"verdict", "attach_source"}]
    assert {row["at"] for row in written} == {MOMENT} and len(written) == 2


def test_a_released_clock_is_the_systems_again() -> None:
    with clock.pinned(datetime(2031, 1, 2, tzinfo=UTC)):
        assert clock.now() == "2031-01-02T00:00:00+00:00"
    assert abs(datetime.fromisoformat(clock.now()) - datetime.now(UTC)) < timedelta(minutes=5)
