"""Applying a plan change the lifter accepted, through the plan's own functions.

A button can be pressed late (yesterday's "swap" button) or twice. Before applying, the change
is checked again: the day must not be over, and the exercise to replace must still be in that
day's session (the planning functions refuse a swap that no longer fits the lifter's equipment
or rules, and anything that is not theirs). Then the swap, adjustment or rule goes through
``coach.planning`` / ``coach.today`` — which keep a session's JSON sections and its
``session_exercises`` rows together — and the thread records the change as accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from coach.assistant import day as days
from coach.assistant.changes import Change
from coach.assistant.tools import ToolContext
from coach.errors import InvalidInput
from coach.planning.rules import add_rule
from coach.planning.swap import swap_exercise
from coach.today.service import adjust_today


async def apply(ctx: ToolContext, change: Change) -> tuple[Change, str | None]:
    """Apply ``change`` for ``ctx.user``: the change as applied (names filled in) and the plan's
    own confirmation, if it gives one; ``InvalidInput`` when it no longer applies."""
    note: str | None = None
    if change.kind == "rule":
        known = await days.movements(ctx)
        movement = known.get(change.movement_id or 0)
        if movement is None:
            raise InvalidInput("that movement is not in the library any more")
        outcome = await add_rule(ctx.repos, ctx.deps, ctx.user, movement.name, change.rule or "preferred")
        change, note = dataclasses.replace(change, to_name=movement.name), outcome.text
    elif change.day < ctx.day:
        raise InvalidInput(f"that change was for {change.day:%A %d %B}, which has passed")
    elif change.kind == "swap":
        change = await _swap(ctx, change)
    else:
        await adjust_today(ctx.repos, ctx.deps, ctx.user, change.day, change.action)
    ctx.memo.clear()  # the day just changed: read it afresh
    accepted: dict[str, Any] = {
        **change.to_json(),
        "accepted_at": ctx.deps.clock.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
    }
    await ctx.repos.assistant.record_accepted(ctx.thread, accepted)
    return change, note


async def _swap(ctx: ToolContext, change: Change) -> Change:
    day = await days.load(ctx, change.day)
    exercise = next((e for e in day.exercises if e.movement_id == change.from_movement_id), None)
    if exercise is None:
        if any(e.movement_id == change.movement_id for e in day.exercises):
            raise InvalidInput("that swap is already in your plan")
        raise InvalidInput("that exercise is no longer in that session")
    known = await days.movements(ctx)
    replacement = known.get(change.movement_id or 0)
    if replacement is None:
        raise InvalidInput("that movement is not in the library any more")
    await swap_exercise(ctx.repos, ctx.deps, ctx.user, exercise.id, replacement.name)
    return dataclasses.replace(change, from_name=exercise.name, to_name=replacement.name)
