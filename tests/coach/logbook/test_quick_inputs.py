"""Soreness, readiness and activities in a few keystrokes, stored where tomorrow's adaptation reads them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from coach.logbook.quick_inputs import Readiness, recognize
from coach.logbook.service import record_quick_input
from db.enums import ActivitySource, EnjoyableActivity, PrimaryMuscle, RecoverySource
from db.models import ActivityDefinition, ActivityInstance, RecoverySignal, SorenessLog
from db.repositories import Repositories
from tests.coach.logbook.builders import MONDAY, make_deps, make_user

M = PrimaryMuscle


@pytest.mark.parametrize(
    ("text", "muscles", "level"),
    [
        ("sore quads 3", (M.QUADRICEPS,), 3),
        ("quads sore 3", (M.QUADRICEPS,), 3),
        ("legs 4/5", (M.QUADRICEPS, M.HAMSTRINGS, M.GLUTES), 4),
        ("Legs 8/10", (M.QUADRICEPS, M.HAMSTRINGS, M.GLUTES), 4),
        ("doms chest 4", (M.CHEST,), 4),
        ("my lower back is sore", (M.LOWER_BACK,), 3),
        ("sore shoulders 2", (M.FRONT_DELTS, M.SIDE_DELTS, M.REAR_DELTS), 2),
        ("hamstrings 2", (M.HAMSTRINGS,), 2),
        ("😫 sore glutes 5", (M.GLUTES,), 5),
    ],
)
def test_soreness(text: str, muscles: tuple[PrimaryMuscle, ...], level: int) -> None:
    found = recognize(text)
    assert found is not None and not found.errors
    [soreness] = found.soreness
    assert (soreness.muscles, soreness.level) == (muscles, level)


@pytest.mark.parametrize(
    ("text", "readiness"),
    [
        ("slept 6h", Readiness(sleep_hours=6.0)),
        ("slept 6h30", Readiness(sleep_hours=6.5)),
        ("slept 6,5h", Readiness(sleep_hours=6.5)),
        ("sleep 7.5", Readiness(sleep_hours=7.5)),
        ("8h sleep", Readiness(sleep_hours=8.0)),
        ("slept 7:30", Readiness(sleep_hours=7.5)),
        ("hrv 55", Readiness(hrv=55.0)),
        ("HRV 62 ms", Readiness(hrv=62.0)),
        ("rhr 52", Readiness(resting_hr=52)),
        ("resting hr 48 bpm", Readiness(resting_hr=48)),
        ("energy 2/5", Readiness(energy_1_5=2, readiness=25.0)),
        ("energy 8/10", Readiness(energy_1_5=4, readiness=75.0)),
        ("readiness 70", Readiness(readiness=70.0)),
        ("sleep score 82", Readiness(sleep_score=82.0)),
        ("slept 7h, hrv 60, energy 4/5", Readiness(sleep_hours=7.0, hrv=60.0, energy_1_5=4, readiness=75.0)),
    ],
)
def test_readiness(text: str, readiness: Readiness) -> None:
    found = recognize(text)
    assert found is not None and not found.errors
    assert found.readiness == readiness


@pytest.mark.parametrize(
    ("text", "activity", "seconds", "difficulty"),
    [
        ("tennis 90 min", EnjoyableActivity.TENNIS, 5400, None),
        ("played tennis for 1h", EnjoyableActivity.TENNIS, 3600, None),
        ("yoga 45min", EnjoyableActivity.YOGA, 2700, None),
        ("bjj 1.5h @8", EnjoyableActivity.MARTIAL_ARTS, 5400, 8),
        ("climbing 2h", EnjoyableActivity.BOULDERING, 7200, None),
        ("football 90 minutes", EnjoyableActivity.FOOTBALL, 5400, None),
        ("played soccer", EnjoyableActivity.FOOTBALL, None, None),
        ("golf 4h", EnjoyableActivity.OTHER, 14400, None),
    ],
)
def test_activities(
    text: str, activity: EnjoyableActivity, seconds: int | None, difficulty: int | None
) -> None:
    found = recognize(text)
    assert found is not None and not found.errors
    [item] = found.activities
    assert (item.activity, item.duration_seconds, item.perceived_difficulty) == (
        activity,
        seconds,
        difficulty,
    )


@pytest.mark.parametrize("text", ["sore legs 7", "energy 9", "slept 30h", "hrv 900", "rhr 5", "bjj 1h @14"])
def test_out_of_range_check_ins_ask_for_a_fix(text: str) -> None:
    found = recognize(text)
    assert found is not None and found.errors


@pytest.mark.parametrize(
    "text",
    [
        "bench 3x5 80",
        "hello",
        "tennis",
        "calves 3x15 40",
        "how sore are my legs?",
        "slept well and feel great",
        "",
    ],
)
def test_anything_else_is_not_a_check_in(text: str) -> None:
    assert recognize(text) is None


async def test_soreness_is_stored_per_muscle(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_quick_input(
        repos, await make_deps(repos), user, "legs 4/5, sore chest 2", day=MONDAY
    )
    assert outcome is not None and outcome.saved and outcome.kind == "soreness"
    rows = (await repos.session.scalars(select(SorenessLog).where(SorenessLog.user_id == user.id))).all()
    assert sorted((r.body_part, r.soreness_1_5) for r in rows) == [
        ("chest", 2),
        ("glutes", 4),
        ("hamstrings", 4),
        ("quadriceps", 4),
    ]
    assert all(r.date == MONDAY for r in rows)


async def test_readiness_builds_up_one_row_for_the_day(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    await record_quick_input(repos, deps, user, "slept 6h30", day=MONDAY)
    outcome = await record_quick_input(repos, deps, user, "hrv 55, energy 2/5", day=MONDAY)
    assert outcome is not None and outcome.kind == "readiness" and "energy 2/5" in outcome.text
    [row] = (
        await repos.session.scalars(select(RecoverySignal).where(RecoverySignal.user_id == user.id))
    ).all()
    assert (row.sleep_hours, row.hrv, row.readiness, row.source) == (6.5, 55.0, 25.0, RecoverySource.MANUAL)
    assert row.raw_payload_json == {"energy_1_5": 2}


async def test_an_activity_is_an_activity_instance(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos, hour=19)
    outcome = await record_quick_input(repos, deps, user, "tennis 90 min", day=MONDAY)
    assert outcome is not None and outcome.kind == "activity" and "1 h 30 min" in outcome.text
    [row] = (
        await repos.session.scalars(select(ActivityInstance).where(ActivityInstance.user_id == user.id))
    ).all()
    definition = await repos.session.get(ActivityDefinition, row.activity_definition_id)
    assert definition is not None and definition.name == "Tennis"
    assert row.source is ActivitySource.MANUAL and row.duration_seconds == 5400
    assert row.performed_end == deps.clock.now()
    assert row.performed_start == deps.clock.now() - dt.timedelta(minutes=90)


async def test_a_bad_check_in_saves_nothing(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_quick_input(repos, await make_deps(repos), user, "sore legs 7", day=MONDAY)
    assert outcome is not None and not outcome.saved and "1 to 5" in outcome.text
    assert (
        await repos.session.scalars(select(SorenessLog).where(SorenessLog.user_id == user.id))
    ).all() == []


async def test_other_messages_are_left_alone(repos: Repositories) -> None:
    user = await make_user(repos)
    assert await record_quick_input(repos, await make_deps(repos), user, "bench 3x5 80", day=MONDAY) is None
