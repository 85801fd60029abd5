"""/progress and /history: strength trends with a chart, and the latest workouts."""

from __future__ import annotations

from coach.conversation.registry import command
from coach.conversation.turn import DAILY, Turn
from coach.progress import history_text, report
from coach.replies import Image, Reply


@command("progress", "Strength trends and a chart")
async def progress_command(turn: Turn, args: str) -> None:
    turn.context = DAILY
    result = await report(turn.repos, turn.deps, turn.user, day=turn.today)
    turn.say(result.text)
    if result.chart_png:
        turn.replies.append(Reply(image=Image(result.chart_png, caption="e1RM trend")))


@command("history", "Your latest workouts (/history bench for one lift)")
async def history_command(turn: Turn, args: str) -> None:
    turn.context = DAILY
    turn.say(await history_text(turn.repos, turn.deps, turn.user, day=turn.today, movement=args or None))
