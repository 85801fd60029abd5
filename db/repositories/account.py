"""Everything Gainsly stores about one lifter: exported as JSON, or deleted for good.

The export walks every table that holds the lifter's rows, directly (``user_id``) or through
a parent (a program's sessions, a log's sets, a thread's turns), so nothing of theirs is
missing and nothing of anyone else's slips in. Deletion leans on ``ON DELETE CASCADE``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from db.models import (
    ActivityInstance,
    ChatState,
    ConversationThread,
    ConversationTurn,
    GoalCheckin,
    MacroCycle,
    Microcycle,
    Movement,
    PatternExposure,
    Program,
    RecoverySignal,
    ReminderDelivery,
    RestTimer,
    Session,
    SessionExercise,
    SorenessLog,
    TopSetLog,
    User,
    UserEnjoyableActivity,
    UserGoal,
    UserMovementRule,
    UserSettings,
    WorkoutLog,
)

EXPORT_FORMAT = "gainsly-export/1"


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _movement_names(table: Table) -> dict[str, Any]:
    """Columns that point at movements get the movement's name beside the id, for readability."""
    return {column.name: column for column in table.columns if column.name == "movement_id"}


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, model: type, condition: ColumnElement[bool]) -> list[dict[str, Any]]:
        table: Table = model.__table__  # type: ignore[attr-defined]
        columns = list(table.columns)
        statement = select(*columns).where(condition)
        if _movement_names(table):
            statement = statement.add_columns(Movement.name.label("movement")).join(
                Movement, Movement.id == table.c.movement_id
            )
        primary = [c for c in columns if c.primary_key]
        rows = await self.session.execute(statement.order_by(*primary))
        return [{key: _plain(value) for key, value in row._mapping.items()} for row in rows]

    async def export(self, user_id: int) -> dict[str, Any]:
        """All of the lifter's data as JSON-ready values, one list per table."""
        mine = {
            "user_settings": (UserSettings, UserSettings.user_id == user_id),
            "movement_rules": (UserMovementRule, UserMovementRule.user_id == user_id),
            "enjoyable_activities": (UserEnjoyableActivity, UserEnjoyableActivity.user_id == user_id),
            "custom_movements": (Movement, Movement.user_id == user_id),
            "macro_cycles": (MacroCycle, MacroCycle.user_id == user_id),
            "programs": (Program, Program.user_id == user_id),
            "microcycles": (
                Microcycle,
                Microcycle.program_id.in_(select(Program.id).where(Program.user_id == user_id)),
            ),
            "sessions": (Session, Session.microcycle_id.in_(self._microcycles(user_id))),
            "session_exercises": (
                SessionExercise,
                SessionExercise.session_id.in_(
                    select(Session.id).where(Session.microcycle_id.in_(self._microcycles(user_id)))
                ),
            ),
            "workout_logs": (WorkoutLog, WorkoutLog.user_id == user_id),
            "top_set_logs": (
                TopSetLog,
                TopSetLog.workout_log_id.in_(select(WorkoutLog.id).where(WorkoutLog.user_id == user_id)),
            ),
            "pattern_exposures": (PatternExposure, PatternExposure.user_id == user_id),
            "soreness_logs": (SorenessLog, SorenessLog.user_id == user_id),
            "recovery_signals": (RecoverySignal, RecoverySignal.user_id == user_id),
            "goals": (UserGoal, UserGoal.user_id == user_id),
            "goal_checkins": (
                GoalCheckin,
                GoalCheckin.goal_id.in_(select(UserGoal.id).where(UserGoal.user_id == user_id)),
            ),
            "activity_instances": (ActivityInstance, ActivityInstance.user_id == user_id),
            "conversation_threads": (ConversationThread, ConversationThread.user_id == user_id),
            "conversation_turns": (
                ConversationTurn,
                ConversationTurn.thread_id.in_(
                    select(ConversationThread.id).where(ConversationThread.user_id == user_id)
                ),
            ),
            "chat_state": (ChatState, ChatState.user_id == user_id),
            "reminder_deliveries": (ReminderDelivery, ReminderDelivery.user_id == user_id),
            "rest_timers": (RestTimer, RestTimer.user_id == user_id),
        }
        users = await self._rows(User, User.id == user_id)
        document: dict[str, Any] = {"format": EXPORT_FORMAT, "user": users[0] if users else None}
        for name, (model, condition) in mine.items():
            document[name] = await self._rows(model, condition)
        return document

    @staticmethod
    def _microcycles(user_id: int) -> Any:
        return select(Microcycle.id).where(
            Microcycle.program_id.in_(select(Program.id).where(Program.user_id == user_id))
        )

    async def delete(self, user_id: int) -> None:
        """Remove the lifter; every table above cascades from ``users``."""
        await self.session.execute(delete(User).where(User.id == user_id))
