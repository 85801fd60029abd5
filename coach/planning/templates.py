"""Session templates: what a session of one type holds for a whole block.

A template is built once per block and session slot (type and variant, e.g. the second upper
day) and then realised week by week: the movements stay put (so progress on the main lifts can
be measured), sets climb with the block's volume ramp, effort follows the progression style,
and a deload week keeps every movement with proportionally fewer sets and less effort.

What a session holds follows the coaches' design for its type (``session_design.needs``: an
upper day presses and rows horizontally, pulls or presses vertically, trains delts and arms …):
main lifts first, then one accessory per unmet need, never two movements of one substitution
group nor two isolation exercises for one muscle. How many sets each accessory gets is decided
for the whole block's week at once (``allocation``), so the week's volume reaches its targets
and the sessions use the lifter's minutes. Warm-ups prepare the joints the session loads.

Every exercise carries a ``ceiling``: the most sets it may have once recovery (sets per muscle
per session, sets per session, weekly MRV) and the time budget are respected, computed at the
top aggression for the block's biggest week. Realised sets are ``min(own sets, ceiling)``, so a
bolder persona never gets less volume, and the session fits at any aggression.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import CircuitInfo, MovementInfo
from coach.planning.allocation import PEAK, Item, Limits, Session, Targets, allocate
from coach.planning.model import SECTION_OF_ROLE, WORKING_ROLES, PlannedExercise
from coach.planning.prescription import Dose, Doses, GoalMix
from coach.planning.progression import (
    cap_rpe,
    deload_note,
    deload_rpe,
    main_week,
    secondary_week,
)
from coach.planning.selection import (
    MAIN_PATTERNS,
    Pools,
    RankContext,
    accessory_candidates,
    jitter,
    light_candidates,
    main_candidates,
    pattern_candidates,
    power_candidates,
)
from coach.planning.split import NON_STRENGTH
from coach.planning.timing import ANTAGONISTS, fit_ceilings, section_seconds, work_seconds
from coach.planning.tunables import NeedOption, Tunables
from coach.planning.volume import NOT_HARD_SETS, counts_as_hard_set, muscle_credit, weekly_target
from db.enums import (
    CircuitType,
    ExerciseRole,
    ExperienceLevel,
    Goal,
    MetricType,
    MovementPattern,
    PersonaAggression,
    PrimaryMuscle,
    ProgressionStyle,
    SessionType,
)

Key = tuple[SessionType, int]

#: The aggression ceilings are computed at.
TOP = PersonaAggression.AGGRESSIVE
#: The aggression accessory shares are sized at (the evidence-based middle).
REFERENCE = PersonaAggression.BALANCED


@dataclass(frozen=True)
class Settings:
    """Everything a template needs about the lifter and the program, fixed for a whole plan."""

    t: Tunables
    pools: Pools
    rank: RankContext
    doses: Doses
    mix: GoalMix
    style: ProgressionStyle
    experience: ExperienceLevel
    aggression: PersonaAggression
    seed: int
    budget: int
    #: Strength sessions per microcycle that train each muscle (averaged over the rotation): a
    #: session built on its own (a light-legs variant) takes this share of the weekly targets.
    covering: Mapping[PrimaryMuscle, float]
    #: Template keys that end with a conditioning finisher.
    finisher_keys: frozenset[Key]


@dataclass
class Spec:
    movement: MovementInfo
    role: ExerciseRole
    slot: str
    order: int
    #: The muscle an accessory is there for.
    muscle: PrimaryMuscle | None = None
    required: bool = False
    superset_group: int | None = None
    #: A fixed prescription (warm-up drills, stretches, circuit stations, cardio pieces).
    fixed: dict[str, Any] | None = None
    ceiling: int = 99
    #: Sets in the block's first and biggest week at the middle-road persona (the allocation's
    #: answer for accessories; the goal dose for main lifts). The weeks between climb linearly.
    sets_range: tuple[int, int] | None = None
    #: The session-design need it meets (0 = most important); ``None`` for extra volume.
    need: int | None = None
    #: The need is a movement pattern (a row on a day whose main lifts do not row): the session
    #: is not what its type says without it, so recovery trades leave it in (only time drops it).
    pattern: bool = False
    #: Sets of the biggest week at the middle-road persona: ceilings give up what lies above first.
    reference: int = 0


@dataclass
class Block:
    """Where a block sits in the program and what its main-lift choices were."""

    index: int
    accumulation_weeks: int
    #: Substitution groups already used for a main-lift pattern in this block (variety A/B days).
    used_groups: dict[MovementPattern, list[str]] = field(default_factory=dict)
    #: The normal template's main lift per (key, slot) so light versions can keep it.
    mains: dict[tuple[Key, str], MovementInfo] = field(default_factory=dict)


@dataclass
class Template:
    key: Key
    light: bool
    easy: bool
    specs: list[Spec]
    main_circuit: CircuitInfo | None = None
    finisher_circuit: CircuitInfo | None = None
    circuit_seconds: dict[int, int] = field(default_factory=dict)
    intent_tags: list[str] = field(default_factory=list)
    #: The next free superset group number.
    next_group: int = 1
    #: Warm-up drills and stretches still to choose: they come last, so they never take a
    #: substitution group an exercise needs (their minutes are known: one item each).
    pending_light: tuple[int, int] = (0, 0)

    @property
    def session_type(self) -> SessionType:
        return self.key[0]

    def high_cns_patterns(self, t: Tunables) -> frozenset[MovementPattern]:
        return frozenset(
            s.movement.pattern
            for s in self.specs
            if s.ceiling > 0
            and s.movement.cns_load in t.high_cns
            and s.role not in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)
        )

    @property
    def hard_cardio(self) -> bool:
        return self.session_type == SessionType.CARDIO and not self.easy


# --------------------------------------------------------------------------- sets per week


def _ramp(
    bounds: tuple[int, int], week: int, weeks: int, aggression: PersonaAggression, t: Tunables
) -> float:
    persona = t.aggression[aggression]
    low, high = bounds
    progress = min(1.0, week / max(1, weeks - 1) * persona.weekly_set_increment)
    return (low + (high - low) * progress) * persona.volume_factor


def _default_range(spec: Spec, s: Settings) -> tuple[int, int]:
    if spec.slot == "main0":
        return s.doses.main.sets
    if spec.role == ExerciseRole.MAIN:
        return s.doses.secondary.sets
    floor = int(s.t.selection["accessory_sets"][0])
    return floor, floor


def spec_sets(spec: Spec, s: Settings, block: Block, week: int, aggression: PersonaAggression) -> int:
    """Sets before ceilings in accumulation week ``week`` at ``aggression`` (monotone in both)."""
    t = s.t
    weeks = block.accumulation_weeks
    if spec.fixed is not None:
        if "sets_range" in spec.fixed:
            low, high = spec.fixed["sets_range"]
            return max(low, min(high, round(_ramp((low, high), week, weeks, aggression, t))))
        return int(spec.fixed["sets"])
    if spec.slot == "power":
        low, high = spec.sets_range or s.doses.power.sets
        return max(2, min(high, round(_ramp((low, high), week, weeks, aggression, t))))
    low, high = spec.sets_range or _default_range(spec, s)
    ramped = round(_ramp((low, high), week, weeks, aggression, t))
    if spec.role == ExerciseRole.MAIN:
        # A bolder persona may do one set more than the dose's top on its main lifts.
        base = max(int(t.selection["main_min_sets"]), min(high + 1, ramped))
        if spec.slot == "main0" and s.style == ProgressionStyle.WAVE_LOADING:
            scheme = main_week(
                s.style, s.doses.main, week, base_sets=base, aggression=aggression, lower_body=False, t=t
            )
            return scheme.sets or base
        return base
    acc_low, acc_high = (int(v) for v in t.selection["accessory_sets"])
    return max(acc_low, min(acc_high, ramped))


# --------------------------------------------------------------------------- realisation


def _is_lower(movement: MovementInfo, t: Tunables) -> bool:
    return movement.primary_muscle in t.lower_muscles or movement.pattern in t.lower_patterns


def _work_dose(spec: Spec, s: Settings) -> Dose:
    if spec.slot == "main0":
        return s.doses.main
    if spec.slot in ("main1", "main2", "rule_main"):
        return s.doses.secondary
    if spec.slot == "power":
        return s.doses.power
    return s.doses.accessory


def prescribe(
    spec: Spec, s: Settings, block: Block, week: int, aggression: PersonaAggression, sets: int
) -> PlannedExercise:
    """One exercise of accumulation week ``week`` with ``sets`` sets."""
    t = s.t
    exercise = PlannedExercise(
        movement=spec.movement,
        role=spec.role,
        sets=sets,
        superset_group=spec.superset_group,
        order=spec.order,
        required=spec.required,
        ceiling=spec.ceiling,
        slot=spec.slot,
        substitution_allowed=spec.role not in (ExerciseRole.FINISHER,),
    )
    if spec.fixed is not None:
        fixed = spec.fixed
        exercise.rep_min = fixed.get("rep_min")
        exercise.rep_max = fixed.get("rep_max")
        exercise.duration_seconds = fixed.get("duration_seconds")
        exercise.rest_seconds = fixed.get("rest_seconds")
        exercise.rpe = fixed.get("rpe")
        exercise.notes = fixed.get("notes")
        return exercise
    dose = _work_dose(spec, s)
    exercise.rest_seconds = dose.rest_seconds
    if spec.slot == "main0":
        scheme = main_week(
            s.style,
            dose,
            week,
            base_sets=sets,
            aggression=aggression,
            lower_body=_is_lower(spec.movement, t),
            t=t,
        )
        exercise.rep_min, exercise.rep_max, exercise.rpe = scheme.rep_min, scheme.rep_max, scheme.rpe
        exercise.notes = f"{ramp_up_note(t)} {scheme.notes}"
    elif spec.slot == "power":
        exercise.rep_min, exercise.rep_max = (
            dose.reps[0],
            max(dose.reps[0], min(dose.reps[1], dose.reps[0] + 2)),
        )
        exercise.rpe = cap_rpe(t, aggression, dose.rpe[0])
        exercise.notes = "Fast and crisp while you are fresh; end the set the moment speed drops."
    else:
        scheme = secondary_week(dose, week, block.accumulation_weeks, aggression=aggression, t=t)
        exercise.rep_min, exercise.rep_max, exercise.rpe = scheme.rep_min, scheme.rep_max, scheme.rpe
    if spec.movement.metric_type != MetricType.REPS:
        hold = 20 + 5 * min(week, 4) + (10 if spec.slot.startswith("main") else 0)
        exercise.duration_seconds = hold
        exercise.rep_min = exercise.rep_max = None
    if spec.movement.unilateral and exercise.notes is None:
        exercise.notes = "Each side."
    return exercise


def ramp_up_note(t: Tunables) -> str:
    """The first main lift's ramp-up sets, as the warm-up's last step (counted in its minutes)."""
    steps = ", ".join(f"{pct}% × {reps}" for pct, reps in t.design["warmup"]["ramp_up"])
    return f"Ramp up first: {steps} of your first working weight."


def deload_sets(sets: int, t: Tunables) -> int:
    """A deload keeps every exercise and scales its sets by the deload factor (at least one)."""
    return max(1, math.floor(float(t.deload["volume_factor"]) * sets + 0.5))


def realize(
    template: Template, s: Settings, block: Block, week: int, *, deload: bool
) -> list[PlannedExercise]:
    """The template's exercises for one week of the block (the deload week follows the last one)."""
    last = block.accumulation_weeks - 1
    out: list[PlannedExercise] = []
    for spec in template.specs:
        if spec.ceiling <= 0:
            continue
        if deload:
            peak = min(spec_sets(spec, s, block, last, s.aggression), spec.ceiling)
            keep_rounds = spec.fixed is not None and "sets_range" not in spec.fixed
            sets = (
                peak
                if keep_rounds or spec.role in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)
                else deload_sets(peak, s.t)
            )
            exercise = prescribe(spec, s, block, last, s.aggression, sets)
            if exercise.role in (ExerciseRole.MAIN, ExerciseRole.ACCESSORY, ExerciseRole.SKILL):
                exercise.rpe = deload_rpe(s.t, exercise.rpe)
                if exercise.slot == "main0":
                    exercise.notes = f"{ramp_up_note(s.t)} {deload_note(s.t)}"
        else:
            sets = min(spec_sets(spec, s, block, week, s.aggression), spec.ceiling)
            exercise = prescribe(spec, s, block, week, s.aggression, sets)
        if exercise.sets > 0:
            out.append(exercise)
    return out


# --------------------------------------------------------------------------- building


@dataclass
class _Draft:
    """A session being put together, and what it already holds."""

    t: Tunables
    specs: list[Spec] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    families: dict[tuple[object, ...], int] = field(default_factory=lambda: defaultdict(int))
    next_group: int = 1

    @classmethod
    def of(cls, specs: Sequence[Spec], t: Tunables) -> _Draft:
        draft = cls(t)
        for spec in specs:
            draft.note(spec)
        return draft

    def note(self, spec: Spec) -> None:
        self.names.add(spec.movement.name)
        if spec.movement.substitution_group:
            self.groups.add(spec.movement.substitution_group)
        if spec.role in WORKING_ROLES:
            self.families[_family(spec.movement)] += 1

    def add(self, spec: Spec) -> Spec:
        spec.order = len(self.specs) + 1
        self.specs.append(spec)
        self.note(spec)
        return spec

    def has(self, movement: MovementInfo) -> bool:
        return movement.name in self.names

    def welcomes(self, movement: MovementInfo, *, family: bool = True) -> bool:
        """Whether ``movement`` adds something new: not there yet, nothing of its substitution
        group, and (with ``family``, for accessories) no more than ``accessories_per_family``
        working exercises of its family."""
        if movement.name in self.names:
            return False
        if movement.substitution_group and movement.substitution_group in self.groups:
            return False
        return not (
            family and self.families[_family(movement)] >= int(self.t.design["accessories_per_family"])
        )


def _family(movement: MovementInfo) -> tuple[object, ...]:
    """What an exercise does: isolation work by its muscle (one calf raise, one curl), the rest by
    pattern (one more lunge or press adds little next to another)."""
    if movement.pattern == MovementPattern.ISOLATION:
        return (movement.pattern, movement.primary_muscle)
    return (movement.pattern,)


def _blocked(movement: MovementInfo, light: bool, t: Tunables) -> bool:
    """In a light-legs session nothing heavy for the lower body."""
    return light and movement.cns_load in t.high_cns and _is_lower(movement, t)


def _warmup_seconds(s: Settings) -> tuple[int, int]:
    time = s.t.time
    scale = min(1.0, s.budget / float(time["reference_session_minutes"]))
    warm = max(float(time["min_warmup_minutes"]), float(time["warmup_minutes"]) * scale) * 60
    cool = max(float(time["min_cooldown_minutes"]), float(time["cooldown_minutes"]) * scale) * 60
    return int(warm), int(cool)


def _light_spec(movement: MovementInfo, role: ExerciseRole, t: Tunables) -> Spec:
    """A warm-up drill or a stretch: one easy round. A hold done on each side is shorter, so every
    item fits the minute and a half the session's estimate gives it."""
    timed = movement.metric_type == MetricType.TIME
    side = " each side" if movement.unilateral else ""
    holds = t.design["warmup"]["hold_seconds"]
    fixed = {
        "sets": 1,
        "rep_min": None if timed else (8 if role == ExerciseRole.COOLDOWN else 10),
        "rep_max": None if timed else (8 if role == ExerciseRole.COOLDOWN else 10),
        "duration_seconds": int(holds[1] if movement.unilateral else holds[0]) if timed else None,
        "rest_seconds": 0,
        "notes": ("Easy and controlled" if role == ExerciseRole.WARMUP else "Breathe slowly, relax into it")
        + side
        + ".",
    }
    return Spec(movement, role, role.value, 0, fixed=fixed)


def _light_items(
    draft: _Draft,
    options: Sequence[MovementInfo],
    count: int,
    role: ExerciseRole,
    muscles: Sequence[PrimaryMuscle],
    s: Settings,
    variety: object,
) -> None:
    added = 0
    for movement in light_candidates(options, muscles, s.seed, variety):
        if added >= count:
            break
        if not draft.welcomes(movement, family=False) or not s.pools.allowed(movement):
            continue
        draft.add(_light_spec(movement, role, s.t))
        added += 1


#: Tags of drills that raise the pulse before the session-specific preparation.
_PULSE_TAGS = frozenset({"dynamic", "conditioning", "cardio"})


def _warmups(
    draft: _Draft,
    stype: SessionType,
    count: int,
    muscles: Sequence[PrimaryMuscle],
    s: Settings,
    variety: object,
) -> None:
    """A pulse raiser, then drills for the joints this session loads (shoulders and thoracic spine
    before upper-body work, hips and ankles before leg work); any left over from the usual pool."""
    design = s.t.design["warmup"]
    focus = frozenset(design["focus_tags"].get(stype.value, ()))
    pool = [m for m in s.pools.warmup if s.pools.allowed(m)]
    pulse = [m for m in pool if m.primary_muscle == PrimaryMuscle.FULL_BODY and m.tags & _PULSE_TAGS]
    specific = [m for m in pool if m.tags & focus]
    wanted = set(muscles)

    def fit(m: MovementInfo) -> float:
        return (
            len(m.tags & focus)
            + 1.0 * (m.primary_muscle in wanted or bool(wanted & set(m.secondary_muscles)))
            + jitter(s.seed, variety, m.name)
        )

    ordered = sorted(pulse, key=lambda m: (jitter(s.seed, variety, "pulse", m.name), m.name))
    general = ordered[: int(design["general_items"])]

    def chosen() -> Iterator[MovementInfo]:
        yield from general
        yield from sorted(specific, key=lambda m: (-fit(m), m.name))
        yield from light_candidates(pool, muscles, s.seed, variety)

    added = 0
    for movement in chosen():
        if added >= count:
            break
        if draft.welcomes(movement, family=False):
            spec = draft.add(_light_spec(movement, ExerciseRole.WARMUP, s.t))
            if movement in general:
                # When minutes are short the pulse raiser goes before the specific drills.
                spec.slot = "pulse"
            added += 1


def _pick_main(
    pattern: MovementPattern, draft: _Draft, s: Settings, block: Block, key: Key, slot: str, light: bool
) -> MovementInfo | None:
    candidates = [
        m
        for m in main_candidates(s.pools, pattern, s.rank)
        if draft.welcomes(m, family=False) and not _blocked(m, light, s.t)
    ]
    if not candidates:
        return None
    if light:
        normal = block.mains.get((key, slot))
        if normal is not None and normal in candidates:
            return normal
        return candidates[0]
    used = block.used_groups.setdefault(pattern, [])
    fresh = [m for m in candidates if m.substitution_group not in used]
    choice = fresh[0] if fresh else candidates[len(used) % len(candidates)]
    if choice.substitution_group:
        used.append(choice.substitution_group)
    block.mains[(key, slot)] = choice
    return choice


def _finisher(
    draft: _Draft, s: Settings, block: Block, key: Key, seconds: int
) -> tuple[CircuitInfo | None, dict[int, int]]:
    catalog_names = {m.name: m for m in s.pools.usable}
    groups = {m.name: m.substitution_group for m in s.pools.usable}
    circuits = [
        c
        for c in s.pools.circuits
        if (c.time_cap_seconds or 0) + int(s.t.time["transition_seconds"]) <= seconds
        and not any(
            str(st.get("movement")) in draft.names or groups.get(str(st.get("movement"))) in draft.groups
            for st in c.stations
        )
    ]
    if circuits:
        circuit = min(circuits, key=lambda c: (jitter(s.seed, block.index, key, "finisher", c.name), c.name))
        group = draft.next_group
        draft.next_group += 1
        _add_circuit(draft, circuit, ExerciseRole.FINISHER, group, catalog_names)
        return circuit, {group: int(circuit.time_cap_seconds or 600)}
    options = [
        m
        for m in s.pools.conditioning
        if draft.welcomes(m, family=False) and m.metric_type != MetricType.DISTANCE
    ]
    if not options:
        return None, {}
    movement = min(options, key=lambda m: (jitter(s.seed, block.index, key, "intervals", m.name), m.name))
    timed = movement.metric_type == MetricType.TIME
    rounds = max(3, min(8, (seconds - 60) // 60))
    draft.add(
        Spec(
            movement,
            ExerciseRole.FINISHER,
            "finisher",
            0,
            fixed={
                "sets": rounds,
                "rep_min": None if timed else 10,
                "rep_max": None if timed else 10,
                "duration_seconds": 30 if timed else None,
                "rest_seconds": 30,
                "rpe": 8.0,
                "notes": f"Finisher: {rounds} hard rounds, 30 s easy between.",
            },
        )
    )
    return None, {}


def _station_notes(circuit: CircuitInfo, station: Mapping[str, Any], first: bool) -> str:
    dose = []
    if station.get("distance_m"):
        dose.append(f"{station['distance_m']} m")
    if station.get("calories"):
        dose.append(f"{station['calories']} cal")
    parts = [", ".join(dose)] if dose else []
    if station.get("notes"):
        parts.append(str(station["notes"]))
    if first:
        minutes = round((circuit.time_cap_seconds or 0) / 60)
        header = f"{circuit.name} — {circuit.circuit_type.value.replace('_', ' ')}"
        if circuit.rounds and circuit.circuit_type in (CircuitType.ROUNDS_FOR_TIME, CircuitType.STATION):
            header += f", {circuit.rounds} rounds"
        header += (
            f", {minutes} min cap"
            if circuit.circuit_type == CircuitType.ROUNDS_FOR_TIME
            else f", {minutes} min"
        )
        parts.insert(0, header)
    return ". ".join(p for p in parts if p) or circuit.name


def _circuit_rounds(circuit: CircuitInfo) -> int:
    """Rounds each station is written down with."""
    rounds = circuit.rounds or 1
    if circuit.circuit_type in (CircuitType.AMRAP, CircuitType.CHIPPER):
        return 1
    if circuit.circuit_type == CircuitType.EMOM:
        return max(1, rounds // max(1, len(circuit.stations)))
    return rounds


def _leg_sets(circuit: CircuitInfo, movements: Mapping[str, MovementInfo], t: Tunables) -> int:
    """Lower-body working sets a circuit adds up to (it counts as hard leg work from ``hard_lower_sets``)."""
    legs = 0
    for station in circuit.stations:
        m = movements.get(str(station.get("movement")))
        if m is not None and m.pattern not in NOT_HARD_SETS and _is_lower(m, t):
            legs += _circuit_rounds(circuit)
    return legs


def _add_circuit(
    draft: _Draft, circuit: CircuitInfo, role: ExerciseRole, group: int, movements: Mapping[str, MovementInfo]
) -> None:
    rounds = _circuit_rounds(circuit)
    for i, station in enumerate(circuit.stations):
        movement = movements.get(str(station.get("movement")))
        if movement is None:
            continue
        reps = station.get("reps")
        draft.add(
            Spec(
                movement,
                role,
                "circuit",
                0,
                superset_group=group,
                fixed={
                    "sets": rounds,
                    "rep_min": reps,
                    "rep_max": reps,
                    "duration_seconds": station.get("duration_seconds"),
                    "rest_seconds": None,
                    "rpe": 8.0,
                    "notes": _station_notes(circuit, station, i == 0),
                },
            )
        )


def _matches(spec: Spec, option: NeedOption) -> bool:
    m = spec.movement
    return (
        spec.role in WORKING_ROLES
        and spec.fixed is None
        and (option.pattern is None or m.pattern == option.pattern)
        and (option.muscle is None or m.primary_muscle == option.muscle)
        and (not option.isolation or m.pattern == MovementPattern.ISOLATION)
        and (not option.accessory or spec.role == ExerciseRole.ACCESSORY)
    )


def _met(draft: _Draft, option: NeedOption) -> bool:
    return sum(1 for spec in draft.specs if _matches(spec, option)) >= option.count


def _accessory_for(
    option: NeedOption, draft: _Draft, s: Settings, variety: object, light: bool
) -> MovementInfo | None:
    """The best accessory that meets ``option`` and sits well in the session, or ``None``."""
    t = s.t
    if option.muscle is not None:
        options = accessory_candidates(s.pools, option.muscle, s.rank, variety)
    elif option.pattern is not None:
        options = pattern_candidates(s.pools, option.pattern, s.rank, variety)
    else:
        return None
    for movement in options:
        probe = Spec(movement, ExerciseRole.ACCESSORY, "accessory", 0)
        if (
            _matches(probe, option)
            and _fits_accessory(movement, draft, light, t)
            and s.pools.allowed(movement)
        ):
            return movement
    return None


#: Patterns that are never accessory volume (jumps and lifts that train speed, not size).
_NOT_ACCESSORIES = frozenset({MovementPattern.PLYOMETRIC, MovementPattern.OLYMPIC})


def _fits_accessory(movement: MovementInfo, draft: _Draft, light: bool, t: Tunables) -> bool:
    """Accessories stay easy on the nervous system, and off the legs on a light-legs day."""
    return (
        draft.welcomes(movement)
        and movement.pattern not in _NOT_ACCESSORIES
        and movement.cns_load not in t.high_cns
        and not (light and _is_lower(movement, t) and movement.compound)
    )


def _fill_needs(draft: _Draft, key: Key, s: Settings, block: Block, light: bool) -> None:
    """One accessory for every session-design need the main lifts leave open, in priority order."""
    for rank, need in enumerate(s.t.needs.get(key[0], ())):
        while not any(_met(draft, option) for option in need):
            placed = False
            for option in need:
                movement = _accessory_for(option, draft, s, (block.index, key), light)
                if movement is not None:
                    draft.add(
                        Spec(
                            movement,
                            ExerciseRole.ACCESSORY,
                            "accessory",
                            0,
                            muscle=option.muscle or movement.primary_muscle,
                            need=rank,
                            pattern=option.pattern is not None,
                        )
                    )
                    placed = True
                    break
            if not placed:
                break


def build_strength(
    key: Key, s: Settings, block: Block, *, light: bool, required: Sequence[MovementInfo]
) -> Template:
    """A strength session's movements (sets come from the block's allocation)."""
    t = s.t
    stype, variant = key
    draft = _Draft(t)
    muscles = t.session_muscles[stype]
    warm_seconds, cool_seconds = _warmup_seconds(s)
    mobility_extra = round(s.mix.mobility * float(t.selection["mobility_items_per_weight"]))
    warm_items = max(2, round(warm_seconds / int(t.time["warmup_item_seconds"]))) + mobility_extra
    cool_items = max(1, round(cool_seconds / int(t.time["cooldown_item_seconds"]))) + mobility_extra
    budget_seconds = s.budget * 60
    reserve = warm_items * int(t.time["warmup_item_seconds"]) + cool_items * int(
        t.time["cooldown_item_seconds"]
    )
    has_finisher = key in s.finisher_keys
    share = float(t.time["finisher_max_share"]) * (1 + s.mix.conditioning / 10)
    finisher_seconds = int(budget_seconds * share) if has_finisher else 0
    # Main lifts may not eat the finisher's share; accessories get whatever is left after it.
    work_budget = budget_seconds - reserve - finisher_seconds
    circuit_seconds: dict[int, int] = {}
    last = block.accumulation_weeks - 1

    # Each spec prescribed once at the reference aggression for the block's biggest week:
    # time checks while building reuse it.
    prescribed: dict[int, tuple[Spec, PlannedExercise]] = {}

    def reference(spec: Spec) -> PlannedExercise:
        # Keyed by identity, checked by identity: a discarded candidate's id can be reused.
        cached = prescribed.get(id(spec))
        if cached is None or cached[0] is not spec:
            exercise = prescribe(spec, s, block, last, REFERENCE, spec_sets(spec, s, block, last, REFERENCE))
            cached = prescribed[id(spec)] = (spec, exercise)
        return cached[1]

    def fits(extra: Spec) -> bool:
        exercises = [reference(sp) for sp in (*draft.specs, extra)]
        return sum(section_seconds(exercises, t, circuit_seconds=circuit_seconds).values()) <= work_budget

    # Explosive work first, while fresh. When power is what the lifter trains for, it is always
    # there; on a short day it shares the clock with the first main lift (both lose sets).
    lower_day = stype in t.lower_session_types
    power_first = s.mix.power >= int(t.selection["power_every_session_weight"])
    if s.mix.power >= int(t.selection["power_slot_weight"]) and (lower_day or power_first):
        for movement in power_candidates(s.pools, s.rank, lower=lower_day, variety_key=(block.index, key)):
            if draft.welcomes(movement, family=False) and not _blocked(movement, light, t):
                spec = Spec(movement, ExerciseRole.SKILL, "power", 0)
                if power_first or fits(spec):
                    draft.add(spec)
                break

    # Main lifts: the patterns of this variant, as many as experience and time allow.
    slots = t.main_slots[stype][variant % len(t.main_slots[stype])]
    n_main = t.limits[s.experience].main_lifts_per_session + int(
        t.split["extra_main_lifts"].get(stype.value, 0)
    )
    wanted = list(required)
    for pattern in slots[:n_main]:
        # The first lift placed is the day's primary lift, whatever the pattern list skipped.
        placed = sum(1 for sp in draft.specs if sp.role == ExerciseRole.MAIN)
        slot = f"main{placed}"
        asked = next(
            (
                m
                for m in wanted
                if m.pattern == pattern
                and m.compound
                and draft.welcomes(m, family=False)
                and not _blocked(m, light, t)
            ),
            None,
        )
        movement = asked or _pick_main(pattern, draft, s, block, key, slot, light)
        if movement is None:
            continue
        spec = Spec(movement, ExerciseRole.MAIN, slot, 0, required=asked is not None)
        if placed > 0 and asked is None and not fits(spec):
            break
        draft.add(spec)
        if asked is not None:
            wanted.remove(asked)

    for movement in wanted:
        # A heavy must-do lift never goes into a light-legs session, nor next to a movement of
        # its own substitution group; the weekly rule check places it where it is allowed.
        if not draft.welcomes(movement, family=False) or _blocked(movement, light, t):
            continue
        main_like = movement.compound and movement.pattern in MAIN_PATTERNS
        role = ExerciseRole.MAIN if main_like else ExerciseRole.ACCESSORY
        draft.add(
            Spec(
                movement,
                role,
                "rule_main" if main_like else "rule",
                0,
                muscle=movement.primary_muscle,
                required=True,
            )
        )

    _fill_needs(draft, key, s, block, light)

    # The lifter's conditioning goal asks for this day's finisher: it keeps its shortest form and
    # grows into its share only as far as the session's design leaves minutes (accessories at
    # their floors) — conditioning is the extra, not the replacement.
    finisher = None
    if has_finisher:
        floor = int(t.selection["accessory_sets"][0])
        planned = sum(
            section_seconds(
                [
                    prescribe(sp, s, block, last, REFERENCE, floor)
                    if sp.role == ExerciseRole.ACCESSORY and sp.fixed is None
                    else reference(sp)
                    for sp in draft.specs
                ],
                t,
            ).values()
        )
        left = max(
            int(t.design["min_finisher_seconds"]),
            min(finisher_seconds, budget_seconds - reserve - planned),
        )
        finisher, found = _finisher(draft, s, block, key, left)
        circuit_seconds.update(found)

    if s.mix.mobility >= 5:
        _light_items(
            draft,
            [m for m in s.pools.by_pattern.get(MovementPattern.MOBILITY, ()) if "warmup" not in m.tags],
            2,
            ExerciseRole.ACCESSORY,
            muscles,
            s,
            (block.index, key, "mobility"),
        )
        for spec in draft.specs[-2:]:
            if spec.role == ExerciseRole.ACCESSORY and spec.fixed is not None:
                spec.fixed = {
                    **spec.fixed,
                    "sets": 2,
                    "rest_seconds": 15,
                    "notes": "Mobility block: slow, full range.",
                }
                spec.slot = "mobility"

    tags = [stype.value, *_goal_tags(s.mix)]
    if light:
        tags.append("light_legs")
    template = Template(
        key,
        light,
        False,
        draft.specs,
        finisher_circuit=finisher,
        circuit_seconds=circuit_seconds,
        next_group=draft.next_group,
        pending_light=(warm_items, cool_items),
    )
    template.intent_tags = tags
    return template


def _add_light_items(template: Template, s: Settings, block: Block) -> None:
    """The warm-up and cool-down, chosen once the session's exercises are settled."""
    warm_items, cool_items = template.pending_light
    if not warm_items and not cool_items:
        return
    draft = _Draft.of(template.specs, s.t)
    draft.specs = list(template.specs)
    key = template.key
    muscles = s.t.session_muscles[key[0]]
    _warmups(draft, key[0], warm_items, muscles, s, (block.index, key, "warmup"))
    _light_items(
        draft, s.pools.cooldown, cool_items, ExerciseRole.COOLDOWN, muscles, s, (block.index, key, "cooldown")
    )
    for spec in draft.specs[len(template.specs) :]:
        spec.order += max((sp.order for sp in template.specs), default=0)
    template.specs = draft.specs
    template.pending_light = (0, 0)


def _goal_tags(mix: GoalMix) -> list[str]:
    return [g.value for g, w in sorted(mix.weights.items(), key=lambda kv: -kv[1]) if w > 0]


def build_cardio(key: Key, s: Settings, block: Block, *, easy: bool) -> Template:
    t = s.t
    draft = _Draft(t)
    warm_seconds, cool_seconds = _warmup_seconds(s)
    warm_items = max(2, round(warm_seconds / int(t.time["warmup_item_seconds"])))
    cool_items = max(1, round(cool_seconds / int(t.time["cooldown_item_seconds"])))
    work_seconds_budget = (
        s.budget * 60
        - warm_items * int(t.time["warmup_item_seconds"])
        - cool_items * int(t.time["cooldown_item_seconds"])
    )
    cardio = t.selection["cardio"]
    circuit_seconds: dict[int, int] = {}
    main_circuit = None
    modality = _cardio_modality(s, block, key)
    fat_loss_first = s.mix.weight(Goal.FAT_LOSS) > s.mix.weight(Goal.ENDURANCE)
    if not easy and fat_loss_first:
        names = {m.name: m for m in s.pools.usable}
        # A conditioning day is placed as upper-body work next to leg-heavy sport: it never adds
        # up to hard leg work.
        fitting = [
            c
            for c in s.pools.circuits
            if (c.time_cap_seconds or 0) + 60 <= work_seconds_budget
            and _leg_sets(c, names, t) < int(t.interference["hard_lower_sets"])
        ]
        if fitting:
            main_circuit = min(
                fitting, key=lambda c: (jitter(s.seed, block.index, key, "main", c.name), c.name)
            )
            group = draft.next_group
            draft.next_group += 1
            _add_circuit(draft, main_circuit, ExerciseRole.MAIN, group, names)
            circuit_seconds[group] = int(main_circuit.time_cap_seconds or 600)
    if main_circuit is None and modality is not None:
        if easy:
            minutes = max(10, min(60, (work_seconds_budget - 60) // 60))
            draft.add(
                Spec(
                    modality,
                    ExerciseRole.MAIN,
                    "cardio",
                    0,
                    fixed={
                        "sets": 1,
                        "duration_seconds": minutes * 60,
                        "rest_seconds": 0,
                        "rpe": float(cardio["easy_rpe"]),
                        "notes": "Easy, conversational pace (zone 2): you could talk in full sentences.",
                    },
                )
            )
        else:
            kind = (
                "speed"
                if s.mix.weight(Goal.SPEED) > s.mix.conditioning
                else ("fat_loss" if fat_loss_first else "endurance")
            )
            work = int(cardio["interval_seconds"][kind])
            rest = int(cardio["interval_rest_seconds"][kind])
            low, high = (int(v) for v in cardio["intervals"])
            high = max(low, min(high, (work_seconds_budget - 120) // (work + rest)))
            draft.add(
                Spec(
                    modality,
                    ExerciseRole.MAIN,
                    "cardio",
                    0,
                    fixed={
                        "sets_range": (min(low, high), high),
                        "duration_seconds": work,
                        "rest_seconds": rest,
                        "rpe": float(cardio["hard_rpe"]),
                        "notes": f"Intervals: {work} s hard, {rest} s easy between.",
                    },
                )
            )
    _light_items(draft, s.pools.warmup, warm_items, ExerciseRole.WARMUP, (), s, (block.index, key, "warmup"))
    _light_items(
        draft, s.pools.cooldown, cool_items, ExerciseRole.COOLDOWN, (), s, (block.index, key, "cooldown")
    )
    template = Template(
        key,
        False,
        easy,
        draft.specs,
        main_circuit=main_circuit,
        circuit_seconds=circuit_seconds,
        next_group=draft.next_group,
    )
    template.intent_tags = ["conditioning", "easy" if easy else "hard", *_goal_tags(s.mix)]
    return template


def _cardio_modality(s: Settings, block: Block, key: Key) -> MovementInfo | None:
    options = [m for m in s.pools.cardio if m.cns_load not in s.t.high_cns]
    if not options:
        return None

    def score(m: MovementInfo) -> float:
        return (
            1.0 * ("low_impact" in m.tags) * (s.experience == ExperienceLevel.BEGINNER)
            + 0.8 * ("intervals" in m.tags)
            + 0.5 * ("steady_state" in m.tags)
            - 0.5 * ("recovery" in m.tags)
            + jitter(s.seed, block.index, key, "cardio", m.name)
        )

    return max(options, key=lambda m: (score(m), m.name))


def build_recovery(key: Key, s: Settings, block: Block) -> Template:
    draft = _Draft(s.t)
    walk = next(
        (
            m
            for m in sorted(
                s.pools.cardio, key=lambda m: ("recovery" not in m.tags, "low_impact" not in m.tags, m.name)
            )
        ),
        None,
    )
    minutes = max(10, min(30, s.budget // 2))
    if walk is not None:
        draft.add(
            Spec(
                walk,
                ExerciseRole.MAIN,
                "cardio",
                0,
                fixed={
                    "sets": 1,
                    "duration_seconds": minutes * 60,
                    "rest_seconds": 0,
                    "rpe": 4.0,
                    "notes": "Easy movement to help recovery: nose-breathing pace.",
                },
            )
        )
    mobility = [m for m in s.pools.by_pattern.get(MovementPattern.MOBILITY, ())]
    _light_items(draft, mobility, 4, ExerciseRole.ACCESSORY, (), s, (block.index, key, "mobility"))
    for spec in draft.specs:
        if spec.role == ExerciseRole.ACCESSORY and spec.fixed is not None:
            spec.fixed = {**spec.fixed, "sets": 2, "rest_seconds": 15}
            spec.slot = "mobility"
    _light_items(draft, s.pools.cooldown, 2, ExerciseRole.COOLDOWN, (), s, (block.index, key, "cooldown"))
    template = Template(key, False, True, draft.specs, next_group=draft.next_group)
    template.intent_tags = ["recovery", "mobility"]
    return template


def _skeleton(
    key: Key, s: Settings, block: Block, *, light: bool, easy: bool, required: Sequence[MovementInfo]
) -> Template:
    stype = key[0]
    if stype == SessionType.CARDIO:
        return build_cardio(key, s, block, easy=easy)
    if stype in NON_STRENGTH:
        return build_recovery(key, s, block)
    return build_strength(key, s, block, light=light, required=required)


#: How often a session slot comes round in the block's building weeks: in the first, on average,
#: and at most in one week (a rotation such as U-L-U, L-U-L varies it week to week).
Frequency = tuple[int, float, int]


def build_block(
    keys: Sequence[Key],
    s: Settings,
    block: Block,
    *,
    required: Mapping[Key, Sequence[MovementInfo]],
    frequency: Mapping[Key, Frequency],
) -> dict[Key, Template]:
    """The block's templates, their sets shared out over the week (see ``allocation``)."""
    templates = {
        key: _skeleton(key, s, block, light=False, easy=False, required=required.get(key, ())) for key in keys
    }
    if any(k[0] not in NON_STRENGTH for k in keys):
        # Conditioning days take part too: their circuits' hard sets count toward each MRV.
        _allocate([templates[k] for k in keys], frequency, s, block)
    for template in templates.values():
        _set_ceilings(template, s, block)
    return templates


def build(
    key: Key, s: Settings, block: Block, *, light: bool, easy: bool, required: Sequence[MovementInfo]
) -> Template:
    """One template on its own (a light-legs or easy variant): its sets take its share of the week."""
    template = _skeleton(key, s, block, light=light, easy=easy, required=required)
    if key[0] not in NON_STRENGTH:
        share = {m: 1 / max(1.0, v) for m, v in s.covering.items()}
        _allocate([template], {key: (1, 1.0, 1)}, s, block, share=share)
    _set_ceilings(template, s, block)
    return template


# --------------------------------------------------------------------------- sets


def _allocate(
    templates: Sequence[Template],
    frequency: Mapping[Key, Frequency],
    s: Settings,
    block: Block,
    *,
    share: Mapping[PrimaryMuscle, float] | None = None,
) -> None:
    """Give each template's accessories their first-week and biggest-week sets (``sets_range``).

    ``share`` scales the weekly targets (and MRV) for a session sized on its own.
    """
    t = s.t
    last = block.accumulation_weeks - 1
    scale = share or {}

    def target(muscle: PrimaryMuscle, week: int) -> float:
        return scale.get(muscle, 1.0) * weekly_target(
            t,
            muscle,
            emphasis=s.doses.volume_emphasis,
            experience=s.experience,
            aggression=REFERENCE,
            week_in_block=week,
            accumulation_weeks=block.accumulation_weeks,
        )

    trained = {
        m for tpl in templates for m in t.session_muscles.get(tpl.session_type, ()) if m in t.landmarks
    }
    first = {m: target(m, 0) for m in trained}
    peak = {m: target(m, last) for m in trained}
    priority = t.selection["accessory_priority"]
    targets = Targets(
        first=first,
        peak=peak,
        mrv={m: mark.mrv * scale.get(m, 1.0) for m, mark in t.landmarks.items()},
        priority={m: float(priority.get(m.value, 1.0)) for m in trained},
        start_band=float(t.design["start_band"]),
    )
    limits = Limits(
        sets_per_session=t.limits[s.experience].max_sets_per_session,
        sets_per_muscle_per_session=t.max_sets_per_muscle_per_session,
        exercises_per_session=int(t.selection["max_work_exercises"]),
        fill_share=float(t.design["fill_share"]),
        extra_exercise_gap=float(t.design["extra_exercise_gap"]),
        transition_seconds=int(t.time["transition_seconds"]),
        superset_switch_seconds=int(t.time["superset_switch_seconds"]),
        main_floor=int(t.selection["main_min_sets"]),
        antagonists=ANTAGONISTS,
    )
    sessions = [_session(tpl, frequency[tpl.key], s, block) for tpl in templates]
    allocate(sessions, targets, limits)
    for template, session in zip(templates, sessions, strict=True):
        template.next_group = session.next_group
        for item in session.items:
            spec: Spec = item.ref
            first_sets, peak_sets = item.sets
            if item.muscle is None:
                if peak_sets <= 0:
                    template.specs.remove(spec)
                elif peak_sets != item.cap:
                    # A main lift (or power work) gave up sets for minutes or recovery.
                    spec.sets_range = (first_sets, peak_sets)
                continue
            spec.superset_group = item.group
            if peak_sets <= 0:
                template.specs.remove(spec)
            else:
                # A one-week block has no climb: its only week is its biggest.
                spec.sets_range = (peak_sets, peak_sets) if last == 0 else (first_sets, peak_sets)
        _add_light_items(template, s, block)


def _item(spec: Spec, s: Settings, block: Block) -> Item:
    """A working exercise as the allocation sees it: its clock, its credit, its bounds."""
    t = s.t
    last = block.accumulation_weeks - 1
    movement = spec.movement
    first = prescribe(spec, s, block, 0, REFERENCE, 1)
    once = int(t.time["transition_seconds"])
    if spec.slot == "main0":
        once += int(t.time["ramp_up_sets_for_main_lift"]) * int(t.time["ramp_up_set_seconds"])
    credit = _credit(movement, t) if spec.role in WORKING_ROLES else ()
    acc_low, acc_high = (int(v) for v in t.selection["accessory_sets"])
    # Main lifts and power work follow their goal dose; accessories are the allocation's to size.
    main = spec.role in (ExerciseRole.MAIN, ExerciseRole.SKILL)
    sets = [spec_sets(spec, s, block, w, REFERENCE) for w in (0, last)]
    trim_to, whole = None, False
    if spec.slot == "main0" and s.style == ProgressionStyle.WAVE_LOADING:
        # A wave goes through once or twice: it may drop its second time through.
        trim_to, whole = sets[0], sets[PEAK] > sets[0]
    elif spec.slot == "main0":
        # The day's first lift may give up one set of its climb …
        trim_to = max(int(t.selection["main_min_sets"]), sets[0], sets[PEAK] - 1)
    elif main:
        # … the lifts after it, and power work, their whole climb.
        trim_to = max(2, sets[0])
    return Item(
        section=SECTION_OF_ROLE[spec.role],
        credit=credit,
        work=(work_seconds(first, t), _max_work(spec, s, block)),
        rest=first.rest_seconds or 0,
        once=once,
        sets=sets if main else [acc_low, acc_low],
        floor=sets[PEAK] if main else acc_low,
        cap=sets[PEAK] if main else acc_high,
        muscle=None if main else (spec.muscle or movement.primary_muscle),
        drop_rank=None
        if main or spec.required
        else (spec.need if spec.need is not None else 100 + spec.order),
        order=spec.order,
        ref=spec,
        trim_to=trim_to,
        whole=whole,
        pattern=spec.pattern,
        design=spec.need is not None,
    )


def _credit(movement: MovementInfo, t: Tunables) -> tuple[tuple[PrimaryMuscle, float], ...]:
    """Hard-set credit per set: 1 for the primary muscle, the secondary credit for the others."""
    if movement.pattern in NOT_HARD_SETS:
        return ()
    return ((movement.primary_muscle, 1.0), *((m, t.secondary_credit) for m in movement.secondary_muscles))


def _background(spec: Spec, s: Settings, block: Block) -> Item:
    """Fixed hard work (a conditioning circuit's stations): its credit counts toward the week's
    volume and MRV, its minutes are the circuit's clock, already among the fixed minutes."""
    sets = [spec_sets(spec, s, block, w, REFERENCE) for w in (0, block.accumulation_weeks - 1)]
    return Item(
        section=SECTION_OF_ROLE[spec.role],
        credit=_credit(spec.movement, s.t),
        work=(0, 0),
        rest=0,
        once=0,
        sets=sets,
        floor=sets[PEAK],
        cap=sets[PEAK],
        muscle=None,
        drop_rank=None,
        order=spec.order,
        ref=spec,
    )


#: Where a mobility block stands when minutes run short: after the session's design needs,
#: before any extra volume.
MOBILITY_DROP_RANK = 50


def _mobility_item(spec: Spec, s: Settings, block: Block) -> Item:
    """A mobility-block drill: fixed sets and no hard-set credit, but it gives way to the session's
    movement patterns and accessories when the minutes are short."""
    exercise = prescribe(spec, s, block, 0, REFERENCE, 1)
    sets = spec_sets(spec, s, block, 0, REFERENCE)
    return Item(
        section=SECTION_OF_ROLE[spec.role],
        credit=(),
        work=(work_seconds(exercise, s.t), work_seconds(exercise, s.t)),
        rest=exercise.rest_seconds or 0,
        once=int(s.t.time["transition_seconds"]),
        sets=[sets, sets],
        floor=sets,
        cap=sets,
        muscle=None,
        drop_rank=MOBILITY_DROP_RANK,
        order=spec.order,
        ref=spec,
    )


def _session(template: Template, frequency: Frequency, s: Settings, block: Block) -> Session:
    """A template as the allocation sees it: working exercises to size, the rest as fixed minutes
    (with the credit of any fixed hard work)."""
    t = s.t
    last = block.accumulation_weeks - 1
    sized = [
        sp for sp in template.specs if sp.fixed is None and (sp.role in WORKING_ROLES or sp.slot == "power")
    ]
    mobility = [sp for sp in template.specs if sp.slot == "mobility"]
    others = [sp for sp in template.specs if all(sp is not z for z in (*sized, *mobility))]
    fixed = tuple(
        section_seconds(
            [prescribe(sp, s, block, w, REFERENCE, spec_sets(sp, s, block, w, REFERENCE)) for sp in others],
            t,
            circuit_seconds=template.circuit_seconds,
        )
        for w in (0, last)
    )
    warm_items, cool_items = template.pending_light
    for seconds in fixed:
        seconds["warmup"] += warm_items * int(t.time["warmup_item_seconds"])
        seconds["cooldown"] += cool_items * int(t.time["cooldown_item_seconds"])
    first, average, most = frequency

    # Candidates per muscle stay valid until the session takes one of them.
    proposals: dict[PrimaryMuscle, list[Item]] = {}

    def propose(muscle: PrimaryMuscle) -> list[Item]:
        if muscle not in proposals:
            draft = _Draft.of(template.specs, t)
            movements = [
                m
                for m in accessory_candidates(s.pools, muscle, s.rank, (block.index, template.key, "extra"))
                if _fits_accessory(m, draft, template.light, t) and s.pools.allowed(m)
            ]
            proposals[muscle] = [
                _item(Spec(m, ExerciseRole.ACCESSORY, "accessory", 0, muscle=muscle), s, block)
                for m in movements[: int(t.design["extra_candidates"])]
            ]
        return proposals[muscle]

    def accept(item: Item) -> None:
        spec: Spec = item.ref
        spec.order = max((sp.order for sp in template.specs), default=0) + 1
        item.order = spec.order
        template.specs.append(spec)
        proposals.clear()

    def alternatives(item: Item) -> list[Item]:
        # Same muscle and pattern (a row for a row, an isolation for an isolation), so whatever
        # need the accessory meets, its stand-in meets too.
        old: Spec = item.ref
        draft = _Draft.of([sp for sp in template.specs if sp is not old], t)
        variety = (block.index, template.key, "instead")
        movements = [
            m
            for m in accessory_candidates(s.pools, old.muscle or old.movement.primary_muscle, s.rank, variety)
            if m.pattern == old.movement.pattern
            and _fits_accessory(m, draft, template.light, t)
            and s.pools.allowed(m)
        ]
        return [
            _item(
                Spec(
                    m,
                    ExerciseRole.ACCESSORY,
                    old.slot,
                    old.order,
                    muscle=old.muscle,
                    need=old.need,
                    pattern=old.pattern,
                ),
                s,
                block,
            )
            for m in movements[: int(t.design["extra_candidates"])]
        ]

    def swap(old: Item, new: Item) -> None:
        index = next(i for i, sp in enumerate(template.specs) if sp is old.ref)
        template.specs[index] = new.ref
        proposals.clear()

    background = [_background(sp, s, block) for sp in others if sp.role in WORKING_ROLES]
    return Session(
        items=[_item(sp, s, block) for sp in sized]
        + [_mobility_item(sp, s, block) for sp in mobility]
        + background,
        fixed=(fixed[0], fixed[1]),
        budget_minutes=s.budget,
        weights=(first, average),
        most=most,
        muscles=frozenset(t.session_muscles.get(template.session_type, ())),
        propose=propose,
        accept=accept,
        alternatives=alternatives,
        swap=swap,
        next_group=template.next_group,
    )


# --------------------------------------------------------------------------- ceilings


def _max_work(spec: Spec, s: Settings, block: Block) -> int:
    """The longest set this exercise has in any week of the block.

    Reps do not depend on aggression; only the primary lift's scheme moves them up and down
    (waves), other exercises climb their rep range, so their last week is the longest.
    """
    weeks = range(block.accumulation_weeks) if spec.slot == "main0" else (block.accumulation_weeks - 1,)
    return max(work_seconds(prescribe(spec, s, block, w, REFERENCE, 1), s.t) for w in weeks)


def _set_ceilings(template: Template, s: Settings, block: Block) -> None:
    t = s.t
    last = block.accumulation_weeks - 1
    for spec in template.specs:
        # A movement the lifter asked for is never trimmed away once it is in.
        if spec.movement.name in s.pools.preferred and spec.role != ExerciseRole.FINISHER:
            spec.required = True
    exercises = []
    works: dict[int, int] = {}
    reference: dict[int, int] = {}
    for spec in template.specs:
        top = spec_sets(spec, s, block, last, TOP)
        exercise = prescribe(spec, s, block, last, TOP, top)
        exercise.ceiling = top
        works[id(exercise)] = _max_work(spec, s, block)
        spec.reference = reference[id(exercise)] = spec_sets(spec, s, block, last, REFERENCE)
        exercises.append(exercise)

    working = [e for e in exercises if counts_as_hard_set(e)]
    # Sets per muscle per session.
    cap = t.max_sets_per_muscle_per_session
    for _ in range(200):
        credit = muscle_credit(_at_ceiling(working), t.secondary_credit)
        over = [m for m, v in credit.items() if v > cap + 1e-9 and m in t.landmarks]
        if not over or not shave(working, t, reference, muscle=over[0]):
            break
    # Sets per session for this experience level.
    limit = t.limits[s.experience].max_sets_per_session
    while sum(e.ceiling for e in working) > limit and shave(working, t, reference):
        pass
    # A light-legs session stays under the hard lower-body threshold.
    if template.light:
        lower = [e for e in working if _is_lower(e.movement, t)]
        threshold = int(t.interference["hard_lower_sets"])
        while sum(e.ceiling for e in lower) >= threshold and shave(
            lower, t, reference, drop=True, to_one=True
        ):
            pass
    main_min = int(t.selection["main_min_sets"])
    floors = {
        "accessory": int(t.selection["accessory_sets"][0]),
        "main": main_min,
        "warmup_items": max(
            1, round(float(t.time["min_warmup_minutes"]) * 60 / int(t.time["warmup_item_seconds"]))
        ),
        "cooldown_items": max(
            1, round(float(t.time["min_cooldown_minutes"]) * 60 / int(t.time["cooldown_item_seconds"]))
        ),
    }
    fit_ceilings(
        exercises,
        s.budget,
        t,
        floors=floors,
        next_group=template.next_group,
        circuit_seconds=template.circuit_seconds,
        work_of=lambda e: works[id(e)],
        reference=reference,
    )
    for spec, exercise in zip(template.specs, exercises, strict=True):
        spec.ceiling = exercise.ceiling
        spec.superset_group = exercise.superset_group


def _at_ceiling(exercises: Sequence[PlannedExercise]) -> list[PlannedExercise]:
    return [PlannedExercise(e.movement, e.role, e.ceiling, slot=e.slot) for e in exercises]


def shave(
    exercises: Sequence[PlannedExercise],
    t: Tunables,
    reference: Mapping[int, int],
    *,
    muscle: PrimaryMuscle | None = None,
    drop: bool = False,
    to_one: bool = False,
) -> bool:
    """One set less for recovery (on exercises that load ``muscle``, if given). False if none can go.

    What only a bolder persona adds goes first (``reference``, by ``id``: the middle road's sets),
    then a set from the exercise with the most sets above its floor (2 for main lifts and must-do
    movements, the accessory floor otherwise), so the cut is shared rather than dumped on one
    accessory. With ``drop`` an optional accessory at its floor may go entirely (never down to a
    lone set); with ``to_one`` a session's second or third main lift may go too, and only then
    main lifts and must-do movements go down to one set.
    """
    floor_acc = int(t.selection["accessory_sets"][0])
    floor_main = int(t.selection["main_min_sets"])

    def floor(e: PlannedExercise) -> int:
        return floor_main if e.role == ExerciseRole.MAIN or e.required else floor_acc

    def optional(e: PlannedExercise) -> bool:
        return e.role == ExerciseRole.ACCESSORY and not e.required

    loads = [
        e
        for e in exercises
        if e.ceiling > 0
        and counts_as_hard_set(e)
        and (muscle is None or e.movement.primary_muscle == muscle or muscle in e.movement.secondary_muscles)
    ]

    def key(e: PlannedExercise) -> tuple[bool, int, bool, bool, int]:
        return (
            e.ceiling > reference.get(id(e), e.ceiling),
            e.ceiling - floor(e),
            optional(e),
            muscle is not None and e.movement.primary_muscle == muscle,
            e.order,
        )

    options = [e for e in loads if e.ceiling > floor(e)]
    if options:
        max(options, key=key).ceiling -= 1
        return True
    if drop:
        spare = [e for e in loads if optional(e)]
        if spare:
            max(
                spare, key=lambda e: (muscle is None or e.movement.primary_muscle == muscle, e.order)
            ).ceiling = 0
            return True
    if to_one:
        extra = [e for e in loads if e.role == ExerciseRole.MAIN and e.slot != "main0" and not e.required]
        if extra:
            max(
                extra, key=lambda e: (muscle is None or e.movement.primary_muscle == muscle, e.order)
            ).ceiling = 0
            return True
        last = [e for e in loads if e.ceiling > 1 and not optional(e)]
        if last:
            max(last, key=key).ceiling -= 1
            return True
    return False
