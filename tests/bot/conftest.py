"""The real bot against the fake Bot API, with a real (committing) PostgreSQL database.

Updates are handled concurrently, each on its own connection, exactly as in production, so
these tests commit; every lifter they create gets a fresh Telegram id and is deleted after.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.runner import serve
from coach.deps import CoachDeps
from db.library import default_library
from db.uow import unit_of_work
from gainsly.app import App, callback_secret
from gainsly.settings import Settings
from tests.coach.conversation.fixtures import base_deps  # noqa: F401  (fixture)
from tests.fakes.fixtures import telegram_api  # noqa: F401  (fixture)
from tests.fakes.telegram_api import FakeTelegram, Sent

_ids = itertools.count(7_000_000_001)


async def eventually(condition: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Poll an async condition (a database check, say) until it holds, or fail."""
    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, "condition never became true"
        await asyncio.sleep(0.05)


@dataclass
class Harness:
    """Starts bots against the fake API and hands out Telegram ids it cleans up after."""

    telegram: FakeTelegram
    engine: AsyncEngine
    factory: async_sessionmaker[AsyncSession]
    deps: CoachDeps
    database_url: str
    data_dir: Path
    users: list[int] = field(default_factory=list)
    running: list[tuple[asyncio.Event, asyncio.Task[None]]] = field(default_factory=list)

    def new_user(self) -> int:
        self.users.append(next(_ids))
        return self.users[-1]

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "telegram_token": FakeTelegram.TOKEN,
            "telegram_api_url": self.telegram.base_url,
            "telegram_rate_limit": 0,
            "data_dir": self.data_dir,
            "database_url": self.database_url,
            **overrides,
        }
        return Settings(**values)  # type: ignore[arg-type]

    def app(self, *, llm: Any = None, **overrides: object) -> App:
        """The bot's application; ``llm``: a model client for the talking coach (offline without)."""
        settings = self.settings(**overrides)
        return App(
            settings=settings,
            database_url=self.database_url,
            engine=self.engine,
            session_factory=self.factory,
            library=default_library(),
            heuristics=dict(self.deps.heuristics),
            deps=CoachDeps(
                catalog=self.deps.catalog,
                heuristics=self.deps.heuristics,
                callback_secret=callback_secret(settings),
                llm=llm,
            ),
        )

    async def start(
        self, *, bot_options: dict[str, Any] | None = None, llm: Any = None, **overrides: object
    ) -> App:
        """Run the bot (long polling unless overridden) until the test ends; wait until it polls."""
        app = self.app(llm=llm, **overrides)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, stop, **(bot_options or {})))
        self.running.append((stop, task))
        await self.telegram.wait_for(
            lambda: task.done() or self.telegram.count("getUpdates") or self.telegram.webhook
        )
        if task.done():
            task.result()  # the bot failed to start: show why
        return app

    async def close(self) -> None:
        for stop, task in self.running:
            stop.set()
            await asyncio.wait_for(task, 20)
        async with unit_of_work(self.factory) as repos:
            for telegram_id in self.users:
                user = await repos.users.by_telegram_id(telegram_id)
                if user is not None:
                    await repos.users.delete(user.id)


def _with_button(telegram: FakeTelegram, user: int, label: str) -> Sent | None:
    return next(
        (
            s
            for s in reversed(telegram.to(user))
            if any(label.lower() in b["text"].lower() for b in s.buttons)
        ),
        None,
    )


async def tap(telegram: FakeTelegram, user: int, label: str, *, first_name: str = "Sam") -> list[Sent]:
    """Press the newest button labelled like ``label`` in the lifter's chat (once it has arrived)."""
    await telegram.wait_for(lambda: _with_button(telegram, user, label) is not None)
    message = _with_button(telegram, user, label)
    assert message is not None
    before, answered = len(telegram.to(user)), len(telegram.callback_answers)
    telegram.press(user, message, label, first_name=first_name)
    # The bot answers the button press last, once every reply to it is out.
    await telegram.wait_for(lambda: len(telegram.callback_answers) > answered)
    return telegram.to(user)[before:]


async def say(telegram: FakeTelegram, user: int, text: str, *, replies: int = 1) -> list[Sent]:
    before = len(telegram.to(user))
    telegram.message(user, text)
    return (await telegram.wait_sent(user, before + replies))[before:]


@pytest.fixture
async def harness(
    telegram_api: FakeTelegram,  # noqa: F811
    engine: AsyncEngine,
    committing_factory: async_sessionmaker[AsyncSession],
    base_deps: CoachDeps,  # noqa: F811
    database_url: str,
    tmp_path: Path,
) -> AsyncIterator[Harness]:
    harness = Harness(telegram_api, engine, committing_factory, base_deps, database_url, tmp_path)
    try:
        yield harness
    finally:
        await harness.close()
