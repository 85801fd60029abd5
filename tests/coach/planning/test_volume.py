"""Weekly volume from the landmarks: starts near MEV, climbs through a block, stays under MRV."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.planning import generate
from coach.planning.model import PlannedExercise
from coach.planning.tunables import tunables_for
from coach.planning.volume import muscle_credit, weekly_target
from coach.profile import Profile
from db.enums import ExerciseRole, ExperienceLevel, PersonaAggression, PrimaryMuscle
from tests.coach.planning.rules_check import hard_sets
from tests.coach.planning.support import library_catalog, library_heuristics

H = library_heuristics()
T = tunables_for(H)
CATALOG = library_catalog()


def target(muscle: PrimaryMuscle, week: int, **kw: object) -> float:
    options = {
        "emphasis": 1.0,
        "experience": ExperienceLevel.INTERMEDIATE,
        "aggression": PersonaAggression.BALANCED,
        "week_in_block": week,
        "accumulation_weeks": 3,
    }
    options.update(kw)
    return weekly_target(T, muscle, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("muscle", [PrimaryMuscle.CHEST, PrimaryMuscle.QUADRICEPS, PrimaryMuscle.SIDE_DELTS])
def test_targets_start_at_mev_and_climb_toward_mav(muscle: PrimaryMuscle) -> None:
    mark = T.landmarks[muscle]
    weeks = [target(muscle, w) for w in range(3)]
    assert weeks[0] == pytest.approx(mark.mev)
    assert weeks[0] < weeks[1] < weeks[2] <= mark.mrv
    assert weeks[2] == pytest.approx(min(mark.mav_high, mark.mrv))


def test_goal_emphasis_experience_and_aggression_scale_the_target() -> None:
    chest = PrimaryMuscle.CHEST
    assert target(chest, 2, emphasis=0.55) < target(chest, 2, emphasis=1.0)
    assert target(chest, 2, experience=ExperienceLevel.BEGINNER) < target(chest, 2)
    levels = [target(chest, 2, aggression=a) for a in PersonaAggression]
    assert levels == sorted(levels) and levels[0] < levels[-1]
    assert all(T.landmarks[chest].mv <= v <= T.landmarks[chest].mrv for v in levels)


def test_credit_counts_primary_whole_secondary_half_and_skips_non_working_sets() -> None:
    bench = CATALOG.get("Barbell Bench Press")
    stretch = CATALOG.get("Doorway Pec Stretch")
    credit = muscle_credit(
        [PlannedExercise(bench, ExerciseRole.MAIN, 4), PlannedExercise(stretch, ExerciseRole.COOLDOWN, 1)],
        0.5,
    )
    assert credit[PrimaryMuscle.CHEST] == 4
    assert all(credit[m] == 2 for m in bench.secondary_muscles)


def test_weekly_volume_rises_through_a_block_and_drops_in_the_deload() -> None:
    profile = Profile.parse(
        {
            "days_per_week": 4,
            "session_minutes": 90,
            "goals": [{"goal": "hypertrophy", "weight": 10}],
            "duration_weeks": 8,
            "deload_every_n_microcycles": 4,
        }
    )
    plan = generate(profile, CATALOG, H, seed=2, start_date=dt.date(2026, 1, 5))
    totals = [hard_sets(m.sessions) for m in plan.microcycles]
    assert totals[0] < totals[1] < totals[2] and totals[4] < totals[5] < totals[6]
    assert plan.microcycles[3].is_deload and totals[3] <= 0.75 * totals[2]
    assert totals[7] <= 0.75 * totals[6]
