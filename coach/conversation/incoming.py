"""What a transport hands the conversation engine: one message or button press from one lifter."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Channel(enum.StrEnum):
    TELEGRAM = "telegram"
    LOCAL = "local"  # ``gainsly chat`` in a terminal


class Kind(enum.StrEnum):
    TEXT = "text"  # typed text, commands included
    BUTTON = "button"  # an inline-keyboard press; ``callback`` holds its signed data
    DOCUMENT = "document"  # a file; ``document`` holds it when the transport could fetch it
    PHOTO = "photo"
    STICKER = "sticker"
    VOICE = "voice"
    EDITED = "edited"  # an edited message: the original was already acted on
    OTHER = "other"  # locations, polls, contacts … anything without a meaning for the coach


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One update, transport-neutral.

    ``user_key`` is the Telegram user id or the terminal handle. ``update_id`` (Telegram's) makes
    handling idempotent: the engine records it in the same transaction as the update's effects.
    """

    channel: Channel
    user_key: int | str
    kind: Kind = Kind.TEXT
    text: str | None = None
    callback: str | None = None
    chat_id: int | None = None
    display_name: str | None = None
    document: Attachment | None = None
    update_id: int | None = None

    @classmethod
    def local(cls, handle: str, text: str | None = None, *, callback: str | None = None) -> Incoming:
        """A terminal message (or, with ``callback``, a picked numbered choice)."""
        kind = Kind.BUTTON if callback is not None else Kind.TEXT
        return cls(Channel.LOCAL, handle, kind, text=text, callback=callback, display_name=handle)
