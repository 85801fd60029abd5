"""Countdowns in Telegram: looked at together, recorded for any process, ended once."""

from __future__ import annotations

from sqlalchemy import func, select, update

from db.models import RestTimer
from db.uow import unit_of_work
from tests.bot.conftest import Harness, eventually, say


async def _message_ids(harness: Harness, chat: int) -> list[int | None]:
    async with unit_of_work(harness.factory) as repos:
        rows = await repos.session.scalars(select(RestTimer.message_id).where(RestTimer.chat_id == chat))
        return list(rows.all())


async def test_a_countdown_message_is_recorded_at_once_though_its_first_edit_is_far_off(
    harness: Harness,
) -> None:
    """So after a restart any process can close it, however busy this one's countdowns are."""
    telegram = harness.telegram
    await harness.start(bot_options={"timer_edit_every": 30.0, "timer_sweep_every": 30.0})
    lifters = [harness.new_user() for _ in range(3)]
    for lifter in lifters:
        telegram.message(lifter, "bench 3x5 80 @8")
    for lifter in lifters:
        await telegram.wait_sent(lifter, 2)

    async def recorded() -> bool:
        ids = [i for lifter in lifters for i in await _message_ids(harness, lifter)]
        return len(ids) == 3 and None not in ids

    await eventually(recorded, timeout=5)
    countdowns = {s.message_id for s in telegram.sent if s.text.startswith("⏱")}
    assert {i for lifter in lifters for i in await _message_ids(harness, lifter)} <= countdowns
    assert not any(s.method == "editMessageText" for s in telegram.sent)  # the first edit waits its turn


async def test_the_end_of_a_rest_is_caught_by_the_countdowns_own_look(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start(bot_options={"timer_edit_every": 0.3, "timer_sweep_every": 60.0})
    lifter = harness.new_user()
    await say(telegram, lifter, "bench 3x5 80 @8", replies=2)
    async with unit_of_work(harness.factory) as repos:
        await repos.session.execute(
            update(RestTimer).where(RestTimer.chat_id == lifter).values(ends_at=func.now())
        )
    await telegram.wait_for(lambda: any(t.startswith("⏰") for t in telegram.texts(lifter)), timeout=5)
    closed = [s for s in telegram.to(lifter) if s.method == "editMessageText" and "Rest done" in s.text]
    assert len(closed) == 1
