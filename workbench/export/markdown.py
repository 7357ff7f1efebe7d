"""A readable Markdown report; claim text is escaped so it renders as text, never as markup."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(text: str | None) -> str:
    """Text safe inside Markdown: HTML is entity-escaped and Markdown punctuation backslashed."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def link(url: str) -> str:
    """A URL as an autolink, with anything that could end or break it percent-encoded."""
    return "<" + quote(url, safe=":/?#@!$&'*+,;=%~") + ">"


def write_markdown(document: dict[str, Any]) -> str:
    lines: list[str] = ["# Verdict report", ""]
    for article in document["articles"]:
        lines += _article(article)
    return "\n".join(lines).rstrip() + "\n"


def _article(article: dict[str, Any]) -> list[str]:
    claims = article["claims"]
    reviewed = sum(1 for c in claims if c["verdict"])
    meta = " · ".join(
        escape(str(v)) for v in (article["outlet"], article["published"], article["language"]) if v
    )
    lines = [f"## {escape(article['title'])}", ""]
    if meta:
        lines += [meta, ""]
    if article["url"]:
        lines += [link(article["url"]), ""]
    lines += [f"{reviewed} of {len(claims)} claims reviewed.", ""]
    for claim in claims:
        lines += _claim(claim)
    return lines


def _claim(claim: dict[str, Any]) -> list[str]:
    verdict = claim["verdict"]
    rating = escape(verdict["rating"]) if verdict else "not reviewed"
    flag = "" if claim["checkable"] else " (not checkable)"
    lines = [f"### Claim {claim['id']}: {rating}{flag}", "", f"> {escape(claim['text'])}", ""]
    details = [f"kind: {claim['kind']}"]
    if claim["claimant"]:
        details.append(f"claimant: {escape(claim['claimant'])}")
    if claim["dates"]:
        details.append("dates: " + ", ".join(claim["dates"]))
    lines += ["- " + "; ".join(details)]
    if verdict:
        line = f"- verdict by {escape(verdict['reviewer'])} at {verdict['at']}"
        if verdict["rationale"]:
            line += f": {escape(verdict['rationale'])}"
        lines.append(line)
    for source in claim["sources"]:
        label = escape(source["title"] or source["url"])
        lines.append(f"- source ({source['stance']}): {label} {link(source['url'])}")
    return lines + [""]
