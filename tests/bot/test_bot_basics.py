"""The bot end to end against the fake Bot API: menu, first contact, bad input, Telegram's refusals."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import ConversationTurn, ProcessedUpdate, User
from db.uow import unit_of_work
from tests.bot.conftest import Harness, eventually


async def test_first_contact_registers_the_menu_and_starts_onboarding(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    assert {c["command"] for c in telegram.commands} >= {"start", "help", "log", "undo", "cancel"}
    user = harness.new_user()
    telegram.message(user, "/start", first_name="Robin")
    sent = await telegram.wait_sent(user, 2)
    assert "I'm Gainsly" in sent[0].text
    assert "What should I call you" in sent[1].text
    assert sent[1].params["parse_mode"] == "HTML"
    assert sent[1].button("Call me Robin")


async def test_a_redelivered_update_is_handled_once(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    update = telegram.message(user, "/help")
    await telegram.wait_sent(user, 1)
    telegram.redeliver(update)
    telegram.message(user, "/cancel")
    await telegram.wait_sent(user, 2)
    texts = telegram.texts(user)
    assert len(texts) == 2 and "/log" in texts[0] and "cancel" in texts[1].lower()
    async with unit_of_work(harness.factory) as repos:
        assert (
            await repos.session.scalar(
                select(func.count())
                .select_from(ProcessedUpdate)
                .where(ProcessedUpdate.update_id == update["update_id"])
            )
            == 1
        )


async def test_a_forged_button_changes_nothing(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    victim, attacker = harness.new_user(), harness.new_user()
    telegram.message(victim, "/start")
    sent = await telegram.wait_sent(victim, 2)
    data = sent[1].button("Call me")["callback_data"]
    # The attacker replays the victim's button; then tries edited data of their own.
    telegram.callback(attacker, sent[1], data)
    telegram.callback(attacker, sent[1], "ob|name|tg|AAAAAAAA")
    await telegram.wait_for(lambda: len(telegram.callback_answers) >= 2)
    assert all("expired" in a.get("text", "") for a in telegram.callback_answers)
    assert len(telegram.to(victim)) == 2
    async with unit_of_work(harness.factory) as repos:
        victim_row = await repos.users.by_telegram_id(victim)
        assert victim_row is not None
        state = await repos.chat.state_of(victim_row.id)
        assert (state.flow, state.step) == ("onboarding", "name")
        assert await repos.users.by_telegram_id(attacker) is not None


async def test_junk_gets_friendly_answers_and_is_recorded(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    telegram.message(user, "/start")
    await telegram.wait_sent(user, 2)
    telegram.sticker(user)
    telegram.photo(user)
    telegram.edited(user, "oops")
    telegram.message(user, "/nonsense")
    telegram.message(user, "🤷" * 5000)
    await telegram.wait_sent(user, 9)
    joined = "\n".join(telegram.texts(user))
    for expected in ("sticker", "photo", "edited", "I don't know /nonsense", "characters"):
        assert expected in joined
    assert "Traceback" not in joined
    async with unit_of_work(harness.factory) as repos:
        row = await repos.users.by_telegram_id(user)
        assert row is not None
        turns = await repos.session.scalar(
            select(func.count())
            .select_from(ConversationTurn)
            .join(ConversationTurn.thread)
            .where(ConversationTurn.thread.property.mapper.class_.user_id == row.id)
        )
        assert turns == 12  # six updates, both sides of each


async def test_telegram_429_is_waited_out_and_the_reply_arrives(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    telegram.fail(429, method="sendMessage", chat_id=user, retry_after=1, times=1)
    telegram.message(user, "/help")
    sent = await telegram.wait_sent(user, 1, timeout=15)
    assert "/log" in sent[0].text
    attempts = [p for m, p in telegram.requests if m == "sendMessage" and p.get("chat_id") == user]
    assert len(attempts) == 2


async def test_a_lifter_who_blocked_the_bot_is_marked_and_not_retried(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    telegram.block(user)
    telegram.message(user, "/help")
    await telegram.wait_for(
        lambda: any(m == "sendMessage" and p.get("chat_id") == user for m, p in telegram.requests)
    )

    async def blocked() -> bool:
        async with unit_of_work(harness.factory) as repos:
            row = await repos.users.by_telegram_id(user)
            return row is not None and row.blocked_at is not None

    await eventually(blocked)
    attempts = [p for m, p in telegram.requests if m == "sendMessage" and p.get("chat_id") == user]
    assert len(attempts) == 1


async def test_two_lifters_at_once_get_their_own_answers(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    first, second = harness.new_user(), harness.new_user()
    telegram.message(first, "/start", first_name="Ann")
    telegram.message(second, "/start", first_name="Bea")
    a = await telegram.wait_sent(first, 2)
    b = await telegram.wait_sent(second, 2)
    telegram.press(first, a[1], "Call me Ann", first_name="Ann")
    telegram.press(second, b[1], "Call me Bea", first_name="Bea")
    await telegram.wait_sent(first, 4)
    await telegram.wait_sent(second, 4)
    async with unit_of_work(harness.factory) as repos:
        users = {
            u.telegram_user_id: u
            for u in (
                await repos.session.scalars(select(User).where(User.telegram_user_id.in_([first, second])))
            ).all()
        }
        assert users[first].telegram_chat_id == first and users[second].telegram_chat_id == second
    assert "Ann" in telegram.to(first)[2].text and "Bea" in telegram.to(second)[2].text


async def test_blocking_the_bot_in_telegram_marks_the_lifter(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user = harness.new_user()
    telegram.message(user, "/help")
    await telegram.wait_sent(user, 1)
    telegram.membership(user, "kicked")

    async def blocked() -> bool:
        async with unit_of_work(harness.factory) as repos:
            row = await repos.users.by_telegram_id(user)
            return row is not None and row.blocked_at is not None

    await eventually(blocked)
    telegram.message(user, "/help")  # they came back: unblocked, answered
    await telegram.wait_sent(user, 2)
    assert not await blocked()


async def test_group_chats_are_pointed_to_a_private_chat(harness: Harness) -> None:
    telegram = harness.telegram
    await harness.start()
    user, group = harness.new_user(), -100123
    telegram.message(user, "/start", chat_id=group)
    sent = await telegram.wait_sent(group, 1)
    assert "one-to-one" in sent[0].text
    async with unit_of_work(harness.factory) as repos:
        assert await repos.users.by_telegram_id(user) is None
