"""What the coach says back, independent of the transport that delivers it.

The conversation engine returns a list of ``Reply``; the Telegram adapter turns each into a
message (HTML, inline keyboard, photo or document), ``gainsly chat`` prints it with buttons
as numbered choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Button:
    label: str
    #: Signed callback data (``coach.callbacks.sign``), at most 64 bytes.
    data: str


@dataclass(frozen=True)
class Image:
    png: bytes
    caption: str | None = None


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    caption: str | None = None


@dataclass(frozen=True)
class RestTimerSpec:
    """Start a rest timer: the adapter counts down ``seconds`` and pings at the end."""

    seconds: int
    label: str | None = None


@dataclass(frozen=True)
class Reply:
    #: Plain text; adapters escape it (Telegram sends HTML). Bold may be marked with ``<b>…</b>``
    #: only through ``coach.replies.bold`` so escaping stays correct.
    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    image: Image | None = None
    document: Document | None = None
    timer: RestTimerSpec | None = None
    #: Replace the message the pressed button belongs to instead of sending a new one.
    edit: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def keyboard(*rows: list[Button] | tuple[Button, ...]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(row) for row in rows if row)


def bold(text: str) -> str:
    """Mark ``text`` bold. Adapters escape everything else and keep only these marks.

    Telegram gets ``<b>``; the terminal gets its own emphasis or none. A coach module never
    writes HTML by hand, so a lifter's name like ``<3`` can never break a message.
    """
    return f"<b>{text}</b>"
