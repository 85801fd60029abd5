"""Run the bot: long polling, or a webhook server when ``GAINSLY_WEBHOOK_URL`` is set.

SIGTERM and SIGINT stop it gracefully: no new updates are taken, the ones in hand are
finished and their replies sent, then connections close. Several processes may run in
webhook mode behind one address; they share nothing but PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from bot.application import ALLOWED_UPDATES, build_bot
from gainsly.app import App, build_app
from gainsly.settings import Settings

log = logging.getLogger(__name__)


async def serve(app: App, stop: asyncio.Event, **options: Any) -> None:
    """Handle updates until ``stop`` is set (``options`` go to ``build_bot``)."""
    settings = app.settings
    telegram = build_bot(app, **options)
    application = telegram.application
    async with application:
        await application.start()
        await telegram.prepare()
        updater = application.updater
        assert updater is not None
        if settings.webhook_url:
            path = urlsplit(settings.webhook_url).path.strip("/")
            secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
            if secret is None:
                log.warning(
                    "GAINSLY_WEBHOOK_SECRET is not set: anyone who finds the webhook URL can post updates"
                )
            await updater.start_webhook(
                listen="0.0.0.0",
                port=settings.port,
                url_path=path,
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("webhook mode on port %d (path /%s)", settings.port, path)
        else:
            await updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
            log.info("long polling started")
        await stop.wait()
        log.info("stopping: finishing the updates in hand")
        await updater.stop()
        await telegram.finish()
        await application.stop()


async def main(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    app = await build_app(settings)
    try:
        await serve(app, stop)
    finally:
        await app.aclose()
    log.info("bot stopped")


def run(settings: Settings) -> int:
    asyncio.run(main(settings))
    return 0
