"""Goals and macro cycles against the database (the pure logic lives in ``targets``/``macro``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coach.clock import local_today
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.goals import lines
from coach.goals.macro import History, Proposal, propose
from coach.goals.targets import Progress, parse_target, progress
from coach.persona import speak
from coach.planning.rules import find_movement
from coach.planning.service import create_program, lifter_catalog
from coach.profile import Profile
from db.enums import ExerciseRole, Goal, GoalStatus, GoalType, parse_enum
from db.models import MacroCycle, Program, User, UserGoal
from db.repositories import Repositories


def _describe(goal_type: GoalType, target: Mapping[str, Any]) -> str:
    by = f" by {target['by']}" if target.get("by") else ""
    if goal_type == GoalType.STRENGTH_1RM:
        return f"{target['movement']} {target['target_kg']:g} kg{by}"
    if goal_type == GoalType.BODY_COMPOSITION:
        return f"{target['metric'].replace('_', ' ')} {target['target']:g}{by}"
    if goal_type == GoalType.ENDURANCE_EVENT:
        return f"{target['event']} on {target['date']}"
    if goal_type == GoalType.HABIT_CONSISTENCY:
        return f"{target['sessions_per_week']} sessions a week for {target['weeks']} weeks"
    return f"{target['skill']}{by}"


async def set_goal(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    goal_type: GoalType | str,
    target: Mapping[str, Any],
    *,
    priority: int = 3,
) -> tuple[UserGoal, str]:
    """Record a long-term goal; returns it and the coach's reply."""
    try:
        kind = parse_enum(GoalType, goal_type)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    if not 1 <= priority <= 5:
        raise InvalidInput("priority: 1 (most important) to 5")
    clean = parse_target(kind, target)
    if kind == GoalType.STRENGTH_1RM or (kind == GoalType.SKILL_ACQUISITION and "movement" in clean):
        catalog = await lifter_catalog(repos, deps, user)
        clean["movement"] = find_movement(catalog, clean["movement"]).name
    now = deps.clock.now()
    until = (
        dt.datetime.combine(dt.date.fromisoformat(clean["by"]), dt.time(23, 59), tzinfo=dt.UTC)
        if "by" in clean
        else None
    )
    program = await repos.programs.active(user.id)
    goal = await repos.programs.add_goal(
        user.id,
        kind,
        clean,
        priority=priority,
        effective_from=now,
        effective_to=until,
        macro_cycle_id=program.macro_cycle_id if program else None,
    )
    return goal, speak(user.persona_tone, lines.GOAL_SET, goal=_describe(kind, clean))


async def goal_progress(repos: Repositories, deps: CoachDeps, user: User, goal: UserGoal) -> Progress:
    today = local_today(user.timezone, deps.clock.now())
    target = goal.target_json or {}
    best = None
    dates: list[dt.date] = []
    if goal.goal_type == GoalType.STRENGTH_1RM:
        catalog = await lifter_catalog(repos, deps, user)
        movement = catalog.get(target["movement"])
        since = goal.effective_from.date() - dt.timedelta(days=90)
        ids = [movement.id] if movement is not None and movement.id is not None else []
        best = await repos.signals.best_e1rm(user.id, ids, since, today)
    if goal.goal_type == GoalType.HABIT_CONSISTENCY:
        weeks = int(target["weeks"])
        dates = await repos.signals.training_dates(user.id, today - dt.timedelta(days=7 * weeks), today)
    checkins = [(c.date, c.value_json or {}) for c in goal.checkins]
    return progress(goal.goal_type, target, checkins, best_e1rm=best, training_dates=dates, today=today)


async def check_in(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    goal_id: int,
    value: Mapping[str, Any],
    *,
    day: dt.date | None = None,
    notes: str | None = None,
) -> tuple[Progress, str]:
    """Record a check-in on one of the lifter's goals; completes the goal when it is reached."""
    goal = await repos.programs.goal(user.id, goal_id)
    if goal is None:
        raise InvalidInput("That goal is not one of yours.")
    when = day or local_today(user.timezone, deps.clock.now())
    await repos.programs.add_checkin(goal, when, dict(value), notes)
    result = await goal_progress(repos, deps, user, goal)
    if result.share is not None and result.share >= 1.0 and goal.status == GoalStatus.ACTIVE:
        await repos.programs.set_goal_status(goal, GoalStatus.COMPLETED)
    return result, speak(user.persona_tone, lines.CHECKED_IN, progress=result.summary)


async def goals_text(repos: Repositories, deps: CoachDeps, user: User) -> str:
    goals = await repos.programs.goals(user.id, [GoalStatus.ACTIVE, GoalStatus.PAUSED, GoalStatus.COMPLETED])
    if not goals:
        return "No long-term goals yet."
    out = []
    for goal in goals:
        state = await goal_progress(repos, deps, user, goal)
        share = f" — {round(state.share * 100)}%" if state.share is not None else ""
        out.append(
            f"• {_describe(goal.goal_type, goal.target_json or {})}{share} ({goal.status.value}). {state.summary}"
        )
    return "\n".join(out)


async def start_macro_cycle(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    name: str,
    *,
    weeks: int,
    goal_ids: list[int] | None = None,
) -> MacroCycle:
    """Group the active program and the ones after it toward goals for ``weeks`` weeks."""
    if not 8 <= weeks <= 104:
        raise InvalidInput("weeks: a macro cycle spans 8 to 104 weeks")
    program = await repos.programs.active(user.id)
    start = program.start_date if program else local_today(user.timezone, deps.clock.now())
    cycle = await repos.programs.add_macro_cycle(
        user.id, name[:200], start, start + dt.timedelta(weeks=weeks)
    )
    if program is not None:
        await repos.programs.attach_to_macro_cycle(program, cycle.id)
    await repos.programs.link_goals(user.id, goal_ids or [], cycle.id)
    return cycle


async def _history(repos: Repositories, user: User, program: Program) -> History:
    sessions = await repos.programs.sessions(program.id)
    training = [s for s in sessions if "activity" not in (s.intent_tags or [])]
    logs = await repos.signals.workouts_for_sessions(user.id, [s.id for s in training])
    done = {w.session_id for w in logs if w.completed}
    adherence = len(done) / len(training) if training else None
    mains = sorted({e.movement_id for s in training for e in s.exercises if e.role == ExerciseRole.MAIN})
    end = program.start_date + dt.timedelta(weeks=program.duration_weeks)
    early = await repos.signals.best_e1rm(
        user.id, mains, program.start_date, program.start_date + dt.timedelta(weeks=3)
    )
    late = await repos.signals.best_e1rm(user.id, mains, end - dt.timedelta(weeks=3), end)
    gain = (late - early) / early if early and late else None
    goals = await repos.programs.goals(user.id, [GoalStatus.ACTIVE])
    events = sorted(
        dt.date.fromisoformat(g.target_json["date"])
        for g in goals
        if g.goal_type == GoalType.ENDURANCE_EVENT and g.target_json
    )
    weights = {
        program.goal_1: program.goal_weight_1,
        program.goal_2: program.goal_weight_2,
        program.goal_3: program.goal_weight_3,
    }
    return History(
        goals={Goal(g): w for g, w in weights.items() if w},
        days_per_week=program.days_per_week,
        adherence=adherence,
        strength_gain=gain,
        event_date=next((d for d in events if d >= program.start_date), None),
        strength_goal=any(g.goal_type == GoalType.STRENGTH_1RM for g in goals),
    )


@dataclass(frozen=True)
class NextProgram:
    proposal: Proposal
    text: str
    macro_cycle_id: int | None


async def propose_next_program(
    repos: Repositories, deps: CoachDeps, user: User, *, day: dt.date | None = None
) -> NextProgram | None:
    """The next program of the lifter's macro cycle (``None`` without a program to follow)."""
    program = await repos.programs.active(user.id) or next(iter(await repos.programs.history(user.id)), None)
    if program is None or not program.profile_json:
        return None
    end = program.start_date + dt.timedelta(weeks=program.duration_weeks)
    today = day or local_today(user.timezone, deps.clock.now())
    start = max(today, end)
    history = await _history(repos, user, program)
    proposal = propose(Profile.parse(program.profile_json), history, deps.heuristics["macro_cycles"], start)
    goals = ", ".join(f"{g.goal.value} {g.weight}" for g in proposal.profile.goals)
    text = speak(
        user.persona_tone,
        lines.PROPOSAL,
        phase=proposal.phase,
        weeks=proposal.profile.duration_weeks,
        days=proposal.profile.days_per_week,
        goals=goals,
        reasons=" ".join(proposal.reasons),
    )
    return NextProgram(proposal, text, program.macro_cycle_id)


async def start_next_program(
    repos: Repositories, deps: CoachDeps, user: User, proposal: NextProgram
) -> Program:
    """Store the proposed program as the lifter's active one, in the same macro cycle."""
    return await create_program(
        repos,
        deps,
        user,
        proposal.proposal.profile,
        start_date=proposal.proposal.start_date,
        macro_cycle_id=proposal.macro_cycle_id,
    )


def program_ends_soon(program: Program, day: dt.date, within_days: int = 7) -> bool:
    """True in the last week of a program (when the coach should propose the next one)."""
    end = program.start_date + dt.timedelta(weeks=program.duration_weeks)
    return end - dt.timedelta(days=within_days) <= day <= end
