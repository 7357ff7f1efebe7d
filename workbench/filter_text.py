"""The review queue's filter as one line of text: `status:new kind:quantity rating:falso Corea del Norte`.

One line fits an 80-column terminal where five drop-downs would not, and it is typed without
leaving the keyboard. Words that are not `field:value` name an entity. Values are checked by
`Workbench.claim_filter`, so the line and the CLI's options refuse the same things.
"""

from __future__ import annotations

import re
from typing import TypedDict

from workbench.errors import InvalidInput


class QueueFilter(TypedDict, total=False):
    """`Workbench.queue`'s filter keywords, as a filter line gives them."""

    article_id: int
    status: str
    rating: str
    kind: str
    entity: str


FIELDS: tuple[str, ...] = ("status", "rating", "kind", "entity", "article")
"""What the line can filter by; `entity` is also what bare words mean."""

_TOKEN = re.compile(r'(?P<field>[^\s:"]+):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S*))|"(?P<phrase>[^"]*)"?|(?P<word>\S+)')


def parse_filter_text(text: str) -> QueueFilter:
    """`Workbench.queue` keyword arguments from a filter line; an unknown field or a bad article id is refused.

    >>> parse_filter_text('status:new rating:"mostly true" article:2 Corea del Norte')
    {'status': 'new', 'rating': 'mostly true', 'article_id': 2, 'entity': 'Corea del Norte'}
    """
    found: QueueFilter = {}
    words: list[str] = []
    for match in _TOKEN.finditer(text):
        if match["field"] is None:
            words.append(match["phrase"] if match["phrase"] is not None else match["word"])
            continue
        field = match["field"].lower()
        value = " ".join((match["quoted"] if match["quoted"] is not None else match["value"]).split())
        if field not in FIELDS:
            raise InvalidInput(f"The queue cannot filter by {field!r}; use {', '.join(FIELDS)}.")
        if not value:
            raise InvalidInput(f"The filter {field}: has no value after the colon.")
        if field == "entity":
            words.append(value)
        elif field == "article":
            if not value.isdigit():
                raise InvalidInput(f"article:{value} is not an article id; use its number, as in article:2.")
            found["article_id"] = int(value)
        elif field == "status":
            found["status"] = value
        elif field == "rating":
            found["rating"] = value
        else:
            found["kind"] = value
    entity = " ".join(" ".join(words).split())
    if entity:
        found["entity"] = entity
    return found
