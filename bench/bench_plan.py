"""Program generation and storage: median time for a 12-week, 6-day program.

Targets (2-core machine): generate under 50 ms, save under 300 ms (program, microcycles,
sessions and exercises written with one statement per table and committed).
"""

from __future__ import annotations

import statistics
import time

from coach.catalog import Catalog
from coach.deps import CoachDeps
from coach.planning import generate
from coach.planning.service import store_plan
from coach.profile import Profile
from db.engine import create_engine, create_session_factory
from db.library import default_library
from db.uow import unit_of_work

PROFILE = {
    "experience_level": "intermediate",
    "days_per_week": 6,
    "session_minutes": 75,
    "goals": [
        {"goal": "strength", "weight": 4},
        {"goal": "hypertrophy", "weight": 4},
        {"goal": "fat_loss", "weight": 2},
    ],
    "duration_weeks": 12,
    "start_date": "2026-01-05",
    "equipment": "gym",
    "movement_rules": [{"movement": "Romanian Deadlift", "rule": "hard_yes"}],
    "enjoyable_activities": [{"activity": "tennis", "recommend_every_days": 7}],
}


async def run(ctx) -> None:
    runs = 10 if ctx.quick else 40
    engine = create_engine(ctx.database_url, pool_size=1)
    factory = create_session_factory(engine)
    try:
        async with unit_of_work(factory) as repos:
            catalog = Catalog.from_rows(*await repos.movements.system_rows())
            heuristics = await repos.heuristics.active()
        library = default_library()
        for h in library.heuristics:
            heuristics.setdefault(h.name, library.heuristic(h.name))
        deps = CoachDeps(catalog=catalog, heuristics=heuristics)
        profile = Profile.parse(PROFILE)

        generate(profile, catalog, heuristics, seed=0)  # warm caches, as a running bot has them
        times, plans = [], []
        for seed in range(runs):
            started = time.perf_counter()
            plans.append(generate(profile, catalog, heuristics, seed=seed))
            times.append((time.perf_counter() - started) * 1000)
        sessions = sum(len(m.sessions) for m in plans[0].microcycles)
        exercises = sum(len(s.exercises) for m in plans[0].microcycles for s in m.sessions)
        workload = f"12 weeks × 6 days + tennis: {sessions} sessions, {exercises} exercises; {runs} runs"
        ctx.figure("plan_generate_median", statistics.median(times), "ms", workload, target="< 50 ms")

        saves, handles = [], [f"bench-plan-{i}" for i in range(runs)]
        for plan, handle in zip(plans, handles, strict=True):
            async with unit_of_work(factory) as repos:
                user = await repos.users.get_or_create_local(handle)
            started = time.perf_counter()
            async with unit_of_work(factory) as repos:
                user = await repos.users.get_or_create_local(handle)
                await store_plan(repos, user, plan)
            saves.append((time.perf_counter() - started) * 1000)
        ctx.figure(
            "plan_save_median", statistics.median(saves), "ms", workload + ", committed", target="< 300 ms"
        )
        async with unit_of_work(factory) as repos:
            for handle in handles:
                user = await repos.users.by_local_handle(handle)
                if user is not None:
                    await repos.users.delete(user.id)
        del deps
    finally:
        await engine.dispose()
