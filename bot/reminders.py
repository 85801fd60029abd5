"""Sending reminders through Telegram, and the bot's per-minute reminder tick.

``coach.reminders`` decides what is due and composes it; this module is the ``Sender`` it
calls: python-telegram-bot's ``Bot`` behind a rate limiter, with every Telegram answer
turned into a ``SendResult`` that says whether trying again could ever send it twice.

- 429 → ``retry`` after Telegram's ``retry_after``; every later send waits it out too
  (Telegram's flood limit is per bot, not per chat).
- 403 → ``blocked``: the lifter blocked the bot; ``users.blocked_at`` is set by the caller.
- 400 → ``rejected``; 401/404 (a refused token) → stop the run.
- 5xx, no connection, pool exhausted → ``retry`` later: the request was not processed.
- a timeout or broken connection after the request left, a gateway error → ``unknown``:
  Telegram may have delivered it, so it is not sent again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable

import httpx
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ContextTypes, Job

from bot.delivery import keyboard
from bot.formatting import MAX_MESSAGE, to_html
from coach.reminders.content import COMPOSER
from coach.reminders.delivery import DeliveryReport, SendResult, deliver_due
from coach.replies import Reply
from gainsly.app import App

log = logging.getLogger(__name__)

#: The bot's tick gives up on the sending turn after this long; the next minute tries again.
TICK_TURN_WAIT = 45.0
#: Answers that come from a gateway in front of Telegram: the request may have been processed.
_GATEWAY_ERRORS = ("Bad Gateway", "Gateway Timeout", "(502)", "(504)")
#: Failures that happen before a request leaves this machine: nothing reached Telegram.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class RateLimiter:
    """At most ``rate`` sends per second over the whole run, evenly spaced; 0 = no limit.

    Evenly spaced (not bursts of ``rate`` every second) so no one-second window ever holds
    more than ``rate`` messages. ``pause`` holds every send back after a 429.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            wait = max(self._next, self._paused_until) - self._clock()
            if wait > 0:
                await self._sleep(wait)
            self._next = self._clock() + self.interval

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._clock() + seconds)


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramSender:
    """The ``coach.reminders.delivery.Sender`` for Telegram."""

    def __init__(self, bot: Bot, limiter: RateLimiter) -> None:
        self.bot = bot
        self.limiter = limiter

    def _clean(self, exc: BaseException) -> str:
        """The error as text fit for logs and the database: never the token (it is in URLs)."""
        text = f"{exc.__class__.__name__}: {exc}"
        token = self.bot.token
        return text.replace(token, "***") if token else text

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        await self.limiter.acquire()
        try:
            message = await self.bot.send_message(
                chat_id,
                to_html(reply.text[:MAX_MESSAGE]),
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply.buttons),
            )
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            self.limiter.pause(seconds)
            return SendResult(
                "retry", retry_after=seconds, error=f"Telegram asked to wait {seconds:g} s (429)"
            )
        except Forbidden as exc:
            return SendResult("blocked", error=self._clean(exc))
        except InvalidToken as exc:
            return SendResult(
                "retry", error=f"Telegram refused the bot token ({self._clean(exc)})", stop=True
            )
        except (BadRequest, ChatMigrated) as exc:
            return SendResult("rejected", error=self._clean(exc))
        except NetworkError as exc:  # TimedOut is a NetworkError too
            return SendResult(_network_outcome(exc), error=self._clean(exc))
        except TelegramError as exc:
            return SendResult("rejected", error=self._clean(exc))
        return SendResult("delivered", message_id=message.message_id)


def _network_outcome(exc: NetworkError) -> str:
    """``retry`` when the request surely did not get through, ``unknown`` when it might have."""
    cause = exc.__cause__
    if isinstance(cause, _NOT_SENT):
        return "retry"
    if cause is None and not isinstance(exc, TimedOut):
        # Telegram answered with an HTTP error status: not processed, unless a gateway said it.
        return "unknown" if any(marker in exc.message for marker in _GATEWAY_ERRORS) else "retry"
    return "unknown"


def sender_id() -> str:
    """Who holds a claim, for operators reading ``reminder_deliveries.claimed_by``."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


async def send_due(app: App, sender: TelegramSender, *, turn_wait: float | None = None) -> DeliveryReport:
    """One pass: every reminder due now (``app.deps.clock``) that has not gone out yet."""
    return await deliver_due(
        app.session_factory, app.deps, sender, sender_id=sender_id(), compose=COMPOSER, turn_wait=turn_wait
    )


def schedule(application: Application, app: App) -> Job:
    """Tick every minute, on the minute, for as long as the bot runs.

    Every replica ticks (JobQueue jobs are per process); the claims in PostgreSQL decide
    who sends what. A pass that is still sending when the next minute comes is left alone.
    """
    if application.job_queue is None:
        raise RuntimeError("the reminder tick needs python-telegram-bot's job queue (the job-queue extra)")
    sender = TelegramSender(application.bot, RateLimiter(app.settings.telegram_rate_limit))
    busy = asyncio.Lock()

    async def run_pass() -> None:
        async with busy:
            try:
                report = await send_due(app, sender, turn_wait=TICK_TURN_WAIT)
            except Exception:
                log.exception("reminders: this pass failed; the next minute tries again")
                return
            if report.stopped:
                log.error("reminders: %s; stopped: %s", report.summary(), report.stopped)
            elif not report.idle:
                log.info("reminders: %s", report.summary())

    async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
        if not busy.locked():
            application.create_task(run_pass(), name="reminders")

    now = time.time()
    first = 60 - now % 60 + 1  # a second past the minute: reminders are set in whole minutes
    return application.job_queue.run_repeating(tick, interval=60, first=first, name="reminders")
