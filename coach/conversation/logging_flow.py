"""Quick logs, check-ins and undo: the few keystrokes a lifter types between sets.

A log can come any time — as ``/log …``, as bare text that clearly is a log, even in the
middle of onboarding. After a logged set the rest timer starts (the prescribed rest, or the
lifter's adjustment). An exercise name that could mean two movements is asked back with
buttons; the pending lines wait in ``chat_states`` so any bot process can take the answer.

A log that mentions a pain red flag ("bench 3x5 80, chest pain on the last set") is still
saved — the sets happened and nothing the lifter typed is lost — but the answer leads with
the coach's stop-and-see-a-professional message, without celebrating records or starting
a rest timer that would call them back under the bar.
"""

from __future__ import annotations

from typing import Any

from coach.assistant.safety import red_flags
from coach.conversation import assistant_flow, registry
from coach.conversation.registry import command
from coach.conversation.turn import DAILY, Turn
from coach.logbook.service import Ambiguity, record_log, record_quick_input, undo_last
from coach.persona import Lines
from coach.replies import Reply, RestTimerSpec
from db.enums import PersonaTone as T

PENDING = "log"  # chat_states.data_json key for lines waiting on a "which exercise?" answer

WHAT_TO_LOG: Lines = {
    T.DRILL_SERGEANT: "Log what? Type it: 'bench 3x5 80 @8'. One exercise per line.",
    T.SUPPORTIVE: "What did you do? Type it like 'bench 3x5 80 @8' — one exercise per line works great.",
    T.ANALYTICAL: "Send the sets: exercise, sets×reps, load, optional RPE — e.g. 'bench 3x5 80 @8'. One exercise per line.",
    T.MOTIVATIONAL: "Let's get it on the books! Type it like 'bench 3x5 80 @8'.",
    T.MINIMALIST: "Type it: bench 3x5 80 @8",
}

WHICH_ONE = "Which exercise did you mean by “{line}”?"

#: After the red-flag message: the sets are kept, said plainly (no records, no "next set").
KEPT_ANYWAY: Lines = {
    T.DRILL_SERGEANT: "I've still put your sets on the record:\n{entries}",
    T.SUPPORTIVE: "I've still saved what you did, so nothing is lost:\n{entries}",
    T.ANALYTICAL: "Your sets are recorded regardless:\n{entries}",
    T.MOTIVATIONAL: "Your work is saved — nothing lost:\n{entries}",
    T.MINIMALIST: "Saved:\n{entries}",
}


class LogEntry:
    """``/log`` on its own: the next message is the log."""

    name = "logentry"
    context = DAILY

    async def answer(self, turn: Turn, text: str) -> bool:
        turn.end_flow()
        await record(turn, text)
        return True

    async def ask(self, turn: Turn) -> None:
        turn.say(turn.speak(WHAT_TO_LOG))

    def hint(self, turn: Turn) -> str:
        return "Type your sets, e.g. 'bench 3x5 80 @8'."


LOG_ENTRY = registry.flow(LogEntry())


@command("log", "Log sets: /log bench 3x5 80 @8", before_onboarding=True)
async def log_command(turn: Turn, args: str) -> None:
    turn.context = DAILY
    if not args:
        turn.go(LOG_ENTRY.name, "text")
        await LOG_ENTRY.ask(turn)
        return
    await record(turn, args)


async def record(turn: Turn, text: str, *, note: str | None = None) -> None:
    """Store the log and answer with what was recorded, PRs, questions and the rest timer.

    ``note`` is added under the log's answer (a nudge to finish setting up, say). Pain red
    flags in the text come first: the coach's stop message, then the sets, kept quietly.
    """
    turn.context = DAILY
    red_flag = bool(red_flags(text))
    if red_flag:
        await assistant_flow.ask(turn, text)
    await _save(turn, text, note=None if red_flag else note, red_flag=red_flag)


async def _save(turn: Turn, text: str, *, note: str | None = None, red_flag: bool = False) -> None:
    turn.context = DAILY
    outcome = await record_log(
        turn.repos, turn.deps, turn.user, text, day=turn.today, ask_which=False, catalog=turn.known_catalog
    )
    turn.decided["workout_log_id"] = outcome.workout_log_id
    if outcome.prs:
        turn.decided["prs"] = len(outcome.prs)
    rows = [[turn.button("↩️ Undo", "log", "undo", outcome.workout_log_id)]] if outcome.workout_log_id else []
    answer = outcome.text
    if red_flag and outcome.saved:
        answer = turn.speak(KEPT_ANYWAY, entries="\n".join(f"• {line}" for line in outcome.entries))
    if answer:
        turn.say(f"{answer}\n\n{note}" if note else answer, *rows)
    pending = [
        {"line": a.line, "spec": a.spec, "candidates": list(a.candidates)[:6], "red_flag": red_flag}
        for a in outcome.ambiguities
        if a.candidates
    ]
    if pending:
        turn.data[PENDING] = {"pending": pending}
        _ask_which(turn)
    if outcome.rest_seconds and not red_flag:
        turn.replies.append(Reply(timer=RestTimerSpec(int(outcome.rest_seconds), outcome.resting_from)))


def _ask_which(turn: Turn) -> None:
    pending: list[dict[str, Any]] = turn.data.get(PENDING, {}).get("pending", [])
    if not pending:
        turn.data.pop(PENDING, None)
        return
    first = pending[0]
    options = [turn.button(name, "log", "pick", index) for index, name in enumerate(first["candidates"])]
    turn.say(
        WHICH_ONE.format(line=first["line"]),
        *[options[i : i + 2] for i in range(0, len(options), 2)],
        [turn.button("Skip this line", "log", "skip")],
    )


@registry.buttons("log")
async def _log_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = DAILY
    if args[:1] == ("undo",):
        workout_log_id = int(args[1]) if len(args) == 2 and args[1].isdigit() else None
        turn.say(await undo_last(turn.repos, turn.deps, turn.user, workout_log_id=workout_log_id), edit=False)
        turn.decided["undo"] = workout_log_id or True
        return
    pending: list[dict[str, Any]] = turn.data.get(PENDING, {}).get("pending", [])
    if not pending:
        turn.notice("That question is already settled.")
        return
    first = pending.pop(0)
    turn.data[PENDING] = {"pending": pending}
    if (
        args[:1] == ("pick",)
        and len(args) == 2
        and args[1].isdigit()
        and int(args[1]) < len(first["candidates"])
    ):
        chosen = first["candidates"][int(args[1])]
        turn.say(f"✓ {chosen}", edit=True)
        line = Ambiguity(first["line"], tuple(first["candidates"]), first["spec"]).with_choice(chosen)
        await _save(turn, line, red_flag=bool(first.get("red_flag")))
        if PENDING in turn.data and turn.data[PENDING].get("pending") != pending:
            return  # the re-submitted line raised questions of its own; they were asked
    else:
        turn.say(f"Skipped “{first['line']}”.", edit=True)
    _ask_which(turn)


@command("undo", "Take back the last log", before_onboarding=True)
async def undo(turn: Turn, args: str) -> None:
    turn.context = DAILY
    turn.say(await undo_last(turn.repos, turn.deps, turn.user))
    turn.decided["undo"] = True


async def quick_input(turn: Turn, text: str) -> bool:
    """Record soreness, readiness or an activity; ``False`` if the text is none of those."""
    outcome = await record_quick_input(turn.repos, turn.deps, turn.user, text, day=turn.today)
    if outcome is None:
        return False
    turn.context = DAILY
    turn.say(outcome.text)
    turn.decided["quick_input"] = outcome.kind
    return True
