"""The Telegram bot through the whole stack: updates handled per second and handling latency.

The real bot (python-telegram-bot, long polling, the conversation engine, PostgreSQL) runs
in this process against the fake Bot API, which runs in a child process so its own work
does not count against the bot. Telegram's network is excluded; everything else is in.

Two workloads: light commands (``/help``) and quick logs (``bench 3x5 80 @8``: a workout,
three sets, pattern exposures, a PR check and a rest timer). For each:

- throughput: a burst of updates from many lifters, all queued at once; updates/s is the
  number handled over the time until the last first reply arrived;
- latency: lifters who each wait for the coach's answer before sending the next message
  (a closed loop of a few at a time, a busy but not saturated bot); p50/p99 from the moment
  an update leaves the fake (getUpdates, or the webhook POST) to the moment the fake has the
  bot's complete answer to it.

Then the same with two `gainsly bot` processes in webhook mode behind one address (the fake
POSTs updates to them in turn), which is how Gainsly scales out.

Run as a script with ``--fake`` it is that child process: it prints its ports and serves
until its standard input closes.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import sys
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRST_USER = 8_100_000_000
#: name -> (message, messages the bot sends back: a log's answer plus its rest-timer countdown)
WORKLOADS = {"light": ("/help", 1), "log": ("bench 3x5 80 @8", 2)}
WEBHOOK_SECRET = "bench-webhook-secret"


# --- the child process: the fake Bot API plus a control port ---------------------------------------
def _serve_fake() -> None:
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.httpserver import HTTPServer
    from tornado.web import Application, RequestHandler

    from tests.fakes.telegram_api import FakeTelegram

    class BenchTelegram(FakeTelegram):
        """Timestamps each delivered update and its replies; can keep lifters talking."""

        def __init__(self) -> None:
            super().__init__()
            self.delivered: dict[int, deque[float]] = defaultdict(deque)  # chat -> delivery times
            self.counted: dict[int, int] = defaultdict(int)  # chat -> reply messages seen
            self.per_update = 1  # messages that make one update's complete answer
            self.latencies: list[float] = []
            self.replied = 0
            self.loop: dict[str, Any] | None = None
            #: Webhook mode: updates are POSTed to these bot processes in turn, as Telegram would.
            self.targets: list[str] = []
            self.secret = ""
            self.sent_updates = 0
            self.http = AsyncHTTPClient(max_clients=128)
            self.posting: set[asyncio.Future[Any]] = set()

        def enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
            if not self.targets:
                return super().enqueue(update)
            update = {"update_id": next(self._update_ids), **update}
            self.delivered[update["message"]["chat"]["id"]].append(time.perf_counter())
            target = self.targets[self.sent_updates % len(self.targets)]
            self.sent_updates += 1
            headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": self.secret}
            request = HTTPRequest(target, method="POST", body=json.dumps(update), headers=headers)
            posting = asyncio.ensure_future(self.http.fetch(request, raise_error=False))
            self.posting.add(posting)
            posting.add_done_callback(self.posting.discard)
            return update

        async def _api_getUpdates(self, params: dict[str, Any], chat_id: int | None) -> list[dict[str, Any]]:
            batch = await super()._api_getUpdates(params, chat_id)
            now = time.perf_counter()
            for update in batch:
                self.delivered[update["message"]["chat"]["id"]].append(now)
            return batch

        def _record(
            self, method: str, chat: int | None, params: dict[str, Any], message_id: int | None
        ) -> None:
            text = str(params.get("text", ""))
            if method != "sendMessage" or chat is None or text.startswith("⏰") or not self.delivered[chat]:
                return  # only answers to benchmark updates (not rest-over pings) count
            self.counted[chat] += 1
            if self.counted[chat] % self.per_update:
                return
            self.latencies.append(time.perf_counter() - self.delivered[chat].popleft())
            self.replied += 1
            loop = self.loop
            if loop is not None and loop["left"] > 0:
                loop["left"] -= 1
                self.message(chat, loop["text"])

    fake = BenchTelegram()

    class Control(RequestHandler):
        async def post(self, action: str) -> None:
            body = json.loads(self.request.body or b"{}")
            fake.per_update = body.get("per_update", fake.per_update)
            if action == "burst":
                fake.loop = None
                for _ in range(body["per_user"]):
                    for offset in range(body["users"]):
                        fake.message(body["first"] + offset, body["text"])
            elif action == "closed":
                fake.loop = {"text": body["text"], "left": body["total"] - body["users"]}
                for offset in range(body["users"]):
                    fake.message(body["first"] + offset, body["text"])
            elif action == "webhook":
                fake.targets, fake.secret = body["targets"], body["secret"]
            elif action == "reset":
                fake.latencies.clear()
                fake.replied = 0
                fake.delivered.clear()
                fake.counted.clear()
                fake.loop = None
            self.finish({"ok": True})

        def get(self, action: str) -> None:
            self.finish({"replied": fake.replied, "latencies": fake.latencies})

    async def main() -> None:
        await fake.start()
        control = HTTPServer(Application([(r"/control/(\w+)", Control)]))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.setblocking(False)
        control.add_sockets([sock])
        print(
            json.dumps({"api": fake.base_url, "control": f"http://127.0.0.1:{sock.getsockname()[1]}"}),
            flush=True,
        )
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

    asyncio.run(main())


# --- the benchmark ----------------------------------------------------------------------------------
async def _wait_replies(client: Any, control: str, count: int, timeout: float) -> dict[str, Any]:
    deadline = time.perf_counter() + timeout
    while True:
        stats = (await client.get(f"{control}/control/stats")).json()
        if stats["replied"] >= count or time.perf_counter() > deadline:
            return stats
        await asyncio.sleep(0.05)


async def _measure(ctx: Any, client: Any, control: str, label: str, processes: int) -> None:
    """Both workloads against whatever bot processes are running now."""
    burst_users, per_user = (50, 4) if ctx.quick else (200, 10)
    loop_users, loop_total = (4, 200) if ctx.quick else (8, 1000)
    for name, (text, per_update) in WORKLOADS.items():
        first = FIRST_USER + (0 if name == "light" else 1_000_000)
        # warm up: every lifter exists and every statement is prepared
        await client.post(f"{control}/control/reset", json={"per_update": per_update})
        await client.post(
            f"{control}/control/burst",
            json={"first": first, "users": burst_users, "per_user": 1, "text": text},
        )
        await _wait_replies(client, control, burst_users, 60)

        await client.post(f"{control}/control/reset")
        total = burst_users * per_user
        started = time.perf_counter()
        await client.post(
            f"{control}/control/burst",
            json={"first": first, "users": burst_users, "per_user": per_user, "text": text},
        )
        stats = await _wait_replies(client, control, total, 120)
        elapsed = time.perf_counter() - started
        ctx.figure(
            f"bot_{name}_updates_per_second{label}",
            stats["replied"] / elapsed,
            "updates/s",
            f"{total} updates from {burst_users} lifters queued at once ({text!r}), {processes}",
            target=">= 300",
        )

        await client.post(f"{control}/control/reset")
        await client.post(
            f"{control}/control/closed",
            json={"first": first, "users": loop_users, "total": loop_total, "text": text},
        )
        stats = await _wait_replies(client, control, loop_total, 120)
        latencies = sorted(stats["latencies"])
        workload = (
            f"{len(latencies)} updates, {loop_users} lifters each awaiting the reply ({text!r}), {processes}"
        )
        ctx.figure(f"bot_{name}_latency_p50{label}", statistics.median(latencies) * 1000, "ms", workload)
        ctx.figure(
            f"bot_{name}_latency_p99{label}",
            latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "ms",
            workload,
            target="< 50",
        )


async def _webhook_bots(ctx: Any, api: str, count: int) -> tuple[list[Any], list[str]]:
    """``count`` `gainsly bot` processes in webhook mode behind one public address."""
    from tests.fakes.telegram_api import FakeTelegram

    processes, urls = [], []
    for _ in range(count):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {
            **os.environ,
            "GAINSLY_DATABASE_URL": ctx.database_url,
            "GAINSLY_TELEGRAM_TOKEN": FakeTelegram.TOKEN,
            "GAINSLY_TELEGRAM_API_URL": api,
            "GAINSLY_TELEGRAM_RATE_LIMIT": "0",
            "GAINSLY_WEBHOOK_URL": "https://coach.example/hook",
            "GAINSLY_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "GAINSLY_PORT": str(port),
            "GAINSLY_LOG_LEVEL": "WARNING",
        }
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "gainsly", "bot", env=env, cwd=ROOT, stderr=asyncio.subprocess.DEVNULL
            )
        )
        urls.append(f"http://127.0.0.1:{port}/hook")
    for url, process in zip(urls, processes, strict=True):
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        for _ in range(600):
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            except OSError:
                if process.returncode is not None:
                    raise RuntimeError("a bot process failed to start") from None
                await asyncio.sleep(0.1)
    return processes, urls


async def run(ctx: Any) -> None:
    import httpx

    from bot.runner import serve
    from gainsly.app import build_app
    from gainsly.settings import Settings
    from tests.fakes.telegram_api import FakeTelegram

    child = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--fake",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdin is not None
    ports = json.loads(await child.stdout.readline())
    control = ports["control"]
    settings = Settings(
        database_url=ctx.database_url,
        telegram_token=FakeTelegram.TOKEN,
        telegram_api_url=ports["api"],
        telegram_rate_limit=0,
        log_level="WARNING",
    )
    processes: list[Any] = []
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            app = await build_app(settings, pool_size=20)  # migrates and seeds if bench_00 did not run
            stop = asyncio.Event()
            bot = asyncio.create_task(serve(app, stop))
            try:
                await _measure(ctx, client, control, "", "1 bot process (long polling)")
            finally:
                stop.set()
                await asyncio.wait_for(bot, 60)
                await app.aclose()
            processes, urls = await _webhook_bots(ctx, ports["api"], 2)
            await client.post(f"{control}/control/webhook", json={"targets": urls, "secret": WEBHOOK_SECRET})
            await _measure(
                ctx, client, control, "_2_webhook_processes", "2 bot processes (webhook, one address)"
            )
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            await asyncio.wait_for(process.wait(), 60)
        child.stdin.close()
        await child.wait()


if __name__ == "__main__" and "--fake" in sys.argv:
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    _serve_fake()
