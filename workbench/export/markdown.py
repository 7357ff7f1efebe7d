"""A readable Markdown report; claim text is escaped so it renders as text, never as markup."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from workbench.export.document import Report, rating_counts, web_address
from workbench.export.words import Words

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
    """The report in its language (`report_language`): labels, rating names, stances and dates."""
    words = Words.of(report)
    _ = words.gettext
    lines: list[str] = ["# " + _("Verdict report"), ""]
    scope = report.scope.describe(_, words.language)
    if scope:
        lines += [_("Scope: {scope}").format(scope=escape(scope)), ""]
    lines += _summary(report, words)
    for article in report.document["articles"]:
        lines += _article(article, report, words)
    return "\n".join(lines).rstrip() + "\n"


def _summary(report: Report, words: Words) -> list[str]:
    _ = words.gettext
    rows, reviewed, total = rating_counts(report)
    lines = [
        "## " + _("Summary"),
        "",
        _("{reviewed} of {total} claims reviewed.").format(reviewed=reviewed, total=total),
    ]
    lines += ["", f"| {_('Rating')} | {_('Claims')} |", "| --- | ---: |"]
    lines += [
        f"| {escape(words.rating(label))} | {count} |"
        for label, count in rows
        if count or label in report.settings.ratings
    ]
    return lines + [""]


def _article(article: dict[str, Any], report: Report, words: Words) -> list[str]:
    _ = words.gettext
    claims = article["claims"]
    reviewed = sum(1 for c in claims if c["verdict"])
    published = words.day(article["published"])
    meta = " · ".join(escape(str(v)) for v in (article["outlet"], published, article["language"]) if v)
    lines = [f"## {escape(article['title'])}", ""]
    if meta:
        lines += [meta, ""]
    if article["url"]:
        lines += [link(article["url"]), ""]
    lines += [_("{reviewed} of {total} claims reviewed.").format(reviewed=reviewed, total=len(claims)), ""]
    shown, unreviewed = report.reviewed_first(claims)
    for claim in shown:
        lines += _claim(claim, report, words)
    if unreviewed and report.list_unreviewed:
        lines += ["### " + _("Not reviewed yet"), ""]
        for claim in unreviewed:
            lines += _claim(claim, report, words)
    elif unreviewed:
        ids = ", ".join(str(c["id"]) for c in unreviewed)
        lines += [_("Not reviewed yet: claims {ids} (export with --unreviewed to list them).").format(ids=ids), ""]
    return lines


def _claim(claim: dict[str, Any], report: Report, words: Words) -> list[str]:
    _ = words.gettext
    verdict = claim["verdict"]
    inherited = report.canonical_verdicts.get(claim["id"])
    if verdict:
        rating = escape(words.rating(verdict["rating"]))
    elif inherited:
        rating = _("{rating} (from claim {claim})").format(
            rating=escape(words.rating(inherited["rating"])), claim=inherited["claim"]
        )
    else:
        rating = _("not reviewed")
    flag = "" if claim["checkable"] else " " + _("(not checkable)")
    heading = _("Claim {claim}: {rating}").format(claim=claim["id"], rating=rating)
    lines = [f"### {heading}{flag}", "", f"> {escape(claim['text'])}", ""]
    details = [_("kind: {kind}").format(kind=words.label("kind", claim["kind"]))]
    if claim["claimant"]:
        details.append(_("claimant: {claimant}").format(claimant=escape(claim["claimant"])))
    if claim["dates"]:
        details.append(_("dates: {dates}").format(dates=", ".join(escape(d) for d in claim["dates"])))
    lines += ["- " + "; ".join(details)]
    if verdict:
        line = "- " + _("verdict by {reviewer} at {at}").format(
            reviewer=escape(verdict["reviewer"]), at=escape(words.moment(verdict["at"]))
        )
        if verdict["rationale"]:
            line += f": {escape(verdict['rationale'])}"
        lines.append(line)
        earlier = claim["verdict_history"][:-1]
        if earlier:
            lines.append(
                "- "
                + _("earlier verdicts: {verdicts}").format(
                    verdicts="; ".join(
                        _("{rating} by {reviewer} at {at}").format(
                            rating=escape(words.rating(v["rating"])),
                            reviewer=escape(v["reviewer"]),
                            at=escape(words.moment(v["at"])),
                        )
                        for v in earlier
                    )
                )
            )
    for source in claim["sources"]:
        label = escape(source["title"] or source["url"])
        stance = words.label("stance", source["stance"])
        line = "- " + _("source ({stance}): {title} {link}").format(
            stance=stance, title=label, link=link(source["url"])
        )
        if source["publisher"]:
            line += f", {escape(source['publisher'])}"
        if source["excerpt"]:
            line += f": “{escape(source['excerpt'])}”"
        lines.append(line)
    for other in report.appearances.get(claim["id"], []):
        published = words.day(other["published"])
        where = escape(other["title"]) + (f", {escape(published)}" if published else "")
        line = "- " + _("also in claim {claim} ({where})").format(claim=other["claim"], where=where)
        if other["url"]:
            line += f" {link(other['url'])}"
        line += f": {escape(other['text'])}"
        lines.append(line + (f" ({escape(words.rating(other['rating']))})" if other["rating"] else ""))
    return lines + [""]
