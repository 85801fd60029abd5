"""Personal records: what today's sets beat in the lifter's own history.

Four kinds, strongest first: a best estimated 1RM, the heaviest load ever moved, more reps
than ever at a load (or heavier), the longest hold. A lift logged for the first time sets a
baseline rather than a record — celebrating every first entry would make records meaningless.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.repositories.logs import LiftHistory, SetRow

E1RM, WEIGHT, REPS, DURATION = "e1rm", "weight", "reps", "duration"
_EPSILON = 0.05  # kg: rounding noise is not a record


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    movement: str
    kind: str  # e1rm | weight | reps | duration
    #: kg for e1rm and weight, reps for reps, seconds for duration.
    value: float
    previous: float | None
    #: For rep records: the load the reps were done with (kg).
    weight_kg: float | None = None


def find_records(
    movement_names: dict[int, str], sets: Sequence[SetRow], history: Iterable[LiftHistory]
) -> tuple[list[PersonalRecord], list[str]]:
    """(records, names of movements logged for the first time)."""
    by_movement: dict[int, list[LiftHistory]] = {}
    for row in history:
        by_movement.setdefault(row.movement_id, []).append(row)
    records: list[PersonalRecord] = []
    firsts: list[str] = []
    for movement_id in dict.fromkeys(s.movement_id for s in sets):
        name = movement_names[movement_id]
        done = [s for s in sets if s.movement_id == movement_id]
        past = by_movement.get(movement_id)
        if not past:
            firsts.append(name)
            continue
        records.extend(_records_for(name, done, past))
    return records, firsts


def _records_for(name: str, done: list[SetRow], past: list[LiftHistory]) -> list[PersonalRecord]:
    found: list[PersonalRecord] = []
    best_e1rm = max((s.e1rm_value for s in done if s.e1rm_value), default=None)
    past_e1rm = max((p.max_e1rm for p in past if p.max_e1rm), default=None)
    if best_e1rm is not None and past_e1rm is not None and best_e1rm > past_e1rm + _EPSILON:
        found.append(PersonalRecord(name, E1RM, best_e1rm, past_e1rm))
    heaviest = max((s.weight for s in done if s.reps), default=0.0)
    past_heaviest = max((p.weight for p in past if p.max_reps), default=0.0)
    if heaviest > 0 and past_heaviest > 0 and heaviest > past_heaviest + _EPSILON:
        found.append(PersonalRecord(name, WEIGHT, heaviest, past_heaviest))
    rep_record = _rep_record(name, done, past)
    if rep_record is not None:
        found.append(rep_record)
    longest = max((s.duration_seconds for s in done if s.duration_seconds and not s.reps), default=0)
    past_longest = max((p.max_duration or 0 for p in past), default=0)
    if longest and past_longest and longest > past_longest and not any(s.distance_m for s in done):
        found.append(PersonalRecord(name, DURATION, float(longest), float(past_longest)))
    return found


def _rep_record(name: str, done: list[SetRow], past: list[LiftHistory]) -> PersonalRecord | None:
    """Most reps at a load the lifter has lifted before (or heavier); the best such set wins."""
    best: PersonalRecord | None = None
    for s in done:
        if not s.reps:
            continue
        at_or_above = [p.max_reps for p in past if p.weight >= s.weight - _EPSILON and p.max_reps]
        if not at_or_above:
            continue
        previous = max(at_or_above)
        if s.reps > previous and (best is None or s.reps - previous > best.value - (best.previous or 0)):
            best = PersonalRecord(name, REPS, float(s.reps), float(previous), weight_kg=s.weight)
    return best
