"""Numbered choices for a transport without buttons (the terminal): typing a number or a label picks one.

The buttons shown last are kept in ``chat_states.data_json`` under a reserved key, so a
number typed in a new ``gainsly chat`` run — after the previous one ended — still picks from
what the lifter saw. Telegram has real buttons; this is for the local channel only.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from coach.conversation.incoming import Channel, Incoming, Kind
from coach.conversation.turn import Turn

#: Reserved ``chat_states.data_json`` key (flow names never start with an underscore).
SHOWN = "_shown"

_LABEL_NOISE = re.compile(r"[^\w+-]+")


def label_key(label: str) -> str:
    """A label as typed: case, emoji and punctuation ignored; + and − kept (they differ)."""
    return _LABEL_NOISE.sub(" ", label.lower().replace("−", "-")).strip()


def numbered(turn: Turn) -> list[tuple[str, str]]:
    """The (label, data) pairs a local lifter was shown last, numbered from 1 in this order."""
    shown: Any = turn.data.get(SHOWN)
    if not isinstance(shown, list):
        return []
    return [(str(item[0]), str(item[1])) for item in shown if isinstance(item, list) and len(item) == 2]


def pick(choices: list[tuple[str, str]], line: str) -> tuple[str, str] | None:
    """The choice ``line`` names: a label typed out (which wins, so "4" picks the "4" button),
    a choice number, or the unambiguous start of a label ("next" for "Next (2/3) →")."""
    wanted = label_key(line)
    if not choices or not wanted:
        return None
    exact = [c for c in choices if label_key(c[0]) == wanted]
    if exact:
        return exact[0]
    stripped = line.strip()
    if stripped.isdigit() and 1 <= int(stripped) <= len(choices):
        return choices[int(stripped) - 1]
    starts = [c for c in choices if label_key(c[0]).startswith(wanted + " ")]
    return starts[0] if len(starts) == 1 else None


def as_press(turn: Turn) -> Incoming:
    """The lifter's message, or the press of the choice it picks (local text only)."""
    incoming = turn.incoming
    local_text = incoming.channel is Channel.LOCAL and incoming.kind is Kind.TEXT
    if not local_text or not incoming.text or incoming.text.startswith("/"):
        return incoming  # commands are never picks
    picked = pick(numbered(turn), incoming.text)
    if picked is None:
        return incoming
    label, data = picked
    return replace(incoming, kind=Kind.BUTTON, text=label, callback=data)


def remember(turn: Turn) -> None:
    """Keep the buttons this exchange shows (a local lifter picks from them by number next time)."""
    if turn.incoming.channel is not Channel.LOCAL:
        return
    shown = [[button.label, button.data] for reply in turn.replies for row in reply.buttons for button in row]
    if shown:
        turn.data[SHOWN] = shown
