"""Session time: sets × (work + rest) + transitions; fitting trims accessories, never main lifts."""

from __future__ import annotations

import pytest

from coach.planning.model import PlannedExercise
from coach.planning.timing import fit_ceilings, minutes, pair_antagonists, section_seconds, work_seconds
from coach.planning.tunables import tunables_for
from db.enums import ExerciseRole
from tests.coach.planning.support import library_catalog, library_heuristics

T = tunables_for(library_heuristics())
C = library_catalog()
FLOORS = {"accessory": 2, "main": 2, "warmup_items": 1, "cooldown_items": 1}


def ex(
    name: str, role: ExerciseRole, sets: int, reps: int = 8, rest: int = 90, **kw: object
) -> PlannedExercise:
    e = PlannedExercise(C.get(name), role, sets, rep_min=reps, rep_max=reps, rest_seconds=rest, **kw)  # type: ignore[arg-type]
    e.ceiling = sets
    return e


def test_one_exercise_is_sets_times_work_plus_rests_plus_a_transition() -> None:
    curl = ex("Barbell Curl", ExerciseRole.ACCESSORY, 3, reps=10, rest=60)
    assert work_seconds(curl, T) == 40
    assert section_seconds([curl], T)["accessory"] == 3 * 40 + 2 * 60 + 60


def test_the_first_main_lift_adds_its_ramp_up_sets() -> None:
    squat = ex("Front Squat", ExerciseRole.MAIN, 3, reps=5, rest=180, slot="main0")
    assert section_seconds([squat], T)["main"] == 3 * 20 + 2 * 180 + 60 + 2 * 60


def test_an_antagonist_superset_shares_its_rest() -> None:
    pair = [ex("Barbell Curl", ExerciseRole.ACCESSORY, 3), ex("Triceps Pushdown", ExerciseRole.ACCESSORY, 3)]
    apart = section_seconds(pair, T)["accessory"]
    assert pair_antagonists(pair, 1) == 2 and pair[0].superset_group == pair[1].superset_group == 1
    together = section_seconds(pair, T)["accessory"]
    assert together < apart


def test_minutes_round_up_per_section() -> None:
    assert minutes({"warmup": 61, "main": 0, "accessory": 120, "finisher": 0, "cooldown": 1}) == {
        "warmup": 2,
        "main": 0,
        "accessory": 2,
        "finisher": 0,
        "cooldown": 1,
    }


def test_fitting_trims_accessories_first_and_keeps_every_main_lift() -> None:
    session = [
        ex("Front Squat", ExerciseRole.MAIN, 5, reps=5, rest=180, slot="main0"),
        ex("Romanian Deadlift", ExerciseRole.MAIN, 4, rest=120, slot="main1"),
        ex("Leg Extension", ExerciseRole.ACCESSORY, 4, order=3),
        ex("Lying Leg Curl", ExerciseRole.ACCESSORY, 4, order=4),
        ex("Standing Calf Raise", ExerciseRole.ACCESSORY, 4, order=5),
    ]
    assert fit_ceilings(session, 40, T, floors=FLOORS, next_group=1)
    total = sum(minutes(section_seconds(session, T, sets_of=lambda e: e.ceiling)).values())
    assert total <= 40
    assert [e.ceiling for e in session[:2]] == [5, 4]
    assert sum(e.ceiling for e in session[2:]) < 12


def test_main_lifts_only_lose_sets_when_nothing_else_is_left() -> None:
    session = [ex("Front Squat", ExerciseRole.MAIN, 5, reps=5, rest=180, slot="main0")]
    assert fit_ceilings(session, 12, T, floors=FLOORS, next_group=1)
    assert 2 <= session[0].ceiling < 5


@pytest.mark.parametrize("budget", [1, 3])
def test_fitting_fails_when_required_work_cannot_fit(budget: int) -> None:
    session = [ex("Front Squat", ExerciseRole.MAIN, 3, reps=5, rest=180, slot="main0")]
    assert not fit_ceilings(session, budget, T, floors=FLOORS, next_group=1)
