"""Declarative base and the column helpers every model shares."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, MetaData, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Deterministic constraint names, so migrations can drop exactly what they created.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def sql_enum(enum_cls: type[enum.Enum]) -> Enum:
    """A native PostgreSQL enum named after the Python class, storing member NAMES.

    One type per Python enum, shared by every column that uses it (MovementPattern appears in
    two tables), exactly as the database overview's migrations materialise them.
    """
    return Enum(enum_cls, name=enum_cls.__name__.lower(), native_enum=True, validate_strings=True)


def enum_default(member: enum.Enum) -> dict[str, Any]:
    """Python and server default for an enum column, so raw SQL inserts get it too."""
    return {"default": member, "server_default": member.name}


def json_list() -> Mapped[list[Any]]:
    return mapped_column(JSON, nullable=False, default=list, server_default=text("'[]'::json"))


def created_at() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


def flag(default: bool) -> Mapped[bool]:
    """A not-null boolean with a default: a NULL flag would be a third, meaningless state."""
    return mapped_column(nullable=False, default=default, server_default=text(str(default).lower()))
