"""Buttons other areas put on their messages: the assistant's suggestions and the reminders'."""

from __future__ import annotations

from coach.assistant import handle_callback
from coach.callbacks import Callback
from coach.conversation import registry
from coach.conversation.turn import DAILY, FREE_CHAT, Turn
from coach.reminders.actions import handle_callback as reminder_callback
from coach.replies import Reply


@registry.buttons("coach")
async def _assistant_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = FREE_CHAT
    thread = await turn.repos.conversation.active_thread(turn.user.id, FREE_CHAT)
    reply = await handle_callback(turn.repos, turn.deps, turn.user, Callback("coach", args), thread=thread)
    turn.say(reply.text, *reply.buttons)
    if getattr(reply, "image", None) is not None:
        turn.replies.append(Reply(image=reply.image))
    turn.decided.update(reply.structured)


@registry.buttons("rem")
async def _reminder_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = DAILY
    turn.replies.extend(await reminder_callback(turn.repos, turn.deps, turn.user, Callback("rem", args)))
