"""Every categorical space of the schema, in one module.

Members are ``NAME = "semantic value"``. SQL enum columns store the member NAME (uppercase),
as the database overview prescribes; prompts, UI and JSON output use ``.value``. Columns the
overview keeps as plain strings (``movements.pattern`` and friends) hold the ``.value`` and are
validated against these enums in Python.
"""

from __future__ import annotations

import enum
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)


class MovementPattern(enum.StrEnum):
    SQUAT = "squat"
    HINGE = "hinge"
    HORIZONTAL_PUSH = "horizontal_push"
    VERTICAL_PUSH = "vertical_push"
    HORIZONTAL_PULL = "horizontal_pull"
    VERTICAL_PULL = "vertical_pull"
    CARRY = "carry"
    CORE = "core"
    LUNGE = "lunge"
    ROTATION = "rotation"
    PLYOMETRIC = "plyometric"
    OLYMPIC = "olympic"
    ISOLATION = "isolation"
    MOBILITY = "mobility"
    ISOMETRIC = "isometric"
    CONDITIONING = "conditioning"
    CARDIO = "cardio"


class PrimaryRegion(enum.StrEnum):
    ANTERIOR_LOWER = "anterior lower"
    POSTERIOR_LOWER = "posterior lower"
    SHOULDER = "shoulder"
    ANTERIOR_UPPER = "anterior upper"
    POSTERIOR_UPPER = "posterior upper"
    FULL_BODY = "full body"
    LOWER_BODY = "lower body"
    UPPER_BODY = "upper body"


class PrimaryMuscle(enum.StrEnum):
    QUADRICEPS = "quadriceps"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    CALVES = "calves"
    CHEST = "chest"
    LATS = "lats"
    UPPER_BACK = "upper_back"
    REAR_DELTS = "rear_delts"
    FRONT_DELTS = "front_delts"
    SIDE_DELTS = "side_delts"
    BICEPS = "biceps"
    TRICEPS = "triceps"
    FOREARMS = "forearms"
    CORE = "core"
    OBLIQUES = "obliques"
    LOWER_BACK = "lower_back"
    HIP_FLEXORS = "hip_flexors"
    ADDUCTORS = "adductors"
    FULL_BODY = "full_body"


class MetricType(enum.StrEnum):
    REPS = "reps"
    TIME = "time"
    TIME_UNDER_TENSION = "time_under_tension"
    DISTANCE = "distance"


class SkillLevel(enum.StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"
    ELITE = "elite"


class CNSLoad(enum.StrEnum):
    VERY_LOW = "very_low"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"


class Goal(enum.StrEnum):
    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"
    FAT_LOSS = "fat_loss"
    MOBILITY = "mobility"
    EXPLOSIVENESS = "explosiveness"
    SPEED = "speed"


class SplitTemplate(enum.StrEnum):
    UPPER_LOWER = "upper_lower"
    PPL = "ppl"
    FULL_BODY = "full_body"
    HYBRID = "hybrid"


class ProgressionStyle(enum.StrEnum):
    SINGLE_PROGRESSION = "single_progression"
    DOUBLE_PROGRESSION = "double_progression"
    PAUSED_VARIATIONS = "paused_variations"
    BUILD_TO_DROP = "build_to_drop"
    WAVE_LOADING = "wave_loading"


class MovementRuleType(enum.StrEnum):
    HARD_NO = "hard_no"
    HARD_YES = "hard_yes"
    PREFERRED = "preferred"


class RuleCadence(enum.StrEnum):
    PER_MICROCYCLE = "per_microcycle"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"


class EnjoyableActivity(enum.StrEnum):
    TENNIS = "tennis"
    BOULDERING = "bouldering"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    HIKING = "hiking"
    BASKETBALL = "basketball"
    FOOTBALL = "football"
    YOGA = "yoga"
    MARTIAL_ARTS = "martial_arts"
    DANCE = "dance"
    OTHER = "other"


class SessionType(enum.StrEnum):
    UPPER = "upper"
    LOWER = "lower"
    PUSH = "push"
    PULL = "pull"
    LEGS = "legs"
    FULL_BODY = "full_body"
    CARDIO = "cardio"
    MOBILITY = "mobility"
    RECOVERY = "recovery"
    SKILL = "skill"
    CUSTOM = "custom"


class ExerciseRole(enum.StrEnum):
    WARMUP = "warmup"
    MAIN = "main"
    ACCESSORY = "accessory"
    SKILL = "skill"
    FINISHER = "finisher"
    COOLDOWN = "cooldown"


class MicrocycleStatus(enum.StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETE = "complete"


class E1RMFormula(enum.StrEnum):
    EPLEY = "epley"
    BRZYCKI = "brzycki"
    LOMBARDI = "lombardi"
    OCONNER = "oconner"


class RecoverySource(enum.StrEnum):
    DUMMY = "dummy"
    MANUAL = "manual"
    GARMIN = "garmin"
    APPLE = "apple"
    AURA_RING = "aura ring"
    WHOOP_BAND = "whoop band"


class PersonaTone(enum.StrEnum):
    DRILL_SERGEANT = "drill_sergeant"
    SUPPORTIVE = "supportive"
    ANALYTICAL = "analytical"
    MOTIVATIONAL = "motivational"
    MINIMALIST = "minimalist"


class RelationshipType(enum.StrEnum):
    PROGRESSION = "progression"
    REGRESSION = "regression"
    VARIATION = "variation"
    ANTAGONIST = "antagonist"
    PREP = "prep"


class CircuitType(enum.StrEnum):
    ROUNDS_FOR_TIME = "rounds_for_time"
    AMRAP = "amrap"
    EMOM = "emom"
    LADDER = "ladder"
    TABATA = "tabata"
    CHIPPER = "chipper"
    STATION = "station"


class StressBucket(enum.StrEnum):
    STRENGTH = "strength"
    CONDITIONING = "conditioning"
    IMPACT_UPPER = "impact_upper"
    IMPACT_LOWER = "impact_lower"
    CNS = "cns"


class PersonaAggression(enum.IntEnum):
    """1 (conservative) … 5 (aggressive). Stored by NAME; compare members, not integers."""

    CONSERVATIVE = 1
    MODERATE_CONSERVATIVE = 2
    BALANCED = 3
    MODERATE_AGGRESSIVE = 4
    AGGRESSIVE = 5


class ExperienceLevel(enum.StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class Visibility(enum.StrEnum):
    PRIVATE = "private"
    FRIENDS = "friends"
    PUBLIC = "public"


class GoalType(enum.StrEnum):
    BODY_COMPOSITION = "body_composition"
    STRENGTH_1RM = "strength_1rm"
    ENDURANCE_EVENT = "endurance_event"
    HABIT_CONSISTENCY = "habit_consistency"
    SKILL_ACQUISITION = "skill_acquisition"


class DisciplineCategory(enum.StrEnum):
    TRAINING = "training"
    SPORTS = "sports"
    OUTDOOR = "outdoor"
    WELLNESS = "wellness"


class ActivityCategory(enum.StrEnum):
    WORKOUT = "workout"
    SPORT = "sport"
    OUTDOOR = "outdoor"
    WELLNESS = "wellness"


class ActivitySource(enum.StrEnum):
    PLANNED = "planned"
    MANUAL = "manual"
    IMPORTED = "imported"


class GoalStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def parse_enum(enum_cls: type[E], raw: object) -> E:
    """Accept a member, its semantic value or its NAME, case-insensitively.

    Outside input (profiles, CSV, buttons) arrives in all three spellings; one tolerant
    conversion keeps every caller from growing its own.
    """
    if isinstance(raw, enum_cls):
        return raw
    text = str(raw).strip()
    for member in enum_cls:
        if text.lower() in (str(member.value).lower(), member.name.lower()):
            return member
    allowed = ", ".join(str(m.value) for m in enum_cls)
    raise ValueError(f"{text!r} is not a valid {enum_cls.__name__}; choose one of: {allowed}")
