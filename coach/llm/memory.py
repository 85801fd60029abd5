"""What the coach remembers of a conversation: recent turns word for word, older ones in brief.

A model has no memory between calls; each request carries the conversation so far. Sending a
whole thread would outgrow any context window and slow every answer down, so the last few
turns go verbatim (they carry the thread of the talk) and older ones shrink to one line each
(what was asked, what the coach decided), newest kept first when even that runs long. The
summary is extractive and deterministic: no extra model call, the same thread gives the same
prompt, and nothing the lifter said is paraphrased into something they did not say.

Decisions come from each turn's ``structured_response_json["summary"]``, which the assistant
writes when it stores a turn ("proposed: swap Back Squat for Leg Press").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from coach.llm import tokens

#: Turns sent word for word, at most; fewer when the budget is tight.
RECENT_TURNS = 8
#: One summarised turn is cut to about this many tokens.
SUMMARY_LINE_TOKENS = 30
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_SPEAKERS = {"user": "Lifter", "assistant": "Coach", "tool": "Coach used a tool"}


class TurnLike(Protocol):
    turn_number: int
    role: str
    content: str
    structured_response_json: dict[str, Any] | None


@dataclass(frozen=True)
class Memory:
    #: Older turns in brief, oldest first; ``None`` when everything fits verbatim.
    summary: str | None
    #: Chat messages (``{"role", "content"}``), oldest first.
    recent: tuple[dict[str, str], ...]

    @property
    def tokens(self) -> int:
        return tokens.estimate(self.summary or "") + tokens.messages_tokens(self.recent)


def _gist(turn: TurnLike) -> str:
    structured = turn.structured_response_json or {}
    decided = structured.get("summary") if isinstance(structured, dict) else None
    first = _SENTENCE_END.split(" ".join(turn.content.split()), maxsplit=1)[0]
    line = f"{_SPEAKERS.get(turn.role, turn.role)}: {tokens.clip(first, SUMMARY_LINE_TOKENS)}"
    if decided:
        line += f" [{tokens.clip(str(decided), SUMMARY_LINE_TOKENS)}]"
    return line


def remember(turns: Sequence[TurnLike], budget: int, *, recent: int = RECENT_TURNS) -> Memory:
    """Memory of ``turns`` (oldest first) in about ``budget`` tokens.

    Tool turns never go verbatim (a tool message needs the call that asked for it); their
    summaries keep what the tools found. Recent turns that do not fit move to the summary.
    """
    budget = max(budget, 0)
    talk = [t for t in turns if t.role in ("user", "assistant") and t.content.strip()]
    verbatim = talk[-recent:] if recent > 0 else []
    chosen: list[TurnLike] = []
    used = 0
    half = budget // 2 if len(turns) > len(verbatim) else budget
    for turn in reversed(verbatim):
        cost = tokens.message_tokens({"content": turn.content})
        if used + cost > half and chosen:
            break
        if used + cost > budget:
            break
        chosen.append(turn)
        used += cost
    chosen.reverse()
    first_verbatim = chosen[0].turn_number if chosen else None
    older = [t for t in turns if first_verbatim is None or t.turn_number < first_verbatim]

    lines: list[str] = []
    remaining = budget - used
    for turn in reversed(older):
        line = "- " + _gist(turn)
        cost = tokens.estimate(line) + 1
        if cost > remaining:
            lines.append("- (earlier conversation omitted)")
            break
        lines.append(line)
        remaining -= cost
    lines.reverse()
    summary = "\n".join(lines) if lines else None
    messages = tuple({"role": t.role, "content": t.content} for t in chosen)
    return Memory(summary=summary, recent=messages)
