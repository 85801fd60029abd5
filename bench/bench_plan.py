"""Program generation, storage and the daily adaptation, for a 12-week, 6-day program.

Targets (2-core machine): generate under 50 ms, save under 300 ms (program, microcycles,
sessions and exercises written with one statement per table and committed).

``coach.today.service.today`` runs for every /today, once per assistant message and for
reminders whose plan may be stale, so its median latency is timed in week 3 of that program
for a lifter who logged every session so far (the ordinary day: the adaptation is already
stored and read again, as the assistant does once per message) and for lifters who missed
Monday's and Tuesday's sessions (their first look shifts the rest of the program on and
adapts the session that moved to today). SQL statements per call are counted too. Targets:
under 5 ms for the ordinary day; for the shift, a small number of statements that does not
grow with the program (one UPDATE per table, not one per session).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import event, text

from coach.catalog import Catalog
from coach.deps import CoachDeps
from coach.planning import generate
from coach.planning.model import ProgramPlan
from coach.planning.service import store_plan
from coach.profile import Profile
from coach.today.service import today
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
#: Wednesday of the program's third week: the day ``today`` is timed on.
TODAY_DAY = dt.date(2026, 1, 21)
#: The ordinary lifter logged everything before it; the others skipped Monday and Tuesday.
MISSED = (dt.date(2026, 1, 19), dt.date(2026, 1, 20))
#: Calls made before timing starts.
WARM = 3


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
        await _bench_today(ctx, engine, factory, deps, plans[0], runs)
    finally:
        await engine.dispose()


async def _lifter(factory: Any, plan: ProgramPlan, handle: str, missed: tuple[dt.date, ...]) -> int:
    """A lifter on ``plan`` who logged every training session before ``TODAY_DAY`` but ``missed``."""
    async with unit_of_work(factory) as repos:
        user = await repos.users.get_or_create_local(handle)
        program = await store_plan(repos, user, plan)
        await repos.session.execute(
            text(
                """
                INSERT INTO workout_logs (user_id, session_id, date, completed, source)
                SELECT :user_id, s.id, s.date, true, 'chat'
                FROM sessions s JOIN microcycles m ON m.id = s.microcycle_id
                WHERE m.program_id = :program_id AND s.date < :day AND NOT (s.date = ANY(:missed))
                  AND NOT s.intent_tags::jsonb ? 'activity'
                """
            ),
            {"user_id": user.id, "program_id": program.id, "day": TODAY_DAY, "missed": list(missed)},
        )
        return user.id


async def _bench_today(
    ctx: Any, engine: Any, factory: Any, deps: CoachDeps, plan: ProgramPlan, runs: int
) -> None:
    """Median ``today`` for the ordinary lifter (``runs × 5`` looks) and for ``runs`` lifters
    behind by two sessions (each shifts once: a shift is a first look, never a repeated one)."""
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    async def timed(user_id: int) -> tuple[float, int]:
        """One ``today`` call in its own unit of work (committed, as the bot's would be)."""
        nonlocal statements
        async with unit_of_work(factory) as repos:
            user = await repos.users.get(user_id)
            assert user is not None
            statements = 0
            started = time.perf_counter()
            result = await today(repos, deps, user, TODAY_DAY)
            elapsed = (time.perf_counter() - started) * 1000
            used = statements
            assert result.session is not None and result.session.date == TODAY_DAY
        return elapsed, used

    ordinary = await _lifter(factory, plan, "bench-today-ordinary", ())
    behind = [await _lifter(factory, plan, f"bench-today-missed-{i}", MISSED) for i in range(WARM + runs)]
    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        await timed(ordinary)  # the first look of the day stores the adaptation
        await _figures(
            ctx,
            "plan_today_median",
            "ordinary week, adaptation already stored",
            [lambda: timed(ordinary)] * (WARM + runs * 5),
            "< 5 ms",
            None,
        )
        await _figures(
            ctx,
            "plan_today_two_missed_median",
            "two missed sessions: the plan shifts, today's session is adapted and stored",
            [lambda user_id=user_id: timed(user_id) for user_id in behind],
            None,
            "< 20",
        )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    async with unit_of_work(factory) as repos:
        for user_id in (ordinary, *behind):
            await repos.users.delete(user_id)


async def _figures(
    ctx: Any,
    name: str,
    what: str,
    calls: list[Callable[[], Awaitable[tuple[float, int]]]],
    target: str | None,
    statements_target: str | None,
) -> None:
    for call in calls[:WARM]:  # warm caches and the connection, as a running bot has them
        await call()
    samples = [await call() for call in calls[WARM:]]
    times = sorted(t for t, _ in samples)
    used = sorted({n for _, n in samples})
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    workload = (
        f"coach.today.service.today, week 3 of 12 × 6 days + tennis, {what}; "
        f"{len(samples)} runs, p95 {p95:.1f} ms"
    )
    ctx.figure(name, statistics.median(times), "ms", workload, target=target)
    per_call = "–".join(str(n) for n in (used[0], used[-1])) if len(used) > 1 else str(used[0])
    ctx.figure(
        name.replace("_median", "_statements"),
        float(used[-1]),
        "statements",
        f"SQL statements per call, {what}: {per_call}",
        target=statements_target,
    )
