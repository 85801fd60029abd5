"""Two `gainsly bot` processes in webhook mode behind one address, sharing PostgreSQL.

One lifter's updates reach both processes in turn — and some at the same moment, one of
them twice — yet the dialogue advances step by step, every log is stored once, and both
processes stop cleanly on SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

from sqlalchemy import func, select

from db.models import ConversationThread, ConversationTurn, TopSetLog, WorkoutLog
from db.uow import unit_of_work
from tests.bot.conftest import Harness
from tests.fakes.telegram_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
SECRET = "webhook-secret-for-tests"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _listening(port: int, process: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        if process.returncode is not None:
            raise AssertionError(f"bot process exited with {process.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise AssertionError(f"bot on port {port} never listened")


async def test_two_webhook_processes_share_one_lifter(harness: Harness, tmp_path: Path) -> None:
    telegram = harness.telegram
    ports = [_free_port(), _free_port()]
    processes = []
    for port in ports:
        env = {
            **os.environ,
            "GAINSLY_DATABASE_URL": harness.database_url,
            "GAINSLY_TELEGRAM_TOKEN": FakeTelegram.TOKEN,
            "GAINSLY_TELEGRAM_API_URL": telegram.base_url,
            "GAINSLY_TELEGRAM_RATE_LIMIT": "0",
            "GAINSLY_WEBHOOK_URL": "https://coach.example/telegram/hook",
            "GAINSLY_WEBHOOK_SECRET": SECRET,
            "GAINSLY_PORT": str(port),
            "GAINSLY_DATA_DIR": str(tmp_path),
            "GAINSLY_LOG_LEVEL": "WARNING",
        }
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "gainsly", "bot", env=env, cwd=ROOT,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            )
        )  # fmt: skip
    urls = [f"http://127.0.0.1:{port}/telegram/hook" for port in ports]
    user = harness.new_user()
    try:
        await asyncio.gather(*(_listening(p, proc) for p, proc in zip(ports, processes, strict=True)))
        assert telegram.webhook["url"] == "https://coach.example/telegram/hook"
        assert telegram.webhook["secret_token"] == SECRET

        # without the secret, an update is refused and changes nothing
        assert await telegram.post_webhook(urls[0], telegram.make_message(user, "/start"), secret=None) == 403

        async def deliver(update: dict, at: int, wait_for: int) -> None:
            assert await telegram.post_webhook(urls[at % 2], update, secret=SECRET) == 200
            await telegram.wait_sent(user, wait_for, timeout=20)

        await deliver(telegram.make_message(user, "/start"), 0, 2)
        steps = ["Call me Sam", "Intermediate", "Strength"]
        for index, label in enumerate(steps, start=1):
            message = next(
                s for s in reversed(telegram.to(user)) if any(label in b["text"] for b in s.buttons)
            )
            answered = len(telegram.callback_answers)
            assert (
                await telegram.post_webhook(
                    urls[index % 2], telegram.make_press(user, message, label), secret=SECRET
                )
                == 200
            )
            await telegram.wait_for(lambda a=answered: len(telegram.callback_answers) > a, timeout=20)

        # six logs at once, alternating processes, one of them delivered to both
        logs = [telegram.make_message(user, f"squat 1x5 {100 + i}") for i in range(6)]
        posts = [telegram.post_webhook(urls[i % 2], update, secret=SECRET) for i, update in enumerate(logs)]
        posts.append(telegram.post_webhook(urls[1], logs[0], secret=SECRET))
        assert set(await asyncio.gather(*posts)) == {200}

        async def stored() -> int:
            async with unit_of_work(harness.factory) as repos:
                row = await repos.users.by_telegram_id(user)
                return int(await repos.session.scalar(
                    select(func.count()).select_from(TopSetLog).join(WorkoutLog).where(WorkoutLog.user_id == row.id)
                ) or 0)  # fmt: skip

        for _ in range(200):
            if await stored() >= 6 and len([s for s in telegram.to(user) if s.text.startswith("⏱")]) >= 6:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)  # a double would show up by now
        assert await stored() == 6

        async with unit_of_work(harness.factory) as repos:
            row = await repos.users.by_telegram_id(user)
            state = await repos.chat.state_of(row.id)
            assert (state.flow, state.step) == ("onboarding", "goals")  # each step applied once, in order
            numbers = (
                await repos.session.scalars(
                    select(ConversationTurn.turn_number)
                    .join(ConversationThread)
                    .where(
                        ConversationThread.user_id == row.id, ConversationThread.context_type == "onboarding"
                    )
                )
            ).all()
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(p.wait(), 30) for p in processes]
        errors = [((await p.stderr.read()) if p.stderr else b"").decode()[-2000:] for p in processes]
    assert codes == [0, 0], errors
