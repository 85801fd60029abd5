"""A lifter with a program, a fixed clock, and (for the model tests) a fake OpenAI server."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import pytest

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.llm import ModelConfig, OpenAIChat
from coach.planning.service import create_program
from coach.profile import Profile
from db.enums import PersonaTone
from db.library import default_library
from db.models import ConversationThread, User
from db.repositories import Repositories
from tests.fakes.openai_api import FakeOpenAI

#: A Monday; programs start on it, so the lifter trains "today".
START = dt.date(2026, 12, 7)
SECRET = b"assistant-tests"

PROFILE = {
    "experience_level": "intermediate",
    "days_per_week": 4,
    "session_minutes": 60,
    "goals": [{"goal": "strength", "weight": 6}, {"goal": "hypertrophy", "weight": 4}],
    "split_template": "upper_lower",
    "duration_weeks": 8,
    "equipment": "gym",
    "persona_tone": "supportive",
    "persona_aggression": 3,
}


@dataclass
class Lifter:
    repos: Repositories
    deps: CoachDeps
    user: User
    thread: ConversationThread

    @property
    def day(self) -> dt.date:
        return START


@pytest.fixture(scope="session")
async def system_catalog(engine) -> Catalog:
    from db.engine import create_session_factory
    from db.uow import unit_of_work

    async with unit_of_work(create_session_factory(engine)) as repos:
        return Catalog.from_rows(*await repos.movements.system_rows())


@pytest.fixture
def deps(system_catalog: Catalog) -> CoachDeps:
    library = default_library()
    heuristics = {h.name: library.heuristic(h.name) for h in library.heuristics}
    clock = FixedClock(dt.datetime.combine(START, dt.time(8, 0), tzinfo=dt.UTC))
    return CoachDeps(catalog=system_catalog, heuristics=heuristics, clock=clock, callback_secret=SECRET)


async def make_lifter(
    repos: Repositories, deps: CoachDeps, handle: str, *, tone: PersonaTone = PersonaTone.SUPPORTIVE
) -> Lifter:
    user = await repos.users.get_or_create_local(handle)
    user.name = handle.title()
    profile = Profile.parse({**PROFILE, "persona_tone": tone.value})
    await create_program(repos, deps, user, profile, start_date=START, seed=7)
    user.onboarded_at = deps.clock.now()
    await repos.session.flush()
    thread = await repos.conversation.active_thread(user.id, "free_chat")
    return Lifter(repos, deps, user, thread)


@pytest.fixture
async def lifter(repos: Repositories, deps: CoachDeps) -> Lifter:
    return await make_lifter(repos, deps, "sam")


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as api:
        yield api


@pytest.fixture
async def model(fake_api: FakeOpenAI) -> AsyncIterator[OpenAIChat]:
    chat = OpenAIChat(
        ModelConfig(
            base_url=fake_api.base_url,
            model="fake-coach",
            api_key="sk-assistant-test-key-987654",
            timeout_seconds=0.3,
            max_retries=1,
            backoff_seconds=0.01,
            max_backoff_seconds=0.02,
        )
    )
    yield chat
    await chat.close()


@pytest.fixture
def talking(lifter: Lifter, model: OpenAIChat) -> Lifter:
    """The lifter, with a model configured."""
    return replace(lifter, deps=replace(lifter.deps, llm=model))
