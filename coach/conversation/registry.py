"""Where handlers announce themselves: commands, button namespaces and multi-step flows.

Each feature module registers what it handles with the decorators below; the engine only
routes. Adding a command is one decorated function next to the feature it belongs to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from coach.conversation.turn import Turn

CommandHandler = Callable[[Turn, str], Awaitable[None]]
ButtonHandler = Callable[[Turn, tuple[str, ...]], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    handler: CommandHandler
    #: Shown in Telegram's command menu (``setMyCommands``) and in /help.
    listed: bool = True
    #: Works before onboarding is finished (everything else nudges the lifter to finish first).
    before_onboarding: bool = False


class Flow(Protocol):
    """A multi-step dialogue whose position lives in ``chat_states`` (flow, step, data)."""

    name: str
    context: str

    async def answer(self, turn: Turn, text: str) -> bool:
        """Take typed text as the answer to the pending step; ``False`` if it is not one."""
        ...

    async def ask(self, turn: Turn) -> None:
        """(Re-)ask the pending step, with its buttons."""
        ...

    def hint(self, turn: Turn) -> str:
        """One line on what the pending step expects, for a lifter who typed something else."""
        ...


COMMANDS: dict[str, Command] = {}
BUTTONS: dict[str, ButtonHandler] = {}
FLOWS: dict[str, Flow] = {}


def command(
    name: str, description: str, *, listed: bool = True, before_onboarding: bool = False
) -> Callable[[CommandHandler], CommandHandler]:
    def register(handler: CommandHandler) -> CommandHandler:
        COMMANDS[name] = Command(name, description, handler, listed, before_onboarding)
        return handler

    return register


def buttons(namespace: str) -> Callable[[ButtonHandler], ButtonHandler]:
    def register(handler: ButtonHandler) -> ButtonHandler:
        BUTTONS[namespace] = handler
        return handler

    return register


def flow(instance: Flow) -> Flow:
    FLOWS[instance.name] = instance
    return instance


#: The order lifters meet the commands in: daily use first, housekeeping last.
MENU_ORDER = (
    "start", "today", "log", "undo", "week", "program", "progress", "history",
    "goals", "rules", "settings", "help", "export", "deleteme", "cancel",
)  # fmt: skip


def listed() -> list[Command]:
    """Commands for Telegram's menu and /help: the usual ones in ``MENU_ORDER``, any others after."""
    rank = {name: index for index, name in enumerate(MENU_ORDER)}
    commands = [c for c in COMMANDS.values() if c.listed]
    return sorted(commands, key=lambda c: rank.get(c.name, len(rank)))


def menu() -> list[tuple[str, str]]:
    """(command, description) pairs for ``setMyCommands``."""
    return [(c.name, c.description) for c in listed()]
