"""Which local clock times have passed "just now" in a timezone, daylight saving included.

A reminder set for 07:30 is due once the lifter's wall clock has shown 07:30 today. Asking
"which wall-clock times did this zone show between ``now - catch_up`` and ``now``, on today's
local date?" answers that for every lifter of the zone at once, so the database compares a
time column against a few ranges instead of converting every row.

Daylight saving falls out of the same question:
- spring forward (02:00 → 03:00): the skipped times 02:00–02:59 count as shown at the jump, so
  a 02:30 reminder goes out once, at the first valid instant after it (03:00);
- fall back (02:00 → 01:00): 01:00–01:59 are shown twice, but the delivery record is unique
  per local date, so the reminder goes out once, at the first 01:30;
- a day that does not exist locally (Samoa skipped 30 December 2011) has no reminder;
- "today" is always the lifter's local date, never the server's, and the window never reaches
  back into a past local date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from zoneinfo import ZoneInfo

from coach.clock import zone

_TICK = dt.timedelta(microseconds=1)
_END_OF_DAY = dt.time.max


@dataclass(frozen=True)
class ZoneSlot:
    """For one timezone name at one instant: the local date and the wall times just passed."""

    timezone: str
    local_date: dt.date
    #: Closed, disjoint, sorted ranges of local wall-clock times shown in the window.
    ranges: tuple[tuple[dt.time, dt.time], ...]

    def contains(self, when: dt.time) -> bool:
        return any(lo <= when <= hi for lo, hi in self.ranges)


def _offset(tz: ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def transitions(tz: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Instants in ``(start, end]`` where the zone's UTC offset changes (each the first instant
    of the new offset), found by bisection so a window costs a few dozen conversions."""
    found: list[dt.datetime] = []
    lo = start
    while lo < end and _offset(tz, lo) != _offset(tz, end):
        before, hi = _offset(tz, lo), end
        while hi - lo > _TICK:
            mid = lo + (hi - lo) / 2
            if _offset(tz, mid) == before:
                lo = mid
            else:
                hi = mid
        found.append(hi)
        lo = hi
    return found


def day_start(tz: ZoneInfo, day: dt.date) -> dt.datetime:
    """The first instant (UTC) whose local date is ``day``.

    Local midnight with ``fold=0`` is the first midnight on a fall-back day; where midnight
    itself is skipped (clocks jump 00:00 → 01:00) it maps to the jump, which is right too.
    """
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)


def wall_ranges(
    tz: ZoneInfo, now: dt.datetime, window: dt.timedelta
) -> tuple[dt.date, tuple[tuple[dt.time, dt.time], ...]]:
    """Today's local date at ``now`` and the wall times shown in ``[now - window, now]``.

    Skipped wall times (a forward jump) count as shown at the jump; the window is clipped to
    the start of the local day.
    """
    now = now.astimezone(dt.UTC)
    today = now.astimezone(tz).date()
    first = day_start(tz, today)
    start = min(now, max(now - window, first))
    bounds = [start, *transitions(tz, start, now), now]
    pieces: list[tuple[dt.datetime, dt.datetime]] = []  # naive local wall datetimes
    previous_end: dt.datetime | None = None
    for index, (a, b) in enumerate(pairwise(bounds)):
        last = index == len(bounds) - 2
        lo = a.astimezone(tz).replace(tzinfo=None)
        hi = (b if last else b - _TICK).astimezone(tz).replace(tzinfo=None)
        if previous_end is not None and lo > previous_end:
            lo = previous_end  # clocks jumped forward: the skipped times passed at the jump
        elif previous_end is None and a == first:
            lo = dt.datetime.combine(today, dt.time(0))  # midnight itself may have been skipped
        pieces.append((lo, hi))
        previous_end = hi
    return today, _clip_and_merge(pieces, today)


def _clip_and_merge(
    pieces: Iterable[tuple[dt.datetime, dt.datetime]], today: dt.date
) -> tuple[tuple[dt.time, dt.time], ...]:
    first, last = dt.datetime.combine(today, dt.time(0)), dt.datetime.combine(today, _END_OF_DAY)
    clipped = sorted(
        (max(lo, first).time(), min(hi, last).time()) for lo, hi in pieces if hi >= first and lo <= last
    )
    merged: list[tuple[dt.time, dt.time]] = []
    for lo, hi in clipped:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def zone_slots(timezones: Iterable[str], now: dt.datetime, window: dt.timedelta) -> list[ZoneSlot]:
    """One slot per timezone name as stored on users (an unknown name behaves as UTC)."""
    slots = []
    for name in sorted(set(timezones)):
        today, ranges = wall_ranges(zone(name), now, window)
        slots.append(ZoneSlot(name, today, ranges))
    return slots


def first_instant(day: dt.date, when: dt.time, timezone: str | None) -> dt.datetime | None:
    """The instant (UTC) a reminder set for ``when`` goes out on local date ``day``.

    The first occurrence on a fall-back day; the end of the jump when ``when`` was skipped;
    ``None`` when the local date never happened at all.
    """
    tz = zone(timezone)
    candidate = dt.datetime.combine(day, when, tzinfo=tz)
    instant = candidate.astimezone(dt.UTC)
    shown = instant.astimezone(tz)
    if shown.replace(tzinfo=None) == candidate.replace(tzinfo=None):
        return instant
    # Skipped wall time: fold=0 read it with the old offset, landing after the jump; the
    # jump itself lies between the two readings.
    earlier = candidate.replace(fold=1).astimezone(dt.UTC)
    jumps = transitions(tz, min(earlier, instant), max(earlier, instant))
    if not jumps:
        return instant
    jump = jumps[0]
    return jump if jump.astimezone(tz).date() == day else None


def next_reminder(
    when: dt.time, timezone: str | None, now: dt.datetime, *, skip_today: bool = False
) -> dt.datetime:
    """The next instant at or after ``now`` a daily reminder at ``when`` would go out."""
    day = now.astimezone(zone(timezone)).date() + dt.timedelta(days=1 if skip_today else 0)
    while True:
        instant = first_instant(day, when, timezone)
        if instant is not None and instant >= now:
            return instant
        day += dt.timedelta(days=1)
