"""What lifters did and how they feel: workouts, sets, pattern exposures, check-ins.

Writes that belong together (a workout, its sets and the day's pattern exposures) run in a
savepoint inside the caller's transaction, or as one statement, so a failure leaves nothing
half-written even when the caller goes on. Every query is scoped to one lifter: nobody reads
another's logs. Programs and sessions are read here (never written) to link logs to the plan
and to count planned volume.

A quick log from the chat is the hottest write in the product (a lifter between sets, every
few minutes), so ``log_workout`` is one prepared statement, one round trip: the workout, its
sets, and what the coach needs to answer (the planned session, its rest, the bests before).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, select, text
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


@dataclass(frozen=True, slots=True)
class LoggedWorkout:
    """A chat log as stored, with what the answer needs — read as it stood just before the log."""

    workout_log_id: int
    #: Today's planned session of the active program the workout was linked to, if any.
    session_id: int | None
    #: The lifter's bests on the logged movements before this log: the baseline for PRs.
    history: list[LiftHistory]
    #: Rest in seconds the planned session prescribes, by movement (its first such exercise).
    planned_rest: dict[int, int]
    #: Whether the day's pattern exposures must be rebuilt: a microcycle holds the day, or some
    #: exist already. Without either there is nothing to write and nothing to remove.
    exposures_due: bool


def _active_program(user_id: int) -> Any:
    return and_(Program.user_id == user_id, Program.is_active, Program.is_template.is_(False))


#: The active program's microcycles whose days include :day (for the statements below).
_CYCLES_ON_DAY = """
    SELECT m.id FROM microcycles m JOIN programs p ON p.id = m.program_id
    WHERE p.user_id = :user_id AND p.is_active AND NOT p.is_template
      AND m.start_date <= :day AND m.start_date + m.length_days > :day
"""

#: One round trip for a quick log. Every part of a statement sees the database as it was when
#: the statement began, so ``history`` and ``exposures_due`` read the state before this log.
#: Sets come as one array per column (constant SQL, however many sets: prepared once).
_LOG_WORKOUT = text(
    f"""
    WITH planned AS (
        SELECT s.id FROM sessions s
        JOIN microcycles m ON m.id = s.microcycle_id
        JOIN programs p ON p.id = m.program_id
        WHERE p.user_id = :user_id AND p.is_active AND NOT p.is_template AND s.date = :day
        ORDER BY s.id LIMIT 1
    ), workout AS (
        INSERT INTO workout_logs (user_id, date, session_id, source, notes)
        VALUES (:user_id, :day, (SELECT id FROM planned), :source, :notes)
        RETURNING id, session_id
    ), added AS (
        INSERT INTO top_set_logs (workout_log_id, movement_id, weight, reps, rpe, rir, e1rm_value,
                                  e1rm_formula, pattern, duration_seconds, distance_m, set_number,
                                  avg_rest_seconds)
        SELECT workout.id, s.movement_id, s.weight, s.reps, s.rpe, s.rir, s.e1rm_value,
               CAST(s.e1rm_formula AS e1rmformula), CAST(s.pattern AS movementpattern),
               s.duration_seconds, s.distance_m, s.set_number, s.avg_rest_seconds
        FROM workout, unnest(
            CAST(:movement_ids AS INTEGER[]), CAST(:weights AS FLOAT8[]), CAST(:reps AS INTEGER[]),
            CAST(:rpes AS FLOAT8[]), CAST(:rirs AS INTEGER[]), CAST(:e1rms AS FLOAT8[]),
            CAST(:formulas AS TEXT[]), CAST(:patterns AS TEXT[]), CAST(:durations AS INTEGER[]),
            CAST(:distances AS FLOAT8[]), CAST(:set_numbers AS INTEGER[]), CAST(:rests AS INTEGER[])
        ) AS s(movement_id, weight, reps, rpe, rir, e1rm_value, e1rm_formula, pattern,
               duration_seconds, distance_m, set_number, avg_rest_seconds)
    ), history AS (
        SELECT t.movement_id, t.weight, max(t.reps) AS max_reps, max(t.e1rm_value) AS max_e1rm,
               max(t.duration_seconds) AS max_duration
        FROM top_set_logs t JOIN workout_logs w ON w.id = t.workout_log_id
        WHERE w.user_id = :user_id AND t.movement_id = ANY(CAST(:movement_ids AS INTEGER[]))
        GROUP BY t.movement_id, t.weight
    ), rest AS (
        SELECT DISTINCT ON (e.movement_id) e.movement_id, e.default_rest_seconds
        FROM session_exercises e
        WHERE e.session_id = (SELECT id FROM planned) AND e.default_rest_seconds > 0
        ORDER BY e.movement_id, e.order_in_session, e.id
    )
    SELECT workout.id, workout.session_id,
        (SELECT json_agg(json_build_array(movement_id, weight, max_reps, max_e1rm, max_duration))
         FROM history) AS history,
        (SELECT json_agg(json_build_array(movement_id, default_rest_seconds)) FROM rest) AS rest,
        EXISTS ({_CYCLES_ON_DAY})
        OR EXISTS (SELECT 1 FROM pattern_exposures WHERE user_id = :user_id AND date = :day) AS exposures_due
    FROM workout
    """
)

#: The day's exposures rebuilt in one statement: the old rows go and the new ones come together.
_REFRESH_EXPOSURES = text(
    f"""
    WITH gone AS (
        DELETE FROM pattern_exposures WHERE user_id = :user_id AND date = :day
    ), cycle AS (
        {_CYCLES_ON_DAY}
        ORDER BY m.sequence_number LIMIT 1
    ), best AS (
        SELECT DISTINCT ON (t.pattern) t.id, t.pattern, t.e1rm_value
        FROM top_set_logs t JOIN workout_logs w ON w.id = t.workout_log_id
        WHERE w.user_id = :user_id AND w.date = :day AND t.e1rm_value IS NOT NULL
        ORDER BY t.pattern, t.e1rm_value DESC, t.id
    )
    INSERT INTO pattern_exposures (user_id, microcycle_id, source_top_set_log_id, date, pattern, e1rm_value)
    SELECT :user_id, cycle.id, best.id, :day, best.pattern, best.e1rm_value FROM best, cycle
    RETURNING id
    """
)


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

    async def log_workout(
        self,
        user_id: int,
        day: dt.date,
        sets: Sequence[SetRow],
        *,
        source: str = "chat",
        notes: str | None = None,
    ) -> LoggedWorkout:
        """A workout and all its sets in one statement (written together or not at all), linked
        to the active program's first session dated ``day``, with what the answer needs from
        before it: the bests on these movements, the planned rest, whether exposures are due.
        """
        if not sets:
            raise ValueError("a logged workout has at least one set")
        params = {
            "user_id": user_id,
            "day": day,
            "source": source,
            "notes": notes,
            "movement_ids": [s.movement_id for s in sets],
            "weights": [s.weight for s in sets],
            "reps": [s.reps for s in sets],
            "rpes": [s.rpe for s in sets],
            "rirs": [s.rir for s in sets],
            "e1rms": [s.e1rm_value for s in sets],
            "formulas": [s.e1rm_formula.name if s.e1rm_formula else None for s in sets],
            "patterns": [s.pattern.name for s in sets],
            "durations": [s.duration_seconds for s in sets],
            "distances": [s.distance_m for s in sets],
            "set_numbers": [s.set_number for s in sets],
            "rests": [s.avg_rest_seconds for s in sets],
        }
        row = (await self.session.execute(_LOG_WORKOUT, params)).one()
        history, rest = row.history or [], row.rest or []  # JSON arrives decoded (SQLAlchemy's codec)
        return LoggedWorkout(
            workout_log_id=row.id,
            session_id=row.session_id,
            history=[
                LiftHistory(
                    movement_id,
                    float(weight),
                    int(max_reps),
                    float(max_e1rm) if max_e1rm is not None else None,
                    int(max_duration) if max_duration is not None else None,
                )
                for movement_id, weight, max_reps, max_e1rm, max_duration in history
            ],
            planned_rest={movement_id: seconds for movement_id, seconds in rest},
            exposures_due=row.exposures_due,
        )

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
        result = await self.session.execute(_REFRESH_EXPOSURES, {"user_id": user_id, "day": day})
        return len(result.all())

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
