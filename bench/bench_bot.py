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
POSTs updates to them in turn over kept-alive connections, as Telegram does), which is how
Gainsly scales out.

For scale, the framework's own ceiling on this machine: a bare python-telegram-bot echo (no
database, no coach) through the same fake, the same way, answering each update with one
message (the shape of /help) and with two (the shape of a quick log: answer and countdown).

The harness stays light in the bot's process: while waiting it polls a reply count, and it
fetches the latencies once at the end.

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
#: The bare framework, answering the way each workload above does.
ECHO_WORKLOADS = {"echo": ("hello", 1), "echo2": ("hello", 2)}
#: Connections the fake keeps open to each webhook process (Telegram's default max_connections).
WEBHOOK_CONNECTIONS = 40
WEBHOOK_SECRET = "bench-webhook-secret"


# --- the child process: the fake Bot API plus a control port ---------------------------------------
def _serve_fake() -> None:
    import httpx
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
            #: Webhook mode: updates are POSTed to these bot processes in turn, as Telegram would,
            #: each over a fixed set of kept-alive connections (Telegram's max_connections).
            self.targets: list[str] = []
            self.outbox: list[asyncio.Queue[dict[str, Any]]] = []
            self.posters: list[asyncio.Task[None]] = []

        def deliver_to(self, targets: list[str], secret: str) -> None:
            self.targets = targets
            headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
            for target in targets:
                queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
                limits = httpx.Limits(
                    max_connections=WEBHOOK_CONNECTIONS, max_keepalive_connections=WEBHOOK_CONNECTIONS
                )
                client = httpx.AsyncClient(limits=limits, timeout=60, headers=headers)
                self.outbox.append(queue)
                self.posters += [
                    asyncio.create_task(self._post(queue, client, target)) for _ in range(WEBHOOK_CONNECTIONS)
                ]

        async def _post(
            self, queue: asyncio.Queue[dict[str, Any]], client: httpx.AsyncClient, target: str
        ) -> None:
            while True:
                update = await queue.get()
                try:
                    await client.post(target, content=json.dumps(update))
                except httpx.HTTPError as exc:
                    print(f"webhook delivery failed: {exc!r}", file=sys.stderr, flush=True)

        def enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
            if not self.targets:
                return super().enqueue(update)
            update = {"update_id": next(self._update_ids), **update}
            self.delivered[update["message"]["chat"]["id"]].append(time.perf_counter())
            self.outbox[update["update_id"] % len(self.outbox)].put_nowait(update)
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
                fake.deliver_to(body["targets"], body["secret"])
            elif action == "reset":
                fake.latencies.clear()
                fake.replied = 0
                fake.delivered.clear()
                fake.counted.clear()
                fake.loop = None
            self.finish({"ok": True})

        def get(self, action: str) -> None:
            if action == "latencies":
                self.finish({"latencies": fake.latencies})
            else:
                self.finish({"replied": fake.replied})

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
async def _wait_replies(client: Any, control: str, count: int, timeout: float) -> int:
    """Replies counted so far, once ``count`` are in (or ``timeout`` passed)."""
    deadline = time.perf_counter() + timeout
    while True:
        replied = int((await client.get(f"{control}/control/stats")).json()["replied"])
        if replied >= count or time.perf_counter() > deadline:
            return replied
        await asyncio.sleep(0.05)


async def _measure(
    ctx: Any,
    client: Any,
    control: str,
    label: str,
    processes: str,
    workloads: dict[str, tuple[str, int]] = WORKLOADS,
    *,
    targets: bool = True,
) -> None:
    """The workloads against whatever bot processes are running now."""
    burst_users, per_user = (50, 4) if ctx.quick else (200, 10)
    loop_users, loop_total = (4, 200) if ctx.quick else (8, 1000)
    for name, (text, per_update) in workloads.items():
        first = FIRST_USER + 1_000_000 * list(WORKLOADS | ECHO_WORKLOADS).index(
            name.removeprefix("framework_")
        )
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
        replied = await _wait_replies(client, control, total, 120)
        elapsed = time.perf_counter() - started
        ctx.figure(
            f"bot_{name}_updates_per_second{label}",
            replied / elapsed,
            "updates/s",
            f"{total} updates from {burst_users} lifters queued at once ({text!r}), {processes}",
            target=">= 300" if targets else None,
        )

        await client.post(f"{control}/control/reset")
        await client.post(
            f"{control}/control/closed",
            json={"first": first, "users": loop_users, "total": loop_total, "text": text},
        )
        await _wait_replies(client, control, loop_total, 120)
        latencies = sorted((await client.get(f"{control}/control/latencies")).json()["latencies"])
        workload = (
            f"{len(latencies)} updates, {loop_users} lifters each awaiting the reply ({text!r}), {processes}"
        )
        ctx.figure(f"bot_{name}_latency_p50{label}", statistics.median(latencies) * 1000, "ms", workload)
        ctx.figure(
            f"bot_{name}_latency_p99{label}",
            latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "ms",
            workload,
            target="< 50" if targets else None,
        )


async def _echo(ctx: Any, client: Any, api: str, control: str) -> None:
    """The framework's own ceiling: a bare python-telegram-bot echo through the same fake."""
    from telegram import Update
    from telegram.ext import Application, ContextTypes, TypeHandler

    from tests.fakes.telegram_api import FakeTelegram

    for name, (text, sends) in ECHO_WORKLOADS.items():

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE, sends: int = sends) -> None:
            assert update.effective_chat is not None and update.effective_message is not None
            for _ in range(sends):
                await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "")

        application = (
            Application.builder()
            .token(FakeTelegram.TOKEN)
            .base_url(api)
            .concurrent_updates(64)
            .connection_pool_size(8)
            .build()
        )
        application.add_handler(TypeHandler(Update, echo))
        async with application:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(timeout=10)
            try:
                processes = f"bare python-telegram-bot echo, {sends} message(s) an update, no database"
                await _measure(
                    ctx, client, control, "", processes, {f"framework_{name}": (text, sends)}, targets=False
                )
            finally:
                await application.updater.stop()
                await application.stop()


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
            await _echo(ctx, client, ports["api"], control)
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
