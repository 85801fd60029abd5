"""Read-only views of what a lifter logged, for daily adaptation and long-term goals.

Recovery signals, soreness, workouts and activities are written by the logbook; the coaching
engine only reads them here, always for one lifter and a date window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.models import (
    ActivityDefinition,
    ActivityInstance,
    ActivityMuscleMap,
    RecoverySignal,
    SorenessLog,
    TopSetLog,
    WorkoutLog,
)


@dataclass(frozen=True, slots=True)
class ActivityDone:
    """An activity performed on a day, with the activity's muscle map (slug → magnitude)."""

    date: dt.date
    name: str | None
    minutes: int | None
    muscles: dict[str, float]


class SignalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def recovery(self, user_id: int, start: dt.date, end: dt.date) -> Sequence[RecoverySignal]:
        return (
            await self.session.scalars(
                select(RecoverySignal)
                .where(RecoverySignal.user_id == user_id, RecoverySignal.date.between(start, end))
                .order_by(RecoverySignal.date, RecoverySignal.id)
            )
        ).all()

    async def soreness(self, user_id: int, start: dt.date, end: dt.date) -> Sequence[SorenessLog]:
        return (
            await self.session.scalars(
                select(SorenessLog)
                .where(SorenessLog.user_id == user_id, SorenessLog.date.between(start, end))
                .order_by(SorenessLog.date, SorenessLog.id)
            )
        ).all()

    async def workouts(self, user_id: int, start: dt.date, end: dt.date) -> Sequence[WorkoutLog]:
        """Workouts in the window with their sets (each set knows its movement pattern)."""
        return (
            await self.session.scalars(
                select(WorkoutLog)
                .where(WorkoutLog.user_id == user_id, WorkoutLog.date.between(start, end))
                .options(selectinload(WorkoutLog.top_sets))
                .order_by(WorkoutLog.date, WorkoutLog.id)
            )
        ).all()

    async def workouts_for_sessions(self, user_id: int, session_ids: Sequence[int]) -> Sequence[WorkoutLog]:
        if not session_ids:
            return []
        return (
            await self.session.scalars(
                select(WorkoutLog).where(
                    WorkoutLog.user_id == user_id, WorkoutLog.session_id.in_(list(session_ids))
                )
            )
        ).all()

    async def activities(self, user_id: int, start: dt.date, end: dt.date) -> list[ActivityDone]:
        """Activities whose start falls in the window (UTC dates), with their muscle maps."""
        rows = (
            await self.session.scalars(
                select(ActivityInstance)
                .where(
                    ActivityInstance.user_id == user_id,
                    func.date(ActivityInstance.performed_start).between(start, end),
                )
                .options(
                    selectinload(ActivityInstance.activity_definition)
                    .selectinload(ActivityDefinition.muscle_map)
                    .selectinload(ActivityMuscleMap.muscle)
                )
                .order_by(ActivityInstance.performed_start)
            )
        ).all()
        out = []
        for row in rows:
            definition = row.activity_definition
            muscles = {m.muscle.slug: m.magnitude for m in definition.muscle_map} if definition else {}
            assert row.performed_start is not None
            out.append(
                ActivityDone(
                    date=row.performed_start.date(),
                    name=definition.name if definition else None,
                    minutes=round(row.duration_seconds / 60) if row.duration_seconds else None,
                    muscles=muscles,
                )
            )
        return out

    async def best_e1rm(
        self, user_id: int, movement_ids: Sequence[int], start: dt.date, end: dt.date
    ) -> float | None:
        """The best estimated 1RM on any of these movements in the window."""
        if not movement_ids:
            return None
        value = await self.session.scalar(
            select(func.max(TopSetLog.e1rm_value))
            .join(WorkoutLog, TopSetLog.workout_log_id == WorkoutLog.id)
            .where(
                WorkoutLog.user_id == user_id,
                WorkoutLog.date.between(start, end),
                TopSetLog.movement_id.in_(list(movement_ids)),
            )
        )
        return float(value) if value is not None else None

    async def training_dates(self, user_id: int, start: dt.date, end: dt.date) -> list[dt.date]:
        """Days with a completed workout or a logged activity, for habit goals."""
        workouts = (
            await self.session.scalars(
                select(WorkoutLog.date)
                .where(
                    WorkoutLog.user_id == user_id, WorkoutLog.date.between(start, end), WorkoutLog.completed
                )
                .distinct()
            )
        ).all()
        activities = (
            await self.session.scalars(
                select(func.date(ActivityInstance.performed_start))
                .where(
                    ActivityInstance.user_id == user_id,
                    func.date(ActivityInstance.performed_start).between(start, end),
                )
                .distinct()
            )
        ).all()
        return sorted(set(workouts) | {d for d in activities if d is not None})
