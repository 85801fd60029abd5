"""The model is asked with no transaction open: a slow model holds neither a pooled connection
nor the lifter's lock, and the update is still handled exactly once.

These tests commit (concurrent updates need connections of their own); every lifter they create
is deleted afterwards.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coach.conversation import ConversationEngine, Incoming
from coach.conversation.incoming import Channel, Kind
from coach.deps import CoachDeps
from coach.llm import ModelConfig, OpenAIChat
from coach.planning.service import create_program
from coach.profile import Profile
from coach.replies import Reply
from db.engine import create_engine, create_session_factory
from db.models import ConversationThread, ConversationTurn, ProcessedUpdate, WorkoutLog
from db.uow import unit_of_work
from tests.coach.assistant.conftest import PROFILE, START
from tests.coach.conversation.helpers import Chat
from tests.fakes import openai_api as fake

_update_ids = itertools.count(int(time.time() * 1000) % 10**12 * 1000)


@dataclass
class Setup:
    engine: AsyncEngine | None
    factory: async_sessionmaker[AsyncSession]
    deps: CoachDeps
    handles: list[str]

    def handle(self) -> str:
        self.handles.append(f"slow-model-{uuid.uuid4().hex[:10]}")
        return self.handles[-1]


@pytest.fixture
async def patient(fake_api: fake.FakeOpenAI) -> AsyncIterator[OpenAIChat]:
    """A model client that waits as long as the tests hold the fake model's answer."""
    chat = OpenAIChat(
        ModelConfig(
            base_url=fake_api.base_url,
            model="fake-coach",
            api_key="sk-test",
            timeout_seconds=20,
            max_retries=0,
        )
    )
    yield chat
    await chat.close()


async def _setup(database_url: str, deps: CoachDeps, model: OpenAIChat, pool_size: int) -> Setup:
    engine = create_engine(database_url, pool_size=pool_size)
    return Setup(engine, create_session_factory(engine), replace(deps, llm=model), [])


async def _teardown(setup: Setup) -> None:
    try:
        async with unit_of_work(setup.factory) as repos:
            for handle in setup.handles:
                user = await repos.users.by_local_handle(handle)
                if user is not None:
                    await repos.users.delete(user.id)
    finally:
        if setup.engine is not None:
            await setup.engine.dispose()


async def _lifter(setup: Setup, handle: str, *, program: bool = False) -> int:
    """An onboarded lifter (with a program if asked), committed."""
    async with unit_of_work(setup.factory) as repos:
        user = await repos.users.get_or_create_local(handle)
        if program:
            await create_program(repos, setup.deps, user, Profile.parse(PROFILE), start_date=START, seed=7)
        user.onboarded_at = setup.deps.clock.now()
        return user.id


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        await asyncio.sleep(0.01)


async def _turns(setup: Setup, user_id: int, context: str) -> list[ConversationTurn]:
    async with unit_of_work(setup.factory) as repos:
        return list(
            (
                await repos.session.scalars(
                    select(ConversationTurn)
                    .join(ConversationThread)
                    .where(ConversationThread.user_id == user_id, ConversationThread.context_type == context)
                    .order_by(ConversationTurn.turn_number)
                )
            ).all()
        )


def _text(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def test_a_quick_log_is_answered_while_the_model_thinks(
    database_url: str, deps: CoachDeps, patient: OpenAIChat, fake_api: fake.FakeOpenAI
) -> None:
    setup = await _setup(database_url, deps, patient, pool_size=2)
    try:
        handle = setup.handle()
        user_id = await _lifter(setup, handle, program=True)
        coach = ConversationEngine(setup.factory, setup.deps)
        thinking = asyncio.Event()
        fake_api.queue(
            fake.tool_calls(("get_today", {}), ("get_progress", {})),
            fake.held(thinking, fake.text("Squats come first because they need you fresh.")),
        )
        question = asyncio.create_task(
            coach.handle(Incoming.local(handle, "why do squats come first today?"))
        )
        await _until(lambda: len(fake_api.requests) == 2)  # the tool ran; the model thinks on

        logged = await asyncio.wait_for(coach.handle(Incoming.local(handle, "bench 3x5 80")), 5)
        assert "Bench" in _text(logged)
        assert not question.done()
        async with unit_of_work(setup.factory) as repos:
            logs = select(func.count()).select_from(WorkoutLog).where(WorkoutLog.user_id == user_id)
            assert await repos.session.scalar(logs) == 1
        asked = await _turns(setup, user_id, "free_chat")
        assert [(t.role, t.content) for t in asked] == [("user", "why do squats come first today?")]

        thinking.set()
        answer = await asyncio.wait_for(question, 10)
        assert _text(answer) == "Squats come first because they need you fresh."
        turns = await _turns(setup, user_id, "free_chat")
        assert [t.role for t in turns] == ["user", "assistant"]
        decided = turns[1].structured_response_json
        assert decided["source"] == "llm"
        assert [(t["tool"], t["ok"]) for t in decided["tools"]] == [
            ("get_today", True),
            ("get_progress", True),
        ]
        assert decided["tools"][0]["result"]["exercises"]
        assert [t.role for t in await _turns(setup, user_id, "daily_adaptation")] == ["user", "assistant"]
    finally:
        await _teardown(setup)


async def test_slow_model_chats_leave_connections_for_everyone_else(
    database_url: str, deps: CoachDeps, patient: OpenAIChat, fake_api: fake.FakeOpenAI
) -> None:
    setup = await _setup(database_url, deps, patient, pool_size=1)  # two connections in all
    try:
        coach = ConversationEngine(setup.factory, setup.deps)
        talkers = [setup.handle() for _ in range(4)]
        ids = [await _lifter(setup, handle) for handle in talkers]
        thinking = asyncio.Event()
        fake_api.queue(*[fake.held(thinking, fake.text("Ramp up with empty-bar sets.")) for _ in talkers])
        chats = [
            asyncio.create_task(coach.handle(Incoming.local(handle, "how should I warm up?")))
            for handle in talkers
        ]
        await _until(lambda: len(fake_api.requests) == len(talkers))  # all four are thinking at once

        helped = await asyncio.wait_for(coach.handle(Incoming.local(setup.handle(), "/help")), 5)
        assert "/log" in _text(helped)
        assert not any(chat.done() for chat in chats)

        thinking.set()
        answers = await asyncio.wait_for(asyncio.gather(*chats), 10)
        assert all(_text(a) == "Ramp up with empty-bar sets." for a in answers)
        for user_id in ids:
            turns = await _turns(setup, user_id, "free_chat")
            assert [t.role for t in turns] == ["user", "assistant"]
            assert turns[1].structured_response_json["source"] == "llm"
    finally:
        await _teardown(setup)


async def test_the_update_is_claimed_and_the_question_kept_before_the_model_is_asked(
    database_url: str, deps: CoachDeps, patient: OpenAIChat, fake_api: fake.FakeOpenAI
) -> None:
    setup = await _setup(database_url, deps, patient, pool_size=2)
    try:
        handle = setup.handle()
        user_id = await _lifter(setup, handle)
        coach = ConversationEngine(setup.factory, setup.deps)
        thinking = asyncio.Event()
        fake_api.queue(fake.held(thinking, fake.text("Sleep is when you grow.")))
        update = Incoming(
            Channel.LOCAL, handle, Kind.TEXT, text="does sleep matter?", update_id=next(_update_ids)
        )
        first = asyncio.create_task(coach.handle(update))
        await _until(lambda: len(fake_api.requests) == 1)

        assert await asyncio.wait_for(coach.handle(update), 5) == []  # redelivered mid-answer
        thinking.set()
        assert _text(await asyncio.wait_for(first, 10)) == "Sleep is when you grow."
        assert await coach.handle(update) == []
        assert len(fake_api.requests) == 1

        # The process dies while the model thinks: the question is kept, the update stays handled.
        fake_api.queue(fake.held(asyncio.Event()))
        again = replace(update, text="and naps?", update_id=next(_update_ids))
        dying = asyncio.create_task(coach.handle(again))
        await _until(lambda: len(fake_api.requests) == 2)
        dying.cancel()
        with pytest.raises(asyncio.CancelledError):
            await dying
        turns = await _turns(setup, user_id, "free_chat")
        assert [(t.role, t.content) for t in turns][-2:] == [
            ("assistant", "Sleep is when you grow."),
            ("user", "and naps?"),
        ]
        assert await coach.handle(again) == []
        async with unit_of_work(setup.factory) as repos:
            claimed = select(func.count()).select_from(ProcessedUpdate)
            ids = (update.update_id, again.update_id)
            assert await repos.session.scalar(claimed.where(ProcessedUpdate.update_id.in_(ids))) == 2
            await repos.session.execute(
                ProcessedUpdate.__table__.delete().where(ProcessedUpdate.update_id.in_(ids))
            )
    finally:
        await _teardown(setup)


async def test_a_model_failure_after_a_tool_stored_something_is_answered_offline(
    session_factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    model: OpenAIChat,
    fake_api: fake.FakeOpenAI,
) -> None:
    """The tool's own unit of work committed the log; the offline coach reports it, once."""
    async with unit_of_work(session_factory) as repos:
        user = await repos.users.get_or_create_local("sam")
        user.onboarded_at = deps.clock.now()
    chat = Chat(ConversationEngine(session_factory, replace(deps, llm=model)), "sam")
    fake_api.queue(
        fake.tool_calls(("log_sets", {"lines": "bench 3x5 80 @8"})), fake.error(500), fake.error(500)
    )
    await chat.send("did bench 3x5 at 80 today, rpe 8, was it heavy enough?")
    assert "logged" in chat.text
    turns = await _turns(Setup(None, session_factory, deps, []), user.id, "free_chat")
    assert [t.role for t in turns] == ["user", "assistant"]
    decided = turns[1].structured_response_json
    assert decided["source"] == "offline" and decided["fallback"] == "http_500"
    assert decided["intent"] == "model_interrupted"
    async with unit_of_work(session_factory) as repos:
        logs = select(func.count()).select_from(WorkoutLog).where(WorkoutLog.user_id == user.id)
        assert await repos.session.scalar(logs) == 1
