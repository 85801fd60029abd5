"""``/progress`` and ``/history``: what the log says about a lifter, in words and a picture.

Reads through the log repository (the lifter's rows only), computes with ``metrics`` and
renders the chart in a worker thread. Weights appear in the lifter's unit throughout.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.catalog import Catalog, MovementInfo, movement_info
from coach.deps import CoachDeps
from coach.logbook import limits
from coach.logbook.matching import matcher_for
from coach.logbook.summary import sets_text
from coach.logbook.units import number, unit_label, weight_text
from coach.persona import speak
from coach.progress import voice
from coach.progress.charts import render_progress
from coach.progress.metrics import (
    LiftTrend,
    PatternIndex,
    adherence,
    exposures_from_daily_bests,
    hard_sets_per_muscle,
    lift_trends,
    pattern_strength_index,
    planned_sets_per_muscle,
    streak,
)
from db.enums import PrimaryMuscle
from db.models import User, WorkoutLog
from db.repositories import Repositories

TREND_WEEKS = 12
ADHERENCE_DAYS = 28
STREAK_DAYS = 730
_EVER = dt.date(1900, 1, 1)
#: Average change across the main lifts above which the closing line says "rising".
_RISING_PCT = 1.0


@dataclass(frozen=True)
class ProgressReport:
    text: str
    chart_png: bytes | None


async def _catalog(repos: Repositories, deps: CoachDeps, user: User) -> Catalog:
    own = await repos.movements.owned_by(user.id)
    return deps.catalog.with_movements([movement_info(m) for m in own])


def _by_id(catalog: Catalog) -> dict[int, MovementInfo]:
    return {m.id: m for m in catalog.movements if m.id is not None}


async def _week(repos: Repositories, user: User, day: dt.date) -> tuple[dt.date, dt.date]:
    """The program's week (microcycle) holding ``day``; Monday to Sunday without a program."""
    microcycle = await repos.logs.microcycle_on(user.id, day)
    if microcycle is not None:
        return microcycle.start_date, microcycle.start_date + dt.timedelta(days=microcycle.length_days - 1)
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


async def report(repos: Repositories, deps: CoachDeps, user: User, *, day: dt.date) -> ProgressReport:
    """e1RM trends, the Pattern Strength Index, this week's hard sets against the plan, streak and adherence."""
    settings = await repos.users.ensure_settings(user)
    metric = settings.use_metric
    tone = user.persona_tone
    movements = _by_id(await _catalog(repos, deps, user))
    points = await repos.logs.daily_best_e1rm(user.id, day - dt.timedelta(weeks=TREND_WEEKS), day)
    trends = lift_trends(points, movements)
    best_ever = await repos.logs.best_e1rm_ever(user.id, day)
    exposures = await repos.logs.exposures(user.id, _EVER, day)
    if not exposures:
        history = await repos.logs.daily_best_e1rm(user.id, _EVER, day)
        exposures = exposures_from_daily_bests(history, movements)
    psi = pattern_strength_index(exposures, day)
    start, end = await _week(repos, user, day)
    landmarks = deps.heuristics.get("volume_landmarks") or {}
    credit = float(landmarks.get("secondary_credit", 0.5))
    sets = await repos.logs.sets_between(user.id, start, end)
    hard = hard_sets_per_muscle(sets, movements, credit)
    planned = await repos.logs.planned_exercises_between(user.id, start, end)
    targets = planned_sets_per_muscle([(movement_id, n) for _, movement_id, n in planned], movements, credit)
    dates = await repos.logs.workout_dates(user.id, day - dt.timedelta(days=STREAK_DAYS), day)
    if not (points or sets or dates):
        return ProgressReport(speak(tone, voice.NO_DATA), None)
    sessions = await repos.logs.planned_session_dates(
        user.id, day - dt.timedelta(days=ADHERENCE_DAYS - 1), day
    )
    completed = await repos.logs.completed_session_ids(user.id, [session_id for session_id, _ in sessions])
    kept = adherence(sessions, completed, day)
    run = streak(dates, day)

    lines = [speak(tone, voice.INTRO, date=day.isoformat())]
    lines += _trend_lines(trends, best_ever, movements, metric)
    lines += _psi_lines(psi)
    lines += _volume_lines(hard, targets, landmarks, start, end)
    lines.append("")
    lines.append(
        f"🔥 Streak: {run.current_weeks} week{'s' if run.current_weeks != 1 else ''} in a row with training "
        f"(best {run.best_weeks}) · {run.sessions_last_28_days} training days in the last 4 weeks"
    )
    if kept.planned:
        lines.append(
            f"✅ Adherence: {kept.done} of {kept.planned} planned sessions done in the last 4 weeks "
            f"({number(kept.percent or 0)}%)"
        )
    if trends:
        average = sum(t.change_pct for t in trends) / len(trends)
        lines += ["", speak(tone, voice.RISING if average > _RISING_PCT else voice.FLAT, key=day)]
    title = f"Progress · {day.strftime('%d %b %Y')}"
    png = await asyncio.to_thread(render_progress, trends, hard, targets, metric=metric, title=title)
    return ProgressReport("\n".join(lines), png)


def _trend_lines(
    trends: Sequence[LiftTrend],
    best_ever: Mapping[int, float],
    movements: Mapping[int, MovementInfo],
    metric: bool,
) -> list[str]:
    if not trends:
        return []
    ids = {m.name: i for i, m in movements.items()}
    lines = ["", f"📈 e1RM, last {TREND_WEEKS} weeks ({unit_label(metric)})"]
    for trend in trends:
        best = best_ever.get(ids.get(trend.movement, -1), trend.best)
        if len(trend.points) == 1:
            lines.append(f"• {trend.movement}: {weight_text(trend.last, metric)} (one session so far)")
            continue
        sign = "+" if trend.change_pct >= 0 else ""
        lines.append(
            f"• {trend.movement}: {weight_text(trend.first, metric)} → {weight_text(trend.last, metric)} "
            f"({sign}{number(trend.change_pct)}%) · best ever {weight_text(best, metric)}"
        )
    return lines


def _psi_lines(psi: Sequence[PatternIndex]) -> list[str]:
    if not psi:
        return []
    lines = ["", "🧭 Pattern Strength Index (100 = where you started)"]
    for p in psi:
        was = f" (4 weeks ago {number(p.previous)})" if p.previous is not None else ""
        lines.append(f"• {p.pattern.value.replace('_', ' ')}: {number(p.index)}{was}")
    return lines


def _volume_lines(
    hard: Mapping[PrimaryMuscle, float],
    targets: Mapping[PrimaryMuscle, float],
    landmarks: Mapping[str, Any],
    start: dt.date,
    end: dt.date,
) -> list[str]:
    if not (hard or targets):
        return []
    span = f"{start.strftime('%a %d %b')} – {end.strftime('%a %d %b')}"
    if targets:
        lines = ["", f"💪 Hard sets this week vs plan ({span})"]
        for muscle in sorted(set(hard) | set(targets), key=lambda m: (-targets.get(m, 0), -hard.get(m, 0))):
            done, target = hard.get(muscle, 0.0), targets.get(muscle, 0.0)
            mark = " ✓" if target and done >= target else ""
            lines.append(f"• {muscle.value.replace('_', ' ')}: {number(done)} / {number(target)}{mark}")
        return lines
    table = landmarks.get("muscles") or {}
    lines = ["", f"💪 Hard sets this week ({span})"]
    for muscle in sorted(hard, key=lambda m: -hard[m]):
        marks = table.get(muscle.value) or {}
        mav = marks.get("mav")
        guide = f" (MEV {marks['mev']}, MAV {mav[0]}–{mav[1]})" if "mev" in marks and mav else ""
        lines.append(f"• {muscle.value.replace('_', ' ')}: {number(hard[muscle])}{guide}")
    return lines


async def history_text(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    *,
    day: dt.date,
    movement: str | None = None,
    limit: int = 10,
) -> str:
    """The latest workouts, newest first — or only one lift's, when ``movement`` names one."""
    settings = await repos.users.ensure_settings(user)
    metric = settings.use_metric
    tone = user.persona_tone
    catalog = await _catalog(repos, deps, user)
    movements = _by_id(catalog)
    only: MovementInfo | None = None
    if movement:
        resolution = matcher_for(catalog).resolve(movement)
        if resolution.movement is None:
            names = [m.name for m in resolution.candidates] or catalog.suggest(movement)
            hint = f" Did you mean {' / '.join(names)}?" if names else ""
            return f"I don't know “{movement}”.{hint}"
        only = resolution.movement
    workouts = await repos.logs.recent_workouts(
        user.id, until=day, limit=limit, movement_id=only.id if only is not None else None
    )
    if not workouts:
        if only is not None:
            return speak(tone, voice.NO_HISTORY_FOR, movement=only.name)
        return speak(tone, voice.NO_HISTORY)
    names = await repos.logs.movement_names(s.movement_id for w in workouts for s in w.top_sets)
    lines: list[str] = [f"🗒 {only.name} — last {len(workouts)} sessions" if only else "🗒 Recent workouts"]
    for workout in workouts:
        lines.append("")
        lines.append(_workout_header(workout))
        lines += _workout_lines(workout, names, movements, metric, only)
    return "\n".join(lines)


def _workout_header(workout: WorkoutLog) -> str:
    tags = []
    if workout.session_id is not None:
        tags.append("planned session")
    if workout.source == "import":
        tags.append("imported")
    elif workout.source == "button":
        tags.append("done by button")
    return workout.date.strftime("%a %d %b %Y") + (f" · {', '.join(tags)}" if tags else "")


def _workout_lines(
    workout: WorkoutLog,
    names: Mapping[int, str],
    movements: Mapping[int, MovementInfo],
    metric: bool,
    only: MovementInfo | None,
) -> list[str]:
    groups: dict[int, list[Any]] = {}
    for s in workout.top_sets:
        if only is None or s.movement_id == only.id:
            groups.setdefault(s.movement_id, []).append(s)
    lines = []
    for movement_id, sets in groups.items():
        info = movements.get(movement_id)
        added = info is not None and not limits.is_loaded(info)
        text = f"  {names.get(movement_id, '?')} {sets_text(sets, metric, added_load=added)}"
        best = max((s.e1rm_value for s in sets if s.e1rm_value), default=None)
        if best and not added:
            text += f" · e1RM {weight_text(best, metric)}"
        lines.append(text)
    if workout.notes and only is None:
        lines.append(f"  📝 {workout.notes.splitlines()[0][:120]}")
    return lines
