"""The engine's tunables as typed values, read once from ``heuristic_configs``.

The numbers live in ``db/data/heuristics.yaml`` (seeded into versioned rows); this module only
gives them names and types, so the planner reads ``t.landmarks["chest"].mev`` instead of
digging through nested dictionaries, and a missing or malformed tunable fails loudly at start
rather than deep inside a lifter's program.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from db.enums import (
    CNSLoad,
    ExperienceLevel,
    Goal,
    MovementPattern,
    PersonaAggression,
    PrimaryMuscle,
    ProgressionStyle,
    SessionType,
    SkillLevel,
    SplitTemplate,
)


@dataclass(frozen=True, slots=True)
class Landmark:
    mv: float
    mev: float
    mav_low: float
    mav_high: float
    mrv: float


@dataclass(frozen=True, slots=True)
class GoalDose:
    reps: tuple[int, int]
    sets: tuple[int, int]
    rpe: tuple[float, float]
    rest_seconds: int


@dataclass(frozen=True, slots=True)
class Aggression:
    volume_factor: float
    rpe_ceiling: float
    rpe_offset: float
    weekly_set_increment: float
    load_step_factor: float


@dataclass(frozen=True, slots=True)
class ExperienceLimit:
    max_skill: SkillLevel
    max_sets_per_session: int
    max_weekly_minutes: int
    main_lifts_per_session: int


@dataclass(frozen=True, slots=True)
class NeedOption:
    """One way to meet a session-design need: a movement pattern, a muscle, or both."""

    pattern: MovementPattern | None = None
    muscle: PrimaryMuscle | None = None
    #: How many exercises with this primary muscle the session needs.
    count: int = 1
    isolation: bool = False
    #: Only an accessory counts (a main lift of the pattern does not).
    accessory: bool = False


#: A need lists alternatives; the first one the lifter's pool allows is used.
Need = tuple[NeedOption, ...]


@dataclass(frozen=True)
class Tunables:
    raw: Mapping[str, Any]
    landmarks: dict[PrimaryMuscle, Landmark]
    secondary_credit: float
    max_sets_per_muscle_per_session: float
    experience_scale: dict[ExperienceLevel, float]
    main_dose: dict[Goal, GoalDose]
    accessory_dose: dict[Goal, GoalDose]
    blend_main: dict[Goal, float]
    blend_accessory: dict[Goal, float]
    volume_emphasis: dict[Goal, float]
    deload: Mapping[str, Any]
    aggression: dict[PersonaAggression, Aggression]
    time: Mapping[str, Any]
    cns_per_set: dict[CNSLoad, float]
    high_cns: frozenset[CNSLoad]
    limits: dict[ExperienceLevel, ExperienceLimit]
    schemes: Mapping[str, Any]
    readiness: Mapping[str, Any]
    interference: Mapping[str, Any]
    lower_muscles: frozenset[PrimaryMuscle]
    lower_patterns: frozenset[MovementPattern]
    split: Mapping[str, Any]
    session_muscles: dict[SessionType, tuple[PrimaryMuscle, ...]]
    main_slots: dict[SessionType, tuple[tuple[MovementPattern, ...], ...]]
    lower_session_types: frozenset[SessionType]
    selection: Mapping[str, Any]
    skill_rank: dict[str, int]
    macro: Mapping[str, Any]
    #: ``session_design``: what each strength session holds and how it fills the minutes.
    design: Mapping[str, Any]
    needs: dict[SessionType, tuple[Need, ...]]

    def training_days(self, days_per_week: int) -> tuple[int, ...]:
        return tuple(self.split["training_days"][str(days_per_week)])

    def default_split(self, days_per_week: int) -> SplitTemplate:
        return SplitTemplate(self.split["by_days"][str(days_per_week)])

    def default_progression(self, experience: ExperienceLevel, top_goal: Goal) -> ProgressionStyle:
        defaults = self.schemes["defaults"]
        if experience == ExperienceLevel.BEGINNER:
            return ProgressionStyle(defaults["beginner"])
        return ProgressionStyle(defaults["by_goal"][top_goal.value][experience.value])

    def skill_allowed(self, skill: SkillLevel, experience: ExperienceLevel) -> bool:
        return self.skill_rank[skill.value] <= self.skill_rank[self.limits[experience].max_skill.value]


def _pair(value: Any) -> tuple[Any, Any]:
    low, high = value
    return low, high


def _dose(entry: Mapping[str, Any]) -> GoalDose:
    reps = _pair(entry["reps"])
    sets = _pair(entry["sets"])
    rpe = _pair(entry["rpe"])
    return GoalDose(
        reps=(int(reps[0]), int(reps[1])),
        sets=(int(sets[0]), int(sets[1])),
        rpe=(float(rpe[0]), float(rpe[1])),
        rest_seconds=int(entry["rest_seconds"]),
    )


def load_tunables(heuristics: Mapping[str, Any]) -> Tunables:
    """Type the tunables; a missing name or key raises ``KeyError`` naming it."""
    try:
        return _load(heuristics)
    except KeyError as exc:
        raise KeyError(f"coaching tunable missing from heuristic_configs: {exc.args[0]!r}") from None


_CACHE: dict[int, tuple[Mapping[str, Any], Tunables]] = {}


def tunables_for(heuristics: Mapping[str, Any]) -> Tunables:
    """The typed view of ``heuristics``, parsed once per mapping object (they never change in a process)."""
    cached = _CACHE.get(id(heuristics))
    if cached is not None and cached[0] is heuristics:
        return cached[1]
    tunables = load_tunables(heuristics)
    _CACHE.clear()
    _CACHE[id(heuristics)] = (heuristics, tunables)
    return tunables


def _need(options: Any) -> Need:
    return tuple(
        NeedOption(
            pattern=MovementPattern(o["pattern"]) if "pattern" in o else None,
            muscle=PrimaryMuscle(o["muscle"]) if "muscle" in o else None,
            count=int(o.get("count", 1)),
            isolation=bool(o.get("isolation", False)),
            accessory=bool(o.get("accessory", False)),
        )
        for o in options
    )


def _load(h: Mapping[str, Any]) -> Tunables:
    vol = h["volume_landmarks"]
    landmarks = {
        PrimaryMuscle(name): Landmark(
            mv=float(v["mv"]),
            mev=float(v["mev"]),
            mav_low=float(v["mav"][0]),
            mav_high=float(v["mav"][1]),
            mrv=float(v["mrv"]),
        )
        for name, v in vol["muscles"].items()
    }
    goals = h["goal_prescriptions"]
    split = h["split_rules"]
    selection = h["selection"]
    interference = h["interference"]
    design = h["session_design"]
    return Tunables(
        raw=h,
        landmarks=landmarks,
        secondary_credit=float(vol["secondary_credit"]),
        max_sets_per_muscle_per_session=float(vol["max_sets_per_muscle_per_session"]),
        experience_scale={ExperienceLevel(k): float(v) for k, v in vol["experience_scale"].items()},
        main_dose={g: _dose(goals[g.value]["main"]) for g in Goal},
        accessory_dose={g: _dose(goals[g.value]["accessory"]) for g in Goal},
        blend_main={g: float(goals["blend"][g.value]["main"]) for g in Goal},
        blend_accessory={g: float(goals["blend"][g.value]["accessory"]) for g in Goal},
        volume_emphasis={g: float(goals["volume_emphasis"][g.value]) for g in Goal},
        deload=h["deload"],
        aggression={
            PersonaAggression(int(k)): Aggression(
                volume_factor=float(v["volume_factor"]),
                rpe_ceiling=float(v["rpe_ceiling"]),
                rpe_offset=float(v["rpe_offset"]),
                weekly_set_increment=float(v["weekly_set_increment"]),
                load_step_factor=float(v["load_step_factor"]),
            )
            for k, v in h["persona_modifiers"].items()
        },
        time=h["time_estimates"],
        cns_per_set={CNSLoad(k): float(v) for k, v in h["cns_costs"]["per_set"].items()},
        high_cns=frozenset(CNSLoad(v) for v in h["cns_costs"]["high_cns_levels"]),
        limits={
            ExperienceLevel(k): ExperienceLimit(
                max_skill=SkillLevel(v["max_skill"]),
                max_sets_per_session=int(v["max_sets_per_session"]),
                max_weekly_minutes=int(v["max_weekly_minutes"]),
                main_lifts_per_session=int(v["main_lifts_per_session"]),
            )
            for k, v in h["experience_limits"].items()
        },
        schemes=h["progression_schemes"],
        readiness=h["readiness"],
        interference=interference,
        lower_muscles=frozenset(PrimaryMuscle(m) for m in interference["lower_body_muscles"]),
        lower_patterns=frozenset(MovementPattern(p) for p in interference["lower_body_patterns"]),
        split=split,
        session_muscles={
            SessionType(k): tuple(PrimaryMuscle(m) for m in v) for k, v in split["session_muscles"].items()
        },
        main_slots={
            SessionType(k): tuple(tuple(MovementPattern(p) for p in variant) for variant in v)
            for k, v in split["main_slots"].items()
        },
        lower_session_types=frozenset(SessionType(s) for s in split["lower_session_types"]),
        selection=selection,
        skill_rank={name: i for i, name in enumerate(selection["skill_order"])},
        macro=h["macro_cycles"],
        design=design,
        needs={SessionType(k): tuple(_need(options) for options in v) for k, v in design["needs"].items()},
    )
