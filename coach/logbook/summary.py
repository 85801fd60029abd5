"""Sets as a lifter reads them back: "3×5 @ 80 kg", "80 kg × 8, 85 kg × 6", "5 km in 25:30".

One formatter for replies, undo notices, history and progress, so a log reads the same way
everywhere, in the lifter's unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coach.logbook.units import distance_text, duration_text, number, weight_text


@dataclass(frozen=True, slots=True)
class Done:
    """A performed set, whatever it came from (a parsed line or a stored row)."""

    reps: int | None
    weight_kg: float | None
    rpe: float | None = None
    rir: int | None = None
    duration_seconds: int | None = None
    distance_m: float | None = None

    @classmethod
    def of(cls, row: Any) -> Done:
        """From a ``ParsedSet`` or a ``TopSetLog`` (weight 0 and reps 0 mean "none")."""
        weight = getattr(row, "weight_kg", None)
        if weight is None:
            weight = getattr(row, "weight", None)
        return cls(
            reps=row.reps or None,
            weight_kg=weight or None,
            rpe=row.rpe,
            rir=row.rir,
            duration_seconds=row.duration_seconds,
            distance_m=row.distance_m,
        )


def _effort(done: Done) -> str:
    if done.rpe is not None:
        return f" RPE {number(done.rpe)}"
    if done.rir is not None:
        return f" RIR {done.rir}"
    return ""


def _pace(done: Done) -> str:
    if not (done.distance_m and done.duration_seconds) or done.distance_m < 400:
        return ""
    per_km = round(done.duration_seconds / (done.distance_m / 1000))
    return f" ({duration_text(per_km)}/km)"


def _one(done: Done, count: int, metric: bool, added_load: bool) -> str:
    times = f"{count}×" if count > 1 else ""
    if done.distance_m is not None or (done.duration_seconds is not None and done.reps is None):
        parts = []
        if done.distance_m is not None:
            parts.append(distance_text(done.distance_m))
        if done.duration_seconds is not None:
            parts.append(("in " if parts else "") + duration_text(done.duration_seconds))
        load = f" @ {weight_text(done.weight_kg, metric)}" if done.weight_kg else ""
        return f"{times}{' '.join(parts)}{load}{_pace(done)}{_effort(done)}"
    reps = done.reps or 0
    if not done.weight_kg:
        return f"{count}×{reps}{_effort(done)}" if count > 1 else f"{reps} reps{_effort(done)}"
    load = ("+" if added_load else "") + weight_text(done.weight_kg, metric)
    if count > 1:
        return f"{count}×{reps} @ {load}{_effort(done)}"
    return f"{load} × {reps}{_effort(done)}"


def sets_text(rows: Iterable[Any], metric: bool, *, added_load: bool = False) -> str:
    """Consecutive identical sets are folded: three sets of 5 at 80 kg read "3×5 @ 80 kg"."""
    folded: list[tuple[Done, int]] = []
    for row in rows:
        done = row if isinstance(row, Done) else Done.of(row)
        if folded and folded[-1][0] == done:
            folded[-1] = (done, folded[-1][1] + 1)
        else:
            folded.append((done, 1))
    return ", ".join(_one(done, count, metric, added_load) for done, count in folded)


def entry_text(movement: str, rows: Sequence[Any], metric: bool, *, added_load: bool = False) -> str:
    return f"{movement} {sets_text(rows, metric, added_load=added_load)}"
