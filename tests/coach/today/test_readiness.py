"""Reading today's check-ins: rolling HRV against a baseline, low-readiness streaks, soreness, legs loaded."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.today.readiness import Inputs, Load, Signal, Soreness, flags, gather, muscles_of
from db.enums import PrimaryMuscle
from tests.coach.planning.support import library_heuristics

TUN = library_heuristics()["readiness"]
DAY = dt.date(2026, 3, 10)


def ago(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


def test_todays_values_a_rolling_hrv_and_a_baseline() -> None:
    signals = [Signal(ago(d), hrv=80.0) for d in range(3, 20)]
    signals += [
        Signal(ago(2), hrv=60.0),
        Signal(ago(1), hrv=62.0),
        Signal(DAY, readiness=50, sleep_hours=7.5, hrv=64.0, energy=3),
    ]
    inputs = gather(DAY, signals, [], [], TUN, leg_threshold=0.5)
    assert (inputs.readiness, inputs.sleep_hours, inputs.energy) == (50, 7.5, 3)
    assert inputs.hrv == 62.0 and inputs.hrv_baseline == 80.0


def test_no_baseline_without_enough_history_and_future_rows_ignored() -> None:
    signals = [Signal(ago(d), hrv=80.0) for d in range(3, 6)] + [
        Signal(DAY + dt.timedelta(days=1), readiness=10)
    ]
    inputs = gather(DAY, signals, [], [], TUN, leg_threshold=0.5)
    assert inputs.hrv_baseline is None and inputs.readiness is None and not inputs.any


def test_the_low_readiness_streak_counts_back_from_today() -> None:
    signals = [
        Signal(ago(3), readiness=80),
        Signal(ago(2), readiness=40),
        Signal(ago(1), readiness=30),
        Signal(DAY, readiness=44),
    ]
    assert gather(DAY, signals, [], [], TUN, leg_threshold=0.5).low_readiness_days == 3


def test_soreness_maps_body_parts_and_the_latest_report_wins() -> None:
    sore = [
        Soreness(ago(1), "legs", 4),
        Soreness(DAY, "legs", 2),
        Soreness(DAY, "chest", 3),
        Soreness(ago(3), "back", 5),
    ]
    inputs = gather(DAY, [], sore, [], TUN, leg_threshold=0.5)
    assert inputs.soreness == {"calves": 2, "chest": 3, "glutes": 2, "hamstrings": 2, "quadriceps": 2}


@pytest.mark.parametrize(
    ("part", "muscles"),
    [
        ("quadriceps", (PrimaryMuscle.QUADRICEPS,)),
        ("lower back", (PrimaryMuscle.LOWER_BACK,)),
        ("Shoulders", (PrimaryMuscle.FRONT_DELTS, PrimaryMuscle.SIDE_DELTS, PrimaryMuscle.REAR_DELTS)),
        (
            "full_body",
            (
                PrimaryMuscle.QUADRICEPS,
                PrimaryMuscle.HAMSTRINGS,
                PrimaryMuscle.GLUTES,
                PrimaryMuscle.CHEST,
                PrimaryMuscle.LATS,
                PrimaryMuscle.UPPER_BACK,
            ),
        ),
        ("elbow", ()),
    ],
)
def test_body_parts(part: str, muscles: tuple[PrimaryMuscle, ...]) -> None:
    assert muscles_of(part, TUN["body_parts"]) == muscles


def test_legs_loaded_yesterday_by_a_leg_heavy_activity_only() -> None:
    loads = [Load(ago(1), "tennis", 0.8), Load(ago(1), "bouldering", 0.25), Load(ago(2), "football", 0.9)]
    assert gather(DAY, [], [], loads, TUN, leg_threshold=0.5).legs_loaded == ["tennis"]


@pytest.mark.parametrize(
    ("inputs", "low", "severe", "persistent"),
    [
        (Inputs(readiness=80, sleep_hours=8), 0, 0, False),
        (Inputs(readiness=40), 1, 0, False),
        (Inputs(readiness=25, sleep_hours=4.0), 2, 2, False),
        (Inputs(sleep_score=50), 1, 0, False),
        (Inputs(hrv=60, hrv_baseline=80), 1, 0, False),
        (Inputs(hrv=75, hrv_baseline=80), 0, 0, False),
        (Inputs(energy=2, sleep_hours=5.5), 2, 0, False),
        (Inputs(readiness=40, low_readiness_days=3), 1, 0, True),
    ],
)
def test_flags(inputs: Inputs, low: int, severe: int, persistent: bool) -> None:
    result = flags(inputs, TUN)
    assert (len(result.low), len(result.severe), result.persistent) == (low, severe, persistent)
    assert result.agree == (low >= 2)
