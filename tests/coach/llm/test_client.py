"""The model client: answers, tool calls, and every way an endpoint can fail, against a real HTTP fake."""

from __future__ import annotations

import logging
import time

import pytest

from coach.llm import ModelUnavailable, OpenAIChat, connect
from coach.llm.client import PLACEHOLDER_KEY
from tests.fakes import openai_api as fake

MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]


async def test_text_answer_and_request_shape(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(fake.text("Hello, lifter."))
    completion = await chat.complete(MESSAGES, tools=[{"type": "function", "function": {"name": "x"}}])
    assert completion.content == "Hello, lifter."
    assert completion.tool_calls == ()
    sent = fake_api.requests[0]["json"]
    assert sent["model"] == "fake-coach"
    assert sent["messages"] == MESSAGES
    assert sent["tool_choice"] == "auto"
    assert fake_api.requests[0]["headers"]["Authorization"] == "Bearer sk-test-secret-key-123456"


async def test_tool_calls_keep_raw_arguments(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(fake.tool_calls(("get_today", {}), ("swap_options", "{broken")))
    completion = await chat.complete(MESSAGES)
    assert [(c.name, c.arguments) for c in completion.tool_calls] == [
        ("get_today", "{}"),
        ("swap_options", "{broken"),
    ]
    replay = completion.as_message()
    assert replay["tool_calls"][1]["function"]["arguments"] == "{broken"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
async def test_retries_transient_failures_then_succeeds(
    chat: OpenAIChat, fake_api: fake.FakeOpenAI, status: int
) -> None:
    fake_api.queue(fake.error(status), fake.error(status), fake.text("third time lucky"))
    assert (await chat.complete(MESSAGES)).content == "third time lucky"
    assert len(fake_api.requests) == 3


async def test_gives_up_after_max_retries(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(*[fake.error(500)] * 5)
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES)
    assert raised.value.reason == "http_500"
    assert len(fake_api.requests) == 3  # one try and two retries


async def test_retry_after_is_honoured_but_capped(fake_api: fake.FakeOpenAI) -> None:
    pauses: list[float] = []

    async def record(seconds: float) -> None:
        pauses.append(seconds)

    from coach.llm import ModelConfig

    model = OpenAIChat(
        ModelConfig(base_url=fake_api.base_url, max_retries=3, backoff_seconds=0.25, max_backoff_seconds=5),
        sleep=record,
    )
    fake_api.queue(
        fake.error(429, headers={"Retry-After": "2"}),
        fake.error(429, headers={"Retry-After": "3600"}),
        fake.error(503),
        fake.text("ok"),
    )
    try:
        assert (await model.complete(MESSAGES)).content == "ok"
    finally:
        await model.close()
    assert pauses == [2.0, 5.0, 1.0]  # server's hint, hint capped, then 0.25 * 2**2


async def test_client_errors_are_not_retried(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(fake.error(401, "bad key"), fake.text("never"))
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES)
    assert raised.value.reason == "http_401"
    assert len(fake_api.requests) == 1


async def test_timeout_is_short_and_retried(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(fake.slow(2), fake.slow(2), fake.slow(2))
    started = time.perf_counter()
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES)
    assert raised.value.reason == "timeout"
    assert time.perf_counter() - started < 1.5  # three 0.3 s attempts, not the SDK's ten minutes


async def test_malformed_body_is_unavailable_not_a_crash(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    fake_api.queue(fake.malformed_body())
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES)
    assert raised.value.reason == "malformed_response"


async def test_unreachable_endpoint() -> None:
    model = connect("http://127.0.0.1:9/v1", model="m", timeout_seconds=0.2, max_retries=0)
    assert model is not None
    try:
        with pytest.raises(ModelUnavailable) as raised:
            await model.complete(MESSAGES)
    finally:
        await model.close()
    assert raised.value.reason in ("unreachable", "timeout")


async def test_secret_never_in_errors_or_logs(
    chat: OpenAIChat, fake_api: fake.FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_api.queue(*[fake.error(500, "key sk-test-secret-key-123456 rejected")] * 3, fake.error(401))
    for _ in range(2):
        with pytest.raises(ModelUnavailable) as raised:
            await chat.complete(MESSAGES)
        assert "sk-test-secret" not in str(raised.value)
        assert "sk-test-secret" not in repr(chat.config)
    assert "sk-test-secret" not in caplog.text


def test_connect_without_base_url_means_offline() -> None:
    assert connect(None, api_key="k", model="m") is None
    assert connect("", model="m") is None


async def test_connect_fills_key_and_model() -> None:
    model = connect("http://127.0.0.1:1/v1")
    assert model is not None
    try:
        assert model.config.api_key == PLACEHOLDER_KEY
        assert model.config.model
    finally:
        await model.close()


async def test_deadline_shortens_attempts_and_stops_retries(
    chat: OpenAIChat, fake_api: fake.FakeOpenAI
) -> None:
    fake_api.queue(fake.slow(2), fake.slow(2), fake.slow(2))
    started = time.perf_counter()
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES, deadline=time.monotonic() + 0.15)
    assert time.perf_counter() - started < 0.3
    assert raised.value.reason == "timeout"
    assert len(fake_api.requests) == 1  # no retry past the deadline


async def test_a_passed_deadline_makes_no_request(chat: OpenAIChat, fake_api: fake.FakeOpenAI) -> None:
    with pytest.raises(ModelUnavailable) as raised:
        await chat.complete(MESSAGES, deadline=time.monotonic())
    assert raised.value.reason == "deadline"
    assert fake_api.requests == []
