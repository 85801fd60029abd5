"""Rest timers between sets: stored so a countdown survives a restart and any process can end it.

A timer starts with the exchange that asks for one (``ChatRepository.record``, one statement);
here the countdowns are looked at, moved, stopped and finished.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import Integer, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RestTimer, User

RUNNING, DONE, CANCELLED = "running", "done", "cancelled"

_ATTACH = text(
    """
    UPDATE rest_timers SET message_id = sent.message_id
    FROM unnest(CAST(:ids AS INTEGER[]), CAST(:message_ids AS BIGINT[])) AS sent(id, message_id)
    WHERE rest_timers.id = sent.id
    """
)


class RestTimerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def attach_messages(self, message_ids: Mapping[int, int]) -> None:
        """Record the countdown message of each timer (timer id → message id), all in one statement."""
        if message_ids:
            await self.session.execute(
                _ATTACH, {"ids": list(message_ids), "message_ids": list(message_ids.values())}
            )

    async def get(self, timer_id: int, user_id: int) -> RestTimer | None:
        """The timer if it is this lifter's: a button can never touch someone else's timer."""
        return await self.session.scalar(
            select(RestTimer).where(RestTimer.id == timer_id, RestTimer.user_id == user_id)
        )

    async def with_owners(self, timer_ids: Sequence[int]) -> list[tuple[RestTimer, User]]:
        """Timers with their lifters, in one query: countdowns are looked at in batches."""
        if not timer_ids:
            return []
        rows = await self.session.execute(
            select(RestTimer, User)
            .join(User, User.id == RestTimer.user_id)
            .where(RestTimer.id.in_(list(timer_ids)))
            .execution_options(populate_existing=True)
        )
        return [(timer, user) for timer, user in rows.all()]

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
