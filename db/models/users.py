"""Lifters, their settings, movement rules and enjoyable activities."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, enum_default, flag, json_list, sql_enum
from db.enums import (
    E1RMFormula,
    EnjoyableActivity,
    ExperienceLevel,
    MovementRuleType,
    PersonaAggression,
    PersonaTone,
    RuleCadence,
)

if TYPE_CHECKING:
    from db.models.activities import ActivityInstance
    from db.models.conversation import ChatState, ConversationThread
    from db.models.goals import MacroCycle, UserGoal
    from db.models.logs import RecoverySignal, SorenessLog, WorkoutLog
    from db.models.movements import Movement
    from db.models.programs import Program

_USER_FK = {"ondelete": "CASCADE"}
_OWNED = {"cascade": "all, delete-orphan", "passive_deletes": True}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(255), unique=True)
    experience_level: Mapped[ExperienceLevel] = mapped_column(
        sql_enum(ExperienceLevel), nullable=False, **enum_default(ExperienceLevel.INTERMEDIATE)
    )
    persona_tone: Mapped[PersonaTone] = mapped_column(
        sql_enum(PersonaTone), nullable=False, **enum_default(PersonaTone.SUPPORTIVE)
    )
    persona_aggression: Mapped[PersonaAggression] = mapped_column(
        sql_enum(PersonaAggression), nullable=False, **enum_default(PersonaAggression.BALANCED)
    )
    # Telegram coach additions (schema supplement).
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="UTC", server_default="UTC")
    created_at: Mapped[dt.datetime] = created_at()
    # Terminal users (`gainsly chat --user NAME`) are found by this handle, not by display name.
    local_handle: Mapped[str | None] = mapped_column(String(100), unique=True)
    onboarded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when Telegram answers 403: the user blocked the bot, so nothing more is sent.
    blocked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    settings: Mapped[UserSettings | None] = relationship(back_populates="user", uselist=False, **_OWNED)
    movement_rules: Mapped[list[UserMovementRule]] = relationship(back_populates="user", **_OWNED)
    enjoyable_activities: Mapped[list[UserEnjoyableActivity]] = relationship(back_populates="user", **_OWNED)
    programs: Mapped[list[Program]] = relationship(back_populates="user", **_OWNED)
    workout_logs: Mapped[list[WorkoutLog]] = relationship(back_populates="user", **_OWNED)
    soreness_logs: Mapped[list[SorenessLog]] = relationship(back_populates="user", **_OWNED)
    recovery_signals: Mapped[list[RecoverySignal]] = relationship(back_populates="user", **_OWNED)
    conversation_threads: Mapped[list[ConversationThread]] = relationship(back_populates="user", **_OWNED)
    macro_cycles: Mapped[list[MacroCycle]] = relationship(back_populates="user", **_OWNED)
    goals: Mapped[list[UserGoal]] = relationship(back_populates="user", **_OWNED)
    activity_instances: Mapped[list[ActivityInstance]] = relationship(back_populates="user", **_OWNED)
    chat_state: Mapped[ChatState | None] = relationship(back_populates="user", uselist=False, **_OWNED)
    custom_movements: Mapped[list[Movement]] = relationship(back_populates="owner", **_OWNED)


class UserSettings(Base):
    __tablename__ = "user_settings"
    __table_args__ = (CheckConstraint("session_minutes BETWEEN 10 AND 300", name="session_minutes_range"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", **_USER_FK), nullable=False, unique=True)
    active_e1rm_formula: Mapped[E1RMFormula] = mapped_column(
        sql_enum(E1RMFormula), nullable=False, **enum_default(E1RMFormula.EPLEY)
    )
    use_metric: Mapped[bool] = flag(True)
    # Telegram coach additions (schema supplement). reminder_time is local to users.timezone.
    reminder_time: Mapped[dt.time | None] = mapped_column(Time)
    reminders_enabled: Mapped[bool] = flag(True)
    session_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=60, server_default="60")
    equipment: Mapped[list[Any]] = json_list()
    reminder_snoozed_on: Mapped[dt.date | None] = mapped_column()
    evening_nudge_enabled: Mapped[bool] = flag(False)
    weekly_summary_enabled: Mapped[bool] = flag(True)

    user: Mapped[User] = relationship(back_populates="settings")


class UserMovementRule(Base):
    __tablename__ = "user_movement_rules"
    __table_args__ = (
        UniqueConstraint("user_id", "movement_id", name="uq_user_movement_rules_user_movement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", **_USER_FK), nullable=False, index=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    rule_type: Mapped[MovementRuleType] = mapped_column(sql_enum(MovementRuleType), nullable=False)
    cadence: Mapped[RuleCadence] = mapped_column(
        sql_enum(RuleCadence), nullable=False, **enum_default(RuleCadence.PER_MICROCYCLE)
    )
    notes: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(back_populates="movement_rules")
    movement: Mapped[Movement] = relationship(back_populates="user_rules")


class UserEnjoyableActivity(Base):
    __tablename__ = "user_enjoyable_activities"
    __table_args__ = (CheckConstraint("recommend_every_days >= 1", name="recommend_every_days_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", **_USER_FK), nullable=False, index=True)
    activity_type: Mapped[EnjoyableActivity] = mapped_column(sql_enum(EnjoyableActivity), nullable=False)
    custom_name: Mapped[str | None] = mapped_column(String(100))
    recommend_every_days: Mapped[int] = mapped_column(
        Integer, nullable=False, default=28, server_default=text("28")
    )
    enabled: Mapped[bool] = flag(True)
    notes: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(back_populates="enjoyable_activities")
