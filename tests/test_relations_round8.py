"""Extraction classes behind relation misses of round 8, each on sentences written for these tests
(no gold or own_data sentence): a month named without its year is a date of its own."""

from __future__ import annotations

from workbench.nlp.dates import claim_dates, event_dates, resolve_dates


def test_a_month_alone_is_the_nearest_past_one_of_publication() -> None:
    assert resolve_dates("La fábrica cerró en julio.", "es", "2026-09-10") == ["2026-07"]
    assert resolve_dates("Las ventas cayeron en diciembre.", "es", "2026-09-10") == ["2025-12"]
    assert resolve_dates("The mill shut in July, its owner said.", "en", "2026-09-10") == ["2026-07"]


def test_a_month_alone_in_the_future_looks_ahead() -> None:
    assert resolve_dates("El puente reabrirá en marzo.", "es", "2026-09-10", True) == ["2027-03"]
    assert resolve_dates("Hasta marzo seguirá cerrado.", "es", "2026-09-10") == ["2027-03"]


def test_a_month_alone_needs_a_lead_and_english_needs_its_capital() -> None:
    assert resolve_dates("Julio Pérez habló con el hijo de Julio Ramos.", "es", "2026-09-10") == []
    assert resolve_dates("Prices may rise, and in may they did.", "en", "2026-09-10") == []
    assert resolve_dates("He may go in May.", "en", "2026-09-10") == ["2026-05"]


def test_a_full_date_is_not_read_twice_as_a_month() -> None:
    assert resolve_dates("Ocurrió el 15 de julio de 2019.", "es", "2026-09-10") == ["2019-07-15"]
    assert resolve_dates("Ocurrió en julio de 2019.", "es", "2026-09-10") == ["2019-07"]


def test_a_month_that_opens_a_period_bounds_it() -> None:
    assert event_dates("Desde julio no llueve en la comarca.", "es", "2026-09-10") == []
    assert claim_dates("Desde julio no llueve en la comarca.", "es", "2026-09-10") == ["2026-07"]
