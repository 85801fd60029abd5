"""A lifter's profile: the answers onboarding collects and ``gainsly plan --profile`` reads.

``Profile.parse`` turns outside data (JSON, button answers) into a validated profile or an
``InvalidInput`` that names every bad field and, where it can, the nearest valid choice.
Semantic values (``"fat_loss"``) and enum NAMES (``"FAT_LOSS"``) are both accepted.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from rapidfuzz import process

from coach.errors import InvalidInput
from db.enums import (
    EnjoyableActivity,
    ExperienceLevel,
    Goal,
    MovementRuleType,
    PersonaAggression,
    PersonaTone,
    ProgressionStyle,
    RuleCadence,
    SplitTemplate,
    parse_enum,
)
from db.library import EQUIPMENT

#: Equipment presets offered in onboarding.
EQUIPMENT_PRESETS: dict[str, tuple[str, ...]] = {
    "gym": (
        "barbell", "dumbbell", "kettlebell", "cable", "machine", "bands", "pull-up bar", "bodyweight", "rings",
        "medicine ball", "box", "sled", "rower", "bike", "treadmill", "jump rope", "trap bar", "landmine", "ski erg", "ab wheel", "foam roller", "battle rope",
    ),
    "home": ("dumbbell", "kettlebell", "bands", "pull-up bar", "bodyweight", "jump rope"),
    "bodyweight": ("bodyweight",),
}  # fmt: skip

_EQUIPMENT_SYNONYMS = {
    "pullup bar": "pull-up bar",
    "pull up bar": "pull-up bar",
    "chin-up bar": "pull-up bar",
    "dumbbells": "dumbbell",
    "kettlebells": "kettlebell",
    "barbells": "barbell",
    "cables": "cable",
    "machines": "machine",
    "band": "bands",
    "resistance bands": "bands",
    "none": "bodyweight",
    "body weight": "bodyweight",
    "rowing machine": "rower",
    "bicycle": "bike",
    "exercise bike": "bike",
    "hex bar": "trap bar",
    "skipping rope": "jump rope",
}


def _nearest(value: str, choices: list[str]) -> str | None:
    match = process.extractOne(value.lower(), choices, score_cutoff=60)
    return match[0] if match else None


def _enum_field(enum_cls: type[enum.Enum], raw: object) -> enum.Enum:
    try:
        return parse_enum(enum_cls, raw)
    except ValueError:
        choices = [str(m.value) for m in enum_cls]
        hint = _nearest(str(raw), choices)
        suffix = f" — did you mean {hint!r}?" if hint else f"; choose one of: {', '.join(choices)}"
        raise ValueError(f"{raw!r} is not a valid {enum_cls.__name__}{suffix}") from None


class GoalWeight(BaseModel):
    model_config = ConfigDict(extra="forbid")

    goal: Goal
    weight: int = Field(ge=0, le=10)

    @field_validator("goal", mode="before")
    @classmethod
    def _goal(cls, raw: object) -> object:
        return _enum_field(Goal, raw)


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    movement: str = Field(min_length=1, max_length=200)
    rule: MovementRuleType
    cadence: RuleCadence = RuleCadence.PER_MICROCYCLE

    @field_validator("rule", mode="before")
    @classmethod
    def _rule(cls, raw: object) -> object:
        return _enum_field(MovementRuleType, raw)

    @field_validator("cadence", mode="before")
    @classmethod
    def _cadence(cls, raw: object) -> object:
        return _enum_field(RuleCadence, raw)


class ActivitySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activity: EnjoyableActivity
    recommend_every_days: int = Field(default=28, ge=1, le=365)
    custom_name: str | None = Field(default=None, max_length=100)

    @field_validator("activity", mode="before")
    @classmethod
    def _activity(cls, raw: object) -> object:
        return _enum_field(EnjoyableActivity, raw)


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    experience_level: ExperienceLevel = ExperienceLevel.INTERMEDIATE
    days_per_week: int = Field(ge=2, le=7)
    session_minutes: int = Field(default=60, ge=20, le=180)
    goals: tuple[GoalWeight, ...] = Field(min_length=1, max_length=3)
    split_template: SplitTemplate | None = None
    progression_style: ProgressionStyle | None = None
    duration_weeks: int | None = Field(default=None, ge=8, le=12)
    start_date: dt.date | None = None
    equipment: tuple[str, ...] = EQUIPMENT_PRESETS["gym"]
    movement_rules: tuple[RuleSpec, ...] = ()
    enjoyable_activities: tuple[ActivitySpec, ...] = ()
    persona_tone: PersonaTone = PersonaTone.SUPPORTIVE
    persona_aggression: PersonaAggression = PersonaAggression.BALANCED
    deload_every_n_microcycles: int = Field(default=4, ge=2, le=8)

    @field_validator("experience_level", mode="before")
    @classmethod
    def _experience(cls, raw: object) -> object:
        return _enum_field(ExperienceLevel, raw)

    @field_validator("split_template", mode="before")
    @classmethod
    def _split(cls, raw: object) -> object:
        return None if raw is None else _enum_field(SplitTemplate, raw)

    @field_validator("progression_style", mode="before")
    @classmethod
    def _progression(cls, raw: object) -> object:
        return None if raw is None else _enum_field(ProgressionStyle, raw)

    @field_validator("persona_tone", mode="before")
    @classmethod
    def _tone(cls, raw: object) -> object:
        return _enum_field(PersonaTone, raw)

    @field_validator("persona_aggression", mode="before")
    @classmethod
    def _aggression(cls, raw: object) -> object:
        return _enum_field(PersonaAggression, raw)

    @field_validator("equipment", mode="before")
    @classmethod
    def _equipment(cls, raw: object) -> object:
        if isinstance(raw, str):
            raw = EQUIPMENT_PRESETS.get(raw.lower(), [raw])
        if not isinstance(raw, list | tuple):
            raise ValueError("must be a list of equipment names")
        cleaned: list[str] = []
        for item in raw:
            name = str(item).strip().lower()
            name = _EQUIPMENT_SYNONYMS.get(name, name)
            if name not in EQUIPMENT:
                hint = _nearest(name, list(EQUIPMENT))
                suffix = f" — did you mean {hint!r}?" if hint else f"; known: {', '.join(EQUIPMENT)}"
                raise ValueError(f"unknown equipment {item!r}{suffix}")
            if name not in cleaned:
                cleaned.append(name)
        if "bodyweight" not in cleaned:
            cleaned.append("bodyweight")
        return tuple(cleaned)

    @model_validator(mode="after")
    def _goals_sum_to_ten(self) -> Profile:
        seen = [g.goal for g in self.goals]
        if len(set(seen)) != len(seen):
            raise ValueError("goals: each goal may appear only once")
        total = sum(g.weight for g in self.goals)
        if total != 10:
            raise ValueError(f"goals: weights must sum to 10 (they sum to {total})")
        if self.goals[0].weight == 0 and all(g.weight == 0 for g in self.goals):
            raise ValueError("goals: at least one goal needs a weight above 0")
        return self

    @property
    def padded_goals(self) -> tuple[GoalWeight, GoalWeight, GoalWeight]:
        """Exactly three goals, heaviest first; missing ones are filled with weight 0.

        Programs store three goals; a lifter who cares about one thing should not have to
        invent two more.
        """
        ordered = sorted(self.goals, key=lambda g: -g.weight)
        fillers = [
            g
            for g in (Goal.HYPERTROPHY, Goal.STRENGTH, Goal.MOBILITY, Goal.ENDURANCE)
            if g not in {x.goal for x in ordered}
        ]
        while len(ordered) < 3:
            ordered.append(GoalWeight(goal=fillers.pop(0), weight=0))
        return ordered[0], ordered[1], ordered[2]

    def goal_weight(self, goal: Goal) -> int:
        return sum(g.weight for g in self.goals if g.goal == goal)

    @classmethod
    def parse(cls, data: Any) -> Profile:
        """Validate outside data; raise ``InvalidInput`` naming each bad field in plain words."""
        if not isinstance(data, dict):
            raise InvalidInput("profile: expected a JSON object with at least goals and days_per_week")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(
                "profile is not valid:\n" + "\n".join(_describe(e) for e in exc.errors())
            ) from None


def _describe(error: Any) -> str:
    where = ".".join(str(p) for p in error.get("loc", ())) or "profile"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if error.get("type") == "missing":
        message = "is required"
    elif error.get("type") == "extra_forbidden":
        message = "is not a profile field"
    return f"- {where}: {message}"
