"""Reports out of the store: a report is gathered once, then written in a format.

Every writer turns the same `Report` into text, so the CLI and the TUI export byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from workbench.errors import InvalidInput

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.export.document import Report, Scope
    from workbench.store import Store

FORMATS = ("json", "md", "html", "csv", "claimreview")

SUFFIXES = {"json": ".json", "md": ".md", "html": ".html", "csv": ".csv", "claimreview": ".jsonld"}
"""What a file of each format is usually called, for the TUI's suggested names."""


def check_format(fmt: str) -> str:
    """The format, or a refusal naming the ones there are; checked before the store is opened."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    return fmt


def render(
    fmt: str,
    store: Store,
    scope: Scope | int | None = None,
    settings: Settings | None = None,
    warnings: list[str] | None = None,
    list_unreviewed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """The export of everything in scope (an int is taken as one article) as text in the given format;
    what the writer warns about is added to `warnings` when a list is given; progress(done, total)
    follows the claims read (see `gather`)."""
    from workbench.export.document import gather

    check_format(fmt)
    report = replace(gather(store, scope, settings, progress), list_unreviewed=list_unreviewed)
    text = write(fmt, report)
    if warnings is not None:
        warnings += report.warnings
    return text


def write(fmt: str, report: Report) -> str:
    """A gathered report as text in the given format."""
    check_format(fmt)
    if fmt == "json":
        from workbench.export.json_report import write_json

        return write_json(report.document)
    if fmt == "md":
        from workbench.export.markdown import write_markdown

        return write_markdown(report)
    if fmt == "html":
        from workbench.export.html import write_html

        return write_html(report)
    if fmt == "csv":
        from workbench.export.csv_report import write_csv

        return write_csv(report)
    from workbench.export.claimreview import write_claimreview

    return write_claimreview(report)
