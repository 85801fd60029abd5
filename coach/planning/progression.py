"""The five progression styles as week-to-week schemes for the main lifts.

- single progression: the same reps every week, load goes up each week;
- double progression: keep the load and add reps across the range, then add load;
- paused variations: paused lifts with a pause that shortens through the block;
- build to drop: work up to one top set, then back-off sets a set percentage lighter;
- wave loading: waves of descending reps (7-5-3, then 6-4-2, then 5-3-1) with rising effort.

Numbers come from ``progression_schemes``; the persona's aggression scales the load step and
shifts effort (capped by its RPE ceiling). A deload keeps the lifts, cuts sets and effort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coach.planning.prescription import Dose, round_half
from coach.planning.tunables import Tunables
from db.enums import PersonaAggression, ProgressionStyle


@dataclass(frozen=True, slots=True)
class WeekScheme:
    rep_min: int
    rep_max: int
    rpe: float
    notes: str
    #: Sets this week when the scheme fixes them (waves), otherwise ``None``.
    sets: int | None = None


def _at(values: Sequence[Any], index: int) -> Any:
    return values[min(index, len(values) - 1)]


def load_step_kg(t: Tunables, aggression: PersonaAggression, *, lower_body: bool) -> float:
    base = float(t.schemes["load_step_kg"]["lower" if lower_body else "upper"])
    return max(0.5, round(base * t.aggression[aggression].load_step_factor * 2) / 2)


def cap_rpe(t: Tunables, aggression: PersonaAggression, rpe: float) -> float:
    persona = t.aggression[aggression]
    return max(5.0, min(10.0, persona.rpe_ceiling, round_half(rpe + persona.rpe_offset)))


def _kg(value: float) -> str:
    return f"{value:g} kg"


def main_week(
    style: ProgressionStyle,
    dose: Dose,
    week: int,
    *,
    base_sets: int,
    aggression: PersonaAggression,
    lower_body: bool,
    t: Tunables,
) -> WeekScheme:
    """The primary main lift's prescription in accumulation week ``week`` (0-based) of a block."""
    scheme = t.schemes[style.value]
    low, high = dose.reps
    mid = round((low + high) / 2)
    step = _kg(load_step_kg(t, aggression, lower_body=lower_body))
    if style == ProgressionStyle.SINGLE_PROGRESSION:
        rpe = cap_rpe(t, aggression, dose.rpe[0] + _at(scheme["rpe_offsets"], week))
        note = f"Same {mid} reps every week: add {step} to last week's weight when every set moved well."
        return WeekScheme(mid, mid, rpe, note)
    if style == ProgressionStyle.DOUBLE_PROGRESSION:
        rep_min = min(high, low + int(_at(scheme["rep_offsets"], week)))
        rpe = cap_rpe(t, aggression, dose.rpe[0] + _at(scheme["rpe_offsets"], week))
        note = (
            f"Keep the load and add reps; once every set reaches {high}, add {step} and start again at {low}."
        )
        return WeekScheme(rep_min, high, rpe, note)
    if style == ProgressionStyle.PAUSED_VARIATIONS:
        reps = min(mid, int(scheme["rep_cap"]))
        pause = int(_at(scheme["pause_seconds"], week))
        rpe = cap_rpe(t, aggression, dose.rpe[0] + _at(scheme["rpe_offsets"], week))
        note = f"Pause {pause} s at the hardest point of every rep, then drive; add {step} when the pause stays still."
        return WeekScheme(reps, reps, rpe, note)
    if style == ProgressionStyle.BUILD_TO_DROP:
        top = cap_rpe(t, aggression, float(_at(scheme["top_set_rpe"], week)))
        drop = int(_at(scheme["drop_pct"], week))
        backoffs = max(1, base_sets - 1)
        note = (
            f"Build to one top set of {low} at RPE {top:g}, then {backoffs} back-off sets "
            f"{drop}% lighter for {low}-{mid} reps."
        )
        return WeekScheme(low, max(low, mid), top, note)
    waves: Sequence[Sequence[int]] = scheme["waves"]
    wave = waves[week % len(waves)]
    rounds = 2 if base_sets >= 5 else 1
    rpe = cap_rpe(t, aggression, dose.rpe[0] + _at(scheme["rpe_offsets"], week))
    pattern = "-".join(str(r) for r in wave)
    note = f"Wave {pattern}: heavier each set" + (", twice through" if rounds == 2 else "") + "."
    return WeekScheme(min(wave), max(wave), rpe, note, sets=len(wave) * rounds)


def secondary_week(
    dose: Dose, week: int, accumulation_weeks: int, *, aggression: PersonaAggression, t: Tunables
) -> WeekScheme:
    """Back-up main lifts and accessories build reps through the block (double progression)."""
    low, high = dose.reps
    progress = week / max(1, accumulation_weeks - 1)
    rep_min = min(high, low + round((high - low) * progress * 0.5))
    rpe = cap_rpe(t, aggression, dose.rpe[0] + (dose.rpe[1] - dose.rpe[0]) * progress)
    return WeekScheme(rep_min, high, rpe, "")


def deload_rpe(t: Tunables, rpe: float | None) -> float | None:
    if rpe is None:
        return None
    drop = float(t.deload["rpe_drop"])
    ceiling = 10 - float(t.deload["min_rir"])
    # Below the usual floor of 5: a deload must be easier than even the lightest training week.
    return max(4.0, min(round_half(rpe - drop), ceiling))


def deload_note(t: Tunables) -> str:
    load = round((1 - float(t.deload["load_factor"])) * 100)
    return f"Deload: same lifts, fewer sets, about {load}% lighter; leave {t.deload['min_rir']}+ reps in the tank."
