"""A fake OpenAI-compatible server per test, and a client pointed at it with fast retries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from coach.llm import ModelConfig, OpenAIChat
from tests.fakes.openai_api import FakeOpenAI


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as api:
        yield api


@pytest.fixture
async def chat(fake_api: FakeOpenAI) -> AsyncIterator[OpenAIChat]:
    model = OpenAIChat(
        ModelConfig(
            base_url=fake_api.base_url,
            model="fake-coach",
            api_key="sk-test-secret-key-123456",
            timeout_seconds=0.3,
            max_retries=2,
            backoff_seconds=0.01,
            max_backoff_seconds=0.05,
        )
    )
    yield model
    await model.close()
