"""The movement library: movements, how they relate, and circuit templates.

Classification columns are plain strings holding enum semantic values, as the overview
specifies; ``db.library`` validates them against the enums before they are written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, flag, json_list, sql_enum
from db.enums import CircuitType

if TYPE_CHECKING:
    from db.models.logs import TopSetLog
    from db.models.programs import Session, SessionExercise
    from db.models.users import User, UserMovementRule


class Movement(Base):
    __tablename__ = "movements"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # NULL = a system movement from the shipped library; set = a user's own movement.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True, index=True)
    pattern: Mapped[str] = mapped_column(String(50), nullable=False, index=True)
    primary_muscle: Mapped[str] = mapped_column(String(50), nullable=False, index=True)
    primary_region: Mapped[str] = mapped_column(String(50), nullable=False, index=True)
    secondary_muscles: Mapped[list[Any]] = json_list()
    cns_load: Mapped[str] = mapped_column(
        String(50), nullable=False, default="moderate", server_default="moderate"
    )
    skill_level: Mapped[str] = mapped_column(
        String(50), nullable=False, default="intermediate", server_default="intermediate"
    )
    compound: Mapped[bool] = flag(True)
    is_complex_lift: Mapped[bool] = flag(False)
    is_unilateral: Mapped[bool] = flag(False)
    metric_type: Mapped[str] = mapped_column(
        String(50), nullable=False, default="reps", server_default="reps"
    )
    primary_discipline: Mapped[str] = mapped_column(
        String(50), nullable=False, default="All", server_default="All"
    )
    discipline_tags: Mapped[list[Any]] = json_list()
    equipment_tags: Mapped[list[Any]] = json_list()
    tags: Mapped[list[Any]] = json_list()
    description: Mapped[str | None] = mapped_column(Text)
    coaching_cues: Mapped[list[Any]] = json_list()
    substitution_group: Mapped[str | None] = mapped_column(String(100), index=True)
    # Not in the overview: the spellings lifters type ("bp", "rdl"), for quick-log matching.
    aliases: Mapped[list[Any]] = json_list()

    owner: Mapped[User | None] = relationship(back_populates="custom_movements")
    user_rules: Mapped[list[UserMovementRule]] = relationship(back_populates="movement", passive_deletes=True)
    session_exercises: Mapped[list[SessionExercise]] = relationship(back_populates="movement")
    top_set_logs: Mapped[list[TopSetLog]] = relationship(back_populates="movement")
    outgoing_relationships: Mapped[list[MovementRelationship]] = relationship(
        back_populates="source",
        foreign_keys="MovementRelationship.source_movement_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    incoming_relationships: Mapped[list[MovementRelationship]] = relationship(
        back_populates="target",
        foreign_keys="MovementRelationship.target_movement_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class MovementRelationship(Base):
    __tablename__ = "movement_relationships"
    __table_args__ = (
        UniqueConstraint(
            "source_movement_id",
            "target_movement_id",
            "relationship_type",
            name="uq_movement_relationships_edge",
        ),
        CheckConstraint("source_movement_id <> target_movement_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    source_movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    target_movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    relationship_type: Mapped[str] = mapped_column(String(50), nullable=False, index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Movement] = relationship(
        back_populates="outgoing_relationships", foreign_keys=[source_movement_id]
    )
    target: Mapped[Movement] = relationship(
        back_populates="incoming_relationships", foreign_keys=[target_movement_id]
    )


class CircuitTemplate(Base):
    __tablename__ = "circuit_templates"
    __table_args__ = (
        CheckConstraint("rounds IS NULL OR rounds >= 1", name="rounds_positive"),
        CheckConstraint("time_cap_seconds IS NULL OR time_cap_seconds > 0", name="time_cap_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    circuit_type: Mapped[CircuitType] = mapped_column(sql_enum(CircuitType), nullable=False)
    difficulty_level: Mapped[str | None] = mapped_column(String(50))
    rounds: Mapped[int | None] = mapped_column(Integer)
    time_cap_seconds: Mapped[int | None] = mapped_column(Integer)
    movements_json: Mapped[list[Any] | None] = mapped_column(JSON)

    main_sessions: Mapped[list[Session]] = relationship(
        back_populates="main_circuit", foreign_keys="Session.main_circuit_id"
    )
    finisher_sessions: Mapped[list[Session]] = relationship(
        back_populates="finisher_circuit", foreign_keys="Session.finisher_circuit_id"
    )
