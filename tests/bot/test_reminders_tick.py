"""The bot's minute tick: scheduled on the job queue, sends through the bot, never doubles a run."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from telegram.ext import Application

from bot.reminders import schedule
from coach.clock import FixedClock
from db.uow import unit_of_work
from gainsly.app import App
from gainsly.cli import main
from tests.bot.conftest import Harness
from tests.coach.reminders.helpers import add_users, bare_program, delete_users, new_user
from tests.fakes.telegram_api import FakeTelegram

NOW = dt.datetime(2026, 6, 10, 4, 1, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def keep_test_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def lifters(harness: Harness) -> AsyncIterator[list[int]]:
    """Twenty lifters in Baku (UTC+4) with an 08:00 reminder, due at ``NOW``."""
    async with unit_of_work(harness.factory) as repos:
        users = await add_users(
            repos.session, [new_user(timezone="Asia/Baku", at=dt.time(8, 0)) for _ in range(20)]
        )
        for user in users:
            program = bare_program(NOW.date())
            program.user_id = user.id
            repos.session.add(program)
    chats = [u.telegram_chat_id for u in users if u.telegram_chat_id is not None]
    yield chats
    await delete_users(harness.factory, [u.id for u in users])


def at_now(app: App) -> App:
    return dataclasses.replace(app, deps=dataclasses.replace(app.deps, clock=FixedClock(NOW)))


@pytest.fixture
async def application(harness: Harness) -> AsyncIterator[Application]:
    telegram = harness.telegram
    application = Application.builder().token(FakeTelegram.TOKEN).base_url(telegram.base_url).build()
    async with application:
        await application.start()
        yield application
        await application.stop()


def sent_chats(telegram: FakeTelegram) -> list[int]:
    return [s.chat_id for s in telegram.sent if s.method == "sendMessage" and s.chat_id is not None]


async def test_the_tick_runs_every_minute_on_the_minute(harness: Harness, application: Application) -> None:
    job = schedule(application, at_now(harness.app()))
    assert job.name == "reminders"
    assert job.job.trigger.interval == dt.timedelta(minutes=1)
    next_run = job.next_t
    assert next_run is not None and next_run.second in (0, 1, 2)


async def test_a_tick_sends_what_is_due_through_the_bot(
    harness: Harness, application: Application, lifters: list[int]
) -> None:
    job = schedule(application, at_now(harness.app()))
    await job.run(application)
    await harness.telegram.wait_for(lambda: len(sent_chats(harness.telegram)) >= len(lifters))
    await job.run(application)  # the next minute: nothing new is due
    await asyncio.sleep(0.3)
    assert sorted(sent_chats(harness.telegram)) == sorted(lifters)


async def test_the_bot_and_gainsly_remind_at_once_send_each_reminder_once(
    harness: Harness,
    application: Application,
    lifters: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "GAINSLY_DATABASE_URL": harness.database_url,
        "GAINSLY_TELEGRAM_TOKEN": FakeTelegram.TOKEN,
        "GAINSLY_TELEGRAM_API_URL": harness.telegram.base_url,
        "GAINSLY_TELEGRAM_RATE_LIMIT": "0",
    }.items():
        monkeypatch.setenv(name, value)
    job = schedule(application, at_now(harness.app()))
    cli = asyncio.to_thread(main, ["remind", "--now", NOW.isoformat()])
    await asyncio.gather(job.run(application), cli)
    await harness.telegram.wait_for(lambda: len(sent_chats(harness.telegram)) >= len(lifters))
    await asyncio.sleep(0.3)  # anything sent twice would have arrived by now
    assert sorted(sent_chats(harness.telegram)) == sorted(lifters)
