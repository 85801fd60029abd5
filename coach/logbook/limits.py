"""Plausibility limits and defaults of the logbook, in one documented place.

These are not coaching tunables (those live in ``heuristic_configs``); they are the edges of
what a human can do, used to catch typos ("5000 kg squat") before they reach the database,
and the fallbacks when a plan does not say how long to rest.
"""

from __future__ import annotations

from coach.catalog import MovementInfo
from db.enums import MetricType, MovementPattern

MAX_SETS_PER_ENTRY = 20
MAX_REPS_PER_SET = 100
MAX_RPE = 10.0
#: RPE below this is off the RTS chart (and the ``top_set_logs.rpe`` CHECK): the set is
#: kept, without an RPE and without an e1RM, and the lifter is told why.
MIN_STORED_RPE = 6.0
MAX_RIR = 10
MAX_SET_SECONDS = 24 * 3600
MAX_HOLD_SECONDS = 3600
MAX_DISTANCE_M = 300_000.0
#: Heaviest plausible load per set by equipment (kg). The barbell figure sits a little
#: above the all-time deadlift record; machines and sleds are loaded far heavier.
MAX_LOAD_KG = {"barbell": 510.0, "trap bar": 510.0, "machine": 1200.0, "sled": 1200.0, "cable": 400.0}
MAX_HANDHELD_KG = 200.0  # dumbbells, kettlebells, medicine balls, added bodyweight load
#: Fastest plausible average speed (km/h) of a cardio effort, by movement; others use the default.
MAX_SPEED_KMH = {"Cycling": 90.0, "Assault Bike": 90.0, "Swimming": 12.0}
DEFAULT_MAX_SPEED_KMH = 40.0

#: Equipment whose load a lifter has to state; everything else can be done at bodyweight.
LOADED_EQUIPMENT = frozenset(
    {"barbell", "dumbbell", "kettlebell", "cable", "machine", "trap bar", "landmine", "medicine ball", "sled"}
)
#: A bare ``AxB`` on a loaded lift reads as sets×reps up to this many sets, else as weight×reps.
MAX_SETS_GUESS = 6

#: A set counts as a hard set (weekly volume) unless the lifter said it was easier than this.
HARD_SET_MIN_RPE = 7.0
HARD_SET_MAX_RIR = 3

#: Rest (seconds) when the plan does not prescribe one, by reps: heavy compounds need longest.
REST_BY_REPS = ((5, 180), (8, 150), (12, 120), (20, 90))
REST_ISOLATION_FACTOR = 0.6
REST_HIGH_REPS = 60
REST_TIMED = 60


def is_loaded(movement: MovementInfo) -> bool:
    """True when the movement is measured by the weight moved (a barbell, a machine …)."""
    return bool(movement.equipment & LOADED_EQUIPMENT) and "pull-up bar" not in movement.equipment


def is_endurance(movement: MovementInfo) -> bool:
    """Cardio and conditioning measured by time or distance, not by reps."""
    return movement.metric_type in (MetricType.DISTANCE, MetricType.TIME) and movement.pattern in (
        MovementPattern.CARDIO,
        MovementPattern.CONDITIONING,
    )


def max_load_kg(movement: MovementInfo | None) -> float:
    if movement is None:
        return max(MAX_LOAD_KG.values())
    if not is_loaded(movement):
        return MAX_HANDHELD_KG
    limits = [MAX_LOAD_KG[e] for e in movement.equipment if e in MAX_LOAD_KG]
    return max(limits) if limits else MAX_HANDHELD_KG


def max_speed_kmh(movement: MovementInfo | None) -> float:
    if movement is None:
        return max(MAX_SPEED_KMH.values())
    return MAX_SPEED_KMH.get(movement.name, DEFAULT_MAX_SPEED_KMH)


def default_rest_seconds(movement: MovementInfo, reps: int | None) -> int | None:
    """A sensible rest for the rep range just done; ``None`` for continuous cardio."""
    if is_endurance(movement) and movement.metric_type is MetricType.DISTANCE:
        return None
    if reps is None or reps == 0:
        return REST_TIMED
    for ceiling, seconds in REST_BY_REPS:
        if reps <= ceiling:
            return seconds if movement.compound else int(seconds * REST_ISOLATION_FACTOR)
    return REST_HIGH_REPS
