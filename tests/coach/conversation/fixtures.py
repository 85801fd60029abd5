"""Conversation fixtures shared by the engine, bot and CLI tests: the real catalog, a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.conversation import ConversationEngine
from coach.deps import CoachDeps
from db.engine import create_session_factory
from db.library import default_library
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat

#: A Monday morning, UTC.
NOW = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
async def base_deps(engine: AsyncEngine) -> CoachDeps:
    async with unit_of_work(create_session_factory(engine)) as repos:
        heuristics = await repos.heuristics.active()
        catalog = Catalog.from_rows(*await repos.movements.system_rows())
    library = default_library()
    for h in library.heuristics:
        heuristics.setdefault(h.name, library.heuristic(h.name))
    return CoachDeps(catalog=catalog, heuristics=heuristics, callback_secret=b"test-secret")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def deps(base_deps: CoachDeps, clock: FixedClock) -> CoachDeps:
    return CoachDeps(
        catalog=base_deps.catalog,
        heuristics=base_deps.heuristics,
        clock=clock,
        callback_secret=base_deps.callback_secret,
    )


@pytest.fixture
def conversation(session_factory: async_sessionmaker[AsyncSession], deps: CoachDeps) -> ConversationEngine:
    return ConversationEngine(session_factory, deps)


@pytest.fixture
def chat(conversation: ConversationEngine) -> Chat:
    return Chat(conversation, "sam")
