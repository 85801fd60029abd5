"""Telegram updates already handled (claimed by ``ChatRepository.enter``), and forgetting old ones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProcessedUpdate


class ProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def prune(self, before: dt.datetime) -> int:
        """Forget ids older than ``before``: Telegram never redelivers an update after a day."""
        result = await self.session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
        )
        return int(result.rowcount or 0)
