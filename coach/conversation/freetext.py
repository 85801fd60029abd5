"""Typed text that is not a command: a workout log, a quick note on how you feel, or a question.

The order matters: a line that clearly is a log is logged (even mid-onboarding), words
describing a pain red flag go to the coach's stop-and-see-a-professional answer whatever else
is pending, a quick input (soreness, sleep, energy, an activity) is recorded, and anything
else goes to the assistant. Text typed during a multi-step dialogue that does not answer its
question is treated the same way, and then the pending question is asked again.
"""

from __future__ import annotations

from coach.assistant.safety import red_flags
from coach.conversation import assistant_flow, logging_flow, onboarding, parsing, registry
from coach.conversation.turn import Turn
from coach.logbook.parser import looks_like_log


async def handle(turn: Turn, text: str) -> None:
    if looks_like_log(text, turn.deps.catalog):
        nudge = None if turn.onboarded else "When you're ready for a program built around you, send /start."
        await logging_flow.record(turn, text, note=nudge)
        return
    if red_flags(text):  # before setup questions and check-ins: this one is not about training
        await assistant_flow.ask(turn, text)
        return
    if not turn.onboarded:
        await onboarding.ONBOARDING_FLOW.start(turn)
        return
    if await logging_flow.quick_input(turn, text):
        return
    await assistant_flow.ask(turn, text)


async def aside(turn: Turn, text: str) -> None:
    """Text mid-dialogue that is not an answer: log it, answer it or help — then re-ask."""
    flow = registry.FLOWS[turn.flow or ""]
    if looks_like_log(text, turn.deps.catalog):
        await logging_flow.record(turn, text)
    elif parsing.is_question(text) or red_flags(text):
        await assistant_flow.ask(turn, text)
    else:
        turn.say(
            f"Hmm, that doesn't answer my question. {flow.hint(turn)}\n(/cancel stops, /help shows more.)"
        )
        turn.decided["help"] = turn.step
        return
    turn.context = flow.context
    await flow.ask(turn)
