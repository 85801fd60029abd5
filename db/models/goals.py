"""Long-term goals, their check-ins, and the macro cycles that group programs toward them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, enum_default, sql_enum
from db.enums import GoalStatus, GoalType

if TYPE_CHECKING:
    from db.models.programs import Program
    from db.models.users import User


class MacroCycle(Base):
    __tablename__ = "macro_cycles"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(nullable=False)
    end_date: Mapped[dt.date] = mapped_column(nullable=False)
    created_at: Mapped[dt.datetime] = created_at()

    user: Mapped[User] = relationship(back_populates="macro_cycles")
    programs: Mapped[list[Program]] = relationship(
        back_populates="macro_cycle", order_by="Program.start_date"
    )
    goals: Mapped[list[UserGoal]] = relationship(back_populates="macro_cycle")


class UserGoal(Base):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority_range"),
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="effective_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    macro_cycle_id: Mapped[int | None] = mapped_column(
        ForeignKey("macro_cycles.id", ondelete="SET NULL"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"), index=True)
    goal_type: Mapped[GoalType] = mapped_column(sql_enum(GoalType), nullable=False)
    target_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=3, server_default=text("3"))
    status: Mapped[GoalStatus] = mapped_column(
        sql_enum(GoalStatus), nullable=False, **enum_default(GoalStatus.ACTIVE)
    )
    effective_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    effective_to: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="goals")
    macro_cycle: Mapped[MacroCycle | None] = relationship(back_populates="goals")
    program: Mapped[Program | None] = relationship(back_populates="goals")
    checkins: Mapped[list[GoalCheckin]] = relationship(
        back_populates="goal", order_by="GoalCheckin.date", cascade="all, delete-orphan", passive_deletes=True
    )


class GoalCheckin(Base):
    __tablename__ = "goal_checkins"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("goals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    date: Mapped[dt.date] = mapped_column(nullable=False)
    value_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at()

    goal: Mapped[UserGoal] = relationship(back_populates="checkins")
