"""A Telegram update as the conversation engine's ``Incoming`` (or ``None`` when it is not for the coach)."""

from __future__ import annotations

import logging

from telegram import Bot, Message, Update
from telegram.error import TelegramError

from coach.conversation import Attachment, Channel, Incoming, Kind

log = logging.getLogger(__name__)

#: Files the coach would import (CSV) are fetched up to this size; larger ones are declined unread.
MAX_DOWNLOAD = 2_000_000


def _label(update: Update) -> str | None:
    """The pressed button's label, found in the message's keyboard (for the recorded turn)."""
    query = update.callback_query
    message = query.message if query else None
    markup = getattr(message, "reply_markup", None)
    if query is None or markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def _document(message: Message, bot: Bot) -> Attachment:
    document = message.document
    assert document is not None
    name = document.file_name or "file"
    content = b""
    if name.lower().endswith(".csv") and (document.file_size or 0) <= MAX_DOWNLOAD:
        try:
            file = await bot.get_file(document.file_id)
            content = bytes(await file.download_as_bytearray())
        except TelegramError:
            log.warning("could not download document %s", document.file_id, exc_info=True)
    elif (document.file_size or 0) > MAX_DOWNLOAD:
        content = b"\0" * (MAX_DOWNLOAD + 1)  # the engine declines it by size, without us fetching it
    return Attachment(name, content, document.mime_type)


async def to_incoming(update: Update, bot: Bot) -> Incoming | None:
    user = update.effective_user
    chat = update.effective_chat
    if user is None or user.is_bot:
        return None
    common = {
        "channel": Channel.TELEGRAM,
        "user_key": user.id,
        "chat_id": chat.id if chat else user.id,
        "display_name": user.first_name,
        "update_id": update.update_id,
    }
    if update.callback_query is not None:
        return Incoming(kind=Kind.BUTTON, callback=update.callback_query.data, text=_label(update), **common)
    if update.edited_message is not None:
        return Incoming(kind=Kind.EDITED, text=update.edited_message.text, **common)
    message = update.message
    if message is None:
        return None
    if message.text is not None:
        return Incoming(kind=Kind.TEXT, text=message.text, **common)
    if message.document is not None:
        return Incoming(kind=Kind.DOCUMENT, document=await _document(message, bot), **common)
    if message.photo:
        return Incoming(kind=Kind.PHOTO, text=message.caption, **common)
    if message.sticker is not None:
        return Incoming(kind=Kind.STICKER, **common)
    if message.voice is not None or message.audio is not None or message.video_note is not None:
        return Incoming(kind=Kind.VOICE, **common)
    return Incoming(kind=Kind.OTHER, text=message.caption, **common)
