"""The movement library as the coach reads it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CircuitTemplate, Movement, MovementRelationship


class MovementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def visible_to(self, user_id: int | None) -> Sequence[Movement]:
        """System movements plus the lifter's own; never another lifter's."""
        condition = Movement.user_id.is_(None)
        if user_id is not None:
            condition = or_(condition, Movement.user_id == user_id)
        return (await self.session.scalars(select(Movement).where(condition).order_by(Movement.id))).all()

    async def by_name(self, name: str) -> Movement | None:
        return await self.session.scalar(select(Movement).where(Movement.name == name))

    async def by_names(self, names: Sequence[str]) -> dict[str, Movement]:
        rows = (await self.session.scalars(select(Movement).where(Movement.name.in_(list(names))))).all()
        return {m.name: m for m in rows}

    async def by_ids(self, ids: Sequence[int]) -> dict[int, Movement]:
        rows = (await self.session.scalars(select(Movement).where(Movement.id.in_(list(ids))))).all()
        return {m.id: m for m in rows}

    async def relationships(self) -> Sequence[MovementRelationship]:
        return (await self.session.scalars(select(MovementRelationship))).all()

    async def circuits(self) -> Sequence[CircuitTemplate]:
        return (await self.session.scalars(select(CircuitTemplate).order_by(CircuitTemplate.id))).all()

    async def system_rows(
        self,
    ) -> tuple[Sequence[Movement], Sequence[MovementRelationship], Sequence[CircuitTemplate]]:
        """Everything a system ``Catalog`` is built from, in three queries."""
        movements = (
            await self.session.scalars(
                select(Movement).where(Movement.user_id.is_(None)).order_by(Movement.id)
            )
        ).all()
        return movements, await self.relationships(), await self.circuits()

    async def owned_by(self, user_id: int) -> Sequence[Movement]:
        """A lifter's own movements."""
        return (
            await self.session.scalars(
                select(Movement).where(Movement.user_id == user_id).order_by(Movement.id)
            )
        ).all()
