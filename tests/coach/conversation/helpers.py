"""A lifter talking to the conversation engine, the way a transport would, for tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.conversation import ConversationEngine, Incoming
from coach.conversation.incoming import Channel, Kind
from coach.replies import Button, Reply
from db.uow import unit_of_work


@dataclass
class Chat:
    """One lifter talking to the engine, the way a transport would."""

    engine: ConversationEngine
    key: int | str
    channel: Channel = Channel.LOCAL
    name: str = "Sam"
    last: list[Reply] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    update_id: int | None = None

    def _incoming(self, **values: Any) -> Incoming:
        if self.update_id is not None:
            self.update_id += 1
            values["update_id"] = self.update_id
        chat_id = int(self.key) if self.channel is Channel.TELEGRAM else None
        return Incoming(self.channel, self.key, display_name=self.name, chat_id=chat_id, **values)

    async def _run(self, incoming: Incoming) -> list[Reply]:
        self.last = await self.engine.handle(incoming)
        shown = [b for r in self.last for row in r.buttons for b in row]
        if shown:
            self.buttons = shown
        return self.last

    async def send(self, text: str) -> list[Reply]:
        return await self._run(self._incoming(text=text))

    async def send_kind(self, kind: Kind, **values: Any) -> list[Reply]:
        return await self._run(self._incoming(kind=kind, **values))

    def button(self, label: str) -> Button:
        matches = [b for b in self.buttons if label.lower() in b.label.lower()]
        assert matches, f"no button like {label!r} among {[b.label for b in self.buttons]}"
        return matches[0]

    async def press(self, label: str) -> list[Reply]:
        found = self.button(label)
        return await self._run(self._incoming(kind=Kind.BUTTON, callback=found.data, text=found.label))

    async def press_data(self, data: str) -> list[Reply]:
        return await self._run(self._incoming(kind=Kind.BUTTON, callback=data))

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)


def texts(replies: Sequence[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def onboard(chat: Chat, *, goals: Sequence[str] = ("Strength", "Muscle size"), days: str = "4") -> None:
    """Walk a lifter through onboarding with taps only, up to the summary."""
    await chat.send("/start")
    await chat.send(chat.name)
    await chat.press("Intermediate")
    for goal in goals:
        await chat.press(goal)
    await chat.press("Next")
    if len(goals) > 1:
        await chat.press("Looks right")
    await chat.press(days)
    await chat.press("60 min")
    await chat.press("Gym")
    await chat.press("Done")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Analytical")
    await chat.press("3 ·")
    await chat.press("UTC")
    await chat.press("07:00")


async def mark_onboarded(chat: Chat) -> None:
    """Create the lifter and mark them set up, for tests of daily use that need no program."""
    await chat.send("/help")
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle(str(chat.key))
        assert user is not None
        user.onboarded_at = chat.engine.deps.clock.now()
