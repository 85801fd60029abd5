"""Whole journeys through the real bot and the fake Bot API: onboarding to a program, daily use."""

from __future__ import annotations

import json

from sqlalchemy import func, select, update

from db.models import RestTimer, TopSetLog, WorkoutLog
from db.uow import unit_of_work
from tests.bot.conftest import Harness, eventually, say, tap

STRONG_CSV = b"""Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),1,80,5,0,0,,,8
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),2,80,5,0,0,,,8.5
"""


async def _sets(harness: Harness, user: int) -> int:
    async with unit_of_work(harness.factory) as repos:
        row = await repos.users.by_telegram_id(user)
        assert row is not None
        return int(
            await repos.session.scalar(
                select(func.count())
                .select_from(TopSetLog)
                .join(WorkoutLog)
                .where(WorkoutLog.user_id == row.id)
            )
            or 0
        )


async def test_onboarding_by_buttons_to_a_saved_program_then_today_and_a_log(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start(bot_options={"timer_edit_every": 0.2, "timer_sweep_every": 0.2})
    user = harness.new_user()
    await say(telegram, user, "/start", replies=2)
    for label in (
        "Call me Sam",
        "Intermediate",
        "Strength",
        "Muscle size",
        "Next",
        "Looks right",
        "5",
        "60 min",
        "Gym",
        "Done",
        "Skip",
        "Skip",
        "Supportive",
        "3 ·",
        "UTC",
        "07:00",
        "Build my program",
    ):
        await tap(telegram, user, label)  # fmt: skip
    await telegram.wait_for(lambda: any("Split:" in t for t in telegram.texts(user)))
    async with unit_of_work(harness.factory) as repos:
        row = await repos.users.by_telegram_id(user)
        assert row is not None and row.onboarded_at is not None
        assert (await repos.programs.active(row.id)).days_per_week == 5

    answer = await say(telegram, user, "/today")
    assert answer[0].text

    logged = await say(telegram, user, "bench 3x5 80 @8", replies=2)
    assert await _sets(harness, user) == 3
    countdown = next(s for s in logged if s.text.startswith("⏱"))
    assert {b["text"] for b in countdown.buttons} >= {"−15 s", "+15 s", "+30 s", "⏹ Stop"}
    # the countdown message is edited as it counts down
    await telegram.wait_for(
        lambda: any(
            s.method == "editMessageText" and s.message_id == countdown.message_id for s in telegram.sent
        )
    )
    answered = len(telegram.callback_answers)
    telegram.press(user, countdown, "+30 s")
    await telegram.wait_for(lambda: len(telegram.callback_answers) > answered)
    # rest is over (as if the time had passed): one ping, however many processes look
    async with unit_of_work(harness.factory) as repos:
        await repos.session.execute(
            update(RestTimer).where(RestTimer.chat_id == user).values(ends_at=func.now())
        )
    await telegram.wait_for(lambda: any(t.startswith("⏰") for t in telegram.texts(user)))
    await say(telegram, user, "/help")
    assert sum(t.startswith("⏰") for t in telegram.texts(user)) == 1


async def test_a_csv_export_from_another_app_is_imported(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    telegram.document(user, "strong.csv", STRONG_CSV)
    await telegram.wait_sent(user, 1)
    assert await _sets(harness, user) == 2
    telegram.document(user, "notes.pdf", b"%PDF-1.4")
    sent = await telegram.wait_sent(user, 2)
    assert "CSV" in sent[1].text


async def test_export_arrives_as_a_json_or_a_csv_document(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    await say(telegram, user, "squat 5x5 100", replies=2)
    assert "CSV" in next(c["description"] for c in telegram.commands if c["command"] == "export")
    await say(telegram, user, "/export")
    await tap(telegram, user, "All my data")
    document = next(s for s in telegram.to(user) if s.method == "sendDocument")
    data = json.loads(document.params["document"]["content"])
    assert data["user"]["telegram_user_id"] == user and len(data["top_set_logs"]) == 5
    await tap(telegram, user, "Workout log")
    csv = [s for s in telegram.to(user) if s.method == "sendDocument"][-1]
    assert csv.params["document"]["filename"].endswith(".csv")
    lines = csv.params["document"]["content"].decode().splitlines()
    assert lines[0].startswith("Date,Workout Name") and len(lines) == 6


async def test_the_coachs_chart_arrives_as_a_photo_with_its_answer(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    await say(telegram, user, "bench 3x5 80 @8", replies=2)
    await say(telegram, user, "bench 3x5 85 @8", replies=2)
    async with unit_of_work(harness.factory) as repos:
        lifter = await repos.users.by_telegram_id(user)
        assert lifter is not None
        lifter.onboarded_at = lifter.created_at
    telegram.message(user, "how is my progress?")
    await telegram.wait_for(lambda: any(s.method == "sendPhoto" for s in telegram.to(user)))
    photo = next(s for s in telegram.to(user) if s.method == "sendPhoto")
    assert photo.params["photo"]["size"] > 1000 and photo.text


async def test_deleteme_removes_the_lifter(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    await say(telegram, user, "squat 5x5 100", replies=2)
    await say(telegram, user, "/deleteme")
    await tap(telegram, user, "Yes, delete everything")

    async def gone() -> bool:
        async with unit_of_work(harness.factory) as repos:
            return await repos.users.by_telegram_id(user) is None

    await eventually(gone)
