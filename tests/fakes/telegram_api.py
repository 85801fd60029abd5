"""A small fake of the Telegram Bot API on 127.0.0.1, for tests and benchmarks.

The real bot (python-telegram-bot with ``base_url``/``base_file_url`` pointed here) talks to
it over HTTP, so request encoding, long polling, retries after 429 and error handling run
exactly as against Telegram. A test injects what lifters send (messages, button presses,
files, stickers, edits) and reads back what the bot sent; it can make Telegram answer 429
with ``retry_after`` or 403 "blocked by the user" for a chat.

Usage::

    async with FakeTelegram() as telegram:
        application = ApplicationBuilder().token(FakeTelegram.TOKEN)
            .base_url(telegram.base_url).base_file_url(telegram.base_file_url)...
        update = telegram.message(user_id=42, text="/start")
        await telegram.wait_for(lambda: telegram.texts(42))

Or, in pytest, the ``telegram_api`` fixture from ``tests.fakes.fixtures``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

#: Update ids are unique across every fake in the process (and, seeded by the clock, across runs):
#: the bot remembers handled ids in the database, as it must for real Telegram.
_UPDATE_IDS = itertools.count(time.time_ns() // 1000)

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Gainsly", "username": "gainsly_test_bot"}

#: Methods that deliver something to a chat: 403 "blocked" and chat-scoped 429s apply to them.
SENDING = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "sendPhoto",
        "sendDocument",
        "sendChatAction",
    }
)


@dataclass
class Sent:
    """One request that delivered something, as the bot sent it (values JSON-decoded)."""

    method: str
    chat_id: int | None
    params: dict[str, Any]
    message_id: int | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def button(self, label: str) -> dict[str, Any]:
        found = [b for b in self.buttons if label.lower() in b["text"].lower()]
        if not found:
            raise AssertionError(f"no button like {label!r} in {[b['text'] for b in self.buttons]}")
        return found[0]


@dataclass
class Failure:
    """Answer the next ``times`` matching requests with an error instead of success."""

    status: int
    description: str
    method: str | None = None
    chat_id: int | None = None
    retry_after: int | None = None
    times: int = 1

    def matches(self, method: str, chat_id: int | None) -> bool:
        return (self.method is None or self.method == method) and (
            self.chat_id is None or self.chat_id == chat_id
        )


def _decode(value: str) -> Any:
    """PTB sends scalars as text and objects (reply_markup, commands) as JSON text."""
    stripped = value.strip()
    if stripped[:1] in "{[" or stripped in ("true", "false", "null"):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    if stripped.lstrip("-").isdigit():
        return int(stripped)
    return value


class _Method(RequestHandler):
    def initialize(self, fake: FakeTelegram) -> None:
        self.fake = fake

    def _params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            params.update(json.loads(self.request.body))
        else:
            for name, values in self.request.body_arguments.items():
                params[name] = _decode(values[-1].decode())
            for name, values in self.request.query_arguments.items():
                params.setdefault(name, _decode(values[-1].decode()))
        for name, files in self.request.files.items():
            params[name] = {"filename": files[0].filename, "size": len(files[0].body), "body": files[0].body}
        return params

    async def post(self, token: str, method: str) -> None:
        await self._answer(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._answer(token, method)

    async def _answer(self, token: str, method: str) -> None:
        params = self._params()
        status, body = await self.fake.call(token, method, params)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class _File(RequestHandler):
    def initialize(self, fake: FakeTelegram) -> None:
        self.fake = fake

    def get(self, token: str, path: str) -> None:
        content = self.fake.files.get(path)
        if content is None:
            self.set_status(404)
            self.finish()
            return
        self.finish(content)


class FakeTelegram:
    """The fake server. ``start()``/``stop()`` or ``async with``; see the module docstring."""

    TOKEN = "123456789:TEST-fake-token-for-the-local-bot-api-000"

    def __init__(self) -> None:
        self.port = 0
        self._server: HTTPServer | None = None
        self._update_ids = _UPDATE_IDS
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._pending: list[dict[str, Any]] = []
        self._redelivered: list[dict[str, Any]] = []
        self._waiters: set[asyncio.Future[None]] = set()
        self._closing = False
        #: Every request, in order: (method, decoded params).
        self.requests: list[tuple[str, dict[str, Any]]] = []
        #: Every successful delivery to a chat.
        self.sent: list[Sent] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}
        self.files: dict[str, bytes] = {}
        self.failures: list[Failure] = []
        self.blocked: set[int] = set()
        #: Highest offset confirmed by getUpdates: updates below it were delivered.
        self.confirmed_offset = 0
        self.tokens: set[str] = set()

    # --- lifecycle -----------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> FakeTelegram:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        app = Application(
            [
                (r"/file/bot([^/]+)/(.+)", _File, {"fake": self}),
                (r"/bot([^/]+)/([A-Za-z]+)", _Method, {"fake": self}),
            ]
        )
        self._server = HTTPServer(app, max_buffer_size=50 * 1024 * 1024)
        self._server.add_sockets([sock])
        return self

    async def stop(self) -> None:
        self._closing = True  # long polls still waiting return now, rather than being cut off
        self._notify()
        await asyncio.sleep(0)
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- what the test can make Telegram do ------------------------------------------------------
    def fail(
        self,
        status: int = 429,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        retry_after: int | None = 1,
        times: int = 1,
        description: str | None = None,
    ) -> Failure:
        """Answer the next ``times`` matching requests with ``status`` (429 carries ``retry_after``)."""
        failure = Failure(
            status,
            description
            or (f"Too Many Requests: retry after {retry_after or 1}" if status == 429 else "Error"),
            method,
            chat_id,
            retry_after if status == 429 else None,
            times,
        )
        self.failures.append(failure)
        return failure

    def block(self, chat_id: int) -> None:
        """From now on every delivery to ``chat_id`` answers 403, as when a lifter blocks the bot."""
        self.blocked.add(chat_id)

    # --- what lifters send ------------------------------------------------------------------------
    def _user(self, user_id: int, first_name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def _message(self, user_id: int, first_name: str, chat_id: int | None, **content: Any) -> dict[str, Any]:
        chat = chat_id if chat_id is not None else user_id
        chat_type = "private" if chat == user_id else "group"
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat, "type": chat_type, "first_name": first_name}
            if chat_type == "private"
            else {"id": chat, "type": chat_type, "title": "Gym buddies"},
            "from": self._user(user_id, first_name),
            **content,
        }

    def enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (it gets an ``update_id`` if it has none)."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        self._pending.append(update)
        self._notify()
        return update

    def redeliver(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver the very same update again, ``update_id`` included, even below the confirmed offset.

        Telegram does this when it never saw a delivery confirmed (a timeout, a crash between
        handling an update and asking for the next batch).
        """
        self._redelivered.append(update)
        self._notify()
        return update

    def make_message(
        self, user_id: int, text: str, *, first_name: str = "Sam", chat_id: int | None = None
    ) -> dict[str, Any]:
        """A text-message update without queueing it (for webhook delivery)."""
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else []
        )
        message = self._message(user_id, first_name, chat_id, text=text)
        if entities:
            message["entities"] = entities
        return {"update_id": next(self._update_ids), "message": message}

    def message(
        self, user_id: int, text: str, *, first_name: str = "Sam", chat_id: int | None = None
    ) -> dict[str, Any]:
        return self.enqueue(self.make_message(user_id, text, first_name=first_name, chat_id=chat_id))

    def make_press(self, user_id: int, sent: Sent, label: str, *, first_name: str = "Sam") -> dict[str, Any]:
        return self.make_callback(user_id, sent, sent.button(label)["callback_data"], first_name=first_name)

    def make_callback(
        self, user_id: int, sent: Sent, data: str, *, first_name: str = "Sam"
    ) -> dict[str, Any]:
        """A button press on message ``sent`` with any callback ``data`` (forged ones too)."""
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": {"id": sent.chat_id, "type": "private", "first_name": first_name},
            "from": BOT_USER,
            "text": sent.text or "…",
        }
        if sent.params.get("reply_markup"):
            message["reply_markup"] = sent.params["reply_markup"]
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._file_ids)),
                "from": self._user(user_id, first_name),
                "message": message,
                "chat_instance": str(sent.chat_id),
                "data": data,
            },
        }

    def press(self, user_id: int, sent: Sent, label: str, *, first_name: str = "Sam") -> dict[str, Any]:
        return self.enqueue(self.make_press(user_id, sent, label, first_name=first_name))

    def callback(self, user_id: int, sent: Sent, data: str) -> dict[str, Any]:
        return self.enqueue(self.make_callback(user_id, sent, data))

    def document(
        self, user_id: int, filename: str, content: bytes, *, mime_type: str = "text/csv"
    ) -> dict[str, Any]:
        file_id = f"file{next(self._file_ids)}"
        self.files[f"documents/{file_id}"] = content
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": filename,
                    "mime_type": mime_type, "file_size": len(content)}  # fmt: skip
        return self.enqueue({"message": self._message(user_id, "Sam", None, document=document)})

    def sticker(self, user_id: int) -> dict[str, Any]:
        sticker = {"file_id": "stk", "file_unique_id": "ustk", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": "💪"}  # fmt: skip
        return self.enqueue({"message": self._message(user_id, "Sam", None, sticker=sticker)})

    def photo(self, user_id: int) -> dict[str, Any]:
        photo = [{"file_id": "ph", "file_unique_id": "uph", "width": 90, "height": 90}]
        return self.enqueue({"message": self._message(user_id, "Sam", None, photo=photo, caption="my form?")})

    def membership(self, user_id: int, status: str) -> dict[str, Any]:
        """The lifter blocked (``"kicked"``) or unblocked (``"member"``) the bot in their private chat."""
        old_status = "member" if status == "kicked" else "kicked"
        update = {
            "chat": {"id": user_id, "type": "private", "first_name": "Sam"},
            "from": self._user(user_id, "Sam"),
            "date": int(time.time()),
            "old_chat_member": {
                "status": old_status,
                "user": BOT_USER,
                **({"until_date": 0} if old_status == "kicked" else {}),
            },
            "new_chat_member": {
                "status": status,
                "user": BOT_USER,
                **({"until_date": 0} if status == "kicked" else {}),
            },
        }
        return self.enqueue({"my_chat_member": update})

    def edited(self, user_id: int, text: str) -> dict[str, Any]:
        message = self._message(user_id, "Sam", None, text=text, edit_date=int(time.time()))
        return self.enqueue({"edited_message": message})

    # --- what the bot sent ------------------------------------------------------------------------
    def to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    def texts(self, chat_id: int) -> list[str]:
        return [s.text for s in self.to(chat_id) if s.text]

    def last(self, chat_id: int, *, with_buttons: bool = False) -> Sent:
        sent = [s for s in self.to(chat_id) if s.buttons or not with_buttons]
        if not sent:
            raise AssertionError(f"nothing sent to {chat_id}")
        return sent[-1]

    def count(self, method: str | None = None) -> int:
        return sum(1 for m, _ in self.requests if method is None or m == method)

    async def wait_for(self, condition: Callable[[], object], timeout: float = 10.0) -> None:
        """Wait until ``condition()`` is truthy; fail the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    "timed out waiting for the bot; sent so far: "
                    + repr([s.text[:60] for s in self.sent[-8:]])
                )
            await self._changed(min(remaining, 0.25))

    async def wait_sent(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Sent]:
        """Wait until ``count`` deliveries to ``chat_id`` were made; return them."""
        await self.wait_for(lambda: len(self.to(chat_id)) >= count, timeout)
        return self.to(chat_id)

    async def post_webhook(self, url: str, update: dict[str, Any], *, secret: str | None) -> int:
        """Deliver ``update`` the way Telegram does in webhook mode; returns the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(url, json=update, headers=headers)
        return response.status_code

    def _notify(self) -> None:
        """Wake everyone waiting for a change (long polls, tests in ``wait_for``)."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def _changed(self, timeout: float) -> None:
        """Return at the next change, or after ``timeout`` seconds."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            self._waiters.discard(waiter)

    # --- the API --------------------------------------------------------------------------------
    async def call(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.tokens.add(token)
        self.requests.append(
            (method, {k: v for k, v in params.items() if not isinstance(v, dict) or "body" not in v})
        )
        self._notify()
        chat_id = params.get("chat_id")
        chat_id = (
            int(chat_id) if isinstance(chat_id, int | str) and str(chat_id).lstrip("-").isdigit() else None
        )
        if method in SENDING and chat_id in self.blocked:
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        for failure in self.failures:
            if failure.times > 0 and failure.matches(method, chat_id):
                failure.times -= 1
                body: dict[str, Any] = {
                    "ok": False,
                    "error_code": failure.status,
                    "description": failure.description,
                }
                if failure.retry_after is not None:
                    body["parameters"] = {"retry_after": failure.retry_after}
                return failure.status, body
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        result = handler(params, chat_id)
        if asyncio.iscoroutine(result):
            result = await result
        return 200, {"ok": True, "result": result}

    def _record(
        self, method: str, chat_id: int | None, params: dict[str, Any], message_id: int | None
    ) -> None:
        self.sent.append(Sent(method, chat_id, params, message_id))
        self._notify()

    def _bot_message(self, chat_id: int | None, message_id: int, **content: Any) -> dict[str, Any]:
        return {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER, **content}  # fmt: skip

    def _api_getMe(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}  # fmt: skip

    async def _api_getUpdates(self, params: dict[str, Any], chat_id: int | None) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not (self._pending or self._redelivered or self._closing) and time.monotonic() < deadline:
            await self._changed(max(0.01, deadline - time.monotonic()))
        if self._redelivered:
            batch, self._redelivered = self._redelivered, []
            return batch
        return self._pending[:limit]

    def _api_sendMessage(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        message_id = next(self._message_ids)
        self._record("sendMessage", chat_id, params, message_id)
        content: dict[str, Any] = {"text": params.get("text", "")}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._bot_message(chat_id, message_id, **content)

    def _api_editMessageText(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        message_id = int(params.get("message_id") or 0)
        self._record("editMessageText", chat_id, params, message_id)
        content: dict[str, Any] = {"text": params.get("text", ""), "edit_date": int(time.time())}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._bot_message(chat_id, message_id, **content)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        message_id = int(params.get("message_id") or 0)
        self._record("editMessageReplyMarkup", chat_id, params, message_id)
        return self._bot_message(chat_id, message_id, text="…")

    def _api_sendPhoto(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        message_id = next(self._message_ids)
        photo = params.get("photo")
        params = {
            **params,
            "photo": {"filename": photo.get("filename"), "size": photo.get("size")}
            if isinstance(photo, dict)
            else photo,
        }
        self._record("sendPhoto", chat_id, params, message_id)
        sizes = [
            {
                "file_id": f"photo{message_id}",
                "file_unique_id": f"up{message_id}",
                "width": 800,
                "height": 500,
            }
        ]
        return self._bot_message(chat_id, message_id, photo=sizes, caption=params.get("caption"))

    def _api_sendDocument(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        message_id = next(self._message_ids)
        document = params.get("document")
        body = document.get("body", b"") if isinstance(document, dict) else b""
        summary = (
            {"filename": document.get("filename"), "size": len(body), "content": body}
            if isinstance(document, dict)
            else document
        )
        self._record("sendDocument", chat_id, {**params, "document": summary}, message_id)
        file = {"file_id": f"doc{message_id}", "file_unique_id": f"ud{message_id}",
                "file_name": summary.get("filename") if isinstance(summary, dict) else None}  # fmt: skip
        return self._bot_message(chat_id, message_id, document=file, caption=params.get("caption"))

    def _api_answerCallbackQuery(self, params: dict[str, Any], chat_id: int | None) -> bool:
        self.callback_answers.append(params)
        return True

    def _api_sendChatAction(self, params: dict[str, Any], chat_id: int | None) -> bool:
        return True

    def _api_setMyCommands(self, params: dict[str, Any], chat_id: int | None) -> bool:
        self.commands = list(params.get("commands") or [])
        return True

    def _api_getMyCommands(self, params: dict[str, Any], chat_id: int | None) -> list[dict[str, Any]]:
        return self.commands

    def _api_deleteWebhook(self, params: dict[str, Any], chat_id: int | None) -> bool:
        self.webhook = {}
        return True

    def _api_setWebhook(self, params: dict[str, Any], chat_id: int | None) -> bool:
        self.webhook = dict(params)
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }

    def _api_deleteMessage(self, params: dict[str, Any], chat_id: int | None) -> bool:
        return True

    def _api_getFile(self, params: dict[str, Any], chat_id: int | None) -> dict[str, Any]:
        file_id = str(params.get("file_id"))
        path = f"documents/{file_id}"
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files.get(path, b"")),
                "file_path": path}  # fmt: skip

    def _api_close(self, params: dict[str, Any], chat_id: int | None) -> bool:
        return True

    def _api_logOut(self, params: dict[str, Any], chat_id: int | None) -> bool:
        return True
