"""A self-contained HTML report (inline CSS, screen and print) rendered from a Jinja2 template.

Autoescaping is on for the whole template, so claim text, titles and rationales can hold any
markup and still show as text; links are made only for http(s) addresses.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from workbench.config import Settings
from workbench.export.document import Report, rating_counts, web_address
from workbench.export.words import Words

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "report.html"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment, built once: loading and compiling the template is most of a small report's cost."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("workbench.export", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def write_html(report: Report) -> str:
    """The page in the report's language (`Words.of`), which its `lang` attribute names."""
    words = Words.of(report)
    return environment().get_template(TEMPLATE).render(report=_view(report, words), _=words.gettext)


def tone(rating: str | None, settings: Settings) -> str:
    """A colour family for a rating: 'true', 'mixed' or 'false' by its place on the numeric scale, else 'none'."""
    step = settings.step(rating) if rating else None
    best, worst = settings.best_value, settings.worst_value
    if step is None or step.value is None or best is None or worst is None or best == worst:
        return "none"
    position = (step.value - worst) / (best - worst)
    return "true" if position >= 2 / 3 else "false" if position <= 1 / 3 else "mixed"


def _view(report: Report, words: Words) -> dict[str, Any]:
    """The template's data: every decision made here, so the template only lays it out."""
    settings = report.settings
    rows, reviewed, total = rating_counts(report)
    articles = report.document["articles"]
    return {
        "scope": report.scope.describe(words.gettext, words.language),
        "organization": settings.organization.name,
        "language": words.language,
        "reviewed": reviewed,
        "total": total,
        "summary": [
            {"label": words.rating(label), "count": count, "tone": tone(label, settings)}
            for label, count in rows
            if count or label in settings.ratings
        ],
        "articles": [_article(article, report, words) for article in articles],
    }


def _article(article: dict[str, Any], report: Report, words: Words) -> dict[str, Any]:
    claims = article["claims"]
    shown, unreviewed = report.reviewed_first(claims)
    return {
        **{key: article[key] for key in ("id", "title", "outlet", "language", "url")},
        "published": words.day(article["published"]),
        "href": web_address(article["url"]),
        "reviewed": sum(1 for c in claims if c["verdict"]),
        "total": len(claims),
        "claims": [_claim(claim, report, words) for claim in shown],
        "unreviewed": [_claim(claim, report, words) for claim in unreviewed] if report.list_unreviewed else [],
        "unreviewed_ids": ", ".join(str(c["id"]) for c in unreviewed) if not report.list_unreviewed else "",
    }


def _verdict(verdict: dict[str, Any] | None, words: Words) -> dict[str, Any] | None:
    """A verdict as the page shows it: its rating and time in the report's language."""
    if not verdict:
        return verdict
    return {**verdict, "rating": words.rating(verdict["rating"]), "at": words.moment(verdict["at"])}


def _claim(claim: dict[str, Any], report: Report, words: Words) -> dict[str, Any]:
    verdict = claim["verdict"]
    inherited = None if verdict else report.canonical_verdicts.get(claim["id"])
    shown = verdict or inherited
    return {
        **{key: claim[key] for key in ("id", "text", "checkable", "claimant", "dates")},
        "kind": words.label("kind", claim["kind"]),
        "verdict": _verdict(verdict, words),
        "rating": words.rating(shown["rating"]) if shown else None,
        "tone": tone(shown["rating"], report.settings) if shown else "none",
        "inherited": _verdict(inherited, words),
        "earlier": [_verdict(v, words) for v in claim["verdict_history"][:-1]],
        "sources": [
            {**source, "href": web_address(source["url"]), "stance_label": words.label("stance", source["stance"])}
            for source in claim["sources"]
        ],
        "appearances": [
            {
                **other,
                "href": web_address(other["url"]),
                "published": words.day(other["published"]),
                "rating": words.rating(other["rating"]) if other["rating"] else None,
            }
            for other in report.appearances.get(claim["id"], [])
        ],
    }
