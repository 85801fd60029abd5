"""The talking coach inside the conversation: its answers to free text, and the buttons on them.

Also the buttons reminders put on their messages. An ``AssistantReply`` becomes one reply with
its buttons and, when the coach drew one (the progress chart), its picture — so Telegram
sends a photo and the terminal saves the chart.
"""

from __future__ import annotations

from coach.assistant import AssistantReply, answer, handle_callback
from coach.callbacks import Callback
from coach.conversation import registry
from coach.conversation.turn import DAILY, FREE_CHAT, Turn
from coach.reminders.actions import handle_callback as reminder_callback


async def ask(turn: Turn, text: str) -> None:
    """The coach's answer to free text, in the thread of what the talk is about (``turn.context``)."""
    thread = await turn.repos.conversation.active_thread(turn.user.id, turn.context)
    show(turn, await answer(turn.repos, turn.deps, turn.user, text, thread=thread))


def show(turn: Turn, reply: AssistantReply) -> None:
    turn.say(reply.text, *reply.buttons, image=reply.image)
    turn.decided.update(reply.structured)


@registry.buttons("coach")
async def _assistant_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = FREE_CHAT
    thread = await turn.repos.conversation.active_thread(turn.user.id, FREE_CHAT)
    show(
        turn, await handle_callback(turn.repos, turn.deps, turn.user, Callback("coach", args), thread=thread)
    )


@registry.buttons("rem")
async def _reminder_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = DAILY
    turn.replies.extend(await reminder_callback(turn.repos, turn.deps, turn.user, Callback("rem", args)))
