"""A scriptable OpenAI-compatible chat server on 127.0.0.1, for tests and benchmarks.

The real ``openai`` client talks to it over HTTP, so retries, timeouts and response parsing
are exercised exactly as against OpenAI, Ollama or vLLM. A test queues what the "model"
answers next (a text, tool calls, an HTTP error, a slow answer, one held until the test lets it
go, a broken body) and reads back
every request it received, to assert the system prompt or the tool results the coach sent.
When the script runs dry the server answers with a plain ``"OK"`` text.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler


@dataclass
class Scripted:
    """One scripted answer. ``body`` is sent as JSON unless ``raw`` is given."""

    status: int = 200
    body: dict[str, Any] | None = None
    raw: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    #: Answer only once this is set (``held``): the test decides when the model is done thinking.
    gate: asyncio.Event | None = None


def text(content: str) -> Scripted:
    """The model answers with plain text."""
    return Scripted(body=_completion({"role": "assistant", "content": content}, "stop"))


def tool_calls(*calls: tuple[str, dict[str, Any] | str], content: str | None = None) -> Scripted:
    """The model asks for tools; arguments given as a string are sent verbatim (even if broken)."""
    message = {
        "role": "assistant",
        "content": content,
        "tool_calls": [
            {
                "id": f"call_{index}",
                "type": "function",
                "function": {
                    "name": name,
                    "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments),
                },
            }
            for index, (name, arguments) in enumerate(calls, start=1)
        ],
    }
    return Scripted(body=_completion(message, "tool_calls"))


def error(status: int, message: str = "scripted failure", headers: dict[str, str] | None = None) -> Scripted:
    return Scripted(
        status=status,
        body={"error": {"message": message, "type": "server_error", "code": None}},
        headers=headers or {},
    )


def slow(seconds: float, then: Scripted | None = None) -> Scripted:
    """Answer only after ``seconds`` (long enough to trip the client's timeout)."""
    answer = then or text("too late")
    return Scripted(status=answer.status, body=answer.body, raw=answer.raw, delay=seconds)


def held(gate: asyncio.Event, then: Scripted | None = None) -> Scripted:
    """Answer only once ``gate`` is set (give the client a timeout longer than the test needs)."""
    answer = then or text("finally")
    return Scripted(status=answer.status, body=answer.body, raw=answer.raw, gate=gate)


def malformed_body() -> Scripted:
    return Scripted(raw='{"id": "chatcmpl-broken", "choices": [')


def _completion(message: dict[str, Any], finish_reason: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake-coach",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class _Completions(RequestHandler):
    def initialize(self, server: FakeOpenAI) -> None:
        self.server = server

    async def post(self) -> None:
        self.server.requests.append(
            {"headers": dict(self.request.headers), "json": json.loads(self.request.body or b"{}")}
        )
        answer = self.server.script.popleft() if self.server.script else text("OK")
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if answer.gate is not None:
            await answer.gate.wait()
        self.set_status(answer.status)
        for name, value in answer.headers.items():
            self.set_header(name, value)
        self.set_header("Content-Type", "application/json")
        self.finish(answer.raw if answer.raw is not None else json.dumps(answer.body or {}))


class FakeOpenAI:
    """``async with FakeOpenAI() as api:`` then point a client at ``api.base_url``."""

    def __init__(self) -> None:
        self.script: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self._server: HTTPServer | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def queue(self, *answers: Scripted) -> None:
        self.script.extend(answers)

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

    @property
    def last_messages(self) -> list[dict[str, Any]]:
        return self.requests[-1]["json"]["messages"]

    def system_prompt(self, index: int = -1) -> str:
        messages = self.requests[index]["json"]["messages"]
        return next(m["content"] for m in messages if m["role"] == "system")

    async def start(self) -> FakeOpenAI:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        app = Application([(r"/v1/chat/completions", _Completions, {"server": self})])
        self._server = HTTPServer(app)
        self._server.add_sockets([sock])
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> FakeOpenAI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
