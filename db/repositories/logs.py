"""What lifters did and how they feel: workouts, sets, pattern exposures, check-ins.

Writes that belong together (a workout, its sets and the day's pattern exposures) run in a
savepoint inside the caller's transaction, so a failure leaves nothing half-written even
when the caller goes on. Every query is scoped to one lifter: nobody reads another's logs.
Programs and sessions are read here (never written) to link logs to the plan and to count
planned volume.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.enums import ActivitySource, E1RMFormula, MovementPattern, RecoverySource
from db.models import (
    ActivityDefinition,
    ActivityInstance,
    Microcycle,
    Movement,
    PatternExposure,
    Program,
    RecoverySignal,
    Session,
    SessionExercise,
    SorenessLog,
    TopSetLog,
    WorkoutLog,
)


@dataclass(frozen=True, slots=True)
class SetRow:
    """One set to store: kilograms, and an e1RM already computed by the lifter's formula."""

    movement_id: int
    pattern: MovementPattern
    weight: float
    reps: int
    set_number: int
    rpe: float | None = None
    rir: int | None = None
    e1rm_value: float | None = None
    e1rm_formula: E1RMFormula | None = None
    duration_seconds: int | None = None
    distance_m: float | None = None
    avg_rest_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class LiftHistory:
    """The lifter's best so far on one movement at one load, for personal-record checks."""

    movement_id: int
    weight: float
    max_reps: int
    max_e1rm: float | None
    max_duration: int | None


def _active_program(user_id: int) -> Any:
    return and_(Program.user_id == user_id, Program.is_active, Program.is_template.is_(False))


class LogRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- workouts and sets -----------------------------------------------------------------

    async def record_workout(
        self,
        user_id: int,
        day: dt.date,
        sets: Sequence[SetRow],
        *,
        session_id: int | None = None,
        source: str = "chat",
        notes: str | None = None,
        external_key: str | None = None,
        actual_duration_minutes: int | None = None,
    ) -> WorkoutLog:
        """A workout and all its sets, written together or not at all."""
        async with self.session.begin_nested():
            workout = WorkoutLog(
                user_id=user_id,
                date=day,
                session_id=session_id,
                source=source,
                notes=notes,
                external_key=external_key,
                actual_duration_minutes=actual_duration_minutes,
            )
            self.session.add(workout)
            await self.session.flush()
            await self._add_sets(workout.id, sets)
        return workout

    async def _add_sets(self, workout_log_id: int, sets: Sequence[SetRow]) -> None:
        self.session.add_all(
            TopSetLog(
                workout_log_id=workout_log_id,
                movement_id=s.movement_id,
                weight=s.weight,
                reps=s.reps,
                rpe=s.rpe,
                rir=s.rir,
                e1rm_value=s.e1rm_value,
                e1rm_formula=s.e1rm_formula,
                pattern=s.pattern,
                duration_seconds=s.duration_seconds,
                distance_m=s.distance_m,
                set_number=s.set_number,
                avg_rest_seconds=s.avg_rest_seconds,
            )
            for s in sets
        )
        await self.session.flush()

    async def replace_sets(self, workout: WorkoutLog, sets: Sequence[SetRow], notes: str | None) -> None:
        """A corrected log: the new sets take the old ones' place in the same workout."""
        async with self.session.begin_nested():
            await self.session.execute(delete(TopSetLog).where(TopSetLog.workout_log_id == workout.id))
            workout.notes = notes
            await self._add_sets(workout.id, sets)
        self.session.expire(workout, ["top_sets"])

    async def get_workout(self, user_id: int, workout_log_id: int) -> WorkoutLog | None:
        return await self.session.scalar(
            select(WorkoutLog)
            .where(WorkoutLog.id == workout_log_id, WorkoutLog.user_id == user_id)
            .options(selectinload(WorkoutLog.top_sets))
        )

    async def last_workout(
        self, user_id: int, sources: Sequence[str] = ("chat", "button")
    ) -> WorkoutLog | None:
        """The lifter's most recently entered workout (not the latest date: the latest entry)."""
        return await self.session.scalar(
            select(WorkoutLog)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.source.in_(list(sources)))
            .order_by(WorkoutLog.id.desc())
            .limit(1)
            .options(selectinload(WorkoutLog.top_sets))
        )

    async def delete_workout(self, user_id: int, workout_log_id: int) -> bool:
        """Remove a workout; its sets and their pattern exposures go with it (ON DELETE CASCADE)."""
        result = await self.session.execute(
            delete(WorkoutLog).where(WorkoutLog.id == workout_log_id, WorkoutLog.user_id == user_id)
        )
        return bool(result.rowcount)

    async def workouts_on(self, user_id: int, day: dt.date) -> Sequence[WorkoutLog]:
        return (
            await self.session.scalars(
                select(WorkoutLog)
                .where(WorkoutLog.user_id == user_id, WorkoutLog.date == day)
                .order_by(WorkoutLog.id)
                .options(selectinload(WorkoutLog.top_sets))
            )
        ).all()

    async def button_workout(self, user_id: int, session_id: int) -> WorkoutLog | None:
        """The workout recorded by completing a planned session with a button, if any."""
        return await self.session.scalar(
            select(WorkoutLog)
            .where(
                WorkoutLog.user_id == user_id,
                WorkoutLog.session_id == session_id,
                WorkoutLog.source == "button",
            )
            .order_by(WorkoutLog.id)
            .limit(1)
            .options(selectinload(WorkoutLog.top_sets))
        )

    async def lift_history(
        self, user_id: int, movement_ids: Iterable[int], *, exclude_workout_id: int | None = None
    ) -> list[LiftHistory]:
        """Per movement and load: most reps, best e1RM, longest hold — the baseline for PRs."""
        ids = list(movement_ids)
        if not ids:
            return []
        query = (
            select(
                TopSetLog.movement_id,
                TopSetLog.weight,
                func.max(TopSetLog.reps),
                func.max(TopSetLog.e1rm_value),
                func.max(TopSetLog.duration_seconds),
            )
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(WorkoutLog.user_id == user_id, TopSetLog.movement_id.in_(ids))
            .group_by(TopSetLog.movement_id, TopSetLog.weight)
        )
        if exclude_workout_id is not None:
            query = query.where(WorkoutLog.id != exclude_workout_id)
        rows = (await self.session.execute(query)).all()
        return [LiftHistory(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def best_recent_e1rm(
        self, user_id: int, movement_ids: Iterable[int], since: dt.date
    ) -> dict[int, float]:
        ids = list(movement_ids)
        if not ids:
            return {}
        rows = await self.session.execute(
            select(TopSetLog.movement_id, func.max(TopSetLog.e1rm_value))
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(
                WorkoutLog.user_id == user_id,
                WorkoutLog.date >= since,
                TopSetLog.movement_id.in_(ids),
                TopSetLog.e1rm_value.is_not(None),
            )
            .group_by(TopSetLog.movement_id)
        )
        return {movement_id: value for movement_id, value in rows.all()}

    # --- pattern exposures -----------------------------------------------------------------

    async def refresh_exposures(self, user_id: int, day: dt.date) -> int:
        """Make the day's exposures the best e1RM set of each pattern that day.

        Called after every write or removal of that day's sets, so exposures always point to
        the current best set. Without an active program whose microcycle holds the day there
        is no microcycle to file them under, and none are written. Returns how many rows.
        """
        await self.session.execute(
            delete(PatternExposure).where(PatternExposure.user_id == user_id, PatternExposure.date == day)
        )
        microcycle_id = await self.microcycle_id_on(user_id, day)
        if microcycle_id is None:
            return 0
        ranked = (
            select(
                TopSetLog.id,
                TopSetLog.pattern,
                TopSetLog.e1rm_value,
                func.row_number()
                .over(
                    partition_by=TopSetLog.pattern,
                    order_by=(TopSetLog.e1rm_value.desc(), TopSetLog.id),
                )
                .label("rank"),
            )
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date == day, TopSetLog.e1rm_value.is_not(None))
            .subquery()
        )
        best = (await self.session.execute(select(ranked).where(ranked.c.rank == 1))).all()
        self.session.add_all(
            PatternExposure(
                user_id=user_id,
                microcycle_id=microcycle_id,
                source_top_set_log_id=row.id,
                date=day,
                pattern=row.pattern,
                e1rm_value=row.e1rm_value,
            )
            for row in best
        )
        await self.session.flush()
        return len(best)

    async def exposures(
        self, user_id: int, since: dt.date, until: dt.date
    ) -> list[tuple[dt.date, MovementPattern, float, int]]:
        """(date, pattern, e1rm_value, movement_id) of every exposure in the window, oldest first."""
        rows = await self.session.execute(
            select(
                PatternExposure.date,
                PatternExposure.pattern,
                PatternExposure.e1rm_value,
                TopSetLog.movement_id,
            )
            .join(TopSetLog, TopSetLog.id == PatternExposure.source_top_set_log_id)
            .where(PatternExposure.user_id == user_id, PatternExposure.date.between(since, until))
            .order_by(PatternExposure.date, PatternExposure.id)
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows.all()]

    # --- the plan, read-only -----------------------------------------------------------------

    async def microcycle_id_on(self, user_id: int, day: dt.date) -> int | None:
        """The active program's microcycle whose days include ``day``."""
        return await self.session.scalar(
            select(Microcycle.id)
            .join(Program, Program.id == Microcycle.program_id)
            .where(
                _active_program(user_id),
                Microcycle.start_date <= day,
                Microcycle.start_date + Microcycle.length_days > day,
            )
            .order_by(Microcycle.sequence_number)
            .limit(1)
        )

    async def active_program_span(self, user_id: int) -> tuple[dt.date, dt.date] | None:
        """First and last day of the active program's microcycles, if the lifter has one."""
        row = (
            await self.session.execute(
                select(
                    func.min(Microcycle.start_date),
                    func.max(Microcycle.start_date + Microcycle.length_days - 1),
                )
                .join(Program, Program.id == Microcycle.program_id)
                .where(_active_program(user_id))
            )
        ).one()
        return (row[0], row[1]) if row[0] is not None else None

    async def microcycle_on(self, user_id: int, day: dt.date) -> Microcycle | None:
        microcycle_id = await self.microcycle_id_on(user_id, day)
        if microcycle_id is None:
            return None
        return await self.session.get(Microcycle, microcycle_id)

    async def planned_sessions_on(self, user_id: int, day: dt.date) -> Sequence[Session]:
        """The active program's sessions dated ``day``, with their exercises."""
        return (
            await self.session.scalars(
                select(Session)
                .join(Microcycle, Microcycle.id == Session.microcycle_id)
                .join(Program, Program.id == Microcycle.program_id)
                .where(_active_program(user_id), Session.date == day)
                .order_by(Session.id)
                .options(selectinload(Session.exercises))
            )
        ).all()

    async def owned_session(self, user_id: int, session_id: int) -> Session | None:
        """A session of one of the lifter's programs, with its exercises; ``None`` for anyone else's."""
        return await self.session.scalar(
            select(Session)
            .join(Microcycle, Microcycle.id == Session.microcycle_id)
            .join(Program, Program.id == Microcycle.program_id)
            .where(Session.id == session_id, Program.user_id == user_id)
            .options(selectinload(Session.exercises))
        )

    async def planned_exercises_between(
        self, user_id: int, start: dt.date, end: dt.date
    ) -> list[tuple[dt.date, int, int]]:
        """(date, movement_id, target_sets) of the active program's exercises in the window."""
        rows = await self.session.execute(
            select(Session.date, SessionExercise.movement_id, SessionExercise.target_sets)
            .join(Session, Session.id == SessionExercise.session_id)
            .join(Microcycle, Microcycle.id == Session.microcycle_id)
            .join(Program, Program.id == Microcycle.program_id)
            .where(_active_program(user_id), Session.date.between(start, end))
        )
        return [(r[0], r[1], r[2]) for r in rows.all()]

    async def planned_session_dates(
        self, user_id: int, start: dt.date, end: dt.date
    ) -> list[tuple[int, dt.date]]:
        """(session id, date) of the active program's sessions in the window, in date order."""
        rows = await self.session.execute(
            select(Session.id, Session.date)
            .join(Microcycle, Microcycle.id == Session.microcycle_id)
            .join(Program, Program.id == Microcycle.program_id)
            .where(_active_program(user_id), Session.date.between(start, end))
            .order_by(Session.date, Session.id)
        )
        return [(r[0], r[1]) for r in rows.all()]

    async def completed_session_ids(self, user_id: int, session_ids: Iterable[int]) -> set[int]:
        ids = list(session_ids)
        if not ids:
            return set()
        rows = await self.session.scalars(
            select(WorkoutLog.session_id)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.session_id.in_(ids))
            .distinct()
        )
        return {i for i in rows.all() if i is not None}

    # --- progress --------------------------------------------------------------------------

    async def daily_best_e1rm(
        self, user_id: int, since: dt.date, until: dt.date
    ) -> list[tuple[int, dt.date, float]]:
        """(movement_id, date, best e1RM) — the trend line of every lift, one point a day."""
        rows = await self.session.execute(
            select(TopSetLog.movement_id, WorkoutLog.date, func.max(TopSetLog.e1rm_value))
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(
                WorkoutLog.user_id == user_id,
                WorkoutLog.date.between(since, until),
                TopSetLog.e1rm_value.is_not(None),
            )
            .group_by(TopSetLog.movement_id, WorkoutLog.date)
            .order_by(WorkoutLog.date)
        )
        return [(r[0], r[1], r[2]) for r in rows.all()]

    async def best_e1rm_ever(self, user_id: int, until: dt.date) -> dict[int, float]:
        rows = await self.session.execute(
            select(TopSetLog.movement_id, func.max(TopSetLog.e1rm_value))
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date <= until, TopSetLog.e1rm_value.is_not(None))
            .group_by(TopSetLog.movement_id)
        )
        return {movement_id: value for movement_id, value in rows.all()}

    async def sets_between(
        self, user_id: int, start: dt.date, end: dt.date
    ) -> list[tuple[int, int, float | None, int | None, int | None, float | None]]:
        """(movement_id, reps, rpe, rir, duration_seconds, distance_m) of every set in the window."""
        rows = await self.session.execute(
            select(
                TopSetLog.movement_id,
                TopSetLog.reps,
                TopSetLog.rpe,
                TopSetLog.rir,
                TopSetLog.duration_seconds,
                TopSetLog.distance_m,
            )
            .join(WorkoutLog, WorkoutLog.id == TopSetLog.workout_log_id)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date.between(start, end))
        )
        return [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows.all()]

    async def workout_dates(self, user_id: int, since: dt.date, until: dt.date) -> list[dt.date]:
        rows = await self.session.scalars(
            select(WorkoutLog.date)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date.between(since, until))
            .distinct()
            .order_by(WorkoutLog.date)
        )
        return list(rows.all())

    async def recent_workouts(
        self,
        user_id: int,
        *,
        until: dt.date,
        limit: int = 10,
        movement_id: int | None = None,
    ) -> Sequence[WorkoutLog]:
        """The latest workouts up to ``until`` (only those with ``movement_id``, if given), newest first."""
        query = (
            select(WorkoutLog)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date <= until)
            .order_by(WorkoutLog.date.desc(), WorkoutLog.id.desc())
            .limit(limit)
            .options(selectinload(WorkoutLog.top_sets))
        )
        if movement_id is not None:
            query = query.where(
                WorkoutLog.id.in_(
                    select(TopSetLog.workout_log_id).where(TopSetLog.movement_id == movement_id)
                )
            )
        return (await self.session.scalars(query)).all()

    async def all_workouts(self, user_id: int) -> Sequence[WorkoutLog]:
        """Every workout with its sets, oldest first (for export)."""
        return (
            await self.session.scalars(
                select(WorkoutLog)
                .where(WorkoutLog.user_id == user_id)
                .order_by(WorkoutLog.date, WorkoutLog.id)
                .options(selectinload(WorkoutLog.top_sets))
            )
        ).all()

    async def existing_external_keys(self, user_id: int, keys: Iterable[str]) -> set[str]:
        wanted = list(keys)
        if not wanted:
            return set()
        rows = await self.session.scalars(
            select(WorkoutLog.external_key).where(
                WorkoutLog.user_id == user_id, WorkoutLog.external_key.in_(wanted)
            )
        )
        return {k for k in rows.all() if k is not None}

    async def movement_names(self, movement_ids: Iterable[int]) -> dict[int, str]:
        ids = list(set(movement_ids))
        if not ids:
            return {}
        rows = await self.session.execute(select(Movement.id, Movement.name).where(Movement.id.in_(ids)))
        return {movement_id: name for movement_id, name in rows.all()}

    # --- check-ins -------------------------------------------------------------------------

    async def add_soreness(
        self, user_id: int, day: dt.date, entries: Iterable[tuple[str, int]], notes: str | None = None
    ) -> int:
        """One row per muscle; the latest report of the day for a muscle replaces earlier ones."""
        rows = list(entries)
        async with self.session.begin_nested():
            await self.session.execute(
                delete(SorenessLog).where(
                    SorenessLog.user_id == user_id,
                    SorenessLog.date == day,
                    SorenessLog.body_part.in_([part for part, _ in rows]),
                )
            )
            self.session.add_all(
                SorenessLog(user_id=user_id, date=day, body_part=part, soreness_1_5=level, notes=notes)
                for part, level in rows
            )
            await self.session.flush()
        return len(rows)

    async def merge_manual_recovery(
        self, user_id: int, day: dt.date, values: dict[str, Any], raw: dict[str, Any], notes: str | None
    ) -> RecoverySignal:
        """The day's manual readiness row, created or updated field by field ("slept 6h" then "hrv 55")."""
        signal = await self.session.scalar(
            select(RecoverySignal)
            .where(
                RecoverySignal.user_id == user_id,
                RecoverySignal.date == day,
                RecoverySignal.source == RecoverySource.MANUAL,
            )
            .order_by(RecoverySignal.id.desc())
            .limit(1)
        )
        if signal is None:
            signal = RecoverySignal(
                user_id=user_id, date=day, source=RecoverySource.MANUAL, raw_payload_json={}
            )
            self.session.add(signal)
        for key, value in values.items():
            setattr(signal, key, value)
        signal.raw_payload_json = {**(signal.raw_payload_json or {}), **raw}
        signal.notes = "; ".join(filter(None, [signal.notes, notes])) or None
        await self.session.flush()
        return signal

    async def activity_definition_id(self, name: str) -> int | None:
        return await self.session.scalar(
            select(ActivityDefinition.id).where(func.lower(ActivityDefinition.name) == name.lower()).limit(1)
        )

    async def add_activity(
        self,
        user_id: int,
        *,
        activity_definition_id: int | None,
        start: dt.datetime,
        duration_seconds: int | None,
        perceived_difficulty: int | None,
        notes: str | None,
    ) -> ActivityInstance:
        instance = ActivityInstance(
            user_id=user_id,
            activity_definition_id=activity_definition_id,
            source=ActivitySource.MANUAL,
            performed_start=start,
            performed_end=start + dt.timedelta(seconds=duration_seconds) if duration_seconds else None,
            duration_seconds=duration_seconds,
            perceived_difficulty=perceived_difficulty,
            notes=notes,
        )
        self.session.add(instance)
        await self.session.flush()
        return instance
