"""The log repository: one log is one transaction, an undo leaves nothing behind, lifters stay apart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.logbook.service import record_log, undo_last
from db.enums import MovementPattern, RecoverySource
from db.models import PatternExposure, RecoverySignal, SorenessLog, TopSetLog, WorkoutLog
from db.repositories import Repositories
from db.repositories.logs import SetRow
from db.uow import unit_of_work
from tests.coach.logbook.builders import MONDAY, catalog, make_deps, make_program, make_user


async def _counts(session: AsyncSession, user_id: int) -> tuple[int, int, int]:
    workouts = await session.scalar(select(func.count()).where(WorkoutLog.user_id == user_id))
    sets = await session.scalar(
        select(func.count()).select_from(TopSetLog).join(WorkoutLog).where(WorkoutLog.user_id == user_id)
    )
    exposures = await session.scalar(select(func.count()).where(PatternExposure.user_id == user_id))
    return int(workouts or 0), int(sets or 0), int(exposures or 0)


async def test_one_log_writes_workout_sets_and_exposures_together(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    deps = await make_deps(repos)
    outcome = await record_log(
        repos, deps, user, "squat 5x5 100 @8\nbench 80x8, 85x6, 90x4\nplank 3x60s", day=MONDAY
    )
    assert outcome.saved and outcome.saved_sets == 11
    assert await _counts(repos.session, user.id) == (
        1,
        11,
        2,
    )  # squat and horizontal push; a hold has no e1RM
    workout = await repos.logs.get_workout(user.id, outcome.workout_log_id or 0)
    assert workout is not None and workout.source == "chat"
    assert workout.session_id == (await repos.logs.planned_sessions_on(user.id, MONDAY))[0].id
    exposures = (
        await repos.session.scalars(select(PatternExposure).where(PatternExposure.user_id == user.id))
    ).all()
    by_pattern = {e.pattern: e for e in exposures}
    assert set(by_pattern) == {MovementPattern.SQUAT, MovementPattern.HORIZONTAL_PUSH}
    bench_best = max(
        s.e1rm_value or 0 for s in workout.top_sets if s.pattern is MovementPattern.HORIZONTAL_PUSH
    )
    assert by_pattern[MovementPattern.HORIZONTAL_PUSH].e1rm_value == bench_best
    assert {e.microcycle_id for e in exposures} == {await repos.logs.microcycle_id_on(user.id, MONDAY)}


async def test_a_failing_log_leaves_nothing_half_written(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(session_factory) as repos:
        user = await make_user(repos, "atomic")
        movement = (await catalog(repos)).get("Barbell Back Squat")
        assert movement is not None and movement.id is not None
        good = SetRow(movement.id, MovementPattern.SQUAT, 100.0, 5, 1, rpe=8.0, e1rm_value=123.3)
        bad = SetRow(movement.id, MovementPattern.SQUAT, 100.0, 5, 2, rpe=11.0)  # breaks the RPE CHECK
        with pytest.raises(DBAPIError):
            await repos.logs.record_workout(user.id, MONDAY, [good, bad])
        assert await _counts(repos.session, user.id) == (0, 0, 0)


async def test_a_unit_of_work_that_fails_after_logging_keeps_nothing(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(session_factory) as repos:
        user = await make_user(repos, "rollback")
        await make_program(repos, user)
        user_id = user.id
    with pytest.raises(RuntimeError):
        async with unit_of_work(session_factory) as repos:
            user = await repos.users.get(user_id)
            assert user is not None
            outcome = await record_log(repos, await make_deps(repos), user, "squat 5x5 100", day=MONDAY)
            assert outcome.saved
            raise RuntimeError("the update failed after logging")
    async with unit_of_work(session_factory) as repos:
        assert await _counts(repos.session, user_id) == (0, 0, 0)


async def test_undo_removes_the_workout_its_sets_and_exposures(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    deps = await make_deps(repos)
    first = await record_log(repos, deps, user, "squat 5x5 100", day=MONDAY)
    second = await record_log(repos, deps, user, "squat 1x3 120 @9\nbench 3x5 80", day=MONDAY)
    assert await _counts(repos.session, user.id) == (2, 9, 2)
    message = await undo_last(repos, deps, user)
    assert "Barbell Back Squat" in message and "Barbell Bench Press" in message
    assert await _counts(repos.session, user.id) == (1, 5, 1)
    # The squat exposure now points at the remaining (first) log's best set.
    exposure = await repos.session.scalar(select(PatternExposure).where(PatternExposure.user_id == user.id))
    remaining = await repos.logs.get_workout(user.id, first.workout_log_id or 0)
    assert exposure is not None and remaining is not None
    assert exposure.source_top_set_log_id in {s.id for s in remaining.top_sets}
    assert await repos.logs.get_workout(user.id, second.workout_log_id or 0) is None
    await undo_last(repos, deps, user)
    assert await _counts(repos.session, user.id) == (0, 0, 0)


async def test_without_a_program_no_exposure_is_written(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_log(repos, await make_deps(repos), user, "squat 5x5 100", day=MONDAY)
    assert outcome.saved
    assert await _counts(repos.session, user.id) == (1, 5, 0)
    workout = await repos.logs.get_workout(user.id, outcome.workout_log_id or 0)
    assert workout is not None and workout.session_id is None


async def test_lifters_never_see_or_touch_each_others_logs(repos: Repositories) -> None:
    alice = await make_user(repos, "alice")
    bob = await make_user(repos, "bob")
    deps = await make_deps(repos)
    logged = await record_log(repos, deps, alice, "bench 3x5 100", day=MONDAY)
    bench = (await catalog(repos)).get("Barbell Bench Press")
    assert bench is not None and bench.id is not None
    assert await repos.logs.lift_history(bob.id, [bench.id]) == []
    assert await repos.logs.get_workout(bob.id, logged.workout_log_id or 0) is None
    assert not await repos.logs.delete_workout(bob.id, logged.workout_log_id or 0)
    await undo_last(repos, deps, bob, workout_log_id=logged.workout_log_id)
    assert await repos.logs.get_workout(alice.id, logged.workout_log_id or 0) is not None
    assert await repos.logs.recent_workouts(bob.id, until=MONDAY) == []


async def test_lift_history_groups_by_load(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "bench 80x8, 85x6, 80x10", day=MONDAY)
    bench = (await catalog(repos)).get("Barbell Bench Press")
    assert bench is not None and bench.id is not None
    history = {h.weight: h.max_reps for h in await repos.logs.lift_history(user.id, [bench.id])}
    assert history == {80.0: 10, 85.0: 6}


async def test_manual_readiness_merges_into_one_row_a_day(repos: Repositories) -> None:
    user = await make_user(repos)
    await repos.logs.merge_manual_recovery(user.id, MONDAY, {"sleep_hours": 6.0}, {}, "slept 6h")
    await repos.logs.merge_manual_recovery(user.id, MONDAY, {"hrv": 55.0}, {"energy_1_5": 3}, "hrv 55")
    rows = (
        await repos.session.scalars(select(RecoverySignal).where(RecoverySignal.user_id == user.id))
    ).all()
    assert len(rows) == 1
    assert (rows[0].sleep_hours, rows[0].hrv, rows[0].source) == (6.0, 55.0, RecoverySource.MANUAL)
    assert rows[0].raw_payload_json == {"energy_1_5": 3}
    await repos.logs.merge_manual_recovery(user.id, MONDAY + dt.timedelta(days=1), {"hrv": 60.0}, {}, None)
    assert (
        len(
            (
                await repos.session.scalars(select(RecoverySignal).where(RecoverySignal.user_id == user.id))
            ).all()
        )
        == 2
    )


async def test_a_later_soreness_report_replaces_the_same_muscle(repos: Repositories) -> None:
    user = await make_user(repos)
    await repos.logs.add_soreness(user.id, MONDAY, [("quadriceps", 4), ("glutes", 3)])
    await repos.logs.add_soreness(user.id, MONDAY, [("quadriceps", 2)])
    rows = (await repos.session.scalars(select(SorenessLog).where(SorenessLog.user_id == user.id))).all()
    assert sorted((r.body_part, r.soreness_1_5) for r in rows) == [("glutes", 3), ("quadriceps", 2)]
