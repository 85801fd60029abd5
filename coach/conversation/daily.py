"""/today, /week and /program: the session of the day with its buttons, the week, the program.

Today's buttons carry the session (or the day) they were shown for, so a press on yesterday's
message never changes today's plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coach.conversation import registry
from coach.conversation.onboarding import PROFILE_EDIT
from coach.conversation.profiles import build_program
from coach.conversation.registry import command
from coach.conversation.turn import DAILY, PROGRAM_SETUP, Turn
from coach.errors import InvalidInput
from coach.goals.service import program_ends_soon
from coach.logbook.service import complete_planned
from coach.persona import Lines
from coach.planning.swap import swap_exercise, swap_options
from coach.profile import Profile
from coach.render import program_overview_text, session_text, week_text
from coach.replies import Button
from coach.today.service import adjust_today, today
from db.enums import PersonaTone as T

REST_DAY: Lines = {
    T.DRILL_SERGEANT: "No session today. Recover like it's your job — eat, sleep, walk.",
    T.SUPPORTIVE: "Today is a rest day — recovery is where the progress happens. Enjoy it!",
    T.ANALYTICAL: "Rest day: no training planned. Sleep and protein drive today's adaptation.",
    T.MOTIVATIONAL: "Rest day! Recharge — tomorrow you come back stronger.",
    T.MINIMALIST: "Rest day.",
}

NO_PROGRAM = "You don't have a program yet — /start builds one in a couple of minutes."

ADJUSTMENTS = {
    "easy": "😣 Too sore",
    "reduce": "🔋 Low energy",
    "move": "📅 Move it",
    "skip": "😴 Rest today",
}


def _day_arg(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _parse_day(raw: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        return None


def _today_buttons(turn: Turn, session_id: int, day: dt.date) -> list[list[Button]]:
    b, d = turn.button, _day_arg(day)
    return [
        [
            b("✅ Done as planned", "today", "done", session_id),
            b("✏️ Done, with changes", "today", "changed", session_id),
        ],
        [b("🔁 Swap an exercise", "today", "swap", session_id)],
        [
            b(ADJUSTMENTS["easy"], "today", "adj", "easy", d),
            b(ADJUSTMENTS["reduce"], "today", "adj", "reduce", d),
        ],
        [
            b(ADJUSTMENTS["move"], "today", "adj", "move", d),
            b(ADJUSTMENTS["skip"], "today", "adj", "skip", d),
        ],
    ]


async def show_today(turn: Turn, *, edit: bool = False) -> None:
    turn.context = DAILY
    if await turn.repos.programs.active(turn.user.id) is None:
        turn.say(NO_PROGRAM)
        return
    result = await today(turn.repos, turn.deps, turn.user, turn.today)
    turn.decided["today"] = {"decision": result.decision, "reasons": list(result.reasons)}
    if result.session is None:
        parts = [result.text or turn.speak(REST_DAY)]
        if result.activities:
            parts.append("Planned for fun: " + ", ".join(result.activities))
        turn.say("\n".join(parts), edit=edit)
        return
    text = session_text(result.session, metric=turn.metric, tone=turn.tone)
    if result.text and result.decision != "keep":
        text = f"{result.text}\n\n{text}"
    turn.say(text, *_today_buttons(turn, result.session.id, result.date), edit=edit)


@command("today", "Today's session, adapted to how you feel")
async def today_command(turn: Turn, args: str) -> None:
    await show_today(turn)


async def _owned_session(turn: Turn, raw: str) -> Any:
    return await turn.repos.programs.owned_session(turn.user.id, int(raw)) if raw.isdigit() else None


@registry.buttons("today")
async def _today_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = DAILY
    action = args[0] if args else "show"
    if action == "show":
        await show_today(turn)
    elif action == "done" and len(args) == 2:
        await _done(turn, args[1])
    elif action == "changed" and len(args) == 2:
        await _changed(turn, args[1])
    elif action == "skipx" and len(args) == 3:
        await _toggle_skipped(turn, args[1], args[2])
    elif action == "save" and len(args) == 2:
        await _save_changed(turn, args[1])
    elif action == "swap" and len(args) == 2:
        await _swap_menu(turn, args[1])
    elif action == "sx" and len(args) == 2:
        await _swap_choices(turn, args[1])
    elif action == "sw" and len(args) == 3:
        await _swap(turn, args[1], args[2])
    elif action == "adj" and len(args) == 3:
        await _adjust(turn, args[1], args[2])
    else:
        await show_today(turn)


async def _done(turn: Turn, session_arg: str) -> None:
    session = await _owned_session(turn, session_arg)
    if session is None:
        turn.notice("That session isn't in your plan any more.")
        return
    outcome = await complete_planned(turn.repos, turn.deps, turn.user, session.id, True)
    turn.decided["workout_log_id"] = outcome.workout_log_id
    rows = [[turn.button("↩️ Undo", "log", "undo", outcome.workout_log_id)]] if outcome.workout_log_id else []
    turn.say(outcome.text, *rows)


async def _changed(turn: Turn, session_arg: str) -> None:
    session = await _owned_session(turn, session_arg)
    if session is None:
        turn.notice("That session isn't in your plan any more.")
        return
    outcome = await complete_planned(turn.repos, turn.deps, turn.user, session.id, False)
    if outcome.saved:  # already recorded by button earlier today
        turn.say(outcome.text)
        return
    turn.data["done"] = {"session": session.id, "skipped": []}
    await _show_changed(turn, session.id, outcome)


async def _show_changed(turn: Turn, session_id: int, outcome: Any, *, edit: bool = False) -> None:
    skipped = set(turn.data.get("done", {}).get("skipped", []))
    rows = [
        [turn.button(("☐ skipped " if item.session_exercise_id in skipped else "☑ did ") + item.movement,
                     "today", "skipx", session_id, item.session_exercise_id)]
        for item in outcome.planned
        if not item.already_logged
    ]  # fmt: skip
    turn.say(
        outcome.text
        + "\n\nTap an exercise you skipped, then save — or copy the lines above, change the numbers and send them.",
        *rows,
        [turn.button("💾 Save", "today", "save", session_id)],
        edit=edit,
    )


async def _toggle_skipped(turn: Turn, session_arg: str, exercise_arg: str) -> None:
    state = turn.data.get("done", {})
    if not exercise_arg.isdigit() or str(state.get("session")) != session_arg:
        turn.notice("That list is out of date — tap “Done, with changes” again.")
        return
    skipped: list[int] = list(state.get("skipped", []))
    exercise_id = int(exercise_arg)
    skipped = [s for s in skipped if s != exercise_id] if exercise_id in skipped else [*skipped, exercise_id]
    turn.data["done"] = {**state, "skipped": skipped}
    outcome = await complete_planned(turn.repos, turn.deps, turn.user, int(session_arg), False)
    await _show_changed(turn, int(session_arg), outcome, edit=True)


async def _save_changed(turn: Turn, session_arg: str) -> None:
    state = turn.data.pop("done", {})
    session = await _owned_session(turn, session_arg)
    if session is None or str(state.get("session")) != session_arg:
        turn.notice("That list is out of date — tap “Done, with changes” again.")
        return
    done_sets = {int(e): 0 for e in state.get("skipped", [])}
    outcome = await complete_planned(turn.repos, turn.deps, turn.user, session.id, False, done_sets=done_sets)
    turn.decided["workout_log_id"] = outcome.workout_log_id
    rows = [[turn.button("↩️ Undo", "log", "undo", outcome.workout_log_id)]] if outcome.workout_log_id else []
    turn.say(outcome.text, *rows, edit=True)


async def _swap_menu(turn: Turn, session_arg: str) -> None:
    session = await _owned_session(turn, session_arg)
    if session is None:
        turn.notice("That session isn't in your plan any more.")
        return
    catalog = turn.deps.catalog
    rows = []
    for exercise in sorted(session.exercises, key=lambda e: e.order_in_session):
        movement = catalog.by_id(exercise.movement_id)
        if exercise.substitution_allowed and movement is not None:
            rows.append([turn.button(movement.name, "today", "sx", exercise.id)])
    if not rows:
        turn.say("Nothing in this session can be swapped.")
        return
    turn.say("Which exercise do you want to swap?", *rows, [turn.button("‹ Back", "today", "show")])


async def _swap_choices(turn: Turn, exercise_arg: str) -> None:
    if not exercise_arg.isdigit():
        return
    options = await swap_options(turn.repos, turn.deps, turn.user, int(exercise_arg))
    if not options:
        turn.say("I have no good replacement for that one with your equipment and rules.")
        return
    rows = [[turn.button(m.name, "today", "sw", exercise_arg, m.id)] for m in options if m.id is not None]
    turn.say("Swap it for:", *rows, [turn.button("‹ Back", "today", "show")], edit=True)


async def _swap(turn: Turn, exercise_arg: str, movement_arg: str) -> None:
    movement = turn.deps.catalog.by_id(int(movement_arg)) if movement_arg.isdigit() else None
    if movement is None or not exercise_arg.isdigit():
        turn.notice("That option is no longer available.")
        return
    await swap_exercise(turn.repos, turn.deps, turn.user, int(exercise_arg), movement.name)
    turn.decided["swapped"] = {"session_exercise_id": int(exercise_arg), "to": movement.name}
    turn.say(f"✓ Swapped in {movement.name}.", edit=True)
    await show_today(turn)


async def _adjust(turn: Turn, action: str, day_arg: str) -> None:
    day = _parse_day(day_arg)
    if day != turn.today or action not in ADJUSTMENTS:
        turn.notice(f"That button was for {day:%a %-d %b} — here's today instead." if day else "Old button.")
        await show_today(turn)
        return
    result = await adjust_today(turn.repos, turn.deps, turn.user, turn.today, action)
    turn.decided["adjusted"] = action
    if result.session is None:
        turn.say(result.text or turn.speak(REST_DAY), edit=True)
        return
    text = session_text(result.session, metric=turn.metric, tone=turn.tone)
    if result.text:
        text = f"{result.text}\n\n{text}"
    turn.say(text, *_today_buttons(turn, result.session.id, result.date), edit=True)


@command("week", "This week's plan")
async def week_command(turn: Turn, args: str) -> None:
    turn.context = DAILY
    program = await turn.repos.programs.active(turn.user.id)
    if program is None:
        turn.say(NO_PROGRAM)
        return
    monday = turn.today - dt.timedelta(days=turn.today.weekday())
    sessions = await turn.repos.programs.sessions(program.id, start=monday, end=monday + dt.timedelta(days=6))
    turn.say(
        week_text(sessions, metric=turn.metric, tone=turn.tone), [turn.button("📋 Today", "today", "show")]
    )


@command("program", "Your program: overview, new variation, days or goals")
async def program_command(turn: Turn, args: str) -> None:
    turn.context = PROGRAM_SETUP
    program = await turn.repos.programs.active(turn.user.id)
    if program is None:
        turn.say(NO_PROGRAM)
        return
    rows = [
        [turn.button("🔁 New variation", "prog", "regen"), turn.button("📅 Change days", "prog", "days")],
        [turn.button("🎯 Change goals", "prog", "goals"), turn.button("⏱ Session length", "prog", "min")],
    ]
    if program_ends_soon(program, turn.today):
        rows.append([turn.button("➡️ Plan my next program", "goals", "next")])
    turn.say(program_overview_text(program), *rows)


@registry.buttons("prog")
async def _program_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = PROGRAM_SETUP
    action = args[0] if args else ""
    if action in ("days", "goals", "min"):
        await PROFILE_EDIT.start(turn, action)
    elif action == "regen":
        turn.say(
            "Build a fresh variation of your program from today? Same goals and settings, different exercise "
            "picks. Your logs and PRs stay.",
            [turn.button("🔁 Yes, rebuild", "prog", "regen!"), turn.button("Keep it", "prog", "keep")],
            edit=True,
        )
    elif action == "regen!":
        program = await turn.repos.programs.active(turn.user.id)
        if program is None or not program.profile_json:
            turn.say(NO_PROGRAM)
            return
        try:
            profile = Profile.parse(program.profile_json)
        except InvalidInput:
            turn.say("Your program was made from answers I can't reuse — /settings lets you change them.")
            return
        fresh = await build_program(turn, profile, seed=program.seed + 1)
        if fresh is None:
            return
        turn.decided["program_id"] = fresh.id
        turn.say("✓ Rebuilt.", edit=True)
        turn.say(program_overview_text(fresh), [turn.button("📋 Today's session", "today", "show")])
    else:
        turn.say("Okay — your program stays as it is.", edit=True)
