"""Session templates: what a session of one type holds for a whole block.

A template is built once per block and session slot (type and variant, e.g. the second upper
day) and then realised week by week: the movements stay put (so progress on the main lifts can
be measured), sets climb with the block's volume ramp, effort follows the progression style,
and a deload week keeps every movement with fewer sets and less effort.

Every exercise carries a ``ceiling``: the most sets it may have once recovery (sets per muscle
per session, sets per session, weekly MRV) and the time budget are respected, computed at the
top aggression for the block's biggest week. Realised sets are ``min(own sets, ceiling)``, so a
bolder persona never gets less volume, and the session fits at any aggression.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import CircuitInfo, MovementInfo
from coach.planning.model import PlannedExercise
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
    power_candidates,
)
from coach.planning.split import NON_STRENGTH
from coach.planning.timing import fit_ceilings, section_seconds, work_seconds
from coach.planning.tunables import Tunables
from coach.planning.volume import counts_as_hard_set, muscle_credit, weekly_target
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
    #: Strength sessions per microcycle that train each muscle (averaged over the rotation).
    covering: Mapping[PrimaryMuscle, float]
    #: Template keys that end with a conditioning finisher.
    finisher_keys: frozenset[Key]


@dataclass
class Spec:
    movement: MovementInfo
    role: ExerciseRole
    slot: str
    order: int
    muscle: PrimaryMuscle | None = None
    share: float = 0.0
    required: bool = False
    superset_group: int | None = None
    #: A fixed prescription (warm-up drills, stretches, circuit stations, cardio pieces).
    fixed: dict[str, Any] | None = None
    ceiling: int = 99


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


def spec_sets(spec: Spec, s: Settings, block: Block, week: int, aggression: PersonaAggression) -> int:
    """Sets before ceilings in accumulation week ``week`` at ``aggression`` (monotone in both)."""
    t = s.t
    weeks = block.accumulation_weeks
    if spec.fixed is not None:
        if "sets_range" in spec.fixed:
            low, high = spec.fixed["sets_range"]
            return max(low, min(high, round(_ramp((low, high), week, weeks, aggression, t))))
        return int(spec.fixed["sets"])
    main_min = int(t.selection["main_min_sets"])
    acc_low, acc_high = (int(v) for v in t.selection["accessory_sets"])
    if spec.slot == "main0":
        base = max(
            main_min,
            min(s.doses.main.sets[1] + 1, round(_ramp(s.doses.main.sets, week, weeks, aggression, t))),
        )
        if s.style == ProgressionStyle.WAVE_LOADING:
            scheme = main_week(
                s.style, s.doses.main, week, base_sets=base, aggression=aggression, lower_body=False, t=t
            )
            return scheme.sets or base
        return base
    if spec.slot in ("main1", "main2", "rule_main"):
        dose = s.doses.secondary
        return max(main_min, min(dose.sets[1] + 1, round(_ramp(dose.sets, week, weeks, aggression, t))))
    if spec.slot == "power":
        dose = s.doses.power
        return max(2, min(dose.sets[1], round(_ramp(dose.sets, week, weeks, aggression, t))))
    if spec.muscle is not None and spec.share > 0:
        target = weekly_target(
            t,
            spec.muscle,
            emphasis=s.doses.volume_emphasis,
            experience=s.experience,
            aggression=aggression,
            week_in_block=week,
            accumulation_weeks=weeks,
        )
        return max(acc_low, min(acc_high, round(spec.share * target)))
    return max(acc_low, min(acc_high, round(_ramp(s.doses.accessory.sets, week, weeks, aggression, t))))


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
        exercise.rep_min, exercise.rep_max, exercise.rpe, exercise.notes = (
            scheme.rep_min,
            scheme.rep_max,
            scheme.rpe,
            scheme.notes,
        )
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


def realize(
    template: Template, s: Settings, block: Block, week: int, *, deload: bool
) -> list[PlannedExercise]:
    """The template's exercises for one week of the block (the deload week follows the last one)."""
    last = block.accumulation_weeks - 1
    out: list[PlannedExercise] = []
    factor = float(s.t.deload["volume_factor"])
    for spec in template.specs:
        if spec.ceiling <= 0:
            continue
        if deload:
            peak = min(spec_sets(spec, s, block, last, s.aggression), spec.ceiling)
            keep_rounds = spec.fixed is not None and "sets_range" not in spec.fixed
            sets = (
                peak
                if keep_rounds or spec.role in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)
                else max(1, math.floor(factor * peak))
            )
            exercise = prescribe(spec, s, block, last, s.aggression, sets)
            if exercise.role in (ExerciseRole.MAIN, ExerciseRole.ACCESSORY, ExerciseRole.SKILL):
                exercise.rpe = deload_rpe(s.t, exercise.rpe)
                if exercise.slot == "main0":
                    exercise.notes = deload_note(s.t)
        else:
            sets = min(spec_sets(spec, s, block, week, s.aggression), spec.ceiling)
            exercise = prescribe(spec, s, block, week, s.aggression, sets)
        if exercise.sets > 0:
            out.append(exercise)
    return out


# --------------------------------------------------------------------------- building


@dataclass
class _Draft:
    specs: list[Spec] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    next_group: int = 1

    def add(self, spec: Spec) -> Spec:
        spec.order = len(self.specs) + 1
        self.specs.append(spec)
        self.names.add(spec.movement.name)
        if spec.movement.substitution_group:
            self.groups.add(spec.movement.substitution_group)
        return spec

    def has(self, movement: MovementInfo) -> bool:
        return movement.name in self.names


def _blocked(movement: MovementInfo, light: bool, t: Tunables) -> bool:
    """In a light-legs session nothing heavy for the lower body."""
    return light and movement.cns_load in t.high_cns and _is_lower(movement, t)


def _warmup_seconds(s: Settings) -> tuple[int, int]:
    time = s.t.time
    scale = min(1.0, s.budget / float(time["reference_session_minutes"]))
    warm = max(float(time["min_warmup_minutes"]), float(time["warmup_minutes"]) * scale) * 60
    cool = max(float(time["min_cooldown_minutes"]), float(time["cooldown_minutes"]) * scale) * 60
    return int(warm), int(cool)


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
        if draft.has(movement) or not s.pools.allowed(movement):
            continue
        timed = movement.metric_type == MetricType.TIME
        side = " each side" if movement.unilateral else ""
        fixed = {
            "sets": 1,
            "rep_min": None if timed else (8 if role == ExerciseRole.COOLDOWN else 10),
            "rep_max": None if timed else (8 if role == ExerciseRole.COOLDOWN else 10),
            "duration_seconds": 45 if timed else None,
            "rest_seconds": 0,
            "notes": (
                "Easy and controlled" if role == ExerciseRole.WARMUP else "Breathe slowly, relax into it"
            )
            + side
            + ".",
        }
        draft.add(Spec(movement, role, role.value, 0, fixed=fixed))
        added += 1


def _pick_main(
    pattern: MovementPattern, draft: _Draft, s: Settings, block: Block, key: Key, slot: str, light: bool
) -> MovementInfo | None:
    candidates = [
        m
        for m in main_candidates(s.pools, pattern, s.rank)
        if not draft.has(m) and not _blocked(m, light, s.t)
    ]
    if not candidates:
        return None
    if light:
        normal = block.mains.get((key, slot))
        if normal is not None and normal in candidates:
            return normal
        return candidates[0]
    used = block.used_groups.setdefault(pattern, [])
    fresh = [
        m for m in candidates if m.substitution_group not in used and m.substitution_group not in draft.groups
    ]
    choice = fresh[0] if fresh else candidates[len(used) % len(candidates)]
    if choice.substitution_group:
        used.append(choice.substitution_group)
    block.mains[(key, slot)] = choice
    return choice


def _finisher(
    draft: _Draft, s: Settings, block: Block, key: Key, seconds: int
) -> tuple[CircuitInfo | None, dict[int, int]]:
    catalog_names = {m.name: m for m in s.pools.usable}
    circuits = [
        c
        for c in s.pools.circuits
        if (c.time_cap_seconds or 0) + int(s.t.time["transition_seconds"]) <= seconds
        and not any(str(st.get("movement")) in draft.names for st in c.stations)
    ]
    if circuits:
        circuit = min(circuits, key=lambda c: (jitter(s.seed, block.index, key, "finisher", c.name), c.name))
        group = draft.next_group
        draft.next_group += 1
        _add_circuit(draft, circuit, ExerciseRole.FINISHER, group, catalog_names)
        return circuit, {group: int(circuit.time_cap_seconds or 600)}
    options = [m for m in s.pools.conditioning if not draft.has(m) and m.metric_type != MetricType.DISTANCE]
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


def _add_circuit(
    draft: _Draft, circuit: CircuitInfo, role: ExerciseRole, group: int, movements: Mapping[str, MovementInfo]
) -> None:
    rounds = circuit.rounds or 1
    if circuit.circuit_type in (CircuitType.AMRAP, CircuitType.CHIPPER):
        rounds = 1
    elif circuit.circuit_type == CircuitType.EMOM:
        rounds = max(1, rounds // max(1, len(circuit.stations)))
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


def build_strength(
    key: Key, s: Settings, block: Block, *, light: bool, required: Sequence[MovementInfo]
) -> Template:
    t = s.t
    stype, variant = key
    draft = _Draft()
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
    # time checks and muscle credit while building reuse it.
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
            if not draft.has(movement) and not _blocked(movement, light, t):
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
    for index, pattern in enumerate(slots[:n_main]):
        slot = f"main{index}"
        asked = next(
            (
                m
                for m in wanted
                if m.pattern == pattern and m.compound and not draft.has(m) and not _blocked(m, light, t)
            ),
            None,
        )
        movement = asked or _pick_main(pattern, draft, s, block, key, slot, light)
        if movement is None:
            continue
        spec = Spec(movement, ExerciseRole.MAIN, slot, 0, required=asked is not None)
        if index > 0 and asked is None and not fits(spec):
            break
        draft.add(spec)
        if asked is not None:
            wanted.remove(asked)

    for movement in wanted:
        # A heavy must-do lift never goes into a light-legs session; the weekly rule check
        # places it on a day where it is allowed.
        if draft.has(movement) or _blocked(movement, light, t):
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

    # The finisher is chosen before accessories so they never repeat one of its stations.
    finisher = None
    if has_finisher:
        finisher, found = _finisher(draft, s, block, key, finisher_seconds)
        circuit_seconds.update(found)
    work_budget = budget_seconds - reserve

    # Accessories fill the muscles' shares of the weekly target, biggest gap first.
    reference_targets = {
        m: weekly_target(
            t,
            m,
            emphasis=s.doses.volume_emphasis,
            experience=s.experience,
            aggression=REFERENCE,
            week_in_block=last,
            accumulation_weeks=block.accumulation_weeks,
        )
        for m in muscles
        if m in t.landmarks
    }
    cap = t.max_sets_per_muscle_per_session
    goals = {
        m: min(cap, target / max(1.0, s.covering.get(m, 1.0))) for m, target in reference_targets.items()
    }
    if light:
        for m in goals:
            if m in t.lower_muscles:
                goals[m] = min(goals[m], 2.0)

    def credit() -> dict[PrimaryMuscle, float]:
        return muscle_credit([reference(sp) for sp in draft.specs], t.secondary_credit)

    acc_low, acc_high = (int(v) for v in t.selection["accessory_sets"])
    exhausted: set[PrimaryMuscle] = set()
    max_work = int(t.selection["max_work_exercises"])
    current = credit()
    while sum(1 for sp in draft.specs if sp.role in (ExerciseRole.MAIN, ExerciseRole.ACCESSORY)) < max_work:
        priority = t.selection["accessory_priority"]
        gaps = [
            (goals[m] - current.get(m, 0.0), -i, m)
            for i, m in enumerate(muscles)
            if m in goals and m not in exhausted
        ]
        gaps = [g for g in gaps if g[0] >= 1.5]
        if not gaps:
            break
        gap, _, muscle = max(gaps, key=lambda g: (g[0] * float(priority.get(g[2].value, 1.0)), g[1]))
        options = [
            m
            for m in accessory_candidates(s.pools, muscle, s.rank, (block.index, key))
            if not draft.has(m)
            and m.substitution_group not in draft.groups
            and not _blocked(m, light, t)
            and not (light and _is_lower(m, t) and m.compound)
        ]
        placed = None
        for choice in options[:3]:
            for sets in range(max(acc_low, min(acc_high, round(gap))), acc_low - 1, -1):
                spec = Spec(
                    choice,
                    ExerciseRole.ACCESSORY,
                    "accessory",
                    0,
                    muscle=muscle,
                    share=sets / reference_targets[muscle],
                )
                if fits(spec):
                    placed = spec
                    break
            if placed is not None:
                break
        if placed is None:
            exhausted.add(muscle)
            continue
        draft.add(placed)
        current = credit()

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

    _light_items(
        draft, s.pools.warmup, warm_items, ExerciseRole.WARMUP, muscles, s, (block.index, key, "warmup")
    )
    _light_items(
        draft, s.pools.cooldown, cool_items, ExerciseRole.COOLDOWN, muscles, s, (block.index, key, "cooldown")
    )

    tags = [stype.value, *_goal_tags(s.mix)]
    if light:
        tags.append("light_legs")
    template = Template(
        key, light, False, draft.specs, finisher_circuit=finisher, circuit_seconds=circuit_seconds
    )
    template.intent_tags = tags
    _set_ceilings(template, s, block, next_group=draft.next_group)
    return template


def _goal_tags(mix: GoalMix) -> list[str]:
    return [g.value for g, w in sorted(mix.weights.items(), key=lambda kv: -kv[1]) if w > 0]


def build_cardio(key: Key, s: Settings, block: Block, *, easy: bool) -> Template:
    t = s.t
    draft = _Draft()
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
        fitting = [c for c in s.pools.circuits if (c.time_cap_seconds or 0) + 60 <= work_seconds_budget]
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
        key, False, easy, draft.specs, main_circuit=main_circuit, circuit_seconds=circuit_seconds
    )
    template.intent_tags = ["conditioning", "easy" if easy else "hard", *_goal_tags(s.mix)]
    _set_ceilings(template, s, block, next_group=draft.next_group)
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
    draft = _Draft()
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
    template = Template(key, False, True, draft.specs)
    template.intent_tags = ["recovery", "mobility"]
    _set_ceilings(template, s, block, next_group=draft.next_group)
    return template


def build(
    key: Key, s: Settings, block: Block, *, light: bool, easy: bool, required: Sequence[MovementInfo]
) -> Template:
    stype = key[0]
    if stype == SessionType.CARDIO:
        return build_cardio(key, s, block, easy=easy)
    if stype in NON_STRENGTH:
        return build_recovery(key, s, block)
    return build_strength(key, s, block, light=light, required=required)


# --------------------------------------------------------------------------- ceilings


def _max_work(spec: Spec, s: Settings, block: Block) -> int:
    """The longest set this exercise has in any week of the block.

    Reps do not depend on aggression; only the primary lift's scheme moves them up and down
    (waves), other exercises climb their rep range, so their last week is the longest.
    """
    weeks = range(block.accumulation_weeks) if spec.slot == "main0" else (block.accumulation_weeks - 1,)
    return max(work_seconds(prescribe(spec, s, block, w, REFERENCE, 1), s.t) for w in weeks)


def _set_ceilings(template: Template, s: Settings, block: Block, *, next_group: int) -> None:
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
        reference[id(exercise)] = spec_sets(spec, s, block, last, REFERENCE)
        exercises.append(exercise)

    working = [e for e in exercises if counts_as_hard_set(e)]
    # Sets per muscle per session.
    cap = t.max_sets_per_muscle_per_session
    for _ in range(200):
        credit = muscle_credit(_at_ceiling(working), t.secondary_credit)
        over = [m for m, v in credit.items() if v > cap + 1e-9 and m in t.landmarks]
        if not over:
            break
        if not _shave(working, over[0], t):
            break
    # Sets per session for this experience level.
    limit = t.limits[s.experience].max_sets_per_session
    while sum(e.ceiling for e in working) > limit and _shave_any(working, t):
        pass
    # A light-legs session stays under the hard lower-body threshold.
    if template.light:
        lower = [e for e in working if _is_lower(e.movement, t)]
        threshold = int(t.interference["hard_lower_sets"])
        while sum(e.ceiling for e in lower) >= threshold and _shave_any(lower, t, floor=1):
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
        next_group=next_group,
        circuit_seconds=template.circuit_seconds,
        work_of=lambda e: works[id(e)],
        reference=reference,
    )
    for spec, exercise in zip(template.specs, exercises, strict=True):
        spec.ceiling = exercise.ceiling
        spec.superset_group = exercise.superset_group


def _at_ceiling(exercises: Sequence[PlannedExercise]) -> list[PlannedExercise]:
    out = []
    for e in exercises:
        copy = PlannedExercise(e.movement, e.role, e.ceiling, slot=e.slot)
        out.append(copy)
    return out


def _shave(exercises: Sequence[PlannedExercise], muscle: PrimaryMuscle, t: Tunables) -> bool:
    """One set less on the exercise that loads ``muscle`` most, accessories before mains."""
    floor_acc = int(t.selection["accessory_sets"][0])
    floor_main = int(t.selection["main_min_sets"])
    options = [
        e
        for e in exercises
        if (e.movement.primary_muscle == muscle or muscle in e.movement.secondary_muscles)
        and e.ceiling > (floor_main if e.role == ExerciseRole.MAIN or e.required else floor_acc)
    ]
    if not options:
        return False
    victim = max(
        options,
        key=lambda e: (
            e.role == ExerciseRole.ACCESSORY and not e.required,
            e.movement.primary_muscle == muscle,
            e.ceiling,
            e.order,
        ),
    )
    victim.ceiling -= 1
    return True


def shave_weekly(exercises: Sequence[PlannedExercise], muscle: PrimaryMuscle) -> bool:
    """One set less toward a muscle over its weekly MRV: recovery beats every other floor.

    Optional accessories may go entirely; main lifts and must-do movements keep one set.
    """
    options = [
        e
        for e in exercises
        if (e.movement.primary_muscle == muscle or muscle in e.movement.secondary_muscles)
        and e.ceiling > (1 if e.role == ExerciseRole.MAIN or e.required else 0)
    ]
    if not options:
        return False
    victim = max(
        options,
        key=lambda e: (
            e.role == ExerciseRole.ACCESSORY and not e.required,
            e.movement.primary_muscle == muscle,
            e.ceiling,
            e.order,
        ),
    )
    victim.ceiling -= 1
    return True


def _shave_any(exercises: Sequence[PlannedExercise], t: Tunables, *, floor: int | None = None) -> bool:
    floor_acc = int(t.selection["accessory_sets"][0]) if floor is None else floor
    floor_main = int(t.selection["main_min_sets"]) if floor is None else floor
    options = [
        e
        for e in exercises
        if e.ceiling > (floor_main if e.role == ExerciseRole.MAIN or e.required else floor_acc)
    ]
    if not options:
        if floor is not None:
            # A light session may drop an optional lower-body accessory entirely.
            optional = [
                e for e in exercises if e.ceiling > 0 and e.role == ExerciseRole.ACCESSORY and not e.required
            ]
            if optional:
                max(optional, key=lambda e: e.order).ceiling = 0
                return True
        return False
    victim = max(
        options, key=lambda e: (e.role == ExerciseRole.ACCESSORY and not e.required, e.ceiling, e.order)
    )
    victim.ceiling -= 1
    return True
