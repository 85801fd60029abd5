"""Lifters and their settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.models import User, UserSettings


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id, options=[selectinload(User.settings)])

    async def by_telegram_id(self, telegram_user_id: int) -> User | None:
        return await self.session.scalar(
            select(User).where(User.telegram_user_id == telegram_user_id).options(selectinload(User.settings))
        )

    async def by_local_handle(self, handle: str) -> User | None:
        return await self.session.scalar(
            select(User).where(User.local_handle == handle).options(selectinload(User.settings))
        )

    async def _insert_or_get(self, key_column: str, key: object, **values: object) -> User:
        """Create the user unless another process just did; ON CONFLICT makes first contact race-free."""
        column = getattr(User, key_column)
        await self.session.execute(
            insert(User).values({key_column: key, **values}).on_conflict_do_nothing(index_elements=[column])
        )
        user = await self.session.scalar(
            select(User).where(column == key).options(selectinload(User.settings))
        )
        assert user is not None
        if user.settings is None:
            await self.ensure_settings(user)
        return user

    async def get_or_create_telegram(
        self, telegram_user_id: int, chat_id: int | None, name: str | None
    ) -> User:
        user = await self.by_telegram_id(telegram_user_id)
        if user is None:
            user = await self._insert_or_get(
                "telegram_user_id", telegram_user_id, telegram_chat_id=chat_id, name=name
            )
        if chat_id is not None and user.telegram_chat_id != chat_id:
            user.telegram_chat_id = chat_id
        return user

    async def get_or_create_local(self, handle: str) -> User:
        user = await self.by_local_handle(handle)
        if user is None:
            user = await self._insert_or_get("local_handle", handle)
        return user

    async def ensure_settings(self, user: User) -> UserSettings:
        if user.settings is not None:
            return user.settings
        await self.session.execute(
            insert(UserSettings)
            .values(user_id=user.id)
            .on_conflict_do_nothing(index_elements=[UserSettings.user_id])
        )
        settings = await self.session.scalar(select(UserSettings).where(UserSettings.user_id == user.id))
        assert settings is not None
        user.settings = settings
        return settings

    async def lock(self, user_id: int) -> None:
        """Serialise this transaction with every other one working for the same lifter.

        A transaction-level advisory lock: updates of one user that arrive at different bot
        processes are applied one after another, in whatever order they got the lock.
        """
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :uid)"), {"ns": 7100, "uid": user_id}
        )

    async def mark_blocked(self, user_id: int, when: dt.datetime) -> None:
        user = await self.session.get(User, user_id)
        if user is not None and user.blocked_at is None:
            user.blocked_at = when

    async def delete(self, user_id: int) -> None:
        """Remove the lifter and, through ON DELETE CASCADE, everything that is theirs."""
        await self.session.execute(delete(User).where(User.id == user_id))

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(User)) or 0)
