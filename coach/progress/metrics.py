"""Progress as numbers: e1RM trends, the Pattern Strength Index, weekly hard sets, streaks.

Pure functions over plain rows, so every figure in ``/progress`` is testable without a
database and reproducible by hand.

**Pattern Strength Index (PSI).** One number per movement pattern saying how much stronger
the lifter is at it than when they started logging it: 100 is where they started, 110 is
10 % stronger. Each movement is measured against *its own* start — the best e1RM of its
first logged day — so goblet squats and back squats in one pattern compare fairly. For
every movement of the pattern trained in the last ``WINDOW_DAYS``, its latest exposure (the
day's best set) is divided by that start; the index is the mean of those ratios, ×100. The
same figure one window earlier shows the direction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coach.catalog import MovementInfo
from coach.logbook import limits
from db.enums import MovementPattern, PrimaryMuscle

WINDOW_DAYS = 28
#: Patterns whose lifts count as "main lifts" for the e1RM trend.
MAIN_PATTERNS = frozenset(
    {
        MovementPattern.SQUAT,
        MovementPattern.HINGE,
        MovementPattern.HORIZONTAL_PUSH,
        MovementPattern.VERTICAL_PUSH,
        MovementPattern.HORIZONTAL_PULL,
        MovementPattern.VERTICAL_PULL,
        MovementPattern.LUNGE,
        MovementPattern.OLYMPIC,
    }
)
MAX_MAIN_LIFTS = 5


@dataclass(frozen=True, slots=True)
class LiftTrend:
    movement: str
    points: tuple[tuple[dt.date, float], ...]  # the best e1RM of each training day, kg

    @property
    def first(self) -> float:
        return self.points[0][1]

    @property
    def last(self) -> float:
        return self.points[-1][1]

    @property
    def best(self) -> float:
        return max(v for _, v in self.points)

    @property
    def change_pct(self) -> float:
        return (self.last / self.first - 1) * 100 if self.first else 0.0


def lift_trends(
    points: Iterable[tuple[int, dt.date, float]],
    movements: Mapping[int, MovementInfo],
    *,
    limit: int = MAX_MAIN_LIFTS,
) -> list[LiftTrend]:
    """The main lifts' daily best e1RM, most-trained first.

    Main lifts are compound lifts of the big patterns; if the lifter has none, whatever they
    trained most stands in, so nobody gets an empty chart for training differently.
    """
    series: dict[int, dict[dt.date, float]] = {}
    for movement_id, day, value in points:
        if value is None or movement_id not in movements:
            continue
        days = series.setdefault(movement_id, {})
        days[day] = max(value, days.get(day, 0.0))

    def is_main(movement_id: int) -> bool:
        m = movements[movement_id]
        return m.compound and m.pattern in MAIN_PATTERNS and limits.is_loaded(m)

    chosen = [i for i in series if is_main(i)] or list(series)
    chosen.sort(key=lambda i: (-len(series[i]), movements[i].name))
    return [LiftTrend(movements[i].name, tuple(sorted(series[i].items()))) for i in chosen[:limit]]


@dataclass(frozen=True, slots=True)
class PatternIndex:
    pattern: MovementPattern
    index: float
    previous: float | None  # the same index a window earlier, if there was training then
    exposures: int


def pattern_strength_index(
    exposures: Iterable[tuple[dt.date, MovementPattern, float, int]], day: dt.date
) -> list[PatternIndex]:
    """PSI per pattern trained in the last ``WINDOW_DAYS`` up to ``day``, strongest first."""
    rows = sorted(exposures, key=lambda r: r[0])
    start: dict[int, tuple[dt.date, float]] = {}
    for when, _pattern, value, movement_id in rows:
        first = start.get(movement_id)
        if first is None or (first[0] == when and value > first[1]):
            start[movement_id] = (when, value)

    def at(end: dt.date) -> dict[MovementPattern, tuple[float, int]]:
        begin = end - dt.timedelta(days=WINDOW_DAYS - 1)
        latest: dict[tuple[MovementPattern, int], tuple[dt.date, float]] = {}
        counts: dict[MovementPattern, int] = {}
        for when, pattern, value, movement_id in rows:
            if not begin <= when <= end or not start[movement_id][1]:
                continue
            counts[pattern] = counts.get(pattern, 0) + 1
            seen = latest.get((pattern, movement_id))
            if seen is None or when > seen[0] or (when == seen[0] and value > seen[1]):
                latest[(pattern, movement_id)] = (when, value)
        ratios: dict[MovementPattern, list[float]] = {}
        for (pattern, movement_id), (_when, value) in latest.items():
            ratios.setdefault(pattern, []).append(value / start[movement_id][1])
        return {p: (round(100 * sum(r) / len(r), 1), counts[p]) for p, r in ratios.items()}

    now = at(day)
    before = at(day - dt.timedelta(days=WINDOW_DAYS))
    result = [
        PatternIndex(pattern, index, before[pattern][0] if pattern in before else None, count)
        for pattern, (index, count) in now.items()
    ]
    return sorted(result, key=lambda p: (-p.index, p.pattern.value))


def exposures_from_daily_bests(
    points: Iterable[tuple[int, dt.date, float]], movements: Mapping[int, MovementInfo]
) -> list[tuple[dt.date, MovementPattern, float, int]]:
    """Each day's best set per pattern, for lifters without a program (and so no stored exposures)."""
    best: dict[tuple[dt.date, MovementPattern], tuple[float, int]] = {}
    for movement_id, day, value in points:
        movement = movements.get(movement_id)
        if movement is None or value is None:
            continue
        key = (day, movement.pattern)
        if key not in best or value > best[key][0]:
            best[key] = (value, movement_id)
    return [
        (day, pattern, value, movement_id) for (day, pattern), (value, movement_id) in sorted(best.items())
    ]


def is_hard_set(
    reps: int, rpe: float | None, rir: int | None, duration: int | None, distance: float | None
) -> bool:
    """A working set near enough to failure to count toward weekly volume (holds included, cardio not)."""
    if distance is not None or not (reps or duration):
        return False
    if rpe is not None and rpe < limits.HARD_SET_MIN_RPE:
        return False
    return rir is None or rir <= limits.HARD_SET_MAX_RIR


def _credit(
    movement: MovementInfo, sets: float, secondary_credit: float, into: dict[PrimaryMuscle, float]
) -> None:
    into[movement.primary_muscle] = into.get(movement.primary_muscle, 0.0) + sets
    for muscle in movement.secondary_muscles:
        into[muscle] = into.get(muscle, 0.0) + sets * secondary_credit


def hard_sets_per_muscle(
    sets: Iterable[tuple[int, int, float | None, int | None, int | None, float | None]],
    movements: Mapping[int, MovementInfo],
    secondary_credit: float = 0.5,
) -> dict[PrimaryMuscle, float]:
    """Hard sets per muscle: 1 for the primary muscle, ``secondary_credit`` for each secondary."""
    out: dict[PrimaryMuscle, float] = {}
    for movement_id, reps, rpe, rir, duration, distance in sets:
        movement = movements.get(movement_id)
        if movement is None or limits.is_endurance(movement):
            continue
        if is_hard_set(reps, rpe, rir, duration, distance):
            _credit(movement, 1.0, secondary_credit, out)
    return out


def planned_sets_per_muscle(
    planned: Iterable[tuple[int, int]],
    movements: Mapping[int, MovementInfo],
    secondary_credit: float = 0.5,
) -> dict[PrimaryMuscle, float]:
    """The program's weekly target per muscle from (movement id, target sets), credited the same way."""
    out: dict[PrimaryMuscle, float] = {}
    for movement_id, target_sets in planned:
        movement = movements.get(movement_id)
        if movement is not None and target_sets and not limits.is_endurance(movement):
            _credit(movement, float(target_sets), secondary_credit, out)
    return out


@dataclass(frozen=True, slots=True)
class Streak:
    current_weeks: int
    best_weeks: int
    sessions_last_28_days: int
    trained_this_week: bool


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def streak(workout_dates: Sequence[dt.date], day: dt.date) -> Streak:
    """Weeks in a row with at least one workout. This week only breaks the streak once it is over."""
    weeks = {_week(d) for d in workout_dates if d <= day}
    this_week = _week(day)
    cursor = this_week if this_week in weeks else this_week - dt.timedelta(weeks=1)
    current = 0
    while cursor in weeks:
        current += 1
        cursor -= dt.timedelta(weeks=1)
    best = run = 0
    previous: dt.date | None = None
    for week in sorted(weeks):
        run = run + 1 if previous is not None and week - previous == dt.timedelta(weeks=1) else 1
        best = max(best, run)
        previous = week
    recent = sum(1 for d in set(workout_dates) if day - dt.timedelta(days=27) <= d <= day)
    return Streak(current, best, recent, this_week in weeks)


@dataclass(frozen=True, slots=True)
class Adherence:
    done: int
    planned: int

    @property
    def percent(self) -> float | None:
        return 100 * self.done / self.planned if self.planned else None


def adherence(planned: Iterable[tuple[int, dt.date]], completed: set[int], day: dt.date) -> Adherence:
    """Planned sessions before ``day`` (and today's, once done) that have a workout logged against them."""
    due = [s for s, when in planned if when < day or (when == day and s in completed)]
    return Adherence(sum(1 for s in due if s in completed), len(due))
