"""/goals: long-term goals (a lift, body weight, a habit, an event, a skill), check-ins, the next program.

A goal is set in two taps and one typed line ("bench 120", "75 from 82", "4 a week for 12
weeks"); the coach measures strength and habit goals from the logbook on its own, the
others from check-ins.
"""

from __future__ import annotations

import re
from typing import Any

from coach.conversation import parsing, registry
from coach.conversation.registry import command
from coach.conversation.turn import CHECK_IN, PROGRAM_SETUP, Turn
from coach.errors import InvalidInput
from coach.goals.service import check_in, goals_text, propose_next_program, set_goal, start_next_program
from coach.goals.targets import parse_target
from coach.planning.rules import find_movement
from coach.planning.service import lifter_catalog
from db.enums import GoalStatus, GoalType

NAMESPACE = "goals"
LB = 0.45359237

KINDS: dict[GoalType, tuple[str, str]] = {
    GoalType.STRENGTH_1RM: ("🏋️ Lift a weight", "Which lift and what one-rep max? e.g. 'bench 120' or 'squat 150 by 2026-12-31'."),
    GoalType.BODY_COMPOSITION: ("⚖️ Body weight", "Your target weight, and where you start: e.g. '75 from 82'. ('body fat 15' or 'waist 80' work too.)"),
    GoalType.HABIT_CONSISTENCY: ("📅 Train consistently", "How many sessions a week, for how many weeks? e.g. '4 a week for 12 weeks'."),
    GoalType.ENDURANCE_EVENT: ("🏁 An event", "Which event and when? e.g. 'half marathon 21k on 2026-10-04'."),
    GoalType.SKILL_ACQUISITION: ("🤸 A skill", "Which skill? e.g. 'first strict pull-up' or 'pistol squat'."),
}  # fmt: skip

_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", ".")) for n in _NUMBER.findall(_DATE.sub(" ", text))]


def _target(kind: GoalType, text: str, metric: bool) -> dict[str, Any]:
    """What the lifter typed as the ``target_json`` of a goal of this kind (validated later)."""
    by = _DATE.search(text)
    target: dict[str, Any] = {"by": by.group(1)} if by else {}
    numbers = _numbers(text)
    words = _NUMBER.sub(" ", _DATE.sub(" ", text)).replace(" by ", " ").strip(" ,.-")
    if kind == GoalType.STRENGTH_1RM:
        if not numbers:
            raise InvalidInput("Give the weight too, e.g. 'bench 120'.")
        kilos = numbers[0] if metric and "lb" not in text.lower() else numbers[0] * LB
        target |= {
            "movement": re.sub(r"\b(kg|kgs|lb|lbs|for|to|of)\b", " ", words).strip(),
            "target_kg": round(kilos, 1),
        }
    elif kind == GoalType.BODY_COMPOSITION:
        lowered = text.lower()
        metric_name = (
            "body_fat_percent"
            if "fat" in lowered or "%" in lowered
            else "waist_cm"
            if "waist" in lowered
            else "bodyweight_kg"
        )
        if not numbers:
            raise InvalidInput("Give a number, e.g. '75 from 82'.")
        convert = LB if metric_name == "bodyweight_kg" and (not metric or "lb" in lowered) else 1.0
        target |= {"metric": metric_name, "target": round(numbers[0] * convert, 1)}
        if "from" in lowered and len(numbers) > 1:
            target["start"] = round(numbers[1] * convert, 1)
    elif kind == GoalType.HABIT_CONSISTENCY:
        if not numbers:
            raise InvalidInput("Say how many sessions a week, e.g. '4 a week for 12 weeks'.")
        target |= {"sessions_per_week": int(numbers[0]), "weeks": int(numbers[1]) if len(numbers) > 1 else 12}
    elif kind == GoalType.ENDURANCE_EVENT:
        distance = re.search(r"(\d+(?:[.,]\d+)?)\s*(k|km)\b", text.lower())
        target |= {
            "event": re.sub(r"\bon\b", " ", words).strip() or text.strip(),
            "date": by.group(1) if by else None,
        }
        if distance:
            target["distance_km"] = float(distance.group(1).replace(",", "."))
    else:
        target |= {"skill": text.strip()}
    return target


class GoalInput:
    """The one typed line a new goal or a check-in needs."""

    name = "goals"
    context = CHECK_IN

    async def answer(self, turn: Turn, text: str) -> bool:
        if parsing.is_question(text):
            return False
        scratch = turn.scratch(self.name)
        try:
            if turn.step == "new":
                await self._new_goal(turn, GoalType(scratch["kind"]), text)
            else:
                await self._check_in(turn, int(scratch["goal"]), text)
        except InvalidInput as exc:
            turn.say(f"{exc}\n{self.hint(turn)}", [turn.button("Cancel", NAMESPACE, "cancel")])
            return True
        turn.end_flow()
        return True

    async def _new_goal(self, turn: Turn, kind: GoalType, text: str) -> None:
        target = _target(kind, text, turn.metric)
        if kind == GoalType.STRENGTH_1RM:
            catalog = await lifter_catalog(turn.repos, turn.deps, turn.user)
            target["movement"] = find_movement(catalog, target.get("movement") or "").name
        parse_target(kind, target)
        goal, message = await set_goal(turn.repos, turn.deps, turn.user, kind, target)
        turn.decided["goal"] = {"id": goal.id, "type": kind.value}
        turn.say(message, [turn.button("🎯 My goals", NAMESPACE, "list")])

    async def _check_in(self, turn: Turn, goal_id: int, text: str) -> None:
        numbers = _numbers(text)
        value: dict[str, Any] = {"value": numbers[0]} if numbers else {"note": text.strip()[:500]}
        _, message = await check_in(
            turn.repos, turn.deps, turn.user, goal_id, value, day=turn.today, notes=text[:500]
        )
        turn.decided["check_in"] = goal_id
        turn.say(message)

    async def ask(self, turn: Turn) -> None:
        turn.say(self.hint(turn), [turn.button("Cancel", NAMESPACE, "cancel")])

    def hint(self, turn: Turn) -> str:
        scratch = turn.data.get(self.name, {})
        if turn.step == "new" and scratch.get("kind") in {k.value for k in KINDS}:
            return KINDS[GoalType(scratch["kind"])][1]
        return "What's the number today (e.g. your weight), or a short note on how it's going?"


INPUT = registry.flow(GoalInput())


@command("goals", "Long-term goals: set one, check in, plan the next program")
async def goals_command(turn: Turn, args: str) -> None:
    turn.context = CHECK_IN
    text = await goals_text(turn.repos, turn.deps, turn.user)
    goals = await turn.repos.programs.goals(turn.user.id, [GoalStatus.ACTIVE])
    checkins = [[turn.button(f"✅ Check in: {_label(g)}", NAMESPACE, "ci", g.id)] for g in goals[:5]]
    turn.say(
        text,
        *checkins,
        [turn.button("➕ New goal", NAMESPACE, "new"), turn.button("➡️ Next program", NAMESPACE, "next")],
    )


def _label(goal: Any) -> str:
    target = goal.target_json or {}
    return str(target.get("movement") or target.get("event") or target.get("skill") or goal.goal_type.value)[
        :30
    ]


@registry.buttons(NAMESPACE)
async def _goals_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = CHECK_IN
    action = args[0] if args else "list"
    if action == "new" and len(args) == 1:
        turn.say(
            "What kind of goal?",
            *[[turn.button(label, NAMESPACE, "new", kind.value)] for kind, (label, _) in KINDS.items()],
            edit=True,
        )
    elif action == "new" and args[1] in {k.value for k in KINDS}:
        turn.data[INPUT.name] = {"kind": args[1]}
        turn.go(INPUT.name, "new")
        await INPUT.ask(turn)
    elif action == "ci" and len(args) == 2 and args[1].isdigit():
        if await turn.repos.programs.goal(turn.user.id, int(args[1])) is None:
            turn.notice("That goal is gone.")
            return
        turn.data[INPUT.name] = {"goal": int(args[1])}
        turn.go(INPUT.name, "checkin")
        await INPUT.ask(turn)
    elif action == "cancel":
        if turn.flow == INPUT.name:
            turn.end_flow()
        turn.say("Okay.", edit=True)
    elif action == "next":
        await _propose(turn)
    elif action == "start":
        await _start_next(turn)
    else:
        await goals_command(turn, "")


async def _propose(turn: Turn) -> None:
    turn.context = PROGRAM_SETUP
    proposal = await propose_next_program(turn.repos, turn.deps, turn.user, day=turn.today)
    if proposal is None:
        turn.say("There's no program to follow on from yet — /start builds your first one.")
        return
    turn.say(
        proposal.text,
        [turn.button("✅ Start it", NAMESPACE, "start"), turn.button("Not yet", NAMESPACE, "cancel")],
    )


async def _start_next(turn: Turn) -> None:
    turn.context = PROGRAM_SETUP
    proposal = await propose_next_program(turn.repos, turn.deps, turn.user, day=turn.today)
    if proposal is None:
        turn.notice("There's nothing to start.")
        return
    program = await start_next_program(turn.repos, turn.deps, turn.user, proposal)
    turn.decided["program_id"] = program.id
    starts = program.start_date
    when = "today" if starts <= turn.today else f"on {starts:%a %-d %b}"
    turn.say(f"✓ Your next program starts {when}.", [turn.button("📋 Program", "menu", "program")], edit=True)
