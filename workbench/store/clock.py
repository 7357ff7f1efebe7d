"""The time every write records: the one place in the store that says "now".

The source is injectable, so a test (or a replay) pins the time the audit log and verdicts record
instead of patching every module that imported `now`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

Source = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


_source: Source = _utc_now


def now() -> str:
    """UTC time as ISO 8601, to the second: what the audit log and verdicts record."""
    return _source().astimezone(UTC).isoformat(timespec="seconds")


def set_source(source: Source | None) -> Source:
    """Make `source` the clock (None: the system's again); returns the one it replaces."""
    global _source
    previous, _source = _source, source or _utc_now
    return previous


@contextmanager
def pinned(at: datetime | str) -> Iterator[None]:
    """Every write inside records `at` (a datetime with its zone, or ISO 8601 text)."""
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    previous = set_source(lambda: moment)
    try:
        yield
    finally:
        set_source(previous)
