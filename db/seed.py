"""Load the shipped library into the database: idempotent, and an edited entry updates its row.

Rows are matched by their natural keys (movement and circuit names, slugs, activity names,
relationship ends and type, heuristic name and version), so the seed can run at every bot
start; a second run with the same files writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.library import Library, MovementEntry
from db.models import (
    ActivityDefinition,
    ActivityMuscleMap,
    CircuitTemplate,
    Discipline,
    HeuristicConfig,
    Movement,
    MovementRelationship,
    Muscle,
)


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def summary(self) -> str:
        if not self.changed:
            return "movement library already up to date"
        parts = []
        for verb, counts in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted)):
            if counts:
                parts.append(f"{verb} " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
        return "; ".join(parts)


def _apply(row: Any, values: dict[str, Any]) -> bool:
    """Set only the attributes that differ, so unchanged rows produce no UPDATE."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


def movement_values(entry: MovementEntry) -> dict[str, Any]:
    return {
        "pattern": entry.pattern.value,
        "primary_muscle": entry.primary_muscle.value,
        "primary_region": entry.primary_region.value,
        "secondary_muscles": [m.value for m in entry.secondary_muscles],
        "cns_load": entry.cns_load.value,
        "skill_level": entry.skill_level.value,
        "compound": entry.compound,
        "is_complex_lift": entry.complex,
        "is_unilateral": entry.unilateral,
        "metric_type": entry.metric_type.value,
        "primary_discipline": entry.primary_discipline,
        "discipline_tags": list(entry.disciplines),
        "equipment_tags": list(entry.equipment),
        "tags": list(entry.tags),
        "description": entry.description,
        "coaching_cues": list(entry.cues),
        "substitution_group": entry.substitution_group,
        "aliases": list(entry.aliases),
    }


async def _upsert_by_key(
    session: AsyncSession,
    report: SeedReport,
    kind: str,
    model: type,
    key_attr: str,
    items: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    existing = {getattr(r, key_attr): r for r in (await session.scalars(select(model))).all()}
    rows: dict[str, Any] = {}
    for key, values in items.items():
        row = existing.get(key)
        if row is None:
            row = model(**{key_attr: key}, **values)
            session.add(row)
            report.created[kind] += 1
        elif _apply(row, values):
            report.updated[kind] += 1
        rows[key] = row
    await session.flush()
    return rows


async def seed_library(session: AsyncSession, library: Library) -> SeedReport:
    """Bring the library tables in line with ``library`` inside the caller's transaction."""
    report = SeedReport()

    await _upsert_by_key(
        session,
        report,
        "muscles",
        Muscle,
        "slug",
        {m.slug.value: {"name": m.name, "region": m.region.value} for m in library.muscles},
    )
    disciplines = await _upsert_by_key(
        session,
        report,
        "disciplines",
        Discipline,
        "slug",
        {d.slug: {"name": d.name, "category": d.category} for d in library.disciplines},
    )

    system_movements = {
        m.name: m for m in (await session.scalars(select(Movement).where(Movement.user_id.is_(None)))).all()
    }
    movements: dict[str, Movement] = {}
    for entry in library.movements:
        values = movement_values(entry)
        row = system_movements.get(entry.name)
        if row is None:
            row = Movement(name=entry.name, user_id=None, **values)
            session.add(row)
            report.created["movements"] += 1
        elif _apply(row, values):
            report.updated["movements"] += 1
        movements[entry.name.lower()] = row
    await session.flush()

    await _sync_relationships(session, report, library, movements)

    await _upsert_by_key(
        session,
        report,
        "circuits",
        CircuitTemplate,
        "name",
        {
            c.name: {
                "description": c.description,
                "circuit_type": c.circuit_type,
                "difficulty_level": c.difficulty_level,
                "rounds": c.rounds,
                "time_cap_seconds": c.time_cap_seconds,
                "movements_json": [
                    {
                        "movement": movements[s.movement.lower()].name,
                        "movement_id": movements[s.movement.lower()].id,
                        **s.model_dump(exclude={"movement"}, exclude_none=True),
                    }
                    for s in c.movements
                ],
            }
            for c in library.circuits
        },
    )

    await _sync_activities(session, report, library, disciplines)
    await _sync_heuristics(session, report, library)
    return report


async def _sync_relationships(
    session: AsyncSession, report: SeedReport, library: Library, movements: dict[str, Movement]
) -> None:
    """Relationships are identified by their two ends and type; ones removed from the files go."""
    system_ids = {m.id for m in movements.values()}
    existing = {
        (r.source_movement_id, r.target_movement_id, r.relationship_type): r
        for r in (await session.scalars(select(MovementRelationship))).all()
        if r.source_movement_id in system_ids and r.target_movement_id in system_ids
    }
    wanted: set[tuple[int, int, str]] = set()
    for rel in library.relationships:
        key = (movements[rel.source.lower()].id, movements[rel.target.lower()].id, rel.type.value)
        wanted.add(key)
        row = existing.get(key)
        if row is None:
            session.add(
                MovementRelationship(
                    source_movement_id=key[0],
                    target_movement_id=key[1],
                    relationship_type=key[2],
                    notes=rel.notes,
                )
            )
            report.created["relationships"] += 1
        elif _apply(row, {"notes": rel.notes}):
            report.updated["relationships"] += 1
    for key, row in existing.items():
        if key not in wanted:
            await session.delete(row)
            report.deleted["relationships"] += 1
    await session.flush()


async def _sync_activities(
    session: AsyncSession, report: SeedReport, library: Library, disciplines: dict[str, Discipline]
) -> None:
    muscles = {m.slug: m for m in (await session.scalars(select(Muscle))).all()}
    definitions = await _upsert_by_key(
        session,
        report,
        "activities",
        ActivityDefinition,
        "name",
        {
            a.name: {
                "category": a.category,
                "discipline_id": disciplines[a.discipline].id if a.discipline else None,
                "default_metric_type": a.default_metric_type,
                "default_equipment_tags": list(a.default_equipment_tags),
            }
            for a in library.activities
        },
    )
    existing = {
        (m.activity_definition_id, m.muscle_id): m
        for m in (await session.scalars(select(ActivityMuscleMap))).all()
    }
    wanted: set[tuple[int, int]] = set()
    for activity in library.activities:
        definition = definitions[activity.name]
        for item in activity.muscles:
            key = (definition.id, muscles[item.muscle.value].id)
            wanted.add(key)
            values = {"magnitude": item.magnitude, "cns_impact": item.cns_impact}
            row = existing.get(key)
            if row is None:
                session.add(ActivityMuscleMap(activity_definition_id=key[0], muscle_id=key[1], **values))
                report.created["activity muscle maps"] += 1
            elif _apply(row, values):
                report.updated["activity muscle maps"] += 1
    seeded_ids = {d.id for d in definitions.values()}
    for key, row in existing.items():
        if key[0] in seeded_ids and key not in wanted:
            await session.delete(row)
            report.deleted["activity muscle maps"] += 1
    await session.flush()


async def _sync_heuristics(session: AsyncSession, report: SeedReport, library: Library) -> None:
    """Insert new versions, refresh edited ones, and make the newest version of each name active.

    A version an operator added in the database (higher than any in the files) stays active.
    """
    rows = list((await session.scalars(select(HeuristicConfig))).all())
    created: list[HeuristicConfig] = []
    by_key = {(r.name, r.version): r for r in rows}
    for h in library.heuristics:
        row = by_key.get((h.name, h.version))
        values = {"json_blob": h.value, "description": h.description}
        if row is None:
            row = HeuristicConfig(name=h.name, version=h.version, active=False, **values)
            session.add(row)
            rows.append(row)
            created.append(row)
            report.created["heuristics"] += 1
        elif _apply(row, values):
            report.updated["heuristics"] += 1
    newest: dict[str, HeuristicConfig] = {}
    for row in rows:
        if row.name not in newest or row.version > newest[row.name].version:
            newest[row.name] = row
    # Deactivate first, then activate: the partial unique index allows one active row per name.
    for row in rows:
        if row.active and newest[row.name] is not row:
            row.active = False
    await session.flush()
    for row in newest.values():
        if not row.active:
            row.active = True
            if not any(row is c for c in created):
                report.updated["heuristics"] += 1
    await session.flush()
