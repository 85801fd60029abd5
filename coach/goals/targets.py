"""Long-term goals: what each kind's ``target_json`` holds, and how far along a lifter is.

Pure functions: ``parse_target`` validates a target (naming the bad field in plain words) and
``progress`` turns check-ins and logged numbers into a share of the way there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.errors import InvalidInput
from db.enums import GoalType

BODY_METRICS = ("bodyweight_kg", "body_fat_percent", "waist_cm")


def _number(target: Mapping[str, Any], key: str, *, low: float, high: float) -> float:
    try:
        value = float(target[key])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(f"target.{key}: a number is required") from None
    if not low <= value <= high:
        raise InvalidInput(f"target.{key}: {value:g} is out of range ({low:g}–{high:g})")
    return value


def _date(target: Mapping[str, Any], key: str, *, required: bool) -> str | None:
    raw = target.get(key)
    if raw in (None, ""):
        if required:
            raise InvalidInput(f"target.{key}: a date (YYYY-MM-DD) is required")
        return None
    try:
        return dt.date.fromisoformat(str(raw)).isoformat()
    except ValueError:
        raise InvalidInput(f"target.{key}: {raw!r} is not a date (YYYY-MM-DD)") from None


def _text(target: Mapping[str, Any], key: str) -> str:
    value = str(target.get(key) or "").strip()
    if not value:
        raise InvalidInput(f"target.{key}: say what it is, e.g. a name")
    return value[:200]


def parse_target(goal_type: GoalType, target: Mapping[str, Any]) -> dict[str, Any]:
    """A clean ``target_json`` for ``goal_type`` or ``InvalidInput`` naming the field."""
    if not isinstance(target, Mapping):
        raise InvalidInput('target: expected an object such as {"target_kg": 140}')
    if goal_type == GoalType.BODY_COMPOSITION:
        metric = str(target.get("metric", "bodyweight_kg"))
        if metric not in BODY_METRICS:
            raise InvalidInput(f"target.metric: choose one of {', '.join(BODY_METRICS)}")
        out: dict[str, Any] = {"metric": metric, "target": _number(target, "target", low=1, high=400)}
        if target.get("start") is not None:
            out["start"] = _number(target, "start", low=1, high=400)
    elif goal_type == GoalType.STRENGTH_1RM:
        out = {
            "movement": _text(target, "movement"),
            "target_kg": _number(target, "target_kg", low=1, high=600),
        }
    elif goal_type == GoalType.ENDURANCE_EVENT:
        out = {"event": _text(target, "event"), "date": _date(target, "date", required=True)}
        if target.get("distance_km") is not None:
            out["distance_km"] = _number(target, "distance_km", low=0.1, high=1000)
    elif goal_type == GoalType.HABIT_CONSISTENCY:
        out = {
            "sessions_per_week": int(_number(target, "sessions_per_week", low=1, high=14)),
            "weeks": int(_number(target, "weeks", low=1, high=104)),
        }
    else:
        out = {"skill": _text(target, "skill")}
        if target.get("movement"):
            out["movement"] = str(target["movement"])
    by = _date(target, "by", required=False)
    if by:
        out["by"] = by
    return out


@dataclass(frozen=True)
class Progress:
    #: 0..1 of the way there (``None`` when nothing measures it yet).
    share: float | None
    summary: str


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def progress(
    goal_type: GoalType,
    target: Mapping[str, Any],
    checkins: Sequence[tuple[dt.date, Mapping[str, Any]]],
    *,
    best_e1rm: float | None = None,
    training_dates: Sequence[dt.date] = (),
    today: dt.date,
) -> Progress:
    """How far along a goal is, from its check-ins and (for strength and habits) the logbook."""
    values = [v for _, v in sorted(checkins, key=lambda c: c[0])]
    if goal_type == GoalType.STRENGTH_1RM:
        goal = float(target["target_kg"])
        if best_e1rm is None:
            return Progress(None, f"No {target['movement']} logged yet; target {goal:g} kg.")
        return Progress(_clamp(best_e1rm / goal), f"Best estimated 1RM {best_e1rm:.1f} kg of {goal:g} kg.")
    if goal_type == GoalType.BODY_COMPOSITION:
        readings = [float(v["value"]) for v in values if "value" in v]
        goal = float(target["target"])
        start = float(target.get("start", readings[0] if readings else goal))
        if not readings:
            return Progress(None, f"No {target['metric'].replace('_', ' ')} check-in yet; target {goal:g}.")
        latest = readings[-1]
        span = start - goal
        share = 1.0 if span == 0 else _clamp((start - latest) / span)
        return Progress(
            share,
            f"{target['metric'].replace('_', ' ')}: {latest:g} now, {start:g} at the start, {goal:g} the goal.",
        )
    if goal_type == GoalType.HABIT_CONSISTENCY:
        weeks = int(target["weeks"])
        per_week = int(target["sessions_per_week"])
        hits = 0
        for w in range(weeks):
            end = today - dt.timedelta(days=7 * w)
            start = end - dt.timedelta(days=6)
            if sum(1 for d in training_dates if start <= d <= end) >= per_week:
                hits += 1
        return Progress(hits / weeks, f"{hits} of the last {weeks} weeks with at least {per_week} sessions.")
    if goal_type == GoalType.ENDURANCE_EVENT:
        event = dt.date.fromisoformat(target["date"])
        days = (event - today).days
        longest = max((float(v.get("distance_km", 0)) for v in values), default=0.0)
        distance = target.get("distance_km")
        share = _clamp(longest / float(distance)) if distance else None
        when = f"{days} days to {target['event']}" if days >= 0 else f"{target['event']} was {-days} days ago"
        extra = f"; longest session so far {longest:g} km of {float(distance):g}" if distance else ""
        return Progress(share, when + extra + ".")
    achieved = any(bool(v.get("achieved")) for v in values)
    return Progress(
        1.0 if achieved else (0.5 if values else None),
        f"{target['skill']}: {'done!' if achieved else 'in progress'}.",
    )
