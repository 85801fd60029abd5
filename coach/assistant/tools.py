"""The tool registry: what the model may do, with arguments checked before anything runs.

A tool is a thin wrapper over a ``coach/`` function the buttons also use. Its arguments are a
pydantic model that forbids unknown fields, so a model cannot slip in a ``user_id`` or any
other lever: the lifter is whoever is talking (``ToolContext.user``), never an argument. A
call whose arguments are not JSON, not an object, or not valid gets a plain error back — the
model can correct itself — and nothing runs. Each call runs in a savepoint: a tool that fails
halfway leaves no half-written rows behind.

While the model is asked, the conversation engine holds no transaction (a model call may take
seconds; a transaction would hold a pooled connection and the lifter's lock all that time).
Then ``ToolContext.sessions`` is set and each call is a short unit of work of its own,
committed when the tool is done. Most tools only read (``get_today`` may store the day's
adaptation, taking the lifter's lock for it, as /today does); plan changes are only proposed,
applied later by the lifter's button or "yes" in a turn of its own. The ``writes`` tools store
what the lifter just reported (a log, a check-in, a reminder time) the way a typed message
would — under the lifter's lock, on the lifter read after it, all or nothing — for a few
milliseconds instead of the whole model call; committed at once, so the answer that follows,
and the offline coach after a model failure, can say it is done.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.assistant.changes import Change
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.replies import Image
from db.models import ConversationThread, User
from db.repositories import Repositories
from db.uow import unit_of_work

log = logging.getLogger(__name__)


class Arguments(BaseModel):
    """Base of every tool's arguments: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NoArguments(Arguments):
    pass


@dataclass
class ToolContext:
    """Who is talking and where: fixed by the assistant, never by the model."""

    repos: Repositories
    deps: CoachDeps
    user: User
    thread: ConversationThread
    #: The lifter's local date.
    day: dt.date
    #: Values worth reading once per message (today's adapted session, the lifter's movements);
    #: emptied whenever a tool writes, so nothing stale is ever read back.
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict)
    #: Set while the model is asked outside the update's unit of work: each tool call then runs
    #: in a short unit of work of its own, with that one's ``repos`` and ``user``.
    sessions: async_sessionmaker[AsyncSession] | None = None


@dataclass(frozen=True)
class ToolOutcome:
    #: What the model reads back (JSON-serialisable).
    data: dict[str, Any]
    #: One line for the stored decision and for memory ("4 swap options for Back Squat").
    summary: str
    #: Plan changes prepared for the lifter to accept with a button.
    changes: tuple[Change, ...] = ()
    #: A picture worth sending with the answer (the progress chart).
    image: Image | None = None


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    arguments: type[Arguments]
    run: Callable[[ToolContext, Any], Awaitable[ToolOutcome]]
    #: Whether the tool stores anything (a log, a check-in, a setting).
    writes: bool = False

    def schema(self) -> dict[str, Any]:
        """The OpenAI function-calling definition."""
        parameters = _strip_titles(self.arguments.model_json_schema())
        parameters.setdefault("properties", {})
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": parameters},
        }


@dataclass(frozen=True)
class ToolRun:
    """One call as it happened: stored with the coach's answer (``structured["tools"]``)."""

    name: str
    arguments: dict[str, Any] | str
    ok: bool
    outcome: ToolOutcome | None = None
    error: str | None = None
    #: The call stored something (a log, a check-in, a setting).
    wrote: bool = False

    @property
    def consequential(self) -> bool:
        """It stored something or prepared a change: the lifter must hear about it."""
        return self.ok and (self.wrote or bool(self.outcome and self.outcome.changes))

    @property
    def summary(self) -> str:
        if self.ok and self.outcome is not None:
            return self.outcome.summary
        return f"{self.name} failed: {self.error}"

    def payload(self) -> dict[str, Any]:
        """What goes back to the model as the tool message."""
        if self.ok and self.outcome is not None:
            return {"ok": True, **self.outcome.data}
        return {"ok": False, "error": self.error}

    def record(self) -> dict[str, Any]:
        """This call as stored in the answer's ``structured_response_json["tools"]``."""
        entry: dict[str, Any] = {"tool": self.name, "arguments": self.arguments, "ok": self.ok}
        if self.ok and self.outcome is not None:
            entry["result"] = self.outcome.data
            if self.outcome.changes:
                entry["changes"] = [c.to_json() for c in self.outcome.changes]
        else:
            entry["error"] = self.error
        entry["summary"] = self.summary
        return entry


def _strip_titles(schema: Any) -> Any:
    """Pydantic's schema minus ``title`` noise: fewer tokens in every request."""
    if isinstance(schema, dict):
        return {k: _strip_titles(v) for k, v in schema.items() if k != "title" or not isinstance(v, str)}
    if isinstance(schema, list):
        return [_strip_titles(v) for v in schema]
    return schema


def _describe(error: ValidationError) -> str:
    problems = []
    for e in error.errors():
        where = ".".join(str(p) for p in e.get("loc", ())) or "arguments"
        if e.get("type") == "extra_forbidden":
            problems.append(f"{where}: not an argument of this tool")
        else:
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
    return "; ".join(problems)


@dataclass
class ToolRegistry:
    tools: dict[str, Tool] = field(default_factory=dict)
    #: The function definitions sent with every request, built once (the tools never change).
    _schemas: list[dict[str, Any]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._schemas = [t.schema() for t in self.tools.values()]

    @classmethod
    def of(cls, tools: Iterable[Tool]) -> ToolRegistry:
        return cls({t.name: t for t in tools})

    def schemas(self) -> list[dict[str, Any]]:
        return [dict(s) for s in self._schemas]

    def parse(self, name: str, raw: str | dict[str, Any] | None) -> tuple[Tool, Arguments]:
        """The tool and its validated arguments; ``InvalidInput`` says what is wrong."""
        tool = self.tools.get(name)
        if tool is None:
            raise InvalidInput(f"there is no tool called {name!r}; use one of: {', '.join(self.tools)}")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw) if raw.strip() else {}
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"arguments are not valid JSON ({exc.msg} at {exc.pos})") from None
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise InvalidInput("arguments must be a JSON object")
        try:
            return tool, tool.arguments.model_validate(raw)
        except ValidationError as exc:
            raise InvalidInput(_describe(exc)) from None

    async def call(self, ctx: ToolContext, name: str, raw: str | dict[str, Any] | None) -> ToolRun:
        """Validate and run one call; never raises for the model's mistakes or a tool's refusal."""
        try:
            tool, arguments = self.parse(name, raw)
        except InvalidInput as exc:
            return ToolRun(name, raw if isinstance(raw, str | dict) else {}, False, error=str(exc))
        shown = arguments.model_dump(mode="json")
        if tool.writes:
            ctx.memo.clear()
        try:
            if ctx.sessions is None:
                async with ctx.repos.assistant.savepoint():
                    outcome = await tool.run(ctx, arguments)
            else:
                outcome = await _on_its_own(ctx, tool, arguments)
        except InvalidInput as exc:
            return ToolRun(name, shown, False, error=str(exc))
        except Exception:
            log.exception("tool %s failed for user %s", name, ctx.user.id)
            return ToolRun(name, shown, False, error="this did not work just now; do not retry it")
        return ToolRun(name, shown, True, outcome, wrote=tool.writes)


async def _on_its_own(ctx: ToolContext, tool: Tool, arguments: Arguments) -> ToolOutcome:
    """One call in a short unit of work of its own (the memo is shared).

    A reading tool works with the lifter as loaded for the message (a unit of work that reads
    nothing new, such as today's session already in the memo, costs no round trip at all). A
    writing one does what a typed message does: takes the lifter's lock and reads them afresh;
    later calls see the lifter as it left them.
    """
    assert ctx.sessions is not None
    async with unit_of_work(ctx.sessions) as repos:
        if not tool.writes:
            return await tool.run(replace(ctx, repos=repos, sessions=None), arguments)
        entered = await repos.chat.reenter(ctx.user.id)
        if entered is None:
            raise InvalidInput("the lifter has just deleted their account")
        outcome = await tool.run(replace(ctx, repos=repos, user=entered.user, sessions=None), arguments)
    ctx.user = entered.user
    return outcome
