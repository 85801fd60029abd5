"""Token counting good enough for budgeting a prompt, without shipping a tokenizer.

Models differ in how they split text, and the endpoint may be any of them; about four
characters per token holds for English chat across the common tokenizers. Budgets are
therefore kept with a margin, and the estimate errs on the high side.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

CHARS_PER_TOKEN = 4
#: Role markers and separators each chat message costs on top of its text.
MESSAGE_OVERHEAD = 4


def estimate(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def message_tokens(message: Mapping[str, Any]) -> int:
    total = MESSAGE_OVERHEAD + estimate(str(message.get("content") or ""))
    for call in message.get("tool_calls") or ():
        function = call.get("function", {})
        total += estimate(str(function.get("name", ""))) + estimate(str(function.get("arguments", "")))
    return total


def messages_tokens(messages: Iterable[Mapping[str, Any]]) -> int:
    return sum(message_tokens(m) for m in messages)


def clip(text: str, tokens: int) -> str:
    """``text`` cut to about ``tokens`` tokens at a word boundary, marked with an ellipsis."""
    limit = max(tokens, 0) * CHARS_PER_TOKEN
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)].rsplit(" ", 1)[0] if limit > 1 else ""
    return cut.rstrip() + "…"
