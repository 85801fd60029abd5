"""Reminder claims on real PostgreSQL: who is due, leases, take-overs, and two claimers at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import ReminderDelivery, User, UserSettings
from db.repositories.reminders import DAILY, EVENING, WEEKLY, ReminderRepository, Window
from db.uow import unit_of_work

UTC = dt.UTC
NOW = dt.datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
DAY = dt.date(2026, 6, 10)
LEASE = dt.timedelta(minutes=5)
EVENING_AT = dt.time(19, 30)
_chat_ids = itertools.count(9_100_000)


async def make_user(
    session: AsyncSession,
    *,
    timezone: str = "UTC",
    at: dt.time | None = dt.time(7, 0),
    chat: bool = True,
    blocked: bool = False,
    enabled: bool = True,
    snoozed_on: dt.date | None = None,
    evening: bool = False,
    weekly: bool = True,
) -> User:
    user = User(
        name="Remi",
        timezone=timezone,
        telegram_chat_id=next(_chat_ids) if chat else None,
        blocked_at=NOW if blocked else None,
    )
    user.settings = UserSettings(
        reminder_time=at,
        reminders_enabled=enabled,
        reminder_snoozed_on=snoozed_on,
        evening_nudge_enabled=evening,
        weekly_summary_enabled=weekly,
    )
    session.add(user)
    await session.flush()
    return user


def utc_window(lo: dt.time = dt.time(4, 0), hi: dt.time = dt.time(7, 0), day: dt.date = DAY) -> Window:
    return Window("UTC", day, lo, hi)


async def claim(
    repo: ReminderRepository,
    windows: list[Window],
    *,
    kind: str = DAILY,
    at: dt.time | None = None,
    sender: str = "a",
    now: dt.datetime = NOW,
    limit: int = 1000,
):
    return await repo.claim_due(
        kind, windows, at=at, evening_time=EVENING_AT, now=now, sender=sender, lease=LEASE, limit=limit
    )


async def test_only_reachable_lifters_whose_time_has_come(session: AsyncSession) -> None:
    due = await make_user(session)
    early = await make_user(session, at=dt.time(4, 0))
    await make_user(session, at=dt.time(7, 1))  # not yet
    await make_user(session, at=dt.time(3, 59))  # too long ago
    await make_user(session, chat=False)
    await make_user(session, blocked=True)
    await make_user(session, enabled=False)
    await make_user(session, at=None)
    await make_user(session, snoozed_on=DAY)
    snoozed_yesterday = await make_user(session, snoozed_on=DAY - dt.timedelta(days=1))
    await make_user(session, timezone="Europe/Berlin")  # no window for Berlin

    claims = await claim(ReminderRepository(session), [utc_window()])
    assert {c.user_id for c in claims} == {due.id, early.id, snoozed_yesterday.id}
    assert all(c.local_date == DAY and c.kind == DAILY and c.attempts == 0 for c in claims)
    row = await ReminderRepository(session).get(due.id, DAY, DAILY)
    assert row is not None and row.status == "claimed" and row.claimed_by == "a"
    assert row.lease_expires_at == NOW + LEASE


async def test_each_zone_gets_its_own_local_date(session: AsyncSession) -> None:
    tokyo = await make_user(session, timezone="Asia/Tokyo", at=dt.time(16, 0))
    la = await make_user(session, timezone="America/Los_Angeles", at=dt.time(0, 0))
    windows = [
        Window("Asia/Tokyo", DAY, dt.time(13, 0), dt.time(16, 0)),
        Window("America/Los_Angeles", DAY, dt.time(0, 0), dt.time(0, 0)),
    ]
    claims = {c.user_id: c.local_date for c in await claim(ReminderRepository(session), windows)}
    assert claims == {tokyo.id: DAY, la.id: DAY}


async def test_a_claimed_reminder_is_not_claimed_again(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    assert [c.user_id for c in await claim(repo, [utc_window()])] == [user.id]
    assert await claim(repo, [utc_window()], sender="b") == []
    # Even long after, on the same local date: the row is what makes it once a day.
    assert await claim(repo, [utc_window()], sender="b", now=NOW + dt.timedelta(hours=1)) == []


async def test_limit_and_order_earliest_time_first(session: AsyncSession) -> None:
    later = await make_user(session, at=dt.time(6, 0))
    earlier = await make_user(session, at=dt.time(5, 0))
    repo = ReminderRepository(session)
    assert [c.user_id for c in await claim(repo, [utc_window()], limit=1)] == [earlier.id]
    assert [c.user_id for c in await claim(repo, [utc_window()], limit=1)] == [later.id]


async def test_evening_and_weekly_kinds_follow_their_switches(session: AsyncSession) -> None:
    nudged = await make_user(session, evening=True)
    await make_user(session, evening=False)
    await make_user(session, evening=True, at=dt.time(20, 0))  # reminder after the evening time
    await make_user(session, evening=True, snoozed_on=DAY)
    repo = ReminderRepository(session)
    window = Window("UTC", DAY)
    evening = await claim(repo, [window], kind=EVENING, at=EVENING_AT)
    assert [c.user_id for c in evening] == [nudged.id]

    weekly = await claim(repo, [window], kind=WEEKLY, at=dt.time(18, 0))
    users = {c.user_id for c in weekly}
    assert nudged.id in users  # weekly summaries ignore today's snooze but need the switch
    no_summary = await make_user(session, weekly=False)
    assert no_summary.id not in {
        c.user_id for c in await claim(repo, [window], kind=WEEKLY, at=dt.time(18, 0))
    }


async def test_send_lifecycle(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    (c,) = await claim(repo, [utc_window()])
    assert await repo.begin_attempt(c.id, sender="b", now=NOW, lease=LEASE) is None  # not b's claim
    assert await repo.begin_attempt(c.id, sender="a", now=NOW, lease=LEASE) == 1
    assert await repo.begin_attempt(c.id, sender="a", now=NOW, lease=LEASE) is None  # already in flight
    await repo.mark_sent(c.id, now=NOW, message_id=42)
    row = await repo.get(user.id, DAY, DAILY)
    assert row is not None
    await session.refresh(row)
    assert (row.status, row.attempts, row.telegram_message_id, row.sent_at) == ("sent", 1, 42, NOW)
    assert row.lease_expires_at is None


async def takeover(repo: ReminderRepository, *, now: dt.datetime, sender: str = "b", day: dt.date = DAY):
    return await repo.take_over(
        [Window("UTC", day)],
        evening_time=EVENING_AT,
        now=now,
        sender=sender,
        lease=LEASE,
        max_attempts=3,
        limit=100,
    )


async def test_a_lapsed_reservation_is_taken_over_once(session: AsyncSession) -> None:
    await make_user(session)
    repo = ReminderRepository(session)
    (c,) = await claim(repo, [utc_window()])
    assert await takeover(repo, now=NOW + dt.timedelta(minutes=4)) == []  # lease still running
    later = NOW + dt.timedelta(minutes=6)
    (taken,) = await takeover(repo, now=later)
    assert taken.id == c.id and taken.attempts == 0
    assert await takeover(repo, now=later, sender="c") == []  # b holds it now
    assert await repo.begin_attempt(c.id, sender="a", now=later, lease=LEASE) is None  # a lost it
    assert await repo.begin_attempt(c.id, sender="b", now=later, lease=LEASE) == 1


async def test_lapsed_reservations_are_not_taken_over_on_a_later_day(session: AsyncSession) -> None:
    await make_user(session)
    repo = ReminderRepository(session)
    await claim(repo, [utc_window()])
    tomorrow = DAY + dt.timedelta(days=1)
    assert await takeover(repo, now=NOW + dt.timedelta(days=1), day=tomorrow) == []


async def test_a_send_in_flight_whose_sender_died_is_never_resent(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    (c,) = await claim(repo, [utc_window()])
    assert await repo.begin_attempt(c.id, sender="a", now=NOW, lease=LEASE) == 1
    later = NOW + dt.timedelta(minutes=6)
    assert await takeover(repo, now=later) == []
    assert await repo.abandon_dead_sends(now=later) == 1
    row = await repo.get(user.id, DAY, DAILY)
    assert row is not None
    await session.refresh(row)
    assert row.status == "failed" and row.lease_expires_at is None and "unknown" in (row.error or "")
    assert await takeover(repo, now=later + dt.timedelta(hours=1)) == []
    # If the slow sender was alive after all, its confirmation still wins.
    await repo.mark_sent(c.id, now=later, message_id=7)
    await session.refresh(row)
    assert row.status == "sent"


async def test_refused_sends_are_retried_until_attempts_run_out(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    (c,) = await claim(repo, [utc_window()])
    now = NOW
    for attempt in (1, 2, 3):
        holder = "a" if attempt == 1 else "b"
        assert await repo.begin_attempt(c.id, sender=holder, now=now, lease=LEASE) == attempt
        await repo.mark_failed(
            c.id, sender=holder, error="Bad Gateway", retry_at=now + dt.timedelta(seconds=30)
        )
        assert await takeover(repo, now=now + dt.timedelta(seconds=10)) == []  # not before retry_at
        now += dt.timedelta(seconds=31)
        taken = await takeover(repo, now=now)
        assert [t.id for t in taken] == ([c.id] if attempt < 3 else [])
    row = await repo.get(user.id, DAY, DAILY)
    assert row is not None
    await session.refresh(row)
    assert (row.status, row.attempts) == ("failed", 3)


async def test_a_permanent_refusal_is_final(session: AsyncSession) -> None:
    await make_user(session)
    repo = ReminderRepository(session)
    (c,) = await claim(repo, [utc_window()])
    await repo.begin_attempt(c.id, sender="a", now=NOW, lease=LEASE)
    await repo.mark_failed(c.id, sender="a", error="chat not found", retry_at=None)
    assert await takeover(repo, now=NOW + dt.timedelta(hours=1)) == []
    assert await repo.begin_attempt(c.id, sender="a", now=NOW, lease=LEASE) is None


async def test_takeover_skips_lifters_who_turned_reminders_off(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    await claim(repo, [utc_window()])
    assert user.settings is not None
    user.settings.reminders_enabled = False
    await session.flush()
    assert await takeover(repo, now=NOW + dt.timedelta(minutes=6)) == []


async def test_stale_reservations_and_retries_expire(session: AsyncSession) -> None:
    first = await make_user(session)
    second = await make_user(session, at=dt.time(6, 0))
    repo = ReminderRepository(session)
    claims = {c.user_id: c for c in await claim(repo, [utc_window()])}
    await repo.begin_attempt(claims[second.id].id, sender="a", now=NOW, lease=LEASE)
    await repo.mark_failed(claims[second.id].id, sender="a", error="Bad Gateway", retry_at=NOW)
    assert await repo.expire_stale(before=NOW + dt.timedelta(hours=4)) == 2
    for user, status in ((first, "skipped"), (second, "failed")):
        row = await repo.get(user.id, DAY, DAILY)
        assert row is not None
        await session.refresh(row)
        assert row.status == status and row.lease_expires_at is None


async def test_record_skipped_never_overrides(session: AsyncSession) -> None:
    user = await make_user(session)
    repo = ReminderRepository(session)
    assert len(await claim(repo, [utc_window()])) == 1
    await repo.record_skipped(user.id, DAY, DAILY, reason="time set after it had passed")
    row = await repo.get(user.id, DAY, DAILY)
    assert row is not None and row.status == "claimed"
    await repo.record_skipped(user.id, DAY, EVENING, reason="time set after it had passed")
    assert await claim(repo, [Window("UTC", DAY)], kind=EVENING, at=EVENING_AT) == []


@pytest.fixture
async def committed_users(committing_factory: async_sessionmaker[AsyncSession]):
    """Forty due lifters in a zone of their own, committed so two connections see them."""
    zone = "America/Argentina/Ushuaia"
    async with unit_of_work(committing_factory) as repos:
        users = [await make_user(repos.session, timezone=zone) for _ in range(40)]
    ids = [u.id for u in users]
    yield zone, ids
    async with unit_of_work(committing_factory) as repos:
        await repos.session.execute(delete(ReminderDelivery).where(ReminderDelivery.user_id.in_(ids)))
        await repos.session.execute(delete(User).where(User.id.in_(ids)))


async def test_two_claimers_at_once_never_claim_the_same_reminder(
    committing_factory: async_sessionmaker[AsyncSession], committed_users: tuple[str, list[int]]
) -> None:
    zone, ids = committed_users
    window = Window(zone, DAY, dt.time(4, 0), dt.time(7, 0))
    first_claimed = asyncio.Event()

    async def claimer(name: str, hold: bool) -> list[int]:
        got: list[int] = []
        while True:
            async with unit_of_work(committing_factory) as repos:
                batch = await claim(ReminderRepository(repos.session), [window], sender=name, limit=15)
                if hold and not first_claimed.is_set():
                    first_claimed.set()
                    await asyncio.sleep(0.05)  # keep the transaction open while the other claims
            if not hold:
                await first_claimed.wait()
            got += [c.user_id for c in batch]
            if not batch:
                return got

    a, b = await asyncio.gather(claimer("a", True), claimer("b", False))
    assert not set(a) & set(b)
    assert sorted(a + b) == sorted(ids)
