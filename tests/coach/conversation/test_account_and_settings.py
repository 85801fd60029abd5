"""/settings, /export and /deleteme."""

from __future__ import annotations

import datetime as dt
import json

from db.enums import E1RMFormula
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat, mark_onboarded


async def _user(chat: Chat):
    async with unit_of_work(chat.engine.session_factory) as repos:
        return await repos.users.by_local_handle(str(chat.key))


async def test_settings_switches_and_typed_values(chat: Chat) -> None:
    await mark_onboarded(chat)
    await chat.send("/settings")
    assert "Units: kg" in chat.text
    await chat.press("Units")
    assert "Units: lb" in chat.text and chat.last[0].edit
    await chat.press("e1RM formula")
    await chat.press("Brzycki")
    await chat.press("Timezone")
    await chat.send("Tokyo")
    await chat.send("/settings")
    await chat.press("Reminder time")
    await chat.send("6:45am")
    user = await _user(chat)
    assert user.settings.use_metric is False
    assert user.settings.active_e1rm_formula is E1RMFormula.BRZYCKI
    assert user.timezone == "Asia/Tokyo"
    assert user.settings.reminder_time == dt.time(6, 45) and user.settings.reminders_enabled


async def test_settings_reopen_a_profile_question(chat: Chat) -> None:
    await mark_onboarded(chat)
    await chat.send("/settings")
    await chat.press("Coach voice")
    await chat.press("Drill sergeant")
    assert "Coach voice: Drill sergeant" in chat.text
    await chat.send("/cancel")
    assert "Nothing to cancel" in chat.text  # the edit was finished, nothing pending


async def test_export_gives_all_my_data_and_nobody_elses(chat: Chat, conversation) -> None:
    await chat.send("bench 3x5 80")
    other = Chat(conversation, "someone-else")
    await other.send("squat 5x5 120")
    await chat.send("/export")
    replies = await chat.press("All my data")
    document = next(r.document for r in replies if r.document)
    assert document.filename.endswith(".json")
    data = json.loads(document.content)
    assert data["user"]["local_handle"] == "sam"
    assert len(data["top_set_logs"]) == 3
    assert {s["movement"] for s in data["top_set_logs"]} == {"Barbell Bench Press"}
    assert data["conversation_turns"]


async def test_export_offers_the_workout_log_as_a_strong_csv(chat: Chat) -> None:
    await chat.send("/export csv")
    assert "nothing to put in a CSV" in chat.text and not any(r.document for r in chat.last)
    await chat.send("bench 3x5 80")
    await chat.send("/export")
    replies = await chat.press("Workout log (Strong CSV)")
    document = next(r.document for r in replies if r.document)
    assert document.filename.endswith(".csv")
    header, *rows = document.content.decode().splitlines()
    assert header.startswith("Date,Workout Name") and len(rows) == 3
    assert all("Barbell Bench Press" in row for row in rows)


async def test_deleteme_needs_a_confirmation_then_removes_everything(chat: Chat) -> None:
    await chat.send("bench 3x5 80")
    await chat.send("/deleteme")
    await chat.press("No, keep")
    assert await _user(chat) is not None
    await chat.send("/deleteme")
    await chat.press("Yes, delete everything")
    assert "Everything is deleted" in chat.text
    assert await _user(chat) is None
    await chat.send("/start")  # a fresh start works
    assert "What should I call you" in chat.text


async def test_a_new_command_leaves_a_half_answered_setting_behind(chat: Chat) -> None:
    await mark_onboarded(chat)
    await chat.send("/settings")
    await chat.press("Timezone")
    await chat.send("/export")
    await chat.send("bench 3x5 80")  # a log, not a timezone
    assert "I don't know the timezone" not in chat.text
    assert (await _user(chat)).timezone == "UTC"
