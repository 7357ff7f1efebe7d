"""Reports out: a format checked and a scope read before any work, rendered from one session,
and written to a file beside its target and renamed into place."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.config import Settings
from workbench.errors import InvalidInput

if TYPE_CHECKING:
    from workbench.export.document import Scope
    from workbench.store import Store


def export_scope(
    settings: Settings,
    fmt: str,
    article_id: int | None = None,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    status: str | None = None,
    cluster: int | None = None,
) -> Scope:
    """The claims a report covers, checked with its format before the database is opened."""
    from workbench.export import check_format
    from workbench.export.document import Scope

    check_format(fmt)
    if fmt == "claimreview" and not settings.organization.configured:
        raise InvalidInput(
            "ClaimReview names your organisation as the author of every review: set name, url and "
            "review_url under [organization] in the settings file (workbench.toml) first."
        )
    return Scope.checked(article_id, date_from, date_to, status, cluster)


def export(
    store: Store,
    settings: Settings,
    fmt: str,
    scope: Scope,
    warnings: list[str] | None = None,
    unreviewed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """A report in a format (json, md, html, csv, claimreview) of the claims in scope;
    progress(claims read, claims in scope) as the report is gathered."""
    from workbench.export import render

    # A cluster's report is about those few claims: all of them are listed.
    listed = unreviewed or scope.cluster is not None
    return render(fmt, store, scope, settings, warnings, list_unreviewed=listed, progress=progress)


def check_out(out: Path, force: bool, db_path: Path) -> None:
    """Refuse a report file that cannot or should not be written, before any work is done."""
    if out.is_dir():
        raise InvalidInput(f"Cannot write {out}: it is a folder.")
    if not out.parent.exists():
        raise InvalidInput(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.exists() and not out.is_file():
        raise InvalidInput(f"Cannot write {out}: it is not a regular file (a pipe or a device); reports go to files.")
    database = db_path.resolve()
    if out.resolve() in {
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    }:
        raise InvalidInput(f"Cannot write {out}: it is the database itself.")
    if out.exists() and not force:
        raise InvalidInput(f"{out} already exists; choose a new file or add --force to replace it.")


def write_atomically(out: Path, text: str) -> None:
    """Write beside the target and rename over it, so a reader never sees half a report.

    The temporary file has a name of its own per write, so two exports to one path never share
    it; a write the disk or the folder refuses is one sentence, and leaves nothing behind.
    """
    import tempfile

    try:
        descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    except OSError as error:
        raise InvalidInput(f"Cannot write {out}: {error.strerror or error}.") from None
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(partial, 0o644)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {out}: {error.strerror or error}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
