"""The conversation engine's per-update path: claim the update, lock the lifter, record the exchange.

Every Telegram update goes through here, so it is written for few round trips: one
statement claims the update id, finds the lifter and takes their advisory lock; one loads
the lifter with their settings and dialogue state (after the lock, so a change another
process committed a moment ago is seen); one appends both turns of the exchange, and saves
the dialogue state and starts the rest timer the exchange asked for along with them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, exists, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction
from sqlalchemy.orm import joinedload

from db.models import ChatState, ConversationThread, Movement, Program, RestTimer, User, UserSettings

#: Same namespace as ``UserRepository.lock``: both serialise the same lifter.
LOCK_NAMESPACE = 7100
#: ``session.info`` key: lifters whose advisory lock this transaction holds (taken by ``enter``).
_LOCKS_HELD = "gainsly.lifter_locks"

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

#: The lifter, their settings and dialogue state, and whether they have movements of their own:
#: built once (this runs for every update; building a statement costs as much as running it).
_LOAD = (
    select(User, exists().where(Movement.user_id == User.id))
    .where(User.id == bindparam("user_id"))
    .options(joinedload(User.settings), joinedload(User.chat_state))
    .execution_options(populate_existing=True)
)

_SAVE_STATE = """
    saved AS (
        UPDATE chat_states SET flow = :flow, step = :step, data_json = CAST(:data AS JSON),
               version = version + 1, updated_at = now()
        WHERE user_id = :user_id
    ),"""
_START_TIMER = """
    stopped AS (
        UPDATE rest_timers SET status = 'cancelled' WHERE user_id = :user_id AND status = 'running'
    ), timer AS (
        INSERT INTO rest_timers (user_id, chat_id, label, duration_seconds, ends_at, status)
        VALUES (:user_id, :chat_id, :label, :duration_seconds, :ends_at, 'running')
        RETURNING id
    ),"""
_RECORD = """
    WITH {save_state} {start_timer} thread AS (
        SELECT id FROM conversation_threads
        WHERE user_id = :user_id AND context_type = :context AND is_active
        ORDER BY id DESC LIMIT 1
    ), touched AS (
        UPDATE conversation_threads SET updated_at = now() WHERE id IN (SELECT id FROM thread)
    ), last AS (
        SELECT coalesce(max(turn_number), 0) AS n FROM conversation_turns
        WHERE thread_id = (SELECT id FROM thread)
    ), turns AS (
        INSERT INTO conversation_turns (thread_id, turn_number, role, content, structured_response_json)
        SELECT (SELECT id FROM thread), (SELECT n FROM last) + row_number() OVER (ORDER BY t.ord),
               t.role, t.content, t.structured
        FROM (VALUES (1, 'user', CAST(:said AS TEXT), CAST(NULL AS JSON)),
                     (2, 'assistant', CAST(:answer AS TEXT), CAST(:structured AS JSON)))
             AS t(ord, role, content, structured)
        WHERE EXISTS (SELECT 1 FROM thread) AND t.content IS NOT NULL
        RETURNING thread_id
    )
    SELECT EXISTS (SELECT 1 FROM turns) AS recorded, {timer_id} AS timer_id
    """
#: Recording, with or without saving the state and starting a timer: four constant statements.
_RECORDS = {
    (save, start): text(
        _RECORD.format(
            save_state=_SAVE_STATE if save else "",
            start_timer=_START_TIMER if start else "",
            timer_id="(SELECT id FROM timer)" if start else "CAST(NULL AS INTEGER)",
        )
    )
    for save in (False, True)
    for start in (False, True)
}


@dataclass(frozen=True)
class Entered:
    """The lifter behind an update, under their lock, with their dialogue state."""

    user: User
    state: ChatState
    #: They have movements of their own: their catalog is more than the system library.
    owns_movements: bool


@dataclass(frozen=True)
class StateChange:
    """A dialogue state to save with the exchange."""

    flow: str | None
    step: str | None
    data: dict[str, Any]


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
    ) -> Entered | None:
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
        self.session.info.setdefault(_LOCKS_HELD, set()).add(user_id)
        entered = await self._load(user_id)
        assert entered is not None
        if chat_id is not None and entered.user.telegram_chat_id != chat_id:
            entered.user.telegram_chat_id = chat_id
        return entered

    async def reenter(self, user_id: int) -> Entered | None:
        """The lifter again, under their advisory lock, for work that continues an update whose
        first transaction has committed (a tool call during a model call, the coach's answer
        after it). Read after the lock, as in ``enter``; ``None`` if the lifter deleted their
        account meanwhile."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :uid)"), {"ns": LOCK_NAMESPACE, "uid": user_id}
        )
        self.session.info.setdefault(_LOCKS_HELD, set()).add(user_id)
        return await self._load(user_id)

    async def _load(self, user_id: int) -> Entered | None:
        """The locked lifter with their settings and dialogue state (each made if missing)."""
        found = (await self.session.execute(_LOAD, {"user_id": user_id})).one_or_none()
        if found is None:
            return None
        user, owns_movements = found
        if user.settings is None:
            await self._ensure_settings(user.id)
            await self.session.refresh(user, ["settings"])
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
        return Entered(user, state, bool(owns_movements))

    def holds_lock(self, user_id: int) -> bool:
        """Whether this transaction took the lifter's advisory lock in ``enter`` or ``reenter``."""
        return user_id in self.session.info.get(_LOCKS_HELD, ())

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

    async def record(
        self,
        user_id: int,
        context_type: str,
        said: str | None,
        answer: str | None,
        structured: dict[str, Any] | None,
        *,
        state: StateChange | None = None,
        timer: RestTimer | None = None,
    ) -> int | None:
        """Append the lifter's turn and the coach's answer to their open thread of this purpose;
        save the dialogue ``state`` if it changed; start ``timer`` (a new rest timer, not yet
        stored; the lifter's running one stops: one rest at a time). Returns the timer's id.

        Either side may be ``None``: an exchange that waits on the model records the lifter's
        turn at once and the answer (with ``structured``) when it comes.

        One statement when the thread exists (the common case); otherwise the thread is opened
        first. The caller holds the lifter's lock, so the next turn numbers are theirs alone.
        """
        params: dict[str, Any] = {
            "user_id": user_id,
            "context": context_type,
            "said": said,
            "answer": answer,
            "structured": json.dumps(structured, default=str) if structured is not None else None,
        }
        if state is not None:
            params.update(flow=state.flow, step=state.step, data=json.dumps(state.data))
        if timer is not None:
            params.update(
                chat_id=timer.chat_id,
                label=timer.label,
                duration_seconds=timer.duration_seconds,
                ends_at=timer.ends_at,
            )
        row = (await self.session.execute(_RECORDS[state is not None, timer is not None], params)).one()
        if not row.recorded:  # no open thread of this purpose yet: the rest is done all the same
            await self.session.execute(
                insert(ConversationThread).values(user_id=user_id, context_type=context_type)
            )
            await self.session.execute(_RECORDS[False, False], params)
        return row.timer_id

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
