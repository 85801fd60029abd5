"""The talking coach in the real bot: a lifter's next message does not wait for the model."""

from __future__ import annotations

import asyncio

from coach.llm import ModelConfig, OpenAIChat
from db.uow import unit_of_work
from tests.bot.conftest import Harness, eventually, say
from tests.fakes import openai_api as fake


async def test_a_quick_log_is_answered_while_the_coach_is_thinking(harness: Harness) -> None:
    telegram = harness.telegram
    async with fake.FakeOpenAI() as api:
        model = OpenAIChat(ModelConfig(base_url=api.base_url, model="fake-coach", max_retries=0))
        try:
            await harness.start(llm=model)
            user = harness.new_user()
            await say(telegram, user, "/help")
            async with unit_of_work(harness.factory) as repos:
                lifter = await repos.users.by_telegram_id(user)
                assert lifter is not None
                lifter.onboarded_at = lifter.created_at
            thinking = asyncio.Event()
            api.queue(fake.held(thinking, fake.text("Brace first: a big breath into your belt.")))
            telegram.message(user, "how do I brace for deadlifts?")

            async def asked() -> bool:
                return len(api.requests) == 1

            await eventually(asked)
            logged = await say(telegram, user, "bench 3x5 80", replies=2)  # the log and its rest countdown
            assert "Bench" in logged[0].text
            assert not any("Brace first" in text for text in telegram.texts(user))

            thinking.set()
            await telegram.wait_for(lambda: any("Brace first" in t for t in telegram.texts(user)))
            texts = telegram.texts(user)
            assert texts.index(logged[0].text) < next(i for i, t in enumerate(texts) if "Brace first" in t)
        finally:
            await model.close()
