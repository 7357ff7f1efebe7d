"""A readable Markdown report; claim text is escaped so it renders as text, never as markup."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from workbench.export.document import Report, rating_counts, web_address

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
"""What starts markup anywhere in a line: code, emphasis, links and images, table cells, strikethrough."""
_BLOCK_START = re.compile(r"^(?:[#>+=-]|\d+(?=[.)]))")
"""What starts a block only at the start of a line (a heading, quote, list item, underline): escaped
there alone, since white space is folded, so "Kim Jong-un" and "2023-09-13" stay as written."""
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str | None) -> str:
    """Text safe inside Markdown: what could start an HTML tag or entity is entity-escaped, and
    only the punctuation that could start markup mid-line is backslashed."""
    if not text:
        return ""
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = " ".join(_MARKDOWN_SPECIAL.sub(r"\\\1", text).split())
    found = _BLOCK_START.match(text)
    if found:
        end = found.end()
        text = text[:end] + "\\" + text[end:] if found.group()[0].isdigit() else "\\" + text
    return text


def link(url: str | None) -> str:
    """A web URL as an autolink, with anything that could end or break it percent-encoded.

    Anything but http(s) is shown as text: CommonMark would make `<javascript:...>` a live link.
    """
    if url is None or web_address(url) is None:
        return escape(url)
    return "<" + quote(url.strip(), safe=":/?#@!$&'*+,;=%~") + ">"


def write_markdown(report: Report) -> str:
    lines: list[str] = ["# Verdict report", ""]
    scope = report.scope.describe()
    if scope:
        lines += [f"Scope: {escape(scope)}", ""]
    lines += _summary(report)
    for article in report.document["articles"]:
        lines += _article(article, report)
    return "\n".join(lines).rstrip() + "\n"


def _summary(report: Report) -> list[str]:
    rows, reviewed, total = rating_counts(report)
    lines = ["## Summary", "", f"{reviewed} of {total} claims reviewed.", "", "| Rating | Claims |", "| --- | ---: |"]
    lines += [f"| {escape(label)} | {count} |" for label, count in rows if count or label in report.settings.ratings]
    return lines + [""]


def _article(article: dict[str, Any], report: Report) -> list[str]:
    claims = article["claims"]
    reviewed = sum(1 for c in claims if c["verdict"])
    meta = " · ".join(escape(str(v)) for v in (article["outlet"], article["published"], article["language"]) if v)
    lines = [f"## {escape(article['title'])}", ""]
    if meta:
        lines += [meta, ""]
    if article["url"]:
        lines += [link(article["url"]), ""]
    lines += [f"{reviewed} of {len(claims)} claims reviewed.", ""]
    for claim in claims:
        lines += _claim(claim, report)
    return lines


def _claim(claim: dict[str, Any], report: Report) -> list[str]:
    verdict = claim["verdict"]
    inherited = report.canonical_verdicts.get(claim["id"])
    if verdict:
        rating = escape(verdict["rating"])
    elif inherited:
        rating = f"{escape(inherited['rating'])} (from claim {inherited['claim']})"
    else:
        rating = "not reviewed"
    flag = "" if claim["checkable"] else " (not checkable)"
    lines = [f"### Claim {claim['id']}: {rating}{flag}", "", f"> {escape(claim['text'])}", ""]
    details = [f"kind: {claim['kind']}"]
    if claim["claimant"]:
        details.append(f"claimant: {escape(claim['claimant'])}")
    if claim["dates"]:
        details.append("dates: " + ", ".join(escape(d) for d in claim["dates"]))
    lines += ["- " + "; ".join(details)]
    if verdict:
        line = f"- verdict by {escape(verdict['reviewer'])} at {escape(verdict['at'])}"
        if verdict["rationale"]:
            line += f": {escape(verdict['rationale'])}"
        lines.append(line)
        earlier = claim["verdict_history"][:-1]
        if earlier:
            lines.append(
                "- earlier verdicts: "
                + "; ".join(f"{escape(v['rating'])} by {escape(v['reviewer'])} at {escape(v['at'])}" for v in earlier)
            )
    for source in claim["sources"]:
        label = escape(source["title"] or source["url"])
        line = f"- source ({source['stance']}): {label} {link(source['url'])}"
        if source["publisher"]:
            line += f", {escape(source['publisher'])}"
        if source["excerpt"]:
            line += f": “{escape(source['excerpt'])}”"
        lines.append(line)
    for other in report.appearances.get(claim["id"], []):
        where = escape(other["title"]) + (f", {escape(other['published'])}" if other["published"] else "")
        line = f"- also in claim {other['claim']} ({where})"
        if other["url"]:
            line += f" {link(other['url'])}"
        line += f": {escape(other['text'])}"
        lines.append(line + (f" ({escape(other['rating'])})" if other["rating"] else ""))
    return lines + [""]
