"""Delivery: every due reminder goes out once, whatever the senders, Telegram or a crash do."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.reminders.delivery import Composed, SendResult, deliver_due
from coach.reminders.policy import ReminderPolicy
from coach.replies import Reply
from db.models import ReminderDelivery
from db.repositories.reminders import ReminderRepository
from db.uow import unit_of_work
from tests.coach.reminders.helpers import EchoComposer, RecordingSender, add_users, delete_users, new_user

UTC = dt.UTC
POLICY = ReminderPolicy(render_concurrency=1, batch_size=3)


def deps_at(instant: dt.datetime) -> CoachDeps:
    return CoachDeps(catalog=Catalog(()), heuristics={}, clock=FixedClock(instant))


async def run(factory, deps, sender, *, sender_id: str = "test", policy: ReminderPolicy = POLICY):
    return await deliver_due(
        factory, deps, sender, sender_id=sender_id, compose=EchoComposer(), policy=policy
    )


async def rows(factory, user_ids) -> dict[int, ReminderDelivery]:
    async with unit_of_work(factory) as repos:
        found = await repos.session.scalars(
            select(ReminderDelivery).where(ReminderDelivery.user_id.in_(list(user_ids)))
        )
        return {r.user_id: r for r in found}


async def test_due_reminders_go_out_once(session: AsyncSession, session_factory) -> None:
    users = await add_users(session, [new_user() for _ in range(5)] + [new_user(at=dt.time(8, 0))])
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    sender = RecordingSender()
    report = await run(session_factory, deps, sender)
    assert report.sent == 5 and report.summary() == "sent 5 reminders"
    assert sorted(chat for chat, _ in sender.sent) == sorted(u.telegram_chat_id for u in users[:5])
    assert sender.sent[0][1] == f"daily 2026-06-10 for {users[0].id}"

    again = await run(session_factory, deps, sender)
    assert again.sent == 0 and len(sender.sent) == 5
    deps.clock.advance(dt.timedelta(hours=1))  # 08:01: only the 08:00 lifter
    assert (await run(session_factory, deps, sender)).sent == 1
    stored = await rows(session_factory, [u.id for u in users])
    assert {r.status for r in stored.values()} == {"sent"}
    assert all(r.attempts == 1 and r.telegram_message_id for r in stored.values())


async def test_a_bot_that_was_down_catches_up_but_not_into_another_day(
    session: AsyncSession, session_factory
) -> None:
    await add_users(session, [new_user(at=dt.time(7, 0)), new_user(at=dt.time(1, 0))])
    sender = RecordingSender()
    report = await run(session_factory, deps_at(dt.datetime(2026, 6, 10, 7, 20, tzinfo=UTC)), sender)
    assert report.sent == 1  # 20 minutes late still goes; 6 h 20 late is stale
    report = await run(session_factory, deps_at(dt.datetime(2026, 6, 11, 0, 30, tzinfo=UTC)), sender)
    assert report.sent == 0  # yesterday's reminders never go out on a new local date


async def test_spring_forward_day(session: AsyncSession, session_factory) -> None:
    """New York, 8 March 2026: 02:30 never happens locally; it goes out once, at 03:00 EDT."""
    (user,) = await add_users(session, [new_user(timezone="America/New_York", at=dt.time(2, 30))])
    sender = RecordingSender()
    deps = deps_at(dt.datetime(2026, 3, 8, 6, 59, tzinfo=UTC))  # 01:59 EST
    assert (await run(session_factory, deps, sender)).sent == 0
    deps.clock.advance(dt.timedelta(minutes=1))  # 03:00 EDT
    assert (await run(session_factory, deps, sender)).sent == 1
    for _ in range(3):
        deps.clock.advance(dt.timedelta(minutes=30))
        assert (await run(session_factory, deps, sender)).sent == 0
    stored = await rows(session_factory, [user.id])
    assert stored[user.id].local_date == dt.date(2026, 3, 8)


async def test_fall_back_day(session: AsyncSession, session_factory) -> None:
    """New York, 1 November 2026: 01:30 happens twice; the reminder goes out once, the first time."""
    await add_users(session, [new_user(timezone="America/New_York", at=dt.time(1, 30))])
    sender = RecordingSender()
    deps = deps_at(dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC))  # 01:30 EDT
    assert (await run(session_factory, deps, sender)).sent == 1
    deps.clock.advance(dt.timedelta(hours=1))  # 01:30 EST, the second time
    assert (await run(session_factory, deps, sender)).sent == 0
    assert len(sender.sent) == 1


async def test_a_blocked_lifter_is_marked_and_skipped_from_then_on(
    session: AsyncSession, session_factory
) -> None:
    blocker, other = await add_users(session, [new_user(), new_user()])
    assert blocker.telegram_chat_id is not None
    sender = RecordingSender(
        script={
            blocker.telegram_chat_id: [SendResult("blocked", error="Forbidden: bot was blocked by the user")]
        }
    )
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    report = await run(session_factory, deps, sender)
    assert (report.sent, report.blocked) == (1, 1)
    async with unit_of_work(session_factory) as repos:
        stored = await repos.users.get(blocker.id)
        assert stored is not None and stored.blocked_at == deps.clock.now()
    assert (await rows(session_factory, [blocker.id]))[blocker.id].status == "skipped"

    deps.clock.advance(dt.timedelta(days=1))
    calls = sender.calls
    assert (await run(session_factory, deps, sender)).sent == 1  # only the other lifter
    assert sender.calls == calls + 1 and sender.sent[-1][0] == other.telegram_chat_id


async def test_rate_limited_send_waits_and_goes_out_once(session: AsyncSession, session_factory) -> None:
    (user,) = await add_users(session, [new_user()])
    assert user.telegram_chat_id is not None
    sender = RecordingSender(
        script={user.telegram_chat_id: [SendResult("retry", retry_after=1, error="Flood control exceeded")]}
    )
    report = await run(session_factory, deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC)), sender)
    assert report.sent == 1 and report.failed == 0
    stored = (await rows(session_factory, [user.id]))[user.id]
    assert (stored.status, stored.attempts, len(sender.sent)) == ("sent", 2, 1)


async def test_server_errors_are_retried_by_a_later_run(session: AsyncSession, session_factory) -> None:
    (user,) = await add_users(session, [new_user()])
    assert user.telegram_chat_id is not None
    sender = RecordingSender(script={user.telegram_chat_id: [SendResult("retry", error="Bad Gateway")]})
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    assert (await run(session_factory, deps, sender)).failed == 1
    assert (await run(session_factory, deps, sender)).sent == 0  # not before the backoff
    deps.clock.advance(POLICY.retry_backoff + dt.timedelta(seconds=1))
    assert (await run(session_factory, deps, sender)).sent == 1
    assert (await rows(session_factory, [user.id]))[user.id].attempts == 2


async def test_an_unconfirmed_send_is_never_repeated(session: AsyncSession, session_factory) -> None:
    (user,) = await add_users(session, [new_user()])
    assert user.telegram_chat_id is not None
    sender = RecordingSender(script={user.telegram_chat_id: [SendResult("unknown", error="ReadTimeout")]})
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    assert (await run(session_factory, deps, sender)).unknown == 1
    deps.clock.advance(dt.timedelta(hours=1))
    assert (await run(session_factory, deps, sender)).sent == 0
    stored = (await rows(session_factory, [user.id]))[user.id]
    assert stored.status == "failed" and "outcome unknown" in (stored.error or "")


async def test_a_refused_token_stops_the_run(session: AsyncSession, session_factory) -> None:
    users = await add_users(session, [new_user() for _ in range(4)])
    script = {u.telegram_chat_id: [SendResult("retry", error="Unauthorized", stop=True)] for u in users}
    sender = RecordingSender(script=script)  # type: ignore[arg-type]
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    report = await run(session_factory, deps, sender)
    assert report.stopped == "Unauthorized" and sender.calls == 1
    deps.clock.advance(dt.timedelta(minutes=10))
    sender.script.clear()
    assert (await run(session_factory, deps, sender)).sent == 4  # nothing was lost


class Quiet(EchoComposer):
    """Nothing worth saying, whichever way it composes."""

    async def quick(self, repos, deps, batch, policy) -> dict[int, Composed]:  # type: ignore[no-untyped-def]
        return {claim.id: Composed(None, "no active program") for claim, _ in batch} if self.in_bulk else {}

    async def full(self, repos, deps, user, kind, day, policy) -> Composed:  # type: ignore[no-untyped-def]
        return Composed(None, "no active program")


@pytest.mark.parametrize("in_bulk", [True, False])
async def test_nothing_to_say_is_settled_as_skipped(
    session: AsyncSession, session_factory, in_bulk: bool
) -> None:
    (user,) = await add_users(session, [new_user()])
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    composer = Quiet(quick=in_bulk)
    report = await deliver_due(
        session_factory, deps, RecordingSender(), sender_id="t", compose=composer, policy=POLICY
    )
    assert report.skipped == 1
    stored = (await rows(session_factory, [user.id]))[user.id]
    assert (stored.status, stored.error) == ("skipped", "no active program")


class Failing(EchoComposer):
    """Bulk composing breaks (a bug, an outage): every lifter is composed one by one instead."""

    async def quick(self, repos, deps, batch, policy) -> dict[int, Composed]:  # type: ignore[no-untyped-def]
        raise RuntimeError("bulk composing broke")


async def test_a_broken_bulk_pass_falls_back_to_one_by_one(session: AsyncSession, session_factory) -> None:
    await add_users(session, [new_user(), new_user()])
    report = await deliver_due(
        session_factory,
        deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC)),
        RecordingSender(),
        sender_id="t",
        compose=Failing(),
        policy=POLICY,
    )
    assert report.sent == 2


class Crash(BaseException):
    """The process dies: nothing after this line of the sender runs."""


class DyingSender(RecordingSender):
    """Delivers ``deliver`` messages, then dies — after Telegram accepted the last one."""

    def __init__(self, deliver: int) -> None:
        super().__init__()
        self.deliver = deliver

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        result = await super().send(chat_id, reply)
        if len(self.sent) == self.deliver:
            raise Crash
        return result


async def test_a_sender_killed_midway_loses_nothing_and_repeats_nothing(
    committing_factory: async_sessionmaker[AsyncSession],
) -> None:
    # Real commits: a crash must not take back what other transactions recorded.
    zone = "America/Argentina/San_Luis"
    async with unit_of_work(committing_factory) as repos:
        users = await add_users(repos.session, [new_user(timezone=zone, at=dt.time(4, 0)) for _ in range(7)])
    ids = [u.id for u in users]
    try:
        deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
        dying = DyingSender(deliver=2)
        with pytest.raises(Crash):
            await run(committing_factory, deps, dying, sender_id="dies")
        # The second message reached Telegram but was never recorded; the batch's third was
        # reserved but never attempted; the rest were not even claimed.
        deps.clock.advance(POLICY.in_flight_lease + dt.timedelta(seconds=1))
        survivor = RecordingSender()
        report = await run(committing_factory, deps, survivor, sender_id="survives")
        assert report.sent == 5
        delivered = [chat for chat, _ in dying.sent + survivor.sent]
        assert len(delivered) == len(set(delivered)) == 7  # every lifter exactly once
        stored = await rows(committing_factory, ids)
        statuses = sorted(r.status for r in stored.values())
        assert statuses == ["failed"] + ["sent"] * 6  # the unconfirmed one is not resent
        lost = next(r for r in stored.values() if r.status == "failed")
        assert "outcome unknown" in (lost.error or "")
    finally:
        await delete_users(committing_factory, ids)


async def test_another_sender_holding_the_turn_makes_a_hurried_run_give_up(
    session: AsyncSession, committing_factory: async_sessionmaker[AsyncSession]
) -> None:
    deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))
    async with unit_of_work(committing_factory) as holder:
        assert await ReminderRepository(holder.session).try_sending_turn()
        report = await deliver_due(
            committing_factory,
            deps,
            RecordingSender(),
            sender_id="late",
            compose=EchoComposer(),
            turn_wait=0.2,
        )
    assert report.busy and report.sent == 0


async def test_two_senders_at_once_send_each_reminder_exactly_once(
    committing_factory: async_sessionmaker[AsyncSession],
) -> None:
    zone = "America/Argentina/Rio_Gallegos"  # a zone of their own: other tests' users stay out
    async with unit_of_work(committing_factory) as repos:
        users = await add_users(repos.session, [new_user(timezone=zone, at=dt.time(4, 0)) for _ in range(30)])
    ids = [u.id for u in users]
    try:
        deps = deps_at(dt.datetime(2026, 6, 10, 7, 1, tzinfo=UTC))  # 04:01 local
        policy = dataclasses.replace(POLICY, batch_size=4, render_concurrency=2)
        senders = [RecordingSender(), RecordingSender()]
        reports = await asyncio.gather(
            *(
                deliver_due(
                    committing_factory, deps, s, sender_id=f"s{i}", compose=EchoComposer(), policy=policy
                )
                for i, s in enumerate(senders)
            )
        )
        chats = [chat for s in senders for chat, _ in s.sent]
        assert sorted(chats) == sorted(u.telegram_chat_id for u in users)  # each once
        assert sum(r.sent for r in reports) == 30
        stored = await rows(committing_factory, ids)
        assert {r.status for r in stored.values()} == {"sent"} and len(stored) == 30
    finally:
        await delete_users(committing_factory, ids)
