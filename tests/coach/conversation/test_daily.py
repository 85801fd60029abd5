"""Daily use after onboarding: /today and its buttons, /week, /program, /progress, /rules, /goals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.models import TopSetLog, WorkoutLog
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat, onboard


@pytest.fixture
async def lifter(chat: Chat) -> Chat:
    await onboard(chat, days="6")
    await chat.press("Build my program")
    return chat


async def _logged_sets(chat: Chat) -> int:
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle(str(chat.key))
        return int(
            await repos.session.scalar(
                select(func.count())
                .select_from(TopSetLog)
                .join(WorkoutLog)
                .where(WorkoutLog.user_id == user.id)
            )
            or 0
        )


async def _first_training_day(chat: Chat) -> None:
    """Move the clock to the first day with a session, so /today has one to show."""
    for _ in range(7):
        await chat.send("/today")
        if any(b.label.startswith("✅") for r in chat.last for row in r.buttons for b in row):
            return
        chat.engine.deps.clock.advance(dt.timedelta(days=1))
    raise AssertionError("no training day in the first week")


async def test_today_shows_the_session_with_its_buttons(lifter: Chat) -> None:
    await _first_training_day(lifter)
    text = lifter.text
    assert "Warm-up" in text or "Main" in text or "×" in text
    for label in ("Done as planned", "Swap an exercise", "Too sore", "Low energy", "Move it", "Rest today"):
        assert lifter.button(label)


async def test_done_as_planned_logs_the_session_once(lifter: Chat) -> None:
    await _first_training_day(lifter)
    done = lifter.button("Done as planned")
    await lifter.press("Done as planned")
    sets = await _logged_sets(lifter)
    assert sets > 0
    await lifter.press_data(done.data)
    assert await _logged_sets(lifter) == sets


async def test_swap_an_exercise(lifter: Chat) -> None:
    await _first_training_day(lifter)
    await lifter.press("Swap an exercise")
    first = lifter.last[0].buttons[0][0]
    await lifter.press(first.label)
    assert "Swap it for" in lifter.text
    replacement = lifter.last[0].buttons[0][0].label
    await lifter.press(replacement)
    assert f"Swapped in {replacement}" in lifter.text
    assert replacement in lifter.text


async def test_too_sore_makes_today_easier(lifter: Chat) -> None:
    await _first_training_day(lifter)
    await lifter.press("Too sore")
    assert lifter.last[0].edit
    assert "easy" in lifter.text.lower() or "lighter" in lifter.text.lower()


async def test_an_old_adjust_button_does_not_touch_another_day(lifter: Chat) -> None:
    await _first_training_day(lifter)
    old = lifter.button("Rest today")
    lifter.engine.deps.clock.advance(dt.timedelta(days=1))
    await lifter.press_data(old.data)
    assert "That button was for" in lifter.text


async def test_week_program_progress_history(lifter: Chat) -> None:
    await lifter.send("/week")
    assert len(lifter.text.splitlines()) >= 3
    await lifter.send("/program")
    assert "Split:" in lifter.text and lifter.button("New variation")
    await lifter.send("bench 3x5 80 @8")
    replies = await lifter.send("/progress")
    assert replies[0].text
    await lifter.send("/history")
    assert "Bench" in lifter.text


async def test_regenerate_and_change_days(lifter: Chat) -> None:
    await lifter.send("/program")
    await lifter.press("New variation")
    await lifter.press("Yes, rebuild")
    assert "Split:" in lifter.text
    await lifter.send("/program")
    await lifter.press("Change days")
    await lifter.press("3")
    assert "Rebuild" in lifter.text
    await lifter.press("Rebuild my program")
    async with unit_of_work(lifter.engine.session_factory) as repos:
        user = await repos.users.by_local_handle("sam")
        assert (await repos.programs.active(user.id)).days_per_week == 3


async def test_rules_add_and_remove(lifter: Chat) -> None:
    await lifter.send("/rules")
    await lifter.press("Add a rule")
    await lifter.send("deadlift")  # what lifters call the Conventional Deadlift
    await lifter.press("Never")
    assert "Conventional Deadlift" in lifter.text
    await lifter.press("✕ Conventional Deadlift")
    assert "No movement rules yet" in lifter.text or "Conventional Deadlift" not in lifter.last[-1].text


async def test_goals_set_and_check_in(lifter: Chat) -> None:
    await lifter.send("/goals")
    await lifter.press("New goal")
    await lifter.press("Body weight")
    await lifter.send("75 from 82")
    await lifter.send("/goals")
    assert "75" in lifter.text
    await lifter.press("Check in")
    await lifter.send("80.5")
    await lifter.send("/goals")
    assert "80.5" in lifter.text
