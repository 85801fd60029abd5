"""``gainsly bot``: run the Telegram bot (long polling, or webhook mode with GAINSLY_WEBHOOK_URL)."""

from __future__ import annotations

import argparse

from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bot", help="run the Telegram bot (migrates and loads the library first)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner import run

    return run(settings)
