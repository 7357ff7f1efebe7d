"""The time every write records."""

from datetime import UTC, datetime


def now() -> str:
    """UTC time as ISO 8601, to the second: what the audit log and verdicts record."""
    return datetime.now(UTC).isoformat(timespec="seconds")
