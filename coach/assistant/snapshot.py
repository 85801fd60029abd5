"""The lifter as the model sees them: a few plain lines per topic, gathered in one pass.

Profile, today's session (adapted, as /today shows it), the last two weeks of logged sets,
recent soreness and readiness, and movement rules. Weights are shown in the lifter's unit.
Everything here is read through repositories for the lifter who is talking, and nothing else.
"""

from __future__ import annotations

import datetime as dt

from coach.assistant import day as days
from coach.assistant.tools import ToolContext
from coach.catalog import MovementInfo
from coach.llm import Snapshot
from coach.logbook.units import number, to_display, unit_label
from db.repositories.assistant import LoggedSet

#: How far back the snapshot looks.
LOG_DAYS = 14
FEELING_DAYS = 3


def _goals(program: object) -> str:
    pairs = [
        (getattr(program, f"goal_{i}"), getattr(program, f"goal_weight_{i}"))
        for i in (1, 2, 3)
        if getattr(program, f"goal_weight_{i}", 0)
    ]
    return ", ".join(f"{goal.value} {weight}/10" for goal, weight in pairs)


def _work(s: LoggedSet, metric: bool) -> str:
    if s.duration_seconds:
        return f"{s.duration_seconds} s"
    if s.distance_m:
        return f"{number(s.distance_m)} m"
    if s.weight_kg:
        return f"{s.reps} @ {number(to_display(s.weight_kg, metric))} {unit_label(metric)}"
    return f"{s.reps} reps"


def _log_lines(sets: list[LoggedSet], known: dict[int, MovementInfo], metric: bool) -> list[str]:
    """One line per movement per day, identical sets counted: "Mon 07 Dec: Bench 3×5 @ 80 kg …"."""
    days: dict[tuple[dt.date, int], list[LoggedSet]] = {}
    for s in sets:  # newest first; the order within a day is kept
        days.setdefault((s.date, s.movement_id), []).append(s)
    lines = []
    for (day, movement_id), done in days.items():
        done.reverse()
        groups: list[tuple[str, int]] = []
        for s in done:
            work = _work(s, metric) + (f" RPE {s.rpe:g}" if s.rpe else "")
            if groups and groups[-1][0] == work:
                groups[-1] = (work, groups[-1][1] + 1)
            else:
                groups.append((work, 1))
        shown = ", ".join(f"{count}×{work}" if count > 1 else work for work, count in groups)
        best = max((s.e1rm_kg for s in done if s.e1rm_kg), default=None)
        if best:
            shown += f" (best e1RM {number(to_display(best, metric))} {unit_label(metric)})"
        name = known[movement_id].name if movement_id in known else "?"
        lines.append(f"{day:%a %d %b}: {name} {shown}")
    return lines


async def gather(ctx: ToolContext, *, onboarding: str | None = None) -> Snapshot:
    user = ctx.user
    settings = user.settings
    metric = settings is None or settings.use_metric
    unit = unit_label(metric)
    profile = [f"experience: {user.experience_level.value}"]
    if settings is not None:
        profile.append(f"session length: {settings.session_minutes} min; weights in {unit}")
        if settings.equipment:
            profile.append("equipment: " + ", ".join(str(e) for e in settings.equipment))
        if settings.reminders_enabled and settings.reminder_time is not None:
            profile.append(f"daily reminder at {settings.reminder_time:%H:%M} ({user.timezone})")
    program = await days.program(ctx)
    if program is not None:
        week = (ctx.day - program.start_date).days // 7 + 1
        profile.append(
            f"program: {program.split_template.value}, {program.days_per_week} days/week, "
            f"week {week} of {program.duration_weeks}, goals {_goals(program)}"
        )

    known = await days.movements(ctx)
    session: list[str] = []
    if onboarding is None and program is not None:
        day = await days.load(ctx)
        if day.rest_day:
            session.append("rest day")
        else:
            session.append(f"{day.session_type}, about {day.minutes or '?'} min")
            session.extend(f"{e.name} ({e.role}): {e.prescription()}" for e in day.exercises)
        if day.decision and day.decision != "keep":
            session.append(
                f"adapted today ({day.decision}): " + "; ".join(r.rstrip(". ") for r in day.reasons)
            )

    logs = _log_lines(
        await ctx.repos.assistant.recent_sets(user.id, ctx.day - dt.timedelta(days=LOG_DAYS)), known, metric
    )

    since = ctx.day - dt.timedelta(days=FEELING_DAYS)
    soreness = [
        f"{s.date:%a %d %b}: {s.body_part} {s.soreness_1_5}/5" + (f" ({s.notes})" if s.notes else "")
        for s in await ctx.repos.assistant.recent_soreness(user.id, since)
    ]
    readiness = []
    for r in await ctx.repos.assistant.recent_recovery(user.id, since):
        parts = [
            f"readiness {r.readiness:g}/100" if r.readiness is not None else "",
            f"sleep {r.sleep_hours:g} h" if r.sleep_hours is not None else "",
            f"sleep score {r.sleep_score:g}" if r.sleep_score is not None else "",
            f"HRV {r.hrv:g}" if r.hrv is not None else "",
            f"resting HR {r.resting_hr}" if r.resting_hr is not None else "",
        ]
        shown = ", ".join(p for p in parts if p)
        if shown:
            readiness.append(f"{r.date:%a %d %b}: {shown}")
    rule_lines = [f"{r.rule_type.value}: {r.movement.name}" for r in await ctx.repos.programs.rules(user.id)]
    return Snapshot(
        tone=user.persona_tone,
        aggression=user.persona_aggression,
        name=user.name,
        today=ctx.day,
        profile=tuple(profile),
        session=tuple(session),
        logs=tuple(logs),
        soreness=tuple(soreness),
        readiness=tuple(readiness),
        rules=tuple(rule_lines),
        onboarding=onboarding,
    )
