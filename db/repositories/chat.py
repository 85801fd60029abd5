"""The conversation engine's per-update path: find the lifter, lock them, record the exchange.

Every Telegram update goes through here, so it is written for few round trips: the lifter
and their settings in one query after the lock, the dialogue state read before it is
created, both turns of an exchange inserted together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from db.models import ChatState, ConversationThread, ConversationTurn, Program, User, UserSettings
from db.repositories.users import UserRepository


class ChatRepository:
    def __init__(self, session: AsyncSession, users: UserRepository) -> None:
        self.session = session
        self.users = users

    async def _user_id(self, column: Any, key: object) -> int | None:
        return await self.session.scalar(select(User.id).where(column == key))

    async def enter(
        self, *, telegram_user_id: int | None = None, local_handle: str | None = None,
        chat_id: int | None = None, name: str | None = None,
    ) -> tuple[User, bool]:  # fmt: skip
        """The lifter behind an update, created on first contact, under their advisory lock.

        Returns the user (settings loaded, read AFTER the lock so a change committed by another
        process a moment ago is seen) and whether they were created now.
        """
        column, key = (
            (User.telegram_user_id, telegram_user_id)
            if telegram_user_id is not None
            else (User.local_handle, local_handle)
        )
        user_id = await self._user_id(column, key)
        created = False
        if user_id is None:
            values: dict[str, Any] = {column.key: key, "name": name}
            if chat_id is not None:
                values["telegram_chat_id"] = chat_id
            user_id = await self.session.scalar(
                pg_insert(User)
                .values(values)
                .on_conflict_do_nothing(index_elements=[column])
                .returning(User.id)
            )
            created = user_id is not None
            if user_id is None:  # another process created them a moment ago
                user_id = await self._user_id(column, key)
            assert user_id is not None
            await self.session.execute(
                pg_insert(UserSettings)
                .values(user_id=user_id)
                .on_conflict_do_nothing(index_elements=[UserSettings.user_id])
            )
        await self.users.lock(user_id)
        user = await self.session.scalar(
            select(User)
            .where(User.id == user_id)
            .options(joinedload(User.settings))
            .execution_options(populate_existing=True)
        )
        assert user is not None
        if user.settings is None:
            await self.users.ensure_settings(user)
        if chat_id is not None and user.telegram_chat_id != chat_id:
            user.telegram_chat_id = chat_id
        return user, created

    async def state(self, user_id: int) -> ChatState:
        """The dialogue state, created empty the first time (no insert on the common path)."""
        state = await self.session.scalar(
            select(ChatState).where(ChatState.user_id == user_id).execution_options(populate_existing=True)
        )
        if state is None:
            await self.session.execute(
                pg_insert(ChatState)
                .values(user_id=user_id, data_json={}, version=0)
                .on_conflict_do_nothing(index_elements=[ChatState.user_id])
            )
            state = await self.session.scalar(
                select(ChatState)
                .where(ChatState.user_id == user_id)
                .execution_options(populate_existing=True)
            )
        assert state is not None
        return state

    async def save_state(
        self, state: ChatState, flow: str | None, step: str | None, data: dict[str, Any]
    ) -> None:
        await self.session.execute(
            update(ChatState)
            .where(ChatState.user_id == state.user_id)
            .values(
                flow=flow, step=step, data_json=data, version=ChatState.version + 1, updated_at=func.now()
            )
            .execution_options(synchronize_session=False)
        )

    async def record(
        self, user_id: int, context_type: str, turns: Sequence[tuple[str, str, dict[str, Any] | None]]
    ) -> int:
        """Append ``(role, content, structured)`` turns to the lifter's open thread of this purpose.

        Opens the thread if there is none. The caller holds the lifter's lock, so the next turn
        numbers are theirs alone. Returns the thread id.
        """
        row = (
            await self.session.execute(
                select(
                    ConversationThread.id,
                    select(func.coalesce(func.max(ConversationTurn.turn_number), 0))
                    .where(ConversationTurn.thread_id == ConversationThread.id)
                    .scalar_subquery(),
                )
                .where(
                    ConversationThread.user_id == user_id,
                    ConversationThread.context_type == context_type,
                    ConversationThread.is_active,
                )
                .order_by(ConversationThread.id.desc())
                .limit(1)
            )
        ).first()
        if row is None:
            thread_id = await self.session.scalar(
                insert(ConversationThread)
                .values(user_id=user_id, context_type=context_type)
                .returning(ConversationThread.id)
            )
            last = 0
        else:
            thread_id, last = row[0], int(row[1])
            await self.session.execute(
                update(ConversationThread)
                .where(ConversationThread.id == thread_id)
                .values(updated_at=func.now())
                .execution_options(synchronize_session=False)
            )
        assert thread_id is not None
        if turns:
            await self.session.execute(
                insert(ConversationTurn),
                [
                    {
                        "thread_id": thread_id,
                        "turn_number": last + offset,
                        "role": role,
                        "content": content,
                        "structured_response_json": structured,
                    }
                    for offset, (role, content, structured) in enumerate(turns, start=1)
                ],
            )
        return thread_id

    async def active_profile(self, user_id: int) -> dict[str, Any] | None:
        """The profile the lifter's active program was built from (for reopening one answer)."""
        return await self.session.scalar(
            select(Program.profile_json)
            .where(Program.user_id == user_id, Program.is_active, Program.is_template.is_(False))
            .order_by(Program.id.desc())
            .limit(1)
        )

    async def mark_blocked(self, *, telegram_user_id: int | None = None, chat_id: int | None = None,
                           when: dt.datetime) -> int | None:  # fmt: skip
        """Remember that Telegram refused delivery (403); returns the lifter's id if known."""
        condition = (
            User.telegram_user_id == telegram_user_id
            if telegram_user_id is not None
            else User.telegram_chat_id == chat_id
        )
        return await self.session.scalar(
            update(User)
            .where(condition, User.blocked_at.is_(None))
            .values(blocked_at=when)
            .returning(User.id)
            .execution_options(synchronize_session=False)
        )
