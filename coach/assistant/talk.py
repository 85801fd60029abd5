"""One exchange with the model: prompt, tool calls round by round, and the final answer.

Each tool call is validated and run through the registry and its result goes back to the
model. The last round offers no tools, so the model has to answer in words. Calls are
collected in ``runs`` as they happen: they are stored with the coach's answer (one row holds
the answer and everything that led to it), and if the model fails halfway the caller knows
what was already done and does not do it twice.

The conversation engine runs this with no transaction open (``ToolContext.sessions`` set):
each tool call brings its own short unit of work, so a model that thinks for seconds holds
neither a database connection nor the lifter's lock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

from coach.assistant.tools import ToolContext, ToolRegistry, ToolRun
from coach.llm import ChatModel, ModelUnavailable, Snapshot, build_messages, tokens
from coach.llm.memory import TurnLike

#: Tool calls one model answer may ask for; more are ignored (and the model is told).
MAX_CALLS_PER_ROUND = 4
#: A tool result sent back to the model is cut to about this many tokens.
TOOL_RESULT_TOKENS = 1200


@dataclass(frozen=True)
class Talk:
    text: str
    runs: tuple[ToolRun, ...]


def _tool_message(call_id: str, run: ToolRun) -> dict[str, str]:
    content = json.dumps(run.payload(), ensure_ascii=False, default=str)
    return {"role": "tool", "tool_call_id": call_id, "content": tokens.clip(content, TOOL_RESULT_TOKENS)}


async def converse(
    ctx: ToolContext,
    model: ChatModel,
    registry: ToolRegistry,
    snapshot: Snapshot,
    turns: Sequence[TurnLike],
    text: str,
    runs: list[ToolRun],
) -> Talk:
    """The model's answer to ``text``; raises ``ModelUnavailable`` when there is none to be had."""
    schemas = registry.schemas()
    # The tool definitions travel with every request and count against the same context window.
    budget = model.config.prompt_token_budget - tokens.estimate(json.dumps(schemas))
    messages = build_messages(snapshot, turns, text, budget=budget)
    deadline = time.monotonic() + model.config.answer_deadline_seconds
    rounds = max(model.config.max_tool_rounds, 1)
    for round_number in range(rounds):
        last = round_number == rounds - 1
        completion = await model.complete(messages, () if last else schemas, deadline=deadline)
        if not completion.tool_calls:
            answer = (completion.content or "").strip()
            if not answer:
                raise ModelUnavailable("empty_answer")
            return Talk(answer, tuple(runs))
        if last:
            break
        messages.append(completion.as_message())
        for index, call in enumerate(completion.tool_calls):
            if index >= MAX_CALLS_PER_ROUND:
                skipped = ToolRun(call.name, call.arguments, False, error="too many calls at once; not run")
                messages.append(_tool_message(call.id, skipped))
                continue
            run = await registry.call(ctx, call.name, call.arguments)
            runs.append(run)
            messages.append(_tool_message(call.id, run))
    raise ModelUnavailable("no_answer_after_tools")
