"""Operational tables: engine tunables, reminder deliveries, processed updates, rest timers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, created_at


class HeuristicConfig(Base):
    """One version of one tunable of the coaching engine; at most one version is active."""

    __tablename__ = "heuristic_configs"
    __table_args__ = (
        UniqueConstraint("name", "version", name="uq_heuristic_configs_name_version"),
        Index("uq_heuristic_configs_one_active", "name", unique=True, postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    json_blob: Mapped[Any] = mapped_column(JSON, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(
        nullable=False, default=False, server_default=text("false"), index=True
    )
    created_at: Mapped[dt.datetime] = created_at()


REMINDER_KINDS = ("daily", "evening", "weekly")
REMINDER_STATUSES = ("claimed", "sent", "skipped", "failed")


class ReminderDelivery(Base):
    """A reminder for one lifter, one local date and one kind: the row that makes it go out once.

    A sender claims the row with a lease; a sender that dies leaves a lease that expires, so
    another sender takes it over. ``sent_at`` is set only after Telegram accepted the message.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "local_date", "kind", name="uq_reminder_deliveries_user_date_kind"),
        CheckConstraint("kind IN ('daily', 'evening', 'weekly')", name="kind_known"),
        CheckConstraint("status IN ('claimed', 'sent', 'skipped', 'failed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    local_date: Mapped[dt.date] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(
        String(20), nullable=False, default="claimed", server_default="claimed"
    )
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default=text("0"))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = created_at()


class ProcessedUpdate(Base):
    """Telegram update ids already handled: a redelivered update is acknowledged, not re-run."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), index=True
    )


class RestTimer(Base):
    """A running rest timer, so a countdown survives a restart and any process can finish it."""

    __tablename__ = "rest_timers"
    __table_args__ = (
        CheckConstraint("duration_seconds > 0", name="duration_positive"),
        CheckConstraint("status IN ('running', 'done', 'cancelled')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    label: Mapped[str | None] = mapped_column(String(200))
    duration_seconds: Mapped[int] = mapped_column(Integer, nullable=False)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    status: Mapped[str] = mapped_column(
        String(20), nullable=False, default="running", server_default="running"
    )
    created_at: Mapped[dt.datetime] = created_at()
