"""Three weighted goals blended into one dose: reps, sets, effort and rest.

Each goal has a published dose (NSCA table in ``goal_prescriptions``); the blend weighs them by
the lifter's goal weights times how strongly each goal steers main lifts or accessories, so a
strength-first lifter's squats stay heavy while their curls follow the hypertrophy goal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coach.planning.tunables import GoalDose, Tunables
from db.enums import Goal


@dataclass(frozen=True, slots=True)
class Dose:
    reps: tuple[int, int]
    sets: tuple[int, int]
    rpe: tuple[float, float]
    rest_seconds: int


@dataclass(frozen=True, slots=True)
class GoalMix:
    """The lifter's goals as weights summing to 10 (zero-weight goals carry no influence)."""

    weights: Mapping[Goal, int]

    def weight(self, *goals: Goal) -> int:
        return sum(self.weights.get(g, 0) for g in goals)

    @property
    def conditioning(self) -> int:
        return self.weight(Goal.ENDURANCE, Goal.FAT_LOSS)

    @property
    def power(self) -> int:
        return self.weight(Goal.EXPLOSIVENESS, Goal.SPEED)

    @property
    def mobility(self) -> int:
        return self.weight(Goal.MOBILITY)

    @property
    def top(self) -> Goal:
        """The heaviest goal; ties go to the order goals are listed in the schema."""
        order = list(Goal)
        return max(self.weights, key=lambda g: (self.weights[g], -order.index(g)))


def round_half(value: float) -> float:
    """RPE targets move in half points (RTS chart)."""
    return round(value * 2) / 2


def blend(mix: GoalMix, doses: Mapping[Goal, GoalDose], affinity: Mapping[Goal, float]) -> Dose:
    parts = [(doses[g], w * affinity[g]) for g, w in mix.weights.items() if w > 0]
    total = sum(w for _, w in parts)

    def avg(pick: object) -> float:
        return sum(pick(d) * w for d, w in parts) / total  # type: ignore[operator]

    rep_low = max(1, round(avg(lambda d: d.reps[0])))
    rep_high = max(rep_low + 1, round(avg(lambda d: d.reps[1])))
    set_low = max(1, round(avg(lambda d: d.sets[0])))
    set_high = max(set_low, round(avg(lambda d: d.sets[1])))
    rpe_low = round_half(avg(lambda d: d.rpe[0]))
    rpe_high = max(rpe_low, round_half(avg(lambda d: d.rpe[1])))
    rest = int(round(avg(lambda d: d.rest_seconds) / 15) * 15)
    return Dose(
        reps=(rep_low, rep_high), sets=(set_low, set_high), rpe=(rpe_low, rpe_high), rest_seconds=rest
    )


@dataclass(frozen=True, slots=True)
class Doses:
    main: Dose
    secondary: Dose
    accessory: Dose
    power: Dose
    #: How far toward the top of MAV the block climbs (0..1).
    volume_emphasis: float


def doses_for(mix: GoalMix, t: Tunables) -> Doses:
    main = blend(mix, t.main_dose, t.blend_main)
    accessory = blend(mix, t.accessory_dose, t.blend_accessory)
    shift = int(t.selection["secondary_main_rep_shift"])
    secondary = Dose(
        reps=(main.reps[0] + shift, main.reps[1] + shift),
        sets=main.sets,
        rpe=(main.rpe[0], max(main.rpe[0], main.rpe[1] - 0.5)),
        rest_seconds=max(accessory.rest_seconds, int(main.rest_seconds * 0.75 // 15 * 15)),
    )
    power_mix = GoalMix(
        {Goal.EXPLOSIVENESS: max(1, mix.weight(Goal.EXPLOSIVENESS)), Goal.SPEED: mix.weight(Goal.SPEED)}
    )
    power = blend(power_mix, t.main_dose, t.blend_main)
    emphasis = sum(t.volume_emphasis[g] * w for g, w in mix.weights.items()) / max(
        1, sum(mix.weights.values())
    )
    return Doses(main=main, secondary=secondary, accessory=accessory, power=power, volume_emphasis=emphasis)
