"""Reading an archive of earlier claims from CSV (comma, semicolon or tab separated): header
`text`, optional claimant, date, url, rating, language, title (the fact-check's headline, which
matching reads beside the claim). Rows that cannot be read are reported by line number and skipped; a file
with no `text` column is refused here, one with no usable row by the import.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.errors import InvalidInput, notice
from workbench.models import SourceInput
from workbench.urls import validate_url

COLUMNS = ("text", "claimant", "date", "url", "rating", "language", "title")
DEFAULT_MAX_CHARS = 2000
"""As Settings.max_claim_chars."""


@dataclass(frozen=True, slots=True)
class ArchiveRow:
    """One earlier claim of an archive, whatever the file format."""

    line: int
    """Its line in a CSV file, or its position among a ClaimReview file's reviews."""
    text: str
    claimant: str | None
    date: str | None
    url: str | None
    rating: str | None
    language: str | None
    rationale: str | None = None
    """Formats richer than CSV (ClaimReview) carry the verdict's reasons, author and time, and sources."""
    reviewer: str | None = None
    reviewed_at: str | None = None
    sources: tuple[SourceInput, ...] = ()
    title: str | None = None
    """The fact-check's headline (claims-csv `title`, ClaimReview `name`/`headline`): stored as the
    claim's context, which matching indexes and embeds beside its text (m014_claim_context)."""


class ClaimsCsv:
    """A claims CSV whose header is checked; its rows are parsed each time they are read, so an
    archive of a million rows is never all in memory at once."""

    def __init__(self, text: str, name: str, max_chars: int = DEFAULT_MAX_CHARS):
        csv.field_size_limit(max(max_chars * 4, csv.field_size_limit()))
        self.text = text
        self.name = name
        self.max_chars = max_chars
        """Rows with a longer claim are left out, each with its line number (settings: max_claim_chars)."""
        self.delimiter = _delimiter(next(_lines(text), ""))
        header = next(csv.reader(_lines(text), delimiter=self.delimiter), [])
        self.header = [(h or "").strip().lower() for h in header]
        if "text" not in self.header:
            raise InvalidInput(f"{name} has no 'text' column; the header must name at least: text.")
        repeated = sorted({h for h in self.header if h and self.header.count(h) > 1})
        if repeated:
            raise InvalidInput(f"{name} names the column {repeated[0]!r} twice in its header; keep one of them.")

    def rows(self, problems: list[str] | None = None) -> Iterator[ArchiveRow]:
        """Usable rows in file order; with a list, one problem sentence per row left out or cut short."""
        reader = csv.DictReader(_lines(self.text), delimiter=self.delimiter)
        reader.fieldnames = self.header
        next(reader.reader)  # the header line, read here so line numbers stay those of the file
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if problems is not None:
                    problems.append(f"line {reader.reader.line_num}: {_unreadable(error)}")
                continue
            # A quoted field may hold line breaks: the record started that many lines back.
            breaks = sum(v.rstrip("\r\n").count("\n") for v in record.values() if isinstance(v, str))
            line = reader.reader.line_num - breaks
            row, found = _row(record, line, self.max_chars)
            if breaks and _swallowed_rows(record, self.delimiter):
                found.append(notice(f"the row runs on to line {reader.reader.line_num} (an unclosed quote?)"))
            if problems is not None:
                problems += [f"line {line}: {found_here}" for found_here in found]
            if row is not None:
                yield row


def _unreadable(error: csv.Error) -> str:
    """Why the csv module could not read a row, as a sentence the shells can translate."""
    if "field limit" in str(error):
        return notice(f"a field runs over {csv.field_size_limit():,} characters (an unclosed quote?); left out")
    return notice(f"not readable as CSV ({error}); left out")


def _delimiter(header: str) -> str:
    """The header's separator: commas, or the semicolons Spanish spreadsheets write (the comma is
    their decimal mark), or tabs; whichever the header line holds most of."""
    counts = {separator: header.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _swallowed_rows(record: dict[str, str | None], delimiter: str = ",") -> bool:
    """A field that runs to the end of the file, or holds lines with commas of their own, is more
    likely an unclosed quote that took the next rows in than a cell with line breaks."""
    for value in record.values():
        if isinstance(value, str) and "\n" in value.rstrip("\r\n"):
            if value.endswith(("\n", "\r")) or any(delimiter in later for later in value.splitlines()[1:]):
                return True
    return False


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, as a file opened with newline='' gives them, one at a
    time: io.StringIO would hold the whole text again at four bytes a character."""
    return (match.group() for match in _LINE.finditer(text))


def _row(record: dict[str, str | None], line: int, max_chars: int) -> tuple[ArchiveRow | None, list[str]]:
    """A row, or None when it cannot be used, and what was wrong with it."""
    if None in record:
        return None, [notice("more fields than the header names")]
    value: dict[str, Any] = {key: " ".join((record.get(key) or "").split()) or None for key in COLUMNS}
    if not value["text"]:
        return None, [notice("no text")]
    if len(value["text"]) > max_chars:
        return None, [notice(f"the claim is longer than {max_chars:,} characters")]
    problems = []
    if value["date"]:
        try:
            value["date"] = date.fromisoformat(value["date"][:10]).isoformat()
        except ValueError:
            problems.append(notice(f"date {value['date']!r} is not YYYY-MM-DD; kept without a date"))
            value["date"] = None
    if value["url"]:
        try:
            value["url"] = validate_url(value["url"])
        except InvalidInput:
            problems.append(notice(f"url {value['url']!r} is not a web address; kept without it"))
            value["url"] = None
    if value["language"]:
        value["language"] = value["language"].lower()
        if value["language"] not in {"es", "en"}:
            problems.append(notice(f"language {value['language']!r} is not es or en; detected instead"))
            value["language"] = None
    return ArchiveRow(line=line, **value), problems
