"""Reading ClaimReview JSON-LD (schema.org) as an archive of earlier claims.

A file may hold one review, a list of them, a document with an @graph, a DataCommons feed (the
`dataFeedElement` lists fact-check aggregators publish) or a web page carrying any of these in its
`<script type="application/ld+json">` blocks; nodes of other types are skipped and @id references
inside the file are followed. Terms are read by their schema.org names
whether bare ("claimReviewed"), prefixed ("schema:claimReviewed") or written as IRIs, so nothing is
fetched: the file is read as it stands. Reviews that cannot be used are reported by position and
left out; a file that is not JSON or has no usable review is refused whole.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from datetime import UTC, date, datetime, time
from typing import Any

from workbench.config import STANCE_PROPERTY as STANCE
from workbench.config import STANCES, Settings
from workbench.errors import InvalidInput, notice
from workbench.ingest.claims_csv import ArchiveRow
from workbench.models import SourceInput
from workbench.urls import validate_url

PREFIXES = ("", "schema:", "http://schema.org/", "https://schema.org/")
LANGUAGE_NAMES = {
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
    "english": "en",
    "inglés": "en",
}

Node = dict[str, Any]


def read_claimreview(text: str, name: str, settings: Settings) -> tuple[list[ArchiveRow], list[str]]:
    """Usable reviews as archive rows (ratings already on the scale), and one problem sentence per review
    left out or imported without a field."""
    data = _page_blocks(text, name) if _looks_like_html(text) else _parse(text, name)
    try:
        rows, problems = _rows(data, settings)
    except RecursionError:
        raise InvalidInput(f"{name} nests or refers to its own nodes too deeply to read as ClaimReview.") from None
    if not rows:
        raise InvalidInput(f"{name} has no ClaimReview with a claimReviewed; nothing was imported.")
    return rows, problems


def _parse(text: str, name: str) -> Any:  # noqa: ANN401 - parsed JSON
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{name} is not JSON ({error.msg} at line {error.lineno}, column {error.colno}).") from None
    except (RecursionError, ValueError):
        # Nested deeper than Python recurses, or a number longer than int() reads (4,300 digits).
        raise InvalidInput(f"{name} is JSON nested too deep or with a number too long to read.") from None


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:1] == "<"


def _page_blocks(text: str, name: str) -> list[Any]:
    """The JSON-LD blocks of a web page, as one list: a review page publishes its ClaimReview there.
    A block that is not JSON is skipped (pages carry broken ones), since others may hold the review."""
    import lxml.html  # only pages need it

    try:
        page = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        raise InvalidInput(f"{name} is neither JSON nor a readable web page.") from None
    blocks = []
    for script in page.iter("script"):
        if (script.get("type") or "").split(";")[0].strip().lower() != "application/ld+json":
            continue
        try:
            blocks.append(json.loads(script.text_content()))
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
    if not blocks:
        raise InvalidInput(f"{name} is a web page with no JSON-LD block to read ClaimReview from.")
    return blocks


def _rows(data: Any, settings: Settings) -> tuple[list[ArchiveRow], list[str]]:  # noqa: ANN401 - parsed JSON
    nodes = list(_top_nodes(data))
    reader = _Reader(_index(data), settings)
    rows: list[ArchiveRow] = []
    problems: list[str] = []
    for n, review in enumerate((node for node in nodes if _is_review(node)), 1):
        row, found = reader.row(review, n)
        problems += [f"review {n}: {found_here}" for found_here in found]
        if row is not None:
            rows.append(row)
    return rows, problems


def _top_nodes(data: Any) -> Any:  # noqa: ANN401 - parsed JSON
    """The nodes a file lists: itself, the items of a list, the members of an @graph, or the items of
    a DataCommons feed (a DataFeed's dataFeedElement, each a DataFeedItem holding its item)."""
    if isinstance(data, list):
        for item in data:
            yield from _top_nodes(item)
    elif isinstance(data, dict):
        for key in ("@graph", "dataFeedElement", "schema:dataFeedElement"):
            if key in data:
                yield from _top_nodes(data[key])
                return
        if "DataFeedItem" in _types(data) and "item" in data:
            yield from _top_nodes(data["item"])
        else:
            yield data


def _index(data: Any) -> dict[str, Node]:  # noqa: ANN401
    """Every node with an @id and something more, anywhere in the file, by id."""
    found: dict[str, Node] = {}
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack += value
        elif isinstance(value, dict):
            if isinstance(value.get("@id"), str) and len(value) > 1:
                found.setdefault(value["@id"], value)
            stack += value.values()
    return found


def _types(node: Node) -> set[str]:
    kinds = node.get("@type", node.get("type", []))
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds}


def _is_review(node: Node) -> bool:
    kinds = _types(node)
    return "ClaimReview" in kinds or (not kinds and any(p + "claimReviewed" in node for p in PREFIXES))


class _Reader:
    """Reads fields of reviews, following @id references through the file's index."""

    def __init__(self, index: dict[str, Node], settings: Settings):
        self.index = index
        self.settings = settings

    def get(self, node: Any, key: str) -> list[Any]:  # noqa: ANN401
        """Every value of a term on a node, references resolved; [] when absent."""
        if not isinstance(node, dict):
            return []
        for prefix in PREFIXES:
            if prefix + key in node:
                value = node[prefix + key]
                values = value if isinstance(value, list) else [value]
                return [self._resolve(v) for v in values if v is not None]
        return []

    def _resolve(self, value: Any) -> Any:  # noqa: ANN401
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return self.index.get(value["@id"], value)
        return value

    def text(self, node: Any, key: str) -> str | None:  # noqa: ANN401
        """The first value of a term as text (a string, a @value, or a node's name), spaces folded."""
        for value in self.get(node, key):
            found = self._as_text(value)
            if found:
                return found
        return None

    def _as_text(self, value: Any) -> str | None:  # noqa: ANN401
        if isinstance(value, dict):
            value = value.get("@value", self.text(value, "name"))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        return None

    def url(self, value: Any) -> str | None:  # noqa: ANN401
        """A web address from a URL string or a node with a url (or an @id that is one)."""
        if isinstance(value, dict):
            value = self.text(value, "url") or value.get("@id")
        if isinstance(value, str):
            try:
                return validate_url(value)
            except InvalidInput:
                return None
        return None

    def number(self, node: Any, key: str) -> float | None:  # noqa: ANN401
        for value in self.get(node, key):
            if isinstance(value, dict):
                value = value.get("@value")
            try:
                number = float(value)
            except (TypeError, ValueError, OverflowError):
                continue
            if math.isfinite(number):  # NaN, Infinity and 1e309 rate nothing
                return number
        return None

    # -- one review -------------------------------------------------------------------

    def _not_a_claim(self, review: Node) -> str | None:
        """Why a review's claimReviewed is no claim's text (a number, a list of several), or None.

        Numbers are text elsewhere (a rating's value), but `claimReviewed: 12345` would become a
        claim "12345"; of a list of claims, taking the first would pair the others' verdict with it."""
        values = self.get(review, "claimReviewed")
        if len(values) > 1:
            return notice(f"claimReviewed holds {len(values)} values, not one claim; left out")
        value = values[0] if values else None
        if isinstance(value, dict) and "@value" in value:
            value = value["@value"]
        if isinstance(value, (bool, int, float)):
            return notice(f"claimReviewed is {json.dumps(value)}, not the text of a claim; left out")
        if isinstance(value, list):
            return notice("claimReviewed holds a list, not the text of a claim; left out")
        return None

    def row(self, review: Node, n: int) -> tuple[ArchiveRow | None, list[str]]:
        problems: list[str] = []
        refused = self._not_a_claim(review)
        if refused:
            return None, [refused]
        text = self.text(review, "claimReviewed")
        if not text:
            return None, [notice("no claimReviewed; left out")]
        if len(text) > self.settings.max_claim_chars:
            return None, [notice(f"the claim is longer than {self.settings.max_claim_chars:,} characters; left out")]
        item = next((v for v in self.get(review, "itemReviewed") if isinstance(v, dict)), {})
        author = next((v for v in self.get(review, "author") if v), None)
        author_name = self._as_text(author) if author is not None else None
        label, rating = self.rating(review, problems)
        review_url = self.url(next(iter(self.get(review, "url")), None))
        pages = [u for u in (self.url(v) for k in ("appearance", "firstAppearance") for v in self.get(item, k)) if u]
        if not pages:  # the older form: itemReviewed is the CreativeWork where the claim appeared
            pages = [u for u in (self.url(v) for k in ("url", "sameAs") for v in self.get(item, k)) if u]
        when = self.text(review, "datePublished")
        contributor = next((self._as_text(v) for v in self.get(review, "contributor") if self._as_text(v)), None)
        sources = self.citations(review)
        headline = self.text(review, "name") or self.text(review, "headline")
        if review_url:
            title = headline
            if title is None and label:
                title = f"{author_name}: {label}" if author_name else label
            sources.insert(0, SourceInput(review_url, "context", title, author_name))
        sources += [SourceInput(page, "context") for page in pages[1:]]
        language = self.language(review, item, problems)
        rationale = self.text(review, "reviewBody")
        if rationale is None and label and self.settings.step(label) is None:
            rationale = f"{author_name or 'The review'} rated it {label!r}."  # the label the scale has no word for
        row = ArchiveRow(
            line=n,
            text=text,
            claimant=self.text(item, "author"),
            date=self.day(self.text(item, "datePublished"), problems, language),
            url=pages[0] if pages else None,
            rating=rating,
            language=language,
            rationale=rationale,
            reviewer=contributor or author_name,
            reviewed_at=self.moment(when, problems, language) if when else None,
            sources=tuple(dict.fromkeys(sources)),
            title=headline,
        )
        return row, problems

    def rating(self, review: Node, problems: list[str]) -> tuple[str | None, str | None]:
        """(the review's own label, the scale's rating): by label first, then by the numbers."""
        node = next((v for v in self.get(review, "reviewRating") if isinstance(v, dict)), None)
        if node is None:
            problems.append(notice("no reviewRating; kept without a verdict"))
            return None, None
        label = self.text(node, "alternateName") or self.text(node, "name")
        if label:
            found = self.settings.foreign_rating(label)
            if found:
                return label, found
        value = self.number(node, "ratingValue")
        if value is not None:
            best = self.number(node, "bestRating") or 5.0
            worst = self.number(node, "worstRating")
            found = self.settings.nearest_rating(value, best, 1.0 if worst is None else worst)
            if found:
                if label:
                    problems.append(
                        notice(f"rating {label!r} is not in rating_aliases; read as {found!r} from its value")
                    )
                return label or f"{value:g} of {best:g}", found
        if label:
            problems.append(
                notice(f"rating {label!r} is not on the scale nor in rating_aliases; kept without a verdict")
            )
        else:
            problems.append(
                notice("rating without a label is not on the scale nor in rating_aliases; kept without a verdict")
            )
        return label, None

    def citations(self, review: Node) -> list[SourceInput]:
        found = []
        for value in self.get(review, "citation"):
            url = self.url(value)
            if url is None:
                continue
            if not isinstance(value, dict):
                found.append(SourceInput(url, "context"))
                continue
            stance = value.get(STANCE)
            found.append(
                SourceInput(
                    url,
                    stance if stance in STANCES else "context",
                    self.text(value, "name") or self.text(value, "headline"),
                    self.text(value, "publisher"),
                    self.text(value, "description"),
                )
            )
        return found

    def language(self, review: Node, item: Node, problems: list[str]) -> str | None:
        for node in (review, item):
            for value in self.get(node, "inLanguage"):
                code = self._as_text(
                    value.get("alternateName", value.get("name")) if isinstance(value, dict) else value
                )
                if not code:
                    continue
                folded = code.casefold()
                found = LANGUAGE_NAMES.get(folded, folded.replace("_", "-").split("-")[0])
                if found in self.settings.languages:
                    return found
                problems.append(notice(f"language {code!r} is not es or en; detected instead"))
                return None
        return None

    @staticmethod
    def day(value: str | None, problems: list[str], language: str | None = None) -> str | None:
        if not value:
            return None
        parsed = publisher_moment(value, language)
        if parsed is None:
            problems.append(notice(f"the claim's datePublished {value!r} is not a date; kept without it"))
            return None
        return parsed.date().isoformat()

    @staticmethod
    def moment(value: str, problems: list[str], language: str | None = None) -> str | None:
        """An ISO timestamp in UTC to the second, as verdicts store them; a bare date is its midnight."""
        parsed = publisher_moment(value, language)
        if parsed is None:
            problems.append(notice(f"datePublished {value!r} is not a date; the verdict is dated today"))
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC).isoformat(timespec="seconds")


def publisher_moment(value: str, language: str | None = None) -> datetime | None:
    """A date as publishers write it: ISO 8601, "2017-03-01 20:30:17 UTC", RFC 2822 ("Wed, 01 Mar
    2017 20:30:17 GMT"), "March 1, 2017", "1 de marzo de 2017"; naive when no zone is given. A
    slashed day such as 01/03/2017 is read day first unless the review is in English (where US
    publishers write the month first). None for what is no date or names no year."""
    text = " ".join(value.split())
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else datetime.combine(date.fromisoformat(text), time())
    except ValueError:
        pass
    import dateparser  # the forms above ISO; imported only when a file needs it

    settings = {
        "DATE_ORDER": "MDY" if language == "en" else "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": _names_a_zone(text),  # naive unless the text gives a zone
        "STRICT_PARSING": True,
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # "yesterday" dates nothing
    }
    languages = ["en", "es"] if language != "es" else ["es", "en"]
    with warnings.catch_warnings():  # dateparser warns about its own pytz use on some versions
        warnings.simplefilter("ignore")
        parsed: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
    return parsed


def _names_a_zone(text: str) -> bool:
    return bool(re.search(r"(?:\b(?:UTC|GMT|[A-Z]{3,4}T)\b|[+-]\d{2}:?\d{2}$|Z$)", text))
