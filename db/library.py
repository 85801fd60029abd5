"""The movement library as data: the YAML files under ``db/data`` and their validation.

The library is Gainsly's own writing (movements, cues, aliases, circuits, activities and the
engine's tunables). Loading validates every entry against the schema's categorical spaces,
so a typo in a data file fails the test suite instead of a lifter's program.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from db.enums import (
    ActivityCategory,
    CircuitType,
    CNSLoad,
    DisciplineCategory,
    EnjoyableActivity,
    MetricType,
    MovementPattern,
    PrimaryMuscle,
    PrimaryRegion,
    RelationshipType,
    SkillLevel,
)

DATA_DIR = Path(__file__).parent / "data"

#: Equipment a lifter can own. A movement lists everything it needs; "bodyweight" means
#: nothing beyond the body (and a floor), so it is always available. Benches and racks are
#: assumed wherever there is a barbell or dumbbells, as in every gym and most home set-ups.
EQUIPMENT = (
    "barbell",
    "dumbbell",
    "kettlebell",
    "cable",
    "machine",
    "bands",
    "pull-up bar",
    "bodyweight",
    "rings",
    "medicine ball",
    "box",
    "sled",
    "rower",
    "bike",
    "treadmill",
    "jump rope",
    "trap bar",
    "landmine",
    "ski erg",
    "pool",
    "ab wheel",
    "foam roller",
    "battle rope",
)

CIRCUIT_DIFFICULTY = ("beginner", "intermediate", "advanced", "elite")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MovementEntry(_Entry):
    name: str = Field(min_length=2, max_length=200)
    pattern: MovementPattern
    primary_muscle: PrimaryMuscle
    primary_region: PrimaryRegion
    secondary_muscles: tuple[PrimaryMuscle, ...] = ()
    cns_load: CNSLoad = CNSLoad.MODERATE
    skill_level: SkillLevel = SkillLevel.INTERMEDIATE
    compound: bool = True
    unilateral: bool = False
    complex: bool = False
    metric_type: MetricType = MetricType.REPS
    equipment: tuple[str, ...] = Field(min_length=1)
    primary_discipline: str = "All"
    disciplines: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    substitution_group: str = Field(min_length=2, max_length=100)
    description: str = Field(min_length=10)
    cues: tuple[str, ...] = Field(min_length=2, max_length=4)
    aliases: tuple[str, ...] = ()

    @field_validator("equipment")
    @classmethod
    def _known_equipment(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(EQUIPMENT))
        if unknown:
            raise ValueError(f"unknown equipment {unknown}; known: {EQUIPMENT}")
        return value

    @field_validator("aliases")
    @classmethod
    def _lowercase_aliases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.strip().lower() for a in value)

    @model_validator(mode="after")
    def _secondary_not_primary(self) -> MovementEntry:
        if self.primary_muscle in self.secondary_muscles:
            raise ValueError(f"{self.name}: primary muscle repeated among secondary muscles")
        return self


class RelationshipEntry(_Entry):
    source: str
    target: str
    type: RelationshipType
    notes: str | None = None


class CircuitMovement(_Entry):
    movement: str
    reps: int | None = Field(default=None, ge=1, le=500)
    duration_seconds: int | None = Field(default=None, ge=5, le=3600)
    distance_m: int | None = Field(default=None, ge=5, le=50000)
    calories: int | None = Field(default=None, ge=1, le=500)
    notes: str | None = None

    @model_validator(mode="after")
    def _has_dose(self) -> CircuitMovement:
        if not any((self.reps, self.duration_seconds, self.distance_m, self.calories)):
            raise ValueError(f"{self.movement}: a circuit station needs reps, time, distance or calories")
        return self


class CircuitEntry(_Entry):
    name: str = Field(min_length=3, max_length=200)
    description: str = Field(min_length=10)
    circuit_type: CircuitType
    difficulty_level: str
    rounds: int | None = Field(default=None, ge=1, le=50)
    time_cap_seconds: int | None = Field(default=None, ge=60, le=7200)
    movements: tuple[CircuitMovement, ...] = Field(min_length=1)

    @field_validator("difficulty_level")
    @classmethod
    def _difficulty(cls, value: str) -> str:
        if value not in CIRCUIT_DIFFICULTY:
            raise ValueError(f"difficulty_level must be one of {CIRCUIT_DIFFICULTY}")
        return value


class DisciplineEntry(_Entry):
    slug: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)
    name: str
    category: DisciplineCategory


class MuscleEntry(_Entry):
    slug: PrimaryMuscle
    name: str
    region: PrimaryRegion


class ActivityMuscle(_Entry):
    muscle: PrimaryMuscle
    magnitude: float = Field(default=1.0, gt=0, le=1.0)
    cns_impact: float | None = Field(default=None, ge=0, le=1.0)


class ActivityEntry(_Entry):
    name: str
    activity: EnjoyableActivity
    category: ActivityCategory
    discipline: str | None = None
    default_metric_type: MetricType | None = None
    default_equipment_tags: tuple[str, ...] = ()
    muscles: tuple[ActivityMuscle, ...] = Field(min_length=1)


class HeuristicEntry(_Entry):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)
    version: int = Field(ge=1)
    description: str
    value: dict


class Library(BaseModel):
    """Everything ``gainsly db seed`` loads, already cross-checked."""

    model_config = ConfigDict(frozen=True)

    movements: tuple[MovementEntry, ...]
    relationships: tuple[RelationshipEntry, ...]
    circuits: tuple[CircuitEntry, ...]
    disciplines: tuple[DisciplineEntry, ...]
    muscles: tuple[MuscleEntry, ...]
    activities: tuple[ActivityEntry, ...]
    heuristics: tuple[HeuristicEntry, ...]

    @model_validator(mode="after")
    def _cross_references(self) -> Library:
        problems: list[str] = []
        names: dict[str, str] = {}
        for m in self.movements:
            key = m.name.lower()
            if key in names:
                problems.append(f"duplicate movement name {m.name!r}")
            names[key] = m.name
        owners: dict[str, str] = {}
        for m in self.movements:
            for alias in m.aliases:
                if alias in names and names[alias] != m.name:
                    problems.append(f"alias {alias!r} of {m.name!r} is another movement's name")
                if alias in owners and owners[alias] != m.name:
                    problems.append(f"alias {alias!r} used by {owners[alias]!r} and {m.name!r}")
                owners[alias] = m.name
        discipline_slugs = {d.slug for d in self.disciplines}
        for m in self.movements:
            for tag in (*m.disciplines, *([m.primary_discipline] if m.primary_discipline != "All" else [])):
                if tag not in discipline_slugs:
                    problems.append(f"{m.name}: unknown discipline {tag!r}")
        seen_rel: set[tuple[str, str, str]] = set()
        for r in self.relationships:
            for end in (r.source, r.target):
                if end.lower() not in names:
                    problems.append(f"relationship names unknown movement {end!r}")
            if r.source.lower() == r.target.lower():
                problems.append(f"relationship from {r.source!r} to itself")
            key = (r.source.lower(), r.target.lower(), r.type.value)
            if key in seen_rel:
                problems.append(f"duplicate relationship {key}")
            seen_rel.add(key)
        circuit_names: set[str] = set()
        for c in self.circuits:
            if c.name.lower() in circuit_names:
                problems.append(f"duplicate circuit {c.name!r}")
            circuit_names.add(c.name.lower())
            for station in c.movements:
                if station.movement.lower() not in names:
                    problems.append(f"circuit {c.name!r} names unknown movement {station.movement!r}")
        for a in self.activities:
            if a.discipline is not None and a.discipline not in discipline_slugs:
                problems.append(f"activity {a.name!r}: unknown discipline {a.discipline!r}")
        heuristic_keys = [(h.name, h.version) for h in self.heuristics]
        if len(set(heuristic_keys)) != len(heuristic_keys):
            problems.append("duplicate heuristic (name, version)")
        if problems:
            raise ValueError("movement library is inconsistent:\n- " + "\n- ".join(problems))
        return self

    def heuristic(self, name: str) -> dict:
        """The newest version of one tunable, for code that runs without a database."""
        versions = [h for h in self.heuristics if h.name == name]
        if not versions:
            raise KeyError(f"no heuristic named {name!r}")
        return max(versions, key=lambda h: h.version).value


# libyaml's loader is ~10x faster than the pure-Python one; start-up reads every file.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_list(path: Path) -> list:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    if not isinstance(data, list):
        raise ValueError(f"{path.name}: expected a list at the top level")
    return data


def _read_dir(folder: Path) -> list:
    items: list = []
    for path in sorted(folder.glob("*.yaml")):
        items.extend(_read_list(path))
    return items


def load_library(data_dir: Path = DATA_DIR) -> Library:
    """Read and validate every data file. Raises ``ValueError`` naming each problem."""
    return Library(
        movements=_read_dir(data_dir / "movements"),
        relationships=_read_dir(data_dir / "relationships"),
        circuits=_read_list(data_dir / "circuits.yaml"),
        disciplines=_read_list(data_dir / "disciplines.yaml"),
        muscles=_read_list(data_dir / "muscles.yaml"),
        activities=_read_list(data_dir / "activities.yaml"),
        heuristics=_read_list(data_dir / "heuristics.yaml"),
    )


@lru_cache(maxsize=1)
def default_library() -> Library:
    """The shipped library, parsed once per process (it never changes while running)."""
    return load_library()
