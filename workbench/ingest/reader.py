"""Read an article from bytes: decode, detect the format, pull the text and a title.

Everything here refuses bad input with one sentence the user can act on.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from workbench.errors import InvalidInput, NotFound
from workbench.models import ArticleInput
from workbench.text import strip_controls
from workbench.urls import validate_url

TITLE_MAX = 90
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<p[\s>])", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The raw bytes of a path, or of stdin for '-', refusing what is missing, too large or not a
    regular file (a FIFO would block, /dev/zero never ends); never more than max_bytes + 1 are read."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        file = Path(path)
        if not file.exists():
            raise NotFound(f"There is no file at {path}.")
        if file.is_dir():
            raise InvalidInput(f"{path} is a folder, not an article file.")
        if not file.is_file():
            raise InvalidInput(f"{path} is not a regular file (a pipe or a device); save it to a file first.")
        if file.stat().st_size > max_bytes:
            raise InvalidInput(f"{path} is larger than the {_megabytes(max_bytes)} limit for an article.")
        try:
            with file.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InvalidInput(f"Cannot read {path}: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise InvalidInput(f"{_name(path)} is larger than the {_megabytes(max_bytes)} limit for an article.")
    return data


def parse_article(
    data: bytes,
    *,
    origin: str = "-",
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str = "auto",
) -> ArticleInput:
    """An article from raw bytes: plain text, Markdown or HTML, told apart by name and content."""
    if published is not None:
        published = validate_date(published)
    text = decode(data, _name(origin))
    suffix = Path(origin).suffix.lower() if origin != "-" else ""
    _refuse_json(text, suffix, origin)
    if suffix in {".html", ".htm", ".xhtml"} or _HTML_START.match(data[:512]):
        article = _from_html(text, origin)
    elif suffix in {".md", ".markdown"}:
        article = _from_markdown(text, origin)
    else:
        article = ArticleInput(text=_clean(text), title="", language=language, origin=origin)
    if not article.text.strip():
        raise InvalidInput(f"{_name(origin)} has no article text.")
    return replace(
        article,
        title=strip_controls((title or "").strip() or article.title or derive_title(article.text)),
        url=validate_url(url) if url else _web_address_or_none(article.url),
        outlet=strip_controls(outlet or article.outlet or "") or None,
        published=published or article.published,
        language=language,
    )


def _refuse_json(text: str, suffix: str, origin: str) -> None:
    """A JSON file is never an article: a seed manifest or ClaimReview would become junk claims."""
    if suffix not in {".json", ".jsonld"} and not text.lstrip().startswith(("{", "[")):
        return
    try:
        json.loads(text)
    except ValueError:
        if suffix in {".json", ".jsonld"}:
            raise InvalidInput(f"{_name(origin)} is neither an article nor valid JSON.") from None
        return  # text that merely starts with a bracket
    raise InvalidInput(
        f"{_name(origin)} is JSON, not an article: import ClaimReview with --format claimreview, "
        "and a folder with a manifest.json with `workbench seed FOLDER`."
    )


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 when it is, UTF-16 when it says so (or looks it), else the encoding
    charset-normalizer finds; binary is refused. Control characters other than tab and line ends
    are dropped, anywhere in the text, so none is ever stored."""
    if not data.strip():
        raise InvalidInput(f"{name} is empty.")
    text = _utf16(data)
    if text is None:
        if b"\x00" in data:
            raise InvalidInput(f"{name} is a binary file, not an article.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_mixed(data.removeprefix(b"\xef\xbb\xbf"), name)
    if "\x00" in text or len(_CONTROL.findall(text)) > 0.01 * len(text) + 2:
        raise InvalidInput(f"{name} is a binary file, not an article.")
    text = strip_controls(text)
    if not text.strip():
        raise InvalidInput(f"{name} is empty.")
    return text


def _decode_mixed(data: bytes, name: str) -> str:
    """Text not all UTF-8, a line at a time: lines that are UTF-8 stay so, the others are read in
    the encoding charset-normalizer finds for them. A file pasted together from a UTF-8 paragraph
    and a Latin-1 one is then read right, where one code page for all of it turned the UTF-8
    part into mojibake ("lanzÃ³"). A line of a legacy code page is almost never valid UTF-8."""
    from charset_normalizer import from_bytes

    lines = data.splitlines(keepends=True)
    utf8 = [_is_utf8(line) for line in lines]
    legacy = b"".join(line for line, ok in zip(lines, utf8) if not ok)
    matches = list(from_bytes(legacy))
    if not matches:
        raise InvalidInput(f"{name} is not text in any encoding the workbench can read.")
    encoding = _legacy_encoding(matches)
    try:
        return "".join(line.decode("utf-8" if ok else encoding) for line, ok in zip(lines, utf8))
    except (UnicodeDecodeError, LookupError):
        raise InvalidInput(f"{name} mixes encodings the workbench cannot tell apart; save it as UTF-8.") from None


WESTERN = ("cp1252", "latin_1")
"""The legacy code pages of Spanish and English text, preferred among equally likely readings."""


def _legacy_encoding(matches: list) -> str:  # charset_normalizer CharsetMatch, best first
    """The encoding of the best reading; of readings as free of noise as the best, Windows-1252
    (or Latin-1): a short Spanish line reads as cleanly in cp1250 ("ańo") or cp1257 as in it."""
    best = matches[0]
    tied = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
    return next((name for name in WESTERN if name in tied), best.encoding)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16(data: bytes) -> str | None:
    """UTF-16 text, told by its byte-order mark or, without one, by NULs in every other byte of
    mostly-ASCII text; None when the bytes are not UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        sample = data[:4096]
        even, odd = sample[0::2], sample[1::2]
        if len(sample) < 4 or len(sample) % 2:
            return None
        if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
            encoding = "utf-16-le"
        elif even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
            encoding = "utf-16-be"
        else:
            return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def validate_date(value: str) -> str:
    """A YYYY-MM-DD date, checked to exist. Python 3.11's fromisoformat also takes 20230913 and
    2023-W37-3, which the documented form is not: they are refused, not guessed at."""
    if not _ISO_DATE.fullmatch(value.strip()):
        raise InvalidInput(f"{value!r} is not a date in the form YYYY-MM-DD.")
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date in the form YYYY-MM-DD.") from None


def derive_title(text: str) -> str:
    """A title from the first line or sentence, cut at a word boundary."""
    first = text.strip().splitlines()[0].strip()
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    first = re.sub(r"\s+", " ", first)
    if len(first) <= TITLE_MAX:
        return first.rstrip(".")
    return first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def _from_html(html: str, origin: str) -> ArticleInput:
    import lxml.html
    import trafilatura

    options: dict[str, Any] = {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": False,
        "favor_precision": True,
    }
    document = trafilatura.bare_extraction(html, **options)
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        # libxml2 stops at 255 nested elements unless told the tree may be huge: text inside 255+
        # wrappers (generated pages do this) was "no article text". The input is bounded already.
        try:
            tree = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
        except (ValueError, lxml.etree.ParserError):
            tree = None
        document = trafilatura.bare_extraction(tree, **options) if tree is not None else None
        body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise InvalidInput(f"{_name(origin)} is an HTML page with no article text.")
    published = getattr(document, "date", None)
    return ArticleInput(
        text=_clean(body),
        title=(getattr(document, "title", None) or "").strip(),
        language="auto",
        url=getattr(document, "url", None),
        outlet=getattr(document, "sitename", None),
        published=_iso_or_none(published),
        origin=origin,
    )


def _from_markdown(markdown: str, origin: str) -> ArticleInput:
    """Plain text from Markdown blocks; the first heading becomes the title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    title, blocks, in_heading = "", [], False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            plain = "".join(_inline_text(child) for child in token.children or []) or token.content
            if in_heading and not title:
                title = plain.strip()
            else:
                blocks.append(plain.strip())
    return ArticleInput(text=_clean("\n\n".join(b for b in blocks if b)), title=title, language="auto", origin=origin)


def _inline_text(token) -> str:  # noqa: ANN001 - markdown_it Token
    if token.type in {"softbreak", "hardbreak"}:
        return " "
    return token.content if token.type in {"text", "code_inline"} else ""


def _clean(text: str) -> str:
    """Unify line ends and trim the ends; spans index this exact text from here on."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _web_address_or_none(value: str | None) -> str | None:
    """A page's own address when it is a web address; whatever else a page claims is dropped."""
    try:
        return validate_url(value) if value else None
    except InvalidInput:
        return None


def _iso_or_none(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _name(origin: str) -> str:
    return "Standard input" if origin == "-" else origin


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"
