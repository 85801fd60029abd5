"""The coaching engine's tunables, as versioned rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import HeuristicConfig


class HeuristicRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active(self) -> dict[str, Any]:
        """Name → value of the active version of every tunable."""
        rows = (await self.session.scalars(select(HeuristicConfig).where(HeuristicConfig.active))).all()
        return {row.name: row.json_blob for row in rows}

    async def active_versions(self) -> dict[str, int]:
        rows = (await self.session.scalars(select(HeuristicConfig).where(HeuristicConfig.active))).all()
        return {row.name: row.version for row in rows}
