"""``gainsly today``: the stored, adapted session as interfaces.md JSON; idempotent; exit 2 without a program."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.planning.service import create_program
from coach.profile import Profile
from db.models import RecoverySignal, WorkoutLog
from db.uow import unit_of_work
from gainsly.cli import main
from tests.coach.planning.support import MONDAY, PROFILE, library_heuristics, system_catalog

__all__ = ["system_catalog"]


@pytest.fixture(autouse=True)
def keep_test_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def lifter(
    committing_factory: async_sessionmaker[AsyncSession],
    system_catalog,
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
) -> AsyncIterator[str]:
    monkeypatch.setenv("GAINSLY_DATABASE_URL", database_url)
    handle = "cli-today"
    deps = CoachDeps(
        system_catalog, library_heuristics(), FixedClock(dt.datetime(2026, 12, 7, 7, tzinfo=dt.UTC))
    )
    async with unit_of_work(committing_factory) as repos:
        user = await repos.users.get_or_create_local(handle)
        program = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=4)
        repos.session.add(RecoverySignal(user_id=user.id, date=MONDAY, readiness=30, sleep_hours=4.0))
        tuesday = MONDAY + dt.timedelta(days=1)
        for session in await repos.programs.sessions(program.id, start=tuesday, end=tuesday):
            repos.session.add(WorkoutLog(user_id=user.id, session_id=session.id, date=session.date))
    yield handle
    async with unit_of_work(committing_factory) as repos:
        user = await repos.users.by_local_handle(handle)
        if user is not None:
            await repos.users.delete(user.id)


async def _today(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = await asyncio.to_thread(main, ["today", *args])
    captured = capsys.readouterr()
    return code, captured.out if code == 0 else captured.err


async def test_today_prints_and_stores_the_adapted_session(
    lifter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await _today(capsys, "--user", lifter, "--date", MONDAY.isoformat(), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["date"] == "2026-12-07" and result["adaptation"]["decision"] == "reduce"
    assert any("sleep" in r for r in result["adaptation"]["reasons"])
    session = result["session"]
    assert session["adaptation_json"]["decision"] == "reduce" and session["exercises"]
    before = {
        r["order_in_session"]: r["target_sets"] for r in session["adaptation_json"]["before"]["exercises"]
    }
    for e in session["exercises"]:
        if e["role"] in ("main", "accessory"):
            assert e["target_sets"] == max(1, before[e["order_in_session"]] - 1)
    assert "Decision: reduce" in session["coach_notes"]
    code, again = await _today(capsys, "--user", lifter, "--date", MONDAY.isoformat(), "--json")
    assert code == 0 and json.loads(again) == result


async def test_a_rest_day_after_one_missed_session_has_no_session(
    lifter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await _today(capsys, "--user", lifter, "--date", "2026-12-09", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["session"] is None and result["adaptation"]["decision"] == "rest"


async def test_unknown_user_or_bad_date_exits_2(lifter: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = await _today(capsys, "--user", "nobody-here", "--json")
    assert code == 2 and "no program yet" in err
    code, err = await _today(capsys, "--user", lifter, "--date", "07/12/2026")
    assert code == 2 and "--date" in err
