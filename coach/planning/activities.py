"""How much an enjoyable activity loads the legs, from its muscle map in the library.

Tennis or football the day before a heavy squat day blunts both; the planner keeps hard
lower-body sessions a day away from activities whose lower-body muscles work at or above
``hard_lower_activity_threshold`` (and from hard conditioning sessions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from db.enums import EnjoyableActivity, PrimaryMuscle, SessionType
from db.library import ActivityEntry, default_library

#: The session type an activity day is stored as.
ACTIVITY_SESSION_TYPES: dict[EnjoyableActivity, SessionType] = {
    EnjoyableActivity.CYCLING: SessionType.CARDIO,
    EnjoyableActivity.SWIMMING: SessionType.CARDIO,
    EnjoyableActivity.HIKING: SessionType.CARDIO,
    EnjoyableActivity.YOGA: SessionType.MOBILITY,
}


@dataclass(frozen=True, slots=True)
class ActivityLoad:
    activity: EnjoyableActivity
    name: str
    #: The hardest-worked lower-body muscle's magnitude (0..1).
    leg_load: float

    @property
    def session_type(self) -> SessionType:
        return ACTIVITY_SESSION_TYPES.get(self.activity, SessionType.CUSTOM)


def activity_loads(
    entries: Iterable[ActivityEntry], lower_muscles: Iterable[PrimaryMuscle]
) -> dict[EnjoyableActivity, ActivityLoad]:
    lower = set(lower_muscles)
    out: dict[EnjoyableActivity, ActivityLoad] = {}
    for entry in entries:
        load = max((m.magnitude for m in entry.muscles if m.muscle in lower), default=0.0)
        out.setdefault(entry.activity, ActivityLoad(entry.activity, entry.name, load))
    return out


@lru_cache(maxsize=4)
def _shipped(lower: frozenset[PrimaryMuscle]) -> Mapping[EnjoyableActivity, ActivityLoad]:
    return activity_loads(default_library().activities, lower)


def shipped_activity_loads(
    lower_muscles: Iterable[PrimaryMuscle],
) -> Mapping[EnjoyableActivity, ActivityLoad]:
    """Loads from the shipped library (the same data ``gainsly db seed`` writes to the database)."""
    return _shipped(frozenset(lower_muscles))
