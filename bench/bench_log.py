"""End-to-end latency of a logged message with PostgreSQL: parse, store, exposures, PRs, reply.

Each message is its own unit of work, as in the bot: load the lifter, lock, record the log
(workout, sets and the day's pattern exposures) and commit. The lifter has an active program,
so every log also links today's session and refreshes exposures. Undo is measured the same way.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.logbook.service import record_log, undo_last
from db.engine import create_engine, create_session_factory
from db.enums import (
    ExerciseRole,
    Goal,
    PersonaAggression,
    PersonaTone,
    ProgressionStyle,
    SessionType,
    SplitTemplate,
)
from db.models import Microcycle, Program, Session, SessionExercise
from db.uow import unit_of_work

MESSAGES = ("squat 5x5 {w} @8", "bench 80x8, 85x6, 90x{r}", "deadlift {w}x5x3", "pull-ups 3x{r}\nplank 3x60s")
START = dt.date(2026, 12, 7)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _program(repos, user_id: int, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    program = Program(
        user_id=user_id, start_date=START, duration_weeks=8, goal_1=Goal.STRENGTH, goal_2=Goal.HYPERTROPHY,
        goal_3=Goal.FAT_LOSS, goal_weight_1=5, goal_weight_2=3, goal_weight_3=2,
        split_template=SplitTemplate.FULL_BODY, days_per_week=7, progression_style=ProgressionStyle.DOUBLE_PROGRESSION,
        persona_tone=PersonaTone.SUPPORTIVE, persona_aggression=PersonaAggression.BALANCED,
    )  # fmt: skip
    repos.session.add(program)
    await repos.session.flush()
    for week in range(8):
        micro = Microcycle(program_id=program.id, start_date=START + dt.timedelta(weeks=week), length_days=7,
                           sequence_number=week + 1)  # fmt: skip
        repos.session.add(micro)
        await repos.session.flush()
        for day in range(7):
            session = Session(microcycle_id=micro.id, date=micro.start_date + dt.timedelta(days=day),
                              day_number=day + 1, session_type=SessionType.FULL_BODY)  # fmt: skip
            repos.session.add(session)
            await repos.session.flush()
            for order, name in enumerate(("Barbell Back Squat", "Barbell Bench Press"), start=1):
                movement = catalog.get(name)
                assert movement is not None and movement.id is not None
                repos.session.add(SessionExercise(session_id=session.id, movement_id=movement.id,
                                                  role=ExerciseRole.MAIN, order_in_session=order, target_sets=3,
                                                  target_rep_range_min=5, target_rep_range_max=5,
                                                  default_rest_seconds=180))  # fmt: skip
    await repos.session.flush()


async def run(ctx) -> None:
    engine = create_engine(ctx.database_url, pool_size=2)
    factory = create_session_factory(engine)
    try:
        async with unit_of_work(factory) as repos:
            catalog = Catalog.from_rows(*await repos.movements.system_rows())
            user = await repos.users.get_or_create_local("bench-logger")
            await _program(repos, user.id, catalog)
            user_id = user.id
        deps = CoachDeps(
            catalog=catalog, heuristics={}, clock=FixedClock(dt.datetime(2026, 12, 7, 18, tzinfo=dt.UTC))
        )
        count = 100 if ctx.quick else 400
        timings: list[float] = []
        for i in range(count + 10):
            day = START + dt.timedelta(days=i % 56)
            text = MESSAGES[i % len(MESSAGES)].format(w=100 + i % 40, r=4 + i % 6)
            started = time.perf_counter()
            async with unit_of_work(factory) as repos:
                lifter = await repos.users.get(user_id)
                assert lifter is not None
                outcome = await record_log(repos, deps, lifter, text, day=day)
            if i >= 10:  # the first few warm the connection pool and statement caches
                timings.append((time.perf_counter() - started) * 1000)
            assert outcome.saved
        workload = f"{count} messages of 1-3 exercises, one unit of work each, lifter with a program"
        ctx.figure("log_message_latency_p50", statistics.median(timings), "ms", workload)
        ctx.figure("log_message_latency_p95", _percentile(timings, 0.95), "ms", workload)
        undo: list[float] = []
        for _ in range(min(50, count)):
            started = time.perf_counter()
            async with unit_of_work(factory) as repos:
                lifter = await repos.users.get(user_id)
                assert lifter is not None
                await undo_last(repos, deps, lifter)
            undo.append((time.perf_counter() - started) * 1000)
        ctx.figure(
            "undo_latency_p50", statistics.median(undo), "ms", f"{len(undo)} undos, one unit of work each"
        )
    finally:
        await engine.dispose()
