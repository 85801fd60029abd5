"""What lifters did and how they feel: workouts, sets, pattern exposures, soreness, recovery."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, enum_default, flag, json_list, sql_enum
from db.enums import E1RMFormula, MovementPattern, RecoverySource, Visibility

if TYPE_CHECKING:
    from db.models.movements import Movement
    from db.models.programs import Microcycle, Session
    from db.models.users import User


class WorkoutLog(Base):
    __tablename__ = "workout_logs"
    __table_args__ = (
        CheckConstraint(
            "perceived_difficulty IS NULL OR perceived_difficulty BETWEEN 1 AND 10",
            name="perceived_difficulty_range",
        ),
        CheckConstraint(
            "enjoyment_rating IS NULL OR enjoyment_rating BETWEEN 1 AND 5", name="enjoyment_rating_range"
        ),
        CheckConstraint(
            "actual_duration_minutes IS NULL OR actual_duration_minutes >= 0", name="duration_non_negative"
        ),
        # An imported workout carries a key from its file, so importing the same file twice adds nothing.
        Index("uq_workout_logs_user_external_key", "user_id", "external_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    # NULL = an ad-hoc workout. A regenerated program must not take the lifter's history with it.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"), index=True)
    date: Mapped[dt.date] = mapped_column(nullable=False, index=True)
    completed: Mapped[bool] = flag(True)
    notes: Mapped[str | None] = mapped_column(Text)
    perceived_difficulty: Mapped[int | None] = mapped_column(Integer)
    enjoyment_rating: Mapped[int | None] = mapped_column(Integer)
    feedback_tags: Mapped[list[Any]] = json_list()
    actual_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    visibility: Mapped[Visibility] = mapped_column(
        sql_enum(Visibility), nullable=False, **enum_default(Visibility.PRIVATE)
    )
    created_at: Mapped[dt.datetime] = created_at()
    # Not in the supplement: where the log came from ("chat", "button", "import") and, for
    # imports, a stable key of the source row.
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="chat", server_default="chat")
    external_key: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User] = relationship(back_populates="workout_logs")
    session: Mapped[Session | None] = relationship(back_populates="workout_logs")
    top_sets: Mapped[list[TopSetLog]] = relationship(
        back_populates="workout_log",
        order_by="TopSetLog.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class TopSetLog(Base):
    __tablename__ = "top_set_logs"
    __table_args__ = (
        CheckConstraint("weight >= 0", name="weight_non_negative"),
        CheckConstraint("reps >= 0", name="reps_non_negative"),
        CheckConstraint("rpe IS NULL OR (rpe >= 6 AND rpe <= 10)", name="rpe_range"),
        CheckConstraint("rir IS NULL OR rir >= 0", name="rir_non_negative"),
        CheckConstraint("avg_rest_seconds IS NULL OR avg_rest_seconds >= 0", name="rest_non_negative"),
        CheckConstraint("duration_seconds IS NULL OR duration_seconds >= 0", name="duration_non_negative"),
        CheckConstraint("distance_m IS NULL OR distance_m >= 0", name="distance_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    workout_log_id: Mapped[int] = mapped_column(
        ForeignKey("workout_logs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    movement_id: Mapped[int] = mapped_column(ForeignKey("movements.id"), nullable=False, index=True)
    #: Kilograms, always; converted at the edges for lifters who use pounds.
    weight: Mapped[float] = mapped_column(Float, nullable=False)
    reps: Mapped[int] = mapped_column(Integer, nullable=False)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(Integer)
    avg_rest_seconds: Mapped[int | None] = mapped_column(Integer)
    e1rm_value: Mapped[float | None] = mapped_column(Float)
    e1rm_formula: Mapped[E1RMFormula | None] = mapped_column(sql_enum(E1RMFormula))
    pattern: Mapped[MovementPattern] = mapped_column(sql_enum(MovementPattern), nullable=False, index=True)
    created_at: Mapped[dt.datetime] = created_at()
    # Not in the supplement: timed holds and cardio are sets too, and a log keeps set order.
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[float | None] = mapped_column(Float)
    set_number: Mapped[int | None] = mapped_column(Integer)

    workout_log: Mapped[WorkoutLog] = relationship(back_populates="top_sets")
    movement: Mapped[Movement] = relationship(back_populates="top_set_logs")
    pattern_exposures: Mapped[list[PatternExposure]] = relationship(
        back_populates="source_top_set", cascade="all, delete-orphan", passive_deletes=True
    )


class PatternExposure(Base):
    __tablename__ = "pattern_exposures"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    microcycle_id: Mapped[int] = mapped_column(
        ForeignKey("microcycles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    source_top_set_log_id: Mapped[int] = mapped_column(
        ForeignKey("top_set_logs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    date: Mapped[dt.date] = mapped_column(nullable=False)
    pattern: Mapped[MovementPattern] = mapped_column(sql_enum(MovementPattern), nullable=False)
    e1rm_value: Mapped[float] = mapped_column(Float, nullable=False)
    created_at: Mapped[dt.datetime] = created_at()

    microcycle: Mapped[Microcycle] = relationship(back_populates="pattern_exposures")
    source_top_set: Mapped[TopSetLog] = relationship(back_populates="pattern_exposures")


class SorenessLog(Base):
    __tablename__ = "soreness_logs"
    __table_args__ = (CheckConstraint("soreness_1_5 BETWEEN 1 AND 5", name="soreness_range"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    inferred_cause_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    date: Mapped[dt.date] = mapped_column(nullable=False, index=True)
    body_part: Mapped[str] = mapped_column(String(50), nullable=False)
    soreness_1_5: Mapped[int] = mapped_column(Integer, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at()

    user: Mapped[User] = relationship(back_populates="soreness_logs")


class RecoverySignal(Base):
    __tablename__ = "recovery_signals"
    __table_args__ = (
        CheckConstraint(
            "sleep_score IS NULL OR (sleep_score >= 0 AND sleep_score <= 100)", name="sleep_score_range"
        ),
        CheckConstraint("readiness IS NULL OR (readiness >= 0 AND readiness <= 100)", name="readiness_range"),
        CheckConstraint(
            "sleep_hours IS NULL OR (sleep_hours >= 0 AND sleep_hours <= 24)", name="sleep_hours_range"
        ),
        CheckConstraint("hrv IS NULL OR hrv >= 0", name="hrv_non_negative"),
        CheckConstraint(
            "resting_hr IS NULL OR (resting_hr >= 20 AND resting_hr <= 250)", name="resting_hr_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"), index=True)
    date: Mapped[dt.date] = mapped_column(nullable=False, index=True)
    source: Mapped[RecoverySource] = mapped_column(
        sql_enum(RecoverySource), nullable=False, **enum_default(RecoverySource.DUMMY)
    )
    hrv: Mapped[float | None] = mapped_column(Float)
    resting_hr: Mapped[int | None] = mapped_column(Integer)
    sleep_score: Mapped[float | None] = mapped_column(Float)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    readiness: Mapped[float | None] = mapped_column(Float)
    raw_payload_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at()

    user: Mapped[User] = relationship(back_populates="recovery_signals")
