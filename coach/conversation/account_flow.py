"""/export and /deleteme: the lifter's data is theirs — to take away, or to erase."""

from __future__ import annotations

import json

from coach.conversation import registry
from coach.conversation.registry import command
from coach.conversation.turn import FREE_CHAT, Turn
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

CONFIRM_DELETE = (
    "This deletes everything I know about you: your programs, every logged set and PR, check-ins, goals, "
    "settings and our conversations. It can't be undone. (/export first if you want a copy.)\n\n"
    "Delete it all?"
)
DELETED = "Done. Everything is deleted — there's nothing left of you on my side. If you ever want to start again, send /start."


@command("export", "Download all your data (JSON)", before_onboarding=True)
async def export(turn: Turn, args: str) -> None:
    turn.context = FREE_CHAT
    document = await turn.repos.account.export(turn.user.id)
    content = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()
    sections = [value for value in document.values() if isinstance(value, list)]
    filename = f"gainsly-export-{turn.today.isoformat()}.json"
    caption = turn.speak(EXPORTED, tables=len(sections), rows=sum(len(s) for s in sections))
    turn.replies.append(Reply(text=caption, document=Document(filename, content, caption)))
    turn.decided["export"] = {"bytes": len(content)}


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
    if args == ("del", "yes"):
        await turn.repos.account.delete(turn.user.id)
        turn.erased = True
        turn.replies.clear()
        turn.say(DELETED, edit=True)
    else:
        turn.say("Good — nothing was deleted.", edit=True)
