"""Files sent to the coach: a CSV of past workouts is imported; anything else is politely declined."""

from __future__ import annotations

from coach.conversation.turn import Turn

MAX_IMPORT_BYTES = 2_000_000


async def receive(turn: Turn) -> None:
    document = turn.incoming.document
    assert document is not None
    name = document.filename.lower()
    if not name.endswith(".csv"):
        turn.say(
            "I can import workout history from a CSV file (date, exercise, weight, reps, RPE). "
            f"“{document.filename[:80]}” isn't one — /export gives you everything I have as JSON."
        )
        return
    if len(document.content) > MAX_IMPORT_BYTES:
        turn.say("That file is too big for me to import in one go (2 MB max). Could you split it by year?")
        return
    from coach.logbook.csv_io import import_csv

    text = document.content.decode("utf-8-sig", errors="replace")
    outcome = await import_csv(turn.repos, turn.deps, turn.user, text)
    turn.decided["import"] = document.filename
    turn.say(str(getattr(outcome, "text", outcome)))
