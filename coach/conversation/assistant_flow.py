"""The talking coach inside the conversation: its answers to free text, and the buttons on them.

Also the buttons reminders put on their messages. An ``AssistantReply`` becomes one reply with
its buttons and, when the coach drew one (the progress chart), its picture — so Telegram
sends a photo and the terminal saves the chart.

A question only the model can answer is not answered inside the handler: ``ask`` leaves a
placeholder reply and ``Turn.awaiting``; the engine commits the turn, then ``consult`` asks the
model with no transaction open and ``conclude`` puts the answer in place in a fresh one.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach import assistant
from coach.assistant import AssistantReply, Consulted, handle_callback
from coach.callbacks import Callback
from coach.conversation import registry
from coach.conversation.turn import DAILY, FREE_CHAT, Awaiting, Turn
from coach.reminders.actions import handle_callback as reminder_callback
from coach.replies import Reply, keyboard


async def ask(turn: Turn, text: str) -> None:
    """The coach's answer to free text, in the thread of what the talk is about (``turn.context``):
    at once when no model is needed, else a placeholder the engine fills after the model call."""
    thread = await turn.repos.conversation.active_thread(turn.user.id, turn.context)
    step = await assistant.begin(turn.repos, turn.deps, turn.user, text, thread=thread)
    if isinstance(step, AssistantReply):
        show(turn, step)
        return
    turn.awaiting = Awaiting(step, len(turn.replies))
    turn.replies.append(Reply(text=""))


async def consult(turn: Turn, sessions: async_sessionmaker[AsyncSession]) -> Consulted:
    """The model conversation for ``turn.awaiting``; each tool call in its own unit of work."""
    assert turn.awaiting is not None
    return await assistant.consult(turn.awaiting.consultation, sessions=sessions)


def from_model(turn: Turn, consulted: Consulted) -> bool:
    """Put the model's answer in place (no storage needed); ``False`` if the model failed."""
    assert turn.awaiting is not None
    reply = assistant.from_model(turn.awaiting.consultation, consulted)
    if reply is None:
        return False
    show(turn, reply, at=turn.awaiting.at)
    return True


async def conclude(turn: Turn, consulted: Consulted) -> None:
    """Put the answer in place: the model's, or the offline coach's (reading through ``turn.repos``)."""
    assert turn.awaiting is not None
    reply = await assistant.conclude(turn.repos, turn.awaiting.consultation, consulted, user=turn.user)
    show(turn, reply, at=turn.awaiting.at)


def show(turn: Turn, reply: AssistantReply, *, at: int | None = None) -> None:
    """Add the reply (or put it at index ``at``) and what the coach decided."""
    shown = Reply(text=reply.text, buttons=keyboard(*reply.buttons), image=reply.image)
    if at is None:
        turn.replies.append(shown)
    else:
        turn.replies[at] = shown
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
