"""What is due at an instant, for everyone at once, and claiming it.

The timezone arithmetic happens here, once per zone (``schedule.zone_slots``); the database
only compares each lifter's reminder time with their zone's ranges. Three kinds exist:
``daily`` at the lifter's own time, ``evening`` (a nudge about an unlogged session) and
``weekly`` (the summary) at the policy's fixed local times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from coach.reminders.policy import ReminderPolicy
from coach.reminders.schedule import ZoneSlot, zone_slots
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, WEEKLY, Claim, Window


def daily_windows(slots: Sequence[ZoneSlot]) -> list[Window]:
    return [Window(s.timezone, s.local_date, lo, hi) for s in slots for lo, hi in s.ranges]


def fixed_time_windows(slots: Sequence[ZoneSlot], at: dt.time, *, weekday: int | None = None) -> list[Window]:
    """Zones whose wall clock just showed ``at`` (on ``weekday``, when given)."""
    return [
        Window(s.timezone, s.local_date)
        for s in slots
        if s.contains(at) and (weekday is None or s.local_date.weekday() == weekday)
    ]


def date_windows(slots: Sequence[ZoneSlot]) -> list[Window]:
    """Each zone's local date: retries and take-overs never cross into another day."""
    return [Window(s.timezone, s.local_date) for s in slots]


async def current_slots(repos: Repositories, now: dt.datetime, policy: ReminderPolicy) -> list[ZoneSlot]:
    """The slots of every timezone a reachable lifter lives in."""
    timezones = await repos.reminders.timezones()
    return zone_slots(timezones, now, policy.catch_up)


async def claim_batch(
    repos: Repositories,
    slots: Sequence[ZoneSlot],
    *,
    policy: ReminderPolicy,
    now: dt.datetime,
    sender: str,
    limit: int,
) -> list[Claim]:
    """Reserve up to ``limit`` deliveries: lapsed and retryable ones first, then new ones."""
    reminders = repos.reminders
    common = {"evening_time": policy.evening_time, "now": now, "sender": sender}
    claims = await reminders.take_over(
        date_windows(slots),
        lease=policy.reservation_lease,
        max_attempts=policy.max_attempts,
        limit=limit,
        **common,
    )
    plans: list[tuple[str, list[Window], dt.time | None]] = [
        (DAILY, daily_windows(slots), None),
        (EVENING, fixed_time_windows(slots, policy.evening_time), policy.evening_time),
        (
            WEEKLY,
            fixed_time_windows(slots, policy.weekly_time, weekday=policy.weekly_weekday),
            policy.weekly_time,
        ),
    ]
    for kind, windows, at in plans:
        if len(claims) >= limit:
            break
        claims += await reminders.claim_due(
            kind, windows, at=at, lease=policy.reservation_lease, limit=limit - len(claims), **common
        )
    return claims
