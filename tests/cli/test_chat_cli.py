"""``gainsly chat``: the same conversation in a terminal, piped or typed, buttons as numbers."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coach.deps import CoachDeps
from db.library import default_library
from db.uow import unit_of_work
from gainsly.app import App
from gainsly.commands.chat import SETTING_UP, converse, quiet_logs, setup_notice
from gainsly.settings import Settings
from tests.coach.conversation.fixtures import base_deps  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(
    tmp_path: Path,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    base_deps: CoachDeps,  # noqa: F811  (the imported fixture)
    database_url: str,
) -> App:
    return App(
        settings=Settings(data_dir=tmp_path, database_url=database_url),
        database_url=database_url,
        engine=engine,
        session_factory=session_factory,
        library=default_library(),
        heuristics=dict(base_deps.heuristics),
        deps=base_deps,
    )


async def transcript(app: App, *lines: str, user: str = "terminal-sam") -> str:
    out = io.StringIO()
    await converse(app, user, io.StringIO("".join(f"{line}\n" for line in lines)), out, interactive=False)
    return out.getvalue()


async def test_numbers_and_labels_pick_choices(app: App) -> None:
    out = await transcript(
        app, "/start", "Sam", "2", "strength", "Muscle size", "next", "+ muscle size", "Looks right"
    )
    assert "[1] 🌱 Beginner" in out
    assert "✓ Experience: 📈 Intermediate" in out
    assert "✓ Goal weights: 💪 Strength 5, 🧱 Muscle size 5" in out
    assert "How many days a week" in out


async def test_junk_and_unknown_commands_get_friendly_answers(app: App) -> None:
    out = await transcript(app, "/start", "x" * 5000, "/frobnicate", "", "   ")
    assert "5000 characters" in out
    assert "I don't know /frobnicate" in out
    assert "Traceback" not in out


async def test_piped_input_exits_zero_and_remembers_the_conversation(
    database_url: str, committing_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    env = {**os.environ, "GAINSLY_DATABASE_URL": database_url, "GAINSLY_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "gainsly", "chat", "--user", "cli-pipe"]
    try:
        first = subprocess.run(
            command, input="/start\nRobin\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        assert first.returncode == 0, first.stderr
        assert "What should I call you" in first.stdout and "How experienced" in first.stdout
        assert "INFO" not in first.stderr  # no server log lines in a conversation
        again = subprocess.run(
            command, input="/start\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        assert again.returncode == 0, again.stderr
        assert "pick up where we left off" in again.stdout
    finally:
        async with unit_of_work(committing_factory) as repos:
            user = await repos.users.by_local_handle("cli-pipe")
            if user is not None:
                await repos.users.delete(user.id)


async def test_the_whole_journey_in_a_terminal(app: App) -> None:
    out = await transcript(
        app,
        "/start", "Sam", "intermediate", "Strength", "Muscle size", "next", "looks right", "4", "60 min",
        "gym", "done", "skip", "skip", "analytical", "3", "utc", "07:00", "build my program",
        "/today", "bench 3x5 80 @8", "/undo", "/week",
    )  # fmt: skip
    assert "Split:" in out and "4 days a week" in out
    assert "Barbell Bench Press" in out
    assert "⏱ Rest" in out
    assert "Traceback" not in out


async def test_files_and_charts_are_saved_to_the_data_folder(app: App, tmp_path: Path) -> None:
    out = await transcript(app, "bench 3x5 80", "/export", "1", "/export", "Workout log")
    assert "[1] 🗂 All my data (JSON)" in out and "[file saved to" in out
    saved = list((tmp_path / "chat-files").glob("gainsly-export-*.json"))
    assert len(saved) == 1 and b"Barbell Bench Press" in saved[0].read_bytes()
    csv = list((tmp_path / "chat-files").glob("gainsly-export-*.csv"))
    assert len(csv) == 1 and b"Barbell Bench Press" in csv[0].read_bytes()


async def test_a_number_typed_in_a_new_run_picks_from_the_choices_shown_last(app: App) -> None:
    first = await transcript(app, "/start", "Sam", user="two-runs")
    assert "[2] 📈 Intermediate" in first
    again = await transcript(app, "2", user="two-runs")  # a fresh terminal: nothing in its memory
    assert "✓ Experience: 📈 Intermediate" in again


def test_first_run_gets_one_friendly_line_and_no_log_chatter(tmp_path: Path) -> None:
    embedded = Settings(data_dir=tmp_path, database_url=None)
    assert setup_notice(embedded) == SETTING_UP
    (tmp_path / "postgres").mkdir()
    assert setup_notice(embedded) is None
    assert setup_notice(Settings(data_dir=tmp_path / "new", database_url="postgresql://x@h/db")) is None
    root = logging.getLogger()
    before = root.level
    try:
        root.setLevel(logging.INFO)
        quiet_logs(Settings(data_dir=tmp_path))
        assert root.level == logging.WARNING
        root.setLevel(logging.INFO)
        quiet_logs(Settings(data_dir=tmp_path, log_level="INFO"))  # asked for explicitly: kept
        assert root.level == logging.INFO
    finally:
        root.setLevel(before)
