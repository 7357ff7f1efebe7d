"""ClaimReview JSON-LD (schema.org), as Google's fact-check markup asks for it: one review per claim
with a verdict of its own.

The output is a JSON list; each item carries its own @context, so it can be pasted as it is into a
<script type="application/ld+json"> on the page of that fact check. Sources go in `citation`; their
stance, which schema.org has no term for, rides along under STANCE (an absolute IRI, kept by JSON-LD
processors and ignored by search engines), so `workbench import --format claimreview` gets it back.
"""

from __future__ import annotations

import json
from typing import Any

from workbench.config import STANCE_PROPERTY
from workbench.errors import notice
from workbench.export.document import Report, web_address

CONTEXT = "https://schema.org"
STANCE = STANCE_PROPERTY
PERSON_LABELS = {"PER", "PERSON"}


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
"""Characters that could end the <script> element the output is pasted into ("</script>", "<!--");
as JSON escapes they read back as the same text."""


SHORT_CLAIM = 75
"""Google's guidance for claimReviewed: a short summary, under about 75 characters."""


def write_claimreview(report: Report) -> str:
    reviews = claim_reviews(report)
    long = [review["url"] for review in reviews if len(review["claimReviewed"]) > SHORT_CLAIM]
    if long:
        report.warnings.append(
            notice(
                f"{len(long)} of {len(reviews)} reviews have a claimReviewed longer than {SHORT_CLAIM} characters, "
                f"which search engines cut short (first: {long[0]}); shorten the claim text with `workbench edit`."
            )
        )
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    return text.translate(_SCRIPT_UNSAFE) + "\n"


def claim_reviews(report: Report) -> list[dict[str, Any]]:
    return [
        review(article, claim, report)
        for article in report.document["articles"]
        for claim in article["claims"]
        if claim["verdict"]
    ]


def review(article: dict[str, Any], claim: dict[str, Any], report: Report) -> dict[str, Any]:
    """The ClaimReview of one reviewed claim."""
    settings, verdict = report.settings, claim["verdict"]
    organization = settings.organization
    language = article["language"]
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": organization.review_link(claim["id"], article["id"]),
        "claimReviewed": " ".join(claim["text"].split()),  # one line, as search engines show it
        "datePublished": verdict["at"],
        "inLanguage": language,
        "author": {"@type": "Organization", "name": organization.name, "url": organization.url},
        "reviewRating": rating(verdict["rating"], language, report),
        "itemReviewed": item_reviewed(article, claim, report),
    }
    if verdict["reviewer"]:
        node["contributor"] = {"@type": "Person", "name": verdict["reviewer"]}
    if verdict["rationale"]:
        node["reviewBody"] = verdict["rationale"]
    citations = [citation(source) for source in claim["sources"] if web_address(source["url"])]
    if citations:
        node["citation"] = citations
    return node


def rating(label: str, language: str, report: Report) -> dict[str, Any]:
    """reviewRating: the label in the review's language (as `name`, which Google's fact-check tools
    read, and `alternateName`, its older place), and the numbers when the step has one."""
    settings = report.settings
    step = settings.step(label)
    shown = step.label(language) if step else label
    node: dict[str, Any] = {"@type": "Rating", "name": shown, "alternateName": shown}
    if step is not None and step.value is not None:
        node |= {"ratingValue": step.value, "bestRating": settings.best_value, "worstRating": settings.worst_value}
    return node


def item_reviewed(article: dict[str, Any], claim: dict[str, Any], report: Report) -> dict[str, Any]:
    """The Claim: who made it, when, and every page it appeared on (its article and its duplicates')."""
    node: dict[str, Any] = {"@type": "Claim"}
    if claim["claimant"]:
        node["author"] = {"@type": claimant_type(claim), "name": claim["claimant"]}
    when = article["published"] or next((d for d in claim["dates"] if len(d) == 10), None)
    if when:
        node["datePublished"] = when
    pages = [article["url"]] + [other["url"] for other in report.appearances.get(claim["id"], [])]
    appearances = [{"@type": "CreativeWork", "url": url} for url in dict.fromkeys(filter(web_address, pages))]
    if appearances:
        node["appearance"] = appearances
    return node


def claimant_type(claim: dict[str, Any]) -> str:
    """Person when the claimant is a person the extraction named as one, else Organization (ministries,
    staffs, agencies and outlets, which make most claims in wire copy)."""
    name = claim["claimant"].casefold()
    for entity in claim["entities"]:
        text = entity["text"].casefold()
        if entity["label"] in PERSON_LABELS and (text in name or name in text):
            return "Person"
    return "Organization"


def citation(source: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork", "url": source["url"]}
    if source["title"]:
        node["name"] = source["title"]
    if source["publisher"]:
        node["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source["excerpt"]:
        node["description"] = source["excerpt"]
    node[STANCE] = source["stance"]
    return node
