"""Due reminders claimed, and claimed and composed, per second (sending excluded).

10 000 lifters (1 000 with ``--quick``) across twenty timezones, all due at the same
instant, each with a real generated program (cloned in SQL from one ``create_program`` so
setting up stays quick); their programs start on different weekdays, so about half of them
train today and half get a rest-day note. Three passes over the same lifters:

- claims only: the due query and the ``INSERT … ON CONFLICT`` claims, in batches;
- claims and composition, everyone having logged every session so far: the daily reminder in
  the lifter's voice with today's session in brief and signed buttons — the whole
  ``prepare_batch`` pass the sender runs before sending, read in bulk from the stored plans;
- the same after 5% of the lifters missed their sessions: their reminders go through
  ``coach.today``, which shifts their plan and stores the adaptation, one lifter at a time.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import text

from coach.catalog import Catalog
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.planning.service import create_program
from coach.profile import Profile
from coach.reminders.content import COMPOSER
from coach.reminders.delivery import prepare_batch
from coach.reminders.due import claim_batch, current_slots
from coach.reminders.policy import ReminderPolicy
from db.engine import create_engine, create_session_factory
from db.library import default_library
from db.uow import unit_of_work

NOW = dt.datetime(2026, 12, 9, 7, 30, tzinfo=dt.UTC)
ZONES = (
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Asia/Dubai", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Africa/Lagos", "Asia/Tehran",
)  # fmt: skip
PROFILE = {
    "days_per_week": 4,
    "goals": [{"goal": "strength", "weight": 5}, {"goal": "hypertrophy", "weight": 5}],
    "duration_weeks": 8,
}
BATCH = 200

_CLONE = """
CREATE TEMP TABLE bench_users ON COMMIT DROP AS
    SELECT u.id, (u.id % 7) AS shift FROM users u
    WHERE u.local_handle LIKE 'bench-remind-%' AND u.telegram_chat_id IS NOT NULL;
INSERT INTO programs (user_id, name, start_date, duration_weeks, goal_1, goal_2, goal_3, goal_weight_1,
    goal_weight_2, goal_weight_3, split_template, days_per_week, progression_style, hybrid_definition,
    disciplines_json, deload_every_n_microcycles, persona_tone, persona_aggression, is_active, is_template,
    visibility, seed, profile_json)
SELECT b.id, p.name, p.start_date + b.shift, p.duration_weeks, p.goal_1, p.goal_2, p.goal_3, p.goal_weight_1,
    p.goal_weight_2, p.goal_weight_3, p.split_template, p.days_per_week, p.progression_style,
    p.hybrid_definition, p.disciplines_json, p.deload_every_n_microcycles, p.persona_tone,
    p.persona_aggression, p.is_active, p.is_template, p.visibility, p.seed, p.profile_json
FROM programs p CROSS JOIN bench_users b WHERE p.id = :template;
INSERT INTO microcycles (program_id, start_date, length_days, sequence_number, status, is_deload)
SELECT np.id, m.start_date + b.shift, m.length_days, m.sequence_number, m.status, m.is_deload
FROM microcycles m
JOIN programs np ON np.id <> :template
JOIN bench_users b ON b.id = np.user_id
WHERE m.program_id = :template;
INSERT INTO sessions (microcycle_id, main_circuit_id, finisher_circuit_id, date, day_number, session_type,
    intent_tags, warmup_json, main_json, accessory_json, finisher_json, cooldown_json,
    estimated_duration_minutes, warmup_duration_minutes, main_duration_minutes, accessory_duration_minutes,
    finisher_duration_minutes, cooldown_duration_minutes, coach_notes)
SELECT nm.id, s.main_circuit_id, s.finisher_circuit_id, s.date + b.shift, s.day_number, s.session_type,
    s.intent_tags, s.warmup_json, s.main_json, s.accessory_json, s.finisher_json, s.cooldown_json,
    s.estimated_duration_minutes, s.warmup_duration_minutes, s.main_duration_minutes,
    s.accessory_duration_minutes, s.finisher_duration_minutes, s.cooldown_duration_minutes, s.coach_notes
FROM sessions s
JOIN microcycles om ON om.id = s.microcycle_id AND om.program_id = :template
JOIN microcycles nm ON nm.sequence_number = om.sequence_number AND nm.program_id <> :template
JOIN programs np ON np.id = nm.program_id
JOIN bench_users b ON b.id = np.user_id;
INSERT INTO session_exercises (session_id, movement_id, role, order_in_session, superset_group, target_sets,
    target_rep_range_min, target_rep_range_max, target_rpe, target_rir, target_duration_seconds,
    default_rest_seconds, is_complex_lift, substitution_allowed, notes)
SELECT ns.id, e.movement_id, e.role, e.order_in_session, e.superset_group, e.target_sets,
    e.target_rep_range_min, e.target_rep_range_max, e.target_rpe, e.target_rir, e.target_duration_seconds,
    e.default_rest_seconds, e.is_complex_lift, e.substitution_allowed, e.notes
FROM session_exercises e
JOIN sessions os ON os.id = e.session_id
JOIN microcycles om ON om.id = os.microcycle_id AND om.program_id = :template
JOIN microcycles nm ON nm.sequence_number = om.sequence_number AND nm.program_id <> :template
JOIN programs np ON np.id = nm.program_id
JOIN bench_users b ON b.id = np.user_id
JOIN sessions ns ON ns.microcycle_id = nm.id AND ns.day_number = os.day_number;
INSERT INTO workout_logs (user_id, session_id, date, completed, source)
SELECT np.user_id, s.id, s.date, true, 'chat'
FROM sessions s
JOIN microcycles m ON m.id = s.microcycle_id
JOIN programs np ON np.id = m.program_id AND np.id <> :template
WHERE s.date < :today;
"""


async def _populate(factory, deps: CoachDeps, count: int) -> None:  # type: ignore[no-untyped-def]
    """``count`` lifters due at ``NOW``: one real program, cloned for everyone else."""
    async with unit_of_work(factory) as repos:
        template_user = await repos.users.get_or_create_local("bench-remind-template")
        program = await create_program(
            repos, deps, template_user, Profile.parse(PROFILE), start_date=NOW.date() - dt.timedelta(days=9)
        )
        template = program.id
        await repos.session.execute(
            text(
                """
                INSERT INTO users (name, local_handle, timezone, telegram_chat_id, persona_tone)
                SELECT 'Lifter ' || n, 'bench-remind-' || n, (CAST(:zones AS text[]))[1 + n % :zone_count],
                       8000000000 + n,
                       (ARRAY['DRILL_SERGEANT','SUPPORTIVE','ANALYTICAL','MOTIVATIONAL','MINIMALIST'])[1 + n % 5]
                           ::personatone
                FROM generate_series(1, :count) AS n
                """
            ),
            {"zones": list(ZONES), "zone_count": len(ZONES), "count": count},
        )
        await repos.session.execute(
            text(
                """
                INSERT INTO user_settings (user_id, reminder_time, reminders_enabled)
                SELECT u.id, date_trunc('minute', CAST(:now AS timestamptz) AT TIME ZONE u.timezone)::time, true
                FROM users u WHERE u.local_handle LIKE 'bench-remind-%' AND u.id <> :template_user
                """
            ),
            {"now": NOW, "template_user": template_user.id},
        )
        for statement in _CLONE.split(";"):
            if statement.strip():
                await repos.session.execute(text(statement), {"template": template, "today": NOW.date()})
        await repos.session.execute(text("ANALYZE"))


async def _drain(factory, deps: CoachDeps, policy: ReminderPolicy, *, render: bool) -> int:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as repos:
        slots = await current_slots(repos, NOW, policy)
    done = 0
    while True:
        async with unit_of_work(factory) as repos:
            claims = await claim_batch(repos, slots, policy=policy, now=NOW, sender="bench", limit=BATCH)
        if not claims:
            return done
        if render:
            prepared = await prepare_batch(
                factory, deps, claims, sender_id="bench", compose=COMPOSER, policy=policy
            )
            assert len(prepared) == len(claims), "every bench lifter has something to be reminded of"
        done += len(claims)


async def run(ctx) -> None:  # type: ignore[no-untyped-def]
    count = 1_000 if ctx.quick else 10_000
    policy = ReminderPolicy(render_concurrency=8)
    engine = create_engine(ctx.database_url, pool_size=policy.render_concurrency + 2)
    factory = create_session_factory(engine)
    try:
        async with unit_of_work(factory) as repos:
            heuristics = await repos.heuristics.active()
            catalog = Catalog.from_rows(*await repos.movements.system_rows())
        for h in default_library().heuristics:
            heuristics.setdefault(h.name, default_library().heuristic(h.name))
        deps = CoachDeps(catalog=catalog, heuristics=heuristics, clock=FixedClock(NOW))
        await _populate(factory, deps, count)
        workload = f"{count} lifters due at once in {len(ZONES)} timezones, batches of {BATCH}"

        started = time.perf_counter()
        claimed = await _drain(factory, deps, policy, render=False)
        elapsed = time.perf_counter() - started
        assert claimed == count, f"claimed {claimed} of {count}"
        ctx.figure("reminders_claimed_per_second", claimed / elapsed, "reminders/s", workload)

        for label, missed in (("", False), ("_with_5pct_missed_sessions", True)):
            async with unit_of_work(factory) as repos:
                await repos.session.execute(text("DELETE FROM reminder_deliveries"))
                if missed:
                    await repos.session.execute(
                        text("DELETE FROM workout_logs WHERE user_id % 20 = 0 AND date < :today"),
                        {"today": NOW.date()},
                    )
            started = time.perf_counter()
            composed = await _drain(factory, deps, policy, render=True)
            elapsed = time.perf_counter() - started
            assert composed == count, f"composed {composed} of {count}"
            ctx.figure(
                f"reminders_claimed_and_composed_per_second{label}",
                composed / elapsed,
                "reminders/s",
                f"{workload}; "
                + (
                    "5% missed sessions, composed through coach.today"
                    if missed
                    else "every plan settled, composed in bulk"
                )
                + f", {policy.render_concurrency} at a time",
                target=None if missed else ">= 1000",
            )
    finally:
        await engine.dispose()
