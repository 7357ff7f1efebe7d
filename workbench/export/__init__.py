"""Reports out of the store: a document is gathered once, then written in a format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import InvalidInput

if TYPE_CHECKING:
    from workbench.store import Store

FORMATS = ("json", "md")


def render(fmt: str, store: Store, article_id: int | None = None) -> str:
    """The export of all articles (or one) as text in the given format."""
    from workbench.export.document import build_document

    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    document = build_document(store, article_id)
    if fmt == "json":
        from workbench.export.json_report import write_json

        return write_json(document)
    from workbench.export.markdown import write_markdown

    return write_markdown(document)
