"""The rest timer between sets: its countdown text, its buttons, and the ping when rest is over.

A transport that can edit messages (Telegram) shows a countdown message with −15 s / +15 s /
+30 s / stop buttons and edits it as it counts down; the timer lives in ``rest_timers`` so a
restart, or another bot process, can still finish it and send the ping exactly once.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from coach import callbacks
from coach.conversation import registry
from coach.conversation.turn import DAILY, Turn
from coach.persona import Lines, speak
from coach.replies import Button
from db.enums import PersonaTone
from db.enums import PersonaTone as T
from db.models import RestTimer
from db.repositories.rest_timers import RUNNING

ADJUSTMENTS = {"-15": -15, "+15": 15, "+30": 30}
MAX_REST_SECONDS = 15 * 60

REST_OVER: Lines = {
    T.DRILL_SERGEANT: "⏰ Rest's over{label}! Back under the bar — now!",
    T.SUPPORTIVE: "⏰ Rest's over{label} — ready for the next set when you are. You've got this!",
    T.ANALYTICAL: "⏰ {seconds} s of rest complete{label}. Next set: hold the target RPE.",
    T.MOTIVATIONAL: "⏰ Rest's done{label}! Next set — let's make it the best one yet!",
    T.MINIMALIST: "⏰ Rest over{label}. Next set.",
}

STOPPED: Lines = {
    T.DRILL_SERGEANT: "Timer stopped. Don't get comfortable.",
    T.SUPPORTIVE: "Timer stopped — go whenever you're ready.",
    T.ANALYTICAL: "Timer stopped at {elapsed} s of rest.",
    T.MOTIVATIONAL: "Timer off — you're ready, go get it!",
    T.MINIMALIST: "Timer stopped.",
}


@dataclass(frozen=True)
class TimerView:
    """What a transport shows for one timer right now."""

    id: int
    user_id: int
    chat_id: int | None
    message_id: int | None
    status: str
    remaining: int
    text: str
    buttons: tuple[tuple[Button, ...], ...]
    tone: PersonaTone
    #: The lifter blocked the bot: nothing is sent to them.
    blocked: bool = False

    @property
    def running(self) -> bool:
        return self.status == RUNNING


def remaining_seconds(timer: RestTimer, now: dt.datetime) -> int:
    return max(0, math.ceil((timer.ends_at - now).total_seconds()))


def countdown_text(timer: RestTimer, now: dt.datetime) -> str:
    remaining = remaining_seconds(timer, now)
    total = max(timer.duration_seconds, 1)
    filled = round(10 * (total - remaining) / total)
    minutes, seconds = divmod(remaining, 60)
    label = f" — {timer.label}" if timer.label else ""
    return f"⏱ Rest {minutes}:{seconds:02d}{label}\n{'▰' * filled}{'▱' * (10 - filled)}"


def timer_buttons(secret: bytes, user_id: int, timer_id: int) -> tuple[tuple[Button, ...], ...]:
    def button(label: str, op: str) -> Button:
        return Button(label, callbacks.sign(secret, user_id, "tmr", op, timer_id))

    return (
        (button("−15 s", "-15"), button("+15 s", "+15"), button("+30 s", "+30")),
        (button("⏹ Stop", "stop"),),
    )


def view(timer: RestTimer, *, secret: bytes, tone: PersonaTone, now: dt.datetime, blocked: bool) -> TimerView:
    running = timer.status == RUNNING
    if running:
        text, buttons = countdown_text(timer, now), timer_buttons(secret, timer.user_id, timer.id)
    else:
        label = f" ({timer.label})" if timer.label else ""
        text, buttons = speak(tone, REST_OVER, label=label, seconds=timer.duration_seconds), ()
    return TimerView(
        timer.id,
        timer.user_id,
        timer.chat_id,
        timer.message_id,
        timer.status,
        remaining_seconds(timer, now) if running else 0,
        text,
        buttons,
        tone,
        blocked,
    )


@registry.buttons("tmr")
async def _timer_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = DAILY
    if len(args) != 2 or not args[1].isdigit():
        return
    op, timer_id = args[0], int(args[1])
    timer = await turn.repos.timers.get(timer_id, turn.user.id)
    if timer is None or timer.status != RUNNING or remaining_seconds(timer, turn.now) == 0:
        turn.notice("That rest timer has already finished.")
        return
    if op == "stop":
        elapsed = timer.duration_seconds - remaining_seconds(timer, turn.now)
        await turn.repos.timers.cancel(timer)
        turn.say(turn.speak(STOPPED, elapsed=elapsed), edit=True)
        turn.decided["timer"] = "stopped"
        return
    if op not in ADJUSTMENTS:
        return
    delta = ADJUSTMENTS[op]
    if delta > 0 and remaining_seconds(timer, turn.now) + delta > MAX_REST_SECONDS:
        turn.notice("That's a long rest already — 15 minutes is the most I'll count.")
        return
    await turn.repos.timers.shift(timer, delta, turn.now)
    turn.decided["timer"] = op
    turn.say(
        countdown_text(timer, turn.now),
        *timer_buttons(turn.deps.callback_secret, turn.user.id, timer.id),
        edit=True,
        extra={"timer_id": timer.id},
    )
