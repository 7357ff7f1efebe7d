"""Resolving time expressions against the article's publication date.

News writes "este miércoles", "el domingo por la noche", "la víspera", "en 2019": a weekday
means the latest such day on or before publication (a wire story of Wednesday 2023-09-13
calls that day "este miércoles" and 2023-09-10 "el domingo"). Dates keep the precision the
text gives: "2019", "2019-04", "2023-09-13". Month and weekday names come from babel.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from workbench.nlp.transliterate import to_ascii

RELATIVE_DAYS = {
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "la vispera": -1, "manana": 1},
    "en": {"today": 0, "yesterday": -1, "the day before": -1, "the eve": -1, "tomorrow": 1},
}
FORWARD = {"proximo", "proxima", "next", "coming"}


@cache
def _names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Folded month names -> 1..12 and weekday names -> 0..6 (Monday first)."""
    from babel import Locale

    locale = Locale(language)
    months = {_fold(name): number for number, name in locale.months["format"]["wide"].items()}
    days = {_fold(name): number for number, name in locale.days["format"]["wide"].items()}
    return months, days


@cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    months, days = _names(language)
    month = "|".join(sorted(months, key=len, reverse=True))
    day = "|".join(sorted(days, key=len, reverse=True))
    relative = "|".join(sorted(RELATIVE_DAYS[language], key=len, reverse=True))
    return {
        "iso": re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        "day_month": re.compile(rf"\b(\d{{1,2}}) (?:de )?({month})(?:,? (?:de |del )?(\d{{4}}))?\b"),
        "month_day": re.compile(rf"\b({month}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b"),
        "month_year": re.compile(rf"\b({month}),? (?:de |del )?(\d{{4}})\b"),
        "year": re.compile(r"\b(1[89]\d\d|20\d\d)\b"),
        "weekday": re.compile(rf"\b(?:(\w+) )?({day})\b"),
        "relative": re.compile(rf"(?<!la )(?<!esta )(?<!por la )\b({relative})\b"),
    }


def resolve_dates(text: str, language: str, published: str | None) -> list[str]:
    """ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) the text refers to, in order of appearance."""
    if language not in RELATIVE_DAYS:
        return []
    folded = _fold(text)
    base = date.fromisoformat(published) if published else None
    months, days = _names(language)
    patterns = _patterns(language)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: str | None) -> None:
        if value and not any(s < match.end() and match.start() < e for s, e in taken):
            found.append((match.start(), value))
            taken.append((match.start(), match.end()))

    for m in patterns["iso"].finditer(folded):
        add(m, _day(m.group(1), int(m.group(2)), m.group(3), base) if 1 <= int(m.group(2)) <= 12 else None)
    for m in patterns["day_month"].finditer(folded):
        add(m, _day(m.group(3), months[m.group(2)], m.group(1), base))
    for m in patterns["month_day"].finditer(folded):
        add(m, _day(m.group(3), months[m.group(1)], m.group(2), base))
    for m in patterns["month_year"].finditer(folded):
        add(m, f"{int(m.group(2)):04d}-{months[m.group(1)]:02d}")
    for m in patterns["year"].finditer(folded):
        add(m, m.group(1))
    if base is not None:
        for m in patterns["weekday"].finditer(folded):
            add(m, _weekday(base, days[m.group(2)], forward=(m.group(1) or "") in FORWARD))
        for m in patterns["relative"].finditer(folded):
            add(m, (base + timedelta(days=RELATIVE_DAYS[language][m.group(1)])).isoformat())
    ordered = [value for _, value in sorted(found)]
    return list(dict.fromkeys(ordered))


def _day(year: str | None, month: int, day: str, base: date | None) -> str | None:
    if year is None and base is None:
        return None
    try:
        return date(int(year) if year else base.year, month, int(day)).isoformat()  # type: ignore[union-attr]
    except ValueError:
        return None


def _weekday(base: date, weekday: int, *, forward: bool) -> str:
    if forward:
        return (base + timedelta(days=(weekday - base.weekday()) % 7 or 7)).isoformat()
    return (base - timedelta(days=(base.weekday() - weekday) % 7)).isoformat()


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", to_ascii(text).casefold())
