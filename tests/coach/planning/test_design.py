"""Sessions a coach would sign: design by session type, volume from the landmarks, the lifter's
time used, real sets per exercise, no duplicates, proportional deloads, specific warm-ups.

The two programs of the report that started this are checked by example (their week-one
numbers were: side delts about 1 direct set, biceps 7 against MEVs of 7 and 9, 30 of 75
minutes used, a 1-set lateral raise, a deload with bench at 3 sets and overhead press at 1).
The rules behind them are then checked over random profiles (hypothesis; few examples, since
each program takes tens of milliseconds). What "when time allows" and "when the targets need
it" mean is spelled out in ``design_check``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach.errors import InvalidInput
from coach.planning import generate
from coach.planning.model import ProgramPlan
from coach.profile import Profile
from db.enums import ExerciseRole, Goal, MovementPattern, PrimaryMuscle, ProgressionStyle, SessionType
from tests.coach.planning import design_check as dc
from tests.coach.planning.rules_check import weekly_sets
from tests.coach.planning.support import library_catalog, library_heuristics
from tests.coach.planning.test_properties import profiles

CATALOG = library_catalog()
HEURISTICS = library_heuristics()
LANDMARKS = HEURISTICS["volume_landmarks"]["muscles"]
DELOAD = float(HEURISTICS["deload"]["volume_factor"])
START = dt.date(2026, 12, 7)
P = MovementPattern
M = PrimaryMuscle

#: The report's first program: six days, 75 minutes, hypertrophy first (push/pull/legs).
PPL: dict[str, Any] = {
    "experience_level": "intermediate",
    "days_per_week": 6,
    "session_minutes": 75,
    "goals": [{"goal": "hypertrophy", "weight": 6}, {"goal": "strength", "weight": 4}],
    "start_date": START.isoformat(),
}
#: The report's second program: four days upper/lower, 60 minutes, strength first.
UPPER_LOWER: dict[str, Any] = {
    "experience_level": "intermediate",
    "days_per_week": 4,
    "session_minutes": 60,
    "goals": [
        {"goal": "strength", "weight": 5},
        {"goal": "hypertrophy", "weight": 3},
        {"goal": "fat_loss", "weight": 2},
    ],
    "split_template": "upper_lower",
    "start_date": START.isoformat(),
}


def plan_of(data: dict[str, Any], seed: int | None = None) -> tuple[Profile, ProgramPlan]:
    profile = Profile.parse(data)
    return profile, generate(profile, CATALOG, HEURISTICS, seed=seed, start_date=START)


def sets_limit(profile: Profile) -> int:
    return int(HEURISTICS["experience_limits"][profile.experience_level.value]["max_sets_per_session"])


# --------------------------------------------------------------------------- the report's programs


@pytest.mark.parametrize("data", [PPL, UPPER_LOWER], ids=["ppl", "upper_lower"])
def test_week_one_gives_every_major_muscle_its_mev(data: dict[str, Any]) -> None:
    profile, plan = plan_of(data)
    done = weekly_sets(plan.microcycles[0].sessions)
    short = {
        m.value: (done.get(m, 0.0), target)
        for m, target in dc.first_week_targets(profile, LANDMARKS).items()
        if done.get(m, 0.0) < target
    }
    assert short == {}


@pytest.mark.parametrize("data", [PPL, UPPER_LOWER], ids=["ppl", "upper_lower"])
def test_sessions_cover_what_their_type_is_for(data: dict[str, Any]) -> None:
    _, plan = plan_of(data)
    assert dc.coverage_gaps(plan, LANDMARKS, accessories=True) == []


def test_push_pull_and_leg_days_hold_their_accessories() -> None:
    _, plan = plan_of(PPL)
    for s in dc.strength_sessions(plan.microcycles[0].sessions):
        primaries = [e.movement.primary_muscle for e in dc.working(s)]
        patterns = {e.movement.pattern for e in dc.working(s)}
        if s.session_type == SessionType.PUSH:
            assert {P.HORIZONTAL_PUSH, P.VERTICAL_PUSH} <= patterns
            assert primaries.count(M.CHEST) >= 2 and {M.SIDE_DELTS, M.TRICEPS} <= set(primaries)
            assert (
                any(
                    e.role == ExerciseRole.ACCESSORY and e.movement.primary_muscle == M.CHEST
                    for e in s.exercises
                )
                or sum(
                    e.role == ExerciseRole.MAIN and e.movement.primary_muscle == M.CHEST for e in s.exercises
                )
                >= 2
            )
        elif s.session_type == SessionType.PULL:
            assert {P.HORIZONTAL_PULL, P.VERTICAL_PULL} <= patterns
            assert {M.REAR_DELTS, M.BICEPS} <= set(primaries)
        else:
            calves = [e for e in dc.working(s) if e.movement.primary_muscle == M.CALVES]
            assert {P.SQUAT, P.HINGE} <= patterns and len(calves) == 1
            assert M.HAMSTRINGS in primaries and M.CORE in primaries


def test_upper_days_press_and_pull_both_ways_with_delts_and_arms() -> None:
    _, plan = plan_of(UPPER_LOWER)
    uppers = [s for s in plan.microcycles[0].sessions if s.session_type == SessionType.UPPER]
    assert len(uppers) == 2
    for s in uppers:
        patterns = {e.movement.pattern for e in dc.working(s)}
        assert {P.HORIZONTAL_PUSH, P.HORIZONTAL_PULL} <= patterns
        assert patterns & {P.VERTICAL_PUSH, P.VERTICAL_PULL}
        assert {M.SIDE_DELTS, M.BICEPS, M.TRICEPS} <= {e.movement.primary_muscle for e in dc.working(s)}
    week = {e.movement.pattern for s in uppers for e in dc.working(s)}
    assert {P.VERTICAL_PUSH, P.VERTICAL_PULL} <= week
    # The primary lift alternates: a horizontal press one day, a vertical press the other.
    firsts = {next(e for e in s.exercises if e.role == ExerciseRole.MAIN).movement.pattern for s in uppers}
    assert firsts == {P.HORIZONTAL_PUSH, P.VERTICAL_PUSH}


@pytest.mark.parametrize("data", [PPL, UPPER_LOWER], ids=["ppl", "upper_lower"])
def test_the_lifters_time_is_used(data: dict[str, Any]) -> None:
    profile, plan = plan_of(data)
    assert dc.fill_shortfalls(plan, profile, HEURISTICS, CATALOG) == []
    assert dc.overlong(plan, profile) == []
    budget = profile.session_minutes
    first = [s.estimated_duration_minutes for s in dc.strength_sessions(plan.microcycles[0].sessions)]
    biggest = [s.estimated_duration_minutes for s in dc.strength_sessions(plan.microcycles[2].sessions)]
    # Week one starts near MEV with room to grow; the block's biggest week uses most of the minutes.
    assert sum(first) >= 0.6 * budget * len(first) and max(first) <= budget
    assert sum(biggest) >= 0.8 * budget * len(biggest) and sum(biggest) > sum(first)


def test_a_conditioning_goal_keeps_its_finisher_beside_the_full_design() -> None:
    """Filling the session with accessories must not squeeze out what the fat-loss goal asks for."""
    profile, plan = plan_of(UPPER_LOWER)
    for week in plan.microcycles:
        if week.is_deload:
            continue
        finishers = [s for s in week.sessions if any(e.role == ExerciseRole.FINISHER for e in s.exercises)]
        assert finishers, f"week {week.sequence_number} has no finisher"
        assert all(s.estimated_duration_minutes <= profile.session_minutes for s in finishers)
    assert dc.coverage_gaps(plan, LANDMARKS, accessories=True) == []


@pytest.mark.parametrize("data", [PPL, UPPER_LOWER], ids=["ppl", "upper_lower"])
def test_no_thin_or_duplicated_exercises(data: dict[str, Any]) -> None:
    _, plan = plan_of(data)
    assert dc.thin_exercises(plan) == []
    assert dc.duplicates(plan) == []


def test_the_deload_scales_every_exercise_alike() -> None:
    _, plan = plan_of(PPL)
    assert dc.deload_mismatches(plan, DELOAD) == []
    before, deload = plan.microcycles[2], plan.microcycles[3]
    assert deload.is_deload
    for hard, easy in zip(
        dc.strength_sessions(before.sessions), dc.strength_sessions(deload.sessions), strict=True
    ):
        mains = {e.movement.name: e.sets for e in hard.exercises if e.role == ExerciseRole.MAIN}
        light = {e.movement.name: e.sets for e in easy.exercises if e.role == ExerciseRole.MAIN}
        assert light.keys() == mains.keys()
        # Lifts with alike sets before stay alike: never 3 sets against 1.
        assert max(light.values()) - min(light.values()) <= max(1, max(mains.values()) - min(mains.values()))


@pytest.mark.parametrize("data", [PPL, UPPER_LOWER], ids=["ppl", "upper_lower"])
def test_warm_ups_prepare_the_joints_the_session_loads(data: dict[str, Any]) -> None:
    _, plan = plan_of(data)
    assert dc.warmup_mismatches(plan) == []
    for s in dc.strength_sessions(plan.microcycles[0].sessions):
        drills = {t for e in s.exercises if e.role == ExerciseRole.WARMUP for t in e.movement.tags}
        if s.session_type in (SessionType.LOWER, SessionType.LEGS):
            assert drills & {"hips", "ankles"}
        else:
            assert drills & {"shoulder", "spine", "shoulder_health"}


# --------------------------------------------------------------------------- over random profiles


#: Splits whose every week holds the same sessions (a rotation such as U-L-U, L-U-L plans on
#: its average week, so a week with one lower day less can fall short of it).
STEADY = {3: ["full_body"], 4: ["upper_lower"], 5: [], 6: ["ppl", "upper_lower", "full_body"]}


@st.composite
def coached_profiles(draw: st.DrawFn, build_at_least: int = 3) -> dict[str, Any]:
    """Gym lifters who build muscle or strength (the two weigh at least ``build_at_least``), three
    to six days of 45–90 minutes in a steady split, at the middle-road persona the volume
    landmarks describe."""
    build = draw(st.integers(build_at_least, 10))
    strength = draw(st.integers(0, build))
    rest = 10 - build
    other = draw(st.sampled_from([Goal.FAT_LOSS, Goal.ENDURANCE, Goal.EXPLOSIVENESS, Goal.MOBILITY]))
    goals = [
        {"goal": "strength", "weight": strength},
        {"goal": "hypertrophy", "weight": build - strength},
        {"goal": other.value, "weight": rest},
    ]
    experience = draw(st.sampled_from(["beginner", "intermediate", "advanced", "expert"]))
    minutes = draw(st.sampled_from([45, 60, 75, 90]))
    limit = {"beginner": 360, "intermediate": 600, "advanced": 780, "expert": 900}[experience]
    days = draw(st.integers(3, max(3, min(6, limit // minutes))))
    return {
        "experience_level": experience,
        "days_per_week": days,
        "session_minutes": minutes,
        "goals": goals,
        "split_template": draw(st.sampled_from([None, *STEADY[days]])),
        "progression_style": draw(st.none() | st.sampled_from([s.value for s in ProgressionStyle])),
        "deload_every_n_microcycles": draw(st.integers(3, 6)),
        "start_date": START.isoformat(),
    }


def _coached(data: dict[str, Any], seed: int) -> tuple[Profile, ProgramPlan]:
    profile, plan = plan_of(data, seed)
    return profile, plan


def _found(
    experience: str,
    days: int,
    minutes: int,
    goals: dict[str, int],
    split: str | None,
    deload_every: int,
    style: str | None = None,
) -> dict[str, Any]:
    """A profile the random search once found a defect with, pinned so it stays fixed."""
    return {
        "experience_level": experience,
        "days_per_week": days,
        "session_minutes": minutes,
        "goals": [{"goal": g, "weight": w} for g, w in goals.items()],
        "split_template": split,
        "progression_style": style,
        "deload_every_n_microcycles": deload_every,
        "start_date": START.isoformat(),
    }


#: Upper/lower at 45 minutes with mobility first: every calf raise went while the lower days did
#: not fit at their main lifts' full climb, and none came back once recovery cut those lifts.
CALVES_DROPPED = _found(
    "intermediate", 6, 45, {"strength": 2, "hypertrophy": 3, "mobility": 5}, "upper_lower", 4
)
#: Four days with mobility first: both upper days' side-delt raise was a Y-raise, which the
#: presses' front-delt MRV held at 2 sets, short of MEV, with 20 minutes to spare.
Y_RAISE_HELD = _found("advanced", 4, 90, {"strength": 4, "hypertrophy": 0, "mobility": 6}, None, 3)
#: Push/pull/legs plus upper/lower at 90 minutes: the upper day spent its set limit on sets other
#: muscles needed less while biceps, short, could go nowhere else (the pull day's curl at its cap,
#: every row loading an upper back at its MRV). With a conditioning goal too, no set of the upper
#: day could go to the curl without leaving another muscle shorter (the lat pulldown's set also
#: carries rear-delt credit): a session at its set limit is full, however many minutes it has.
BICEPS_SHORT = _found("intermediate", 5, 90, {"strength": 0, "hypertrophy": 10, "fat_loss": 0}, None, 3)
BICEPS_SHORT_CONDITIONING = _found(
    "intermediate", 5, 90, {"strength": 0, "hypertrophy": 6, "fat_loss": 4}, None, 3
)
#: Core at its MRV from main lifts and core accessories: the pull day's only lat accessory (a
#: straight-arm pulldown, which loads core) never came, lats short with half the session free.
LATS_BEHIND_CORE = _found("advanced", 5, 90, {"strength": 0, "hypertrophy": 6, "endurance": 4}, None, 3)
#: Six upper/lower days at 60 minutes: core past its MRV cost an upper day its triceps extension
#: (core a secondary muscle there) while the core accessories that caused it stayed.
TRICEPS_FOR_CORE = _found(
    "advanced", 6, 60, {"strength": 0, "hypertrophy": 6, "fat_loss": 4}, "upper_lower", 3
)
#: Core past its MRV took an upper day's horizontal press (a cable press that loads core), and a
#: chest fly came in its place: an upper day without a horizontal press.
PRESS_FOR_CORE = _found("advanced", 5, 45, {"strength": 0, "hypertrophy": 3, "fat_loss": 7}, None, 3)
#: Core past its MRV from the conditioning day alone: both triceps extensions (which load core)
#: went, and with them every triceps accessory of the week, the push day a third empty.
TRICEPS_BEHIND_CORE = _found(
    "expert", 6, 75, {"strength": 3, "hypertrophy": 0, "fat_loss": 7}, None, 6, "paused_variations"
)
#: Four days at 60 minutes with an endurance finisher: the second upper day dropped its triceps
#: kickback for time while its overhead press kept a set of its climb.
KICKBACK_FOR_CLIMB = _found("beginner", 4, 60, {"strength": 2, "hypertrophy": 4, "endurance": 4}, None, 3)
#: An upper day whose only row is an accessory, in a program whose upper back sits at its MRV:
#: making room for other work must never take the row.
ROW_AT_MRV = _found(
    "advanced", 6, 75, {"strength": 0, "hypertrophy": 3, "explosiveness": 7}, "upper_lower", 3
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coached_profiles(), st.integers(0, 2**31 - 1))
@example(CALVES_DROPPED, 0)
@example(Y_RAISE_HELD, 2800459)
def test_week_one_reaches_mev_when_the_time_allows(data: dict[str, Any], seed: int) -> None:
    profile, plan = _coached(data, seed)
    assert dc.mev_shortfalls(plan, profile, LANDMARKS, CATALOG, sets_per_session=sets_limit(profile)) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coached_profiles(), st.integers(0, 2**31 - 1))
@example(BICEPS_SHORT, 0)
@example(BICEPS_SHORT_CONDITIONING, 8)
@example(LATS_BEHIND_CORE, 29450)
@example(TRICEPS_BEHIND_CORE, 38248229)
def test_sessions_use_the_minutes_the_targets_need_and_never_more(data: dict[str, Any], seed: int) -> None:
    profile, plan = _coached(data, seed)
    assert dc.overlong(plan, profile) == []
    assert dc.fill_shortfalls(plan, profile, HEURISTICS, CATALOG) == []


def test_a_session_at_its_set_limit_spends_its_sets_where_they_are_needed_most() -> None:
    """The upper day of ``BICEPS_SHORT`` reaches its set limit while biceps, short, can grow
    nowhere else; a set of its lat pulldown (lats nearly at target) goes to its curl instead."""
    _, plan = plan_of(BICEPS_SHORT, 0)
    biggest = plan.microcycles[1]
    assert not biggest.is_deload and plan.microcycles[2].is_deload
    curls = sorted(
        e.sets
        for s in dc.strength_sessions(biggest.sessions)
        for e in dc.working(s)
        if e.movement.primary_muscle == M.BICEPS
    )
    assert curls == [5, 5]
    upper = next(s for s in biggest.sessions if s.session_type == SessionType.UPPER)
    assert sum(e.sets for e in dc.working(upper)) <= sets_limit(Profile.parse(BICEPS_SHORT))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coached_profiles(), st.integers(0, 2**31 - 1))
@example(TRICEPS_FOR_CORE, 0)
@example(PRESS_FOR_CORE, 3)
@example(ROW_AT_MRV, 0)
@example(KICKBACK_FOR_CLIMB, 412421)
def test_every_session_type_covers_its_patterns_and_accessories(data: dict[str, Any], seed: int) -> None:
    profile, plan = _coached(data, seed)
    weights = {g.goal: g.weight for g in profile.goals}
    builds = weights.get(Goal.STRENGTH, 0) + weights.get(Goal.HYPERTROPHY, 0)
    # A conditioning-first lifter's finisher may take the arm work's minutes.
    full = profile.session_minutes >= 60 and builds > 10 - builds
    assert dc.coverage_gaps(plan, LANDMARKS, accessories=full) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.integers(0, 2**31 - 1))
def test_any_program_has_real_sets_no_duplicates_proportional_deloads_and_specific_warmups(
    data: dict[str, Any], seed: int
) -> None:
    profile = Profile.parse(data)
    try:
        plan = generate(profile, CATALOG, HEURISTICS, seed=seed, start_date=START)
    except InvalidInput:
        return  # refusals are test_properties' business
    must_do = frozenset(CATALOG.get(r.movement).name for r in profile.movement_rules)  # type: ignore[union-attr]
    assert dc.thin_exercises(plan, must_do) == []
    assert dc.duplicates(plan, must_do) == []
    assert dc.deload_mismatches(plan, DELOAD) == []
    assert dc.warmup_mismatches(plan) == []
