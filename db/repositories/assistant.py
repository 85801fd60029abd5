"""What the talking coach reads and writes: a lifter's recent training and feelings, accepted changes.

Every query is scoped by ``user_id`` — the assistant passes the lifter who is talking, never an
id that came from a model or a button — so an injected instruction has no way to reach another
lifter's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction

from db.models import (
    ConversationThread,
    RecoverySignal,
    SorenessLog,
    TopSetLog,
    WorkoutLog,
)


@dataclass(frozen=True)
class LoggedSet:
    date: dt.date
    movement_id: int
    weight_kg: float
    reps: int
    rpe: float | None
    e1rm_kg: float | None
    duration_seconds: int | None
    distance_m: float | None


class AssistantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def savepoint(self) -> AsyncSessionTransaction:
        """A nested transaction: a tool that fails undoes its own writes and nothing else."""
        return self.session.begin_nested()

    async def recent_sets(self, user_id: int, since: dt.date, limit: int = 40) -> list[LoggedSet]:
        """The lifter's logged sets since ``since``, newest first."""
        rows = await self.session.execute(
            select(WorkoutLog.date, TopSetLog)
            .join(TopSetLog, TopSetLog.workout_log_id == WorkoutLog.id)
            .where(WorkoutLog.user_id == user_id, WorkoutLog.date >= since)
            .order_by(WorkoutLog.date.desc(), TopSetLog.id.desc())
            .limit(limit)
        )
        return [
            LoggedSet(
                date=day,
                movement_id=s.movement_id,
                weight_kg=s.weight,
                reps=s.reps,
                rpe=s.rpe,
                e1rm_kg=s.e1rm_value,
                duration_seconds=s.duration_seconds,
                distance_m=s.distance_m,
            )
            for day, s in rows.all()
        ]

    async def recent_soreness(self, user_id: int, since: dt.date) -> Sequence[SorenessLog]:
        return (
            await self.session.scalars(
                select(SorenessLog)
                .where(SorenessLog.user_id == user_id, SorenessLog.date >= since)
                .order_by(SorenessLog.date.desc(), SorenessLog.id.desc())
            )
        ).all()

    async def recent_recovery(self, user_id: int, since: dt.date) -> Sequence[RecoverySignal]:
        return (
            await self.session.scalars(
                select(RecoverySignal)
                .where(RecoverySignal.user_id == user_id, RecoverySignal.date >= since)
                .order_by(RecoverySignal.date.desc(), RecoverySignal.id.desc())
            )
        ).all()

    async def record_accepted(self, thread: ConversationThread, change: dict[str, Any]) -> None:
        """Add ``change`` to the thread's accepted plan and mark the plan accepted."""
        accepted = dict(thread.accepted_plan_json or {})
        accepted["changes"] = [*accepted.get("changes", []), change]
        thread.accepted_plan_json = accepted
        thread.final_plan_accepted = True
        await self.session.flush()
