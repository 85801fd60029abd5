"""Weekly hard sets per muscle, from the published volume landmarks.

A block starts near MEV (scaled by experience) and climbs toward MAV week by week; how far it
climbs follows the goals (hypertrophy all the way, strength about half), how fast follows the
persona's aggression. Targets stay between MV and MRV. Sets count 1 for the primary muscle and
``secondary_credit`` for each secondary muscle; warm-ups, cool-downs, finishers, mobility and
cardio are not hard sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from coach.planning.model import WORKING_ROLES, PlannedExercise
from coach.planning.tunables import Tunables
from db.enums import ExperienceLevel, MovementPattern, PersonaAggression, PrimaryMuscle

#: Patterns whose sets are not hard sets for a muscle (they train the engine or range of motion).
NOT_HARD_SETS = frozenset({MovementPattern.MOBILITY, MovementPattern.CARDIO, MovementPattern.CONDITIONING})


def weekly_target(
    t: Tunables,
    muscle: PrimaryMuscle,
    *,
    emphasis: float,
    experience: ExperienceLevel,
    aggression: PersonaAggression,
    week_in_block: int,
    accumulation_weeks: int,
) -> float:
    """Hard sets for ``muscle`` in accumulation week ``week_in_block`` (0-based) of a block."""
    mark = t.landmarks[muscle]
    scale = t.experience_scale[experience]
    persona = t.aggression[aggression]
    start = mark.mev * scale
    growth = emphasis * max(0.0, mark.mav_high - mark.mev) * scale / max(1, accumulation_weeks - 1)
    target = start * persona.volume_factor + persona.weekly_set_increment * growth * week_in_block
    return min(mark.mrv, max(mark.mv, target))


def counts_as_hard_set(exercise: PlannedExercise) -> bool:
    return exercise.role in WORKING_ROLES and exercise.movement.pattern not in NOT_HARD_SETS


def muscle_credit(
    exercises: Iterable[PlannedExercise], secondary_credit: float
) -> dict[PrimaryMuscle, float]:
    """Hard sets per muscle credited by ``exercises`` (primary 1, secondary ``secondary_credit``)."""
    credit: dict[PrimaryMuscle, float] = defaultdict(float)
    for exercise in exercises:
        if not counts_as_hard_set(exercise) or exercise.sets <= 0:
            continue
        credit[exercise.movement.primary_muscle] += exercise.sets
        for muscle in exercise.movement.secondary_muscles:
            credit[muscle] += exercise.sets * secondary_credit
    return dict(credit)
