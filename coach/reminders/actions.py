"""What the reminder buttons do (callback action ``rem``), for the conversation engine to route.

Every button names the day its reminder was about. "Start" and "View" always show today's
session (an old reminder still gets you to today's work); "Move" and "Skip" only change the
day they were sent for, and only on that day: yesterday's "skip" must not skip today.
"""

from __future__ import annotations

import datetime as dt

from coach.callbacks import Callback
from coach.clock import local_today
from coach.deps import CoachDeps
from coach.persona import speak
from coach.reminders import lines
from coach.reminders.content import ACTION, MOVE, SKIP, START, VIEW, metric, session_buttons
from coach.render import session_text
from coach.replies import Reply
from coach.today.service import adjust_today, today
from db.models import User
from db.repositories import Repositories


def _day(raw: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        return None


async def handle_callback(
    repos: Repositories, deps: CoachDeps, user: User, callback: Callback
) -> list[Reply]:
    """The replies to a pressed reminder button (already verified as this lifter's)."""
    verb, day = (callback.args[0], _day(callback.args[1])) if len(callback.args) == 2 else ("", None)
    if callback.action != ACTION or day is None or verb not in (START, VIEW, MOVE, SKIP):
        return [Reply(text=lines.EXPIRED_BUTTON)]
    tone = user.persona_tone
    current = local_today(user.timezone, deps.clock.now())
    if verb in (MOVE, SKIP):
        if day != current:
            return [Reply(text=speak(tone, lines.STALE_BUTTON, day=f"{day:%a %d %b}"))]
        result = await today(repos, deps, user, current)
        if result.session is None:
            return [Reply(text=speak(tone, lines.NO_SESSION_TODAY), edit=True)]
        if verb == SKIP:
            await adjust_today(repos, deps, user, current, "skip")
            return [Reply(text=speak(tone, lines.SKIPPED), edit=True)]
        moved = await adjust_today(repos, deps, user, current, "move")
        return [Reply(text=speak(tone, lines.MOVED, detail=" ".join(moved.reasons)), edit=True)]
    result = await today(repos, deps, user, current)
    if result.session is None:
        return [Reply(text=speak(tone, lines.NO_SESSION_TODAY))]
    text = session_text(result.session, metric=metric(user), tone=tone)
    if verb == START:
        return [Reply(text=text), Reply(text=speak(tone, lines.START_HINT))]
    return [Reply(text=text, buttons=session_buttons(deps, user, current, view=False))]
