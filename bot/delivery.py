"""The coach's replies as Telegram messages: HTML, keyboards, photos, files, edits and rest timers.

Sending is where Telegram says no: 429 (wait ``retry_after`` and try again — the rate
limiter does this first), 403 (the lifter blocked us: remember it and stop), "message is
not modified" (harmless), a message too old to edit (send a new one instead).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.formatting import MAX_CAPTION, MAX_TOAST, plain, split, to_html
from coach.conversation import ConversationEngine
from coach.replies import Button, Reply

if TYPE_CHECKING:
    from bot.timers import RestTimers

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 4


class Blocked(Exception):
    """Telegram refused delivery to this chat (403): the lifter blocked the bot."""


def keyboard(buttons: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(b.label[:64], callback_data=b.data) for b in row] for row in buttons if row]
    return InlineKeyboardMarkup(rows) if rows else None


async def _retrying(send: Callable[[], Awaitable[T]]) -> T:
    """Retry after 429 (``retry_after``) and brief network failures; 403 becomes ``Blocked``."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await send()
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc
        except RetryAfter as exc:
            if attempt == ATTEMPTS:
                raise
            delay = (
                exc.retry_after.total_seconds()
                if hasattr(exc.retry_after, "total_seconds")
                else exc.retry_after
            )
            log.warning("Telegram asked us to wait %.0f s (429)", delay)
            await asyncio.sleep(float(delay) + 0.1)
        except (TimedOut, NetworkError) as exc:
            if attempt == ATTEMPTS or isinstance(exc, BadRequest):
                raise
            await asyncio.sleep(0.5 * attempt)
    raise AssertionError("unreachable")


class Delivery:
    """Sends one update's replies to one chat."""

    def __init__(self, engine: ConversationEngine, timers: RestTimers | None = None) -> None:
        self.engine = engine
        self.timers = timers

    async def send(
        self, bot: Bot, chat_id: int, replies: Sequence[Reply], *, query: CallbackQuery | None = None
    ) -> None:
        answered = False
        try:
            for reply in replies:
                if reply.extra.get("notice") and query is not None and not answered:
                    await _retrying(lambda r=reply: query.answer(plain(r.text)[:MAX_TOAST]))
                    answered = True
                    continue
                await self._one(bot, chat_id, reply, query)
        except Blocked:
            log.info("chat %s blocked the bot; marking and stopping", chat_id)
            await self.engine.mark_blocked(chat_id=chat_id)
        finally:
            if query is not None and not answered:
                try:
                    await query.answer()
                except Exception:  # the spinner times out on its own; never fail an update for it
                    log.debug("could not answer callback query", exc_info=True)

    async def _one(self, bot: Bot, chat_id: int, reply: Reply, query: CallbackQuery | None) -> None:
        markup = keyboard(reply.buttons)
        if reply.image is not None:
            caption = reply.image.caption or reply.text
            photo = InputFile(reply.image.png, filename="chart.png")
            fits = len(caption) <= MAX_CAPTION
            await _retrying(
                lambda: bot.send_photo(
                    chat_id,
                    photo,
                    caption=to_html(caption) if fits and caption else None,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if fits else None,
                )
            )
            if caption and not fits:
                await self._text(bot, chat_id, caption, reply.buttons, None)
            return
        if reply.document is not None:
            document = InputFile(reply.document.content, filename=reply.document.filename)
            caption = reply.document.caption or reply.text
            await _retrying(
                lambda: bot.send_document(
                    chat_id,
                    document,
                    caption=to_html(caption[:MAX_CAPTION]) if caption else None,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
            )
            return
        if not reply.text:
            return
        edit_target = query.message if reply.edit and query is not None else None
        sent = await self._text(bot, chat_id, reply.text, reply.buttons, edit_target)
        timer_id = reply.extra.get("timer_id")
        if isinstance(timer_id, int) and sent is not None and self.timers is not None:
            self.timers.follow(
                timer_id,
                message_id=None if reply.edit else sent.message_id,
                within=float(reply.timer.seconds) if reply.timer else None,
            )

    async def _text(
        self,
        bot: Bot,
        chat_id: int,
        text: str,
        buttons: Sequence[Sequence[Button]],
        edit_target: Any,
    ) -> Message | None:
        pieces = split(text)
        sent: Message | None = None
        for index, piece in enumerate(pieces):
            markup = keyboard(buttons) if index == len(pieces) - 1 else None
            if index == 0 and isinstance(edit_target, Message):
                edited = await self._edit(edit_target, piece, markup)
                if edited is not None:
                    sent = edited
                    continue
            sent = await _retrying(
                lambda p=piece, m=markup: bot.send_message(
                    chat_id, to_html(p), parse_mode=ParseMode.HTML, reply_markup=m
                )
            )
        return sent

    async def _edit(self, message: Message, text: str, markup: InlineKeyboardMarkup | None) -> Message | None:
        """Edit in place; ``None`` when Telegram cannot (too old, not text) so a new message goes out."""
        try:
            result = await _retrying(
                lambda: message.edit_text(to_html(text), parse_mode=ParseMode.HTML, reply_markup=markup)
            )
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return message
            log.info("could not edit message %s (%s); sending a new one", message.message_id, exc)
            return None
        return result if isinstance(result, Message) else message
