"""Conversation threads, their turns, and each lifter's dialogue state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ChatState, ConversationThread, ConversationTurn

CONTEXT_TYPES = ("onboarding", "program_setup", "daily_adaptation", "check_in", "free_chat")


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_thread(
        self,
        user_id: int,
        context_type: str,
        *,
        context_session_id: int | None = None,
        context_date: dt.datetime | None = None,
    ) -> ConversationThread:
        """The lifter's open thread of this purpose, opened now if there is none."""
        thread = await self.session.scalar(
            select(ConversationThread)
            .where(
                ConversationThread.user_id == user_id,
                ConversationThread.context_type == context_type,
                ConversationThread.is_active,
            )
            .order_by(ConversationThread.id.desc())
            .limit(1)
        )
        if thread is None:
            thread = ConversationThread(
                user_id=user_id,
                context_type=context_type,
                context_session_id=context_session_id,
                context_date=context_date,
            )
            self.session.add(thread)
            await self.session.flush()
        return thread

    async def close_threads(self, user_id: int, context_type: str) -> None:
        await self.session.execute(
            update(ConversationThread)
            .where(ConversationThread.user_id == user_id, ConversationThread.context_type == context_type)
            .values(is_active=False)
        )

    async def add_turn(
        self, thread: ConversationThread, role: str, content: str, structured: dict[str, Any] | None = None
    ) -> ConversationTurn:
        """Append a turn with the next turn number.

        Callers hold the lifter's advisory lock (``UserRepository.lock``), so numbers never
        collide; the unique (thread, turn_number) key would reject it if they did.
        """
        last = await self.session.scalar(
            select(func.max(ConversationTurn.turn_number)).where(ConversationTurn.thread_id == thread.id)
        )
        turn = ConversationTurn(
            thread_id=thread.id,
            turn_number=(last or 0) + 1,
            role=role,
            content=content,
            structured_response_json=structured,
        )
        self.session.add(turn)
        thread.updated_at = dt.datetime.now(dt.UTC)
        await self.session.flush()
        return turn

    async def recent_turns(self, thread_id: int, limit: int = 20) -> Sequence[ConversationTurn]:
        """The last ``limit`` turns, oldest first."""
        rows = (
            await self.session.scalars(
                select(ConversationTurn)
                .where(ConversationTurn.thread_id == thread_id)
                .order_by(ConversationTurn.turn_number.desc())
                .limit(limit)
            )
        ).all()
        return list(reversed(rows))

    async def turns_before(self, thread_id: int, turn_number: int) -> Sequence[ConversationTurn]:
        return (
            await self.session.scalars(
                select(ConversationTurn)
                .where(ConversationTurn.thread_id == thread_id, ConversationTurn.turn_number < turn_number)
                .order_by(ConversationTurn.turn_number)
            )
        ).all()

    async def state(self, user_id: int) -> ChatState:
        """The lifter's dialogue state row, created empty on first use."""
        await self.session.execute(
            insert(ChatState)
            .values(user_id=user_id, data_json={})
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
        state = await self.session.get(ChatState, user_id, populate_existing=True)
        assert state is not None
        return state

    async def save_state(
        self, state: ChatState, flow: str | None, step: str | None, data: dict[str, Any]
    ) -> None:
        state.flow, state.step, state.data_json = flow, step, dict(data)
        state.version += 1
        await self.session.flush()
