"""When storage is down, or a handler fails, the lifter gets a plain answer and nothing half-done."""

from __future__ import annotations

from sqlalchemy import func, select, text

from coach.conversation import ConversationEngine, Incoming
from coach.conversation.engine import Retry
from coach.deps import CoachDeps
from db.engine import create_engine, create_session_factory
from db.models import WorkoutLog
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat


async def test_a_database_outage_gets_a_try_again_answer(deps: CoachDeps) -> None:
    dead = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere", pool_size=1)
    try:
        engine = ConversationEngine(
            create_session_factory(dead), deps, retry=Retry(attempts=2, first_delay=0.01)
        )
        replies = await engine.handle(Incoming.local("sam", "bench 3x5 80"))
    finally:
        await dead.dispose()
    assert len(replies) == 1 and "send it again" in replies[0].text
    assert replies[0].extra.get("unavailable")


async def test_a_failing_handler_is_rolled_back_and_answered_politely(chat: Chat, monkeypatch) -> None:
    from coach.conversation import logging_flow

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(logging_flow, "RestTimerSpec", broken)  # fails after the log was written
    await chat.send("bench 3x5 80")
    assert "went wrong on my side" in chat.text and "boom" not in chat.text
    async with unit_of_work(chat.engine.session_factory) as repos:
        assert await repos.session.scalar(select(func.count()).select_from(WorkoutLog)) == 0
        user = await repos.users.by_local_handle("sam")
        thread = await repos.conversation.active_thread(user.id, "free_chat")
        turns = await repos.conversation.recent_turns(thread.id)
        assert turns[-1].structured_response_json == {"error": "internal"}


async def test_connections_lost_in_a_database_restart_are_replaced_and_the_update_goes_through(
    database_url: str, deps: CoachDeps
) -> None:
    """Pooled connections are not pinged before use (three round trips each time); a dead one
    fails its attempt, and the engine's retry runs the update on a fresh connection."""
    engine = create_engine(database_url, pool_size=2)
    factory = create_session_factory(engine)
    conversation = ConversationEngine(factory, deps, retry=Retry(attempts=3, first_delay=0.01))
    try:
        assert await conversation.handle(Incoming.local("restart-survivor", "/help"))
        async with engine.connect() as connection:  # the pooled connection the update used
            pid = await connection.scalar(text("SELECT pg_backend_pid()"))
        admin = create_engine(database_url, pool_size=1)
        try:
            async with admin.connect() as connection:
                await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        finally:
            await admin.dispose()
        replies = await conversation.handle(Incoming.local("restart-survivor", "bench 3x5 80"))
        assert "Barbell Bench Press" in replies[0].text
    finally:
        async with unit_of_work(factory) as repos:
            user = await repos.users.by_local_handle("restart-survivor")
            if user is not None:
                await repos.users.delete(user.id)
        await engine.dispose()
