"""Settings the CLI and TUI share: where the database is, who is reviewing, what scale."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "claims.db"

DEFAULT_RATINGS: tuple[str, ...] = (
    "True",
    "Mostly true",
    "Half true",
    "Misleading",
    "Mostly false",
    "False",
    "Unverifiable",
)

STANCES: tuple[str, ...] = ("supports", "refutes", "context")

CLAIM_KINDS: tuple[str, ...] = ("event", "quantity", "statement", "prediction", "opinion")

CLAIM_STATUSES: tuple[str, ...] = ("new", "in_review", "checked")


@dataclass(frozen=True)
class Settings:
    """What a session of the workbench runs with."""

    ratings: tuple[str, ...] = DEFAULT_RATINGS
    """The verdict scale, best first; matching a rating ignores case."""

    max_article_bytes: int = 5 * 1024 * 1024
    """Larger files are refused: no wire story is 5 MB, and spaCy would stall on it."""

    languages: tuple[str, ...] = field(default=("es", "en"))
    """Languages the extraction pipeline handles."""


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The database the user means: --db, else $WORKBENCH_DB, else ./claims.db."""
    return Path(option or os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def default_reviewer(option: str | None = None) -> str:
    """Who is acting: --reviewer, else $WORKBENCH_REVIEWER, else the login name."""
    if option and option.strip():
        return option.strip()
    env = os.environ.get("WORKBENCH_REVIEWER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
