"""Migrations: models and migration files agree, and a full round trip leaves nothing behind."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from db import migrate
from tests.conftest import _admin, _asyncpg_dsn


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    name = f"gainsly_scratch_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _leftovers(url: str) -> tuple[list[str], list[str]]:
    connection = await asyncpg.connect(**_asyncpg_dsn(url))
    try:
        tables = [
            r[0]
            for r in await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )
        ]
        types = [
            r[0]
            for r in await connection.fetch(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e'"
            )
        ]
        return sorted(tables), sorted(types)
    finally:
        await connection.close()


def test_upgrade_downgrade_upgrade_round_trip(scratch_url: str) -> None:
    migrate.upgrade(scratch_url)
    tables, types = asyncio.run(_leftovers(scratch_url))
    assert len(tables) >= 27 and len(types) == 23
    migrate.downgrade(scratch_url, "base")
    assert asyncio.run(_leftovers(scratch_url)) == ([], [])
    migrate.upgrade(scratch_url)
    assert asyncio.run(_leftovers(scratch_url)) == (tables, types)


def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    """``alembic check``: autogenerate finds nothing to add, drop or alter."""
    migrate.check(database_url)
