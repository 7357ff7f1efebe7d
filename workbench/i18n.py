"""The interface language: which one is in force, its message catalog, and the words of the vocabularies.

Every word a reviewer reads goes through gettext, so a translator edits `workbench/locale/es/...po`
and never the code; `make catalogs` (pybabel) extracts the messages and compiles the `.mo` files the
package ships, and tests/test_i18n.py fails when a committed `.mo` is older than its `.po`.

The language is the settings file's `language`, else $LC_ALL / $LC_MESSAGES / $LANG, else English.
English needs no catalog: the message ids are the English text. Reports pass a language of their
own (the article's) instead of the interface's, through `translator(language)`.

The vocabularies (stances, statuses, kinds, relations; ratings come from the scale in the settings)
are stored as their English values; `vocabulary_label` shows one in a language and
`vocabulary_value` reads a label of either language back, ignoring case and accents. Both are keyed
by the stored value, so they work as well on plain strings as on enums whose value is that string.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Any

from workbench.config import CLAIM_KINDS, CLAIM_STATUSES, DEFAULT_SCALE, LINK_RELATIONS, STANCES, Rating, fold_label
from workbench.errors import InvalidInput

DOMAIN = "workbench"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES: tuple[str, ...] = ("en", "es")
DEFAULT_LANGUAGE = "en"
ENVIRONMENT_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Read in this order, the first one set deciding (as POSIX does)."""

_language: str | None = None
"""The interface language once chosen (`set_language`), else read from the environment on first use."""
_scale: tuple[Rating, ...] = DEFAULT_SCALE
"""The rating scale in force (`set_scale`): its steps carry their own Spanish labels."""


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Marks a message for extraction where it is defined (a key binding, a column); `_` translates it where shown."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802
    """As N_, for a message with a context (the vocabularies: 'context' is both a stance and a word)."""
    return message


def normalize_language(value: str) -> str | None:
    """'es', 'es_ES.UTF-8', 'ES-mx' -> 'es'; a language the workbench has no words for -> None."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale variables ask for, or None (unset, C, POSIX, or one we lack)."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return normalize_language(value)
    return None


def resolve_language(option: str | None = None, configured: str | None = None) -> str:
    """The interface language: --lang, else the settings file's `language`, else the locale, else English."""
    for chosen in (option, configured):
        if chosen:
            language = normalize_language(chosen)
            if language is None:
                raise InvalidInput(
                    _("{language!r} is not an interface language; use one of: {choices}.").format(
                        language=chosen, choices=", ".join(LANGUAGES)
                    )
                )
            return language
    return language_from_environment() or DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Make `language` the interface language for this process; None goes back to reading the environment."""
    global _language
    _language = normalize_language(language) if language else None


def set_scale(scale: Iterable[Rating]) -> None:
    """The settings' rating scale, whose labels `rating_label` shows (an outlet's scale has its own)."""
    global _scale
    _scale = tuple(scale)


def current_language() -> str:
    global _language
    if _language is None:
        _language = language_from_environment() or DEFAULT_LANGUAGE
    return _language


@cache
def translator(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English (and any language without one) passes messages through."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    """`message` in the interface language (the empty string stays empty: gettext would give the catalog's header)."""
    if not message:
        return message
    return translator(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, as the interface language counts."""
    return translator(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(current_language()).pgettext(context, message)


# -- the vocabularies --------------------------------------------------------------

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "stance": STANCES,
    "status": CLAIM_STATUSES,
    "kind": CLAIM_KINDS,
    "relation": LINK_RELATIONS,
}
"""Each vocabulary's stored values; its labels are in the catalogs under the vocabulary's name as context."""

_MARKED = (
    NP_("stance", "supports"),
    NP_("stance", "refutes"),
    NP_("stance", "context"),
    NP_("status", "new"),
    NP_("status", "in_review"),
    NP_("status", "checked"),
    NP_("kind", "event"),
    NP_("kind", "quantity"),
    NP_("kind", "statement"),
    NP_("kind", "prediction"),
    NP_("kind", "opinion"),
    NP_("relation", "duplicate"),
    NP_("relation", "related"),
    NP_("relation", "near-miss"),
    NP_("relation", "conflict"),
)
"""The stored values, marked for extraction; tests/test_i18n.py checks this covers every vocabulary."""


def _stored(value: object) -> str:
    """An enum's value, or the string itself: the labels are keyed by what the database stores."""
    return str(getattr(value, "value", value))


def vocabulary_label(vocabulary: str, value: object, language: str | None = None) -> str:
    """A stored value of a vocabulary ('refutes') as the reviewer reads it ('refuta' in Spanish)."""
    return translator(language or current_language()).pgettext(vocabulary, _stored(value))


def vocabulary_labels(vocabulary: str, language: str | None = None) -> tuple[str, ...]:
    """Every label of a vocabulary in a language, in the vocabulary's order (for choices and completion)."""
    return tuple(vocabulary_label(vocabulary, value, language) for value in VOCABULARIES[vocabulary])


def vocabulary_value(vocabulary: str, text: str) -> str:
    """The stored value a label names in either language, ignoring case, accents and '_' for ' '; else refused."""
    wanted = _fold(text)
    for value in VOCABULARIES[vocabulary]:
        if wanted in {_fold(value), *(_fold(vocabulary_label(vocabulary, value, lang)) for lang in LANGUAGES)}:
            return value
    raise InvalidInput(
        _("{name} {text!r} is not one of {choices}.").format(
            name=vocabulary_name(vocabulary), text=text, choices=", ".join(vocabulary_labels(vocabulary))
        )
    )


def vocabulary_filters(filters: Mapping[str, object]) -> dict[str, Any]:
    """Filter arguments (status=, kind=, stance=, relation=) with each label read back to its stored value."""
    return {
        key: vocabulary_value(key, value) if key in VOCABULARIES and isinstance(value, str) else value
        for key, value in filters.items()
    }


def vocabulary_name(vocabulary: str) -> str:
    """What the vocabulary is called, for messages ('Stance' / 'Postura')."""
    names = {"stance": N_("Stance"), "status": N_("Status"), "kind": N_("Kind"), "relation": N_("Relation")}
    return _(names[vocabulary])


def _fold(text: str) -> str:
    return fold_label(text.replace("_", " ").replace("-", " "))


def rating_labels(language: str | None = None) -> tuple[str, ...]:
    """The labels of the scale in force, best first, in a language (for choices, completion and widths)."""
    language = language or current_language()
    return tuple(rating.label(language) for rating in _scale)


def rating_label(stored: str | None, language: str | None = None, scale: Iterable[Rating] | None = None) -> str | None:
    """A stored rating in a language: the scale's own label for it; a label off the scale is shown as stored."""
    if stored is None:
        return None
    language = language or current_language()
    folded = fold_label(stored)
    for rating in _scale if scale is None else scale:
        if folded == fold_label(rating.en):
            return rating.label(language)
    return stored


# -- actors by their name in a language ---------------------------------------------

_ACTORS = (
    NP_("actor", "Kim Jong-un"),
    NP_("actor", "Vladimir Putin"),
    NP_("actor", "Sergei Shoigu"),
    NP_("actor", "Sergei Lavrov"),
    NP_("actor", "Denis Manturov"),
    NP_("actor", "Kremlin"),
    NP_("actor", "South Korea Joint Chiefs of Staff"),
    NP_("actor", "Japan Ministry of Defense"),
    NP_("actor", "China Ministry of Foreign Affairs"),
    NP_("actor", "Yevgeny Prigozhin"),
    NP_("actor", "Alexander Lukashenko"),
    NP_("actor", "Volodymyr Zelensky"),
    NP_("actor", "Dmitry Peskov"),
    NP_("actor", "Valery Gerasimov"),
    NP_("actor", "Joe Biden"),
    NP_("actor", "Antony Blinken"),
    NP_("actor", "Xi Jinping"),
    NP_("actor", "Yoon Suk Yeol"),
    NP_("actor", "Fumio Kishida"),
    NP_("actor", "António Guterres"),
    NP_("actor", "Rafael Grossi"),
    NP_("actor", "Wagner Group"),
    NP_("actor", "NATO"),
    NP_("actor", "UN Security Council"),
    NP_("actor", "IAEA"),
    NP_("actor", "Yonhap"),
    NP_("actor", "KCNA"),
    NP_("actor", "TASS"),
    NP_("actor", "RIA Novosti"),
    NP_("actor", "Rosaviatsia"),
    NP_("actor", "Russia Ministry of Defense"),
    NP_("actor", "Crimea"),
    NP_("actor", "United States Department of Defense"),
    NP_("actor", "World Health Organization"),
    NP_("actor", "Pan American Health Organization"),
    NP_("actor", "International Monetary Fund"),
    NP_("actor", "World Bank"),
    NP_("actor", "UNICEF"),
    NP_("actor", "International Committee of the Red Cross"),
    NP_("actor", "African Union"),
)
"""The gazetteer's curated actors that are not countries (workbench/nlp/actors.json), marked so a
translator gives each its name in Spanish; tests/test_i18n.py checks the list against the file.
Countries (and the capitals standing for them) are named by babel's territory names instead."""


@cache
def _territory_codes() -> dict[str, str]:
    """The English territory name the gazetteer stores as a country's canonical name -> its code."""
    from babel import Locale

    return {name: code for code, name in Locale("en").territories.items() if code.isalpha()}


def actor_name(canonical: str, language: str | None = None) -> str:
    """A canonical actor (stored in English: 'North Korea') by its name in a language ('Corea del
    Norte'): a country by the locale's territory name, a curated actor through the catalog, any
    other name as stored."""
    language = language or current_language()
    if language == DEFAULT_LANGUAGE or not canonical:
        return canonical
    code = _territory_codes().get(canonical)
    if code is not None:
        from babel import Locale

        return str(Locale.parse(language).territories.get(code, canonical))
    return translator(language).pgettext("actor", canonical)


def actor_names(names: Iterable[str]) -> list[str]:
    """Names for completing an entity filter: each stored name and its name in every interface
    language (the interface's first), without repeats, in the order given."""
    order = (current_language(), *(language for language in LANGUAGES if language != current_language()))
    found: dict[str, None] = {}
    for name in names:
        for language in order:
            found.setdefault(actor_name(name, language))
    return list(found)


# -- the language of a report ------------------------------------------------------

REPORT_LANGUAGE_VARIABLE = "WORKBENCH_REPORT_LANGUAGE"
"""Set to es or en, every report is written in that language whatever its articles' language."""

_report_language: str | None = None


def set_report_language(language: str | None) -> None:
    """The language reports are asked for (`workbench export --language`); None: the articles' language."""
    global _report_language
    _report_language = normalize_language(language) if language else None


def report_language(article_languages: Iterable[str | None]) -> str:
    """The language a report is written in: the one asked for, else its articles' (when they share
    one the workbench speaks), else the interface language."""
    asked = _report_language or normalize_language(os.environ.get(REPORT_LANGUAGE_VARIABLE, "") or "-")
    if asked:
        return asked
    found = {normalize_language(language or "-") for language in article_languages}
    shared = found.pop() if len(found) == 1 else None
    return shared or current_language()


# -- numbers and dates for people ---------------------------------------------------


def format_count(count: int, language: str | None = None) -> str:
    """A count as the locale writes it ('10.000' in Spanish, '10,000' in English)."""
    from babel.numbers import format_decimal

    return format_decimal(count, locale=language or current_language())


RELATIVE_WITHIN = timedelta(days=1)
"""Times younger than this are said as an age ('hace 5 min'): a reviewer asks "was that just now?"
of today's work, and of older work "which day?"."""

_clock: Callable[[], datetime] | None = None
"""What 'now' is for relative times (`set_clock`); None: the system clock."""
_zone: tzinfo | None = None
"""The zone people's times are shown in (`set_clock`); None: the machine's local zone."""


def set_clock(now: Callable[[], datetime] | None = None, zone: tzinfo | None = None) -> None:
    """Fix 'now' and the time zone people's times are shown in (tests and snapshots); no arguments:
    the system clock and the local zone again."""
    global _clock, _zone
    _clock, _zone = now, zone


def _now() -> datetime:
    return _clock() if _clock is not None else datetime.now(UTC)


def _moment(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(_zone)


def format_moment(value: str | datetime | None, language: str | None = None, *, iso_english: bool = True) -> str:
    """A stored UTC time as a person reads it: local zone, the locale's words ('13 sept 2023, 20:00').

    English keeps the stored ISO text unless asked (the CLI's tables, which scripts read); reports
    and the TUI ask with `iso_english=False` for people's dates in English too ('Sep 13, 2023, 8:00 PM').
    """
    language = language or current_language()
    if not value or (language == "en" and iso_english):
        return str(value or "")
    from babel import Locale
    from babel.dates import format_date, format_time

    try:
        moment = _moment(value)
    except ValueError:
        return str(value)
    pattern = Locale.parse(language).datetime_formats["medium"]  # '{1}, {0}': the day, then the time
    day = format_date(moment, "medium", locale=language)
    return str(pattern).format(format_time(moment, "short", tzinfo=moment.tzinfo, locale=language), day)


def format_when(value: str | datetime | None, language: str | None = None) -> str:
    """A stored time for the TUI: its age within RELATIVE_WITHIN ('hace 5 min', '5 min. ago'),
    else the locale's day and time in the local zone; text that is no time is shown as it is."""
    if not value:
        return ""
    language = language or current_language()
    try:
        age = _now() - _moment(value)
    except ValueError:
        return str(value)
    if timedelta(0) <= age < RELATIVE_WITHIN:
        from babel.dates import format_timedelta

        return format_timedelta(-age, threshold=1, add_direction=True, format="short", locale=language)
    return format_moment(value, language, iso_english=False)


def format_day(value: str | None, language: str | None = None, *, iso_english: bool = True) -> str:
    """A YYYY-MM-DD day in the locale's words ('13 sept 2023'); text that is not a day is shown as it is
    (and English keeps YYYY-MM-DD unless asked, as `format_moment` keeps ISO)."""
    language = language or current_language()
    if not value or (language == "en" and iso_english):
        return value or ""
    from datetime import date

    from babel.dates import format_date

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return format_date(day, "medium", locale=language)


# -- the core's sentences ----------------------------------------------------------

ERROR_CONTEXT = "error"
"""The catalog context of the core's error sentences (extracted from its `raise`s, see
`extract_messages`) and of its warnings (marked with workbench.errors.notice), kept apart so only
they are read back by `translate_error`."""
NOTICE = "notice"
"""The name of the marker (workbench.errors.notice) whose sentence the extractor reads as the core's."""
ERROR_CLASSES = frozenset(
    {"WorkbenchError", "NotFound", "InvalidInput", "Conflict", "StoreUnavailable", "ModelMissing"}
)
CORE_NAMES = (N_("Standard input"), N_("Pasted text"))
"""Names the core gives what has no file name; in an error sentence they are words, translated too."""
LITERAL_MINIMUM = 8
"""A template matches an error only with this many characters of its own words: "{name}." alone
would read any sentence as itself."""
_PLACEHOLDER = re.compile(r"(\{[^{}]+\})")


@cache
def _error_templates(language: str) -> tuple[tuple[re.Pattern[str], list[str], str, int], ...]:
    """(pattern, placeholders, translation, literal length) of every translated error sentence,
    the most specific first."""
    from babel.messages.mofile import read_mo

    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.exists():
        return ()
    with open(path, "rb") as mo:
        catalog = read_mo(mo)
    found = []
    for message in catalog:
        if message.context != ERROR_CONTEXT or not isinstance(message.id, str) or not message.string:
            continue
        parts = _PLACEHOLDER.split(message.id)
        literal = sum(len(part) for part in parts[::2])
        if literal < LITERAL_MINIMUM:
            continue
        pattern = "".join(re.escape(part) if i % 2 == 0 else "(.+?)" for i, part in enumerate(parts))
        found.append((re.compile(pattern, re.DOTALL), parts[1::2], str(message.string), literal))
    found.sort(key=lambda t: -t[3])
    return tuple(found)


def translate_error(text: str, language: str | None = None) -> str:
    """One of the core's English error sentences in the interface language: the catalog's template
    it fits, its values (names, paths, numbers, as the core wrote them) put into the translation.

    The core raises its sentences in English (they are its message ids, extracted with their
    f-string fields as placeholders); the CLI and the TUI say them in the reader's language here,
    so no layer below has to know who reads. A sentence no template fits is shown as it is."""
    language = language or current_language()
    if language == DEFAULT_LANGUAGE or not text:
        return text
    exact = translator(language).pgettext(ERROR_CONTEXT, text)
    if exact != text:
        return exact
    for pattern, placeholders, translation, _literal in _error_templates(language):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        words = translator(language).gettext
        values = {
            field: words(found) if found in CORE_NAMES else found for field, found in zip(placeholders, match.groups())
        }

        def value(field: re.Match[str], values: dict[str, str] = values) -> str:
            return values.get(field.group(1), field.group(1))

        return _PLACEHOLDER.sub(value, translation)
    return text


def _template(node: Any) -> str | None:  # noqa: ANN401 - an ast expression
    """The message id of a sentence written as a constant or an f-string: each field becomes a
    placeholder spelled as in the code ('{path}', '{rating!r}'), which the translation keeps."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    text = ""
    for value in node.values:
        if isinstance(value, ast.Constant):
            text += str(value.value)
        elif isinstance(value, ast.FormattedValue):
            field = ast.unparse(value.value)
            if value.conversion != -1:
                field += "!" + chr(value.conversion)
            if value.format_spec is not None:
                field += ":" + (_template(value.format_spec) or "")
            text += "{" + field + "}"
    return text


# -- the reasons behind a score or a match -----------------------------------------------

REASON_CONTEXT = "reason"
_REASONS = (
    # check-worthiness (workbench/nlp/checkworthiness.py: SIGNALS, _reasons)
    NP_("reason", "names a figure"),
    NP_("reason", "names a percentage"),
    NP_("reason", "names money or a large amount"),
    NP_("reason", "names a date"),
    NP_("reason", "names a person"),
    NP_("reason", "names an organisation"),
    NP_("reason", "names a place"),
    NP_("reason", "attributed to someone"),
    NP_("reason", "reports what someone said"),
    NP_("reason", "an event"),
    NP_("reason", "a quantity"),
    NP_("reason", "a statement"),
    NP_("reason", "a prediction, not yet verifiable"),
    NP_("reason", "an opinion"),
    NP_("reason", "compares (more, less, record)"),
    NP_("reason", "hedged (possibly, allegedly)"),
    NP_("reason", "first person singular"),
    NP_("reason", "first person plural (we, our)"),
    NP_("reason", "addresses the reader (you)"),
    NP_("reason", "opinion wording (I think, should)"),
    NP_("reason", "evaluative wording (shameful, historic)"),
    NP_("reason", "greeting or thanks"),
    NP_("reason", "asks a question"),
    NP_("reason", "exclaims"),
    NP_("reason", "negates"),
    NP_("reason", "has hashtags"),
    NP_("reason", "mentions accounts"),
    NP_("reason", "carries a link"),
    NP_("reason", "very short"),
    NP_("reason", "long (over 40 words)"),
    NP_("reason", "wording typical of claims fact-checkers check"),
    NP_("reason", "wording typical of what they skip"),
    NP_("reason", "in meaning, resembles claims fact-checkers check"),
    NP_("reason", "in meaning, resembles what they skip"),
    NP_("reason", "not checkable: states nothing verifiable"),
    # matching (workbench/matching/compare.py: compare, relation_of)
    NP_("reason", "alike"),
    NP_("reason", "meaning"),
    NP_("reason", "words"),
    NP_("reason", "wording"),
    NP_("reason", "actors"),
    NP_("reason", "linked"),
    NP_("reason", "the same claimant (or country) asserts both"),
    NP_("reason", "dates agree"),
    NP_("reason", "figures agree"),
    NP_("reason", "dates differ"),
    NP_("reason", "another event"),
    NP_("reason", "figures disagree"),
    NP_("reason", "one says it did not happen, the other that it did"),
    NP_("reason", "one says it may be so, the other that it is"),
    NP_("reason", "different actors: not the same proposition"),
    NP_("reason", "two countries' authorities: two accounts"),
    # the rules that scored claims before the learned model (kept in databases and frozen test data)
    NP_("reason", "base: a clause with a finite verb"),
    NP_("reason", "named actors"),
    NP_("reason", "attributed to"),
    NP_("reason", "background: a description with no time, figure or name"),
    NP_("reason", "opinion: evaluative, not checkable"),
    NP_("reason", "hedged"),
    NP_("reason", "figure"),
    NP_("reason", "date"),
    NP_("reason", "verifiable quantity"),
    NP_("reason", "verifiable event"),
)
"""The phrases the extraction and the matcher give as reasons, stored in English with each claim
or match; tests/test_i18n.py checks them against the modules that write them."""
_ATTRIBUTED = "attributed to"
_SCORED = re.compile(r"([+-]\d+(?:\.\d+)?) (.+)", re.DOTALL)
_MEASURED = re.compile(r"(\w+) (\d+(?:\.\d+)?)")


def translate_reason(text: str, language: str | None = None) -> str:
    """A stored reason ('+0.42 names a figure (2 misil)', 'alike 0.83', 'dates differ: 13 sep /
    14 sep: another event') in the interface language: its phrases through the catalog, its
    numbers, quoted words and details as they were."""
    language = language or current_language()
    if language == DEFAULT_LANGUAGE or not text:
        return text
    catalog = translator(language)

    def phrase(words: str) -> str:
        found = catalog.pgettext(REASON_CONTEXT, words)
        if found != words:
            return found
        if words.endswith(")") and " (" in words:  # a detail: 'names a figure (2 misil)'
            head, detail = words.rsplit(" (", 1)
            return phrase(head) + " (" + detail
        if ": " in words:  # 'wording typical ...: “words”', 'dates differ: X: another event'
            head, tail = words.split(": ", 1)
            return phrase(head) + ": " + phrase(tail)
        if words.startswith("attributed to "):  # 'attributed to United States': the actor named too
            attributed = _ATTRIBUTED  # a name, not a literal: the extractor reads the mark above instead
            return catalog.pgettext(REASON_CONTEXT, attributed) + " " + actor_name(words[14:], language)
        return words

    scored = _SCORED.fullmatch(text)
    if scored:
        return f"{scored.group(1)} {phrase(scored.group(2))}"
    measured = _MEASURED.fullmatch(text)
    if measured:
        return f"{phrase(measured.group(1))} {measured.group(2)}"
    return phrase(text)


# -- extraction -----------------------------------------------------------------------


def extract_messages(
    fileobj: Any,  # noqa: ANN401 - babel's extractor interface: a binary file
    keywords: Any,  # noqa: ANN401
    comment_tags: Any,  # noqa: ANN401
    options: Any,  # noqa: ANN401
) -> Iterator[tuple[Any, ...]]:
    """pybabel's extractor for the package (see babel.cfg): gettext calls as the python extractor
    finds them, plus the core's error sentences (the first argument of every `raise` of a
    workbench error, and of every call of `notice`, under the context ERROR_CONTEXT) and, in a module that uses click, what
    `--help` shows: every constant `help=` string and the docstring of every command and group,
    cleaned as click shows it (workbench.cli translates them when it formats a help page)."""
    import ast
    import io

    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    clicks = b"import click" in source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            called = node.exc.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            template = _template(node.exc.args[0]) if name in ERROR_CLASSES else None
            if template:
                yield node.exc.args[0].lineno, "pgettext", (ERROR_CONTEXT, template), []
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == NOTICE and node.args:
            template = _template(node.args[0])
            if template:
                yield node.args[0].lineno, "pgettext", (ERROR_CONTEXT, template), []
        elif clicks and isinstance(node, ast.keyword) and node.arg == "help":
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.lineno, None, value.value, []
        elif clicks and isinstance(node, ast.FunctionDef) and any(_declares_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, None, doc, []


def _declares_command(decorator: Any) -> bool:  # noqa: ANN401 - an ast expression
    import ast

    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in {"command", "group"}
    ) or (isinstance(decorator, ast.Attribute) and decorator.attr in {"command", "group"})
