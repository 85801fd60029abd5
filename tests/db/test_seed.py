"""The shipped library: coverage the coach relies on, and an idempotent, updating seed."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import CircuitType, EnjoyableActivity, MovementPattern, PrimaryMuscle, RelationshipType
from db.library import Library, default_library
from db.models import ActivityDefinition, ActivityMuscleMap, CircuitTemplate, HeuristicConfig, Movement
from db.seed import seed_library

REQUIRED_NAMES = [
    "Barbell Back Squat", "Front Squat", "Goblet Squat", "Leg Press", "Bulgarian Split Squat", "Walking Lunge",
    "Conventional Deadlift", "Romanian Deadlift", "Hip Thrust", "Kettlebell Swing", "Barbell Bench Press",
    "Dumbbell Bench Press", "Incline Dumbbell Press", "Push-Up", "Dip", "Overhead Press", "Pull-Up", "Chin-Up",
    "Lat Pulldown", "Barbell Row", "Seated Cable Row", "Face Pull", "Lateral Raise", "Barbell Curl",
    "Triceps Pushdown", "Standing Calf Raise", "Plank", "Hanging Leg Raise", "Pallof Press", "Farmer's Carry",
    "Box Jump", "Power Clean", "Running", "Rowing Machine", "Cycling",
]  # fmt: skip

ALIASES = {
    "bp": "Barbell Bench Press",
    "ohp": "Overhead Press",
    "rdl": "Romanian Deadlift",
    "dl": "Conventional Deadlift",
    "chins": "Chin-Up",
    "bss": "Bulgarian Split Squat",
}


def test_library_coverage() -> None:
    library = default_library()
    names = {m.name for m in library.movements}
    assert len(library.movements) >= 300
    assert set(REQUIRED_NAMES) <= names
    assert {m.pattern for m in library.movements} == set(MovementPattern)
    assert {m.primary_muscle for m in library.movements} == set(PrimaryMuscle)
    assert all(2 <= len(m.cues) <= 4 for m in library.movements)
    assert len(library.relationships) >= 150
    assert {r.type for r in library.relationships} == set(RelationshipType)
    assert len(library.circuits) >= 25
    assert {c.circuit_type for c in library.circuits} == set(CircuitType)
    assert {a.activity for a in library.activities} == set(EnjoyableActivity)
    owner = {alias: m.name for m in library.movements for alias in m.aliases}
    assert {alias: owner.get(alias) for alias in ALIASES} == ALIASES


def test_every_tunable_the_engine_reads_is_shipped() -> None:
    library = default_library()
    shipped = {h.name for h in library.heuristics}
    assert shipped >= {
        "volume_landmarks",
        "goal_prescriptions",
        "deload",
        "persona_modifiers",
        "time_estimates",
        "cns_costs",
    }


async def test_seeded_database_matches_the_files(session: AsyncSession) -> None:
    library = default_library()
    count = await session.scalar(select(func.count()).select_from(Movement).where(Movement.user_id.is_(None)))
    assert count == len(library.movements)
    assert await session.scalar(select(func.count()).select_from(CircuitTemplate)) == len(library.circuits)
    assert await session.scalar(select(func.count()).select_from(ActivityDefinition)) == len(
        library.activities
    )
    assert await session.scalar(select(func.count()).select_from(ActivityMuscleMap)) == sum(
        len(a.muscles) for a in library.activities
    )
    active = Counter(
        (await session.scalars(select(HeuristicConfig.name).where(HeuristicConfig.active))).all()
    )
    assert set(active) == {h.name for h in library.heuristics} and set(active.values()) == {1}


async def test_second_seed_changes_nothing(session: AsyncSession) -> None:
    report = await seed_library(session, default_library())
    assert not report.changed, report.summary()


async def test_an_edited_entry_updates_its_row_by_name(session: AsyncSession) -> None:
    library = default_library()
    squat = next(m for m in library.movements if m.name == "Barbell Back Squat")
    edited_squat = squat.model_copy(update={"cues": ("Brace hard", "Sit between the hips")})
    edited = Library(
        **{
            **{field: getattr(library, field) for field in Library.model_fields},
            "movements": tuple(edited_squat if m is squat else m for m in library.movements),
        }
    )
    report = await seed_library(session, edited)
    assert dict(report.updated) == {"movements": 1} and not report.created
    row = await session.scalar(select(Movement).where(Movement.name == "Barbell Back Squat"))
    assert row is not None and row.coaching_cues == ["Brace hard", "Sit between the hips"]
    restored = await seed_library(session, library)
    assert dict(restored.updated) == {"movements": 1}
