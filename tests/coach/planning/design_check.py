"""Independent checks of how a coach would judge a generated program's sessions.

Like ``rules_check``, written against the plan's public data and the published figures in
``heuristics.yaml`` (volume landmarks, deload factor), not against the generator's internals:
what each session type covers, weekly hard sets against MEV, how much of the lifter's time the
sessions use, sets per exercise, duplicates, deload proportions and session-specific warm-ups.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from coach.planning.model import PlannedSession, ProgramPlan
from coach.profile import Profile
from db.enums import ExerciseRole, Goal, MovementPattern, PersonaAggression, PrimaryMuscle, SessionType
from tests.coach.planning.rules_check import NOT_HARD, WORKING, weekly_sets

P = MovementPattern
S = SessionType
#: Muscles the strength and hypertrophy goals care about: each should get its MEV in week one.
MAJOR = (
    PrimaryMuscle.CHEST,
    PrimaryMuscle.LATS,
    PrimaryMuscle.UPPER_BACK,
    PrimaryMuscle.QUADRICEPS,
    PrimaryMuscle.HAMSTRINGS,
    PrimaryMuscle.GLUTES,
    PrimaryMuscle.BICEPS,
    PrimaryMuscle.TRICEPS,
    PrimaryMuscle.SIDE_DELTS,
    PrimaryMuscle.REAR_DELTS,
    PrimaryMuscle.CALVES,
    PrimaryMuscle.CORE,
)
#: Session types and the muscles they train (the split's job description).
TRAINS: dict[SessionType, frozenset[PrimaryMuscle]] = {
    S.UPPER: frozenset(MAJOR[:3] + MAJOR[6:10]),
    S.PUSH: frozenset({PrimaryMuscle.CHEST, PrimaryMuscle.TRICEPS, PrimaryMuscle.SIDE_DELTS}),
    S.PULL: frozenset(
        {PrimaryMuscle.LATS, PrimaryMuscle.UPPER_BACK, PrimaryMuscle.BICEPS, PrimaryMuscle.REAR_DELTS}
    ),
    S.LOWER: frozenset(MAJOR[3:6] + MAJOR[10:]),
    S.LEGS: frozenset(MAJOR[3:6] + MAJOR[10:]),
    S.FULL_BODY: frozenset(MAJOR),
}
EXPERIENCE_SCALE = {"beginner": 0.7, "intermediate": 1.0, "advanced": 1.1, "expert": 1.15}


def strength_sessions(sessions: Iterable[PlannedSession]) -> list[PlannedSession]:
    return [s for s in sessions if not s.is_activity and s.session_type in TRAINS]


def normal_weeks(plan: ProgramPlan) -> list[Any]:
    return [m for m in plan.microcycles if not m.is_deload]


def working(session: PlannedSession) -> list[Any]:
    """Hard-set work: main lifts and accessories, without mobility, cardio or conditioning."""
    return [e for e in session.exercises if e.role in WORKING and e.movement.pattern not in NOT_HARD]


def _has(session: PlannedSession, *patterns: MovementPattern) -> bool:
    return any(e.movement.pattern in patterns for e in working(session))


def _trains(session: PlannedSession, muscle: PrimaryMuscle) -> bool:
    return any(e.movement.primary_muscle == muscle for e in working(session))


def block_peaks(plan: ProgramPlan) -> list[dict[PrimaryMuscle, float]]:
    """For each week, the most weekly sets each muscle gets in any week of its block: sessions
    are planned per block and sets never fall within one, so a limit that binds in the block's
    biggest week shapes all of its weeks."""
    every = plan.deload_every_n_microcycles
    peak: dict[int, dict[PrimaryMuscle, float]] = defaultdict(lambda: defaultdict(float))
    for i, week in enumerate(plan.microcycles):
        for m, v in weekly_sets(week.sessions).items():
            peak[i // every][m] = max(peak[i // every][m], v)
    return [peak[i // every] for i in range(len(plan.microcycles))]


def slot_peaks(plan: ProgramPlan) -> list[dict[Any, tuple[int, int, int]]]:
    """For each week, the most minutes, hard sets and working exercises each session slot has in
    any hard week of its block (the block's biggest week is where a limit binds)."""
    every = plan.deload_every_n_microcycles
    peak: dict[int, dict[Any, tuple[int, int, int]]] = defaultdict(dict)
    for i, week in enumerate(plan.microcycles):
        if week.is_deload:
            continue
        for s in strength_sessions(week.sessions):
            now = (s.estimated_duration_minutes, sum(e.sets for e in working(s)), len(working(s)))
            before = peak[i // every].get(s.key, (0, 0, 0))
            peak[i // every][s.key] = tuple(max(a, b) for a, b in zip(before, now, strict=True))  # type: ignore[assignment]
    return [peak[i // every] for i in range(len(plan.microcycles))]


def _isolates(session: PlannedSession, muscle: PrimaryMuscle) -> bool:
    return any(
        e.movement.primary_muscle == muscle and e.movement.pattern == P.ISOLATION for e in working(session)
    )


def _patterns(s: PlannedSession) -> list[tuple[str, bool]]:
    """The movement patterns a session of its type must hold."""
    t = s.session_type
    if t == S.UPPER:
        return [
            ("horizontal press", _has(s, P.HORIZONTAL_PUSH)),
            ("horizontal pull", _has(s, P.HORIZONTAL_PULL)),
            ("vertical press or pull", _has(s, P.VERTICAL_PUSH, P.VERTICAL_PULL)),
        ]
    if t == S.PUSH:
        return [
            ("horizontal press", _has(s, P.HORIZONTAL_PUSH)),
            ("vertical press", _has(s, P.VERTICAL_PUSH)),
        ]
    if t == S.PULL:
        return [("vertical pull", _has(s, P.VERTICAL_PULL)), ("horizontal pull", _has(s, P.HORIZONTAL_PULL))]
    if t in (S.LOWER, S.LEGS):
        return [("squat", _has(s, P.SQUAT)), ("hinge", _has(s, P.HINGE))]
    return [
        # A lunge is a squat on one leg: the third full-body day's lower-body lift.
        ("squat, hinge or lunge", _has(s, P.SQUAT, P.HINGE, P.LUNGE)),
        ("press", _has(s, P.HORIZONTAL_PUSH, P.VERTICAL_PUSH)),
        ("pull", _has(s, P.HORIZONTAL_PULL, P.VERTICAL_PULL)),
    ]


def _accessories(s: PlannedSession) -> list[tuple[str, PrimaryMuscle, bool]]:
    """The accessory work a session of its type must hold, with the muscle it is for."""
    t = s.session_type
    m = PrimaryMuscle
    if t == S.UPPER:
        return [(x.value, x, _trains(s, x)) for x in (m.SIDE_DELTS, m.BICEPS, m.TRICEPS)]
    if t == S.PUSH:
        chest = [e for e in working(s) if e.movement.primary_muscle == m.CHEST]
        extra = len(chest) >= 2 or any(e.role == ExerciseRole.ACCESSORY for e in chest)
        return [("chest accessory", m.CHEST, extra)] + [
            (x.value, x, _trains(s, x)) for x in (m.SIDE_DELTS, m.TRICEPS)
        ]
    if t == S.PULL:
        return [(x.value, x, _trains(s, x)) for x in (m.REAR_DELTS, m.BICEPS)]
    if t in (S.LOWER, S.LEGS):
        hinges = sum(1 for e in working(s) if e.movement.pattern == P.HINGE)
        return [
            ("unilateral or quad accessory", m.QUADRICEPS, _has(s, P.LUNGE) or _isolates(s, m.QUADRICEPS)),
            ("hamstring curl or hinge accessory", m.HAMSTRINGS, hinges >= 2 or _isolates(s, m.HAMSTRINGS)),
            ("calves", m.CALVES, _trains(s, m.CALVES)),
            ("core", m.CORE, _trains(s, m.CORE) or _trains(s, m.OBLIQUES)),
        ]
    return []


def coverage_gaps(plan: ProgramPlan, landmarks: Mapping[str, Any], *, accessories: bool) -> list[str]:
    """Patterns (and, with ``accessories``, accessory work) each session type must cover.

    Recovery wins over design: accessory work for a muscle within three sets of its MRV in some
    week of the block (sessions are planned per block) may give way, and a light-legs day (kept
    light next to leg-heavy sport) needs its patterns only.
    """
    out: list[str] = []
    peaks = block_peaks(plan)
    for i, week in enumerate(plan.microcycles):
        if week.is_deload:
            continue
        uppers = [s for s in week.sessions if s.session_type == S.UPPER]
        if len(uppers) >= 2 and not (
            any(_has(s, P.VERTICAL_PULL) for s in uppers) and any(_has(s, P.VERTICAL_PUSH) for s in uppers)
        ):
            out.append(f"week {week.sequence_number}: upper days never press and pull vertically both")
        done = peaks[i]
        for s in strength_sessions(week.sessions):
            needs = _patterns(s)
            if accessories and "light_legs" not in s.intent_tags:
                needs += [
                    (what, ok)
                    for what, muscle, ok in _accessories(s)
                    # An accessory at its floor of 2 sets would pass the MRV.
                    if done.get(muscle, 0.0) + 3 <= landmarks[muscle.value]["mrv"]
                ]
            out += [f"{s.date} {s.session_type.value}: no {what}" for what, ok in needs if not ok]
    return out


def builds_muscle(profile: Profile) -> bool:
    """Strength and hypertrophy together weigh enough for every major muscle to matter."""
    weights = {g.goal: g.weight for g in profile.goals}
    return weights.get(Goal.HYPERTROPHY, 0) + weights.get(Goal.STRENGTH, 0) >= 3


def first_week_targets(profile: Profile, landmarks: Mapping[str, Any]) -> dict[PrimaryMuscle, float]:
    """Week one's weekly sets per major muscle for the middle-road persona: MEV, scaled by
    experience (a calmer persona scales it down, a bolder one never does less)."""
    if not builds_muscle(profile):
        return {}
    scale = EXPERIENCE_SCALE[profile.experience_level.value]
    return {m: landmarks[m.value]["mev"] * scale for m in MAJOR}


def _loaded_with(catalog: Any, muscle: PrimaryMuscle) -> frozenset[PrimaryMuscle]:
    """Muscles every isolation exercise for ``muscle`` also loads (every lateral raise loads the
    upper back): when one of them is at its MRV, more work for ``muscle`` is off the table."""
    sets = [
        frozenset(m.secondary_muscles)
        for m in catalog.movements
        if m.primary_muscle == muscle and m.pattern == P.ISOLATION
    ]
    return frozenset.intersection(*sets) if sets else frozenset()


def mev_shortfalls(
    plan: ProgramPlan,
    profile: Profile,
    landmarks: Mapping[str, Any],
    catalog: Any,
    *,
    full: float = 0.85,
    exercises: int = 8,
    sets_per_session: int = 26,
) -> list[str]:
    """Goal muscles short of MEV in week one although a session that trains them had time left.

    Sets never fall through a block, so a session has time to spare only if its slot stays
    short of ``full`` of the minutes in every hard week of the first block, holds fewer than
    ``exercises`` working exercises and stays under the experience level's ``sets_per_session``;
    a light-legs day (hard leg work kept away from leg-heavy sport) is full by design. Recovery
    comes first: a
    muscle whose every isolation exercise loads a muscle at its MRV in the block's biggest week
    may stay short.
    """
    week = plan.microcycles[0]
    sessions = strength_sessions(week.sessions)
    done = weekly_sets(week.sessions)
    slots = slot_peaks(plan)[0]
    peak = block_peaks(plan)[0]
    out = []
    for muscle, target in first_week_targets(profile, landmarks).items():
        hosts = [s for s in sessions if muscle in TRAINS[s.session_type]]
        if not hosts or done.get(muscle, 0.0) >= target - 1e-9:
            continue
        if any(peak[m] >= landmarks[m.value]["mrv"] - 1 for m in _loaded_with(catalog, muscle)):
            continue
        roomy = [
            s
            for s in hosts
            if slots[s.key][0] < full * profile.session_minutes
            and slots[s.key][1] < sets_per_session - 1
            and slots[s.key][2] < exercises
            and "light_legs" not in s.intent_tags
        ]
        if roomy:
            out.append(
                f"{muscle.value}: {done.get(muscle, 0.0):g} sets in week 1 < MEV {target:g}, "
                f"yet {roomy[0].date} uses {roomy[0].estimated_duration_minutes}/{profile.session_minutes} min"
            )
    return out


def thin_exercises(plan: ProgramPlan, exempt: frozenset[str] = frozenset()) -> list[str]:
    """Working exercises below two sets in a normal week (a lone set is not a training stimulus);
    ``exempt`` movements (the lifter's must-dos) may be squeezed to one in a short session."""
    return [
        f"{s.date}: {e.movement.name} {e.sets} set"
        for week in normal_weeks(plan)
        for s in strength_sessions(week.sessions)
        for e in working(s)
        if e.sets < 2 and e.movement.name not in exempt
    ]


def overlong(plan: ProgramPlan, profile: Profile) -> list[str]:
    return [
        f"{s.date}: {s.estimated_duration_minutes} min > {profile.session_minutes}"
        for s in plan.sessions
        if not s.is_activity and s.estimated_duration_minutes > profile.session_minutes
    ]


def duplicates(plan: ProgramPlan, exempt: frozenset[str] = frozenset()) -> list[str]:
    """Two movements of one substitution group, or two isolation exercises for one muscle, in a
    strength session (conditioning circuits are the library's fixed sequences)."""
    out = []
    for s in strength_sessions(plan.sessions):
        groups: dict[str, list[str]] = defaultdict(list)
        isolation: dict[PrimaryMuscle, list[str]] = defaultdict(list)
        for e in s.exercises:
            m = e.movement
            if e.role == ExerciseRole.FINISHER or m.name in exempt:
                continue
            if m.substitution_group:
                groups[m.substitution_group].append(m.name)
            if e.role in WORKING and m.pattern == P.ISOLATION:
                isolation[m.primary_muscle].append(m.name)
        out += [f"{s.date}: {names} share {g}" for g, names in groups.items() if len(names) > 1]
        out += [
            f"{s.date}: {names} both isolate {m.value}" for m, names in isolation.items() if len(names) > 1
        ]
    return out


def deload_mismatches(plan: ProgramPlan, factor: float) -> list[str]:
    """Every deload exercise keeps ``factor`` of its sets in the block's last hard week (at least 1).

    Sessions changed for that one week (a must-do movement added, a heavy lift swapped: their
    ``adjustments`` say so) are left out: the deload scales the block's plan, not the exception.
    """
    out = []
    weeks = plan.microcycles
    for before, week in itertools.pairwise(weeks):
        if not week.is_deload or before.is_deload:
            continue

        def slot(s: PlannedSession) -> tuple[Any, bool]:
            return s.key, "light_legs" in s.intent_tags

        peak = {
            (slot(s), e.movement.name): e.sets
            for s in before.sessions
            if not s.adjustments
            for e in s.exercises
            if e.role in WORKING
        }
        for s in week.sessions:
            if s.adjustments:
                continue
            for e in s.exercises:
                sets = peak.get((slot(s), e.movement.name))
                if e.role not in WORKING or sets is None:
                    continue
                expected = max(1, math.floor(factor * sets + 0.5))
                if e.sets != expected:
                    out.append(f"{s.date}: {e.movement.name} {e.sets} sets in the deload, {sets} before")
    return out


#: Warm-up drill tags that prepare each session type.
WARMUP_FOCUS = {
    S.UPPER: {"shoulder", "spine", "shoulder_health"},
    S.PUSH: {"shoulder", "spine", "shoulder_health", "wrists"},
    S.PULL: {"shoulder", "spine", "shoulder_health"},
    S.LOWER: {"hips", "ankles", "activation", "hinge_teaching"},
    S.LEGS: {"hips", "ankles", "activation", "hinge_teaching"},
}


def warmup_mismatches(plan: ProgramPlan) -> list[str]:
    """Warm-ups prepare the session's joints, and the first main lift has ramp-up sets."""
    out = []
    for s in strength_sessions(plan.sessions):
        focus = WARMUP_FOCUS.get(s.session_type)
        drills = [e.movement for e in s.exercises if e.role == ExerciseRole.WARMUP]
        if focus and drills and sum(1 for m in drills if m.tags & focus) < max(1, min(2, len(drills) // 2)):
            out.append(
                f"{s.date} {s.session_type.value}: warm-up {[m.name for m in drills]} misses {sorted(focus)}"
            )
        mains = [e for e in s.exercises if e.role == ExerciseRole.MAIN]
        if mains and "ramp up" not in (mains[0].notes or "").lower():
            out.append(f"{s.date}: {mains[0].movement.name} has no ramp-up sets")
    return out


def week_targets(
    plan: ProgramPlan, profile: Profile, heuristics: Mapping[str, Any]
) -> list[dict[PrimaryMuscle, float]]:
    """Each week's weekly-set targets (the generator's published ramp: MEV up toward MAV)."""
    from coach.planning.prescription import GoalMix, doses_for
    from coach.planning.tunables import tunables_for
    from coach.planning.volume import weekly_target

    t = tunables_for(heuristics)
    emphasis = doses_for(
        GoalMix({g.goal: g.weight for g in profile.goals if g.weight > 0}), t
    ).volume_emphasis
    every = profile.deload_every_n_microcycles
    total = len(plan.microcycles)
    out = []
    for i in range(total):
        in_block = min(every, total - i // every * every)
        accumulation = in_block - 1 if in_block == every else in_block
        out.append(
            {
                m: weekly_target(
                    t,
                    m,
                    emphasis=emphasis,
                    experience=profile.experience_level,
                    # A bolder persona adds its extra volume as the block goes on; it is held to
                    # the middle road's targets, a calmer one to its own.
                    aggression=min(profile.persona_aggression, PersonaAggression.BALANCED),
                    week_in_block=min(i % every, accumulation - 1),
                    accumulation_weeks=accumulation,
                )
                for m in MAJOR
            }
        )
    return out


def _held_back(
    muscle: PrimaryMuscle,
    sessions: Iterable[PlannedSession],
    peak: Mapping[PrimaryMuscle, float],
    landmarks: Mapping[str, Any],
    catalog: Any,
    full: Callable[[PlannedSession], bool],
    per_session: float,
) -> bool:
    """Whether recovery, the set cap or the clock keeps ``muscle`` where it is: each exercise the
    week gives it already has 5 sets, loads a muscle at its MRV in the block's biggest week, sits
    in a session that is ``full`` (its minutes, or the experience level's sets per session) or
    already gives the muscle (nearly) its ``per_session`` cap (and, with none, every isolation
    exercise for it would load a muscle at its MRV)."""

    def at_mrv(muscles: Iterable[PrimaryMuscle]) -> bool:
        return any(peak.get(m, 0.0) >= landmarks[m.value]["mrv"] - 1 for m in muscles)

    work = [(s, e) for s in sessions for e in working(s) if e.movement.primary_muscle == muscle]
    if not work:
        return at_mrv((muscle, *_loaded_with(catalog, muscle)))
    return all(
        e.sets >= 5
        or full(s)
        or weekly_sets([s]).get(muscle, 0.0) >= per_session - 1
        or at_mrv((muscle, *e.movement.secondary_muscles))
        for s, e in work
    )


def fill_shortfalls(
    plan: ProgramPlan,
    profile: Profile,
    heuristics: Mapping[str, Any],
    catalog: Any,
    *,
    share: float = 0.75,
    slack: float = 1.5,
) -> list[str]:
    """Sessions of a block's first or biggest week under ``share`` of the lifter's minutes while
    a goal muscle they train is short of that week's target by more than ``slack`` sets — and
    could take more work (see ``_held_back``), the session is not light, and its slot stays under
    the product's working exercises and sets per session in every week of the block.

    Those two weeks are the ones a block is sized for (a start near MEV, a top toward MAV); the
    weeks between climb from one to the other in whole sets per exercise, and a wave-loaded lift
    holds its sets until its double wave, so they may sit a step behind the smooth ramp."""
    landmarks = heuristics["volume_landmarks"]["muscles"]
    limit = heuristics["experience_limits"][profile.experience_level.value]["max_sets_per_session"]
    exercises = heuristics["selection"]["max_work_exercises"]
    per_session = float(heuristics["volume_landmarks"]["max_sets_per_muscle_per_session"])
    if not builds_muscle(profile):
        return []
    targets = week_targets(plan, profile, heuristics)
    peaks = block_peaks(plan)
    slots = slot_peaks(plan)
    out = []
    weeks = plan.microcycles
    for i, week in enumerate(weeks):
        first = i == 0 or weeks[i - 1].is_deload
        biggest = i == len(weeks) - 1 or weeks[i + 1].is_deload
        if week.is_deload or not (first or biggest):
            continue
        done = weekly_sets(week.sessions)
        for s in strength_sessions(week.sessions):
            _, most_sets, most_exercises = slots[i][s.key]
            if (
                s.estimated_duration_minutes >= share * profile.session_minutes
                or "light_legs" in s.intent_tags
                or most_exercises >= exercises
                or most_sets >= limit - 1
            ):
                continue
            for muscle in sorted(TRAINS[s.session_type], key=lambda m: m.value):
                if done.get(muscle, 0.0) >= targets[i][muscle] - slack:
                    continue

                def full(other: PlannedSession, i: int = i) -> bool:
                    # A session at the experience level's sets per session takes no more sets,
                    # however many minutes it has left.
                    minutes, sets, _ = slots[i].get(other.key, (0, 0, 0))
                    return minutes >= 0.9 * profile.session_minutes or sets >= limit

                if _held_back(muscle, week.sessions, peaks[i], landmarks, catalog, full, per_session):
                    continue
                out.append(
                    f"{s.date} {s.session_type.value}: {s.estimated_duration_minutes}/{profile.session_minutes} min "
                    f"while {muscle.value} has {done.get(muscle, 0.0):g} of {targets[i][muscle]:.1f} sets"
                )
    return out
