"""The five progression styles are distinct week-to-week schemes; main lifts hold still in a block."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from coach.planning import generate
from coach.planning.prescription import Dose
from coach.planning.progression import deload_rpe, load_step_kg, main_week
from coach.planning.tunables import tunables_for
from coach.profile import Profile
from db.enums import ExerciseRole, PersonaAggression, ProgressionStyle
from tests.coach.planning.support import library_catalog, library_heuristics

H = library_heuristics()
T = tunables_for(H)
DOSE = Dose(reps=(4, 8), sets=(3, 5), rpe=(7.0, 8.5), rest_seconds=180)
A = PersonaAggression.BALANCED
P = ProgressionStyle


def weeks(style: ProgressionStyle, base_sets: int = 4, aggression: PersonaAggression = A) -> list:
    return [
        main_week(style, DOSE, w, base_sets=base_sets, aggression=aggression, lower_body=True, t=T)
        for w in range(3)
    ]


def test_single_progression_keeps_reps_and_adds_load() -> None:
    plan = weeks(P.SINGLE_PROGRESSION)
    assert {(w.rep_min, w.rep_max) for w in plan} == {(6, 6)}
    assert [w.rpe for w in plan] == sorted(w.rpe for w in plan) and plan[0].rpe < plan[2].rpe
    assert "5 kg" in plan[0].notes


def test_double_progression_climbs_the_rep_range_at_one_load() -> None:
    plan = weeks(P.DOUBLE_PROGRESSION)
    assert [w.rep_min for w in plan] == [4, 5, 6] and {w.rep_max for w in plan} == {8}
    assert "reaches 8" in plan[0].notes


def test_paused_variations_shorten_the_pause() -> None:
    plan = weeks(P.PAUSED_VARIATIONS)
    pauses = [int(w.notes.split("Pause ")[1].split(" s")[0]) for w in plan]
    assert pauses == [3, 3, 2] and all(w.rep_min == w.rep_max <= 6 for w in plan)


def test_build_to_drop_has_a_top_set_and_lighter_back_offs() -> None:
    plan = weeks(P.BUILD_TO_DROP)
    assert [w.rpe for w in plan] == [8.0, 8.5, 9.0]
    assert "back-off sets 10% lighter" in plan[0].notes and "3 back-off" in plan[0].notes


def test_wave_loading_runs_descending_waves() -> None:
    plan = weeks(P.WAVE_LOADING)
    assert [(w.rep_max, w.rep_min) for w in plan] == [(7, 3), (6, 2), (5, 1)]
    assert {w.sets for w in plan} == {3} and {w.sets for w in weeks(P.WAVE_LOADING, base_sets=5)} == {6}


def test_the_five_styles_differ() -> None:
    schemes = {style: [(w.rep_min, w.rep_max, w.rpe) for w in weeks(style)] for style in P}
    assert len({tuple(v) for v in schemes.values()}) == 5


def test_aggression_speeds_progression_and_raises_effort_within_its_ceiling() -> None:
    steps = [load_step_kg(T, a, lower_body=False) for a in PersonaAggression]
    assert steps == sorted(steps) and steps[0] < steps[-1]
    calm = weeks(P.SINGLE_PROGRESSION, aggression=PersonaAggression.CONSERVATIVE)
    bold = weeks(P.SINGLE_PROGRESSION, aggression=PersonaAggression.AGGRESSIVE)
    assert all(c.rpe <= b.rpe for c, b in zip(calm, bold, strict=True))
    assert max(w.rpe for w in calm) <= 8.0


def test_deload_effort_leaves_reps_in_reserve() -> None:
    assert deload_rpe(T, 8.5) == 6.0 and deload_rpe(T, 7.0) == 5.5 and deload_rpe(T, None) is None


@pytest.mark.parametrize("style", list(P))
def test_main_lifts_stay_put_within_each_block(style: ProgressionStyle) -> None:
    profile = Profile.parse(
        {
            "days_per_week": 3,
            "goals": [{"goal": "strength", "weight": 7}, {"goal": "hypertrophy", "weight": 3}],
            "progression_style": style.value,
            "duration_weeks": 12,
        }
    )
    plan = generate(profile, library_catalog(), H, seed=5, start_date=dt.date(2026, 1, 5))
    assert plan.progression_style == style
    mains: dict[tuple, set[str]] = defaultdict(set)
    for cycle in plan.microcycles:
        block = (cycle.sequence_number - 1) // 4
        for session in cycle.sessions:
            for e in session.exercises:
                if e.role == ExerciseRole.MAIN and not session.adjustments:
                    mains[(block, session.key, e.slot)].add(e.movement.name)
    assert mains and all(len(names) == 1 for names in mains.values())
