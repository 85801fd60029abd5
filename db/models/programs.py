"""Programs, their microcycles, sessions and prescribed exercises."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, enum_default, flag, json_list, sql_enum
from db.enums import (
    ExerciseRole,
    Goal,
    MicrocycleStatus,
    PersonaAggression,
    PersonaTone,
    ProgressionStyle,
    SessionType,
    SplitTemplate,
    Visibility,
)

if TYPE_CHECKING:
    from db.models.activities import ActivityInstance
    from db.models.goals import MacroCycle, UserGoal
    from db.models.logs import PatternExposure, WorkoutLog
    from db.models.movements import CircuitTemplate, Movement
    from db.models.users import User

_CHILDREN = {"cascade": "all, delete-orphan", "passive_deletes": True}


class Program(Base):
    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("duration_weeks >= 8 AND duration_weeks <= 12", name="duration_weeks_range"),
        CheckConstraint(
            "goal_weight_1 >= 0 AND goal_weight_2 >= 0 AND goal_weight_3 >= 0",
            name="goal_weights_non_negative",
        ),
        CheckConstraint("goal_weight_1 + goal_weight_2 + goal_weight_3 = 10", name="goal_weights_sum_10"),
        CheckConstraint("deload_every_n_microcycles >= 1", name="deload_every_positive"),
        # One active program per lifter: two concurrent regenerations cannot both win.
        Index(
            "uq_programs_one_active_per_user",
            "user_id",
            unique=True,
            postgresql_where=text("is_active AND NOT is_template"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    macro_cycle_id: Mapped[int | None] = mapped_column(
        ForeignKey("macro_cycles.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(nullable=False)
    duration_weeks: Mapped[int] = mapped_column(Integer, nullable=False)
    goal_1: Mapped[Goal] = mapped_column(sql_enum(Goal), nullable=False)
    goal_2: Mapped[Goal] = mapped_column(sql_enum(Goal), nullable=False)
    goal_3: Mapped[Goal] = mapped_column(sql_enum(Goal), nullable=False)
    goal_weight_1: Mapped[int] = mapped_column(Integer, nullable=False)
    goal_weight_2: Mapped[int] = mapped_column(Integer, nullable=False)
    goal_weight_3: Mapped[int] = mapped_column(Integer, nullable=False)
    split_template: Mapped[SplitTemplate] = mapped_column(sql_enum(SplitTemplate), nullable=False)
    days_per_week: Mapped[int] = mapped_column(Integer, nullable=False)
    progression_style: Mapped[ProgressionStyle] = mapped_column(sql_enum(ProgressionStyle), nullable=False)
    hybrid_definition: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    disciplines_json: Mapped[list[Any] | None] = mapped_column(JSON)
    deload_every_n_microcycles: Mapped[int] = mapped_column(
        Integer, nullable=False, default=4, server_default=text("4")
    )
    persona_tone: Mapped[PersonaTone] = mapped_column(sql_enum(PersonaTone), nullable=False)
    persona_aggression: Mapped[PersonaAggression] = mapped_column(sql_enum(PersonaAggression), nullable=False)
    is_active: Mapped[bool] = flag(True)
    is_template: Mapped[bool] = flag(False)
    visibility: Mapped[Visibility] = mapped_column(
        sql_enum(Visibility), nullable=False, **enum_default(Visibility.PRIVATE)
    )
    created_at: Mapped[dt.datetime] = created_at()
    # Not in the overview: the generator's seed (same profile + seed = same program) and the
    # profile it was generated from, so a regeneration or a plan shift can reproduce it.
    seed: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default=text("0"))
    profile_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User] = relationship(back_populates="programs")
    macro_cycle: Mapped[MacroCycle | None] = relationship(back_populates="programs")
    microcycles: Mapped[list[Microcycle]] = relationship(
        back_populates="program", order_by="Microcycle.sequence_number", **_CHILDREN
    )
    goals: Mapped[list[UserGoal]] = relationship(back_populates="program", **_CHILDREN)


class Microcycle(Base):
    __tablename__ = "microcycles"
    __table_args__ = (
        CheckConstraint("length_days >= 7 AND length_days <= 10", name="length_days_range"),
        CheckConstraint("sequence_number >= 1", name="sequence_number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start_date: Mapped[dt.date] = mapped_column(nullable=False)
    length_days: Mapped[int] = mapped_column(Integer, nullable=False)
    sequence_number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[MicrocycleStatus] = mapped_column(
        sql_enum(MicrocycleStatus), nullable=False, **enum_default(MicrocycleStatus.PLANNED)
    )
    is_deload: Mapped[bool] = flag(False)

    program: Mapped[Program] = relationship(back_populates="microcycles")
    sessions: Mapped[list[Session]] = relationship(
        back_populates="microcycle", order_by="Session.day_number", **_CHILDREN
    )
    pattern_exposures: Mapped[list[PatternExposure]] = relationship(back_populates="microcycle", **_CHILDREN)


class Session(Base):
    __tablename__ = "sessions"
    __table_args__ = (CheckConstraint("day_number >= 1 AND day_number <= 10", name="day_number_range"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    microcycle_id: Mapped[int] = mapped_column(
        ForeignKey("microcycles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    main_circuit_id: Mapped[int | None] = mapped_column(
        ForeignKey("circuit_templates.id", ondelete="SET NULL"), index=True
    )
    finisher_circuit_id: Mapped[int | None] = mapped_column(
        ForeignKey("circuit_templates.id", ondelete="SET NULL"), index=True
    )
    date: Mapped[dt.date] = mapped_column(nullable=False, index=True)
    day_number: Mapped[int] = mapped_column(Integer, nullable=False)
    session_type: Mapped[SessionType] = mapped_column(sql_enum(SessionType), nullable=False)
    intent_tags: Mapped[list[Any]] = json_list()
    warmup_json: Mapped[list[Any] | None] = mapped_column(JSON)
    main_json: Mapped[list[Any] | None] = mapped_column(JSON)
    accessory_json: Mapped[list[Any] | None] = mapped_column(JSON)
    finisher_json: Mapped[list[Any] | None] = mapped_column(JSON)
    cooldown_json: Mapped[list[Any] | None] = mapped_column(JSON)
    estimated_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    warmup_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    main_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    accessory_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    finisher_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    cooldown_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    coach_notes: Mapped[str | None] = mapped_column(Text)
    # Not in the overview: the daily adaptation applied to this session (decision, reasons, the
    # inputs it saw and the prescription before it), so re-running it changes nothing.
    adaptation_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    microcycle: Mapped[Microcycle] = relationship(back_populates="sessions")
    exercises: Mapped[list[SessionExercise]] = relationship(
        back_populates="session", order_by="SessionExercise.order_in_session", **_CHILDREN
    )
    workout_logs: Mapped[list[WorkoutLog]] = relationship(back_populates="session", passive_deletes=True)
    activity_instances: Mapped[list[ActivityInstance]] = relationship(
        back_populates="session", passive_deletes=True
    )
    main_circuit: Mapped[CircuitTemplate | None] = relationship(
        back_populates="main_sessions", foreign_keys=[main_circuit_id]
    )
    finisher_circuit: Mapped[CircuitTemplate | None] = relationship(
        back_populates="finisher_sessions", foreign_keys=[finisher_circuit_id]
    )


class SessionExercise(Base):
    __tablename__ = "session_exercises"
    __table_args__ = (
        CheckConstraint("target_sets >= 0", name="target_sets_non_negative"),
        CheckConstraint(
            "target_rep_range_min IS NULL OR target_rep_range_max IS NULL "
            "OR target_rep_range_min <= target_rep_range_max",
            name="rep_range_ordered",
        ),
        CheckConstraint(
            "target_rpe IS NULL OR (target_rpe >= 1 AND target_rpe <= 10)", name="target_rpe_range"
        ),
        CheckConstraint("target_rir IS NULL OR target_rir >= 0", name="target_rir_non_negative"),
        CheckConstraint("order_in_session >= 1", name="order_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    movement_id: Mapped[int] = mapped_column(ForeignKey("movements.id"), nullable=False, index=True)
    role: Mapped[ExerciseRole] = mapped_column(sql_enum(ExerciseRole), nullable=False)
    order_in_session: Mapped[int] = mapped_column(Integer, nullable=False)
    superset_group: Mapped[int | None] = mapped_column(Integer)
    target_sets: Mapped[int] = mapped_column(Integer, nullable=False)
    target_rep_range_min: Mapped[int | None] = mapped_column(Integer)
    target_rep_range_max: Mapped[int | None] = mapped_column(Integer)
    target_rpe: Mapped[float | None] = mapped_column(Float)
    target_rir: Mapped[int | None] = mapped_column(Integer)
    target_duration_seconds: Mapped[int | None] = mapped_column(Integer)
    default_rest_seconds: Mapped[int | None] = mapped_column(Integer)
    is_complex_lift: Mapped[bool] = flag(False)
    substitution_allowed: Mapped[bool] = flag(True)
    notes: Mapped[str | None] = mapped_column(Text)

    session: Mapped[Session] = relationship(back_populates="exercises")
    movement: Mapped[Movement] = relationship(back_populates="session_exercises")
