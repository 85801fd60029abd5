"""Reminder deliveries: who is due, claims with leases, and the outcome of every send.

One row per (user, local date, kind) in ``reminder_deliveries`` is what makes a reminder go
out once, whatever number of bot processes and ``gainsly remind`` runs are claiming. A row
moves through these states (``attempts`` counts sends that were started):

- ``claimed``, attempts 0 — reserved by ``claimed_by`` until ``lease_expires_at``; nothing was
  sent, so once the lease expires any sender may take it over.
- ``claimed``, attempts > 0 — a send is in flight. If its lease expires the sender died
  mid-send and nobody knows whether Telegram delivered it: the row becomes ``failed`` for good
  and is NOT sent again (never twice beats at least once).
- ``failed`` with a lease — Telegram definitely refused (429, 5xx, no connection); retried
  after ``lease_expires_at`` until the attempts run out.
- ``failed`` without a lease, ``sent``, ``skipped`` — final.

Every method is one statement; the caller keeps each claim or mark in its own short
transaction so a row is never locked across a Telegram call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.enums import ExerciseRole
from db.models import (
    ActivityDefinition,
    ActivityInstance,
    Discipline,
    Microcycle,
    Movement,
    Program,
    ReminderDelivery,
    Session,
    SessionExercise,
    User,
    UserEnjoyableActivity,
)

DAILY, EVENING, WEEKLY = "daily", "evening", "weekly"
#: Advisory lock namespace of the sending turn (users.lock uses 7100).
_LOCK_NAMESPACE = 7101


@dataclass(frozen=True)
class Window:
    """Lifters of ``timezone`` whose target local time on ``local_date`` lies in [lo, hi]."""

    timezone: str
    local_date: dt.date
    lo: dt.time = dt.time.min
    hi: dt.time = dt.time.max


@dataclass(frozen=True)
class Claim:
    id: int
    user_id: int
    local_date: dt.date
    kind: str
    attempts: int


@dataclass(frozen=True)
class ActivityDone:
    """The last time a lifter logged an activity of this definition."""

    name: str
    discipline: str | None
    last_performed: dt.datetime


@dataclass(frozen=True)
class DayPlan:
    """A lifter's plan for one local date, as stored (no adaptation is run to read it)."""

    has_program: bool
    #: The active program's sessions on that date (training and activities), adapted or not.
    sessions: tuple[Session, ...]
    #: ``coach.today`` has news for the day that the stored plan lacks: a missed session
    #: before it (the plan may shift) or a session moved away from it.
    unsettled: bool
    #: A completed workout is logged on that date.
    logged: bool


@dataclass(frozen=True)
class PlannedDay:
    date: dt.date
    session_type: str
    is_deload: bool
    main_movements: tuple[str, ...]


def _window_arrays(windows: Sequence[Window]) -> dict[str, list]:
    return {
        "w_tz": [w.timezone for w in windows],
        "w_day": [w.local_date for w in windows],
        "w_lo": [w.lo for w in windows],
        "w_hi": [w.hi for w in windows],
    }


_WINDOWS = """
windows AS (
    SELECT * FROM unnest(CAST(:w_tz AS text[]), CAST(:w_day AS date[]),
                         CAST(:w_lo AS time[]), CAST(:w_hi AS time[]))
           AS w(timezone, local_date, lo, hi)
)"""

#: A lifter we may message at all, for a delivery of kind ``{kind}`` on ``{day}``.
_REACHABLE = """
    u.telegram_chat_id IS NOT NULL AND u.blocked_at IS NULL
    AND st.reminders_enabled AND st.reminder_time IS NOT NULL
    AND ({kind} <> 'evening' OR (st.evening_nudge_enabled AND st.reminder_time < CAST(:evening_time AS time)))
    AND ({kind} <> 'weekly' OR st.weekly_summary_enabled)
    AND ({kind} = 'weekly' OR st.reminder_snoozed_on IS NULL OR st.reminder_snoozed_on <> {day})"""

_CLAIM_DUE = text(
    f"""
WITH {_WINDOWS},
due AS (
    SELECT u.id AS user_id, w.local_date
    FROM windows w
    JOIN users u ON u.timezone = w.timezone
    JOIN user_settings st ON st.user_id = u.id
    WHERE {_REACHABLE.format(kind="CAST(:kind AS text)", day="w.local_date")}
      AND (CASE WHEN CAST(:at AS time) IS NULL THEN st.reminder_time ELSE CAST(:at AS time) END)
          BETWEEN w.lo AND w.hi
      AND NOT EXISTS (
          SELECT 1 FROM reminder_deliveries d
          WHERE d.user_id = u.id AND d.local_date = w.local_date AND d.kind = :kind)
    ORDER BY st.reminder_time, u.id
    LIMIT :limit
)
INSERT INTO reminder_deliveries (user_id, local_date, kind, status, claimed_by, lease_expires_at, attempts)
SELECT user_id, local_date, :kind, 'claimed', :sender, :lease, 0 FROM due
ON CONFLICT (user_id, local_date, kind) DO NOTHING
RETURNING id, user_id, local_date, kind, attempts
"""
)

_TAKE_OVER = text(
    f"""
WITH {_WINDOWS},
candidates AS (
    SELECT d.id
    FROM reminder_deliveries d
    JOIN users u ON u.id = d.user_id
    JOIN user_settings st ON st.user_id = u.id
    JOIN windows w ON w.timezone = u.timezone AND w.local_date = d.local_date
    WHERE d.lease_expires_at < :now
      AND ((d.status = 'claimed' AND d.attempts = 0) OR (d.status = 'failed' AND d.attempts < :max_attempts))
      AND {_REACHABLE.format(kind="d.kind", day="d.local_date")}
    ORDER BY d.id
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
)
UPDATE reminder_deliveries d
SET claimed_by = :sender, lease_expires_at = :lease
FROM candidates c
WHERE d.id = c.id
RETURNING d.id, d.user_id, d.local_date, d.kind, d.attempts
"""
)


#: Lifters (of ``:uids`` with their ``:days``) for whom ``coach.today`` has news the stored plan
#: lacks: a training session in the two weeks before the day with no workout against it (nor
#: a free workout that day) and not skipped — a missed session, which may shift the plan — or
#: a session moved away from the day.
_UNSETTLED = text(
    """
SELECT DISTINCT p.user_id
FROM unnest(CAST(:uids AS bigint[]), CAST(:days AS date[])) AS w(user_id, day)
JOIN programs p ON p.user_id = w.user_id AND p.is_active AND NOT p.is_template
JOIN microcycles m ON m.program_id = p.id
JOIN sessions s ON s.microcycle_id = m.id
WHERE (
    s.date >= w.day - 14 AND s.date < w.day
    AND NOT COALESCE(CAST(s.intent_tags AS jsonb) ? 'activity', false)
    AND COALESCE(CAST(s.adaptation_json AS jsonb) ->> 'skipped', 'false') <> 'true'
    AND NOT EXISTS (SELECT 1 FROM workout_logs l WHERE l.session_id = s.id)
    AND NOT EXISTS (
        SELECT 1 FROM workout_logs l
        WHERE l.user_id = p.user_id AND l.session_id IS NULL AND l.completed AND l.date = s.date)
) OR (
    s.date <> w.day AND CAST(s.adaptation_json AS jsonb) -> 'moved' ->> 'from' = CAST(w.day AS text)
)
"""
)

_LOGGED = text(
    """
SELECT DISTINCT w.user_id
FROM unnest(CAST(:uids AS bigint[]), CAST(:days AS date[])) AS w(user_id, day)
JOIN workout_logs l ON l.user_id = w.user_id AND l.date = w.day AND l.completed
"""
)


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def try_sending_turn(self) -> bool:
        """Take the one sending turn for this transaction, if no other sender holds it.

        Senders (bot processes, ``gainsly remind``) take turns batch by batch, so together
        they stay within Telegram's per-bot message rate. Correctness does not depend on it:
        the claims alone already make every reminder go out once.
        """
        return bool(
            await self.session.scalar(
                text("SELECT pg_try_advisory_xact_lock(:ns, :key)"), {"ns": _LOCK_NAMESPACE, "key": 1}
            )
        )

    async def timezones(self) -> list[str]:
        """The timezone names of every lifter a reminder could reach."""
        rows = await self.session.scalars(
            select(User.timezone)
            .where(User.telegram_chat_id.is_not(None), User.blocked_at.is_(None))
            .distinct()
        )
        return list(rows)

    async def _plan_with_these_windows(self) -> None:
        """Plan the next window statements for the windows they get, for this transaction.

        PostgreSQL switches a prepared statement to a generic plan after a few runs; for the
        window arrays (unnested, so of unknown size and content to a generic plan) that plan
        scans every lifter for each window: about 1 s per batch of 200 at 10 000 lifters
        instead of about 50 ms. Planning each run costs well under a millisecond.
        """
        await self.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

    async def claim_due(
        self,
        kind: str,
        windows: Sequence[Window],
        *,
        at: dt.time | None,
        evening_time: dt.time,
        now: dt.datetime,
        sender: str,
        lease: dt.timedelta,
        limit: int,
    ) -> list[Claim]:
        """Reserve up to ``limit`` reminders of ``kind`` that are due and have no row yet.

        Due: the lifter's target time (their ``reminder_time``, or ``at`` for kinds sent at a
        fixed local time) lies in their zone's window. ``INSERT … ON CONFLICT DO NOTHING`` on
        the unique (user, local date, kind) key makes two concurrent claimers split the work:
        the second waits for the first to commit, then skips every row the first inserted.
        """
        if not windows:
            return []
        await self._plan_with_these_windows()
        result = await self.session.execute(
            _CLAIM_DUE,
            {
                **_window_arrays(windows),
                "kind": kind,
                "at": at,
                "evening_time": evening_time,
                "sender": sender,
                "lease": now + lease,
                "limit": limit,
            },
        )
        return [Claim(*row) for row in result.all()]

    async def take_over(
        self,
        windows: Sequence[Window],
        *,
        evening_time: dt.time,
        now: dt.datetime,
        sender: str,
        lease: dt.timedelta,
        max_attempts: int,
        limit: int,
    ) -> list[Claim]:
        """Reserve today's reminders whose reservation lapsed or whose retry time has come.

        ``windows`` give each zone's local date (ranges are ignored): a reminder is never
        retried on a later local date. ``FOR UPDATE SKIP LOCKED`` lets concurrent senders pass
        each other instead of queueing.
        """
        if not windows:
            return []
        await self._plan_with_these_windows()
        result = await self.session.execute(
            _TAKE_OVER,
            {
                **_window_arrays(windows),
                "evening_time": evening_time,
                "now": now,
                "sender": sender,
                "lease": now + lease,
                "max_attempts": max_attempts,
                "limit": limit,
            },
        )
        return [Claim(*row) for row in result.all()]

    async def abandon_dead_sends(self, *, now: dt.datetime) -> int:
        """Close sends whose sender died mid-flight: maybe delivered, so never sent again."""
        result = await self.session.execute(
            update(ReminderDelivery)
            .where(
                ReminderDelivery.status == "claimed",
                ReminderDelivery.attempts > 0,
                ReminderDelivery.lease_expires_at < now,
            )
            .values(
                status="failed",
                lease_expires_at=None,
                error="outcome unknown: the sender stopped during the send; not resent so it "
                "cannot arrive twice",
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def expire_stale(self, *, before: dt.datetime) -> int:
        """Give up on reservations and retries that lapsed before ``before`` (too late now)."""
        reserved = await self.session.execute(
            update(ReminderDelivery)
            .where(
                ReminderDelivery.status == "claimed",
                ReminderDelivery.attempts == 0,
                ReminderDelivery.lease_expires_at < before,
            )
            .values(status="skipped", lease_expires_at=None, error="not sent in time")
        )
        retries = await self.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.status == "failed", ReminderDelivery.lease_expires_at < before)
            .values(lease_expires_at=None)
        )
        return int((reserved.rowcount or 0) + (retries.rowcount or 0))  # type: ignore[attr-defined]

    async def begin_attempt(
        self, delivery_id: int, *, sender: str, now: dt.datetime, lease: dt.timedelta
    ) -> int | None:
        """Record that a send starts now; the attempt number, or ``None`` if the claim was lost.

        Committed before the Telegram call: from here on a crash leaves an in-flight row that
        is never resent.
        """
        return await self.session.scalar(
            update(ReminderDelivery)
            .where(
                ReminderDelivery.id == delivery_id,
                ReminderDelivery.claimed_by == sender,
                ReminderDelivery.lease_expires_at.is_not(None),
                (
                    and_(ReminderDelivery.status == "claimed", ReminderDelivery.attempts == 0)
                    | (ReminderDelivery.status == "failed")
                ),
            )
            .values(
                status="claimed",
                attempts=ReminderDelivery.attempts + 1,
                lease_expires_at=now + lease,
                error=None,
            )
            .returning(ReminderDelivery.attempts)
        )

    async def mark_sent(self, delivery_id: int, *, now: dt.datetime, message_id: int | None) -> None:
        """Telegram accepted it: whatever anyone concluded meanwhile, it was sent."""
        await self.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id == delivery_id)
            .values(
                status="sent", sent_at=now, telegram_message_id=message_id, lease_expires_at=None, error=None
            )
        )

    async def mark_failed(
        self, delivery_id: int, *, sender: str, error: str, retry_at: dt.datetime | None
    ) -> None:
        """Telegram refused (or we could not reach it): retry after ``retry_at``, or never."""
        await self.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id == delivery_id, ReminderDelivery.claimed_by == sender)
            .values(status="failed", lease_expires_at=retry_at, error=error[:2000])
        )

    async def mark_skipped(self, delivery_id: int, *, sender: str, reason: str) -> None:
        """Nothing to send (rest of the day already handled, user blocked us, …): final."""
        await self.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id == delivery_id, ReminderDelivery.claimed_by == sender)
            .values(status="skipped", lease_expires_at=None, error=reason[:2000])
        )

    async def record_skipped(self, user_id: int, local_date: dt.date, kind: str, *, reason: str) -> None:
        """Settle a reminder that must not go out (e.g. its time passed before it was set)."""
        await self.session.execute(
            insert(ReminderDelivery)
            .values(user_id=user_id, local_date=local_date, kind=kind, status="skipped", error=reason)
            .on_conflict_do_nothing(index_elements=["user_id", "local_date", "kind"])
        )

    async def get(self, user_id: int, local_date: dt.date, kind: str) -> ReminderDelivery | None:
        return await self.session.scalar(
            select(ReminderDelivery).where(
                ReminderDelivery.user_id == user_id,
                ReminderDelivery.local_date == local_date,
                ReminderDelivery.kind == kind,
            )
        )

    # What reminders talk about -------------------------------------------------------------

    async def recipients(self, user_ids: Sequence[int]) -> dict[int, User]:
        """The lifters of a batch, with their settings, in one query."""
        rows = await self.session.scalars(
            select(User).where(User.id.in_(list(user_ids))).options(selectinload(User.settings))
        )
        return {u.id: u for u in rows}

    async def has_active_program(self, user_id: int) -> bool:
        return bool(
            await self.session.scalar(
                select(exists().where(Program.user_id == user_id, Program.is_active, ~Program.is_template))
            )
        )

    async def day_plans(self, wanted: Mapping[int, dt.date]) -> dict[int, DayPlan]:
        """For each lifter, their active program's plan for their local date, in four queries."""
        if not wanted:
            return {}
        programs = dict(
            (
                await self.session.execute(
                    select(Program.user_id, Program.id).where(
                        Program.user_id.in_(list(wanted)), Program.is_active, ~Program.is_template
                    )
                )
            ).all()
        )
        sessions: dict[int, list[Session]] = {}
        if programs:
            rows = await self.session.execute(
                select(Program.user_id, Session)
                .join(Microcycle, Microcycle.program_id == Program.id)
                .join(Session, Session.microcycle_id == Microcycle.id)
                .where(Program.id.in_(list(programs.values())), Session.date.in_(set(wanted.values())))
                .order_by(Session.id)
            )
            for user_id, session in rows.all():
                if session.date == wanted[user_id]:
                    sessions.setdefault(user_id, []).append(session)
        params = {"uids": list(wanted), "days": list(wanted.values())}
        unsettled = set(await self.session.scalars(_UNSETTLED, params)) if programs else set()
        logged = set(await self.session.scalars(_LOGGED, params))
        return {
            user_id: DayPlan(
                has_program=user_id in programs,
                sessions=tuple(sessions.get(user_id, ())),
                unsettled=user_id in unsettled,
                logged=user_id in logged,
            )
            for user_id in wanted
        }

    async def enjoyable_activities(self, user_ids: Sequence[int]) -> dict[int, list[UserEnjoyableActivity]]:
        """Per lifter, the activities they enjoy and want suggested, in the order they gave them."""
        rows = await self.session.scalars(
            select(UserEnjoyableActivity)
            .where(UserEnjoyableActivity.user_id.in_(list(user_ids)), UserEnjoyableActivity.enabled)
            .order_by(UserEnjoyableActivity.id)
        )
        out: dict[int, list[UserEnjoyableActivity]] = {}
        for row in rows:
            out.setdefault(row.user_id, []).append(row)
        return out

    async def activities_done(self, user_ids: Sequence[int]) -> dict[int, list[ActivityDone]]:
        """Per lifter and activity definition, when they last did it."""
        rows = await self.session.execute(
            select(
                ActivityInstance.user_id,
                ActivityDefinition.name,
                Discipline.slug,
                func.max(ActivityInstance.performed_start),
            )
            .join(ActivityInstance, ActivityInstance.activity_definition_id == ActivityDefinition.id)
            .outerjoin(Discipline, Discipline.id == ActivityDefinition.discipline_id)
            .where(
                ActivityInstance.user_id.in_(list(user_ids)), ActivityInstance.performed_start.is_not(None)
            )
            .group_by(ActivityInstance.user_id, ActivityDefinition.name, Discipline.slug)
        )
        out: dict[int, list[ActivityDone]] = {}
        for user_id, name, slug, last in rows.all():
            out.setdefault(user_id, []).append(ActivityDone(name, slug, last))
        return out

    async def planned_days(self, user_id: int, first: dt.date, last: dt.date) -> list[PlannedDay]:
        """Sessions of the active program dated in [first, last], with their main lifts."""
        sessions = (
            await self.session.execute(
                select(Session.id, Session.date, Session.session_type, Microcycle.is_deload)
                .join(Microcycle, Microcycle.id == Session.microcycle_id)
                .join(Program, Program.id == Microcycle.program_id)
                .where(
                    Program.user_id == user_id,
                    Program.is_active,
                    ~Program.is_template,
                    Session.date >= first,
                    Session.date <= last,
                )
                .order_by(Session.date, Session.id)
            )
        ).all()
        mains: dict[int, list[str]] = {}
        if sessions:
            rows = await self.session.execute(
                select(SessionExercise.session_id, Movement.name)
                .join(Movement, Movement.id == SessionExercise.movement_id)
                .where(
                    SessionExercise.session_id.in_([s.id for s in sessions]),
                    SessionExercise.role == ExerciseRole.MAIN,
                )
                .order_by(SessionExercise.session_id, SessionExercise.order_in_session)
            )
            for session_id, name in rows.all():
                mains.setdefault(session_id, []).append(name)
        return [
            PlannedDay(day, str(getattr(kind, "value", kind)), bool(deload), tuple(mains.get(sid, ())))
            for sid, day, kind, deload in sessions
        ]
