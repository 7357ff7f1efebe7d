"""The month and weekday names dates are read by ship with the workbench (nlp/calendar_names.json),
so a one-shot match does not load babel's locale data; they must stay babel's."""

from __future__ import annotations

import json

import pytest

from workbench.config import Settings
from workbench.nlp.dates import CALENDAR_NAMES, babel_calendar, event_dates


@pytest.mark.parametrize("language", Settings().languages)
def test_the_shipped_names_are_babels(language: str) -> None:
    shipped = json.loads(CALENDAR_NAMES.read_text(encoding="utf-8"))[language]
    assert {kind: {int(n): name for n, name in names.items()} for kind, names in shipped.items()} == babel_calendar(
        language
    ), "babel's names changed: write babel_calendar(language) for each language into calendar_names.json again"


def test_dates_named_by_the_shipped_names_resolve() -> None:
    assert event_dates("La presa se rompió el 3 de marzo de 2021 tras las lluvias", "es", None) == ["2021-03-03"]
    assert event_dates("The dam burst on Sept. 4, 2021 after the rains", "en", None) == ["2021-09-04"]
