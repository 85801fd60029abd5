"""The migrated database against the documents, column by column."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from tests.db.schema_spec import DEFAULTS, ENUM_TYPES, REQUIRED_EXTRA_COLUMNS, TABLES

_TYPE_OF = {
    ("integer", None): "int",
    ("bigint", None): "bigint",
    ("double precision", None): "float",
    ("boolean", None): "bool",
    ("date", None): "date",
    ("timestamp with time zone", None): "datetime",
    ("timestamp without time zone", None): "datetime",
    ("time without time zone", None): "time",
    ("text", None): "text",
    ("json", None): "json",
    ("jsonb", None): "json",
}


async def _columns(session: AsyncSession) -> dict[str, dict[str, tuple[str, bool, str | None]]]:
    rows = await session.execute(
        text(
            "SELECT table_name, column_name, data_type, udt_name, character_maximum_length, "
            "is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'"
        )
    )
    tables: dict[str, dict[str, tuple[str, bool, str | None]]] = {}
    for table, column, data_type, udt, length, nullable, default in rows:
        if data_type == "character varying":
            kind = f"str:{length}"
        elif data_type == "USER-DEFINED":
            kind = f"enum:{udt}"
        else:
            kind = _TYPE_OF[(data_type, None)]
        tables.setdefault(table, {})[column] = (kind, nullable == "YES", default)
    return tables


async def test_every_documented_column_has_its_type_and_nullability(session: AsyncSession) -> None:
    actual = await _columns(session)
    problems = []
    for table, columns in TABLES.items():
        if table not in actual:
            problems.append(f"missing table {table}")
            continue
        for column, (kind, nullable) in columns.items():
            if column not in actual[table]:
                problems.append(f"missing column {table}.{column}")
                continue
            got_kind, got_nullable, _ = actual[table][column]
            if got_kind != kind:
                problems.append(f"{table}.{column}: type {got_kind}, documents say {kind}")
            if nullable is not None and got_nullable != nullable:
                problems.append(f"{table}.{column}: nullable={got_nullable}, documents say {nullable}")
    assert problems == []


async def test_supplement_tables_for_reminders_and_updates_exist(session: AsyncSession) -> None:
    actual = await _columns(session)
    for table, columns in REQUIRED_EXTRA_COLUMNS.items():
        assert columns <= set(actual[table]), table


async def test_documented_defaults(session: AsyncSession) -> None:
    actual = await _columns(session)
    problems = []
    for key, fragment in DEFAULTS.items():
        table, column = key.split(".")
        default = actual[table][column][2]
        if default is None or fragment not in default:
            problems.append(f"{key}: default {default!r}, expected {fragment!r}")
    assert problems == []


async def test_enum_types_store_member_names(session: AsyncSession) -> None:
    rows = await session.execute(
        text(
            "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
            "ORDER BY t.typname, e.enumsortorder"
        )
    )
    actual: dict[str, list[str]] = {}
    for name, label in rows:
        actual.setdefault(name, []).append(label)
    assert actual == ENUM_TYPES


def test_python_enums_match_the_database_labels() -> None:
    """The module has all 28 enums of the overview plus GoalStatus; SQL enums use their NAMES."""
    enum_classes = [
        obj
        for obj in vars(enums).values()
        if isinstance(obj, type) and issubclass(obj, enums.enum.Enum) and obj.__module__ == enums.__name__
    ]
    assert len(enum_classes) == 29
    for cls in enum_classes:
        if cls.__name__.lower() in ENUM_TYPES:
            assert [m.name for m in cls] == ENUM_TYPES[cls.__name__.lower()]
    assert enums.PersonaAggression.AGGRESSIVE.value == 5
    assert enums.RecoverySource.AURA_RING.value == "aura ring"
    assert enums.PrimaryRegion.ANTERIOR_LOWER.value == "anterior lower"


async def test_every_foreign_key_is_indexed(session: AsyncSession) -> None:
    rows = await session.execute(
        text(
            """
            SELECT c.conrelid::regclass::text, a.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f'
              AND NOT EXISTS (
                SELECT 1 FROM pg_index i
                WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
              )
            """
        )
    )
    assert rows.all() == []


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("users", ["email"]),
        ("users", ["telegram_user_id"]),
        ("user_settings", ["user_id"]),
        ("movements", ["name"]),
        ("disciplines", ["slug"]),
        ("muscles", ["slug"]),
        ("heuristic_configs", ["name", "version"]),
        ("conversation_turns", ["thread_id", "turn_number"]),
        ("reminder_deliveries", ["user_id", "local_date", "kind"]),
    ],
)
async def test_unique_keys(session: AsyncSession, table: str, columns: list[str]) -> None:
    rows = await session.execute(
        text(
            """
            SELECT array_agg(a.attname ORDER BY k.ord)
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = CAST(:table AS regclass) AND i.indisunique AND i.indpred IS NULL
            GROUP BY i.indexrelid
            """
        ),
        {"table": table},
    )
    assert columns in [list(r[0]) for r in rows]


async def test_user_deletion_cascades_to_everything_theirs(session: AsyncSession) -> None:
    """/deleteme relies on ON DELETE CASCADE reaching every table with a user_id."""
    rows = await session.execute(
        text(
            """
            SELECT c.conrelid::regclass::text, c.confdeltype::text
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass
            """
        )
    )
    rules = dict(rows.all())
    assert rules and all(rule == "c" for rule in rules.values()), rules
