"""Disciplines, muscles, activity definitions with their muscle maps, and performed activities."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, enum_default, sql_enum
from db.enums import ActivityCategory, ActivitySource, DisciplineCategory, MetricType, Visibility

if TYPE_CHECKING:
    from db.models.programs import Session
    from db.models.users import User


class Discipline(Base):
    __tablename__ = "disciplines"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(100), nullable=False, unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    category: Mapped[DisciplineCategory] = mapped_column(sql_enum(DisciplineCategory), nullable=False)

    activity_definitions: Mapped[list[ActivityDefinition]] = relationship(back_populates="discipline")


class Muscle(Base):
    __tablename__ = "muscles"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    region: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = created_at()


class ActivityDefinition(Base):
    __tablename__ = "activity_definitions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    category: Mapped[ActivityCategory] = mapped_column(sql_enum(ActivityCategory), nullable=False, index=True)
    discipline_id: Mapped[int | None] = mapped_column(
        ForeignKey("disciplines.id", ondelete="SET NULL"), index=True
    )
    default_metric_type: Mapped[MetricType | None] = mapped_column(sql_enum(MetricType))
    default_equipment_tags: Mapped[list[Any] | None] = mapped_column(JSON)

    discipline: Mapped[Discipline | None] = relationship(back_populates="activity_definitions")
    activity_instances: Mapped[list[ActivityInstance]] = relationship(back_populates="activity_definition")
    muscle_map: Mapped[list[ActivityMuscleMap]] = relationship(
        back_populates="activity_definition", cascade="all, delete-orphan", passive_deletes=True
    )


class ActivityMuscleMap(Base):
    __tablename__ = "activity_muscle_map"
    __table_args__ = (
        UniqueConstraint("activity_definition_id", "muscle_id", name="uq_activity_muscle_map_pair"),
        CheckConstraint("magnitude > 0", name="magnitude_positive"),
        CheckConstraint(
            "cns_impact IS NULL OR (cns_impact >= 0 AND cns_impact <= 1)", name="cns_impact_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    activity_definition_id: Mapped[int] = mapped_column(
        ForeignKey("activity_definitions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    muscle_id: Mapped[int] = mapped_column(
        ForeignKey("muscles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    magnitude: Mapped[float] = mapped_column(Float, nullable=False, default=1.0, server_default="1.0")
    cns_impact: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = created_at()

    activity_definition: Mapped[ActivityDefinition] = relationship(back_populates="muscle_map")
    muscle: Mapped[Muscle] = relationship()


class ActivityInstance(Base):
    __tablename__ = "activity_instances"
    __table_args__ = (
        CheckConstraint(
            "perceived_difficulty IS NULL OR perceived_difficulty BETWEEN 1 AND 10",
            name="perceived_difficulty_range",
        ),
        CheckConstraint(
            "enjoyment_rating IS NULL OR enjoyment_rating BETWEEN 1 AND 5", name="enjoyment_rating_range"
        ),
        CheckConstraint("duration_seconds IS NULL OR duration_seconds >= 0", name="duration_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    planned_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    activity_definition_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_definitions.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[ActivitySource] = mapped_column(sql_enum(ActivitySource), nullable=False, index=True)
    performed_start: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    performed_end: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    perceived_difficulty: Mapped[int | None] = mapped_column(Integer)
    enjoyment_rating: Mapped[int | None] = mapped_column(Integer)
    visibility: Mapped[Visibility] = mapped_column(
        sql_enum(Visibility), nullable=False, **enum_default(Visibility.PRIVATE)
    )

    user: Mapped[User] = relationship(back_populates="activity_instances")
    activity_definition: Mapped[ActivityDefinition | None] = relationship(back_populates="activity_instances")
    session: Mapped[Session | None] = relationship(back_populates="activity_instances")
