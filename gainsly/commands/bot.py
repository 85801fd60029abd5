"""``gainsly bot``: run the Telegram bot (long polling, or webhook mode with GAINSLY_WEBHOOK_URL)."""

from __future__ import annotations

import argparse

from coach.errors import InvalidInput
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bot", help="run the Telegram bot (migrates and loads the library first)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_token is None:
        raise InvalidInput("GAINSLY_TELEGRAM_TOKEN is not set: get a token from @BotFather and set it.")
    from bot.runner import run  # PTB is imported only for the bot

    return run(settings)
