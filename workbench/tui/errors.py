"""How a failed call into the core reads on screen: one sentence, as the CLI would print it."""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.i18n import _, translate_error
from workbench.store import DatabaseError, describe_database_error


def describe(error: BaseException | None) -> str:
    """One sentence for the user, as the CLI would print it (a failed worker's error, never None
    when its state is ERROR, is typed as optional)."""
    if isinstance(error, WorkbenchError):
        return translate_error(str(error))  # the core's English sentence, in the interface language
    if isinstance(error, DatabaseError):
        return describe_database_error(error)
    return _("Unexpected error: {error!r}").format(error=error)
