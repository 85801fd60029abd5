"""Lifters, programs and deps for logbook and progress tests, built straight on the schema.

Programs are built row by row (not by the generator), so each test states exactly the plan
it relies on: which exercises, how many sets, on which dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from db.enums import (
    ExerciseRole,
    Goal,
    PersonaAggression,
    PersonaTone,
    ProgressionStyle,
    SessionType,
    SplitTemplate,
)
from db.models import Microcycle, Program, Session, SessionExercise, User
from db.repositories import Repositories

MONDAY = dt.date(2026, 12, 7)
_CATALOG: list[Catalog] = []


async def catalog(repos: Repositories) -> Catalog:
    """The seeded library with database ids (built once: the seed is the same for every test)."""
    if not _CATALOG:
        _CATALOG.append(Catalog.from_rows(*await repos.movements.system_rows()))
    return _CATALOG[0]


async def make_deps(repos: Repositories, day: dt.date = MONDAY, hour: int = 18) -> CoachDeps:
    now = dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)
    return CoachDeps(catalog=await catalog(repos), heuristics={}, clock=FixedClock(now))


async def make_user(
    repos: Repositories,
    handle: str = "lifter",
    *,
    tone: PersonaTone = PersonaTone.ANALYTICAL,
    metric: bool = True,
) -> User:
    user = await repos.users.get_or_create_local(handle)
    user.persona_tone = tone
    settings = await repos.users.ensure_settings(user)
    settings.use_metric = metric
    await repos.session.flush()
    return user


@dataclass(frozen=True)
class Planned:
    """One prescribed exercise: movement name, sets, reps, rest, RPE."""

    movement: str
    sets: int
    reps: int | None = 5
    rest: int | None = 180
    rpe: float | None = 8.0
    seconds: int | None = None


async def make_program(
    repos: Repositories,
    user: User,
    *,
    start: dt.date = MONDAY,
    weeks: int = 2,
    days: dict[int, Sequence[Planned]] | None = None,
) -> Program:
    """A program of ``weeks`` seven-day microcycles; ``days`` maps a day offset to its exercises."""
    plan = (
        days
        if days is not None
        else {0: [Planned("Barbell Back Squat", 3), Planned("Barbell Bench Press", 3)]}
    )
    cat = await catalog(repos)
    program = Program(
        user_id=user.id,
        start_date=start,
        duration_weeks=8,
        goal_1=Goal.STRENGTH,
        goal_2=Goal.HYPERTROPHY,
        goal_3=Goal.FAT_LOSS,
        goal_weight_1=5,
        goal_weight_2=3,
        goal_weight_3=2,
        split_template=SplitTemplate.FULL_BODY,
        days_per_week=len(plan),
        progression_style=ProgressionStyle.DOUBLE_PROGRESSION,
        persona_tone=user.persona_tone,
        persona_aggression=PersonaAggression.BALANCED,
    )
    repos.session.add(program)
    await repos.session.flush()
    for week in range(weeks):
        micro = Microcycle(
            program_id=program.id,
            start_date=start + dt.timedelta(weeks=week),
            length_days=7,
            sequence_number=week + 1,
        )
        repos.session.add(micro)
        await repos.session.flush()
        for offset, exercises in plan.items():
            session = Session(
                microcycle_id=micro.id,
                date=micro.start_date + dt.timedelta(days=offset),
                day_number=offset + 1,
                session_type=SessionType.FULL_BODY,
            )
            repos.session.add(session)
            await repos.session.flush()
            for order, item in enumerate(exercises, start=1):
                movement = cat.get(item.movement)
                assert movement is not None and movement.id is not None, item.movement
                repos.session.add(
                    SessionExercise(
                        session_id=session.id,
                        movement_id=movement.id,
                        role=ExerciseRole.MAIN,
                        order_in_session=order,
                        target_sets=item.sets,
                        target_rep_range_min=item.reps,
                        target_rep_range_max=item.reps,
                        target_rpe=item.rpe,
                        target_duration_seconds=item.seconds,
                        default_rest_seconds=item.rest,
                    )
                )
    await repos.session.flush()
    return program


async def sessions_on(repos: Repositories, user: User, day: dt.date) -> list[Session]:
    return list(await repos.logs.planned_sessions_on(user.id, day))
