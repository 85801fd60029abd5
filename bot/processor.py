"""Updates of different lifters in parallel, each lifter's updates in the order they arrived.

PTB's concurrent processing would otherwise let "/start" and the tap that follows it race
inside one process. Across processes the lifter's advisory lock in PostgreSQL orders them;
this keeps one process from reordering what Telegram delivered in order.

An update waiting on the model has done its ordered part (its turn and state are stored; the
conversation engine calls ``let_next_in``): the lifter's next update may start, so a quick log
typed while the coach is thinking is answered at once, as the advisory lock allows too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

#: Lets the running update's successor (same lifter) start; set while an update is processed.
_RELEASE: ContextVar[Callable[[], None] | None] = ContextVar("gainsly_release_lifter", default=None)


def let_next_in() -> None:
    """Let the current lifter's next update start now (a no-op outside an update)."""
    release = _RELEASE.get()
    if release is not None:
        release()


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        key = user.id
        lock = self._queues.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        held = False

        def release() -> None:
            nonlocal held
            if held:
                held = False
                lock.release()

        try:
            await lock.acquire()
            held = True
            token = _RELEASE.set(release)
            try:
                await coroutine
            finally:
                _RELEASE.reset(token)
        finally:
            release()
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._queues[key]

    async def initialize(self) -> None:
        """Nothing to set up: the locks are made as lifters show up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
