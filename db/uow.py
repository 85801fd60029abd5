"""One unit of work: a session, a transaction, and the repositories over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories import Repositories


@asynccontextmanager
async def unit_of_work(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[Repositories]:
    """Commit when the block ends normally; roll everything back if it raises."""
    async with factory() as session, session.begin():
        yield Repositories(session)
