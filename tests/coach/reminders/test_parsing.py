"""Reminder times and timezones as lifters type them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from coach.errors import InvalidInput
from coach.reminders.settings import parse_time, parse_timezone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", (7, 30)),
        ("07:30", (7, 30)),
        ("7.30", (7, 30)),
        ("730", (7, 30)),
        ("1930", (19, 30)),
        ("19:30", (19, 30)),
        ("19h30", (19, 30)),
        ("19h", (19, 0)),
        ("7", (7, 0)),
        ("7pm", (19, 0)),
        ("7 PM", (19, 0)),
        ("7:45pm", (19, 45)),
        ("7:45 p.m.", (19, 45)),
        ("6am", (6, 0)),
        ("12am", (0, 0)),
        ("12pm", (12, 0)),
        ("noon", (12, 0)),
        ("midnight", (0, 0)),
        ("  8:05 ", (8, 5)),
    ],
)
def test_times(text: str, expected: tuple[int, int]) -> None:
    assert parse_time(text) == dt.time(*expected)


@pytest.mark.parametrize("text", ["25:00", "7:60", "13pm", "0am", "soon", "", "7:3", "tomorrow"])
def test_times_that_are_not(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(text)
    assert "7:30" in str(caught.value) or "1 to 12" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("NYC", "America/New_York"),
        ("San Francisco", "America/Los_Angeles"),
        ("Mumbai", "Asia/Kolkata"),
        ("UTC", "UTC"),
        ("utc+2", "Etc/GMT-2"),
        ("UTC-5", "Etc/GMT+5"),
        ("+05:30", "Asia/Kolkata"),
        ("GMT+0", "GMT+0"),
        ("+0", "UTC"),
        ("UTC+14", "Etc/GMT-14"),
        ("pst", "America/Los_Angeles"),
        ("CET", "CET"),
    ],
)
def test_timezones(text: str, expected: str) -> None:
    name = parse_timezone(text)
    assert name == expected
    ZoneInfo(name)  # always a real IANA zone


def test_unknown_timezone_suggests_near_misses() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_timezone("Berln")
    assert "Europe/Berlin" in str(caught.value)


@pytest.mark.parametrize("text", ["UTC+15", "+05:10", "Atlantis"])
def test_timezones_that_are_not(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_timezone(text)
