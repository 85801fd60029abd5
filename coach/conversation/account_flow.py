"""/export and /deleteme: the lifter's data is theirs — to take away, or to erase.

/export offers two files: everything the coach holds (JSON, every table that is theirs) and
the workout log alone in Strong's CSV layout, which Strong, Hevy and spreadsheets read.
"""

from __future__ import annotations

import json

from coach.conversation import registry
from coach.conversation.registry import command
from coach.conversation.turn import FREE_CHAT, Turn
from coach.logbook.csv_io import export_csv
from coach.persona import Lines
from coach.replies import Document, Reply
from db.enums import PersonaTone as T

EXPORTED: Lines = {
    T.DRILL_SERGEANT: "Here's your file. Every rep you've logged, on the record.",
    T.SUPPORTIVE: "Here's everything I have about you, as a JSON file — it's yours to keep.",
    T.ANALYTICAL: "Full export attached: every table that holds your data, as JSON ({tables} sections, {rows} rows).",
    T.MOTIVATIONAL: "Your whole journey so far, in one file! Keep it safe — there's more to come.",
    T.MINIMALIST: "Your data.",
}

EXPORTED_CSV: Lines = {
    T.DRILL_SERGEANT: "Your log: {workouts} workouts, {sets} sets. Every one of them earned.",
    T.SUPPORTIVE: "Here's your workout log — {workouts} workouts, {sets} sets — as a Strong-style CSV. Strong, Hevy or any spreadsheet can open it.",
    T.ANALYTICAL: "Workout log attached in Strong's CSV layout: {workouts} workouts, {sets} sets.",
    T.MOTIVATIONAL: "{workouts} workouts, {sets} sets — your log, ready for any app or spreadsheet!",
    T.MINIMALIST: "Your log (CSV).",
}
NOTHING_LOGGED = "There's no workout in your log yet, so there's nothing to put in a CSV. Log a set (like 'bench 3x5 80') and try again."
WHICH_EXPORT = "What would you like to take away?"
#: What /export accepts typed after it, besides the buttons.
EXPORT_KINDS = {"json": "json", "all": "json", "data": "json", "csv": "csv", "log": "csv", "strong": "csv"}

CONFIRM_DELETE = (
    "This deletes everything I know about you: your programs, every logged set and PR, check-ins, goals, "
    "settings and our conversations. It can't be undone. (/export first if you want a copy.)\n\n"
    "Delete it all?"
)
DELETED = "Done. Everything is deleted — there's nothing left of you on my side. If you ever want to start again, send /start."


@command("export", "Export your data: all of it (JSON) or your workout log (CSV)", before_onboarding=True)
async def export(turn: Turn, args: str) -> None:
    turn.context = FREE_CHAT
    kind = EXPORT_KINDS.get(args.strip().lower())
    if kind is not None:
        await _export(turn, kind)
        return
    turn.say(
        WHICH_EXPORT,
        [turn.button("🗂 All my data (JSON)", "acct", "exp", "json")],
        [turn.button("🏋️ Workout log (Strong CSV)", "acct", "exp", "csv")],
    )


async def _export(turn: Turn, kind: str) -> None:
    if kind == "csv":
        exported = await export_csv(turn.repos, turn.deps, turn.user)
        turn.decided["export"] = {"format": "csv", "workouts": exported.workouts, "sets": exported.sets}
        if not exported.workouts:
            turn.say(NOTHING_LOGGED)
            return
        caption = turn.speak(EXPORTED_CSV, workouts=exported.workouts, sets=exported.sets)
        document = Document(exported.filename, exported.content, caption)
    else:
        data = await turn.repos.account.export(turn.user.id)
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        sections = [value for value in data.values() if isinstance(value, list)]
        caption = turn.speak(EXPORTED, tables=len(sections), rows=sum(len(s) for s in sections))
        document = Document(f"gainsly-export-{turn.today.isoformat()}.json", content, caption)
        turn.decided["export"] = {"format": "json", "bytes": len(content)}
    turn.replies.append(Reply(text=caption, document=document))


@command("deleteme", "Delete all your data", before_onboarding=True)
async def delete_me(turn: Turn, args: str) -> None:
    turn.context = FREE_CHAT
    turn.say(
        CONFIRM_DELETE,
        [turn.button("🗑 Yes, delete everything", "acct", "del", "yes")],
        [turn.button("No, keep my data", "acct", "del", "no")],
    )


@registry.buttons("acct")
async def _account_button(turn: Turn, args: tuple[str, ...]) -> None:
    if args[:1] == ("exp",):
        turn.context = FREE_CHAT
        await _export(turn, "csv" if args[1:] == ("csv",) else "json")
        return
    if args == ("del", "yes"):
        await turn.repos.account.delete(turn.user.id)
        turn.erased = True
        turn.replies.clear()
        turn.say(DELETED, edit=True)
    else:
        turn.say("Good — nothing was deleted.", edit=True)
