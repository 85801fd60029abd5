"""Adaptation decisions and their bounded changes, table-driven on a real session's rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.planning import generate
from coach.planning.tunables import tunables_for
from coach.profile import Profile
from coach.today.adapt import KEEP, MOVE, REDUCE, SWAP, Verdict, apply, judge
from coach.today.readiness import Inputs
from db.enums import ExerciseRole, PrimaryMuscle
from tests.coach.planning.support import PROFILE, library_catalog, library_heuristics

H = library_heuristics()
T = tunables_for(H)
CATALOG = library_catalog()
IDS = {m.name: i for i, m in enumerate(CATALOG.movements, start=1)}
MOVEMENTS = {IDS[m.name]: replace(m, id=IDS[m.name]) for m in CATALOG.movements}
PLAN = generate(Profile.parse(PROFILE), CATALOG, H, seed=1)


def rows(session_type: str, nth: int = 0) -> list[dict]:
    session = [s for s in PLAN.microcycles[1].sessions if s.session_type.value == session_type][nth]
    return [
        {
            "movement_id": IDS[e.movement.name],
            "role": e.role.value,
            "order_in_session": e.order,
            "superset_group": e.superset_group,
            "target_sets": e.sets,
            "target_rep_range_min": e.rep_min,
            "target_rep_range_max": e.rep_max,
            "target_rpe": e.rpe,
            "target_rir": e.rir,
            "target_duration_seconds": e.duration_seconds,
            "default_rest_seconds": e.rest_seconds,
            "is_complex_lift": False,
            "substitution_allowed": True,
            "notes": e.notes,
        }
        for e in session.exercises
    ]


LOWER, UPPER = rows("lower"), rows("upper")


@pytest.mark.parametrize(
    ("inputs", "session", "decision"),
    [
        (Inputs(), LOWER, KEEP),
        (Inputs(readiness=80, sleep_hours=8), LOWER, KEEP),
        (Inputs(sleep_hours=5.0), LOWER, KEEP),
        (Inputs(readiness=40, sleep_hours=5.0), LOWER, REDUCE),
        (Inputs(readiness=20, sleep_hours=4.0), LOWER, REDUCE),
        (Inputs(readiness=40, low_readiness_days=3), UPPER, REDUCE),
        (Inputs(soreness={"chest": 3}), UPPER, REDUCE),
        (Inputs(soreness={"chest": 4}), UPPER, SWAP),
        (Inputs(soreness={"chest": 4}), LOWER, KEEP),
        (Inputs(soreness={"quadriceps": 5, "hamstrings": 4, "glutes": 4}), LOWER, MOVE),
        (Inputs(legs_loaded=["tennis"]), LOWER, MOVE),
        (Inputs(legs_loaded=["tennis"]), UPPER, KEEP),
    ],
)
def test_decisions(inputs: Inputs, session: list[dict], decision: str) -> None:
    verdict = judge(inputs, session, MOVEMENTS, T)
    assert verdict.decision == decision
    assert verdict.reasons or decision == KEEP


def working(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["role"] in ("main", "accessory")]


def no_swap(row: dict, spare: frozenset) -> None:
    return None


def test_reduce_takes_one_set_and_adds_a_rep_in_reserve_everywhere() -> None:
    out = apply(LOWER, Verdict(REDUCE, reduce_all=True), MOVEMENTS, T, no_swap)
    for before, after in zip(working(LOWER), working(out), strict=True):
        assert after["target_sets"] == max(1, before["target_sets"] - 1)
        assert after["target_rpe"] == max(5.0, before["target_rpe"] - 1)
        assert after["target_rir"] == round(10 - after["target_rpe"])
    assert [r["movement_id"] for r in out] == [r["movement_id"] for r in LOWER]


def test_easy_caps_effort_and_drops_the_finisher() -> None:
    session = next(r for r in (UPPER, LOWER, rows("upper", 1)) if any(x["role"] == "finisher" for x in r))
    out = apply(session, Verdict(REDUCE, easy=True), MOVEMENTS, T, no_swap)
    assert not any(r["role"] == "finisher" for r in out)
    assert all(r["target_rpe"] <= 6.5 for r in working(out))
    assert [r["order_in_session"] for r in out] == list(range(1, len(out) + 1))


def test_soreness_swaps_exercises_that_load_the_sore_muscle() -> None:
    fly = MOVEMENTS[IDS["Face Pull"]]
    chest = PrimaryMuscle.CHEST
    verdict = Verdict(SWAP, spare=frozenset({chest}))
    out = apply(UPPER, verdict, MOVEMENTS, T, lambda row, spare: fly)
    assert any(r["movement_id"] == fly.id for r in out)
    for row, new in zip(UPPER, out, strict=True):
        working = ExerciseRole(row["role"]) in (ExerciseRole.MAIN, ExerciseRole.ACCESSORY, ExerciseRole.SKILL)
        if MOVEMENTS[row["movement_id"]].primary_muscle == chest and working:
            assert new["movement_id"] == fly.id and "sore chest" in new["notes"]
            assert new["target_sets"] == row["target_sets"]


def test_tender_muscles_lose_one_set_only_where_loaded() -> None:
    out = apply(UPPER, Verdict(REDUCE, reduce_for=frozenset({PrimaryMuscle.TRICEPS})), MOVEMENTS, T, no_swap)
    for before, after in zip(UPPER, out, strict=True):
        m = MOVEMENTS[before["movement_id"]]
        hit = before["role"] in ("main", "accessory") and PrimaryMuscle.TRICEPS in (
            m.primary_muscle,
            *m.secondary_muscles,
        )
        assert after["target_sets"] == (max(1, before["target_sets"] - 1) if hit else before["target_sets"])
