"""Test fixtures on a real PostgreSQL.

The session creates its own randomly named database on the server at 127.0.0.1:5432 (or
``GAINSLY_TEST_DATABASE_URL``; or, when neither answers, an embedded server in a temporary
folder), migrates it once, loads the movement library, and drops it at the end. Each test
runs inside an outer transaction that is rolled back; code under test that commits only
releases a savepoint.
"""

from __future__ import annotations

import asyncio
import os
import socket
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import migrate
from db.engine import create_engine, create_session_factory
from db.library import default_library
from db.repositories import Repositories
from db.seed import seed_library
from db.uow import unit_of_work

os.environ.setdefault("PTB_TIMEDELTA", "1")

# Property tests draw the same examples on every run, so the suite passes or fails the same way
# on every machine. To search for new counterexamples, run
# `pytest --hypothesis-profile=explore --hypothesis-seed=N` and pin what it finds with @example.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile("repeatable")

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _server_url() -> str:
    configured = os.environ.get("GAINSLY_TEST_DATABASE_URL")
    if configured:
        return configured
    if _reachable("127.0.0.1", 5432):
        return DEFAULT_SERVER
    from db.embedded import start_embedded_postgres

    data_dir = Path(tempfile.gettempdir()) / "gainsly-test-postgres"
    return start_embedded_postgres(data_dir).replace("/gainsly?", "/postgres?")


def _asyncpg_dsn(url: str) -> dict:
    parsed = make_url(url)
    params = {"user": parsed.username or "postgres", "database": parsed.database}
    if parsed.host:
        params["host"] = parsed.host
        params["port"] = parsed.port or 5432
    elif "host" in parsed.query:
        params["host"] = parsed.query["host"]
    if parsed.password:
        params["password"] = parsed.password
    return params


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(**_asyncpg_dsn(url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def server_url() -> str:
    return _server_url()


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    """A fresh, migrated and seeded database for this test session, dropped afterwards."""
    name = f"gainsly_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        migrate.upgrade(url)

        async def _seed() -> None:
            engine = create_engine(url, pool_size=1)
            try:
                async with unit_of_work(create_session_factory(engine)) as repos:
                    await seed_library(repos.session, default_library())
            finally:
                await engine.dispose()

        asyncio.run(_seed())
        yield url
    finally:
        asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session_factory(engine: AsyncEngine) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory whose every session lives inside one rolled-back outer transaction."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        factory = async_sessionmaker(
            bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
        )
        yield factory
        await transaction.rollback()


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def repos(session: AsyncSession) -> Repositories:
    return Repositories(session)


@pytest.fixture
def committing_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Real commits, for tests of concurrency between transactions. Clean up what you create."""
    return create_session_factory(engine)
