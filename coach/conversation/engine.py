"""The conversation engine: one update in, the coach's replies out, whatever the transport.

Each update is one unit of work: the update id is claimed (so a redelivery does nothing),
the lifter is found or created and locked (so two processes apply one lifter's updates one
after the other), the right handler runs, the dialogue state is saved and both sides of the
exchange are recorded — all in one transaction. A handler that fails rolls all of that back
and the lifter gets a plain apology instead, recorded in a fresh transaction.

Except for the model's answers. A model may think for many seconds; a transaction open that
long would hold a pooled connection (a few dozen slow answers would starve every other
lifter) and the lifter's lock (their quick log would wait for the coach to finish talking).
So when a handler needs the model (``Turn.awaiting``), the update's unit of work ends without
the answer: the update id, the lifter's turn and the dialogue state commit (a crash during the
model call loses nothing the lifter wrote, and a redelivery still does nothing). The model is
asked with no transaction open — each of its tool calls is a short unit of work of its own —
and the answer is recorded in a fresh unit of work under the lifter's lock, with what the coach
decided (``structured_response_json``); the offline coach answers there if the model failed.
``handle`` awaits all of it: the lifter gets the same replies as from one transaction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach import callbacks
from coach.assistant import Consulted
from coach.assistant.safety import red_flags
from coach.conversation import assistant_flow, choices, files, freetext, lines, onboarding, registry, timers
from coach.conversation.incoming import Channel, Incoming, Kind
from coach.conversation.timers import TimerView
from coach.conversation.turn import Turn
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.logbook.parser import looks_like_log
from coach.persona import speak
from coach.replies import Reply
from db.enums import PersonaTone
from db.models import RestTimer, User
from db.repositories import Repositories
from db.repositories.chat import StateChange
from db.repositories.rest_timers import RUNNING
from db.uow import unit_of_work

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Longest message the coach reads: Telegram's own limit (longer text arrives from the terminal).
MAX_TEXT = 4096
#: Stored turn text is cut here so one runaway message cannot bloat the history.
MAX_RECORDED = 4000
#: Commands that can be used in the middle of a dialogue without ending it.
KEEPS_DIALOGUE = frozenset({"help", "cancel"})
_NOT_TEXT = {
    Kind.PHOTO: "photo",
    Kind.STICKER: "sticker",
    Kind.VOICE: "voice message",
    Kind.OTHER: "message",
    Kind.DOCUMENT: "file",
}


def _unavailable() -> Reply:
    return Reply(text=speak(None, lines.UNAVAILABLE), extra={"unavailable": True})


class _HandlerFailed(Exception):
    """A handler raised: everything it did is rolled back; the lifter gets ``message``."""

    def __init__(self, message: str | None, tone: PersonaTone) -> None:
        super().__init__(message)
        self.message = message
        self.tone = tone


@dataclass(frozen=True)
class Retry:
    attempts: int = 3
    first_delay: float = 0.2


class ConversationEngine:
    """``handle(incoming) -> list[Reply]``; every adapter (Telegram, terminal) shares it."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], deps: CoachDeps, *, retry: Retry = Retry()
    ) -> None:
        self.session_factory = session_factory
        self.deps = deps
        self.retry = retry

    # --- the one entry point --------------------------------------------------------------------
    async def handle(self, incoming: Incoming, *, waiting: Callable[[], None] | None = None) -> list[Reply]:
        """The coach's replies to ``incoming``; ``[]`` if this update was handled before.

        Storage outages are retried briefly, then answered with a plain "not saved, try again"
        so the lifter knows to resend; nothing is half-applied. ``waiting`` is called when the
        update is stored and only the model's answer is still to come: a transport that runs
        one lifter's updates one after the other may start their next one.
        """
        try:
            turn = await self._retrying(f"update {incoming.update_id}", lambda: self._handle_once(incoming))
        except _HandlerFailed as failure:
            return await self._apologise(incoming, failure)
        except Exception:
            log.exception("update %s: storage unavailable, giving up", incoming.update_id)
            return [_unavailable()]
        if turn is None:
            return []
        if turn.awaiting is None:
            return turn.replies
        if waiting is not None:
            waiting()
        return await self._answer(turn, await assistant_flow.consult(turn, self.session_factory))

    async def _retrying(self, what: str, once: Callable[[], Awaitable[T]]) -> T:
        """``once()``, run again after a storage error (briefly); a handler's failure is not retried."""
        delay = self.retry.first_delay
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return await once()
            except _HandlerFailed:
                raise
            except Exception:
                if attempt == self.retry.attempts:
                    raise
                log.warning("%s: storage error, retrying (%d)", what, attempt, exc_info=True)
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    async def _handle_once(self, incoming: Incoming) -> Turn | None:
        async with unit_of_work(self.session_factory) as repos:
            turn = await self._begin(repos, incoming)
            if turn is None:
                return None
            await self._run(turn, self._route(turn))
            await self._finish(turn)
            return turn

    async def _run(self, turn: Turn, handler: Awaitable[None]) -> None:
        """Run a handler; its failure becomes ``_HandlerFailed`` (rolled back, answered with an apology)."""
        try:
            await handler
        except InvalidInput as exc:
            raise _HandlerFailed(str(exc), turn.tone) from None
        except Exception:
            log.exception(
                "handler failed: user=%s kind=%s flow=%s step=%s",
                turn.user.id,
                turn.incoming.kind,
                turn.flow,
                turn.step,
            )
            raise _HandlerFailed(None, turn.tone) from None

    async def _answer(self, turn: Turn, consulted: Consulted) -> list[Reply]:
        """The model's answer (or the offline coach's) in its place, recorded under the lifter's lock.

        A model answer needs no storage to be shown: if it cannot be recorded, it goes out all
        the same (the lifter's turn is stored already).
        """
        answered = assistant_flow.from_model(turn, consulted)
        try:
            return await self._retrying(
                f"update {turn.incoming.update_id} (answer)",
                lambda: self._answer_once(turn, consulted, answered),
            )
        except _HandlerFailed as failure:
            return await self._apologise_after(turn, failure)
        except Exception:
            log.exception("update %s: could not record the coach's answer", turn.incoming.update_id)
            return turn.replies if answered else [_unavailable()]

    async def _answer_once(self, turn: Turn, consulted: Consulted, answered: bool) -> list[Reply]:
        assert turn.awaiting is not None
        async with unit_of_work(self.session_factory) as repos:
            entered = await repos.chat.reenter(turn.user.id)
            if entered is None:
                log.info("user %s deleted their account while the model answered", turn.user.id)
                return []
            later = turn.resumed(repos, entered)
            if not answered:
                await self._run(later, assistant_flow.conclude(later, consulted))
            choices.remember(later)
            await self._record(later, lifter=False, save_state=later.state_changed)
            for context in later.closes:
                await repos.conversation.close_threads(later.user.id, context)
            return later.replies

    async def _apologise(self, incoming: Incoming, failure: _HandlerFailed) -> list[Reply]:
        """Record the exchange and the update id in a fresh transaction, with an apology.

        If even that cannot be stored, the apology still goes out (unrecorded).
        """
        text = failure.message or speak(failure.tone, lines.OOPS)
        try:
            async with unit_of_work(self.session_factory) as repos:
                turn = await self._begin(repos, incoming)
                if turn is None:
                    return []
                turn.say(text)
                turn.decided["error"] = "invalid_input" if failure.message else "internal"
                await self._record(turn)
                return turn.replies
        except Exception:
            log.exception("update %s: could not record the apology", incoming.update_id)
            return [Reply(text=text)]

    async def _apologise_after(self, turn: Turn, failure: _HandlerFailed) -> list[Reply]:
        """The offline coach failed after the model did: the apology is the coach's side."""
        text = failure.message or speak(failure.tone, lines.OOPS)
        try:
            async with unit_of_work(self.session_factory) as repos:
                entered = await repos.chat.reenter(turn.user.id)
                if entered is None:
                    return []
                later = replace(turn.resumed(repos, entered), replies=[], decided={})
                later.say(text)
                later.decided["error"] = "invalid_input" if failure.message else "internal"
                await self._record(later, lifter=False)
                return later.replies
        except Exception:
            log.exception("update %s: could not record the apology", turn.incoming.update_id)
            return [Reply(text=text)]

    async def _begin(self, repos: Repositories, incoming: Incoming) -> Turn | None:
        telegram = incoming.channel is Channel.TELEGRAM
        entered = await repos.chat.enter(
            telegram_user_id=int(incoming.user_key) if telegram else None,
            local_handle=None if telegram else str(incoming.user_key),
            chat_id=incoming.chat_id,
            name=incoming.display_name,
            update_id=incoming.update_id,
        )
        if entered is None:
            log.info("update %s already handled; skipped", incoming.update_id)
            return None
        user = entered.user
        if telegram and user.blocked_at is not None:  # they wrote again: they unblocked us
            user.blocked_at = None
        return Turn(
            repos=repos,
            deps=self.deps,
            user=user,
            state=entered.state,
            incoming=incoming,
            now=self.deps.clock.now(),
            owns_movements=entered.owns_movements,
        )

    async def _finish(self, turn: Turn) -> None:
        """Record the exchange; one waiting on the model records the lifter's side only (the
        numbered choices and the threads it closes wait for the answer too)."""
        if turn.erased:
            return
        complete = turn.awaiting is None
        countdown = self._countdown(turn) if turn.incoming.channel is Channel.TELEGRAM else None
        if complete:
            choices.remember(turn)
        timer_id = await self._record(
            turn, coach=complete, save_state=turn.state_changed, timer=countdown[1] if countdown else None
        )
        if countdown is not None and timer_id is not None:
            index, timer = countdown
            timer.id = timer_id
            self._show_countdown(turn, index, timer)
        for context in turn.closes if complete else ():
            await turn.repos.conversation.close_threads(turn.user.id, context)

    async def _record(
        self,
        turn: Turn,
        *,
        lifter: bool = True,
        coach: bool = True,
        save_state: bool = False,
        timer: RestTimer | None = None,
    ) -> int | None:
        """Both sides of the exchange in one statement (``lifter``, ``coach``: either alone), with
        the dialogue state (``save_state``) and the rest timer to start; returns the timer's id."""
        incoming = turn.incoming
        said = turn.said or incoming.text or ""
        if incoming.kind is Kind.BUTTON:
            said = f"[button] {turn.said or incoming.text or 'pressed'}"
        elif incoming.kind is not Kind.TEXT:
            said = f"[{incoming.kind.value}] {said}".strip()
        answer = "\n\n".join(r.text for r in turn.replies if r.text)
        structured: dict[str, Any] = dict(turn.decided)
        labels = [b.label for r in turn.replies for row in r.buttons for b in row]
        if labels:
            structured["buttons"] = labels
        if any(r.image for r in turn.replies):
            structured["image"] = True
        if any(r.document for r in turn.replies):
            structured["document"] = True
        return await turn.repos.chat.record(
            turn.user.id,
            turn.context,
            (said[:MAX_RECORDED] or "(empty)") if lifter else None,
            (answer[:MAX_RECORDED] or "(no text)") if coach else None,
            (structured or None) if coach else None,
            state=StateChange(turn.flow, turn.step, turn.data) if save_state else None,
            timer=timer,
        )

    # --- routing ----------------------------------------------------------------------------------
    async def _route(self, turn: Turn) -> None:
        if turn.flow is not None and turn.flow not in registry.FLOWS:
            turn.end_flow()  # a flow this version no longer has: start clean rather than fail
        flow = registry.FLOWS.get(turn.flow) if turn.flow else None
        if flow is not None:
            turn.context = flow.context
        incoming = turn.incoming = choices.as_press(turn)
        kind = incoming.kind
        if kind is Kind.BUTTON:
            await self._press(turn)
        elif kind is Kind.EDITED:
            turn.say(turn.speak(lines.EDITED))
        elif kind is Kind.DOCUMENT and incoming.document is not None:
            await files.receive(turn)
        elif kind in _NOT_TEXT:
            turn.say(turn.speak(lines.NOT_TEXT, what=_NOT_TEXT[kind]))
            if flow is not None:
                await flow.ask(turn)
        else:
            await self._text(turn, (incoming.text or "").strip())

    async def _press(self, turn: Turn) -> None:
        pressed = callbacks.verify(self.deps.callback_secret, turn.user.id, turn.incoming.callback)
        handler = registry.BUTTONS.get(pressed.action) if pressed else None
        if pressed is None or handler is None:
            turn.decided["rejected_button"] = True
            turn.notice(turn.speak(lines.STALE_BUTTON))
            return
        turn.decided["button"] = [pressed.action, *pressed.args]
        await handler(turn, pressed.args)

    async def _text(self, turn: Turn, text: str) -> None:
        if not text:
            turn.say(turn.speak(lines.EMPTY))
            return
        if len(text) > MAX_TEXT:
            turn.say(turn.speak(lines.TOO_LONG, length=len(text), limit=MAX_TEXT))
            return
        if text.startswith("/"):
            await self._command(turn, text)
            return
        flow = registry.FLOWS.get(turn.flow) if turn.flow else None
        if flow is not None:
            # Pain red flags are never an answer ("chest pain" is not a name): the coach speaks
            # first. A log that mentions one is still the flow's to take (logs handle red flags).
            urgent = bool(red_flags(text)) and not looks_like_log(text, self.deps.catalog)
            if not urgent and await flow.answer(turn, text):
                return
            await freetext.aside(turn, text)
            return
        await freetext.handle(turn, text)

    async def _command(self, turn: Turn, text: str) -> None:
        head, _, rest = text[1:].partition(" ")
        name = head.split("@", 1)[0].lower()
        command = registry.COMMANDS.get(name)
        if command is None:
            turn.say(turn.speak(lines.UNKNOWN_COMMAND, command=name[:32] or "?"))
            return
        turn.decided["command"] = name
        if turn.flow not in (None, onboarding.ONBOARDING_FLOW.name) and name not in KEEPS_DIALOGUE:
            turn.end_flow()  # a new command leaves a half-answered settings or goals question behind
        if not turn.onboarded and not command.before_onboarding:
            turn.say(speak(None, lines.FINISH_SETUP_FIRST, command=name))
            await onboarding.resume(turn)
            return
        await command.handler(turn, rest.strip())

    def _countdown(self, turn: Turn) -> tuple[int, RestTimer] | None:
        """The rest timer this exchange starts, shown in Telegram as a live countdown message.

        Stored with the exchange (so any process can finish it); the reply shows its countdown
        already, so the recorded answer says what the lifter sees. One rest at a time: if an
        exchange asked for several, the last one counts.
        """
        for index in range(len(turn.replies) - 1, -1, -1):
            spec = turn.replies[index].timer
            if spec is None:
                continue
            seconds = min(max(int(spec.seconds), 1), timers.MAX_REST_SECONDS)
            timer = RestTimer(
                user_id=turn.user.id,
                chat_id=turn.incoming.chat_id,
                label=spec.label[:200] if spec.label else None,
                duration_seconds=seconds,
                ends_at=turn.now + dt.timedelta(seconds=seconds),
                status=RUNNING,
            )
            self._show_countdown(turn, index, timer)
            return index, timer
        return None

    def _show_countdown(self, turn: Turn, index: int, timer: RestTimer) -> None:
        shown = timers.view(
            timer, secret=self.deps.callback_secret, tone=turn.tone, now=turn.now, blocked=False
        )
        reply = turn.replies[index]
        extra = {**reply.extra, "timer_id": timer.id} if timer.id is not None else reply.extra
        turn.replies[index] = replace(reply, text=shown.text, buttons=shown.buttons, extra=extra)

    # --- rest timers, for transports that show a live countdown ----------------------------------
    def _timer_view(self, timer: RestTimer, user: User) -> TimerView:
        return timers.view(
            timer,
            secret=self.deps.callback_secret,
            tone=user.persona_tone,
            now=self.deps.clock.now(),
            blocked=user.blocked_at is not None,
        )

    async def timer_views(
        self, timer_ids: Sequence[int], *, sent: Mapping[int, int] | None = None
    ) -> dict[int, TimerView]:
        """Countdowns as they stand, by timer id (an end may have moved: the buttons reach any process).

        ``sent``: countdown messages just sent (timer id → message id), recorded in the same
        transaction so any process can close them when the rest is over.
        """
        async with unit_of_work(self.session_factory) as repos:
            await repos.timers.attach_messages(sent or {})
            found = await repos.timers.with_owners(timer_ids)
        return {timer.id: self._timer_view(timer, user) for timer, user in found}

    async def finish_timer(self, timer_id: int) -> TimerView | None:
        """Mark the timer done if it still runs; ``None`` if someone else already finished it."""
        async with unit_of_work(self.session_factory) as repos:
            if await repos.timers.finish(timer_id) is None:
                return None
            found = await repos.timers.with_owners([timer_id])
        return self._timer_view(*found[0]) if found else None

    async def finish_due_timers(self, *, limit: int = 50) -> list[TimerView]:
        """Claim every timer whose rest is over (left behind by a restart, say); each is claimed once."""
        async with unit_of_work(self.session_factory) as repos:
            due = await repos.timers.finish_due(self.deps.clock.now(), limit=limit)
            found = await repos.timers.with_owners([timer.id for timer in due])
        return [self._timer_view(timer, user) for timer, user in found]

    async def prune_updates(self, older_than: dt.timedelta) -> int:
        """Forget processed update ids Telegram can no longer redeliver."""
        async with unit_of_work(self.session_factory) as repos:
            return await repos.updates.prune(self.deps.clock.now() - older_than)

    # --- outside the flow of messages -------------------------------------------------------------
    async def mark_blocked(self, *, telegram_user_id: int | None = None, chat_id: int | None = None) -> None:
        """Telegram answered 403 (or said the lifter blocked us): send nothing more until they write again."""
        async with unit_of_work(self.session_factory) as repos:
            user_id = await repos.chat.mark_blocked(
                telegram_user_id=telegram_user_id, chat_id=chat_id, when=self.deps.clock.now()
            )
        if user_id is not None:
            log.info("user %s blocked the bot; they get no more messages until they write again", user_id)
