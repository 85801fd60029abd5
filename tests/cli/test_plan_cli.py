"""``gainsly plan``: the interfaces.md JSON, exit 2 on bad profiles, and --save as the bot stores."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import unit_of_work
from gainsly.cli import main
from tests.coach.planning.support import PROFILE

EXERCISE_KEYS = {
    "movement", "pattern", "primary_muscle", "secondary_muscles", "equipment_tags", "cns_load", "role",
    "order_in_session", "superset_group", "target_sets", "target_rep_range_min", "target_rep_range_max",
    "target_rpe", "target_rir", "target_duration_seconds", "default_rest_seconds", "notes",
}  # fmt: skip
SECTIONS = ("warmup_json", "main_json", "accessory_json", "finisher_json", "cooldown_json")


@pytest.fixture(autouse=True)
def keep_test_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _profile(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_plan_json_has_the_interface_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--profile", _profile(tmp_path, PROFILE), "--json"]) == 0
    program = json.loads(capsys.readouterr().out)["program"]
    assert program["split_template"] == "upper_lower" and program["progression_style"] == "double_progression"
    assert program["goal_1"] == "strength" and program["persona_aggression"] == 3
    assert program["start_date"] == "2026-12-07" and program["duration_weeks"] == 10
    assert len(program["microcycles"]) == 10 and program["microcycles"][3]["is_deload"]
    lifting = [s for m in program["microcycles"] for s in m["sessions"] if s["exercises"]]
    assert len(lifting) == 40
    for session in lifting:
        assert all(set(e) >= EXERCISE_KEYS for e in session["exercises"])
        assert [e for key in SECTIONS for e in session[key]] == session["exercises"]
        assert session["estimated_duration_minutes"] <= 60
    names = {e["movement"] for s in lifting for e in s["exercises"]}
    assert "Barbell Back Squat" not in names and "Romanian Deadlift" in names


def test_same_profile_gives_the_same_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile(tmp_path, PROFILE)
    main(["plan", "--profile", path, "--json"])
    first = capsys.readouterr().out
    main(["plan", "--profile", path, "--json"])
    assert capsys.readouterr().out == first
    main(["plan", "--profile", path, "--json", "--seed", "99"])
    assert capsys.readouterr().out != first


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"goals": [{"goal": "strength", "weight": 6}, {"goal": "hypertrophy", "weight": 3}]}, "sum to 10"),
        ({"experience_level": "beginner", "days_per_week": 7, "session_minutes": 120}, "days_per_week"),
        ({"movement_rules": [{"movement": "Barbel Bak Squat", "rule": "hard_no"}]}, "Barbell Back Squat"),
        (
            {
                "equipment": ["bodyweight"],
                "movement_rules": [{"movement": "Barbell Row", "rule": "hard_yes"}],
            },
            "barbell",
        ),
        ({"persona_tone": "grumpy"}, "persona_tone"),
    ],
)
def test_bad_profiles_exit_2_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, Any], named: str
) -> None:
    assert main(["plan", "--profile", _profile(tmp_path, {**PROFILE, **change}), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and named in captured.err


def test_unreadable_profile_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.json").write_text("{ not json")
    assert main(["plan", "--profile", str(tmp_path / "broken.json")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["plan", "--profile", str(tmp_path / "missing.json")]) == 2


@pytest.fixture
async def cleanup(committing_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[list[str]]:
    handles: list[str] = []
    yield handles
    async with unit_of_work(committing_factory) as repos:
        for handle in handles:
            user = await repos.users.by_local_handle(handle)
            if user is not None:
                await repos.users.delete(user.id)


async def test_save_stores_the_program_for_a_local_user(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    committing_factory: async_sessionmaker[AsyncSession],
    cleanup: list[str],
) -> None:
    monkeypatch.setenv("GAINSLY_DATABASE_URL", database_url)
    cleanup.append("cli-planner")
    path = _profile(tmp_path, PROFILE)
    args = ["plan", "--profile", path, "--json", "--save", "--user", "cli-planner"]
    assert await asyncio.to_thread(main, args) == 0
    stored = json.loads(capsys.readouterr().out)["program"]
    assert stored["id"] and stored["is_active"] and len(stored["microcycles"]) == 10
    assert await asyncio.to_thread(main, ["plan", "--profile", path, "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)["program"]
    first = stored["microcycles"][0]["sessions"][0]["exercises"]
    assert [e["movement"] for e in first] == [
        e["movement"] for e in preview["microcycles"][0]["sessions"][0]["exercises"]
    ]
    async with unit_of_work(committing_factory) as repos:
        user = await repos.users.by_local_handle("cli-planner")
        assert user is not None and (await repos.programs.active(user.id)).id == stored["id"]
    assert await asyncio.to_thread(main, ["plan", "--profile", path, "--save"]) == 2
