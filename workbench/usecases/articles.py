"""An article's metadata corrected after import: a re-import is "Already imported", so a wrong
title, date or language is fixed here, and the claims' dates are read again when it matters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from workbench.config import Settings
from workbench.domain.records import Article
from workbench.errors import Conflict, InvalidInput
from workbench.text import strip_controls
from workbench.urls import validate_url

if TYPE_CHECKING:
    from workbench.store import Store


def article_fields(
    settings: Settings,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """The fields to change, checked and cleaned as stored; nothing to change is refused.
    An empty string clears url, outlet or published."""
    from workbench.ingest.reader import validate_date

    fields: dict[str, Any] = {}
    if title is not None:
        fields["title"] = " ".join(strip_controls(title).split())
        if not fields["title"]:
            raise InvalidInput("An article's title cannot be empty.")
    if url is not None:
        fields["url"] = validate_url(url) if url.strip() else None
    if outlet is not None:
        fields["outlet"] = " ".join(strip_controls(outlet).split()) or None
    if published is not None:
        fields["published"] = validate_date(published) if published.strip() else None
    if language is not None:
        if language not in settings.languages:
            raise InvalidInput(f"Unknown language {language!r}; use one of: {', '.join(settings.languages)}.")
        fields["language"] = language
    if not fields:
        raise InvalidInput("Nothing to change: give --title, --url, --outlet, --published or --lang.")
    return fields


def set_article(
    store: Store, settings: Settings, article_id: int, fields: dict[str, Any]
) -> tuple[dict[str, Any], list[int]]:
    """Write checked fields (see article_fields); a new date or language resolves its claims' dates
    again. Returns the fields changed and the claims whose dates changed; each write is audited."""
    from workbench.editing import ClaimEditor

    article = store.articles.get(article_id)
    current: dict[str, Any] = dict(article)
    changed = {k: v for k, v in fields.items() if current[k] != v}
    editor = ClaimEditor(store, settings.max_claim_chars)
    corrected = cast(Article, current | changed)
    dates = editor.dates_for(corrected) if {"published", "language"} & set(changed) else {}
    with store.transaction():  # one write: a failure above leaves the article as it was
        if store.articles.get(article_id) != article:
            raise Conflict(f"Article {article_id} was changed meanwhile; run the command again.")
        store.articles.update_article(article_id, changed)
        editor.redate(dates)
    return changed, sorted(dates)
