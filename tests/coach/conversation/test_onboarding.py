"""Onboarding through buttons, typed answers, asides and changes of mind."""

from __future__ import annotations

import datetime as dt

from coach.conversation.incoming import Kind
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat, onboard


async def test_taps_alone_reach_the_summary(chat: Chat) -> None:
    await onboard(chat)
    assert "Here's what I've got" in chat.text
    assert "Strength 6" in chat.text and "Muscle size 4" in chat.text
    assert "Days per week: 4" in chat.text
    assert chat.button("Build my program")


async def test_weights_always_sum_to_ten(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    await chat.press("Advanced")
    for goal in ("Strength", "Endurance", "Fat loss"):
        await chat.press(goal)
    await chat.press("Next")
    assert "5" in chat.text
    for label in ("+ 🫀 Endurance", "+ 🫀 Endurance", "− 💪 Strength", "+ 🔥 Fat loss", "Focus", "Even"):
        replies = await chat.press(label)
        assert replies[0].edit
        numbers = [
            int(line.rsplit(" ", 1)[1]) for line in chat.text.splitlines() if "▰" in line or "▱" in line
        ]
        assert sum(numbers) == 10, chat.text


async def test_typed_answers_work_too(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Alex")
    await chat.send("intermediate")
    await chat.send("strength 6, muscle 3, fat loss 1")
    assert "How many days" in chat.text  # typed weights skip the sliders
    await chat.send("4 days")
    await chat.send("45")
    await chat.send("dumbbells, bands")
    assert "What's" not in chat.text and "movements" in chat.text.lower()
    await chat.send("squat")  # an alias: no need to pick among several
    await chat.press("Never")
    await chat.send("row")
    await chat.press("Seated Cable Row")
    await chat.press("Preferred")
    assert "Barbell Back Squat" in chat.text
    await chat.press("Done")
    await chat.send("tennis every week")
    await chat.press("Done")
    await chat.send("minimalist")
    await chat.send("4")
    await chat.send("Berlin")
    assert "Europe/Berlin" in chat.text
    await chat.send("7:30pm")
    assert "Here's what I've got" in chat.text
    for expected in (
        "Alex",
        "Strength 6",
        "45 min",
        "dumbbell",
        "Never Barbell Back Squat",
        "Preferred Seated Cable Row",
        "Tennis",
        "19:30",
    ):
        assert expected in chat.text


async def test_junk_mid_onboarding_gets_help_and_the_question_again(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    await chat.send("zzzz qqq")
    assert "doesn't answer" in chat.text
    assert "experience" in chat.text.lower()
    await chat.send_kind(Kind.STICKER)
    assert "sticker" in chat.text and "experience" in chat.text.lower()
    await chat.press("Beginner")
    assert "training for" in chat.text


async def test_old_buttons_do_not_skip_ahead(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    old = chat.button("Beginner")
    await chat.press("Advanced")
    await chat.press_data(old.data)
    assert "earlier question" in chat.text
    assert "training for" in chat.text


async def test_back_and_change_an_answer(chat: Chat) -> None:
    await onboard(chat)
    await chat.press("Change an answer")
    await chat.press("Days per week")
    await chat.press("3")
    assert "Here's what I've got" in chat.text and "Days per week: 3" in chat.text


async def test_cancel_leaves_cleanly_and_start_begins_again(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    await chat.send("/cancel")
    assert "stopped the setup" in chat.text
    await chat.send("/start")
    assert "What should I call you" in chat.text


async def test_state_survives_a_new_engine(chat: Chat, conversation) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    other = Chat(type(conversation)(conversation.session_factory, conversation.deps), "sam")
    await other.send("/start")
    assert "pick up where we left off" in other.text and "experienced" in other.text


async def test_onboarding_ends_with_a_saved_program_and_its_overview(chat: Chat) -> None:
    await onboard(chat)
    await chat.press("Build my program")
    assert "Your program" in chat.text or "weeks" in chat.text
    assert "Split:" in chat.text and "4 days a week" in chat.text
    assert chat.button("Today's session")
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle("sam")
        assert user is not None and user.onboarded_at is not None
        assert user.timezone == "UTC" and user.settings.reminder_time == dt.time(7, 0)
        program = await repos.programs.active(user.id)
        assert program is not None and program.days_per_week == 4
        state = await repos.chat.state_of(user.id)
        assert state.flow is None
    await chat.send("/start")
    assert "/today" in chat.text


async def test_a_question_mid_onboarding_goes_to_the_coach_then_the_step_again(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    replies = await chat.send("what is RPE?")
    assert len(replies) >= 2 and "How experienced" in replies[-1].text  # the coach answers, then the step
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle("sam")
        thread = await repos.conversation.active_thread(user.id, "onboarding")
        turns = await repos.conversation.recent_turns(thread.id)
        assert turns[-2].content == "what is RPE?"
        assert turns[-1].structured_response_json["source"] in ("offline", "llm")
        assert (await repos.chat.state_of(user.id)).step == "exp"


async def test_answers_that_cannot_become_a_program_offer_a_change(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    await chat.press("Beginner")
    await chat.press("Strength")
    await chat.press("Next")
    await chat.press("3")
    await chat.press("45 min")
    await chat.press("Bodyweight only")
    await chat.press("Done")
    await chat.send("barbell back squat")
    await chat.press("Must have")
    await chat.press("Done")
    for label in ("Skip", "Minimalist", "2 ·", "UTC", "No reminders"):
        await chat.press(label)
    await chat.press("Build my program")
    assert "can't build a program" in chat.text and "barbell" in chat.text.lower()
    await chat.press("Equipment")
    await chat.press("Gym")
    await chat.press("Done")
    await chat.press("Build my program")
    assert "Split:" in chat.text


async def test_a_log_typed_at_the_name_question_is_logged_not_taken_as_a_name(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("bench 3x5 80")
    assert "What should I call you" in chat.last[-1].text
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle("sam")
        assert (await repos.chat.state_of(user.id)).step == "name"
