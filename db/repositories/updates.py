"""Telegram updates already handled, so a redelivered update is acknowledged and not re-run."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProcessedUpdate


class ProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, update_id: int) -> bool:
        """Record ``update_id`` in the caller's transaction; ``False`` if it was handled before.

        Inserted in the same transaction as the update's effects: if handling fails, the claim
        rolls back with them and a redelivery runs again; if it commits, a redelivery (or the
        same update reaching a second process) finds the row and does nothing. A concurrent
        claim of the same id waits for the first transaction and then sees the conflict.
        """
        claimed = await self.session.scalar(
            insert(ProcessedUpdate)
            .values(update_id=update_id)
            .on_conflict_do_nothing(index_elements=[ProcessedUpdate.update_id])
            .returning(ProcessedUpdate.update_id)
        )
        return claimed is not None

    async def seen(self, update_id: int) -> bool:
        return (
            await self.session.scalar(
                select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
            )
        ) is not None

    async def prune(self, before: dt.datetime) -> int:
        """Forget ids older than ``before``: Telegram never redelivers an update after a day."""
        result = await self.session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
        )
        return int(result.rowcount or 0)
