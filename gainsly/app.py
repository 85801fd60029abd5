"""The composition root: settings in, a ready application out.

Everything long-lived (engine, session factory, library, tunables, LLM client) is built here
once per process and handed to the adapters. ``coach/`` never reads settings or builds
connections on its own.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coach.catalog import Catalog
from coach.deps import CoachDeps
from coach.llm import connect
from db import migrate
from db.engine import create_engine, create_session_factory
from db.library import Library, default_library
from db.seed import SeedReport, seed_library
from db.uow import unit_of_work
from gainsly.database import resolve_database_url
from gainsly.settings import Settings

log = logging.getLogger(__name__)

LOCAL_CALLBACK_SECRET = b"gainsly-local"


@dataclass
class App:
    settings: Settings
    database_url: str = field(repr=False)
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    library: Library
    heuristics: dict[str, Any]
    deps: CoachDeps
    llm: Any = None

    async def aclose(self) -> None:
        if self.llm is not None and hasattr(self.llm, "close"):
            await self.llm.close()
        await self.engine.dispose()


async def prepare_database(url: str, library: Library) -> SeedReport:
    """Apply pending migrations and load the library: what the bot and chat do at start."""
    await asyncio.to_thread(migrate.upgrade, url)
    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(create_session_factory(engine)) as repos:
            return await seed_library(repos.session, library)
    finally:
        await engine.dispose()


def callback_secret(settings: Settings) -> bytes:
    """The key that signs button data.

    Derived from the bot token, so every bot process behind one webhook signs and verifies
    alike without another secret to distribute; a fixed value for the terminal chat, whose
    buttons never leave the machine.
    """
    if settings.telegram_token is None:
        return LOCAL_CALLBACK_SECRET
    token = settings.telegram_token.get_secret_value().encode()
    return hmac.new(token, b"gainsly/callback-data/v1", hashlib.sha256).digest()


async def build_app(settings: Settings, *, prepare: bool = True, pool_size: int = 10) -> App:
    url = await asyncio.to_thread(resolve_database_url, settings)
    library = default_library()
    if prepare:
        report = await prepare_database(url, library)
        if report.changed:
            log.info("library: %s", report.summary())
    engine = create_engine(url, pool_size=pool_size)
    factory = create_session_factory(engine)
    async with unit_of_work(factory) as repos:
        heuristics = await repos.heuristics.active()
        catalog = Catalog.from_rows(*await repos.movements.system_rows())
    # Fall back to the shipped values for any tunable the database does not have yet.
    for h in library.heuristics:
        heuristics.setdefault(h.name, library.heuristic(h.name))
    llm = connect(
        settings.llm_base_url,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
        model=settings.llm_model,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )
    return App(
        settings=settings,
        database_url=url,
        engine=engine,
        session_factory=factory,
        library=library,
        heuristics=heuristics,
        deps=CoachDeps(
            catalog=catalog, heuristics=heuristics, callback_secret=callback_secret(settings), llm=llm
        ),
        llm=llm,
    )
