"""Rest timers between sets: stored so a countdown survives a restart and any process can end it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Integer, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RestTimer, User

RUNNING, DONE, CANCELLED = "running", "done", "cancelled"

_START = text(
    """
    WITH stopped AS (
        UPDATE rest_timers SET status = 'cancelled' WHERE user_id = :user_id AND status = 'running'
    )
    INSERT INTO rest_timers (user_id, chat_id, label, duration_seconds, ends_at, status)
    VALUES (:user_id, :chat_id, :label, :duration_seconds, :ends_at, 'running')
    RETURNING *
    """
)


class RestTimerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(
        self, user_id: int, *, chat_id: int | None, label: str | None, seconds: int, now: dt.datetime
    ) -> RestTimer:
        """A new running timer; the lifter's previous one stops (one rest at a time). One statement."""
        values = {
            "user_id": user_id,
            "chat_id": chat_id,
            "label": label[:200] if label else None,
            "duration_seconds": seconds,
            "ends_at": now + dt.timedelta(seconds=seconds),
        }
        timer = await self.session.scalar(
            select(RestTimer)
            .from_statement(_START.bindparams(**values))
            .execution_options(populate_existing=True)
        )
        assert timer is not None
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

    async def with_owner(self, timer_id: int, message_id: int | None = None) -> tuple[RestTimer, User] | None:
        """The timer and its lifter in one query (a countdown tick runs every few seconds).

        ``message_id`` records the countdown message on the first tick, so sending it costs no
        extra transaction.
        """
        if message_id is not None:
            await self.attach_message(timer_id, message_id)
        row = (
            await self.session.execute(
                select(RestTimer, User)
                .join(User, User.id == RestTimer.user_id)
                .where(RestTimer.id == timer_id)
                .execution_options(populate_existing=True)
            )
        ).first()
        return (row[0], row[1]) if row else None

    async def shift(self, timer: RestTimer, seconds: int, now: dt.datetime) -> None:
        """Move the end by ``seconds`` (negative shortens), never into the past; one atomic UPDATE."""
        floor = now + dt.timedelta(seconds=1)
        ends_at = func.greatest(RestTimer.ends_at + dt.timedelta(seconds=seconds), floor)
        row = (
            await self.session.execute(
                update(RestTimer)
                .where(RestTimer.id == timer.id, RestTimer.status == RUNNING)
                .values(
                    ends_at=ends_at,
                    duration_seconds=func.greatest(
                        1,
                        RestTimer.duration_seconds
                        + func.extract("epoch", ends_at - RestTimer.ends_at).cast(Integer),
                    ),
                )
                .returning(RestTimer.ends_at, RestTimer.duration_seconds)
                .execution_options(synchronize_session=False)
            )
        ).first()
        if row is not None:
            timer.ends_at, timer.duration_seconds = row

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
