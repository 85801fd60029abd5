"""The python-telegram-bot ``Application``: one thin handler, the error handler, jobs and the menu.

Every update goes to ``Gateway.on_update``: convert it, hand it to the conversation engine,
deliver the replies. Nothing about the dialogue lives here; the engine keeps it in
PostgreSQL, so any number of these processes can share the work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from telegram import Bot, BotCommand, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot import reminders
from bot.delivery import Delivery
from bot.formatting import to_html
from bot.incoming import to_incoming
from bot.processor import PerUserUpdateProcessor, let_next_in
from bot.timers import EDIT_EVERY_SECONDS, SWEEP_EVERY_SECONDS, RestTimers
from coach.conversation import ConversationEngine, menu
from coach.conversation.lines import OOPS
from coach.errors import InvalidInput
from coach.persona import speak
from gainsly.app import App

log = logging.getLogger(__name__)

#: Updates the coach uses; Telegram sends nothing else.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
CONCURRENT_UPDATES = 64
PRUNE_UPDATES_AFTER = dt.timedelta(days=2)
#: Telegram shows "typing…" for about five seconds per chat action.
TYPING_AFTER_SECONDS = 1.0
TYPING_EVERY_SECONDS = 4.5

PRIVATE_ONLY = "I coach one-to-one, so your training stays private — message me directly to start."


def file_url(api_url: str) -> str:
    """``http://host:8081/bot`` → ``http://host:8081/file/bot`` (a local Bot API server's file path)."""
    parts = urlsplit(api_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    return urlunsplit(parts._replace(path=f"{head}/file/{last or 'bot'}"))


class _Typing:
    """ "typing…" while a slow answer (the model, a chart, a new program) is being prepared.

    Nothing at all for the quick ones: a timer handle, not a task, until the answer is late.
    """

    def __init__(self, bot: Bot, chat_id: int) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self._task: asyncio.Task[None] | None = None
        self._later = asyncio.get_running_loop().call_later(TYPING_AFTER_SECONDS, self._begin)

    def _begin(self) -> None:
        self._task = asyncio.create_task(self._keep_typing())

    async def _keep_typing(self) -> None:
        while True:
            try:
                await self.bot.send_chat_action(self.chat_id, ChatAction.TYPING)
            except TelegramError:
                return
            await asyncio.sleep(TYPING_EVERY_SECONDS)

    def stop(self) -> None:
        self._later.cancel()
        if self._task is not None:
            self._task.cancel()


class Gateway:
    """Update in → engine → replies out. Also answers errors and Telegram's "blocked" notices."""

    def __init__(self, engine: ConversationEngine, delivery: Delivery) -> None:
        self.engine = engine
        self.delivery = delivery

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.my_chat_member is not None:
            await self._membership(update)
            return
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.PRIVATE:
            message = update.effective_message
            if message is not None and (message.text or "").startswith("/"):
                await context.bot.send_message(chat.id, PRIVATE_ONLY)
            return
        incoming = await to_incoming(update, context.bot)
        if incoming is None or incoming.chat_id is None:
            return
        typing = _Typing(context.bot, incoming.chat_id)
        try:
            replies = await self.engine.handle(incoming, waiting=let_next_in)
        finally:
            typing.stop()
        await self.delivery.send(context.bot, incoming.chat_id, replies, query=update.callback_query)

    async def _membership(self, update: Update) -> None:
        member = update.my_chat_member
        assert member is not None
        if member.chat.type != ChatType.PRIVATE:
            return
        status = member.new_chat_member.status
        if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
            await self.engine.mark_blocked(telegram_user_id=member.from_user.id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with context (never the token: the log filter redacts it) and apologise once."""
        error = context.error
        where = update.update_id if isinstance(update, Update) else None
        user = update.effective_user.id if isinstance(update, Update) and update.effective_user else None
        log.error("update %s (user %s) failed: %r", where, user, error, exc_info=error)
        if not isinstance(update, Update) or update.effective_chat is None or isinstance(error, Forbidden):
            return
        try:
            await context.bot.send_message(
                update.effective_chat.id, to_html(speak(None, OOPS)), parse_mode=ParseMode.HTML
            )
        except Forbidden:
            await self.engine.mark_blocked(chat_id=update.effective_chat.id)
        except TelegramError:
            log.warning("could not apologise to chat %s", update.effective_chat.id)


@dataclass
class TelegramBot:
    """The application and what runs beside it: rest-timer jobs, housekeeping, reminders."""

    app: App
    application: Application
    engine: ConversationEngine
    timers: RestTimers

    async def prepare(self) -> None:
        """After ``application.start()``: the command menu, rest timers, reminders, housekeeping."""
        await self.application.bot.set_my_commands([BotCommand(name, text) for name, text in menu()])
        self.timers.start_sweeping()
        jobs = self.application.job_queue
        assert jobs is not None, "python-telegram-bot[job-queue] is required"
        jobs.run_repeating(self._prune, interval=3600, first=60, name="prune-processed-updates")
        reminders.schedule(self.application, self.app)

    async def finish(self) -> None:
        """Before ``application.stop()``: no more countdown edits (the sweep of any process ends them)."""
        await self.timers.stop()

    async def _prune(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.engine.prune_updates(PRUNE_UPDATES_AFTER)


def build_bot(
    app: App,
    *,
    concurrency: int = CONCURRENT_UPDATES,
    timer_edit_every: float = EDIT_EVERY_SECONDS,
    timer_sweep_every: float = SWEEP_EVERY_SECONDS,
) -> TelegramBot:
    settings = app.settings
    if settings.telegram_token is None:
        raise InvalidInput("GAINSLY_TELEGRAM_TOKEN is not set: get a token from @BotFather and set it.")
    builder: ApplicationBuilder = (
        Application.builder()
        .token(settings.telegram_token.get_secret_value())
        .concurrent_updates(PerUserUpdateProcessor(concurrency))
        .connection_pool_size(8)
        .pool_timeout(10)
    )
    if settings.telegram_api_url:
        builder = builder.base_url(settings.telegram_api_url).base_file_url(
            file_url(settings.telegram_api_url)
        )
    if settings.telegram_rate_limit > 0:
        builder = builder.rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.telegram_rate_limit, overall_time_period=1, max_retries=3
            )
        )
    application = builder.build()
    engine = ConversationEngine(app.session_factory, app.deps)
    timers = RestTimers(
        engine,
        application,
        edit_every=timer_edit_every,
        sweep_every=timer_sweep_every,
        rate_limit=settings.telegram_rate_limit,
    )
    gateway = Gateway(engine, Delivery(engine, timers))
    application.add_handler(TypeHandler(Update, gateway.on_update))
    application.add_error_handler(gateway.on_error)
    return TelegramBot(app, application, engine, timers)
