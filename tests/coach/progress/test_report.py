"""/progress and /history from a real log: words, numbers in the lifter's unit, and a PNG."""

from __future__ import annotations

import datetime as dt

from coach.logbook.service import complete_planned, record_log
from coach.progress import history_text, report
from db.enums import PersonaTone
from db.repositories import Repositories
from tests.coach.logbook.builders import MONDAY, Planned, make_deps, make_program, make_user

PNG = b"\x89PNG\r\n\x1a\n"


async def test_a_new_lifter_is_invited_to_log(repos: Repositories) -> None:
    user = await make_user(repos, tone=PersonaTone.MINIMALIST)
    result = await report(repos, await make_deps(repos), user, day=MONDAY)
    assert result.chart_png is None and "squat 5x5 60" in result.text


async def test_report_shows_trends_psi_volume_streak_and_adherence(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(
        repos,
        user,
        start=MONDAY,
        weeks=3,
        days={
            0: [Planned("Barbell Back Squat", 4), Planned("Barbell Bench Press", 3)],
            3: [Planned("Pull-Up", 3)],
        },
    )
    deps = await make_deps(repos)
    for week, (squat, bench) in enumerate([(100, 80), (105, 82.5), (110, 85)]):
        monday = MONDAY + dt.timedelta(weeks=week)
        await record_log(repos, deps, user, f"squat 4x5 {squat} @8\nbench 3x5 {bench} @8", day=monday)
    last_monday = MONDAY + dt.timedelta(weeks=2)
    result = await report(repos, deps, user, day=last_monday + dt.timedelta(days=4))
    text = result.text
    assert "Barbell Back Squat: 123.3 kg → 135.7 kg (+10.1%)" in text  # Epley with 7 effective reps
    assert "Pattern Strength Index" in text and "squat: 110" in text
    assert "chest: 3 / 3 ✓" in text  # this week's bench sets against the plan
    assert "lats: 0 / 3" in text  # Thursday's pull-ups are not done
    assert "3 weeks in a row" in text
    assert "3 of 6 planned sessions" in text  # three Thursdays missed
    assert result.chart_png is not None and result.chart_png.startswith(PNG)


async def test_pounds_everywhere_for_pound_users(repos: Repositories) -> None:
    user = await make_user(repos, metric=False)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "bench 3x5 185", day=MONDAY)
    await record_log(repos, deps, user, "bench 3x5 195", day=MONDAY + dt.timedelta(days=3))
    result = await report(repos, deps, user, day=MONDAY + dt.timedelta(days=3))
    assert "lb" in result.text and " kg" not in result.text
    history = await history_text(repos, deps, user, day=MONDAY + dt.timedelta(days=3))
    assert "3×5 @ 195 lb" in history and " kg" not in history


async def test_without_a_program_volume_is_compared_with_the_landmarks(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    deps = type(deps)(
        catalog=deps.catalog,
        heuristics={
            "volume_landmarks": {"secondary_credit": 0.5, "muscles": {"chest": {"mev": 5, "mav": [6, 16]}}}
        },
        clock=deps.clock,
    )
    await record_log(repos, deps, user, "bench 3x5 80", day=MONDAY)
    result = await report(repos, deps, user, day=MONDAY)
    assert "chest: 3 (MEV 5, MAV 6–16)" in result.text
    assert "horizontal push: 100" in result.text  # PSI from the sets themselves


async def test_history_lists_recent_workouts_newest_first(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "ran 5k in 25:30", day=MONDAY - dt.timedelta(days=2))
    await record_log(repos, deps, user, "squat 5x5 100\nfelt strong", day=MONDAY)
    text = await history_text(repos, deps, user, day=MONDAY)
    assert text.index("Mon 07 Dec 2026 · planned session") < text.index("Sat 05 Dec 2026")
    assert "Barbell Back Squat 5×5 @ 100 kg · e1RM 116.7 kg" in text
    assert "Running 5 km in 25:30 (5:06/km)" in text
    assert "📝 felt strong" in text


async def test_history_of_one_lift(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user, days={0: [Planned("Barbell Back Squat", 3)]})
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "squat 5x5 100\nbench 3x5 80", day=MONDAY)
    [session] = await repos.logs.planned_sessions_on(user.id, MONDAY + dt.timedelta(weeks=1))
    await complete_planned(repos, deps, user, session.id, as_planned=True)
    text = await history_text(repos, deps, user, day=MONDAY + dt.timedelta(weeks=1), movement="squats")
    assert text.startswith("🗒 Barbell Back Squat — last 2 sessions")
    assert "Bench" not in text and "done by button" in text
    assert "don't know" in await history_text(repos, deps, user, day=MONDAY, movement="zzyzx")
    none = await history_text(repos, deps, user, day=MONDAY, movement="deadlift")
    assert "Conventional Deadlift" in none


async def test_history_never_shows_another_lifters_workouts(repos: Repositories) -> None:
    alice = await make_user(repos, "alice")
    bob = await make_user(repos, "bob", tone=PersonaTone.MINIMALIST)
    deps = await make_deps(repos)
    await record_log(repos, deps, alice, "squat 5x5 100", day=MONDAY)
    assert await history_text(repos, deps, bob, day=MONDAY) == "No workouts yet."
