"""Progress figures from plain rows, checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.catalog import Catalog, MovementInfo
from coach.progress.metrics import (
    adherence,
    exposures_from_daily_bests,
    hard_sets_per_muscle,
    is_hard_set,
    lift_trends,
    pattern_strength_index,
    planned_sets_per_muscle,
    streak,
)
from db.enums import MovementPattern as P
from db.enums import PrimaryMuscle as M
from db.library import default_library

_LIBRARY = Catalog.from_library(default_library())
NAMES = (
    "Barbell Back Squat",
    "Goblet Squat",
    "Barbell Bench Press",
    "Pull-Up",
    "Plank",
    "Running",
    "Lateral Raise",
)
MOVEMENTS: dict[int, MovementInfo] = {}
for index, name in enumerate(NAMES, start=1):
    info = _LIBRARY.get(name)
    assert info is not None
    MOVEMENTS[index] = info
SQUAT, GOBLET, BENCH, PULLUP, PLANK, RUN, LATERAL = range(1, 8)
D = dt.date(2026, 12, 7)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def test_lift_trends_keep_the_best_of_each_day_for_main_lifts() -> None:
    points = [(SQUAT, day(0), 100.0), (SQUAT, day(0), 104.0), (SQUAT, day(7), 110.0), (BENCH, day(2), 80.0),
              (LATERAL, day(1), 20.0), (LATERAL, day(3), 21.0), (LATERAL, day(5), 22.0)]  # fmt: skip
    trends = lift_trends(points, MOVEMENTS)
    assert [t.movement for t in trends] == [
        "Barbell Back Squat",
        "Barbell Bench Press",
    ]  # lateral raise is no main lift
    squat = trends[0]
    assert squat.points == ((day(0), 104.0), (day(7), 110.0))
    assert squat.change_pct == pytest.approx((110 / 104 - 1) * 100)
    assert squat.best == 110.0


def test_without_main_lifts_the_most_trained_stand_in() -> None:
    trends = lift_trends([(LATERAL, day(1), 20.0)], MOVEMENTS)
    assert [t.movement for t in trends] == ["Lateral Raise"]


def test_psi_compares_each_movement_with_its_own_start() -> None:
    exposures = [
        (day(0), P.SQUAT, 100.0, SQUAT),  # baseline back squat 100
        (day(3), P.SQUAT, 30.0, GOBLET),  # baseline goblet squat 30
        (day(30), P.SQUAT, 110.0, SQUAT),  # 1.10
        (day(33), P.SQUAT, 33.0, GOBLET),  # 1.10
        (day(31), P.HORIZONTAL_PUSH, 80.0, BENCH),  # baseline bench, first day: 1.00
    ]
    result = {p.pattern: p for p in pattern_strength_index(exposures, day(40))}
    assert result[P.SQUAT].index == 110.0
    assert result[P.SQUAT].previous == 100.0  # days 0-3 fall in the window before
    assert result[P.HORIZONTAL_PUSH].index == 100.0 and result[P.HORIZONTAL_PUSH].previous is None
    assert result[P.SQUAT].exposures == 2


def test_psi_is_the_latest_exposure_against_the_first_day() -> None:
    exposures = [
        (day(0), P.SQUAT, 90.0, SQUAT),
        (day(0), P.SQUAT, 95.0, SQUAT),
        (day(10), P.SQUAT, 100.0, SQUAT),
        (day(20), P.SQUAT, 104.5, SQUAT),
    ]
    [squat] = pattern_strength_index(exposures, day(20))
    assert squat.index == 110.0  # 104.5 / 95
    assert pattern_strength_index(exposures, day(60)) == []  # nothing in the last four weeks


def test_daily_bests_become_exposures_per_pattern() -> None:
    points = [(SQUAT, day(0), 100.0), (GOBLET, day(0), 40.0), (BENCH, day(0), 80.0)]
    assert exposures_from_daily_bests(points, MOVEMENTS) == [
        (day(0), P.HORIZONTAL_PUSH, 80.0, BENCH),
        (day(0), P.SQUAT, 100.0, SQUAT),
    ]


@pytest.mark.parametrize(
    ("reps", "rpe", "rir", "duration", "distance", "hard"),
    [
        (5, None, None, None, None, True),
        (5, 8.0, None, None, None, True),
        (5, 7.0, None, None, None, True),
        (5, 6.5, None, None, None, False),
        (5, None, 3, None, None, True),
        (5, None, 4, None, None, False),
        (0, None, None, 60, None, True),  # a hold
        (0, None, None, 1500, 5000.0, False),  # a run
        (0, None, None, None, None, False),
    ],
)
def test_hard_sets(
    reps: int, rpe: float | None, rir: int | None, duration: int | None, distance: float | None, hard: bool
) -> None:
    assert is_hard_set(reps, rpe, rir, duration, distance) is hard


def test_hard_sets_credit_primary_and_half_for_secondary() -> None:
    bench = MOVEMENTS[BENCH]
    sets = (
        [(BENCH, 5, 8.0, None, None, None)] * 3
        + [(BENCH, 10, 6.0, None, None, None)]
        + [(RUN, 0, None, None, 1500, 5000.0)]
    )
    result = hard_sets_per_muscle(sets, MOVEMENTS)
    assert result[M.CHEST] == 3.0
    for muscle in bench.secondary_muscles:
        assert result[muscle] == 1.5
    assert M.FULL_BODY not in result  # running is cardio, not a hard set


def test_planned_sets_are_credited_the_same_way() -> None:
    planned = planned_sets_per_muscle([(BENCH, 4), (PULLUP, 3), (RUN, 1)], MOVEMENTS, secondary_credit=0.5)
    assert planned[M.CHEST] == 4.0 and planned[M.LATS] == 3.0
    assert M.FULL_BODY not in planned


def test_streak_counts_weeks_and_forgives_an_unfinished_week() -> None:
    monday = D  # a Monday
    dates = [monday - dt.timedelta(weeks=w) for w in (1, 2, 3)] + [monday - dt.timedelta(weeks=6)]
    run = streak(dates, monday + dt.timedelta(days=2))
    assert (run.current_weeks, run.best_weeks, run.trained_this_week) == (3, 3, False)
    run = streak([*dates, monday + dt.timedelta(days=1)], monday + dt.timedelta(days=2))
    assert (run.current_weeks, run.trained_this_week) == (4, True)
    assert streak([], monday).current_weeks == 0


def test_streak_counts_training_days_in_the_last_four_weeks() -> None:
    dates = [day(-30), day(-27), day(-1), day(-1), day(0)]
    assert streak(dates, day(0)).sessions_last_28_days == 3


def test_adherence_counts_past_sessions_and_today_once_done() -> None:
    planned = [(1, day(-3)), (2, day(-1)), (3, day(0)), (4, day(2))]
    assert adherence(planned, {1}, day(0)).done == 1
    assert adherence(planned, {1}, day(0)).planned == 2
    result = adherence(planned, {1, 3}, day(0))
    assert (result.done, result.planned, result.percent) == (2, 3, pytest.approx(66.667, abs=1e-3))
    assert adherence([], set(), day(0)).percent is None
