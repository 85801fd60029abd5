"""Time, injectable: the coach asks a clock instead of the system, so tests pick the day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class FixedClock:
    """A clock that says what it is told; ``advance`` moves it on."""

    instant: dt.datetime

    def now(self) -> dt.datetime:
        return self.instant

    def advance(self, delta: dt.timedelta) -> None:
        self.instant += delta


def zone(name: str | None) -> ZoneInfo:
    """The lifter's timezone; an unknown or empty name falls back to UTC rather than failing."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_now(timezone: str | None, instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(zone(timezone))


def local_today(timezone: str | None, instant: dt.datetime) -> dt.date:
    """The lifter's calendar date at ``instant``: what "today" means for their training."""
    return local_now(timezone, instant).date()
