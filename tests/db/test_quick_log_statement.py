"""``LogRepository.log_workout``: a quick log in one statement, answering from the state before it."""

from __future__ import annotations

from sqlalchemy import func, select, update

from coach.logbook.service import record_log
from db.enums import E1RMFormula, MovementPattern
from db.models import PatternExposure, Program, TopSetLog
from db.repositories import Repositories
from db.repositories.logs import SetRow
from tests.coach.logbook.builders import MONDAY, catalog, make_deps, make_program, make_user


async def _bench_id(repos: Repositories) -> int:
    bench = (await catalog(repos)).get("Barbell Bench Press")
    assert bench is not None and bench.id is not None
    return bench.id


async def test_the_statement_stores_every_set_and_reports_the_bests_from_before(repos: Repositories) -> None:
    user = await make_user(repos)
    bench = await _bench_id(repos)
    sets = [
        SetRow(bench, MovementPattern.HORIZONTAL_PUSH, 80.0, 5, 1, rpe=8.0, e1rm_value=93.3,
               e1rm_formula=E1RMFormula.EPLEY),
        SetRow(bench, MovementPattern.HORIZONTAL_PUSH, 80.0, 5, 2),
    ]  # fmt: skip
    first = await repos.logs.log_workout(user.id, MONDAY, sets, notes="felt strong")
    assert first.history == [] and first.session_id is None and not first.exposures_due
    second = await repos.logs.log_workout(user.id, MONDAY, sets[:1])
    [before] = second.history  # the first log only: this statement's own set is not its baseline
    assert (before.weight, before.max_reps, before.max_e1rm) == (80.0, 5, 93.3)
    stored = await repos.logs.get_workout(user.id, first.workout_log_id)
    assert stored is not None and stored.notes == "felt strong" and stored.source == "chat"
    assert [(s.set_number, s.rpe, s.e1rm_formula, s.pattern) for s in stored.top_sets] == [
        (1, 8.0, E1RMFormula.EPLEY, MovementPattern.HORIZONTAL_PUSH),
        (2, None, None, MovementPattern.HORIZONTAL_PUSH),
    ]


async def test_the_planned_session_and_its_rest_come_back_with_the_log(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    planned = (await repos.logs.planned_sessions_on(user.id, MONDAY))[0]
    exercise = planned.exercises[0]
    logged = await repos.logs.log_workout(
        user.id, MONDAY, [SetRow(exercise.movement_id, MovementPattern.SQUAT, 100.0, 5, 1)]
    )
    assert logged.session_id == planned.id and logged.exposures_due
    assert logged.planned_rest.get(exercise.movement_id) == exercise.default_rest_seconds


async def test_exposures_left_by_a_replaced_program_are_cleared_by_the_next_log(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "squat 5x5 100", day=MONDAY)
    exposures = select(func.count()).where(PatternExposure.user_id == user.id)
    assert await repos.session.scalar(exposures) == 1
    await repos.session.execute(update(Program).where(Program.user_id == user.id).values(is_active=False))
    await record_log(repos, deps, user, "squat 1x3 120", day=MONDAY)  # no microcycle holds the day now
    assert await repos.session.scalar(exposures) == 0
    sets = select(func.count()).select_from(TopSetLog).where(TopSetLog.pattern == MovementPattern.SQUAT)
    assert await repos.session.scalar(sets) >= 6
