"""Rest timers between sets: stored so a countdown survives a restart and any process can end it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RestTimer

RUNNING, DONE, CANCELLED = "running", "done", "cancelled"


class RestTimerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(
        self, user_id: int, *, chat_id: int | None, label: str | None, seconds: int, now: dt.datetime
    ) -> RestTimer:
        """A new running timer; the lifter's previous one stops (one rest at a time)."""
        await self.session.execute(
            update(RestTimer)
            .where(RestTimer.user_id == user_id, RestTimer.status == RUNNING)
            .values(status=CANCELLED)
        )
        timer = RestTimer(
            user_id=user_id,
            chat_id=chat_id,
            label=(label or None) and label[:200],
            duration_seconds=seconds,
            ends_at=now + dt.timedelta(seconds=seconds),
            status=RUNNING,
        )
        self.session.add(timer)
        await self.session.flush()
        return timer

    async def attach_message(self, timer_id: int, message_id: int) -> None:
        await self.session.execute(
            update(RestTimer).where(RestTimer.id == timer_id).values(message_id=message_id)
        )

    async def get(self, timer_id: int, user_id: int) -> RestTimer | None:
        """The timer if it is this lifter's: a button can never touch someone else's timer."""
        return await self.session.scalar(
            select(RestTimer).where(RestTimer.id == timer_id, RestTimer.user_id == user_id)
        )

    async def by_id(self, timer_id: int) -> RestTimer | None:
        return await self.session.get(RestTimer, timer_id, populate_existing=True)

    async def shift(self, timer: RestTimer, seconds: int, now: dt.datetime) -> None:
        """Move the end by ``seconds`` (negative shortens), never into the past."""
        ends_at = max(timer.ends_at + dt.timedelta(seconds=seconds), now + dt.timedelta(seconds=1))
        timer.duration_seconds = max(
            1, timer.duration_seconds + int((ends_at - timer.ends_at).total_seconds())
        )
        timer.ends_at = ends_at
        await self.session.flush()

    async def cancel(self, timer: RestTimer) -> None:
        timer.status = CANCELLED
        await self.session.flush()

    async def finish(self, timer_id: int) -> RestTimer | None:
        """Mark a running timer done; ``None`` if another process (or a stop button) got there first.

        The conditional UPDATE is the claim: exactly one caller sees the row, so the "rest is
        over" ping goes out once however many processes try.
        """
        return await self.session.scalar(
            update(RestTimer)
            .where(RestTimer.id == timer_id, RestTimer.status == RUNNING)
            .values(status=DONE)
            .returning(RestTimer)
        )

    async def finish_due(self, now: dt.datetime, *, limit: int = 50) -> Sequence[RestTimer]:
        """Claim every running timer whose rest is over (skipping rows another process holds)."""
        due = (
            select(RestTimer.id)
            .where(RestTimer.status == RUNNING, RestTimer.ends_at <= now)
            .order_by(RestTimer.ends_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        rows = await self.session.scalars(
            update(RestTimer).where(RestTimer.id.in_(due)).values(status=DONE).returning(RestTimer)
        )
        return rows.all()
