"""Which split a lifter trains, and which session types fill each microcycle.

An explicit ``split_template`` is honoured as a rotation that carries on from week to week
(three upper/lower days give U-L-U, then L-U-L). Without one, days per week decide (2–3 full
body, 4 upper/lower, 6 push/pull/legs) and goals can turn the choice into a HYBRID split with a
conditioning day; a HYBRID split is written down in ``hybrid_definition``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.planning.prescription import GoalMix
from coach.planning.tunables import Tunables
from db.enums import SessionType, SplitTemplate

_LABELS = {
    SessionType.UPPER: "upper",
    SessionType.LOWER: "lower",
    SessionType.PUSH: "push",
    SessionType.PULL: "pull",
    SessionType.LEGS: "legs",
    SessionType.FULL_BODY: "full body",
    SessionType.CARDIO: "conditioning",
    SessionType.RECOVERY: "recovery",
}

#: Session types that are not strength work: they carry no main lifts.
NON_STRENGTH = frozenset({SessionType.CARDIO, SessionType.RECOVERY, SessionType.MOBILITY, SessionType.CUSTOM})


@dataclass(frozen=True, slots=True)
class SplitChoice:
    template: SplitTemplate
    rotation: tuple[SessionType, ...]
    days_per_week: int
    reason: str

    @property
    def hybrid_definition(self) -> dict[str, Any] | None:
        if self.template != SplitTemplate.HYBRID:
            return None
        return {
            "name": " / ".join(_LABELS.get(t, t.value) for t in self.rotation),
            "rotation": [t.value for t in self.rotation],
            "reason": self.reason,
        }

    def week_types(self, week_index: int) -> list[SessionType]:
        """Session types of one microcycle, in training-day order (the rotation carries on)."""
        n = len(self.rotation)
        start = week_index * self.days_per_week
        return [self.rotation[(start + i) % n] for i in range(self.days_per_week)]


def choose_split(
    days_per_week: int, requested: SplitTemplate | None, mix: GoalMix, t: Tunables
) -> SplitChoice:
    rules = t.split
    threshold = int(rules["conditioning_day_weight"])
    conditioning = rules["hybrid_conditioning"].get(str(days_per_week))
    wants_conditioning = mix.conditioning >= threshold and conditioning is not None

    if requested is not None and requested != SplitTemplate.HYBRID:
        rotation = tuple(SessionType(s) for s in rules["rotations"][requested.value])
        return SplitChoice(requested, rotation, days_per_week, f"{requested.value} as you asked")

    default = t.default_split(days_per_week)
    if (
        requested is None
        and default != SplitTemplate.HYBRID
        and not (wants_conditioning and days_per_week >= 4)
    ):
        rotation = tuple(SessionType(s) for s in rules["rotations"][default.value])
        return SplitChoice(
            default, rotation, days_per_week, f"{days_per_week} days a week suit {default.value}"
        )

    if wants_conditioning:
        rotation = tuple(SessionType(s) for s in conditioning)
        reason = (
            f"{days_per_week} days with endurance and fat loss weighing {mix.conditioning}/10: "
            "strength days plus a dedicated conditioning day"
        )
    else:
        rotation = tuple(SessionType(s) for s in rules["hybrid"][str(days_per_week)])
        reason = f"{days_per_week} days: a mixed split that trains every muscle at least twice"
    return SplitChoice(SplitTemplate.HYBRID, rotation, days_per_week, reason)
