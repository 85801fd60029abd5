"""Updates of different lifters in parallel, each lifter's updates in the order they arrived.

PTB's concurrent processing would otherwise let "/start" and the tap that follows it race
inside one process. Across processes the lifter's advisory lock in PostgreSQL orders them;
this keeps one process from reordering what Telegram delivered in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


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
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._queues[key]

    async def initialize(self) -> None:
        """Nothing to set up: the locks are made as lifters show up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
