"""What ``today`` writes in bulk is what a fresh read finds, and what it costs does not grow
with the program.

Plan shifts move every remaining session with one statement per table; these tests read the
plan back from the database (not from the objects the unit of work holds) and count the SQL
statements of a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, cast, event, select
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.deps import CoachDeps
from coach.logbook.service import record_log, record_quick_input
from coach.today.service import adjust_today, today
from db.models import Microcycle, RecoverySignal, Session, User
from db.repositories import Repositories
from tests.coach.planning.support import MONDAY
from tests.coach.today.test_service import SAT, THU, TUE, WED, done, in_sync, lifter

DAY = dt.timedelta(days=1)


async def stored(repos: Repositories, user_id: int) -> tuple[User, list[Session], list[Microcycle]]:
    """The lifter and their plan as the database has it, nothing kept from before."""
    repos.session.expunge_all()
    user = await repos.users.get(user_id)
    assert user is not None
    program = await repos.programs.active(user_id)
    assert program is not None
    sessions = list(await repos.programs.sessions(program.id))
    return user, sessions, list(await repos.programs.microcycles(program.id))


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def test_a_shift_moves_every_remaining_session_in_storage_and_in_hand(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    user, sessions, cycles = await stored(repos, user.id)
    dates = {s.id: s.date for s in sessions}
    starts = {c.id: c.start_date for c in cycles}
    monday = next(s for s in sessions if s.date == MONDAY and s.exercises)

    result = await today(repos, deps, user, WED)
    assert result.session is not None and result.session.id == monday.id
    # What the unit of work already held sees the shift too.
    assert all(s.date == dates[s.id] + 2 * DAY for s in sessions)
    assert cycles[0].length_days == 9 and cycles[1].start_date == starts[cycles[1].id] + 2 * DAY

    user, sessions, cycles = await stored(repos, user.id)
    assert all(s.date == dates[s.id] + 2 * DAY for s in sessions)
    assert (cycles[0].start_date, cycles[0].length_days) == (MONDAY, 9)
    assert all(c.start_date == starts[c.id] + 2 * DAY for c in cycles[1:])
    cycle_start = {c.id: c.start_date for c in cycles}
    assert all(s.day_number == (s.date - cycle_start[s.microcycle_id]).days + 1 for s in sessions)
    assert all(in_sync(s, deps) for s in sessions)
    moved = next(s for s in sessions if s.id == monday.id)
    assert moved.adaptation_json["shift"] == {
        "from": MONDAY.isoformat(),
        "days": 2,
        "missed": "Mon 7 Dec, Tue 8 Dec",
    }
    assert moved.adaptation_json["decision"] == result.decision
    assert (await today(repos, deps, user, WED)).reasons == result.reasons


async def test_sessions_too_late_to_make_up_are_dropped_in_storage(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    user, sessions, _ = await stored(repos, user.id)
    week = {s.date: s.id for s in sessions if s.date < SAT and s.exercises}
    assert sorted(week) == [MONDAY, TUE, THU, THU + DAY]

    result = await today(repos, deps, user, SAT)
    assert result.session is not None and result.session.id == week[THU]
    assert result.reasons[0].startswith("You missed Mon 7 Dec, Tue 8 Dec, Thu 10 Dec, Fri 11 Dec:")

    user, sessions, cycles = await stored(repos, user.id)
    by_id = {s.id: s for s in sessions}
    for day in (MONDAY, TUE):
        dropped = by_id[week[day]]
        assert dropped.date == day and dropped.adaptation_json["skipped"] is True
        assert dropped.adaptation_json["decision"] == "rest"
    assert by_id[week[THU]].date == SAT and by_id[week[THU + DAY]].date == SAT + DAY
    assert by_id[week[THU]].adaptation_json["shift"]["days"] == 2
    assert cycles[0].length_days == 9


async def test_a_session_moved_away_keeps_its_note_however_far_a_shift_took_it(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    moved = await adjust_today(repos, deps, user, MONDAY, "move")
    assert moved.reasons == ["Moved by you to Wed 9 Dec; today is a rest day."]
    shifted = await today(repos, deps, user, THU)
    assert shifted.reasons[0].startswith("You missed Tue 8 Dec, Wed 9 Dec")
    user, sessions, _ = await stored(repos, user.id)
    upper = next(
        s for s in sessions if (s.adaptation_json or {}).get("moved", {}).get("from") == "2026-12-07"
    )
    assert upper.date > MONDAY + 3 * DAY

    monday = await today(repos, deps, user, MONDAY)
    assert monday.session is None and monday.decision == "move"
    assert monday.reasons == ["Your upper session moved to Wed 9 Dec."]


async def _count(engine: AsyncEngine, call: Callable[[], Awaitable[Any]]) -> int:
    with statements(engine) as seen:
        await call()
    return len(seen)


async def test_the_statements_of_a_day_do_not_grow_with_the_program(
    repos: Repositories, deps: CoachDeps, engine: AsyncEngine
) -> None:
    counts: dict[int, tuple[int, int, int]] = {}
    for weeks in (8, 12):
        user = await lifter(repos, deps, f"weeks-{weeks}", duration_weeks=weeks)
        behind = await lifter(repos, deps, f"behind-{weeks}", duration_weeks=weeks)
        await done(repos, user, MONDAY, TUE)
        first = await _count(engine, lambda u=user: today(repos, deps, u, THU))
        again = await _count(engine, lambda u=user: today(repos, deps, u, THU))
        shift = await _count(engine, lambda u=behind: today(repos, deps, u, WED))
        counts[weeks] = (first, again, shift)
    assert counts[8] == counts[12]
    first, again, shift = counts[12]
    # Lock, plan, today's session, check-ins; a shift adds the rest of the plan and one
    # UPDATE per table, not one per session.
    assert again <= 9 and first <= again + 3 and shift <= 16


async def test_yesterdays_sport_and_leg_workout_and_todays_check_in_are_read_as_stored(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    await record_quick_input(repos, deps, user, "tennis 90 min", day=MONDAY)
    logged = await record_log(
        repos, deps, user, "leg press 4x10 100\nbulgarian split squat 4x10 20", day=MONDAY
    )
    assert logged.saved_sets == 8
    repos.session.add(
        RecoverySignal(
            user_id=user.id, date=TUE, readiness=60.0, sleep_hours=7.0, raw_payload_json={"energy_1_5": 2}
        )
    )
    await repos.session.flush()

    result = await today(repos, deps, user, TUE)
    assert result.session is not None
    inputs = result.session.adaptation_json["inputs"]
    assert inputs["legs_loaded"] == ["a heavy leg workout", "tennis"]
    assert (inputs["readiness"], inputs["sleep_hours"], inputs["energy"]) == (60.0, 7.0, 2)
    assert any("loaded your legs" in r for r in result.reasons)
    text = await repos.session.scalar(
        select(cast(Session.adaptation_json, String)).where(Session.id == result.session.id)
    )
    assert '"readiness": 60.0' in text and '"sleep_hours": 7.0' in text
