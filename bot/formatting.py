"""Coach text to Telegram HTML: escape everything, keep only the coach's bold marks, split long texts.

Replies are plain text (``coach.replies``) with bold marked by ``coach.replies.bold``;
Telegram's HTML mode would otherwise treat a lifter's "<3" or "a<b" as broken markup and
reject the whole message.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096
MAX_CAPTION = 1024
MAX_TOAST = 200

_BOLD = re.compile(r"&lt;b&gt;(.*?)&lt;/b&gt;", re.DOTALL)


def to_html(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def plain(text: str) -> str:
    """Without the bold marks (for toasts, which have no formatting)."""
    return text.replace("<b>", "").replace("</b>", "")


def split(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line breaks where possible, then at spaces."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]
