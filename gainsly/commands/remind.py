"""``gainsly remind [--now INSTANT]``: send every reminder due now that has not gone out yet.

For cron or a one-off catch-up next to (or instead of) the bot's own minute tick; the claims
in PostgreSQL make sure the two never send the same reminder twice. Needs the bot token and
the database; prints how many reminders it sent.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import sys

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.reminders import RateLimiter, TelegramSender, send_due
from coach.clock import FixedClock
from coach.errors import InvalidInput
from coach.reminders.delivery import DeliveryReport
from gainsly.app import build_app
from gainsly.logs import redact
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("remind", help="send every reminder that is due now, each exactly once")
    parser.add_argument(
        "--now",
        metavar="INSTANT",
        help="act as if it were this ISO-8601 instant, e.g. 2026-03-08T07:00:00Z (no offset = UTC)",
    )
    parser.set_defaults(handler=_run)


def parse_instant(text: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--now: {text!r} is not an ISO-8601 instant, e.g. 2026-03-08T07:00:00Z") from None
    return instant.replace(tzinfo=dt.UTC) if instant.tzinfo is None else instant.astimezone(dt.UTC)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_token is None:
        raise InvalidInput("GAINSLY_TELEGRAM_TOKEN is required to send reminders")
    now = parse_instant(args.now) if args.now else None
    try:
        report = asyncio.run(remind(settings, now))
    except InvalidToken:
        print("gainsly: Telegram refused the bot token (GAINSLY_TELEGRAM_TOKEN)", file=sys.stderr)
        return 1
    except TelegramError as exc:
        print(f"gainsly: could not reach Telegram: {redact(str(exc))}", file=sys.stderr)
        return 1
    print(report.summary())
    if report.stopped:
        print(f"gainsly: stopped early: {report.stopped}", file=sys.stderr)
        return 1
    return 0


async def remind(settings: Settings, now: dt.datetime | None) -> DeliveryReport:
    assert settings.telegram_token is not None
    app = await build_app(settings, prepare=False)
    try:
        if now is not None:
            app = dataclasses.replace(app, deps=dataclasses.replace(app.deps, clock=FixedClock(now)))
        options = {"base_url": settings.telegram_api_url} if settings.telegram_api_url else {}
        async with Bot(settings.telegram_token.get_secret_value(), **options) as bot:
            sender = TelegramSender(bot, RateLimiter(settings.telegram_rate_limit))
            return await send_due(app, sender)
    finally:
        await app.aclose()
