"""Free text that is not a command: pain red flags first, then logs, check-ins and the talking coach."""

from __future__ import annotations

from sqlalchemy import func, select

from coach.conversation.incoming import Channel
from db.models import RestTimer, TopSetLog, WorkoutLog
from db.uow import unit_of_work
from tests.coach.conversation.helpers import Chat, mark_onboarded


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


async def test_a_log_with_a_red_flag_is_kept_but_the_coach_says_stop_first(chat: Chat) -> None:
    await mark_onboarded(chat)
    replies = await chat.send("bench 3x5 80, chest pain on the last set")
    assert await _sets(chat) == 3  # nothing the lifter typed is lost
    assert "doctor" in replies[0].text and "Chest pain" in replies[0].text
    assert "Barbell Bench Press" in replies[1].text and chat.button("Undo")
    assert not any(r.timer for r in replies)  # no countdown calling them back under the bar
    assert "baseline" not in chat.text and "Rest" not in chat.text


async def test_a_red_flag_log_in_telegram_starts_no_rest_timer(conversation) -> None:
    chat = Chat(conversation, 4343, channel=Channel.TELEGRAM, update_id=20_000)
    replies = await chat.send("squat 5x5 100 felt a pop in my knee")
    assert "doctor" in replies[0].text
    assert not any("timer_id" in r.extra for r in replies)
    async with unit_of_work(conversation.session_factory) as repos:
        user = await repos.users.by_telegram_id(4343)
        assert user is not None
        timers = await repos.session.scalar(
            select(func.count()).select_from(RestTimer).where(RestTimer.user_id == user.id)
        )
        assert timers == 0


async def test_a_red_flag_is_not_taken_as_an_answer_mid_onboarding(chat: Chat) -> None:
    await chat.send("/start")
    await chat.send("I feel dizzy and my chest is tight")
    assert "doctor" in chat.text
    assert "What should I call you" in chat.text  # asked again, not answered with "I feel dizzy…"
    await chat.send("Robin")
    assert "How experienced" in chat.text


async def test_a_red_flag_before_setup_gets_the_stop_answer_not_the_setup(chat: Chat) -> None:
    await chat.send("my left arm is numb after training")
    assert "doctor" in chat.text and "What should I call you" not in chat.text


async def test_the_coachs_chart_comes_with_its_answer(chat: Chat) -> None:
    await mark_onboarded(chat)
    await chat.send("bench 3x5 80 @8")
    await chat.send("bench 3x5 85 @8")
    replies = await chat.send("how is my progress?")
    charted = [r for r in replies if r.image is not None]
    assert len(charted) == 1 and charted[0].image.png.startswith(b"\x89PNG")
    assert charted[0].text  # the answer and its chart travel together
