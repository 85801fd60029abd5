"""Live rest timers: the countdown message edited as it counts down, and the ping at the end.

The process that sent the countdown follows it with a chain of short jobs (every few
seconds, or exactly at the end); every process also sweeps for timers that are due but were
left behind (a restart, a crash). Whoever finishes a timer first claims it in PostgreSQL,
so the "rest is over" ping goes out once.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes, Job

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
#: countdowns a second: each edit costs a transaction and a request of the bot's own time.
MAX_EDITS_PER_SECOND = 20.0


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
        #: The next countdown job of each timer this process follows (scheduling only, not state:
        #: after a restart the sweep still finishes every timer).
        self._jobs: dict[int, Job[Any]] = {}

    def _pace(self) -> float:
        """Seconds between edits of one countdown: slower when many lifters rest at once."""
        return max(self.edit_every, len(self._jobs) / self.edits_per_second)

    def start_sweeping(self) -> None:
        jobs = self.application.job_queue
        assert jobs is not None, "python-telegram-bot[job-queue] is required"
        jobs.run_repeating(
            self._sweep, interval=self.sweep_every, first=self.sweep_every, name="rest-timer-sweep"
        )

    def follow(self, timer_id: int, *, message_id: int | None = None, after: float | None = None) -> None:
        """Keep the countdown of ``timer_id`` up to date; ``message_id`` is stored at the first tick."""
        jobs = self.application.job_queue
        assert jobs is not None
        previous = self._jobs.pop(timer_id, None)
        if previous is not None:
            previous.schedule_removal()
        wait = self._pace() if after is None else after
        self._jobs[timer_id] = jobs.run_once(
            self._tick, when=max(wait, 0.05), data=(timer_id, message_id), name=f"rest-timer-{timer_id}"
        )

    async def _tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        timer_id, message_id = context.job.data  # type: ignore[union-attr, misc]
        self._jobs.pop(timer_id, None)
        shown = await self.engine.timer_view(timer_id, message_id=message_id)
        if shown is None or not shown.running or shown.blocked:
            return
        if shown.remaining <= 0:
            finished = await self.engine.finish_timer(timer_id)
            if finished is not None:
                await self.ring(finished)
            return
        await self._edit(shown)
        self.follow(timer_id, after=min(self._pace(), float(shown.remaining)))

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
