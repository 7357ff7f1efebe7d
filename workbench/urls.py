"""What counts as a web address for a source: http(s) with a host, nothing a browser would run."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from workbench.errors import InvalidInput

MAX_URL = 2048
"""Longer addresses are refused: browsers and publishing tools cut them anyway."""
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")
"""White space and control characters, which no web address holds unescaped."""


def validate_url(url: str) -> str:
    """The address, trimmed; anything but http(s)://host... is refused (javascript:, file:, ftp:,
    bare words), and so are control characters, inner white space and addresses over MAX_URL."""
    url = url.strip()
    if len(url) > MAX_URL:
        raise InvalidInput(f"A web address of {len(url):,} characters is longer than the {MAX_URL:,} allowed.")
    if _UNSAFE.search(url):
        raise InvalidInput(f"{url[:80]!r} is not a web address: it holds white space or control characters.")
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise InvalidInput(f"{url[:80]!r} is not a web address (http:// or https://).")
    return url
