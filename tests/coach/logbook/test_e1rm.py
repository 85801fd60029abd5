"""The four published e1RM formulas against values worked out by hand."""

from __future__ import annotations

import pytest

from coach.logbook.e1rm import effective_reps, estimate
from db.enums import E1RMFormula as F

# (formula, weight, reps, rpe, rir, expected) — expected computed by hand from the published formula.
CASES = [
    (F.EPLEY, 100.0, 5, None, None, 116.667),  # 100·(1 + 5/30)
    (F.EPLEY, 100.0, 1, None, None, 100.0),  # r = 1 → w
    (F.EPLEY, 140.0, 3, None, None, 154.0),  # 140·1.1
    (F.EPLEY, 100.0, 5, 8.0, None, 123.333),  # 7 effective reps: 100·(1 + 7/30)
    (F.EPLEY, 100.0, 5, 8.5, None, 121.667),  # 6.5 effective reps
    (F.EPLEY, 100.0, 5, None, 2, 123.333),  # RIR 2 = RPE 8
    (F.EPLEY, 100.0, 1, 10.0, None, 100.0),  # a true single
    (F.BRZYCKI, 100.0, 5, None, None, 112.5),  # 100·36/32
    (F.BRZYCKI, 100.0, 1, None, None, 100.0),  # 100·36/36
    (F.BRZYCKI, 100.0, 10, None, None, 133.333),  # 100·36/27
    (F.BRZYCKI, 100.0, 5, 8.0, None, 120.0),  # 100·36/30
    (F.LOMBARDI, 100.0, 5, None, None, 117.462),  # 100·5^0.1
    (F.LOMBARDI, 100.0, 1, None, None, 100.0),
    (F.LOMBARDI, 100.0, 10, None, None, 125.893),  # 100·10^0.1
    (F.LOMBARDI, 100.0, 5, 8.0, None, 121.481),  # 100·7^0.1
    (F.OCONNER, 100.0, 5, None, None, 112.5),  # 100·(1 + 5/40)
    (F.OCONNER, 100.0, 1, None, None, 102.5),  # as published: no special case at one rep
    (F.OCONNER, 100.0, 10, None, None, 125.0),
    (F.OCONNER, 100.0, 5, 8.0, None, 117.5),  # 100·(1 + 7/40)
]


@pytest.mark.parametrize(("formula", "weight", "reps", "rpe", "rir", "expected"), CASES)
def test_formula_matches_hand_computed_value(
    formula: F, weight: float, reps: int, rpe: float | None, rir: int | None, expected: float
) -> None:
    value = estimate(weight, reps, formula, rpe=rpe, rir=rir)
    assert value == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("weight", "reps", "rpe"),
    [
        (100.0, 13, None),
        (100.0, 20, None),
        (100.0, 5, 5.5),
        (100.0, 5, 4.0),
        (0.0, 5, None),
        (100.0, 0, None),
    ],
)
def test_no_estimate_outside_the_trusted_range(weight: float, reps: int, rpe: float | None) -> None:
    for formula in F:
        assert estimate(weight, reps, formula, rpe=rpe) is None


def test_twelve_reps_at_rpe_six_is_still_estimated() -> None:
    assert estimate(50.0, 12, F.BRZYCKI, rpe=6.0) == pytest.approx(50.0 * 36 / (37 - 16))


def test_effective_reps_prefers_rpe_over_rir() -> None:
    assert effective_reps(5, 9.0, 3) == 6.0
    assert effective_reps(5, None, 3) == 8.0
    assert effective_reps(5) == 5.0
