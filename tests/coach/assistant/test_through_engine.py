"""The assistant behind the real conversation engine: turns recorded, buttons routed back, asides."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.conversation import ConversationEngine
from coach.deps import CoachDeps
from coach.llm import OpenAIChat
from coach.planning.service import create_program
from coach.profile import Profile
from db.models import ConversationThread, ConversationTurn
from db.uow import unit_of_work
from tests.coach.assistant.conftest import PROFILE, START
from tests.coach.conversation.helpers import Chat
from tests.fakes import openai_api as fake


async def _turns(factory: async_sessionmaker[AsyncSession], context: str) -> list[ConversationTurn]:
    async with unit_of_work(factory) as repos:
        return list(
            (
                await repos.session.scalars(
                    select(ConversationTurn)
                    .join(ConversationThread)
                    .where(ConversationThread.context_type == context)
                    .order_by(ConversationTurn.turn_number)
                )
            ).all()
        )


async def test_a_plan_change_through_the_engine(
    session_factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    model: OpenAIChat,
    fake_api: fake.FakeOpenAI,
) -> None:
    engine = ConversationEngine(session_factory, replace(deps, llm=model))
    async with unit_of_work(session_factory) as repos:
        user = await repos.users.get_or_create_local("sam")
        await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=START, seed=7)
        user.onboarded_at = deps.clock.now()
    chat = Chat(engine, "sam")
    fake_api.queue(
        fake.tool_calls(("adjust_today", {"action": "reduce"})),
        fake.text("Short on time: one set less on everything. Tap to apply."),
    )

    await chat.send("I only have 30 minutes, what should I cut?")
    assert "one set less" in chat.text
    await chat.press("Shorter session")
    assert "shorter" in chat.text.lower()

    turns = await _turns(session_factory, "free_chat")
    assert [t.turn_number for t in turns] == [1, 2, 3, 4]
    assert [t.role for t in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[1].structured_response_json["source"] == "llm"
    assert turns[1].structured_response_json["changes"][0]["action"] == "reduce"
    assert turns[3].structured_response_json["applied"]["action"] == "reduce"
    async with unit_of_work(session_factory) as repos:
        thread = await repos.conversation.active_thread(user.id, "free_chat")
        assert thread.final_plan_accepted is True
        assert thread.accepted_plan_json["changes"][0]["action"] == "reduce"


async def test_a_question_mid_onboarding_is_answered_and_the_step_asked_again(
    session_factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    model: OpenAIChat,
    fake_api: fake.FakeOpenAI,
) -> None:
    chat = Chat(ConversationEngine(session_factory, replace(deps, llm=model)), "newbie")
    await chat.send("/start")
    await chat.send("Robin")
    asked = chat.text
    fake_api.queue(fake.text("Experience decides how fast we progress and how complex the lifts are."))
    await chat.send("why do you need to know that?")
    assert chat.text.startswith("Experience decides how fast")
    assert asked.splitlines()[-1] in chat.text  # the pending question, asked again
    assert "still setting up" in fake_api.system_prompt()


async def test_without_a_model_the_engine_gets_the_offline_coach(
    session_factory: async_sessionmaker[AsyncSession], deps: CoachDeps
) -> None:
    engine = ConversationEngine(session_factory, deps)
    async with unit_of_work(session_factory) as repos:
        user = await repos.users.get_or_create_local("sam")
        await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=START, seed=7)
        user.onboarded_at = deps.clock.now()
    chat = Chat(engine, "sam")
    await chat.send("swap an exercise")
    first = chat.buttons[0].label
    await chat.press(first)
    assert f"Instead of {first}" in chat.text
    await chat.press("Swap to")
    assert "replaces" in chat.text


async def test_the_models_buttons_are_numbered_choices_in_the_terminal(
    session_factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    model: OpenAIChat,
    fake_api: fake.FakeOpenAI,
) -> None:
    """The answer is recorded after the model call, with the choices it shows."""
    engine = ConversationEngine(session_factory, replace(deps, llm=model))
    async with unit_of_work(session_factory) as repos:
        user = await repos.users.get_or_create_local("sam")
        await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=START, seed=7)
        user.onboarded_at = deps.clock.now()
    chat = Chat(engine, "sam")
    fake_api.queue(
        fake.tool_calls(("adjust_today", {"action": "reduce"})),
        fake.text("Short on time: one set less on everything. Tap to apply."),
    )
    await chat.send("I only have 30 minutes, what should I cut?")
    assert chat.buttons[0].label.startswith("Shorter session")
    requests = len(fake_api.requests)
    await chat.send("1")
    assert "shorter" in chat.text.lower()
    assert len(fake_api.requests) == requests
    turns = await _turns(session_factory, "free_chat")
    assert turns[3].structured_response_json["applied"]["action"] == "reduce"
