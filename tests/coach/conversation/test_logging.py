"""Quick logs from the chat: any time, with undo, questions for unclear names, and the rest timer."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import TopSetLog, WorkoutLog
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat


async def _sets(chat: Chat) -> int:
    async with unit_of_work(chat.engine.session_factory) as repos:
        user = await repos.users.by_local_handle(str(chat.key))
        assert user is not None
        return int(
            await repos.session.scalar(
                select(func.count())
                .select_from(TopSetLog)
                .join(WorkoutLog)
                .where(WorkoutLog.user_id == user.id)
            )
            or 0
        )


async def test_a_bare_log_is_stored_even_before_onboarding(chat: Chat) -> None:
    replies = await chat.send("bench 3x5 80 @8")
    assert await _sets(chat) == 3
    assert "/start" in chat.text
    timer = next(r.timer for r in replies if r.timer)
    assert timer.seconds > 0 and timer.label == "Barbell Bench Press"
    assert chat.button("Undo")


async def test_log_mid_onboarding_then_the_question_again(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("Sam")
    await chat.send("squat 5x5 100")
    assert await _sets(chat) == 5
    assert "How experienced" in chat.text


async def test_undo_button_removes_that_log(chat: Chat) -> None:
    await chat.send("/log deadlift 1x5 140")
    await chat.send("bench 3x5 80")
    assert await _sets(chat) == 4
    await chat.press("Undo")
    assert await _sets(chat) == 1
    await chat.send("/undo")
    assert await _sets(chat) == 0


async def test_log_command_alone_waits_for_the_sets(chat: Chat) -> None:
    await chat.send("/log")
    assert "bench 3x5 80 @8" in chat.text
    await chat.send("pull-ups 3x8")
    assert await _sets(chat) == 3


async def test_an_unclear_name_is_asked_back_with_buttons(chat: Chat) -> None:
    replies = await chat.send("/log row 3x8 60")
    assert await _sets(chat) == 0
    # One question, with buttons: not a list of names in text and then the same question again.
    assert len(replies) == 1 and "Which exercise" in replies[0].text and replies[0].buttons
    choice = chat.button("Seated Cable Row")
    await chat.press("Seated Cable Row")
    assert await _sets(chat) == 3
    assert "Seated Cable Row" in chat.text
    await chat.press_data(choice.data)  # the same question again: already settled
    assert "already settled" in chat.text and await _sets(chat) == 3


async def test_a_log_with_one_unclear_line_saves_the_rest_and_asks_once(chat: Chat) -> None:
    replies = await chat.send("bench 3x5 80\nrow 3x8 60")
    assert await _sets(chat) == 3
    logged, question = (r for r in replies if r.text)
    assert "Barbell Bench Press" in logged.text and "Seated Cable Row" not in logged.text
    assert "Which exercise" in question.text and "row 3x8 60" in question.text
    await chat.press("Barbell Row")
    assert await _sets(chat) == 6


async def test_rest_timer_buttons_adjust_and_stop(conversation) -> None:
    from coach.conversation.incoming import Channel

    chat = Chat(conversation, 4242, channel=Channel.TELEGRAM, update_id=10_000)
    replies = await chat.send("bench 3x5 80 @8")
    countdown = next(r for r in replies if r.timer)
    assert countdown.text.startswith("⏱ Rest") and countdown.extra["timer_id"]
    start = countdown.text.splitlines()[0]
    await chat.press("+30 s")
    assert chat.last[0].edit and chat.last[0].text.splitlines()[0] != start
    await chat.press("−15 s")
    await chat.press("Stop")
    assert "stopped" in chat.text.lower()
    await chat.press_data(countdown.buttons[0][0].data)
    assert "already finished" in chat.text
