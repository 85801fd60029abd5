"""``today`` and ``adjust_today`` against the database: stored idempotently, in sync, in the lifter's voice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.planning.service import create_program
from coach.planning.sync import movement_index, sections_of
from coach.profile import Profile
from coach.today.service import adjust_today, today
from db.models import Microcycle, RecoverySignal, Session, SorenessLog, User, WorkoutLog
from db.repositories import Repositories
from tests.coach.planning.support import MONDAY, PROFILE

TUE, WED, THU, FRI, SAT, SUN = (MONDAY + dt.timedelta(days=d) for d in range(1, 7))


async def lifter(repos: Repositories, deps: CoachDeps, handle: str = "lifter", **changes: Any) -> User:
    user = await repos.users.get_or_create_local(handle)
    await create_program(repos, deps, user, Profile.parse({**PROFILE, **changes}), seed=2)
    return user


def rows(session: Session) -> list[tuple]:
    return [(e.movement_id, e.role, e.target_sets, e.target_rpe) for e in session.exercises]


def in_sync(session: Session, deps: CoachDeps) -> bool:
    expected = sections_of(session.exercises, movement_index(deps.catalog))
    return all(getattr(session, k) == v for k, v in expected.items())


async def done(repos: Repositories, user: User, *days: dt.date) -> None:
    program = await repos.programs.active(user.id)
    for session in await repos.programs.sessions(program.id):
        if session.date in days and session.exercises:
            repos.session.add(WorkoutLog(user_id=user.id, session_id=session.id, date=session.date))
    await repos.session.flush()


async def test_no_check_in_keeps_the_plan_and_running_twice_changes_nothing(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    first = await today(repos, deps, user, MONDAY)
    assert first.decision == "keep" and first.session is not None and "No check-in" in first.reasons[0]
    stored = (rows(first.session), first.session.coach_notes, dict(first.session.adaptation_json))
    again = await today(repos, deps, user, MONDAY)
    assert (again.decision, again.reasons) == (first.decision, first.reasons)
    assert (rows(again.session), again.session.coach_notes, again.session.adaptation_json) == stored
    assert stored[2]["before"]["exercises"] and stored[2]["inputs"]["readiness"] is None


async def test_two_low_signals_reduce_and_new_data_readapts_from_the_original(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    original = rows((await today(repos, deps, user, MONDAY)).session)
    repos.session.add(RecoverySignal(user_id=user.id, date=MONDAY, readiness=35, sleep_hours=5.0))
    await repos.session.flush()
    reduced = await today(repos, deps, user, MONDAY)
    assert reduced.decision == "reduce" and "two signals agree" in reduced.reasons[0]
    for (m0, role, sets0, _), (m1, _, sets1, _) in zip(original, rows(reduced.session), strict=True):
        assert m0 == m1 and sets1 == (max(1, sets0 - 1) if role.value in ("main", "accessory") else sets0)
    assert in_sync(reduced.session, deps) and "Decision: reduce" in reduced.session.coach_notes
    assert reduced.session.coach_notes.count("Decision:") == 1
    repos.session.add(SorenessLog(user_id=user.id, date=MONDAY, body_part="triceps", soreness_1_5=3))
    await repos.session.flush()
    again = await today(repos, deps, user, MONDAY)
    for (_, role, sets0, _), (_, _, sets2, _) in zip(original, rows(again.session), strict=True):
        assert sets2 >= (max(1, sets0 - 1) if role.value in ("main", "accessory") else sets0)
    assert any("triceps" in r for r in again.reasons)


async def test_very_sore_legs_move_the_leg_day_and_bring_the_next_session_forward(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    await done(repos, user, MONDAY)
    lower = (await today(repos, deps, user, TUE)).session
    assert lower is not None and lower.session_type.value == "lower"
    for part in ("quadriceps", "hamstrings", "glutes"):
        repos.session.add(SorenessLog(user_id=user.id, date=TUE, body_part=part, soreness_1_5=5))
    await repos.session.flush()
    moved = await today(repos, deps, user, TUE)
    assert (
        moved.decision == "move" and moved.session.session_type.value == "upper" and moved.session.date == TUE
    )
    assert lower.date == THU and lower.adaptation_json["moved"] == {
        "from": TUE.isoformat(),
        "to": THU.isoformat(),
    }
    assert in_sync(moved.session, deps) and any("moves to Thu" in r for r in moved.reasons)
    assert (await today(repos, deps, user, TUE)).reasons == moved.reasons
    later = await today(repos, deps, user, THU)
    assert later.session.id == lower.id and any("Moved here from Tue" in r for r in later.reasons)


async def test_two_missed_sessions_shift_the_plan_once(repos: Repositories, deps: CoachDeps) -> None:
    user = await lifter(repos, deps)
    monday = (await today(repos, deps, user, MONDAY)).session
    result = await today(repos, deps, user, WED)
    assert result.session is not None and result.session.id == monday.id and result.session.date == WED
    assert "You missed Mon 7 Dec, Tue 8 Dec" in result.reasons[0]
    cycle = await repos.session.get(Microcycle, monday.microcycle_id)
    assert cycle.length_days == 9
    again = await today(repos, deps, user, WED)
    assert again.reasons == result.reasons and cycle.length_days == 9


async def test_logged_sessions_are_not_missed_and_rest_days_rest(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await lifter(repos, deps)
    await done(repos, user, MONDAY, TUE, THU, FRI)
    rest = await today(repos, deps, user, WED)
    assert rest.session is None and rest.decision == "rest" and rest.reasons
    tennis = await today(repos, deps, user, SUN)
    assert tennis.session is None and tennis.activities == ["tennis"] and "tennis" in tennis.reasons[-1]


async def test_the_lifters_own_calls(repos: Repositories, deps: CoachDeps) -> None:
    user = await lifter(repos, deps)
    plain = rows((await today(repos, deps, user, MONDAY)).session)
    easy = await adjust_today(repos, deps, user, MONDAY, "easy")
    assert easy.decision == "reduce" and all(
        (r[3] or 0) <= 6.5 for r in rows(easy.session) if r[1].value in ("main", "accessory")
    )
    assert not any(r[1].value == "finisher" for r in rows(easy.session))
    reduce = await adjust_today(repos, deps, user, MONDAY, "reduce")
    assert [r[2] for r in rows(reduce.session) if r[1].value == "main"] == [
        max(1, r[2] - 1) for r in plain if r[1].value == "main"
    ]
    assert (await today(repos, deps, user, MONDAY)).reasons == reduce.reasons
    moved = await adjust_today(repos, deps, user, MONDAY, "move")
    assert moved.decision == "move" and moved.session is None
    await done(repos, user, TUE)
    assert (await today(repos, deps, user, MONDAY)).session is None
    skipped = await adjust_today(repos, deps, user, THU, "skip")
    assert skipped.session is None and skipped.decision == "rest"
    assert (await today(repos, deps, user, THU)).decision == "rest"
    with pytest.raises(InvalidInput, match="reduce, easy, move, skip"):
        await adjust_today(repos, deps, user, FRI, "double")
    newcomer = await repos.users.get_or_create_local("no-program")
    with pytest.raises(InvalidInput, match="no session planned"):
        await adjust_today(repos, deps, newcomer, SUN, "easy")


async def test_the_note_speaks_in_the_lifters_voice(repos: Repositories, deps: CoachDeps) -> None:
    notes = set()
    for tone in ("drill_sergeant", "supportive", "minimalist"):
        user = await lifter(repos, deps, tone, persona_tone=tone)
        repos.session.add(RecoverySignal(user_id=user.id, date=MONDAY, readiness=35, sleep_hours=5.0))
        await repos.session.flush()
        result = await today(repos, deps, user, MONDAY)
        notes.add(result.text.split(".")[0])
    assert len(notes) == 3


async def test_without_a_program_today_is_a_rest_day_with_a_hint(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await repos.users.get_or_create_local("newcomer")
    result = await today(repos, deps, user, MONDAY)
    assert result.session is None and result.decision == "rest" and "/start" in result.reasons[0]


async def test_a_logged_session_is_not_adapted_afterwards(repos: Repositories, deps: CoachDeps) -> None:
    user = await lifter(repos, deps)
    before = rows((await today(repos, deps, user, MONDAY)).session)
    await done(repos, user, MONDAY)
    repos.session.add(RecoverySignal(user_id=user.id, date=MONDAY, readiness=20, sleep_hours=3.0))
    await repos.session.flush()
    result = await today(repos, deps, user, MONDAY)
    assert rows(result.session) == before and result.decision == "keep"
    assert "Logged" in result.reasons[-1]
