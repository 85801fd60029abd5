"""Coaching conversations: threads with a purpose, their turns, and each lifter's dialogue state."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, created_at, flag

if TYPE_CHECKING:
    from db.models.programs import Session
    from db.models.users import User


class ConversationThread(Base):
    __tablename__ = "conversation_threads"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    context_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    context_type: Mapped[str] = mapped_column(String(50), nullable=False)
    context_date: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    is_active: Mapped[bool] = flag(True)
    final_plan_accepted: Mapped[bool] = flag(False)
    accepted_plan_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = created_at()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )

    user: Mapped[User] = relationship(back_populates="conversation_threads")
    context_session: Mapped[Session | None] = relationship()
    turns: Mapped[list[ConversationTurn]] = relationship(
        back_populates="thread",
        order_by="ConversationTurn.turn_number",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ConversationTurn(Base):
    __tablename__ = "conversation_turns"
    __table_args__ = (
        UniqueConstraint("thread_id", "turn_number", name="uq_conversation_turns_thread_turn"),
        CheckConstraint("role IN ('user', 'assistant', 'tool')", name="role_known"),
        CheckConstraint("turn_number >= 1", name="turn_number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("conversation_threads.id", ondelete="CASCADE"), nullable=False, index=True
    )
    turn_number: Mapped[int] = mapped_column(Integer, nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    structured_response_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = created_at()

    thread: Mapped[ConversationThread] = relationship(back_populates="turns")


class ChatState(Base):
    """Where each lifter is in a dialogue (onboarding step, pending choice, partial answers).

    Kept in PostgreSQL rather than in a bot process, so any process can take the next update
    and a restart loses nothing. ``version`` lets a writer detect a concurrent change.
    """

    __tablename__ = "chat_states"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    flow: Mapped[str | None] = mapped_column(String(50))
    step: Mapped[str | None] = mapped_column(String(50))
    data_json: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, default=dict, server_default=text("'{}'::json")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default=text("0"))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )

    user: Mapped[User] = relationship(back_populates="chat_state")
