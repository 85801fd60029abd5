"""Reminder settings from /settings and the assistant: time, timezone, on/off, snooze."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.reminders import settings as reminder_settings
from db.enums import PersonaTone
from db.models import User
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, ReminderRepository
from tests.coach.reminders.helpers import add_users, new_user

UTC = dt.UTC


def deps_at(instant: dt.datetime) -> CoachDeps:
    return CoachDeps(catalog=Catalog(()), heuristics={}, clock=FixedClock(instant))


@pytest.fixture
async def lifter(session: AsyncSession) -> User:
    (user,) = await add_users(session, [new_user(timezone="Europe/Berlin", at=None, name="Ana Lima")])
    return user


async def test_setting_a_time_later_today(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 4, 0, tzinfo=UTC))  # 06:00 in Berlin
    text = await reminder_settings.set_reminder_time(repos, deps, lifter, "7:30")
    assert lifter.settings is not None
    assert lifter.settings.reminder_time == dt.time(7, 30) and lifter.settings.reminders_enabled
    assert "07:30" in text and "Europe/Berlin" in text and "today at 07:30" in text


async def test_a_time_already_passed_starts_tomorrow_not_now(
    repos: Repositories, session: AsyncSession, lifter: User
) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 18, 0, tzinfo=UTC))  # 20:00 in Berlin
    text = await reminder_settings.set_reminder_time(repos, deps, lifter, "7pm")
    assert "tomorrow at 19:00" in text
    reminders = ReminderRepository(session)
    today = dt.date(2026, 6, 10)
    for kind in (DAILY, EVENING):
        row = await reminders.get(lifter.id, today, kind)
        assert row is not None and row.status == "skipped"


async def test_off_and_on_again(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 4, 0, tzinfo=UTC))
    await reminder_settings.set_reminder_time(repos, deps, lifter, "07:30")
    off = await reminder_settings.set_reminder_time(repos, deps, lifter, "off")
    assert lifter.settings is not None and not lifter.settings.reminders_enabled
    assert lifter.settings.reminder_time == dt.time(7, 30)  # kept for next time
    assert "off" in off.lower()
    on = await reminder_settings.set_reminders_enabled(repos, deps, lifter, True)
    assert lifter.settings.reminders_enabled and "07:30" in on


async def test_turning_on_without_a_time_asks_for_one(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 4, 0, tzinfo=UTC))
    text = await reminder_settings.set_reminders_enabled(repos, deps, lifter, True)
    assert "7:30" in text


async def test_bad_time_explains(repos: Repositories, lifter: User) -> None:
    with pytest.raises(InvalidInput):
        await reminder_settings.set_reminder_time(
            repos, deps_at(dt.datetime(2026, 6, 10, tzinfo=UTC)), lifter, "25:99"
        )


async def test_timezone_by_city_offset_and_name(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 12, 0, tzinfo=UTC))
    text = await reminder_settings.set_timezone(repos, deps, lifter, "new york")
    assert lifter.timezone == "America/New_York" and "08:00" in text
    text = await reminder_settings.set_timezone(repos, deps, lifter, "UTC+3")
    assert lifter.timezone == "Etc/GMT-3" and "daylight saving" in text
    with pytest.raises(InvalidInput, match="Tokyo"):
        await reminder_settings.set_timezone(repos, deps, lifter, "Tokio")


async def test_moving_west_does_not_repeat_today(
    repos: Repositories, session: AsyncSession, lifter: User
) -> None:
    """Reminder at 17:00; Tokyo's reminder went out; moving to New York (a day behind) at
    18:00 there must not send "today's" again for the New York date."""
    deps = deps_at(dt.datetime(2026, 6, 10, 22, 0, tzinfo=UTC))  # 18:00 in New York
    await reminder_settings.set_reminder_time(repos, deps, lifter, "17:00")
    await reminder_settings.set_timezone(repos, deps, lifter, "America/New_York")
    row = await ReminderRepository(session).get(lifter.id, dt.date(2026, 6, 10), DAILY)
    assert row is not None and row.status == "skipped"


async def test_snooze_today_and_undo(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 23, 30, tzinfo=UTC))  # already the 11th in Berlin
    await reminder_settings.set_reminder_time(repos, deps, lifter, "7:30")
    text = await reminder_settings.snooze_today(repos, deps, lifter)
    assert lifter.settings is not None and lifter.settings.reminder_snoozed_on == dt.date(2026, 6, 11)
    assert "07:30" in text
    assert "snoozed today" in reminder_settings.describe(lifter, deps)
    await reminder_settings.snooze_today(repos, deps, lifter, snooze=False)
    assert lifter.settings.reminder_snoozed_on is None


async def test_evening_and_weekly_switches(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 4, 0, tzinfo=UTC))
    await reminder_settings.set_evening_nudge(repos, deps, lifter, True)
    await reminder_settings.set_weekly_summary(repos, deps, lifter, False)
    assert lifter.settings is not None
    assert lifter.settings.evening_nudge_enabled and not lifter.settings.weekly_summary_enabled
    described = reminder_settings.describe(lifter, deps)
    assert "Evening nudge at 19:30: on" in described and "Weekly summary (Sundays at 18:00): off" in described


async def test_every_voice_confirms_differently(repos: Repositories, lifter: User) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 4, 0, tzinfo=UTC))
    said = set()
    for tone in PersonaTone:
        lifter.persona_tone = tone
        said.add(await reminder_settings.set_reminder_time(repos, deps, lifter, "7:30"))
    assert len(said) == len(PersonaTone)
