"""The conversation engine's per-update path: claim the update, lock the lifter, record the exchange.

Every Telegram update goes through here, so it is written for few round trips: one
statement claims the update id, finds the lifter and takes their advisory lock; one loads
the lifter with their settings and dialogue state (after the lock, so a change another
process committed a moment ago is seen); one appends both turns of the exchange.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction
from sqlalchemy.orm import joinedload

from db.models import ChatState, ConversationThread, Program, User, UserSettings

#: Same namespace as ``UserRepository.lock``: both serialise the same lifter.
LOCK_NAMESPACE = 7100

_CLAIM_AND_LOCK = {
    # The lock sits in the outer target list, which runs only for the row the WHERE found.
    column: text(
        f"""
        WITH claim AS (
            INSERT INTO processed_updates (update_id) SELECT CAST(:update_id AS BIGINT)
            WHERE CAST(:update_id AS BIGINT) IS NOT NULL
            ON CONFLICT (update_id) DO NOTHING RETURNING update_id
        ), found AS (
            SELECT id FROM users WHERE {column} = :key
        )
        SELECT
            CAST(:update_id AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM claim) AS fresh,
            found.id AS user_id,
            CAST(pg_advisory_xact_lock({LOCK_NAMESPACE}, found.id) AS TEXT) AS locked
        FROM (SELECT 1) AS one LEFT JOIN found ON true
        """
    )
    for column in ("telegram_user_id", "local_handle")
}

_RECORD = text(
    """
    WITH thread AS (
        SELECT id FROM conversation_threads
        WHERE user_id = :user_id AND context_type = :context AND is_active
        ORDER BY id DESC LIMIT 1
    ), touched AS (
        UPDATE conversation_threads SET updated_at = now() WHERE id IN (SELECT id FROM thread)
    ), last AS (
        SELECT coalesce(max(turn_number), 0) AS n FROM conversation_turns
        WHERE thread_id = (SELECT id FROM thread)
    )
    INSERT INTO conversation_turns (thread_id, turn_number, role, content, structured_response_json)
    SELECT (SELECT id FROM thread), (SELECT n FROM last) + t.ord, t.role, t.content, t.structured
    FROM (VALUES (1, 'user', CAST(:said AS TEXT), CAST(NULL AS JSON)),
                 (2, 'assistant', CAST(:answer AS TEXT), CAST(:structured AS JSON))) AS t(ord, role, content, structured)
    WHERE EXISTS (SELECT 1 FROM thread)
    RETURNING thread_id
    """
)


class ChatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enter(
        self,
        *,
        telegram_user_id: int | None = None,
        local_handle: str | None = None,
        chat_id: int | None = None,
        name: str | None = None,
        update_id: int | None = None,
    ) -> tuple[User, ChatState] | None:
        """The lifter behind an update with their dialogue state, under their advisory lock.

        ``None`` when ``update_id`` was handled before (the claim is part of this transaction,
        so it only sticks if the update's effects commit). A lifter writing for the first
        time is created, settings and all; two processes doing so at once end up with one.
        """
        column, key = (
            ("telegram_user_id", telegram_user_id)
            if telegram_user_id is not None
            else ("local_handle", local_handle)
        )
        row = (
            await self.session.execute(_CLAIM_AND_LOCK[column], {"update_id": update_id, "key": key})
        ).one()
        if not row.fresh:
            return None
        user_id = row.user_id if row.user_id is not None else await self._create(column, key, chat_id, name)
        user = await self.session.scalar(
            select(User)
            .where(User.id == user_id)
            .options(joinedload(User.settings), joinedload(User.chat_state))
            .execution_options(populate_existing=True)
        )
        assert user is not None
        if user.settings is None:
            await self._ensure_settings(user.id)
            await self.session.refresh(user, ["settings"])
        if chat_id is not None and user.telegram_chat_id != chat_id:
            user.telegram_chat_id = chat_id
        state = user.chat_state
        if state is None:
            await self.session.execute(
                pg_insert(ChatState)
                .values(user_id=user.id, data_json={}, version=0)
                .on_conflict_do_nothing(index_elements=[ChatState.user_id])
            )
            await self.session.refresh(user, ["chat_state"])
            state = user.chat_state
        assert state is not None
        return user, state

    async def _create(self, column: str, key: object, chat_id: int | None, name: str | None) -> int:
        values: dict[str, Any] = {column: key, "name": name}
        if chat_id is not None:
            values["telegram_chat_id"] = chat_id
        target = getattr(User, column)
        user_id = await self.session.scalar(
            pg_insert(User).values(values).on_conflict_do_nothing(index_elements=[target]).returning(User.id)
        )
        if user_id is None:  # another process created them a moment ago
            user_id = await self.session.scalar(select(User.id).where(target == key))
        assert user_id is not None
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :uid)"), {"ns": LOCK_NAMESPACE, "uid": user_id}
        )
        await self._ensure_settings(user_id)
        return user_id

    async def _ensure_settings(self, user_id: int) -> None:
        await self.session.execute(
            pg_insert(UserSettings)
            .values(user_id=user_id)
            .on_conflict_do_nothing(index_elements=[UserSettings.user_id])
        )

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
        self, user_id: int, context_type: str, said: str, answer: str, structured: dict[str, Any] | None
    ) -> None:
        """Append the lifter's turn and the coach's answer to their open thread of this purpose.

        One statement when the thread exists (the common case); otherwise the thread is opened
        first. The caller holds the lifter's lock, so the next turn numbers are theirs alone.
        """
        params = {
            "user_id": user_id,
            "context": context_type,
            "said": said,
            "answer": answer,
            "structured": json.dumps(structured, default=str) if structured is not None else None,
        }
        if (await self.session.execute(_RECORD, params)).first() is not None:
            return
        await self.session.execute(
            insert(ConversationThread).values(user_id=user_id, context_type=context_type)
        )
        await self.session.execute(_RECORD, params)

    def savepoint(self) -> AsyncSessionTransaction:
        """A nested transaction: a step that fails (a program that cannot be built) undoes only itself."""
        return self.session.begin_nested()

    async def state_of(self, user_id: int) -> ChatState:
        """The lifter's dialogue state as stored (for tools and tests; the engine reads it in ``enter``)."""
        state = await self.session.get(ChatState, user_id, populate_existing=True)
        assert state is not None
        return state

    async def active_profile(self, user_id: int) -> dict[str, Any] | None:
        """The profile the lifter's active program was built from (for reopening one answer)."""
        return await self.session.scalar(
            select(Program.profile_json)
            .where(Program.user_id == user_id, Program.is_active, Program.is_template.is_(False))
            .order_by(Program.id.desc())
            .limit(1)
        )

    async def mark_blocked(
        self, *, telegram_user_id: int | None = None, chat_id: int | None = None, when: dt.datetime
    ) -> int | None:
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
