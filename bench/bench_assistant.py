"""What the talking coach adds around one model call: prompt building, tool execution, storage.

A lifter with a program and a 40-turn conversation asks a question; the model (answering
instantly, in process, so only the coach's own work is timed) calls ``get_today`` and then
answers. Each exchange is a typed message through the conversation engine, as in production:
the update's unit of work (claim, lock, the lifter's turn, the snapshot for the model), the
model call with no transaction open (its tool call in a short unit of work of its own), and
the answer recorded in a third. Today's session is adapted once per message
(``coach.today.service.today``, the planning engine's daily adaptation, shared by the system
prompt and the tool); its own cost is timed separately, so the assistant's share is visible.
Also timed: the offline coach.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.conversation import ConversationEngine, Incoming
from coach.deps import CoachDeps
from coach.llm import Completion, ModelConfig, ToolCall
from coach.planning.service import create_program
from coach.profile import Profile
from coach.today.service import today
from db.engine import create_engine, create_session_factory
from db.library import default_library
from db.uow import unit_of_work

START = dt.date(2026, 12, 7)
PROFILE = {
    "days_per_week": 4,
    "goals": [{"goal": "strength", "weight": 6}, {"goal": "hypertrophy", "weight": 4}],
    "split_template": "upper_lower",
    "persona_tone": "analytical",
}


class InstantModel:
    """A model that answers at once: a ``get_today`` call, then a sentence."""

    def __init__(self) -> None:
        self.config = ModelConfig(base_url="http://127.0.0.1:1/v1", model="instant")

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        tools: Sequence[dict[str, Any]] = (),
        *,
        deadline: float | None = None,
    ) -> Completion:
        if messages[-1]["role"] == "tool":
            return Completion("Squats first: they need you fresh. Then the accessories.")
        return Completion(None, (ToolCall("call_1", "get_today", "{}"),))

    async def close(self) -> None:
        return None


async def run(ctx) -> None:
    iterations = 20 if ctx.quick else 100
    engine = create_engine(ctx.database_url, pool_size=2)
    factory = create_session_factory(engine)
    try:
        async with unit_of_work(factory) as repos:
            catalog = Catalog.from_rows(*await repos.movements.system_rows())
        library = default_library()
        heuristics = {h.name: library.heuristic(h.name) for h in library.heuristics}
        clock = FixedClock(dt.datetime.combine(START, dt.time(8), tzinfo=dt.UTC))
        deps = CoachDeps(catalog=catalog, heuristics=heuristics, clock=clock, llm=InstantModel())
        handle = f"bench-assistant-{time.time_ns()}"
        async with unit_of_work(factory) as repos:
            user = await repos.users.get_or_create_local(handle)
            await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=START, seed=1)
            user.onboarded_at = clock.now()
            thread = await repos.conversation.active_thread(user.id, "free_chat")
            for i in range(20):
                await repos.conversation.add_turn(thread, "user", f"question {i} about my training block")
                await repos.conversation.add_turn(
                    thread, "assistant", f"answer {i}: keep the bar path vertical."
                )
            user_id = user.id

        coaches = {
            "model": ConversationEngine(factory, deps),
            "offline": ConversationEngine(factory, replace(deps, llm=None)),
        }

        async def exchange(coach: str) -> float:
            started = time.perf_counter()
            replies = await coaches[coach].handle(Incoming.local(handle, "why do squats come first today?"))
            elapsed = (time.perf_counter() - started) * 1000
            assert replies and replies[0].text, replies
            return elapsed

        async def adaptation() -> float:
            async with unit_of_work(factory) as repos:
                lifter = await repos.users.get(user_id)
                assert lifter is not None
                started = time.perf_counter()
                await today(repos, deps, lifter, START)
                return (time.perf_counter() - started) * 1000

        def median(samples: list[float]) -> tuple[float, float]:
            samples = sorted(samples)
            return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)]

        for _ in range(3):  # warm caches and the connection pool
            await exchange("model")
        totals, adaptations, own = [], [], []
        for _ in range(iterations):  # interleaved, so drift in machine load hits both alike
            adapt_ms = await adaptation()
            total_ms = await exchange("model")
            totals.append(total_ms)
            adaptations.append(adapt_ms)
            own.append(total_ms - adapt_ms)
        total, total_p95 = median(totals)
        adapt, _ = median(adaptations)
        without, _ = median(own)
        offline, offline_p95 = median([await exchange("offline") for _ in range(iterations)])
        setting = (
            f"{iterations} exchanges through the engine, 40-turn thread, 1 tool call (get_today), "
            "both turns stored"
        )
        ctx.figure(
            "assistant_overhead_per_model_call",
            total,
            "ms",
            f"{setting}; median, p95 {total_p95:.1f} ms",
            target="< 20 ms",
        )
        ctx.figure(
            "assistant_daily_adaptation_share",
            adapt,
            "ms",
            "coach.today.service.today once per message (planning engine), median",
        )
        ctx.figure(
            "assistant_overhead_without_adaptation",
            without,
            "ms",
            f"{setting}; prompt, memory, tools, storage, unit of work; median of per-exchange differences",
            target="< 20 ms",
        )
        ctx.figure(
            "assistant_offline_answer",
            offline,
            "ms",
            f"{iterations} exchanges without a model (explain intent); median, p95 {offline_p95:.1f} ms",
        )
    finally:
        await engine.dispose()
