"""Independent checks of the hard rules a generated program must honour.

Written against the plan's public data only (dates, session types, exercises, movements), not
against the generator's internals, so a bug in the generator cannot hide in a shared helper.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from coach.planning.model import ProgramPlan
from coach.profile import Profile
from db.enums import (
    CNSLoad,
    ExerciseRole,
    MovementPattern,
    MovementRuleType,
    PrimaryMuscle,
    RuleCadence,
    SessionType,
    SkillLevel,
)

HIGH_CNS = {CNSLoad.HIGH, CNSLoad.VERY_HIGH}
LOWER_MUSCLES = {
    PrimaryMuscle.QUADRICEPS,
    PrimaryMuscle.HAMSTRINGS,
    PrimaryMuscle.GLUTES,
    PrimaryMuscle.CALVES,
    PrimaryMuscle.ADDUCTORS,
}
LOWER_PATTERNS = {
    MovementPattern.SQUAT,
    MovementPattern.HINGE,
    MovementPattern.LUNGE,
    MovementPattern.OLYMPIC,
    MovementPattern.PLYOMETRIC,
}
NOT_HARD = {MovementPattern.MOBILITY, MovementPattern.CARDIO, MovementPattern.CONDITIONING}
WORKING = {ExerciseRole.MAIN, ExerciseRole.ACCESSORY}
LIGHT_ROLES = {ExerciseRole.WARMUP, ExerciseRole.COOLDOWN}
SKILLS = [s for s in SkillLevel]
MAX_SKILL = {"beginner": "intermediate", "intermediate": "advanced", "advanced": "expert", "expert": "elite"}
SPLIT_TYPES = {
    "full_body": {SessionType.FULL_BODY},
    "upper_lower": {SessionType.UPPER, SessionType.LOWER},
    "ppl": {SessionType.PUSH, SessionType.PULL, SessionType.LEGS},
}
PERIOD = {
    MovementRuleType.HARD_YES: {
        RuleCadence.PER_MICROCYCLE: 1,
        RuleCadence.WEEKLY: 1,
        RuleCadence.BIWEEKLY: 2,
    },
    MovementRuleType.PREFERRED: {
        RuleCadence.PER_MICROCYCLE: 2,
        RuleCadence.WEEKLY: 1,
        RuleCadence.BIWEEKLY: 2,
    },
}


def is_lower(exercise: Any) -> bool:
    return exercise.movement.primary_muscle in LOWER_MUSCLES or exercise.movement.pattern in LOWER_PATTERNS


def hard_lower(session: Any, hard_lower_sets: int = 8) -> bool:
    heavy = any(
        e.role not in LIGHT_ROLES and is_lower(e) and e.movement.cns_load in HIGH_CNS
        for e in session.exercises
    )
    sets = sum(
        e.sets
        for e in session.exercises
        if e.role in WORKING and is_lower(e) and e.movement.pattern not in NOT_HARD
    )
    return heavy or sets >= hard_lower_sets


def weekly_sets(sessions: Any) -> dict[PrimaryMuscle, float]:
    credit: dict[PrimaryMuscle, float] = defaultdict(float)
    for session in sessions:
        for e in session.exercises:
            if e.role in WORKING and e.movement.pattern not in NOT_HARD:
                credit[e.movement.primary_muscle] += e.sets
                for m in e.movement.secondary_muscles:
                    credit[m] += e.sets * 0.5
    return dict(credit)


def hard_sets(sessions: Any) -> int:
    return sum(
        e.sets
        for s in sessions
        for e in s.exercises
        if e.role in WORKING and e.movement.pattern not in NOT_HARD
    )


def violations(plan: ProgramPlan, profile: Profile, catalog: Any, landmarks: Mapping[str, Any]) -> list[str]:
    """Every broken hard rule, in plain words (empty when the plan is sound)."""
    out: list[str] = []
    rules = {catalog.get(r.movement).name: r for r in profile.movement_rules}
    hard_no = {n for n, r in rules.items() if r.rule == MovementRuleType.HARD_NO}
    owned = set(profile.equipment)
    max_skill = SKILLS.index(SkillLevel(MAX_SKILL[profile.experience_level.value]))
    sessions = [s for m in plan.microcycles for s in m.sessions]
    lifting = [s for s in sessions if not s.is_activity]
    allowed = SPLIT_TYPES.get(plan.split_template.value) or {
        SessionType(t) for t in plan.hybrid_definition["rotation"]
    }
    by_date: dict[dt.date, list[Any]] = defaultdict(list)
    for s in lifting:
        by_date[s.date].append(s)

    for s in lifting:
        names = [e.movement.name for e in s.exercises]
        if len(names) != len(set(names)):
            out.append(f"{s.date}: a movement appears twice")
        if s.session_type not in allowed:
            out.append(
                f"{s.date}: {s.session_type.value} is not part of the {plan.split_template.value} split"
            )
        if s.estimated_duration_minutes > profile.session_minutes:
            out.append(f"{s.date}: {s.estimated_duration_minutes} min > {profile.session_minutes}")
        if sum(s.section_minutes.values()) != s.estimated_duration_minutes:
            out.append(f"{s.date}: sections do not sum to the estimate")
        for e in s.exercises:
            m = e.movement
            if m.name in hard_no:
                out.append(f"{s.date}: hard-no {m.name} scheduled")
            if not m.available_with(owned):
                out.append(f"{s.date}: {m.name} needs equipment the lifter lacks")
            if m.name not in rules and SKILLS.index(m.skill_level) > max_skill:
                out.append(f"{s.date}: {m.name} is too advanced")
            if e.sets < 1:
                out.append(f"{s.date}: {m.name} has {e.sets} sets")
        heavy_today = {
            e.movement.pattern
            for e in s.exercises
            if e.role not in LIGHT_ROLES and e.movement.cns_load in HIGH_CNS
        }
        for before in by_date.get(s.date - dt.timedelta(days=1), ()):
            heavy_before = {
                e.movement.pattern
                for e in before.exercises
                if e.role not in LIGHT_ROLES and e.movement.cns_load in HIGH_CNS
            }
            if heavy_today & heavy_before:
                out.append(
                    f"{s.date}: heavy {sorted(p.value for p in heavy_today & heavy_before)} two days running"
                )

    leg_days = [(s.date, id(s)) for s in sessions if s.is_activity and "leg_load" in s.intent_tags]
    leg_days += [
        (s.date, id(s)) for s in lifting if s.session_type == SessionType.CARDIO and "hard" in s.intent_tags
    ]
    for s in lifting:
        if hard_lower(s) and any(abs((s.date - d).days) <= 1 for d, other in leg_days if other != id(s)):
            out.append(
                f"{s.date}: hard lower-body session within a day of leg-heavy activity or hard conditioning"
            )

    for spec in profile.enjoyable_activities:
        dates = sorted(s.date for s in sessions if s.activity == spec.activity)
        if not dates or (dates[0] - plan.start_date).days >= spec.recommend_every_days:
            out.append(f"{spec.activity.value}: first planned too late")
        for a, b in itertools.pairwise(dates):
            if (b - a).days > spec.recommend_every_days:
                out.append(
                    f"{spec.activity.value}: {a} to {b} is longer than every {spec.recommend_every_days} days"
                )

    weeks = plan.microcycles
    for name, rule in rules.items():
        if rule.rule == MovementRuleType.HARD_NO:
            continue
        period = PERIOD[rule.rule][rule.cadence]
        present = [any(e.movement.name == name for s in m.sessions for e in s.exercises) for m in weeks]
        for i in range(max(1, len(present) - period + 1)):
            if not any(present[i : i + period]):
                out.append(f"{name} ({rule.rule.value}) missing from weeks {i + 1}..{i + period}")

    for m in weeks:
        for muscle, sets in weekly_sets(m.sessions).items():
            mark = landmarks.get(muscle.value)
            if mark and sets > mark["mrv"] + 1e-9:
                out.append(f"week {m.sequence_number}: {muscle.value} {sets} sets > MRV {mark['mrv']}")
    block_peak: dict[Any, int] = {}
    for before, m in itertools.pairwise(weeks):
        if before.is_deload:
            block_peak = {}
        else:
            for s in before.sessions:
                if s.key is not None:
                    block_peak[s.key] = max(block_peak.get(s.key, 0), hard_sets([s]))
        if m.is_deload:
            # Like with like: each deload session against the same session's biggest week in the block.
            keyed = [s for s in m.sessions if s.key in block_peak]
            if keyed and hard_sets(keyed) > 0.75 * sum(block_peak[s.key] for s in keyed):
                out.append(f"deload week {m.sequence_number} is not clearly lighter")
            rpe = [e.rpe for s in m.sessions for e in s.exercises if e.role == ExerciseRole.MAIN and e.rpe]
            rpe_before = [
                e.rpe for s in before.sessions for e in s.exercises if e.role == ExerciseRole.MAIN and e.rpe
            ]
            if rpe and rpe_before and max(rpe) >= max(rpe_before):
                out.append(f"deload week {m.sequence_number} is not easier")
    return out
