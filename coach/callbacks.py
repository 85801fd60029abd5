"""Signed callback data: a button only works for the lifter it was sent to.

Telegram lets anyone who sees a message press its buttons (group chats, forwarded messages)
and lets a client send any callback data it likes. Every button therefore carries an HMAC of
the lifter's id, the action and its arguments; ``verify`` rejects a button pressed by someone
else or data that was edited. The whole string stays within Telegram's 64-byte limit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

MAX_BYTES = 64
_SIG_BYTES = 6  # 8 base64 characters: forging one takes ~2^48 guesses


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...]


def _signature(secret: bytes, user_id: int, payload: str) -> str:
    digest = hmac.new(secret, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.urlsafe_b64encode(digest).decode()


def sign(secret: bytes, user_id: int, action: str, *args: object) -> str:
    """``action`` and ``args`` may not contain ``|``; the result is ``action|a|b|sig``."""
    parts = [action, *(str(a) for a in args)]
    if any("|" in p for p in parts):
        raise ValueError("callback parts may not contain '|'")
    payload = "|".join(parts)
    data = f"{payload}|{_signature(secret, user_id, payload)}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long ({len(data.encode())} bytes): {payload!r}")
    return data


def verify(secret: bytes, user_id: int, data: str | None) -> Callback | None:
    """The callback if ``data`` was signed for ``user_id``; ``None`` for anything else."""
    if not data or len(data.encode()) > MAX_BYTES or "|" not in data:
        return None
    payload, _, signature = data.rpartition("|")
    if not payload or not hmac.compare_digest(signature, _signature(secret, user_id, payload)):
        return None
    action, *args = payload.split("|")
    return Callback(action, tuple(args))
