"""A CSV of claims for spreadsheets: one row per claim with its latest verdict and source count.

Claim text comes from articles anyone can write, so every cell a spreadsheet would run as a formula
is neutralised the OWASP way (a leading single quote); the csv module quotes the rest.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from workbench.export.document import Report

COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "article_published",
    "article_url",
    "text",
    "claimant",
    "kind",
    "checkable",
    "status",
    "rating",
    "rationale",
    "reviewer",
    "reviewed_at",
    "source_count",
    "duplicate_of",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""OWASP's list, plus the full-width forms some spreadsheets also read as formula signs."""


def neutralise(value: Any) -> Any:  # noqa: ANN401 - a cell
    """A cell a spreadsheet shows as text: text that starts like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(report: Report) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for article in report.document["articles"]:
        for claim in article["claims"]:
            writer.writerow([neutralise(cell) for cell in _row(article, claim)])
    return out.getvalue()


def _row(article: dict[str, Any], claim: dict[str, Any]) -> list[Any]:
    verdict = claim["verdict"] or {}
    return [
        claim["id"],
        article["id"],
        article["title"],
        article["published"] or "",
        article["url"] or "",
        claim["text"],
        claim["claimant"] or "",
        claim["kind"],
        "yes" if claim["checkable"] else "no",
        claim["status"],
        verdict.get("rating") or "",
        verdict.get("rationale") or "",
        verdict.get("reviewer") or "",
        verdict.get("at") or "",
        len(claim["sources"]),
        claim["duplicate_of"] or "",
    ]
