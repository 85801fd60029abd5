"""Estimated one-rep max, by the four published formulas.

w = load, r = reps. Epley w·(1 + r/30) with r = 1 → w; Brzycki w·36/(37 − r); Lombardi
w·r^0.10; O'Conner w·(1 + r/40). A set with an RPE counts as r + (10 − RPE) reps (the RTS
chart: 5 reps at RPE 8 is as hard as 7 at RPE 10); with reps in reserve instead, r + RIR.
The estimate is only trusted for r ≤ 12 and RPE ≥ 6, so outside that it is ``None`` rather
than a number nobody should plan from.
"""

from __future__ import annotations

from collections.abc import Callable

from db.enums import E1RMFormula

MAX_REPS = 12
MIN_RPE = 6.0


def epley(weight: float, reps: float) -> float:
    if reps == 1:
        return weight
    return weight * (1 + reps / 30)


def brzycki(weight: float, reps: float) -> float:
    return weight * 36 / (37 - reps)


def lombardi(weight: float, reps: float) -> float:
    return weight * reps**0.10


def oconner(weight: float, reps: float) -> float:
    return weight * (1 + reps / 40)


FORMULAS: dict[E1RMFormula, Callable[[float, float], float]] = {
    E1RMFormula.EPLEY: epley,
    E1RMFormula.BRZYCKI: brzycki,
    E1RMFormula.LOMBARDI: lombardi,
    E1RMFormula.OCONNER: oconner,
}


def effective_reps(reps: int, rpe: float | None = None, rir: int | None = None) -> float:
    """Reps the set was worth had it gone to failure."""
    if rpe is not None:
        return reps + (10 - rpe)
    if rir is not None:
        return reps + rir
    return float(reps)


def estimate(
    weight: float,
    reps: int,
    formula: E1RMFormula = E1RMFormula.EPLEY,
    *,
    rpe: float | None = None,
    rir: int | None = None,
) -> float | None:
    """The e1RM of one set in the same unit as ``weight``, or ``None`` when it would mislead."""
    if weight <= 0 or reps < 1 or reps > MAX_REPS:
        return None
    if rpe is not None and rpe < MIN_RPE:
        return None
    worth = effective_reps(reps, rpe, rir)
    if worth >= 37:  # Brzycki's pole; no real set is worth that many reps
        return None
    return FORMULAS[formula](weight, worth)
