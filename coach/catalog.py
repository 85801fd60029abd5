"""The movement catalog: the library as typed, immutable values the coach reasons with.

Built once per process from the database (ids included) or straight from the YAML library
(``gainsly plan`` without ``--save`` needs no database). Lookups are case-insensitive over
names and aliases; ``suggest`` offers the nearest names for a typo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from db.enums import (
    CircuitType,
    CNSLoad,
    MetricType,
    MovementPattern,
    PrimaryMuscle,
    PrimaryRegion,
    RelationshipType,
    SkillLevel,
)
from db.library import Library

#: Equipment nobody has to own.
ALWAYS_AVAILABLE = frozenset({"bodyweight"})


@dataclass(frozen=True, slots=True)
class MovementInfo:
    name: str
    pattern: MovementPattern
    primary_muscle: PrimaryMuscle
    primary_region: PrimaryRegion
    secondary_muscles: tuple[PrimaryMuscle, ...]
    cns_load: CNSLoad
    skill_level: SkillLevel
    compound: bool
    unilateral: bool
    complex: bool
    metric_type: MetricType
    equipment: frozenset[str]
    disciplines: tuple[str, ...]
    tags: frozenset[str]
    substitution_group: str | None
    cues: tuple[str, ...]
    aliases: tuple[str, ...]
    description: str | None = None
    id: int | None = None
    owner_user_id: int | None = None

    def available_with(self, equipment: Iterable[str]) -> bool:
        return self.equipment <= (ALWAYS_AVAILABLE | set(equipment))


@dataclass(frozen=True, slots=True)
class Relationship:
    source: str
    target: str
    type: RelationshipType


@dataclass(frozen=True, slots=True)
class CircuitInfo:
    name: str
    circuit_type: CircuitType
    difficulty_level: str | None
    rounds: int | None
    time_cap_seconds: int | None
    stations: tuple[Mapping[str, Any], ...]
    description: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Catalog:
    movements: tuple[MovementInfo, ...]
    relationships: tuple[Relationship, ...] = ()
    circuits: tuple[CircuitInfo, ...] = ()
    _index: dict[str, MovementInfo] = field(init=False, repr=False, compare=False)
    _choices: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, MovementInfo] = {}
        for m in self.movements:
            for alias in m.aliases:
                index.setdefault(alias.lower(), m)
        for m in self.movements:  # names win over aliases
            index[m.name.lower()] = m
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_choices", {key: key for key in index})

    def __len__(self) -> int:
        return len(self.movements)

    def get(self, name: str) -> MovementInfo | None:
        """Exact match on a name or alias, ignoring case and surrounding space."""
        return self._index.get(name.strip().lower())

    def by_id(self, movement_id: int) -> MovementInfo | None:
        return next((m for m in self.movements if m.id == movement_id), None)

    def suggest(self, text: str, limit: int = 3, cutoff: float = 60.0) -> list[str]:
        """Canonical names nearest to ``text`` (names and aliases both count), best first."""
        matches = process.extract(
            text.strip().lower(), self._choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff
        )
        names: list[str] = []
        for key, _score, _ in matches:
            name = self._index[key].name
            if name not in names:
                names.append(name)
        return names[:limit]

    def available(self, equipment: Iterable[str]) -> list[MovementInfo]:
        owned = set(equipment)
        return [m for m in self.movements if m.available_with(owned)]

    def related(self, name: str, kind: RelationshipType | None = None) -> list[MovementInfo]:
        """Movements linked from ``name`` (optionally of one relationship type)."""
        out = []
        for rel in self.relationships:
            if rel.source == name and (kind is None or rel.type == kind):
                target = self.get(rel.target)
                if target is not None:
                    out.append(target)
        return out

    def with_movements(self, extra: Sequence[MovementInfo]) -> Catalog:
        """This catalog plus a lifter's own movements (never another lifter's)."""
        if not extra:
            return self
        return Catalog(self.movements + tuple(extra), self.relationships, self.circuits)

    @classmethod
    def from_library(cls, library: Library) -> Catalog:
        movements = tuple(
            MovementInfo(
                name=e.name,
                pattern=e.pattern,
                primary_muscle=e.primary_muscle,
                primary_region=e.primary_region,
                secondary_muscles=tuple(e.secondary_muscles),
                cns_load=e.cns_load,
                skill_level=e.skill_level,
                compound=e.compound,
                unilateral=e.unilateral,
                complex=e.complex,
                metric_type=e.metric_type,
                equipment=frozenset(e.equipment),
                disciplines=tuple(e.disciplines),
                tags=frozenset(e.tags),
                substitution_group=e.substitution_group,
                cues=tuple(e.cues),
                aliases=tuple(e.aliases),
                description=e.description,
            )
            for e in library.movements
        )
        names = {m.name.lower(): m.name for m in movements}
        relationships = tuple(
            Relationship(names[r.source.lower()], names[r.target.lower()], r.type)
            for r in library.relationships
        )
        circuits = tuple(
            CircuitInfo(
                name=c.name,
                circuit_type=c.circuit_type,
                difficulty_level=c.difficulty_level,
                rounds=c.rounds,
                time_cap_seconds=c.time_cap_seconds,
                stations=tuple(
                    {
                        "movement": names[s.movement.lower()],
                        **s.model_dump(exclude={"movement"}, exclude_none=True),
                    }
                    for s in c.movements
                ),
                description=c.description,
            )
            for c in library.circuits
        )
        return cls(movements, relationships, circuits)

    @classmethod
    def from_rows(
        cls, movements: Iterable[Any], relationships: Iterable[Any], circuits: Iterable[Any]
    ) -> Catalog:
        """From ORM rows (``db.models.Movement`` and friends), keeping database ids."""
        infos = tuple(movement_info(row) for row in movements)
        by_id = {m.id: m.name for m in infos}
        rels = tuple(
            Relationship(
                by_id[r.source_movement_id],
                by_id[r.target_movement_id],
                RelationshipType(r.relationship_type),
            )
            for r in relationships
            if r.source_movement_id in by_id and r.target_movement_id in by_id
        )
        circs = tuple(
            CircuitInfo(
                name=c.name,
                circuit_type=c.circuit_type,
                difficulty_level=c.difficulty_level,
                rounds=c.rounds,
                time_cap_seconds=c.time_cap_seconds,
                stations=tuple(c.movements_json or ()),
                description=c.description,
                id=c.id,
            )
            for c in circuits
        )
        return cls(infos, rels, circs)


def movement_info(row: Any) -> MovementInfo:
    """One ``db.models.Movement`` row as a ``MovementInfo`` (string columns become enums)."""
    return MovementInfo(
        name=row.name,
        pattern=MovementPattern(row.pattern),
        primary_muscle=PrimaryMuscle(row.primary_muscle),
        primary_region=PrimaryRegion(row.primary_region),
        secondary_muscles=tuple(PrimaryMuscle(m) for m in row.secondary_muscles or ()),
        cns_load=CNSLoad(row.cns_load),
        skill_level=SkillLevel(row.skill_level),
        compound=row.compound,
        unilateral=row.is_unilateral,
        complex=row.is_complex_lift,
        metric_type=MetricType(row.metric_type),
        equipment=frozenset(row.equipment_tags or ()),
        disciplines=tuple(row.discipline_tags or ()),
        tags=frozenset(row.tags or ()),
        substitution_group=row.substitution_group,
        cues=tuple(row.coaching_cues or ()),
        aliases=tuple(row.aliases or ()),
        description=row.description,
        id=row.id,
        owner_user_id=row.user_id,
    )
