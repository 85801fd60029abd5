"""Logging set-up that never prints a secret.

Bot tokens appear inside Bot API URLs that httpx logs; a filter masks anything that looks
like a token or a password in a URL before any handler sees it.
"""

from __future__ import annotations

import logging
import re

_SECRETS = (
    re.compile(r"\d{6,12}:[A-Za-z0-9_-]{30,}"),  # Telegram bot token
    re.compile(r"(?<=://)([^:/@\s]+):([^@\s]+)@"),  # user:password@ in URLs
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._-]{8,}"),
    re.compile(r"sk-[A-Za-z0-9_-]{8,}"),
)


def redact(text: str) -> str:
    for pattern in _SECRETS:
        text = pattern.sub(lambda m: (m.group(1) + "***") if m.lastindex else "***", text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
    # Third-party chatter (each HTTP request, each SQL statement) only when debugging.
    for noisy in ("httpx", "httpx2", "httpcore", "openai", "telegram.ext.Updater", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
