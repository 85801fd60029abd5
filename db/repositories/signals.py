"""Read-only views of what a lifter logged, for daily adaptation and long-term goals.

Recovery signals, soreness, workouts and activities are written by the logbook; the coaching
engine only reads them here, always for one lifter and a date window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import MovementPattern
from db.models import ActivityInstance, TopSetLog, WorkoutLog


@dataclass(frozen=True, slots=True)
class ActivityDone:
    """An activity performed on a day, with the activity's muscle map (slug → magnitude)."""

    date: dt.date
    name: str | None
    minutes: int | None
    muscles: dict[str, float]


@dataclass(frozen=True, slots=True)
class RecoveryDay:
    """One recovery check-in: the fields readiness reads (``energy`` is the 1–5 answer)."""

    date: dt.date
    readiness: float | None
    sleep_hours: float | None
    sleep_score: float | None
    hrv: float | None
    energy: int | None


@dataclass(frozen=True, slots=True)
class SoreSpot:
    """A sore spot as the lifter named it ("legs", "quads"), with its 1–5 level."""

    date: dt.date
    body_part: str
    level: int


@dataclass(frozen=True, slots=True)
class Readings:
    """What the daily adaptation reads about a lifter's last days."""

    #: Recovery check-ins of the baseline window, by date.
    recovery: list[RecoveryDay]
    #: Soreness reported on the day and the day before, by date.
    soreness: list[SoreSpot]
    #: Yesterday's activities, by start.
    activities: list[ActivityDone]
    #: Yesterday's workouts, by date: how many sets each had of the patterns asked about.
    pattern_sets: list[tuple[dt.date, int]]


# The daily adaptation runs for every /today, assistant message and stale reminder. Its four
# reads come back in one round trip, each as a JSON array (a statement costs more in the
# driver and the ORM than these few rows cost in PostgreSQL). Activity dates are UTC dates.
_READINGS = text(
    """
    SELECT
      (SELECT json_agg(json_build_array(r.date, r.readiness, r.sleep_hours, r.sleep_score, r.hrv,
                                        r.raw_payload_json -> 'energy_1_5') ORDER BY r.date, r.id)
         FROM recovery_signals r
        WHERE r.user_id = :user_id AND r.date BETWEEN :since AND :day),
      (SELECT json_agg(json_build_array(s.date, s.body_part, s.soreness_1_5) ORDER BY s.date, s.id)
         FROM soreness_logs s
        WHERE s.user_id = :user_id AND s.date BETWEEN :yesterday AND :day),
      (SELECT json_agg(json_build_array(a.id, (a.performed_start AT TIME ZONE 'UTC')::date,
                                        a.duration_seconds, d.name, m.slug, mm.magnitude)
                       ORDER BY a.performed_start, a.id)
         FROM activity_instances a
         LEFT JOIN activity_definitions d ON d.id = a.activity_definition_id
         LEFT JOIN activity_muscle_map mm ON mm.activity_definition_id = d.id
         LEFT JOIN muscles m ON m.id = mm.muscle_id
        WHERE a.user_id = :user_id AND date(a.performed_start) = :yesterday),
      (SELECT json_agg(json_build_array(w.date, w.sets) ORDER BY w.date, w.id)
         FROM (SELECT w.id, w.date,
                      count(t.id) FILTER (WHERE t.pattern = ANY(CAST(:patterns AS movementpattern[]))) AS sets
                 FROM workout_logs w LEFT JOIN top_set_logs t ON t.workout_log_id = w.id
                WHERE w.user_id = :user_id AND w.date = :yesterday
                GROUP BY w.id, w.date) w)
    """
)


def _float(value: float | None) -> float | None:
    """JSON writes 35.0 as 35: the columns are floats, and so are the values read."""
    return None if value is None else float(value)


class SignalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def readings(
        self, user_id: int, day: dt.date, since: dt.date, patterns: Collection[MovementPattern]
    ) -> Readings:
        """Recovery check-ins from ``since`` to ``day``, soreness of ``day`` and the day before,
        and yesterday's activities and workouts (sets of ``patterns`` per workout)."""
        yesterday = day - dt.timedelta(days=1)
        params = {
            "user_id": user_id,
            "since": since,
            "day": day,
            "yesterday": yesterday,
            "patterns": [p.name for p in patterns],
        }
        recovery, soreness, activities, workouts = (await self.session.execute(_READINGS, params)).one()
        done: dict[int, ActivityDone] = {}
        for activity_id, date, seconds, name, slug, magnitude in activities or ():
            activity = done.get(activity_id)
            if activity is None:
                minutes = round(seconds / 60) if seconds else None
                activity = done[activity_id] = ActivityDone(dt.date.fromisoformat(date), name, minutes, {})
            if slug is not None:
                activity.muscles[slug] = float(magnitude)
        return Readings(
            recovery=[
                RecoveryDay(
                    dt.date.fromisoformat(date),
                    _float(ready),
                    _float(hours),
                    _float(score),
                    _float(hrv),
                    energy,
                )
                for date, ready, hours, score, hrv, energy in recovery or ()
            ],
            soreness=[SoreSpot(dt.date.fromisoformat(d), part, level) for d, part, level in soreness or ()],
            activities=list(done.values()),
            pattern_sets=[(dt.date.fromisoformat(d), sets) for d, sets in workouts or ()],
        )

    async def workouts_for_sessions(self, user_id: int, session_ids: Sequence[int]) -> Sequence[WorkoutLog]:
        if not session_ids:
            return []
        return (
            await self.session.scalars(
                select(WorkoutLog).where(
                    WorkoutLog.user_id == user_id, WorkoutLog.session_id.in_(list(session_ids))
                )
            )
        ).all()

    async def best_e1rm(
        self, user_id: int, movement_ids: Sequence[int], start: dt.date, end: dt.date
    ) -> float | None:
        """The best estimated 1RM on any of these movements in the window."""
        if not movement_ids:
            return None
        value = await self.session.scalar(
            select(func.max(TopSetLog.e1rm_value))
            .join(WorkoutLog, TopSetLog.workout_log_id == WorkoutLog.id)
            .where(
                WorkoutLog.user_id == user_id,
                WorkoutLog.date.between(start, end),
                TopSetLog.movement_id.in_(list(movement_ids)),
            )
        )
        return float(value) if value is not None else None

    async def training_dates(self, user_id: int, start: dt.date, end: dt.date) -> list[dt.date]:
        """Days with a completed workout or a logged activity, for habit goals."""
        workouts = (
            await self.session.scalars(
                select(WorkoutLog.date)
                .where(
                    WorkoutLog.user_id == user_id, WorkoutLog.date.between(start, end), WorkoutLog.completed
                )
                .distinct()
            )
        ).all()
        activities = (
            await self.session.scalars(
                select(func.date(ActivityInstance.performed_start))
                .where(
                    ActivityInstance.user_id == user_id,
                    func.date(ActivityInstance.performed_start).between(start, end),
                )
                .distinct()
            )
        ).all()
        return sorted(set(workouts) | {d for d in activities if d is not None})
