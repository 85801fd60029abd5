"""Live rest timers: the countdown message edited as it counts down, and the ping at the end.

The process that sent a countdown follows it: one looker task wakes when the next countdown
is due a look (every few seconds, or exactly at the end of a rest) and looks at every due
countdown together, in one transaction that also records the countdown messages sent since
the last look — so many lifters resting at once cost one round trip, not one each. Every
process also sweeps for timers that are due but were left behind (a restart, a crash).
Whoever finishes a timer first claims it in PostgreSQL, so the "rest is over" ping goes out once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.delivery import keyboard
from bot.formatting import to_html
from coach.conversation import ConversationEngine
from coach.conversation.timers import TimerView

log = logging.getLogger(__name__)

#: How often the countdown message is edited: often enough to feel live, rare enough for
#: Telegram's limits on edits (about one a second per chat).
EDIT_EVERY_SECONDS = 5.0
SWEEP_EVERY_SECONDS = 5.0
#: Share of the bot's sending budget (GAINSLY_TELEGRAM_RATE_LIMIT) countdown edits may use, so
#: many lifters resting at once slow their countdowns down instead of delaying real answers.
EDIT_SHARE_OF_RATE_LIMIT = 1 / 3
#: Without a rate limit (a local Bot API server), a process still edits at most this many
#: countdowns a second: each edit costs a request of the bot's own time.
MAX_EDITS_PER_SECOND = 20.0
#: A countdown message just sent is recorded on its timer within this long (for a restart).
RECORD_WITHIN_SECONDS = 1.0


class RestTimers:
    def __init__(
        self,
        engine: ConversationEngine,
        application: Application,
        *,
        edit_every: float = EDIT_EVERY_SECONDS,
        sweep_every: float = SWEEP_EVERY_SECONDS,
        rate_limit: float = 0,
    ) -> None:
        self.engine = engine
        self.application = application
        self.edit_every = edit_every
        self.sweep_every = sweep_every
        self.edits_per_second = (
            rate_limit * EDIT_SHARE_OF_RATE_LIMIT if rate_limit > 0 else MAX_EDITS_PER_SECOND
        )
        #: When this process next looks at each countdown it follows (loop time). Scheduling
        #: only, not state: after a restart the sweep still finishes every timer.
        self._due: dict[int, float] = {}
        #: Countdown messages sent by this process, not yet recorded on their timers, and when
        #: the oldest of them must be.
        self._sent: dict[int, int] = {}
        self._record_by: float | None = None
        self._wake = asyncio.Event()
        self._looker: asyncio.Task[None] | None = None

    def _pace(self) -> float:
        """Seconds between edits of one countdown: slower when many lifters rest at once."""
        return max(self.edit_every, len(self._due) / self.edits_per_second)

    def start_sweeping(self) -> None:
        """Start the looker and the sweep (after ``application.start()``); ``stop`` ends the looker."""
        jobs = self.application.job_queue
        assert jobs is not None, "python-telegram-bot[job-queue] is required"
        jobs.run_repeating(
            self._sweep, interval=self.sweep_every, first=self.sweep_every, name="rest-timer-sweep"
        )
        self._looker = asyncio.create_task(self._look_when_due(), name="rest-timer-countdowns")

    async def stop(self) -> None:
        if self._looker is not None:
            self._looker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._looker
            self._looker = None

    def follow(self, timer_id: int, *, message_id: int | None = None, within: float | None = None) -> None:
        """Keep the countdown of ``timer_id`` up to date; look again within ``within`` seconds at most
        (the rest left, so its end is not missed). ``message_id``: the countdown just sent."""
        now = asyncio.get_running_loop().time()
        if message_id is not None:
            self._sent[timer_id] = message_id
            if self._record_by is None:
                self._record_by = now + RECORD_WITHIN_SECONDS
        wait = self._pace() if within is None else min(self._pace(), within)
        self._due[timer_id] = now + max(wait, 0.05)
        self._wake.set()

    async def _look_when_due(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            wakes = [*self._due.values(), *([self._record_by] if self._record_by is not None else [])]
            self._wake.clear()
            if not wakes or min(wakes) > now:
                timeout = min(wakes) - now if wakes else None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout)
                continue
            await self._look([timer_id for timer_id, at in self._due.items() if at <= now])

    async def _look(self, due: list[int]) -> None:
        for timer_id in due:
            del self._due[timer_id]
        sent, self._sent, self._record_by = self._sent, {}, None
        try:
            views = await self.engine.timer_views(due, sent=sent)
        except Exception:
            log.exception("rest timers: could not look at %d countdowns; trying again", len(due))
            retry_at = asyncio.get_running_loop().time() + self._pace()
            for timer_id in due:
                self._due.setdefault(timer_id, retry_at)
            self._sent = {**sent, **self._sent}
            if self._sent:
                self._record_by = retry_at
            return
        edits: list[TimerView] = []
        for timer_id in due:
            shown = views.get(timer_id)
            if shown is None or not shown.running or shown.blocked:
                continue
            if shown.remaining <= 0:
                finished = await self.engine.finish_timer(timer_id)
                if finished is not None:
                    await self.ring(finished)
                continue
            edits.append(shown)
            self.follow(timer_id, within=float(shown.remaining))
        await asyncio.gather(*(self._edit(shown) for shown in edits))

    async def _sweep(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        for finished in await self.engine.finish_due_timers():
            await self.ring(finished)

    async def _edit(self, shown: TimerView) -> None:
        if shown.chat_id is None or shown.message_id is None:
            return
        try:
            await self.application.bot.edit_message_text(
                to_html(shown.text),
                chat_id=shown.chat_id,
                message_id=shown.message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(shown.buttons),
            )
        except Forbidden:
            await self.engine.mark_blocked(chat_id=shown.chat_id)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.info("rest timer %s: could not edit its message (%s)", shown.id, exc)
        except TelegramError:
            log.warning("rest timer %s: edit failed", shown.id, exc_info=True)

    async def ring(self, finished: TimerView) -> None:
        """Close the countdown and send the ping as a new message, so the phone buzzes."""
        if finished.blocked or finished.chat_id is None:
            return
        bot = self.application.bot
        try:
            if finished.message_id is not None:
                try:
                    await bot.edit_message_text(
                        "⏱ Rest done ✓", chat_id=finished.chat_id, message_id=finished.message_id
                    )
                except BadRequest:
                    log.debug("rest timer %s: countdown message not editable", finished.id)
            await bot.send_message(finished.chat_id, to_html(finished.text), parse_mode=ParseMode.HTML)
        except Forbidden:
            await self.engine.mark_blocked(chat_id=finished.chat_id)
        except TelegramError:
            log.warning("rest timer %s: could not send the ping", finished.id, exc_info=True)
