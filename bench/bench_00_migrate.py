"""Time to migrate an empty database and to load the movement library (first and second run).

Runs first: every later benchmark uses the database it leaves migrated and seeded.
"""

from __future__ import annotations

import asyncio
import time

from db import migrate
from db.engine import create_engine, create_session_factory
from db.library import default_library, load_library
from db.seed import seed_library
from db.uow import unit_of_work


async def run(ctx) -> None:
    started = time.perf_counter()
    await asyncio.to_thread(migrate.upgrade, ctx.database_url)
    ctx.figure("migrate_empty_database", (time.perf_counter() - started) * 1000, "ms", "0 -> head")

    started = time.perf_counter()
    library = load_library()
    ctx.figure("library_parse_and_validate", (time.perf_counter() - started) * 1000, "ms", "all YAML files")
    default_library.cache_clear()

    engine = create_engine(ctx.database_url, pool_size=1)
    factory = create_session_factory(engine)
    try:
        for label in ("seed_library_first_run", "seed_library_second_run"):
            started = time.perf_counter()
            async with unit_of_work(factory) as repos:
                report = await seed_library(repos.session, library)
            ctx.figure(
                label,
                (time.perf_counter() - started) * 1000,
                "ms",
                f"{len(library.movements)} movements, {len(library.relationships)} relationships, "
                f"{len(library.circuits)} circuits; {report.summary()}",
            )
    finally:
        await engine.dispose()
