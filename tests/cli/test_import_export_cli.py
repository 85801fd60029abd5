"""``gainsly import`` and ``gainsly export`` against the test database (real commits, cleaned up)."""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import create_engine, create_session_factory
from db.uow import unit_of_work
from gainsly.cli import main

STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),1,80,5,0,0,,,8
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),2,80,5,0,0,,,8
2026-11-02 18:00:00,Push Day,1h 5m,Landmine Squeeze,1,20,12,0,0,,,
2026-11-04 07:30:00,Run,25m,Running,1,0,0,5,1530,,,
"""


async def _delete(database_url: str, handle: str) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with unit_of_work(create_session_factory(engine)) as repos:
            user = await repos.users.by_local_handle(handle)
            if user is not None:
                await repos.users.delete(user.id)
    finally:
        await engine.dispose()


@pytest.fixture
def handle(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setenv("GAINSLY_DATABASE_URL", database_url)
    monkeypatch.setenv("GAINSLY_DATA_DIR", str(tmp_path))
    name = f"cli-{uuid.uuid4().hex[:8]}"
    yield name
    asyncio.run(_delete(database_url, name))


def test_import_then_export(handle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "strong.csv"
    source.write_text(STRONG)
    assert main(["import", str(source), "--user", handle]) == 0
    report = capsys.readouterr().out
    assert "Imported 2 workouts (3 sets)" in report and "Landmine Squeeze (1 sets)" in report
    assert main(["import", str(source), "--user", handle]) == 0
    again = capsys.readouterr().out
    assert "Imported 0 workouts" in again and "2 workouts already imported" in again

    assert main(["export", "--user", handle]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["Date", "Workout Name", "Duration", "Exercise Name"]
    assert [r[3] for r in rows[1:]] == ["Barbell Bench Press", "Barbell Bench Press", "Running"]
    assert rows[1][1] == "Push Day" and rows[1][2] == "1h 5m"

    target = tmp_path / "out.csv"
    assert main(["export", "--user", handle, "--output", str(target)]) == 0
    assert target.read_text().splitlines()[0].startswith("Date,Workout Name")
    assert "wrote 2 workouts (3 sets)" in capsys.readouterr().err


def test_missing_file_and_unknown_user_are_bad_input(
    handle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope.csv"), "--user", handle]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["export", "--user", handle]) == 2
    assert "no local user" in capsys.readouterr().err


def test_a_file_that_is_not_an_export_is_bad_input(
    handle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b,c\n1,2,3\n")
    assert main(["import", str(junk), "--user", handle]) == 2
    assert "Strong and Hevy" in capsys.readouterr().err
