"""The coach's tools: thin wrappers over the functions the buttons and commands use.

The model refers to exercises and movements by name; ids never leave the server, and the lifter
is always ``ctx.user``. Reading tools return facts (numbers included) for the model to quote;
logging tools write what the lifter reported; plan changes come back as proposals the lifter
accepts with a button (``coach.assistant.changes``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from coach.assistant import day as days
from coach.assistant.changes import Change
from coach.assistant.intents import find_movements, normalise, reminder_time
from coach.assistant.tools import Arguments, NoArguments, Tool, ToolContext, ToolOutcome, ToolRegistry
from coach.catalog import MovementInfo
from coach.errors import InvalidInput
from coach.logbook.quick_inputs import BODY_PARTS
from coach.logbook.service import record_log, record_quick_input
from coach.planning.rules import find_movement
from coach.planning.service import lifter_catalog
from coach.planning.swap import swap_options as planning_swap_options
from coach.progress import report
from coach.reminders.settings import set_reminder_time
from coach.replies import Image
from db.enums import RelationshipType

#: Swap options offered at most (buttons on a phone screen).
MAX_OPTIONS = 4


def _no_program() -> InvalidInput:
    return InvalidInput("the lifter has no program yet; they get one by finishing setup (/start)")


# --- today ------------------------------------------------------------------------------------


async def get_today(ctx: ToolContext, _: NoArguments) -> ToolOutcome:
    day = await days.load(ctx)
    if not day.has_program:
        return ToolOutcome(day.to_json(), "no program yet")
    summary = "rest day" if day.rest_day else f"{day.session_type} session, {len(day.exercises)} exercises"
    return ToolOutcome(day.to_json(), f"today: {summary}")


class ExerciseArgs(Arguments):
    exercise: str = Field(
        min_length=1, max_length=100, description="The exercise in today's session, as the lifter named it"
    )


async def _today_exercise(ctx: ToolContext, words: str) -> tuple[days.Day, days.PlannedExercise]:
    day = await days.load(ctx)
    if not day.has_program:
        raise _no_program()
    if day.rest_day:
        raise InvalidInput("today is a rest day: there is nothing to swap")
    exercise = days.find_exercise(day, words, ctx)
    if exercise is None:
        names = ", ".join(e.name for e in day.exercises)
        raise InvalidInput(f"{words!r} is not in today's session; today has: {names}")
    return day, exercise


async def _options(ctx: ToolContext, exercise: days.PlannedExercise) -> list[MovementInfo]:
    return list(await planning_swap_options(ctx.repos, ctx.deps, ctx.user, exercise.id))


async def swap_options(ctx: ToolContext, args: ExerciseArgs) -> ToolOutcome:
    day, exercise = await _today_exercise(ctx, args.exercise)
    options = (await _options(ctx, exercise))[:MAX_OPTIONS]
    changes = tuple(_swap_change(day, exercise, o) for o in options if o.id is not None)
    data = {
        "exercise": exercise.name,
        "options": [
            {"name": o.name, "equipment": sorted(o.equipment), "primary_muscle": o.primary_muscle.value}
            for o in options
        ],
        "note": "The lifter sees one button per option and taps the one they want.",
    }
    return ToolOutcome(data, f"{len(options)} swap options for {exercise.name}", changes=changes)


def _swap_change(day: days.Day, exercise: days.PlannedExercise, option: MovementInfo) -> Change:
    return Change(
        "swap",
        day.date,
        from_movement_id=exercise.movement_id,
        movement_id=option.id,
        from_name=exercise.name,
        to_name=option.name,
    )


class SwapArgs(ExerciseArgs):
    replacement: str = Field(min_length=1, max_length=100, description="The movement to do instead")


async def swap_exercise(ctx: ToolContext, args: SwapArgs) -> ToolOutcome:
    day, exercise = await _today_exercise(ctx, args.exercise)
    options = await _options(ctx, exercise)
    wanted = find_movements(normalise(args.replacement), ctx.deps.catalog)
    names = [name for _, name in wanted] or [args.replacement]
    choice = next((o for o in options if o.name in names), None)
    if choice is None or choice.id is None:
        fitting = ", ".join(o.name for o in options[:MAX_OPTIONS]) or "none"
        raise InvalidInput(
            f"{args.replacement!r} is not a fitting swap for {exercise.name} with the lifter's equipment "
            f"and movement rules; fitting options: {fitting}"
        )
    change = _swap_change(day, exercise, choice)
    data = {"proposed": change.describe(), "note": "Ready: the lifter applies it with a button."}
    return ToolOutcome(data, f"proposed: {change.describe()}", changes=(change,))


class AdjustArgs(Arguments):
    action: Literal["reduce", "easy", "move", "skip"] = Field(
        description=(
            "reduce: one set less per exercise and about one more rep in reserve (little time, a "
            "niggle); easy: one set less, effort capped, no finisher (fatigue, soreness); move: to "
            "the next free day; skip: rest today, no catching up"
        )
    )


async def adjust_today(ctx: ToolContext, args: AdjustArgs) -> ToolOutcome:
    day = await days.load(ctx)
    if not day.has_program:
        raise _no_program()
    if day.rest_day:
        raise InvalidInput("today is already a rest day")
    change = Change("adjust", day.date, action=args.action)
    data = {"proposed": change.describe(), "note": "Ready: the lifter applies it with a button."}
    return ToolOutcome(data, f"proposed: {change.describe()}", changes=(change,))


# --- what the lifter reports ------------------------------------------------------------------


class LogArgs(Arguments):
    lines: str = Field(
        min_length=1,
        max_length=2000,
        description="What the lifter did, one exercise per line in quick-log form, e.g. 'bench 3x5 80 @8'",
    )


async def log_sets(ctx: ToolContext, args: LogArgs) -> ToolOutcome:
    outcome = await record_log(ctx.repos, ctx.deps, ctx.user, args.lines, day=ctx.day)
    data = {
        "logged": outcome.saved,
        "sets_saved": outcome.saved_sets,
        "coach_note": outcome.text,
        "personal_records": [f"{p.movement} ({p.kind})" for p in outcome.prs],
        "unclear": [{"line": a.line, "could_be": list(a.candidates)} for a in outcome.ambiguities],
        "errors": list(outcome.errors),
    }
    summary = f"logged {outcome.saved_sets} sets" if outcome.saved else "nothing logged"
    return ToolOutcome(data, summary)


class SoreSpot(Arguments):
    body_part: str = Field(
        min_length=1, max_length=30, description="e.g. quads, hamstrings, lower back, shoulders"
    )
    level: int = Field(ge=1, le=5, description="1 = none … 5 = severe")

    @field_validator("body_part")
    @classmethod
    def _known(cls, value: str) -> str:
        value = value.lower()
        if value not in BODY_PARTS:
            raise ValueError(f"unknown body part; use one of: {', '.join(sorted(BODY_PARTS))}")
        return value


class FeelingArgs(Arguments):
    soreness: list[SoreSpot] = Field(default_factory=list, max_length=6)
    sleep_hours: float | None = Field(default=None, gt=0, le=24)
    energy: int | None = Field(default=None, ge=1, le=5, description="1 = empty … 5 = great")
    readiness: int | None = Field(default=None, ge=0, le=100, description="0-100, as a device reports it")


def check_in_text(args: FeelingArgs) -> str:
    """The arguments in the quick check-in syntax the logbook records ("sore quads 3, slept 6h")."""
    parts = [f"sore {s.body_part} {s.level}" for s in args.soreness]
    if args.sleep_hours is not None:
        parts.append(f"slept {args.sleep_hours:g}h")
    if args.energy is not None:
        parts.append(f"energy {args.energy}/5")
    if args.readiness is not None:
        parts.append(f"readiness {args.readiness}")
    return ", ".join(parts)


async def record_feeling(ctx: ToolContext, args: FeelingArgs) -> ToolOutcome:
    text = check_in_text(args)
    if not text:
        raise InvalidInput("nothing to record: give soreness, sleep_hours, energy or readiness")
    outcome = await record_quick_input(ctx.repos, ctx.deps, ctx.user, text, day=ctx.day)
    if outcome is None:
        raise InvalidInput(f"the logbook could not read {text!r}")
    if not outcome.saved:
        raise InvalidInput(outcome.text)
    return ToolOutcome({"recorded": text, "coach_note": outcome.text}, f"recorded: {text}")


class RuleArgs(Arguments):
    movement: str = Field(min_length=1, max_length=100, description="The movement, as the lifter named it")
    rule: Literal["hard_no", "hard_yes", "preferred"] = Field(
        description="hard_no: never program it; hard_yes: always include it; preferred: pick it when it fits"
    )


async def add_movement_rule(ctx: ToolContext, args: RuleArgs) -> ToolOutcome:
    movement = find_movement(await lifter_catalog(ctx.repos, ctx.deps, ctx.user), args.movement)
    change = Change("rule", ctx.day, movement_id=movement.id, to_name=movement.name, rule=args.rule)
    data = {
        "proposed": change.describe(),
        "note": "Ready: the lifter applies it with a button. A hard_no also swaps it out of upcoming sessions.",
    }
    return ToolOutcome(data, f"proposed: {change.describe()}", changes=(change,))


class ReminderArgs(Arguments):
    time: str = Field(
        min_length=1, max_length=20, description="Local time as HH:MM (24 h), or 'off' to stop reminders"
    )

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        if value.lower() == "off":
            return "off"
        at = reminder_time(value.lower()) or reminder_time(f"at {value.lower()}")
        if at is None:
            raise ValueError("use HH:MM, e.g. 07:00 or 18:30, or 'off'")
        return at.strftime("%H:%M")


async def set_reminder(ctx: ToolContext, args: ReminderArgs) -> ToolOutcome:
    confirmation = await set_reminder_time(ctx.repos, ctx.deps, ctx.user, args.time)
    return ToolOutcome(
        {"reminder": args.time, "timezone": ctx.user.timezone, "coach_note": confirmation},
        f"reminder: {args.time}",
    )


# --- knowledge --------------------------------------------------------------------------------


async def get_progress(ctx: ToolContext, _: NoArguments) -> ToolOutcome:
    progress = await report(ctx.repos, ctx.deps, ctx.user, day=ctx.day)
    chart = Image(progress.chart_png) if progress.chart_png else None
    return ToolOutcome({"report": progress.text}, "progress report", image=chart)


class MovementArgs(Arguments):
    movement: str = Field(min_length=1, max_length=100, description="Movement name, alias or abbreviation")


def describe_movement(info: MovementInfo, ctx: ToolContext) -> dict[str, object]:
    related = {
        kind.value: [m.name for m in ctx.deps.catalog.related(info.name, kind)][:3]
        for kind in (RelationshipType.REGRESSION, RelationshipType.PROGRESSION, RelationshipType.VARIATION)
    }
    return {
        "name": info.name,
        "pattern": info.pattern.value,
        "primary_muscle": info.primary_muscle.value,
        "secondary_muscles": [m.value for m in info.secondary_muscles],
        "equipment": sorted(info.equipment),
        "fatigue_cost": info.cns_load.value,
        "skill_level": info.skill_level.value,
        "cues": list(info.cues),
        "description": info.description,
        **{k: v for k, v in related.items() if v},
    }


def lookup_movement(words: str, ctx: ToolContext) -> MovementInfo:
    found = find_movements(normalise(words), ctx.deps.catalog)
    info = ctx.deps.catalog.get(found[0][1]) if found else ctx.deps.catalog.get(words)
    if info is None:
        hints = ctx.deps.catalog.suggest(words)
        raise InvalidInput(
            f"no movement called {words!r}" + (f"; did you mean {', '.join(hints)}?" if hints else "")
        )
    return info


async def explain_movement(ctx: ToolContext, args: MovementArgs) -> ToolOutcome:
    info = lookup_movement(args.movement, ctx)
    return ToolOutcome(describe_movement(info, ctx), f"explained {info.name}")


TOOLS = ToolRegistry.of(
    [
        Tool(
            "get_today",
            "Today's session for the lifter after daily adaptation: exercises with sets, reps, RPE and "
            "rest, or a rest day. Call it before talking about today's training.",
            NoArguments,
            get_today,
        ),
        Tool(
            "swap_options",
            "Movements that can replace an exercise in today's session, fitting the lifter's equipment "
            "and movement rules. The lifter gets a button per option.",
            ExerciseArgs,
            swap_options,
        ),
        Tool(
            "swap_exercise",
            "Prepare replacing an exercise in today's session with a named movement; the lifter "
            "confirms with a button. Fails with the fitting options if the replacement does not fit.",
            SwapArgs,
            swap_exercise,
        ),
        Tool(
            "adjust_today",
            "Prepare a change to today's whole session (reduce, easy, move, skip); the lifter "
            "confirms with a button.",
            AdjustArgs,
            adjust_today,
        ),
        Tool(
            "log_sets",
            "Record sets the lifter says they did today. Returns what was stored, PRs and anything unclear.",
            LogArgs,
            log_sets,
            writes=True,
        ),
        Tool(
            "record_soreness_or_readiness",
            "Record soreness (body part, 1-5), sleep hours, energy (1-5) or readiness (0-100) the "
            "lifter reports; today's adaptation takes it into account. Only numbers the lifter gave.",
            FeelingArgs,
            record_feeling,
            writes=True,
        ),
        Tool(
            "add_movement_rule",
            "Prepare a movement preference for planning (never, always, preferred); the lifter "
            "confirms with a button.",
            RuleArgs,
            add_movement_rule,
        ),
        Tool(
            "get_progress",
            "The lifter's progress: strength trends (e1RM), personal records, consistency.",
            NoArguments,
            get_progress,
        ),
        Tool(
            "explain_movement",
            "How to perform a movement (coaching cues), what it trains, its fatigue cost, and easier or "
            "harder variations, from the movement library.",
            MovementArgs,
            explain_movement,
        ),
        Tool(
            "set_reminder",
            "Set the daily training reminder to a local time (HH:MM) or turn it off.",
            ReminderArgs,
            set_reminder,
            writes=True,
        ),
    ]
)
