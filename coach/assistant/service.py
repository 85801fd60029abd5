"""The talking coach's two entry points: a free-form message, and a press of one of its buttons.

A free-form message is checked for pain red flags first — before any model — then a typed
"yes"/"no" settles a change the coach just offered, then the model (with tools) answers when one
is configured, and the offline coach otherwise or whenever the model fails.

The model may take seconds, so its answer comes in three steps, and the conversation engine
holds no transaction during the middle one:

1. ``begin`` (the update's unit of work, under the lifter's lock): everything that needs no
   model is answered here and then; otherwise it gathers what the model needs (the snapshot of
   the lifter, the thread's recent turns) into a ``Consultation``.
2. ``consult`` (no transaction): the model conversation. Given a session factory, each tool
   call is a short unit of work of its own (``coach.assistant.tools``).
3. ``from_model`` (no storage needed) turns the model's answer into the reply; when the model
   failed, ``conclude`` (a fresh unit of work) has the offline coach answer instead.

``answer`` runs the three in the caller's one unit of work, for callers that hold one anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.assistant import lines, offline
from coach.assistant.accept import apply
from coach.assistant.changes import Change, from_callback
from coach.assistant.intents import Intent, IntentName, answer_to_offer, match
from coach.assistant.reply import AssistantReply
from coach.assistant.safety import STOP, SYMPTOMS, red_flags
from coach.assistant.snapshot import gather
from coach.assistant.talk import Talk, converse
from coach.assistant.toolbox import TOOLS
from coach.assistant.tools import ToolContext, ToolRun
from coach.callbacks import Callback
from coach.clock import local_today
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.llm import ModelUnavailable, Snapshot
from coach.llm.memory import TurnLike
from db.models import ConversationThread, User
from db.repositories import Repositories

log = logging.getLogger(__name__)

#: Turns read from the thread for memory (the newest verbatim, the rest in brief).
MEMORY_TURNS = 40
FREE_CHAT = "free_chat"


def _context(repos: Repositories, deps: CoachDeps, user: User, thread: ConversationThread) -> ToolContext:
    return ToolContext(repos, deps, user, thread, local_today(user.timezone, deps.clock.now()))


def _pending(turns: Sequence[Any]) -> list[Change]:
    """Changes the coach offered in its last answer, still waiting for a yes or a no."""
    last = turns[-1] if turns else None
    if last is None or last.role != "assistant" or not isinstance(last.structured_response_json, dict):
        return []
    try:
        return [Change.from_json(c) for c in last.structured_response_json.get("changes", [])]
    except (KeyError, TypeError, ValueError):
        return []


def _without_current(turns: Sequence[Any], text: str) -> list[Any]:
    """The thread's turns minus this very message, if the caller recorded it already."""
    turns = list(turns)
    if turns and turns[-1].role == "user" and turns[-1].content.strip() == text.strip():
        turns.pop()
    return turns


@dataclass(frozen=True)
class Consultation:
    """A message only the model can answer, and what the model needs: gathered under the lock.

    ``ctx`` keeps the lifter and the thread as loaded, and the values read once per message
    (today's adapted session, the lifter's movements), so a tool call during the model
    conversation need not read them again.
    """

    ctx: ToolContext
    text: str
    snapshot: Snapshot
    turns: tuple[TurnLike, ...]


@dataclass(frozen=True)
class Consulted:
    """How the model conversation went: its answer, or why there is none (``failure``)."""

    talk: Talk | None
    #: Every tool call made, also before a failure (what it stored is reported, not redone).
    runs: tuple[ToolRun, ...]
    failure: str | None = None


async def answer(
    repos: Repositories, deps: CoachDeps, user: User, text: str, *, thread: ConversationThread
) -> AssistantReply:
    """The coach's answer to a free-form message from ``user`` in ``thread``, all in the caller's
    unit of work (the conversation engine splits it: see the module's docstring)."""
    step = await begin(repos, deps, user, text, thread=thread)
    if isinstance(step, AssistantReply):
        return step
    return await conclude(repos, step, await consult(step))


async def begin(
    repos: Repositories, deps: CoachDeps, user: User, text: str, *, thread: ConversationThread
) -> AssistantReply | Consultation:
    """The answer, when no model is needed; else what the model needs, read through ``repos``."""
    ctx = _context(repos, deps, user, thread)
    flags = red_flags(text)
    if flags:
        return await _stop(ctx, flags)
    turns = _without_current(await repos.conversation.recent_turns(thread.id, MEMORY_TURNS), text)
    settled = answer_to_offer(text)
    if settled is not None:
        pending = _pending(turns)
        if pending:
            return await _settle(ctx, settled, pending)
        if deps.llm is None:
            draft = offline.Draft(ctx, settled.value)
            draft.say(lines.NOTHING_PENDING)
            await offline.menu(draft, intro=False)
            return draft.reply()
    if deps.llm is None:
        return await offline.respond(ctx, match(text, deps.catalog), text)
    try:
        async with repos.assistant.savepoint():
            snapshot = await gather(ctx, onboarding=await _onboarding_step(ctx))
    except Exception:
        log.exception("assistant failed for user %s; the offline coach answers", user.id)
        return await offline.respond(ctx, match(text, deps.catalog), text, fallback="error")
    return Consultation(ctx, text, snapshot, tuple(turns))


async def consult(
    consultation: Consultation, *, sessions: async_sessionmaker[AsyncSession] | None = None
) -> Consulted:
    """The model conversation; never raises for model trouble.

    With ``sessions`` each tool call runs in a short unit of work of its own (the caller holds
    none); without, in a savepoint of the unit of work the consultation was gathered in.
    """
    ctx = consultation.ctx if sessions is None else replace(consultation.ctx, sessions=sessions)
    model = ctx.deps.llm
    runs: list[ToolRun] = []
    try:
        talk = await converse(
            ctx, model, TOOLS, consultation.snapshot, consultation.turns, consultation.text, runs
        )
    except ModelUnavailable as exc:
        log.warning("model unavailable (%s) for user %s; the offline coach answers", exc.reason, ctx.user.id)
        return Consulted(None, tuple(runs), exc.reason)
    except Exception:
        log.exception("assistant failed for user %s; the offline coach answers", ctx.user.id)
        return Consulted(None, tuple(runs), "error")
    return Consulted(talk, tuple(runs))


def from_model(consultation: Consultation, consulted: Consulted) -> AssistantReply | None:
    """The model's answer as the lifter gets it (no storage needed); ``None`` if it failed."""
    talk = consulted.talk
    if talk is None:
        return None
    draft = offline.Draft(consultation.ctx, "chat")
    draft.add(talk.text)
    draft.runs.extend(talk.runs)
    offered: dict[tuple[str, ...], Change] = {}
    for run in talk.runs:
        for change in run.outcome.changes if run.ok and run.outcome else ():
            offered.setdefault(change.callback_args(), change)
        if run.ok and run.outcome and run.outcome.image:
            draft.image = run.outcome.image
    draft.offer(list(offered.values()))
    return draft.reply("llm", model=consultation.ctx.deps.llm.config.model)


async def conclude(
    repos: Repositories, consultation: Consultation, consulted: Consulted, *, user: User | None = None
) -> AssistantReply:
    """The reply to the consultation: the model's, or the offline coach's when the model failed.

    The offline coach reads (and may record a check-in) through ``repos`` for ``user`` (the
    lifter as loaded in that unit of work; default: as loaded for the consultation), afresh:
    the lifter may have written something else while the model was thinking.
    """
    reply = from_model(consultation, consulted)
    if reply is not None:
        return reply
    ctx = replace(consultation.ctx, repos=repos, user=user or consultation.ctx.user, memo={}, sessions=None)
    text = consultation.text
    intent = match(text, ctx.deps.catalog)
    return await offline.respond(ctx, intent, text, fallback=consulted.failure, runs=list(consulted.runs))


async def _onboarding_step(ctx: ToolContext) -> str | None:
    if ctx.thread.context_type != "onboarding":
        return None
    state = await ctx.repos.conversation.state(ctx.user.id)
    return (state.step or "the current setup question").replace("_", " ")


async def _stop(ctx: ToolContext, flags: list[str]) -> AssistantReply:
    draft = offline.Draft(ctx, "red_flag")
    draft.say(STOP, symptom=SYMPTOMS[flags[0]])
    run = await draft.tool("get_today")
    data = run.outcome.data if run.ok and run.outcome else {}
    if data.get("rest_day") is False:
        draft.offer([Change("adjust", ctx.day, action="skip")], keep=False)
    return draft.reply(
        "safety",
        red_flags=flags,
        summary=f"red flag ({', '.join(flags)}): told to stop and see a professional",
    )


async def _settle(ctx: ToolContext, settled: IntentName, pending: list[Change]) -> AssistantReply:
    draft = offline.Draft(ctx, settled.value)
    if settled is IntentName.DECLINE:
        draft.say(lines.KEPT)
        return draft.reply(summary="kept the plan")
    if len(pending) > 1:
        draft.say(lines.PICK_ONE)
        draft.offer(pending)
        return draft.reply()
    return await _apply(draft, pending[0])


async def _apply(draft: offline.Draft, change: Change) -> AssistantReply:
    try:
        applied, note = await apply(draft.ctx, change)
    except InvalidInput as exc:
        draft.say(lines.CANNOT, reason=str(exc))
        return draft.reply(rejected=change.to_json())
    if note:
        draft.add(note)
    elif applied.kind == "swap":
        draft.say(lines.APPLIED_SWAP, exercise=applied.from_name, to=applied.to_name)
    else:
        draft.say(lines.APPLIED_ADJUST[applied.action or "reduce"])
    if applied.kind == "swap" or applied.action in ("reduce", "easy"):
        await offline.HANDLERS[IntentName.TODAY](draft, Intent(IntentName.TODAY), "")
    return draft.reply(applied=applied.to_json(), summary=f"accepted: {applied.describe()}")


async def handle_callback(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    callback: Callback,
    *,
    thread: ConversationThread | None = None,
) -> AssistantReply:
    """A press of one of the assistant's buttons (action ``coach``, already verified for ``user``)."""
    thread = thread or await repos.conversation.active_thread(user.id, FREE_CHAT)
    ctx = _context(repos, deps, user, thread)
    kind, args = (callback.args[0], callback.args[1:]) if callback.args else ("", ())
    draft = offline.Draft(ctx, f"button:{kind}")
    change = from_callback(callback.args)
    if change is not None:
        return await _apply(draft, change)
    if kind == "keep":
        draft.say(lines.KEPT)
        return draft.reply(summary="kept the plan")
    if kind == "ask" and args and args[0] in {i.value for i in IntentName}:
        return await offline.respond(ctx, Intent(IntentName(args[0])), "")
    if kind == "so" and args:
        return await offline.respond(ctx, Intent(IntentName.SWAP, target=args[0]), "")
    if kind == "rm" and args:
        when = "off" if args[0] == "off" else f"{args[0][:2]}:{args[0][2:]}"
        await offline.set_reminder(draft, when)
        return draft.reply()
    draft.say(lines.CANNOT, reason="that button is no longer valid")
    return draft.reply(rejected=list(callback.args))
