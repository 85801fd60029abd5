"""A reminder's buttons pressed in Telegram: the running bot routes them to the reminders area."""

from __future__ import annotations

from telegram import Bot

from bot.reminders import RateLimiter, TelegramSender, send_due
from coach.clock import local_today
from coach.persona import speak
from coach.planning.service import create_program
from coach.profile import Profile
from coach.reminders import lines
from coach.today.service import today
from db.enums import PersonaTone
from db.models import User
from db.uow import unit_of_work
from gainsly.app import App
from tests.bot.conftest import Harness
from tests.fakes.telegram_api import FakeTelegram

PROFILE = {"days_per_week": 7, "goals": [{"goal": "strength", "weight": 10}], "duration_weeks": 8}


async def lifter_due_now(harness: Harness, app: App) -> tuple[int, User]:
    """A lifter whose reminder time is this minute, who trains today (seven days a week)."""
    telegram_id = harness.new_user()
    now = app.deps.clock.now()
    async with unit_of_work(harness.factory) as repos:
        user = await repos.users.get_or_create_telegram(telegram_id, telegram_id, "Sam")
        user.onboarded_at = now
        day = local_today(user.timezone, now)
        await create_program(repos, app.deps, user, Profile.parse(PROFILE), start_date=day, seed=3)
        settings = await repos.users.ensure_settings(user)
        settings.reminder_time = now.time().replace(second=0, microsecond=0)  # user.timezone is UTC
        settings.reminders_enabled = True
        assert (await today(repos, app.deps, user, day)).session is not None
    return telegram_id, user


async def send_reminders(app: App, telegram: FakeTelegram) -> None:
    async with Bot(FakeTelegram.TOKEN, base_url=telegram.base_url) as bot:
        report = await send_due(app, TelegramSender(bot, RateLimiter(0)))
    assert report.sent >= 1


async def test_skip_from_the_reminder(harness: Harness) -> None:
    telegram = harness.telegram
    app = await harness.start()
    chat, user = await lifter_due_now(harness, app)
    await send_reminders(app, telegram)
    (reminder,) = await telegram.wait_sent(chat, 1)
    assert reminder.button("Skip") and reminder.button("Start")

    telegram.press(chat, reminder, "Skip")
    await telegram.wait_for(lambda: any(s.method == "editMessageText" for s in telegram.to(chat)))
    edited = next(s for s in telegram.to(chat) if s.method == "editMessageText")
    assert edited.message_id == reminder.message_id
    assert edited.text == speak(PersonaTone.SUPPORTIVE, lines.SKIPPED)
    async with unit_of_work(harness.factory) as repos:
        stored = await repos.users.get(user.id)
        assert stored is not None
        result = await today(repos, app.deps, stored, local_today(stored.timezone, app.deps.clock.now()))
        assert result.session is None


async def test_start_shows_the_whole_session(harness: Harness) -> None:
    telegram = harness.telegram
    app = await harness.start()
    chat, _ = await lifter_due_now(harness, app)
    await send_reminders(app, telegram)
    (reminder,) = await telegram.wait_sent(chat, 1)
    telegram.press(chat, reminder, "Start")
    session, hint = (await telegram.wait_sent(chat, 3))[1:]
    assert "Main" in session.text and len(session.text) > len(reminder.text)
    assert hint.text == speak(PersonaTone.SUPPORTIVE, lines.START_HINT)
