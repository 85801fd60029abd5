"""The Telegram sender against a fake Bot API: every answer becomes the right outcome."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.reminders import RateLimiter, TelegramSender
from coach.replies import Button, Reply, bold
from tests.fakes.fixtures import telegram_api  # noqa: F401  (fixture)
from tests.fakes.telegram_api import FakeTelegram

CHAT = 4242


@pytest.fixture
async def bot(telegram_api: FakeTelegram) -> AsyncIterator[Bot]:  # noqa: F811
    async with Bot(FakeTelegram.TOKEN, base_url=telegram_api.base_url) as bot:
        yield bot


class Sleeps:
    """Records the waits a rate limiter asks for instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.now += seconds


def sender_for(bot: Bot, sleeps: Sleeps | None = None, rate: float = 0) -> TelegramSender:
    sleeps = sleeps or Sleeps()
    return TelegramSender(bot, RateLimiter(rate, clock=sleeps.clock, sleep=sleeps.sleep))


async def test_a_reminder_with_buttons_is_delivered(telegram_api: FakeTelegram, bot: Bot) -> None:  # noqa: F811
    reply = Reply(
        text=f"{bold('Today')}: squat <5x5> & bench", buttons=((Button("▶️ Start", "rem|start|x"),),)
    )
    result = await sender_for(bot).send(CHAT, reply)
    assert result.status == "delivered" and result.message_id is not None
    (sent,) = telegram_api.to(CHAT)
    assert sent.text == "<b>Today</b>: squat &lt;5x5&gt; &amp; bench"
    assert sent.params["parse_mode"] == "HTML"
    assert sent.button("Start")["callback_data"] == "rem|start|x"


async def test_an_overlong_reminder_is_one_message(telegram_api: FakeTelegram, bot: Bot) -> None:  # noqa: F811
    assert (await sender_for(bot).send(CHAT, Reply(text="x" * 5000))).status == "delivered"
    (sent,) = telegram_api.to(CHAT)
    assert len(sent.text) == 4096


async def test_429_pauses_every_later_send(telegram_api: FakeTelegram, bot: Bot) -> None:  # noqa: F811
    telegram_api.fail(429, retry_after=7, method="sendMessage")
    sleeps = Sleeps()
    sender = sender_for(bot, sleeps)
    result = await sender.send(CHAT, Reply(text="hi"))
    assert (result.status, result.retry_after) == ("retry", 7.0)
    assert "429" in (result.error or "")
    assert (await sender.send(CHAT + 1, Reply(text="hi"))).status == "delivered"
    assert sleeps.waits == [7.0]  # the next send, to another chat, waited it out


async def test_blocked_by_the_user(telegram_api: FakeTelegram, bot: Bot) -> None:  # noqa: F811
    telegram_api.block(CHAT)
    result = await sender_for(bot).send(CHAT, Reply(text="hi"))
    assert result.status == "blocked" and "blocked" in (result.error or "")


@pytest.mark.parametrize(
    ("status", "description", "outcome"),
    [
        (400, "Bad Request: chat not found", "rejected"),
        (500, "Internal Server Error", "retry"),
        (502, "Bad Gateway", "unknown"),
        (504, "Gateway Timeout", "unknown"),
        (401, "Unauthorized", "retry"),
    ],
)
async def test_http_errors(
    telegram_api: FakeTelegram,  # noqa: F811
    bot: Bot,
    status: int,
    description: str,
    outcome: str,
) -> None:
    telegram_api.fail(status, description=description, method="sendMessage")
    result = await sender_for(bot).send(CHAT, Reply(text="hi"))
    assert result.status == outcome
    assert result.stop == (status == 401)
    assert FakeTelegram.TOKEN not in (result.error or "")


async def test_no_connection_is_retried_later() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    request = HTTPXRequest()
    await request.initialize()  # no getMe: there is no server to answer it
    try:
        bot = Bot(FakeTelegram.TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
        result = await sender_for(bot).send(CHAT, Reply(text="hi"))
    finally:
        await request.shutdown()
    assert result.status == "retry"
    assert FakeTelegram.TOKEN not in (result.error or "")


class SlowTelegram(FakeTelegram):
    """Takes the message, then answers too late: the sender cannot know it arrived."""

    async def call(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        answer = await super().call(token, method, params)
        if method == "sendMessage":
            await asyncio.sleep(0.5)
        return answer


async def test_a_timeout_after_sending_is_unknown_never_retried() -> None:
    async with SlowTelegram() as slow:
        request = HTTPXRequest(read_timeout=0.1)
        async with Bot(FakeTelegram.TOKEN, base_url=slow.base_url, request=request) as bot:
            result = await sender_for(bot).send(CHAT, Reply(text="hi"))
        assert result.status == "unknown"
        assert len(slow.to(CHAT)) == 1  # it did arrive


async def test_rate_limit_spaces_messages_evenly() -> None:
    sleeps = Sleeps()
    limiter = RateLimiter(30, clock=sleeps.clock, sleep=sleeps.sleep)
    for _ in range(61):
        await limiter.acquire()
    assert sleeps.now == pytest.approx(2.0)  # 61 messages at 30/s: the last one at t = 2 s
    assert all(w == pytest.approx(1 / 30, abs=1e-5) for w in sleeps.waits)


async def test_no_rate_limit_never_waits() -> None:
    sleeps = Sleeps()
    limiter = RateLimiter(0, clock=sleeps.clock, sleep=sleeps.sleep)
    for _ in range(100):
        await limiter.acquire()
    assert sleeps.waits == []
