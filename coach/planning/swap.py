"""Swapping one exercise of a planned session for another movement.

Options come from the same substitution group first, then movements the library links to it
(variations, progressions, regressions), then the same pattern and muscle — always within
the lifter's equipment, movement rules and skill level, and never a movement already in the
session. A swap rewrites the row, the JSON sections and the minutes together, and also the
session's pre-adaptation snapshot so re-running today's adaptation keeps the swap.
"""

from __future__ import annotations

from typing import Any

from coach.catalog import Catalog, MovementInfo
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.planning.service import lifter_catalog, lifter_equipment, save_exercises
from coach.planning.tunables import Tunables, tunables_for
from db.enums import ExerciseRole, MetricType, MovementRuleType, RelationshipType
from db.models import SessionExercise, User
from db.repositories import Repositories

#: How many options a lifter is offered at most.
MAX_OPTIONS = 8

_LINKED = (RelationshipType.VARIATION, RelationshipType.PROGRESSION, RelationshipType.REGRESSION)


def rank_swaps(
    current: MovementInfo,
    catalog: Catalog,
    *,
    equipment: tuple[str, ...],
    banned: set[str],
    taken: set[str],
    experience: Any,
    t: Tunables,
    role: ExerciseRole,
) -> list[MovementInfo]:
    """Movements that can stand in for ``current``, best first (pure)."""
    linked = {m.name for kind in _LINKED for m in catalog.related(current.name, kind)}
    light = role in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)

    def score(m: MovementInfo) -> float:
        value = 3.0 * (
            m.substitution_group is not None and m.substitution_group == current.substitution_group
        )
        value += 2.0 * (m.name in linked)
        value += 2.0 * (m.pattern == current.pattern and m.primary_muscle == current.primary_muscle)
        value += 1.0 * (m.primary_muscle == current.primary_muscle) + 0.5 * (m.pattern == current.pattern)
        value += 0.5 * (m.metric_type == current.metric_type)
        value -= 0.3 * abs(_cns(m) - _cns(current))
        return value

    options = []
    for m in catalog.movements:
        if m.name == current.name or m.name in taken or m.name in banned or not m.available_with(equipment):
            continue
        if not t.skill_allowed(m.skill_level, experience):
            continue
        if not light and m.metric_type == MetricType.DISTANCE and current.metric_type != MetricType.DISTANCE:
            continue
        value = score(m)
        if value >= 1.5:
            options.append((value, m))
    options.sort(key=lambda p: (-p[0], p[1].name))
    return [m for _, m in options]


def _cns(m: MovementInfo) -> int:
    return ["very_low", "low", "moderate", "high", "very_high"].index(m.cns_load.value)


async def _context(
    repos: Repositories, deps: CoachDeps, user: User, session_exercise_id: int
) -> tuple[SessionExercise, Catalog, list[MovementInfo]]:
    exercise = await repos.programs.owned_exercise(user.id, session_exercise_id)
    if exercise is None:
        raise InvalidInput("That exercise is not in your plan.")
    catalog = await lifter_catalog(repos, deps, user)
    by_id = {m.id: m for m in catalog.movements if m.id is not None}
    current = by_id[exercise.movement_id]
    banned = {
        r.movement.name
        for r in await repos.programs.rules(user.id)
        if r.rule_type == MovementRuleType.HARD_NO
    }
    taken = {by_id[e.movement_id].name for e in exercise.session.exercises if e.movement_id in by_id}
    options = rank_swaps(
        current,
        catalog,
        equipment=await lifter_equipment(repos, user),
        banned=banned,
        taken=taken,
        experience=user.experience_level,
        t=tunables_for(deps.heuristics),
        role=exercise.role,
    )
    return exercise, catalog, options


async def swap_options(
    repos: Repositories, deps: CoachDeps, user: User, session_exercise_id: int
) -> list[MovementInfo]:
    """What can replace this exercise of the lifter's plan, best first."""
    _, _, options = await _context(repos, deps, user, session_exercise_id)
    return options[:MAX_OPTIONS]


async def swap_exercise(
    repos: Repositories, deps: CoachDeps, user: User, session_exercise_id: int, movement_name: str
) -> SessionExercise:
    """Replace one exercise with ``movement_name``; rows, JSON sections and minutes stay in sync."""
    exercise, catalog, options = await _context(repos, deps, user, session_exercise_id)
    wanted = catalog.get(movement_name)
    if wanted is None:
        hints = catalog.suggest(movement_name)
        raise InvalidInput(
            f"I don't know a movement called {movement_name!r}"
            + (f" — did you mean {', '.join(hints)}?" if hints else ".")
        )
    if wanted.name not in {o.name for o in options}:
        fitting = ", ".join(o.name for o in options[:4]) or "none right now"
        raise InvalidInput(
            f"{wanted.name} doesn't fit here (equipment, movement rules, skill, or it is already in the "
            f"session). Options that fit: {fitting}."
        )
    by_id = {m.id: m for m in catalog.movements if m.id is not None}
    before = by_id[exercise.movement_id]
    values: dict[str, Any] = {"movement_id": wanted.id, "is_complex_lift": wanted.complex}
    if wanted.metric_type != before.metric_type:
        if wanted.metric_type == MetricType.REPS:
            values.update(target_rep_range_min=8, target_rep_range_max=12, target_duration_seconds=None)
        else:
            values.update(target_rep_range_min=None, target_rep_range_max=None, target_duration_seconds=30)
    note = f"Swapped in for {before.name}."
    values["notes"] = (
        f"{exercise.notes} {note}" if exercise.notes and "Swapped in" not in exercise.notes else note
    )
    session = exercise.session
    await repos.programs.update_exercise(exercise, values)
    extra: dict[str, Any] = {}
    snapshot = (session.adaptation_json or {}).get("before")
    if snapshot:
        rows = [
            {**r, **values} if r["order_in_session"] == exercise.order_in_session else r
            for r in snapshot["exercises"]
        ]
        extra["adaptation_json"] = {**session.adaptation_json, "before": {**snapshot, "exercises": rows}}
    await save_exercises(repos, deps, user, session, None, **extra)
    return exercise
