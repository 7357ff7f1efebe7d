"""What counts as a web address for a source: http(s) with a host, nothing a browser would run."""

from __future__ import annotations

from urllib.parse import urlparse

from workbench.errors import InvalidInput


def validate_url(url: str) -> str:
    """The address, trimmed; anything but http(s)://host... is refused (javascript:, ftp:, bare words)."""
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc or " " in url:
        raise InvalidInput(f"{url!r} is not a web address (http:// or https://).")
    return url
