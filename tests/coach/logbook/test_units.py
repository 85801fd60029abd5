"""Kilograms in storage, the lifter's unit on screen."""

from __future__ import annotations

import pytest

from coach.logbook.units import (
    distance_text,
    duration_text,
    kg_to_lb,
    lb_to_kg,
    minutes_text,
    number,
    weight_text,
)


def test_pound_is_exact() -> None:
    assert lb_to_kg(1) == 0.45359237
    assert kg_to_lb(lb_to_kg(225)) == pytest.approx(225)


@pytest.mark.parametrize(
    ("kg", "metric", "text"),
    [
        (80.0, True, "80 kg"),
        (82.5, True, "82.5 kg"),
        (lb_to_kg(185), False, "185 lb"),
        (100.0, False, "220.5 lb"),
    ],
)
def test_weight_text(kg: float, metric: bool, text: str) -> None:
    assert weight_text(kg, metric) == text


@pytest.mark.parametrize(("value", "text"), [(5.0, "5"), (5.25, "5.2"), (0.04, "0"), (12.5, "12.5")])
def test_number(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45 s"), (90, "90 s"), (150, "2:30"), (1530, "25:30"), (3900, "1:05:00")]
)
def test_duration_text(seconds: int, text: str) -> None:
    assert duration_text(seconds) == text


@pytest.mark.parametrize(("metres", "text"), [(400.0, "400 m"), (5000.0, "5 km"), (21097.5, "21.1 km")])
def test_distance_text(metres: float, text: str) -> None:
    assert distance_text(metres) == text


@pytest.mark.parametrize(("seconds", "text"), [(2700, "45 min"), (5400, "1 h 30 min"), (7200, "2 h")])
def test_minutes_text(seconds: int, text: str) -> None:
    assert minutes_text(seconds) == text
