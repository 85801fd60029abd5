"""Which wall-clock times have just passed: exact across daylight saving and local dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.reminders.schedule import first_instant, next_reminder, transitions, wall_ranges, zone_slots

UTC = dt.UTC
NY = ZoneInfo("America/New_York")
HOURS_3 = dt.timedelta(hours=3)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_an_ordinary_morning_covers_the_last_three_hours() -> None:
    today, ranges = wall_ranges(ZoneInfo("Europe/Berlin"), at(2026, 6, 10, 5, 31), HOURS_3)
    assert today == dt.date(2026, 6, 10)
    assert ranges == ((dt.time(4, 31), dt.time(7, 31)),)


def test_the_window_never_reaches_into_yesterday() -> None:
    today, ranges = wall_ranges(ZoneInfo("Asia/Tokyo"), at(2026, 6, 10, 16, 30), HOURS_3)  # 01:30 JST
    assert today == dt.date(2026, 6, 11)
    assert ranges == ((dt.time(0, 0), dt.time(1, 30)),)


def test_users_whose_local_date_differs_from_the_servers() -> None:
    now = at(2026, 6, 10, 23, 30)
    slots = {
        s.timezone: s for s in zone_slots(["Pacific/Auckland", "America/Los_Angeles", "UTC"], now, HOURS_3)
    }
    assert slots["Pacific/Auckland"].local_date == dt.date(2026, 6, 11)
    assert slots["America/Los_Angeles"].local_date == dt.date(2026, 6, 10)
    assert slots["UTC"].contains(dt.time(23, 0))


def test_an_unknown_zone_name_behaves_as_utc() -> None:
    (slot,) = zone_slots(["Mars/Olympus_Mons"], at(2026, 6, 10, 7, 0), HOURS_3)
    assert slot.timezone == "Mars/Olympus_Mons" and slot.contains(dt.time(7, 0))


def test_spring_forward_skipped_time_is_due_at_the_jump() -> None:
    # New York, 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    before = wall_ranges(NY, at(2026, 3, 8, 6, 59), HOURS_3)[1]
    assert not any(lo <= dt.time(2, 30) <= hi for lo, hi in before)
    after = wall_ranges(NY, at(2026, 3, 8, 7, 0), HOURS_3)[1]
    assert any(lo <= dt.time(2, 30) <= hi for lo, hi in after)
    assert first_instant(dt.date(2026, 3, 8), dt.time(2, 30), "America/New_York") == at(2026, 3, 8, 7, 0)


def test_fall_back_repeated_hour_resolves_to_the_first_occurrence() -> None:
    # New York, 1 November 2026: 02:00 EDT becomes 01:00 EST at 06:00 UTC.
    assert first_instant(dt.date(2026, 11, 1), dt.time(1, 30), "America/New_York") == at(2026, 11, 1, 5, 30)
    today, ranges = wall_ranges(NY, at(2026, 11, 1, 6, 10), HOURS_3)  # 01:10 EST, second pass
    assert today == dt.date(2026, 11, 1)
    assert ranges == ((dt.time(0, 0), dt.time(1, 59, 59, 999999)),)


def test_a_day_that_never_happened_has_no_reminder() -> None:
    assert first_instant(dt.date(2011, 12, 30), dt.time(7, 30), "Pacific/Apia") is None
    assert next_reminder(dt.time(7, 30), "Pacific/Apia", at(2011, 12, 29, 18, 0)) == at(2011, 12, 30, 17, 30)


def test_next_reminder_today_or_tomorrow() -> None:
    now = at(2026, 6, 10, 5, 0)  # 07:00 in Berlin
    assert next_reminder(dt.time(7, 30), "Europe/Berlin", now) == at(2026, 6, 10, 5, 30)
    assert next_reminder(dt.time(7, 30), "Europe/Berlin", now, skip_today=True) == at(2026, 6, 11, 5, 30)


ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Lord_Howe",  # 30-minute daylight saving shift
    "America/Santiago",  # clocks change at midnight
    "America/Havana",  # ditto, ending at 01:00
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
]


def _oracle(tz: ZoneInfo, now: dt.datetime, window: dt.timedelta) -> set[dt.time]:
    """Minute by minute: every wall time shown today in the window, and those jumped over."""
    today = now.astimezone(tz).date()
    seen: set[dt.time] = set()
    step = dt.timedelta(minutes=1)
    instant = now - window
    previous: dt.datetime | None = None
    while instant <= now:
        wall = instant.astimezone(tz).replace(tzinfo=None)
        if wall.date() == today:
            seen.add(wall.time())
        if previous is not None and wall - previous > step:  # a jump forward
            skipped = previous + step
            while skipped < wall:
                if skipped.date() == today:
                    seen.add(skipped.time())
                skipped += step
        previous = wall
        instant += step
    return seen


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(ZONES),
    minutes=st.integers(min_value=0, max_value=60 * 24 * 365 * 3),
    window_minutes=st.sampled_from([20, 90, 180, 360]),
    probe=st.integers(min_value=0, max_value=24 * 60 - 1),
)
def test_wall_ranges_match_a_minute_by_minute_walk(
    name: str, minutes: int, window_minutes: int, probe: int
) -> None:
    tz = ZoneInfo(name)
    now = at(2025, 1, 1) + dt.timedelta(minutes=minutes)
    window = dt.timedelta(minutes=window_minutes)
    oracle = _oracle(tz, now, window)
    _, ranges = wall_ranges(tz, now, window)
    when = dt.time(probe // 60, probe % 60)
    assert any(lo <= when <= hi for lo, hi in ranges) == (when in oracle)


def _transition_instants(tz: ZoneInfo) -> list[dt.datetime]:
    found = []
    for month in range(36):
        start = at(2025 + month // 12, month % 12 + 1, 1)
        found += transitions(tz, start, start + dt.timedelta(days=31))
    return sorted(set(found))


def test_around_every_transition_of_three_years() -> None:
    """Minutes before, at and after each clock change: the ranges equal the minute walk."""
    checked = 0
    for name in ZONES:
        tz = ZoneInfo(name)
        for jump in _transition_instants(tz):
            for offset in (-200, -61, -1, 0, 1, 29, 61, 179, 200):
                now = jump.replace(second=0, microsecond=0) + dt.timedelta(minutes=offset)
                window = dt.timedelta(hours=3)
                _, ranges = wall_ranges(tz, now, window)
                covered = {
                    dt.time(m // 60, m % 60)
                    for m in range(24 * 60)
                    if any(lo <= dt.time(m // 60, m % 60) <= hi for lo, hi in ranges)
                }
                assert covered == _oracle(tz, now, window), (name, now)
                checked += 1
    assert checked > 300  # the sample zones change their clocks dozens of times
