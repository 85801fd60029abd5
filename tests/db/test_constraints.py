"""CHECK, enum and key constraints reject bad rows, naming the rule that was broken."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

PROGRAM = {
    "start_date": "2026-12-07",
    "duration_weeks": 10,
    "goal_1": "STRENGTH",
    "goal_2": "HYPERTROPHY",
    "goal_3": "FAT_LOSS",
    "goal_weight_1": 5,
    "goal_weight_2": 3,
    "goal_weight_3": 2,
    "split_template": "UPPER_LOWER",
    "days_per_week": 4,
    "progression_style": "DOUBLE_PROGRESSION",
    "persona_tone": "ANALYTICAL",
    "persona_aggression": "BALANCED",
}


async def _insert(session: AsyncSession, table: str, values: dict[str, Any]) -> int:
    values = {k: dt.date.fromisoformat(v) if k.endswith("date") else v for k, v in values.items()}
    columns = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    result = await session.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({params}) RETURNING id"), values
    )
    return int(result.scalar_one())


async def _rejected(session: AsyncSession, table: str, values: dict[str, Any]) -> str:
    with pytest.raises(DBAPIError) as caught:
        async with session.begin_nested():
            await _insert(session, table, values)
    return str(caught.value.orig)


@pytest.fixture
async def user_id(session: AsyncSession) -> int:
    return await _insert(session, "users", {"name": "Constraint Tester"})


@pytest.fixture
async def program_id(session: AsyncSession, user_id: int) -> int:
    return await _insert(session, "programs", {"user_id": user_id, **PROGRAM})


@pytest.fixture
async def microcycle_id(session: AsyncSession, program_id: int) -> int:
    return await _insert(
        session,
        "microcycles",
        {"program_id": program_id, "start_date": "2026-12-07", "length_days": 7, "sequence_number": 1},
    )


async def test_a_valid_program_is_accepted_with_defaults(session: AsyncSession, program_id: int) -> None:
    row = (
        await session.execute(
            text("SELECT deload_every_n_microcycles, is_active, visibility FROM programs WHERE id = :id"),
            {"id": program_id},
        )
    ).one()
    assert tuple(row) == (4, True, "PRIVATE")


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"duration_weeks": 7}, "duration_weeks_range"),
        ({"duration_weeks": 13}, "duration_weeks_range"),
        ({"goal_weight_1": 6}, "goal_weights_sum_10"),
        ({"goal_weight_1": -1, "goal_weight_2": 9}, "goal_weights_non_negative"),
        ({"goal_1": "strength"}, "invalid input value for enum goal"),
        ({"split_template": "upper_lower"}, "invalid input value for enum splittemplate"),
        ({"persona_aggression": "3"}, "invalid input value for enum personaaggression"),
    ],
)
async def test_program_rules(session: AsyncSession, user_id: int, change: dict, constraint: str) -> None:
    message = await _rejected(session, "programs", {"user_id": user_id, **PROGRAM, **change})
    assert constraint in message


@pytest.mark.parametrize("length", [6, 11])
async def test_microcycle_length(session: AsyncSession, program_id: int, length: int) -> None:
    message = await _rejected(
        session,
        "microcycles",
        {"program_id": program_id, "start_date": "2026-12-07", "length_days": length, "sequence_number": 1},
    )
    assert "length_days_range" in message


@pytest.mark.parametrize(("day", "ok"), [(0, False), (1, True), (10, True), (11, False)])
async def test_session_day_number(session: AsyncSession, microcycle_id: int, day: int, ok: bool) -> None:
    values = {
        "microcycle_id": microcycle_id,
        "date": "2026-12-07",
        "day_number": day,
        "session_type": "UPPER",
    }
    if ok:
        assert await _insert(session, "sessions", values) > 0
    else:
        assert "day_number_range" in await _rejected(session, "sessions", values)


async def test_session_type_rejects_semantic_value(session: AsyncSession, microcycle_id: int) -> None:
    values = {"microcycle_id": microcycle_id, "date": "2026-12-07", "day_number": 1, "session_type": "upper"}
    assert "invalid input value for enum sessiontype" in await _rejected(session, "sessions", values)


@pytest.mark.parametrize(("soreness", "ok"), [(0, False), (1, True), (5, True), (6, False)])
async def test_soreness_scale(session: AsyncSession, user_id: int, soreness: int, ok: bool) -> None:
    values = {"user_id": user_id, "date": "2026-12-07", "body_part": "quads", "soreness_1_5": soreness}
    if ok:
        assert await _insert(session, "soreness_logs", values) > 0
    else:
        assert "soreness_range" in await _rejected(session, "soreness_logs", values)


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"sleep_score": 101}, "sleep_score_range"),
        ({"readiness": -1}, "readiness_range"),
        ({"sleep_hours": 25}, "sleep_hours_range"),
        ({"source": "manual"}, "invalid input value for enum recoverysource"),
    ],
)
async def test_recovery_signal_ranges(
    session: AsyncSession, user_id: int, change: dict, constraint: str
) -> None:
    values = {"user_id": user_id, "date": "2026-12-07", **change}
    assert constraint in await _rejected(session, "recovery_signals", values)


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"rpe": 5.5}, "rpe_range"),
        ({"rpe": 10.5}, "rpe_range"),
        ({"reps": -1}, "reps_non_negative"),
        ({"weight": -5}, "weight_non_negative"),
        ({"pattern": "squat"}, "invalid input value for enum movementpattern"),
    ],
)
async def test_top_set_ranges(session: AsyncSession, user_id: int, change: dict, constraint: str) -> None:
    log_id = await _insert(session, "workout_logs", {"user_id": user_id, "date": "2026-12-07"})
    movement_id = (await session.execute(text("SELECT id FROM movements LIMIT 1"))).scalar_one()
    values = {
        "workout_log_id": log_id,
        "movement_id": movement_id,
        "weight": 100,
        "reps": 5,
        "pattern": "SQUAT",
    }
    assert constraint in await _rejected(session, "top_set_logs", {**values, **change})


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"perceived_difficulty": 11}, "perceived_difficulty_range"),
        ({"enjoyment_rating": 6}, "enjoyment_rating"),
    ],
)
async def test_workout_ratings(session: AsyncSession, user_id: int, change: dict, constraint: str) -> None:
    values = {"user_id": user_id, "date": "2026-12-07", **change}
    assert constraint in await _rejected(session, "workout_logs", values)


async def test_one_active_program_per_user(session: AsyncSession, user_id: int, program_id: int) -> None:
    message = await _rejected(session, "programs", {"user_id": user_id, **PROGRAM})
    assert "uq_programs_one_active_per_user" in message


async def test_turn_numbers_unique_within_a_thread(session: AsyncSession, user_id: int) -> None:
    thread = await _insert(session, "conversation_threads", {"user_id": user_id, "context_type": "free_chat"})
    turn = {"thread_id": thread, "turn_number": 1, "role": "user", "content": "hi"}
    await _insert(session, "conversation_turns", turn)
    assert "uq_conversation_turns_thread_turn" in await _rejected(session, "conversation_turns", turn)
    bad_role = {**turn, "turn_number": 2, "role": "system"}
    assert "role_known" in await _rejected(session, "conversation_turns", bad_role)


async def test_reminder_sent_once_per_user_date_kind(session: AsyncSession, user_id: int) -> None:
    row = {"user_id": user_id, "local_date": "2026-12-07", "kind": "daily"}
    await _insert(session, "reminder_deliveries", row)
    assert "uq_reminder_deliveries_user_date_kind" in await _rejected(session, "reminder_deliveries", row)


async def test_only_one_active_heuristic_version(session: AsyncSession) -> None:
    name = "test_only_tunable"
    await session.execute(
        text("INSERT INTO heuristic_configs (name, version, json_blob, active) VALUES (:n, 1, '{}', true)"),
        {"n": name},
    )
    with pytest.raises(DBAPIError) as caught:
        async with session.begin_nested():
            await session.execute(
                text(
                    "INSERT INTO heuristic_configs (name, version, json_blob, active) VALUES (:n, 2, '{}', true)"
                ),
                {"n": name},
            )
    assert "uq_heuristic_configs_one_active" in str(caught.value.orig)


async def test_deleting_a_user_removes_their_data(
    session: AsyncSession, user_id: int, microcycle_id: int
) -> None:
    await _insert(
        session,
        "sessions",
        {"microcycle_id": microcycle_id, "date": "2026-12-07", "day_number": 1, "session_type": "UPPER"},
    )
    await _insert(
        session,
        "soreness_logs",
        {"user_id": user_id, "date": "2026-12-07", "body_part": "x", "soreness_1_5": 2},
    )
    await session.execute(text("DELETE FROM users WHERE id = :id"), {"id": user_id})
    for table in ("programs", "soreness_logs"):
        count = await session.execute(
            text(f"SELECT count(*) FROM {table} WHERE user_id = :id"), {"id": user_id}
        )
        assert count.scalar_one() == 0
    assert (
        await session.execute(text("SELECT count(*) FROM microcycles WHERE id = :id"), {"id": microcycle_id})
    ).scalar_one() == 0
