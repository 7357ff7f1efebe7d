"""Resolving time expressions against the article's publication date.

News writes "este miércoles", "el domingo por la noche", "la víspera", "en 2019": a weekday
means the latest such day on or before publication (a wire story of Wednesday 2023-09-13
calls that day "este miércoles" and 2023-09-10 "el domingo"), unless the clause speaks of the
future ("visitará Seúl este sábado") or says "próximo"/"next", when it is the next such day (the
day of publication itself, unless "próximo"/"next" says a week ahead).
A day and month without a year ("June 14", "el 3 de marzo") is the one nearest the publication
date, in the clause's direction of time. Numeric dates are read day first in Spanish
(13/09/2023) and month first in English (9/13/2023); abbreviated months need their full stop
("Feb. 1"). Dates keep the precision the text gives: "2019", "2019-04", "2023-09-13". Month and
weekday names come from babel.

A claim's event date is not every date its text names: "desde abril de 2019", "since April 2019",
"hasta 2025" bound a period and are left out of `event_dates`; no date beats a wrong one.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

from workbench.nlp.transliterate import to_ascii

RELATIVE_DAYS = {
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "la vispera": -1, "manana": 1},
    "en": {"today": 0, "yesterday": -1, "the day before": -1, "the eve": -1, "tomorrow": 1},
}
FORWARD = {"proximo", "proxima", "next", "coming", "venidero"}
BOUNDS = ("desde", "since", "hasta", "until", "till", "a partir de")
MONTH_LEADS = {
    "es": "en|de|desde|hasta|para|durante",
    "en": "in|of|since|until|by|from|during|last|next|early|late|mid",
}
"""Words before a month named alone ("en julio", "in July"): a month without day or year only
counts as a date after one of them and in its language's case (English "May", Spanish "julio"),
so neither the modal "may" nor "el hijo de Julio" does. An English month with its possessive
("January's rains") is a month too."""
EXTRA_ABBREVIATIONS = {"es": {"sep": 9, "set": 9}, "en": {"sept": 9}}
RELATIVE_PERIODS = {
    "es": {
        "este ano": ("year", 0),
        "el ano pasado": ("year", -1),
        "el pasado ano": ("year", -1),
        "el proximo ano": ("year", 1),
        "el ano proximo": ("year", 1),
        "el ano que viene": ("year", 1),
        "este mes": ("month", 0),
        "el mes pasado": ("month", -1),
        "el pasado mes": ("month", -1),
        "el proximo mes": ("month", 1),
        "el mes proximo": ("month", 1),
        "el mes que viene": ("month", 1),
    },
    "en": {
        "this year": ("year", 0),
        "last year": ("year", -1),
        "next year": ("year", 1),
        "this month": ("month", 0),
        "last month": ("month", -1),
        "next month": ("month", 1),
    },
}
"""The year or month a claim names by its distance from publication ("este año", "last month"):
"the dam overflowed twice this year" in a story of 2025 happened in 2025, and says so as a date. "El pasado
mes de mayo" names May, not last month, and "over the last year" a span: neither is read here."""
NOT_NAMES = {"the", "last", "this", "next", "in", "by", "since", "until", "of", "from"}
"""Capitalised words before a possessive month that leave it a month ("Last May's vote"); any
other ("Theresa May's government") makes it a name."""
MONTH_LINKS = {"es": "y|e|o|u", "en": "and|or"}
"""Words joining months named alone ("en marzo y octubre", "in March and October"): each is a date."""


CALENDAR_NAMES = Path(__file__).with_name("calendar_names.json")
"""babel's wide month and weekday names and abbreviated month names of the workbench's languages,
as `babel_calendar` reads them (tests/test_dates_names.py checks they still are): loading babel's
locale data for them cost every one-shot match 35 ms of CPU. Other languages ask babel."""


def babel_calendar(language: str) -> dict[str, dict[int, str]]:
    """The month names (1..12), weekday names (0..6, Monday first) and abbreviated month names babel
    gives a language, as calendar_names.json keeps them."""
    from babel import Locale

    months = Locale(language).months["format"]
    return {
        "months": dict(months["wide"].items()),
        "days": dict(Locale(language).days["format"]["wide"].items()),
        "abbreviated": dict(months["abbreviated"].items()),
    }


@cache
def _calendar(language: str) -> dict[str, dict[int, str]]:
    shipped = json.loads(CALENDAR_NAMES.read_text(encoding="utf-8"))
    if language not in shipped:
        return babel_calendar(language)
    return {kind: {int(n): name for n, name in names.items()} for kind, names in shipped[language].items()}


@cache
def _names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Folded month names -> 1..12 and weekday names -> 0..6 (Monday first)."""
    calendar = _calendar(language)
    months = {_fold(name): number for number, name in calendar["months"].items()}
    days = {_fold(name): number for number, name in calendar["days"].items()}
    return months, days


@cache
def _abbreviations(language: str) -> dict[str, int]:
    """Folded abbreviated month names -> 1..12 ("feb", "sept"), read only with their full stop."""
    found = {_fold(name).rstrip("."): n for n, name in _calendar(language)["abbreviated"].items()}
    return found | EXTRA_ABBREVIATIONS.get(language, {})


@cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    months, days = _names(language)
    month = "|".join(sorted(months, key=len, reverse=True))
    day = "|".join(sorted(days, key=len, reverse=True))
    relative = "|".join(sorted(RELATIVE_DAYS[language], key=len, reverse=True))
    short = "|".join(sorted(_abbreviations(language), key=len, reverse=True))
    period = "|".join(sorted(RELATIVE_PERIODS[language], key=len, reverse=True))
    return {
        "iso": re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        "numeric": re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b"),
        "short_month_day": re.compile(rf"\b({short})\. (\d{{1,2}})(?:,? (\d{{4}}))?\b"),
        "day_short_month": re.compile(rf"\b(\d{{1,2}}) (?:de )?({short})\.(?: (?:de )?(\d{{4}}))?"),
        "day_month": re.compile(rf"\b(\d{{1,2}}) (?:de )?({month})(?:,? (?:de |del )?(\d{{4}}))?\b"),
        "month_day": re.compile(rf"\b({month}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b"),
        "month_year": re.compile(rf"\b({month}),? (?:de |del )?(\d{{4}})\b"),
        "month": re.compile(rf"\b(?:{MONTH_LEADS[language]}) ({month})\b"),
        "month_possessive": re.compile(rf"\b({month})'s\b"),
        "year": re.compile(r"\b(1[89]\d\d|20\d\d)\b"),
        "weekday": re.compile(rf"\b(?:(\w+) )?({day})\b"),
        "relative": re.compile(rf"(?<!la )(?<!esta )(?<!por la )\b({relative})\b"),
        "period": re.compile(rf"(?<!the )\b({period})\b(?! de )"),
        "month_link": re.compile(rf",?(?: (?:{MONTH_LINKS[language]}))? ({month})\b"),
    }


def event_dates(text: str, language: str, published: str | None, future: bool | frozenset[str] = False) -> list[str]:
    """The dates of a claim's event: those the text names, less the ones that bound a period
    ("desde abril de 2019", "since April 2019", "hasta 2025")."""
    return [value for start, value in _found(text, language, published, future) if not _bounds(text, start)]


def claim_dates(text: str, language: str, published: str | None, future: bool | frozenset[str] = False) -> list[str]:
    """A claim's dates: its event's first, then the dates that bound a period ("desde abril de
    2019"), which tell one "first meeting since 2019" from another but are not when it happened."""
    found = _found(text, language, published, future)
    events = [value for start, value in found if not _bounds(text, start)]
    bounds = [value for start, value in found if _bounds(text, start)]
    return list(dict.fromkeys(events + bounds))


UNTIL = {"hasta", "until", "till"}


def _bound_kind(folded: str, start: int) -> str | None:
    """'until' or 'since' for a date in a phrase that bounds a period, else None."""
    clause = re.split(r"[,;.:()]", folded[max(0, start - 80) : start])[-1]
    words = clause.split()
    if not any(" ".join(words[k : k + len(m.split())]) == m for m in BOUNDS for k in range(len(words))):
        return None
    last = max((k for k, w in enumerate(words) if w in UNTIL | {"desde", "since", "partir"}), default=-1)
    return "until" if last >= 0 and words[last] in UNTIL else "since"


def _bounds(text: str, start: int) -> bool:
    """Whether the date at `start` (in the folded text) lies in a phrase that bounds a period:
    "desde abril de 2019", "desde un viaje anterior a Vladivostok en 2019", "since April 2019".
    The phrase runs back from the date to the nearest comma or full stop."""
    before = _fold(text)[max(0, start - 80) : start]
    clause = re.split(r"[,;.:()]", before)[-1]
    words = clause.split()
    return any(" ".join(words[k : k + len(marker.split())]) == marker for marker in BOUNDS for k in range(len(words)))


def resolve_dates(text: str, language: str, published: str | None, future: bool | frozenset[str] = False) -> list[str]:
    """ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) the text refers to, in order of appearance; with
    `future`, a weekday or a day without a year is read forward from publication (`future` may
    name the folded weekday and month words that belong to a verb in the future)."""
    return list(dict.fromkeys(value for _, value in _found(text, language, published, future)))


def _found(text: str, language: str, published: str | None, future: bool | frozenset[str]) -> list[tuple[int, str]]:
    """(position in the folded text, ISO date) of every date the text names, in order."""
    if language not in RELATIVE_DAYS:
        return []

    def ahead(word: str, start: int | None = None) -> bool:
        if start is not None:
            bound = _bound_kind(folded, start)
            if bound is not None:  # "until April 14" looks ahead, "since April 14" back
                return bound == "until"
        return future if isinstance(future, bool) else word in future

    folded = _fold(text)
    base = date.fromisoformat(published) if published else None
    months, days = _names(language)
    patterns = _patterns(language)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: str | None, group: int = 0) -> None:
        start = match.start(group)
        if value and not any(s < match.end() and start < e for s, e in taken):
            found.append((start, value))
            taken.append((start, match.end()))

    short = _abbreviations(language)
    for m in patterns["iso"].finditer(folded):
        add(m, _day(m.group(1), int(m.group(2)), m.group(3), base) if 1 <= int(m.group(2)) <= 12 else None)
    for m in patterns["numeric"].finditer(folded):
        first, second, year = int(m.group(1)), int(m.group(2)), m.group(3)
        day, month = (first, second) if language == "es" else (second, first)
        year = year if len(year) == 4 else f"20{year}"
        add(m, _day(year, month, str(day), base) if 1 <= month <= 12 else None)
    for m in patterns["day_month"].finditer(folded):
        add(m, _day(m.group(3), months[m.group(2)], m.group(1), base, ahead(m.group(2), m.start())))
    for m in patterns["month_day"].finditer(folded):
        add(m, _day(m.group(3), months[m.group(1)], m.group(2), base, ahead(m.group(1), m.start())))
    for m in patterns["short_month_day"].finditer(folded):
        add(m, _day(m.group(3), short[m.group(1)], m.group(2), base, ahead(m.group(1), m.start())))
    for m in patterns["day_short_month"].finditer(folded):
        add(m, _day(m.group(3), short[m.group(2)], m.group(1), base, ahead(m.group(2), m.start())))
    for m in patterns["month_year"].finditer(folded):
        add(m, f"{int(m.group(2)):04d}-{months[m.group(1)]:02d}")
    if base is not None:
        cased = re.sub(r"\s+", " ", to_ascii(text))  # the folded text's offsets, its case kept
        for lead in patterns["month"].finditer(folded):
            forward = ahead(lead.group(1), lead.start(1))
            named: re.Match[str] | None = lead
            # "en marzo y octubre": the months joined to the first are dates too
            while named is not None and cased[named.start(1) : named.start(1) + 1].isupper() == (language == "en"):
                add(named, _month(months[named.group(1)], base, forward), 1)  # "in may" is no month, nor "de Julio"
                named = patterns["month_link"].match(folded, named.end())
        if language == "en":  # "January's rains", "May's election": the month, as "in January" is
            for named in patterns["month_possessive"].finditer(folded):
                preceding = cased[: named.start(1)].split()
                named_person = (
                    bool(preceding) and preceding[-1][:1].isupper() and preceding[-1].lower() not in NOT_NAMES
                )
                if cased[named.start(1) : named.start(1) + 1].isupper() and not named_person:
                    add(named, _month(months[named.group(1)], base, ahead(named.group(1), named.start(1))), 1)
    for m in patterns["year"].finditer(folded):
        add(m, m.group(1))
    if base is not None:
        for m in patterns["weekday"].finditer(folded):
            before = m.group(1) or ""
            add(
                m,
                _weekday(
                    base,
                    days[m.group(2)],
                    forward=ahead(m.group(2)) or before in FORWARD,
                    skip_today=before in FORWARD,
                ),
            )
        for m in patterns["relative"].finditer(folded):
            add(m, (base + timedelta(days=RELATIVE_DAYS[language][m.group(1)])).isoformat())
        for m in patterns["period"].finditer(folded):
            add(m, _period(base, *RELATIVE_PERIODS[language][m.group(1)]))
    return sorted(found)


PRIOR_UNITS = {
    "es": {
        "dia": "day",
        "dias": "day",
        "semana": "week",
        "semanas": "week",
        "mes": "month",
        "meses": "month",
        "ano": "year",
        "anos": "year",
    },
    "en": {
        "day": "day",
        "days": "day",
        "week": "week",
        "weeks": "week",
        "month": "month",
        "months": "month",
        "year": "year",
        "years": "year",
    },
}
PRIOR_MARKS = {"es": r"despues (?:de|del)", "en": r"after"}
ONE = {"un", "una", "a", "an", "one"}
PRIOR_PATTERNS = {
    language: re.compile(rf"\b(\w+) ({'|'.join(units)}) {PRIOR_MARKS[language]}(?: (?:el|la|los|las|the))? ?$")
    for language, units in PRIOR_UNITS.items()
}
"""Compiled once: built per call, the pattern was compiled again whenever other patterns had pushed
it out of re's cache, 2.6 ms a call and 4% of extraction's time on the gold articles."""


def prior_event_date(before: str, language: str, published: str | None) -> str | None:
    """When the event named right after "N units after" happened: "El cierre llegó tres meses
    después de la inundación, que ..." in a story of 2026-07 dates the flood 2026-04; a day for
    days, the month for weeks and months, the year for years. `before` is the sentence up to that
    event's noun phrase; the story's day (or the first day the sentence states) is what "after"
    counts from."""
    if language not in PRIOR_UNITS or not published:
        return None
    folded = _fold(before)
    found = PRIOR_PATTERNS[language].search(folded.rstrip())
    if found is None:
        return None
    count = _count(found.group(1), language)
    if count is None:
        return None
    days = [d for d in resolve_dates(before[: found.start()], language, published) if len(d) == 10]
    base = date.fromisoformat(days[0] if days else published)
    unit = PRIOR_UNITS[language][found.group(2)]
    if unit == "day":
        return (base - timedelta(days=count)).isoformat()
    if unit == "week":
        return (base - timedelta(days=7 * count)).isoformat()[:7]
    if unit == "month":
        return _period(base, "month", -count)
    return _period(base, "year", -count)


def _count(word: str, language: str) -> int | None:
    """A small count in digits or words ("3", "tres", "three", "un")."""
    if word in ONE:
        return 1
    if word.isdigit():
        return int(word)
    from text_to_num import text2num

    try:
        return int(text2num(word, language))
    except ValueError:
        return None


def _period(base: date, unit: str, offset: int) -> str:
    """The year ("2023") or month ("2023-08") `offset` such units from publication."""
    if unit == "year":
        return f"{base.year + offset:04d}"
    months = base.year * 12 + base.month - 1 + offset
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _day(year: str | None, month: int, day: str, base: date | None, future: bool = False) -> str | None:
    """A calendar day; without a year, the one nearest the publication date that lies on the
    clause's side of it (a week's slack: "June 14" in a story of June 16 is this June's)."""
    if year is None and base is None:
        return None
    try:
        if year:
            return date(int(year), month, int(day)).isoformat()
        assert base is not None
        candidates = [date(base.year + k, month, int(day)) for k in (-1, 0, 1)]
    except ValueError:
        return None
    slack = timedelta(days=7)
    if future:
        side = [c for c in candidates if c >= base - slack]
    else:
        side = [c for c in candidates if c <= base + slack]
    return min(side or candidates, key=lambda c: abs(c - base)).isoformat()


def _month(month: int, base: date, future: bool) -> str:
    """A month named without its year ("en julio"): the nearest one on the clause's side of the
    publication month, the publication month itself included."""
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return f"{year:04d}-{month:02d}"


def _weekday(base: date, weekday: int, *, forward: bool, skip_today: bool = False) -> str:
    """The weekday nearest publication in the clause's direction. Publication day itself counts
    either way ("visitará Seúl este sábado" in a Saturday story is that day, as wire style names
    the day of the story by its weekday); only "próximo"/"next" skips it to a week ahead."""
    if forward:
        ahead = (weekday - base.weekday()) % 7
        return (base + timedelta(days=ahead or (7 if skip_today else 0))).isoformat()
    return (base - timedelta(days=(base.weekday() - weekday) % 7)).isoformat()


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", to_ascii(text).casefold())


def fold_word(word: str) -> str:
    return _fold(word)


@lru_cache(maxsize=65536)
def is_calendar_word(word: str, language: str) -> bool:
    """Whether a word names a weekday or a month (folded), to find the verb a date belongs to."""
    if language not in RELATIVE_DAYS:
        return False
    months, days = _names(language)
    folded = _fold(word)
    return folded in months or folded in days
