"""Storing programs: what onboarding calls at its end, and ``gainsly plan --save``.

``create_program`` keeps the lifter's answers (experience, persona, minutes, equipment, rules,
activities), retires the previous program — programs are history and are never deleted — and
writes the new one with all its microcycles, sessions and prescribed exercises in the
caller's unit of work, from one in-memory plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coach.catalog import Catalog, movement_info
from coach.clock import local_today
from coach.deps import CoachDeps
from coach.planning.checks import resolve_rules
from coach.planning.generator import generate
from coach.planning.model import ProgramPlan
from coach.planning.sync import (
    circuit_clocks,
    durations,
    exercise_row,
    movement_index,
    planned_exercises,
    row_values,
    sections_of,
    session_values,
)
from coach.planning.tunables import tunables_for
from coach.profile import EQUIPMENT_PRESETS, Profile
from db.models import Program, Session, User
from db.repositories import Repositories


async def lifter_catalog(repos: Repositories, deps: CoachDeps, user: User) -> Catalog:
    """The system movements plus the lifter's own (never another lifter's)."""
    own = await repos.movements.owned_by(user.id)
    return deps.catalog.with_movements([movement_info(m) for m in own])


def program_values(plan: ProgramPlan, user_id: int, macro_cycle_id: int | None = None) -> dict[str, Any]:
    (g1, w1), (g2, w2), (g3, w3) = plan.goals
    return {
        "user_id": user_id,
        "macro_cycle_id": macro_cycle_id,
        "name": plan.name,
        "start_date": plan.start_date,
        "duration_weeks": plan.duration_weeks,
        "goal_1": g1,
        "goal_2": g2,
        "goal_3": g3,
        "goal_weight_1": w1,
        "goal_weight_2": w2,
        "goal_weight_3": w3,
        "split_template": plan.split_template,
        "days_per_week": plan.days_per_week,
        "progression_style": plan.progression_style,
        "hybrid_definition": plan.hybrid_definition,
        "disciplines_json": plan.disciplines_json,
        "deload_every_n_microcycles": plan.deload_every_n_microcycles,
        "persona_tone": plan.persona_tone,
        "persona_aggression": plan.persona_aggression,
        "is_active": True,
        "is_template": False,
        "seed": plan.seed,
        "profile_json": plan.profile_json,
    }


async def store_plan(
    repos: Repositories, user: User, plan: ProgramPlan, *, macro_cycle_id: int | None = None
) -> Program:
    """Retire the active program and write ``plan`` in its place (one statement per table)."""
    await repos.programs.deactivate(user.id)
    return await repos.programs.insert_plan(
        program_values(plan, user.id, macro_cycle_id),
        [
            {
                "start_date": m.start_date,
                "length_days": m.length_days,
                "sequence_number": m.sequence_number,
                "status": m.status,
                "is_deload": m.is_deload,
            }
            for m in plan.microcycles
        ],
        [[session_values(s) for s in m.sessions] for m in plan.microcycles],
        [[[exercise_row(e) for e in s.exercises] for s in m.sessions] for m in plan.microcycles],
    )


async def create_program(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    profile: Profile,
    *,
    start_date: dt.date | None = None,
    seed: int | None = None,
    macro_cycle_id: int | None = None,
) -> Program:
    """Generate and store a program for ``user`` from ``profile`` (``InvalidInput`` if it cannot be).

    The start date defaults to the profile's, then to the lifter's today.
    """
    catalog = await lifter_catalog(repos, deps, user)
    start = start_date or profile.start_date or local_today(user.timezone, deps.clock.now())
    plan = generate(profile, catalog, deps.heuristics, seed=seed, start_date=start)
    rules = resolve_rules(profile, catalog)

    await repos.users.lock(user.id)
    settings = await repos.users.ensure_settings(user)
    user.experience_level = profile.experience_level
    user.persona_tone = profile.persona_tone
    user.persona_aggression = profile.persona_aggression
    settings.session_minutes = profile.session_minutes
    settings.equipment = list(profile.equipment)
    await repos.programs.replace_rules(
        user.id, [(m.id, rule, cadence) for m, rule, cadence in rules if m.id is not None]
    )
    await repos.programs.replace_enjoyable_activities(
        user.id, [(a.activity, a.recommend_every_days, a.custom_name) for a in profile.enjoyable_activities]
    )
    return await store_plan(repos, user, plan, macro_cycle_id=macro_cycle_id)


async def lifter_equipment(repos: Repositories, user: User) -> tuple[str, ...]:
    """What the lifter said they own (a full gym until they say otherwise)."""
    settings = await repos.users.ensure_settings(user)
    owned = tuple(settings.equipment or EQUIPMENT_PRESETS["gym"])
    return owned if "bodyweight" in owned else (*owned, "bodyweight")


async def save_exercises(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    session: Session,
    rows: list[dict[str, Any]] | None = None,
    **values: Any,
) -> None:
    """Write a session's exercises (``rows``, or the ones it has) and everything derived from them.

    The JSON sections and the minutes are rebuilt from the rows every time, so the two stored
    forms of a session never disagree.
    """
    if rows is not None:
        await repos.programs.replace_exercises(session, rows)
    catalog = await lifter_catalog(repos, deps, user)
    movements = movement_index(catalog)
    current = [row_values(r) for r in session.exercises]
    exercises = planned_exercises(current, movements)
    clocks = circuit_clocks(exercises, session.main_circuit_id, session.finisher_circuit_id, catalog)
    derived = {
        **sections_of(current, movements),
        **durations(exercises, tunables_for(deps.heuristics), clocks),
    }
    await repos.programs.update_session(session, {**derived, **values})
