"""The tool registry: schemas for the model, strict arguments, and failures that never escape."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.assistant.tools import Arguments, NoArguments, Tool, ToolContext, ToolOutcome, ToolRegistry
from coach.catalog import Catalog
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from db.library import default_library
from db.repositories import Repositories
from db.uow import unit_of_work


class EchoArgs(Arguments):
    word: str = Field(min_length=1, max_length=10)
    times: int = Field(default=1, ge=1, le=3)


async def echo(ctx: ToolContext, args: EchoArgs) -> ToolOutcome:
    return ToolOutcome({"said": args.word * args.times, "user": ctx.user.id}, f"echoed {args.word}")


async def rename_then_fail(ctx: ToolContext, _: NoArguments) -> ToolOutcome:
    ctx.user.name = "renamed by a failing tool"
    await ctx.repos.session.flush()
    raise InvalidInput("refused halfway")


async def crash(ctx: ToolContext, _: NoArguments) -> ToolOutcome:
    raise RuntimeError("internal detail that must not reach the model")


REGISTRY = ToolRegistry.of(
    [
        Tool("echo", "Repeat a word.", EchoArgs, echo),
        Tool("half", "Writes, then refuses.", NoArguments, rename_then_fail),
        Tool("crash", "Always breaks.", NoArguments, crash),
    ]
)


@pytest.fixture
async def ctx(repos: Repositories) -> ToolContext:
    user = await repos.users.get_or_create_local("tool-tester")
    user.name = "Original"
    thread = await repos.conversation.active_thread(user.id, "free_chat")
    deps = CoachDeps(catalog=Catalog.from_library(default_library()), heuristics={})
    return ToolContext(repos, deps, user, thread, dt.date(2026, 12, 8))


def test_schemas_are_openai_functions_without_a_user_id() -> None:
    schemas = {s["function"]["name"]: s["function"] for s in REGISTRY.schemas()}
    echo_params = schemas["echo"]["parameters"]
    assert echo_params["type"] == "object"
    assert echo_params["additionalProperties"] is False
    assert set(echo_params["properties"]) == {"word", "times"}
    assert echo_params["required"] == ["word"]
    assert schemas["crash"]["parameters"]["properties"] == {}
    assert "title" not in str(schemas)


async def test_valid_call(ctx: ToolContext) -> None:
    run = await REGISTRY.call(ctx, "echo", '{"word": "go", "times": 2}')
    assert run.ok and run.payload() == {"ok": True, "said": "gogo", "user": ctx.user.id}
    assert run.record()["arguments"] == {"word": "go", "times": 2}


@pytest.mark.parametrize(
    ("name", "raw", "error"),
    [
        ("echo", '{"word": "go"', "not valid JSON"),
        ("echo", "[1, 2]", "must be a JSON object"),
        ("echo", '{"times": 2}', "word: Field required"),
        ("echo", '{"word": "go", "times": 9}', "times"),
        ("echo", '{"word": "go", "user_id": 2}', "user_id: not an argument"),
        ("drop_tables", "{}", "no tool called 'drop_tables'"),
    ],
)
async def test_bad_calls_are_explained_not_run(ctx: ToolContext, name: str, raw: str, error: str) -> None:
    run = await REGISTRY.call(ctx, name, raw)
    assert not run.ok
    assert error in (run.error or "")
    assert run.payload()["ok"] is False


async def test_a_refusing_tool_leaves_nothing_behind(ctx: ToolContext, repos: Repositories) -> None:
    run = await REGISTRY.call(ctx, "half", "{}")
    assert not run.ok and run.error == "refused halfway"
    await repos.session.refresh(ctx.user)
    assert ctx.user.name == "Original"


async def test_a_crashing_tool_is_contained(ctx: ToolContext) -> None:
    run = await REGISTRY.call(ctx, "crash", "")
    assert not run.ok
    assert "internal detail" not in (run.error or "")
    assert "internal detail" not in str(run.record())


async def rename(ctx: ToolContext, args: EchoArgs) -> ToolOutcome:
    ctx.user.name = args.word
    await ctx.repos.session.flush()
    return ToolOutcome({"renamed": args.word}, f"renamed to {args.word}")


WRITING = ToolRegistry.of(
    [
        Tool("rename", "Rename the lifter.", EchoArgs, rename, writes=True),
        Tool("half", "Writes, then refuses.", NoArguments, rename_then_fail, writes=True),
        Tool("echo", "Repeat a word.", EchoArgs, echo),
    ]
)


async def test_outside_a_transaction_each_call_is_a_unit_of_work_of_its_own(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """As while the model thinks: the engine's transaction is over, tools bring their own."""
    async with unit_of_work(session_factory) as repos:
        user = await repos.users.get_or_create_local("own-units")
        user.name = "Original"
        thread = await repos.conversation.active_thread(user.id, "free_chat")
    deps = CoachDeps(catalog=Catalog.from_library(default_library()), heuristics={})
    ctx = ToolContext(repos, deps, user, thread, dt.date(2026, 12, 8), sessions=session_factory)

    renamed = await WRITING.call(ctx, "rename", {"word": "Kept"})
    assert renamed.ok and renamed.wrote
    assert ctx.user is not user and ctx.user.name == "Kept"  # read afresh, under the lock
    refused = await WRITING.call(ctx, "half", {})
    assert not refused.ok and refused.error == "refused halfway"
    echoed = await WRITING.call(ctx, "echo", {"word": "hi"})
    assert echoed.ok and echoed.payload()["user"] == user.id
    async with unit_of_work(session_factory) as repos:
        stored = await repos.users.get(user.id)
        assert stored is not None and stored.name == "Kept"  # committed; the refusal undone
