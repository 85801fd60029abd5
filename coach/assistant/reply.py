"""What the assistant hands back to the conversation engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.replies import Button, Image


@dataclass(frozen=True)
class AssistantReply:
    #: The coach's message in the lifter's persona, plain text.
    text: str
    #: Rows of buttons; every one carries data signed for this lifter with action ``coach``.
    buttons: tuple[tuple[Button, ...], ...] = ()
    #: What the coach decided, as data: stored as the assistant turn's ``structured_response_json``.
    structured: dict[str, Any] = field(default_factory=dict)
    #: A picture to send with the text (the progress chart), when there is one.
    image: Image | None = None
