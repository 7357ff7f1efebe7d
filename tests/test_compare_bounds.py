"""Figures with bounds: when two reports of one count agree."""

from __future__ import annotations

import pytest

from workbench.matching.compare import _same_value
from workbench.models import Figure


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (Figure(46, "person", ">"), Figure(51, "person", ">"), False),  # two tolls, two reports
        (Figure(8000, "hectare", ">"), Figure(8000, "hectare", ">"), True),
        (Figure(200, "km", ">"), Figure(250, "km", "="), True),  # the bound holds
        (Figure(200, "km", ">"), Figure(150, "km", "="), False),
        (Figure(1600, "home", "~"), Figure(1700, "home", "~"), True),  # approximations within a quarter
    ],
)
def test_bounds_of_one_direction_must_name_one_value(a: Figure, b: Figure, agree: bool) -> None:
    assert _same_value(a, b) is agree
    assert _same_value(b, a) is agree
