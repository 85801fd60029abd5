"""Shared fixtures and profiles for the coaching-engine tests (imported by their conftests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from db.engine import create_session_factory
from db.library import default_library
from db.uow import unit_of_work

#: A Monday: programs in these tests start on it.
MONDAY = dt.date(2026, 12, 7)

PROFILE: dict[str, Any] = {
    "experience_level": "intermediate",
    "days_per_week": 4,
    "session_minutes": 60,
    "goals": [
        {"goal": "strength", "weight": 5},
        {"goal": "hypertrophy", "weight": 3},
        {"goal": "fat_loss", "weight": 2},
    ],
    "split_template": "upper_lower",
    "progression_style": "double_progression",
    "duration_weeks": 10,
    "start_date": MONDAY.isoformat(),
    "equipment": ["barbell", "dumbbell", "cable", "machine", "bodyweight", "pull-up bar"],
    "movement_rules": [
        {"movement": "Barbell Back Squat", "rule": "hard_no"},
        {"movement": "Romanian Deadlift", "rule": "hard_yes"},
    ],
    "enjoyable_activities": [{"activity": "tennis", "recommend_every_days": 7}],
    "persona_tone": "analytical",
    "persona_aggression": 3,
}


def library_heuristics() -> dict[str, Any]:
    library = default_library()
    return {h.name: library.heuristic(h.name) for h in library.heuristics}


def library_catalog() -> Catalog:
    return Catalog.from_library(default_library())


@pytest.fixture(scope="session")
async def system_catalog(engine: AsyncEngine) -> Catalog:
    """The seeded movements with their database ids, as the running app builds it."""
    async with unit_of_work(create_session_factory(engine)) as repos:
        return Catalog.from_rows(*await repos.movements.system_rows())


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime.combine(MONDAY, dt.time(7, 0), tzinfo=dt.UTC))


@pytest.fixture
def deps(system_catalog: Catalog, clock: FixedClock) -> CoachDeps:
    return CoachDeps(catalog=system_catalog, heuristics=library_heuristics(), clock=clock)
