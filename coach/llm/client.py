"""The chat model behind the talking coach: any OpenAI-compatible endpoint, kept on a short leash.

``openai.AsyncOpenAI`` talks to OpenAI, Ollama, vLLM or a llama.cpp server alike. Its own
defaults (a ten-minute timeout, silent retries) would hold a lifter's message hostage, so the
SDK's retries are switched off and this module retries by itself: only on 429, 5xx, timeouts
and dropped connections, with exponential backoff that honours a short ``Retry-After``. Every
other failure — a bad key, an unknown model, a body that is not JSON — is final at once.
Whatever goes wrong surfaces as one ``ModelUnavailable`` whose message never carries the key,
and the assistant answers offline instead.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import openai
from pydantic import ValidationError

log = logging.getLogger(__name__)

#: Local servers (Ollama, llama.cpp) ignore the key, but the client refuses an empty one.
PLACEHOLDER_KEY = "gainsly-local"
#: What ``GAINSLY_LLM_MODEL`` falls back to: a small, cheap model most OpenAI-compatible hosts know.
DEFAULT_MODEL = "gpt-4o-mini"


class ModelUnavailable(Exception):
    """The model could not give an answer; ``reason`` is a short tag for logs and stored decisions."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class ModelConfig:
    base_url: str
    model: str = DEFAULT_MODEL
    api_key: str = field(default=PLACEHOLDER_KEY, repr=False)
    timeout_seconds: float = 20.0
    max_retries: int = 2
    #: First backoff pause; each retry doubles it. ``Retry-After`` above ``max_backoff`` is capped.
    backoff_seconds: float = 0.5
    max_backoff_seconds: float = 8.0
    temperature: float = 0.4
    #: Prompt size the assistant aims for (tool definitions, system prompt, memory and the
    #: message), in tokens: well inside the 8k context of small local models.
    prompt_token_budget: int = 6000
    #: Model calls one lifter message may take (each tool round is one call).
    max_tool_rounds: int = 4
    #: Time one lifter message may spend waiting on the model, all rounds and retries together;
    #: past it the offline coach answers instead of keeping the lifter waiting.
    answer_deadline_seconds: float = 45.0


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    #: The arguments exactly as the model sent them: a JSON string that may well be broken.
    arguments: str


@dataclass(frozen=True)
class Completion:
    content: str | None
    tool_calls: tuple[ToolCall, ...] = ()

    def as_message(self) -> dict[str, Any]:
        """This answer as the assistant message the next request must repeat."""
        message: dict[str, Any] = {"role": "assistant", "content": self.content or ""}
        if self.tool_calls:
            message["tool_calls"] = [
                {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
                for c in self.tool_calls
            ]
        return message


class ChatModel(Protocol):
    """What the assistant needs from a model; ``OpenAIChat`` is the real one.

    ``deadline`` is a ``time.monotonic()`` instant after which no attempt starts or continues.
    """

    config: ModelConfig

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        tools: Sequence[dict[str, Any]] = (),
        *,
        deadline: float | None = None,
    ) -> Completion: ...

    async def close(self) -> None: ...


_RETRYABLE = (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError)


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate_limited"
    if isinstance(exc, openai.APIStatusError):
        return f"http_{exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "unreachable"
    if isinstance(exc, json.JSONDecodeError | ValidationError | ValueError | TypeError):
        return "malformed_response"
    return exc.__class__.__name__


class OpenAIChat:
    """An ``AsyncOpenAI`` chat client with our timeout, retry and error rules."""

    def __init__(
        self,
        config: ModelConfig,
        *,
        client: openai.AsyncOpenAI | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.config = config
        self._sleep = sleep
        self._client = client or openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=config.api_key or PLACEHOLDER_KEY,
            timeout=config.timeout_seconds,
            max_retries=0,
        )

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        tools: Sequence[dict[str, Any]] = (),
        *,
        deadline: float | None = None,
    ) -> Completion:
        attempt = 0
        while True:
            timeout = self._time_left(deadline)
            try:
                return await self._once(messages, tools, timeout)
            except _RETRYABLE as exc:
                pause = min(
                    _retry_after(exc) or self.config.backoff_seconds * 2**attempt,
                    self.config.max_backoff_seconds,
                )
                if attempt >= self.config.max_retries or (
                    deadline is not None and time.monotonic() + pause >= deadline
                ):
                    raise ModelUnavailable(_reason(exc), f"gave up after {attempt + 1} attempts") from None
                log.warning("model call failed (%s); retry %d in %.2fs", _reason(exc), attempt + 1, pause)
                attempt += 1
                await self._sleep(pause)
            except openai.APIStatusError as exc:
                raise ModelUnavailable(_reason(exc), "the model endpoint refused the request") from None
            except (json.JSONDecodeError, ValidationError, ValueError, TypeError, AttributeError) as exc:
                raise ModelUnavailable("malformed_response", exc.__class__.__name__) from None
            except openai.OpenAIError as exc:
                raise ModelUnavailable(_reason(exc)) from None

    def _time_left(self, deadline: float | None) -> float:
        """This attempt's timeout: the configured one, or less when the deadline is near."""
        if deadline is None:
            return self.config.timeout_seconds
        left = deadline - time.monotonic()
        if left <= 0.05:
            raise ModelUnavailable("deadline", "no time left for another model call")
        return min(self.config.timeout_seconds, left)

    async def _once(
        self, messages: Sequence[dict[str, Any]], tools: Sequence[dict[str, Any]], timeout: float
    ) -> Completion:
        options: dict[str, Any] = {}
        if tools:
            options["tools"] = list(tools)
            options["tool_choice"] = "auto"
        response = await self._client.chat.completions.create(
            model=self.config.model,
            messages=list(messages),  # type: ignore[arg-type]
            temperature=self.config.temperature,
            timeout=timeout,
            **options,
        )
        if not response.choices:
            raise ValueError("no choices in the response")
        message = response.choices[0].message
        calls = tuple(
            ToolCall(id=c.id or f"call_{i}", name=c.function.name, arguments=c.function.arguments or "")
            for i, c in enumerate(message.tool_calls or (), start=1)
            if getattr(c, "function", None) is not None
        )
        return Completion(content=message.content, tool_calls=calls)

    async def close(self) -> None:
        await self._client.close()


def connect(
    base_url: str | None,
    *,
    api_key: str | None = None,
    model: str | None = None,
    timeout_seconds: float = 20.0,
    max_retries: int = 2,
) -> OpenAIChat | None:
    """The model client for these settings, or ``None`` (the offline coach) without a base URL."""
    if not base_url:
        return None
    if not model:
        log.warning("GAINSLY_LLM_MODEL is not set; asking the endpoint for %s", DEFAULT_MODEL)
    return OpenAIChat(
        ModelConfig(
            base_url=base_url,
            model=model or DEFAULT_MODEL,
            api_key=api_key or PLACEHOLDER_KEY,
            timeout_seconds=timeout_seconds,
            max_retries=max_retries,
        )
    )
