"""Files sent to the coach: a CSV export from Strong or Hevy is imported; anything else is declined."""

from __future__ import annotations

from coach.conversation.turn import DAILY, Turn
from coach.logbook.csv_io import import_csv

MAX_IMPORT_BYTES = 2_000_000


async def receive(turn: Turn) -> None:
    document = turn.incoming.document
    assert document is not None
    turn.context = DAILY
    name = document.filename.lower()
    if not name.endswith(".csv"):
        turn.say(
            "I can import workout history from a CSV export of Strong or Hevy. "
            f"“{document.filename[:80]}” isn't one — /export gives you your data back (all of it as JSON, "
            "or your workout log as a CSV)."
        )
        return
    if len(document.content) > MAX_IMPORT_BYTES:
        turn.say("That file is too big for me to import in one go (2 MB max). Could you split it by year?")
        return
    report = await import_csv(turn.repos, turn.deps, turn.user, document.content, filename=document.filename)
    turn.decided["import"] = {"file": document.filename, "workouts": report.workouts, "sets": report.sets}
    turn.say(report.text)
