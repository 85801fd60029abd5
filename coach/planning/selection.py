"""Which movements a lifter can be given, and how the planner ranks them for a slot.

The pool is filtered once per program: the lifter's equipment, never a HARD_NO, and a skill
level that fits their experience (movements they asked for by rule are exempt). Ranking is a plain
score per slot kind plus a small seeded nudge, so near-equal choices vary between seeds and
blocks while the same seed always gives the same program.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.catalog import Catalog, CircuitInfo, MovementInfo
from coach.planning.prescription import GoalMix
from coach.planning.tunables import Tunables
from coach.planning.volume import NOT_HARD_SETS
from db.enums import (
    CNSLoad,
    ExperienceLevel,
    Goal,
    MetricType,
    MovementPattern,
    MovementRuleType,
    PrimaryMuscle,
    ProgressionStyle,
    RuleCadence,
)

CNS_RANK = {CNSLoad.VERY_LOW: 0, CNSLoad.LOW: 1, CNSLoad.MODERATE: 2, CNSLoad.HIGH: 3, CNSLoad.VERY_HIGH: 4}

#: Patterns a main lift can have.
MAIN_PATTERNS = frozenset(
    {
        MovementPattern.SQUAT,
        MovementPattern.HINGE,
        MovementPattern.LUNGE,
        MovementPattern.HORIZONTAL_PUSH,
        MovementPattern.VERTICAL_PUSH,
        MovementPattern.HORIZONTAL_PULL,
        MovementPattern.VERTICAL_PULL,
    }
)

#: Rule cadence → how many consecutive microcycles may pass before the movement must appear.
RULE_PERIOD: dict[MovementRuleType, dict[RuleCadence, int]] = {
    MovementRuleType.HARD_YES: {
        RuleCadence.PER_MICROCYCLE: 1,
        RuleCadence.WEEKLY: 1,
        RuleCadence.BIWEEKLY: 2,
    },
    MovementRuleType.PREFERRED: {
        RuleCadence.PER_MICROCYCLE: 2,
        RuleCadence.WEEKLY: 1,
        RuleCadence.BIWEEKLY: 2,
    },
}


def jitter(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) for these parts (seeded choices without state)."""
    return zlib.crc32("|".join(str(p) for p in parts).encode()) / 2**32


@dataclass(frozen=True, slots=True)
class RequiredMovement:
    movement: MovementInfo
    rule: MovementRuleType
    cadence: RuleCadence

    @property
    def period(self) -> int:
        """At least once in every window of this many microcycles."""
        return RULE_PERIOD[self.rule][self.cadence]


@dataclass
class Pools:
    usable: list[MovementInfo]
    hard_no: frozenset[str]
    required: list[RequiredMovement]
    preferred: frozenset[str]
    by_pattern: dict[MovementPattern, list[MovementInfo]] = field(default_factory=dict)
    by_muscle: dict[PrimaryMuscle, list[MovementInfo]] = field(default_factory=dict)
    warmup: list[MovementInfo] = field(default_factory=list)
    cooldown: list[MovementInfo] = field(default_factory=list)
    power: list[MovementInfo] = field(default_factory=list)
    conditioning: list[MovementInfo] = field(default_factory=list)
    cardio: list[MovementInfo] = field(default_factory=list)
    circuits: list[CircuitInfo] = field(default_factory=list)
    #: Main-lift rankings already computed (pools serve one program, so one lifter and seed).
    ranked: dict[MovementPattern, list[MovementInfo]] = field(default_factory=dict)
    accessory_base: dict[PrimaryMuscle, list[tuple[MovementInfo, float]]] = field(default_factory=dict)

    def allowed(self, movement: MovementInfo) -> bool:
        return movement.name not in self.hard_no


def _usable(
    movement: MovementInfo,
    equipment: frozenset[str],
    hard_no: frozenset[str],
    experience: ExperienceLevel,
    t: Tunables,
) -> bool:
    return (
        movement.name not in hard_no
        and movement.available_with(equipment)
        and t.skill_allowed(movement.skill_level, experience)
    )


def build_pools(
    catalog: Catalog,
    *,
    equipment: Iterable[str],
    experience: ExperienceLevel,
    rules: Sequence[tuple[MovementInfo, MovementRuleType, RuleCadence]],
    t: Tunables,
) -> Pools:
    owned = frozenset(equipment)
    hard_no = frozenset(m.name for m, rule, _ in rules if rule == MovementRuleType.HARD_NO)
    required = [
        RequiredMovement(m, rule, cadence) for m, rule, cadence in rules if rule != MovementRuleType.HARD_NO
    ]
    preferred = frozenset(r.movement.name for r in required)
    usable = [m for m in catalog.movements if _usable(m, owned, hard_no, experience, t)]
    # A lifter's explicit wish beats the skill filter: they know they can do it.
    names = {m.name for m in usable}
    usable += [r.movement for r in required if r.movement.name not in names]
    pools = Pools(usable=usable, hard_no=hard_no, required=required, preferred=preferred)
    by_pattern: dict[MovementPattern, list[MovementInfo]] = defaultdict(list)
    by_muscle: dict[PrimaryMuscle, list[MovementInfo]] = defaultdict(list)
    for m in usable:
        by_pattern[m.pattern].append(m)
        if m.pattern not in NOT_HARD_SETS and m.metric_type != MetricType.DISTANCE:
            by_muscle[m.primary_muscle].append(m)
        if "warmup" in m.tags and m.metric_type != MetricType.DISTANCE and CNS_RANK[m.cns_load] <= 1:
            pools.warmup.append(m)
        if ("cooldown" in m.tags or "stretch" in m.tags) and m.pattern == MovementPattern.MOBILITY:
            pools.cooldown.append(m)
        if m.pattern in (MovementPattern.PLYOMETRIC, MovementPattern.OLYMPIC) or (
            m.pattern == MovementPattern.CONDITIONING and "speed" in m.tags
        ):
            pools.power.append(m)
        if (
            m.pattern == MovementPattern.CONDITIONING
            and m.cns_load not in t.high_cns
            and "warmup" not in m.tags
        ):
            pools.conditioning.append(m)
        if m.pattern == MovementPattern.CARDIO:
            pools.cardio.append(m)
    pools.by_pattern = dict(by_pattern)
    pools.by_muscle = dict(by_muscle)
    pools.circuits = _usable_circuits(catalog, {m.name for m in usable}, experience, t)
    return pools


def _usable_circuits(
    catalog: Catalog, usable: set[str], experience: ExperienceLevel, t: Tunables
) -> list[CircuitInfo]:
    order = ("beginner", "intermediate", "advanced", "elite")
    ceiling = order.index(t.selection["circuit_difficulty_by_experience"][experience.value])
    out = []
    for circuit in catalog.circuits:
        if circuit.difficulty_level not in order or order.index(circuit.difficulty_level) > ceiling:
            continue
        stations = [catalog.get(str(s.get("movement", ""))) for s in circuit.stations]
        if all(
            s is not None
            and s.name in usable
            and s.cns_load not in t.high_cns
            and s.pattern != MovementPattern.OLYMPIC
            for s in stations
        ):
            out.append(circuit)
    return out


@dataclass(frozen=True, slots=True)
class RankContext:
    """What ranking needs to know about the lifter and the program."""

    mix: GoalMix
    experience: ExperienceLevel
    style: ProgressionStyle
    seed: int
    t: Tunables
    preferred: frozenset[str]


def _equipment_score(movement: MovementInfo, table: dict[str, float]) -> float:
    """The mean preference of what the movement needs (an assisted dip needs a bar and a band)."""
    scores = [float(table.get(e, 0.5)) for e in movement.equipment]
    return sum(scores) / len(scores) if scores else 0.5


_LEVEL_RANK = {
    ExperienceLevel.BEGINNER: 0,
    ExperienceLevel.INTERMEDIATE: 1,
    ExperienceLevel.ADVANCED: 2,
    ExperienceLevel.EXPERT: 3,
}


def main_score(m: MovementInfo, ctx: RankContext) -> float:
    t = ctx.t
    score = 3.0 * ("main_lift" in m.tags) + 1.0 * ("main_lift_variation" in m.tags)
    score += _equipment_score(m, t.selection["main_equipment_score"])
    score += 0.5 * CNS_RANK[m.cns_load] * ctx.mix.weight(Goal.STRENGTH, Goal.EXPLOSIVENESS) / 10
    score += 0.4 * ("hypertrophy" in m.tags) * ctx.mix.weight(Goal.HYPERTROPHY) / 10
    score -= 1.0 * m.unilateral
    score -= 1.0 * (m.metric_type != MetricType.REPS)
    if ctx.experience == ExperienceLevel.BEGINNER:
        score += 1.0 * ("beginner_friendly" in m.tags)
        score -= 0.6 * t.skill_rank[m.skill_level.value]
    else:
        score -= 2.0 * ("assisted" in m.tags)
        # The hardest movement the level allows is possible, not the default.
        score -= 0.7 * max(0, t.skill_rank[m.skill_level.value] - _LEVEL_RANK[ctx.experience])
    score -= 0.8 * ("explosive" in m.tags) * (1 - ctx.mix.power / 10)
    paused = "paused" in m.tags or "tempo" in m.tags
    score += (2.0 if ctx.style == ProgressionStyle.PAUSED_VARIATIONS else -1.5) * paused
    score -= 1.0 * ("partial_range" in m.tags or "overload" in m.tags)
    score += 4.0 * (m.name in ctx.preferred)
    return score + jitter(ctx.seed, "main", m.name) * 0.3


def main_candidates(pools: Pools, pattern: MovementPattern, ctx: RankContext) -> list[MovementInfo]:
    """Main-lift candidates for a pattern, best first (ranked once per program)."""
    key = pattern
    if key not in pools.ranked:
        options = [
            m
            for m in pools.by_pattern.get(pattern, ())
            if m.compound and m.metric_type == MetricType.REPS and m.primary_muscle != PrimaryMuscle.FULL_BODY
        ]
        pools.ranked[key] = sorted(options, key=lambda m: (-main_score(m, ctx), m.name))
    return list(pools.ranked[key])


def accessory_base(m: MovementInfo, muscle: PrimaryMuscle, ctx: RankContext) -> float:
    """How well ``m`` serves as an accessory for ``muscle``, before the seeded nudge."""
    t = ctx.t
    small = muscle.value in t.selection["small_muscles"]
    score = (2.0 if small else 0.3) * (not m.compound) + (0.0 if small else 1.0) * m.compound
    score += 1.0 * ("accessory" in m.tags) + 0.6 * ("hypertrophy" in m.tags)
    score += _equipment_score(m, t.selection["accessory_equipment_score"])
    score -= 3.0 * (m.cns_load in t.high_cns)
    score -= 1.5 * ("warmup" in m.tags or "activation" in m.tags)
    score -= 1.0 * ("skill" in m.tags) + 0.8 * ("assisted" in m.tags) + 0.5 * ("paused" in m.tags)
    score -= 0.5 * (
        m.metric_type == MetricType.TIME and muscle not in (PrimaryMuscle.CORE, PrimaryMuscle.OBLIQUES)
    )
    return score + 4.0 * (m.name in ctx.preferred)


def accessory_candidates(
    pools: Pools, muscle: PrimaryMuscle, ctx: RankContext, variety_key: object
) -> list[MovementInfo]:
    if muscle not in pools.accessory_base:
        pools.accessory_base[muscle] = [
            (m, accessory_base(m, muscle, ctx)) for m in pools.by_muscle.get(muscle, ())
        ]
    nudge = float(ctx.t.selection["variety_jitter"])
    scored = [
        (base + jitter(ctx.seed, variety_key, m.name) * nudge, m) for m, base in pools.accessory_base[muscle]
    ]
    return [m for _, m in sorted(scored, key=lambda p: (-p[0], p[1].name))]


def pattern_candidates(
    pools: Pools, pattern: MovementPattern, ctx: RankContext, variety_key: object
) -> list[MovementInfo]:
    """Accessory-sized movements of one pattern, best first (a pulldown for an upper day's
    vertical pull, a shoulder press for a second push day), each scored for its own muscle."""
    nudge = float(ctx.t.selection["variety_jitter"])
    scored = [
        (accessory_base(m, m.primary_muscle, ctx) + jitter(ctx.seed, variety_key, m.name) * nudge, m)
        for m in pools.by_pattern.get(pattern, ())
        if m.metric_type == MetricType.REPS and m.primary_muscle != PrimaryMuscle.FULL_BODY
    ]
    return [m for _, m in sorted(scored, key=lambda p: (-p[0], p[1].name))]


def power_candidates(
    pools: Pools, ctx: RankContext, *, lower: bool, variety_key: object
) -> list[MovementInfo]:
    speed_share = ctx.mix.weight(Goal.SPEED) / max(1, ctx.mix.power)

    def score(m: MovementInfo) -> float:
        s = 1.0 * ("explosive" in m.tags or "power" in m.tags) + 0.5 * ("jump" in m.tags)
        if m.pattern == MovementPattern.OLYMPIC:
            s += 1.0 if ctx.experience in (ExperienceLevel.ADVANCED, ExperienceLevel.EXPERT) else -1.0
        s += 1.5 * speed_share * ("speed" in m.tags or "sprint_mechanics" in m.tags)
        s -= 1.5 * (m.cns_load in ctx.t.high_cns and ctx.experience == ExperienceLevel.BEGINNER)
        s -= 2.0 * ("reactive" in m.tags and ctx.experience == ExperienceLevel.BEGINNER)
        return s + jitter(ctx.seed, variety_key, m.name)

    def fits(m: MovementInfo) -> bool:
        is_lower = m.primary_muscle in ctx.t.lower_muscles or m.pattern in ctx.t.lower_patterns
        upper_power = (
            m.primary_muscle in (PrimaryMuscle.CHEST, PrimaryMuscle.FRONT_DELTS) or "throw" in m.tags
        )
        return (is_lower or m.primary_muscle == PrimaryMuscle.FULL_BODY) if lower else upper_power

    options = [m for m in pools.power if fits(m)]
    if not lower:
        options += [
            m for m in pools.by_pattern.get(MovementPattern.HORIZONTAL_PUSH, ()) if "explosive" in m.tags
        ]
    return sorted(set(options), key=lambda m: (-score(m), m.name))


def light_candidates(
    options: Sequence[MovementInfo], muscles: Sequence[PrimaryMuscle], seed: int, variety_key: object
) -> list[MovementInfo]:
    """Warm-up drills or stretches, those for today's muscles first."""
    wanted = set(muscles)

    def score(m: MovementInfo) -> float:
        relevant = m.primary_muscle in wanted or bool(wanted & set(m.secondary_muscles))
        return (
            1.5 * relevant
            + 0.8 * (m.primary_muscle == PrimaryMuscle.FULL_BODY)
            + 0.5 * ("dynamic" in m.tags)
            + jitter(seed, variety_key, m.name)
        )

    return sorted(options, key=lambda m: (-score(m), m.name))
