"""Errors a user can cause; each carries the exit code the CLI returns.

The message is the one sentence the user sees on stderr, so write it for them.
"""


class WorkbenchError(Exception):
    """Base of every error the workbench reports without a traceback."""

    exit_code = 1


class NotFound(WorkbenchError):
    """A file, article or claim that does not exist."""

    exit_code = 3


class InvalidInput(WorkbenchError):
    """Input the workbench refuses: empty, binary, too large, out of scale."""

    exit_code = 4


class Conflict(WorkbenchError):
    """A write that would overwrite someone else's work."""

    exit_code = 5


class StoreUnavailable(WorkbenchError):
    """The database file cannot be opened, read or written."""

    exit_code = 6


class ModelMissing(WorkbenchError):
    """A language model the workbench needs is not installed where it runs."""

    exit_code = 7


def notice(sentence: str) -> str:
    """Marks a sentence the core writes in English for someone it does not know (a row an import
    left out or kept without a field), as it writes its errors' sentences: `make catalogs` extracts
    its template (workbench.i18n.extract_messages) and the shells say it in the reader's language
    (workbench.i18n.translate_error), so the core's results stay language-neutral data."""
    return sentence
