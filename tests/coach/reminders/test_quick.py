"""Reminders read in bulk from the stored plan say what ``coach.today`` would say.

The bulk path (``compose_quick``) is only taken when the stored plan cannot be stale; these
tests hold it to the authoritative path (``compose``, which runs ``coach.today``) day by day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.logbook.service import record_log
from coach.planning.service import create_program
from coach.profile import Profile
from coach.reminders.content import compose, compose_quick
from coach.reminders.delivery import Composed
from coach.reminders.policy import ReminderPolicy
from coach.today.service import adjust_today, today
from db.models import RecoverySignal, User
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, Claim
from tests.coach.conversation.fixtures import base_deps  # noqa: F401  (fixture)
from tests.coach.reminders.helpers import add_users, new_user

MONDAY = dt.date(2026, 3, 2)
POLICY = ReminderPolicy()
PROFILE = {
    "days_per_week": 4,
    "goals": [{"goal": "strength", "weight": 5}, {"goal": "fat_loss", "weight": 5}],
    "duration_weeks": 8,
    "enjoyable_activities": [{"activity": "tennis", "recommend_every_days": 7}],
}


@pytest.fixture
def deps(base_deps: CoachDeps) -> CoachDeps:  # noqa: F811
    return dataclasses.replace(base_deps, clock=FixedClock(dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)))


@pytest.fixture
async def lifter(session: AsyncSession, repos: Repositories, deps: CoachDeps) -> User:
    (user,) = await add_users(session, [new_user(name="Kim Park")])
    await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=MONDAY, seed=11)
    return user


def on(deps: CoachDeps, day: dt.date, hour: int = 7) -> CoachDeps:
    return dataclasses.replace(deps, clock=FixedClock(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)))


async def quick(repos: Repositories, deps: CoachDeps, user: User, kind: str, day: dt.date) -> Composed | None:
    claim = Claim(id=1, user_id=user.id, local_date=day, kind=kind, attempts=0)
    return (await compose_quick(repos, deps, [(claim, user)], POLICY)).get(1)


async def test_a_week_in_which_every_session_is_logged(
    repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    seen = set()
    for offset in range(7):
        day = MONDAY + dt.timedelta(days=offset)
        now = on(deps, day)
        bulk = await quick(repos, now, lifter, DAILY, day)
        full = await compose(repos, now, lifter, DAILY, day, POLICY)
        assert bulk == full, day
        assert full.reply is not None
        seen.add("training" if full.reply.buttons else "rest")
        if full.reply.buttons:  # train, log it: the next day's plan is settled
            await record_log(repos, on(deps, day, 18), lifter, "goblet squat 3x10 24", day=day)
    assert seen == {"training", "rest"}


async def test_a_missed_session_is_left_to_coach_today(
    repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    planned = sorted(
        p.date for p in await repos.reminders.planned_days(lifter.id, MONDAY, MONDAY + dt.timedelta(6))
    )
    after = planned[2]  # the first two sessions were never done nor skipped: the plan shifts
    assert await quick(repos, on(deps, after), lifter, DAILY, after) is None
    full = await compose(repos, on(deps, after), lifter, DAILY, after, POLICY)
    assert full.reply is not None and "You missed" in full.reply.text


async def test_an_adaptation_stored_today_is_shown(
    session: AsyncSession, repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    day = MONDAY
    session.add(RecoverySignal(user_id=lifter.id, date=day, readiness=20, sleep_hours=4.0, source="MANUAL"))
    await session.flush()
    now = on(deps, day)
    adapted = await today(repos, now, lifter, day)  # the lifter opened /today after checking in
    assert adapted.decision != "keep"
    bulk = await quick(repos, now, lifter, DAILY, day)
    assert bulk is not None and bulk.reply is not None
    assert bulk == await compose(repos, now, lifter, DAILY, day, POLICY)
    assert adapted.reasons[0] in bulk.reply.text


async def test_a_skipped_day_reads_as_a_rest_day(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    now = on(deps, MONDAY)
    await adjust_today(repos, now, lifter, MONDAY, "skip")
    bulk = await quick(repos, now, lifter, DAILY, MONDAY)
    assert bulk is not None and bulk.reply is not None and not bulk.reply.buttons
    assert bulk == await compose(repos, now, lifter, DAILY, MONDAY, POLICY)


async def test_evening_nudges_read_from_the_plan(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    evening = on(deps, MONDAY, 19)
    bulk = await quick(repos, evening, lifter, EVENING, MONDAY)
    assert bulk is not None and bulk.reply is not None
    assert bulk == await compose(repos, evening, lifter, EVENING, MONDAY, POLICY)
    await record_log(repos, evening, lifter, "goblet squat 3x10 24", day=MONDAY)
    assert await quick(repos, evening, lifter, EVENING, MONDAY) == Composed(
        None, "today's session is already logged"
    )


async def test_no_program(session: AsyncSession, repos: Repositories, deps: CoachDeps) -> None:
    (user,) = await add_users(session, [new_user()])
    assert await quick(repos, deps, user, DAILY, MONDAY) == Composed(None, "no active program")


async def test_a_batch_of_many_lifters_at_once(
    session: AsyncSession, repos: Repositories, deps: CoachDeps
) -> None:
    users = await add_users(session, [new_user(name=f"Lifter {n}") for n in range(6)])
    for n, user in enumerate(users[:5]):
        await create_program(
            repos, deps, user, Profile.parse(PROFILE), start_date=MONDAY - dt.timedelta(n), seed=n
        )
    now = on(deps, MONDAY)
    batch = [(Claim(i, u.id, MONDAY, DAILY, 0), u) for i, u in enumerate(users)]
    composed = await compose_quick(repos, now, batch, POLICY)
    assert composed[5] == Composed(None, "no active program")
    for index, user in enumerate(users[:5]):
        if index in composed:  # lifters whose program began earlier missed sessions: left out
            assert composed[index] == await compose(repos, now, user, DAILY, MONDAY, POLICY)
    assert 0 in composed  # the program starting today has nothing missed


async def planned_dates(repos: Repositories, user: User) -> set[dt.date]:
    return {p.date for p in await repos.reminders.planned_days(user.id, MONDAY, MONDAY + dt.timedelta(6))}


async def test_a_moved_session_is_left_to_coach_today_until_it_has_spoken(
    repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    now = on(deps, MONDAY)
    before = await planned_dates(repos, lifter)
    await adjust_today(repos, now, lifter, MONDAY, "move")
    (new_day,) = await planned_dates(repos, lifter) - before
    assert await quick(repos, now, lifter, DAILY, MONDAY) is None  # moved away from today
    full = await compose(repos, now, lifter, DAILY, MONDAY, POLICY)
    assert full.reply is not None and f"moved to {new_day:%a} {new_day.day} {new_day:%b}" in full.reply.text

    for day in sorted(d for d in before if MONDAY < d < new_day):  # the sessions in between: done
        await record_log(repos, on(deps, day, 18), lifter, "goblet squat 3x10 24", day=day)
    later = on(deps, new_day)
    assert await quick(repos, later, lifter, DAILY, new_day) is None  # moved here, not yet looked at
    looked = await compose(repos, later, lifter, DAILY, new_day, POLICY)
    assert looked.reply is not None and "Moved here from Mon 2 Mar" in looked.reply.text
    assert await quick(repos, later, lifter, DAILY, new_day) == looked
