"""``gainsly remind --now …`` against a fake Bot API and the test database, end to end.

The command runs in a worker thread (it starts its own event loop, as from a shell) while
the fake Telegram serves it from the test's loop; one test runs it as a real process and
kills it mid-send.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import ReminderDelivery, User
from db.uow import unit_of_work
from gainsly.cli import main
from tests.coach.reminders.helpers import add_users, bare_program, delete_users, new_user
from tests.fakes.fixtures import telegram_api  # noqa: F401  (fixture)
from tests.fakes.telegram_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def keep_test_logging() -> Iterator[None]:
    """``main`` configures logging for a terminal; put pytest's handlers back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, database_url: str, telegram_api: FakeTelegram) -> dict[str, str]:  # noqa: F811
    values = {
        "GAINSLY_DATABASE_URL": database_url,
        "GAINSLY_TELEGRAM_TOKEN": FakeTelegram.TOKEN,
        "GAINSLY_TELEGRAM_API_URL": telegram_api.base_url,
        "GAINSLY_TELEGRAM_RATE_LIMIT": "0",
        "PTB_TIMEDELTA": "1",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


class Lifters:
    """Committed lifters in a zone of their own, removed after the test."""

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self.factory = factory
        self.users: list[User] = []

    async def add(self, count: int, *, timezone: str, at: dt.time) -> list[User]:
        async with unit_of_work(self.factory) as repos:
            users = await add_users(repos.session, [new_user(timezone=timezone, at=at) for _ in range(count)])
            for user in users:
                program = bare_program(DAY - dt.timedelta(days=3))
                program.user_id = user.id
                repos.session.add(program)
        self.users += users
        return users

    async def deliveries(self) -> dict[int, ReminderDelivery]:
        async with unit_of_work(self.factory) as repos:
            rows = await repos.session.scalars(
                select(ReminderDelivery).where(ReminderDelivery.user_id.in_([u.id for u in self.users]))
            )
            return {r.user_id: r for r in rows}


@pytest.fixture
async def lifters(committing_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[Lifters]:
    group = Lifters(committing_factory)
    yield group
    await delete_users(committing_factory, [u.id for u in group.users])


async def remind(now: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = await asyncio.to_thread(main, ["remind", "--now", now])
    return code, capsys.readouterr().out.strip()


def chats(telegram: FakeTelegram) -> list[int]:
    return [s.chat_id for s in telegram.sent if s.method == "sendMessage" and s.chat_id is not None]


async def test_sends_due_reminders_once_and_says_how_many(
    env: dict[str, str],
    lifters: Lifters,
    telegram_api: FakeTelegram,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    due = await lifters.add(3, timezone="Asia/Kathmandu", at=dt.time(12, 30))  # UTC+5:45
    await lifters.add(1, timezone="Asia/Kathmandu", at=dt.time(13, 0))
    assert await remind("2026-06-10T06:46:00Z", capsys) == (0, "sent 3 reminders")  # 12:31 local
    assert sorted(chats(telegram_api)) == sorted(u.telegram_chat_id for u in due)
    assert await remind("2026-06-10T06:50:00+00:00", capsys) == (0, "sent 0 reminders")
    assert await remind("2026-06-10T13:01:00+05:45", capsys) == (0, "sent 1 reminder")
    rows = await lifters.deliveries()
    assert {r.status for r in rows.values()} == {"sent"} and len(rows) == 4


async def test_two_runs_at_once_never_send_one_reminder_twice(
    env: dict[str, str],
    lifters: Lifters,
    telegram_api: FakeTelegram,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    users = await lifters.add(25, timezone="Asia/Kolkata", at=dt.time(12, 0))
    args = ["remind", "--now", "2026-06-10T06:31:00Z"]  # 12:01 in Kolkata
    codes = await asyncio.gather(asyncio.to_thread(main, args), asyncio.to_thread(main, args))
    assert codes == [0, 0]
    printed = capsys.readouterr().out.split("\n")
    counts = [int(line.split()[1]) for line in printed if line.startswith("sent ")]
    assert sum(counts) == 25 and len(counts) == 2
    assert sorted(chats(telegram_api)) == sorted(u.telegram_chat_id for u in users)


async def test_a_dst_change_day(
    env: dict[str, str],
    lifters: Lifters,
    telegram_api: FakeTelegram,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Chicago, 8 March 2026: clocks jump 02:00 → 03:00 at 08:00 UTC; a 02:30 reminder goes
    out once at the jump; on 1 November 01:30 happens twice and it still goes out once."""
    (user,) = await lifters.add(1, timezone="America/Chicago", at=dt.time(2, 30))
    assert await remind("2026-03-08T07:59:00Z", capsys) == (0, "sent 0 reminders")
    assert await remind("2026-03-08T08:00:00Z", capsys) == (0, "sent 1 reminder")
    assert await remind("2026-03-08T08:45:00Z", capsys) == (0, "sent 0 reminders")
    async with unit_of_work(lifters.factory) as repos:
        stored = await repos.users.get(user.id)
        assert stored is not None and stored.settings is not None
        stored.settings.reminder_time = dt.time(1, 30)
    assert await remind("2026-11-01T06:31:00Z", capsys) == (0, "sent 1 reminder")  # 01:31 CDT
    assert await remind("2026-11-01T07:31:00Z", capsys) == (0, "sent 0 reminders")  # 01:31 CST
    assert len(chats(telegram_api)) == 2


async def test_a_blocked_lifter_is_marked_and_never_messaged_again(
    env: dict[str, str],
    lifters: Lifters,
    telegram_api: FakeTelegram,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker, other = await lifters.add(2, timezone="Asia/Dubai", at=dt.time(9, 0))
    assert blocker.telegram_chat_id is not None
    telegram_api.block(blocker.telegram_chat_id)
    assert await remind("2026-06-10T05:01:00Z", capsys) == (0, "sent 1 reminder (1 blocked)")
    async with unit_of_work(lifters.factory) as repos:
        stored = await repos.users.get(blocker.id)
        assert stored is not None and stored.blocked_at is not None
    attempts = telegram_api.count("sendMessage")
    assert await remind("2026-06-11T05:01:00Z", capsys) == (0, "sent 1 reminder")
    assert telegram_api.count("sendMessage") == attempts + 1  # the blocker was not even tried
    assert chats(telegram_api).count(other.telegram_chat_id) == 2


async def test_rate_limited_by_telegram_waits_and_delivers_once(
    env: dict[str, str],
    lifters: Lifters,
    telegram_api: FakeTelegram,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    users = await lifters.add(3, timezone="Asia/Tehran", at=dt.time(9, 0))
    telegram_api.fail(429, method="sendMessage", retry_after=1)
    assert await remind("2026-06-10T05:31:00Z", capsys) == (0, "sent 3 reminders")
    assert sorted(chats(telegram_api)) == sorted(u.telegram_chat_id for u in users)


async def test_without_a_token_it_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    monkeypatch.setenv("GAINSLY_DATABASE_URL", database_url)
    monkeypatch.delenv("GAINSLY_TELEGRAM_TOKEN", raising=False)
    assert await asyncio.to_thread(main, ["remind"]) == 2
    assert "GAINSLY_TELEGRAM_TOKEN" in capsys.readouterr().err


async def test_a_bad_instant_is_bad_input(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert await asyncio.to_thread(main, ["remind", "--now", "tomorrow-ish"]) == 2
    assert "ISO-8601" in capsys.readouterr().err


class StallingTelegram(FakeTelegram):
    """Accepts the ``stall_at``-th message, then never answers: the sender is stuck mid-send."""

    def __init__(self, stall_at: int) -> None:
        super().__init__()
        self.stall_at = stall_at
        self.stalled = asyncio.Event()
        self.release = asyncio.Event()

    async def call(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        answer = await super().call(token, method, params)
        if method == "sendMessage" and len(self.sent) == self.stall_at:
            self.stalled.set()
            await self.release.wait()
        return answer


async def test_a_sender_killed_midway_then_a_rerun_sends_the_rest_and_repeats_none(
    env: dict[str, str],
    lifters: Lifters,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    users = await lifters.add(8, timezone="Asia/Yangon", at=dt.time(10, 0))  # UTC+6:30
    async with StallingTelegram(stall_at=3) as telegram:
        monkeypatch.setenv("GAINSLY_TELEGRAM_API_URL", telegram.base_url)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gainsly",
            "remind",
            "--now",
            "2026-06-10T03:31:00Z",
            cwd=ROOT,
            env={**os.environ},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await asyncio.wait_for(telegram.stalled.wait(), timeout=30)
        finally:
            process.kill()  # SIGKILL: no clean-up, no goodbye
            await process.wait()
            telegram.release.set()
        assert len(telegram.sent) == 3  # the third reached Telegram; its answer never came back

        # Sixteen minutes later: the dead sender's leases have run out.
        assert await remind("2026-06-10T03:47:00Z", capsys) == (0, "sent 5 reminders")
        delivered = chats(telegram)
    assert sorted(delivered) == sorted(u.telegram_chat_id for u in users)  # each exactly once
    rows = await lifters.deliveries()
    assert sorted(r.status for r in rows.values()) == ["failed"] + ["sent"] * 7
    unconfirmed = next(r for r in rows.values() if r.status == "failed")
    assert "outcome unknown" in (unconfirmed.error or "")
