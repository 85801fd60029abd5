"""The calendar: when enjoyable activities happen and which session lands on which day.

Activities recur by ``recommend_every_days`` (never a longer gap), preferably on rest days and
away from leg days. Each microcycle then orders its sessions so no hard lower-body session
falls within a day of a leg-heavy activity or a hard conditioning day, and no two days in a row
share a heavy lift of the same pattern; what ordering cannot solve is softened (a light-legs
version of the session, or an easy conditioning day when strength comes first).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from db.enums import EnjoyableActivity, MovementPattern, SessionType

Key = tuple[SessionType, int]


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    activity: EnjoyableActivity
    custom_name: str | None
    every_days: int
    #: Days since the program start on which it happens.
    offsets: tuple[int, ...]
    leg_heavy: bool


def _cyclic_gaps(days: Sequence[int]) -> list[int]:
    ordered = sorted(days)
    return [(ordered[(i + 1) % len(ordered)] - d) % 7 or 7 for i, d in enumerate(ordered)]


def weekly_slots(every_days: int) -> list[tuple[int, ...]]:
    """Candidate weekday sets (0..6) that honour ``every_days`` within a week, best spread first."""
    if every_days >= 7:
        return [(d,) for d in range(7)]
    count = math.ceil(7 / every_days)
    options = []
    for start in range(7):
        days = tuple(sorted({(start + (j * 7) // count) % 7 for j in range(count)}))
        if len(days) == count and max(_cyclic_gaps(days)) <= every_days and days not in options:
            options.append(days)
    return options


def place_activities(
    wanted: Sequence[tuple[EnjoyableActivity, int, str | None, bool]],
    *,
    total_days: int,
    training_weekdays: frozenset[int],
    lower_weekdays: frozenset[int],
) -> list[ActivityPlan]:
    """Pick the days of each activity. ``wanted`` holds (activity, every N days, custom name, leg-heavy)."""
    taken: set[int] = set()
    plans = []
    for activity, every, name, heavy in wanted:
        period_weeks = max(1, every // 7) if every >= 7 else 1

        def cost(days: tuple[int, ...], heavy: bool = heavy) -> tuple[float, int]:
            score = 0.0
            for d in days:
                score += 10 * (d in training_weekdays) + 5 * (d in taken)
                if heavy:
                    score += 3 * sum(((d + k) % 7) in lower_weekdays for k in (-1, 0, 1))
            return score, -max(days)

        best = min(weekly_slots(every), key=cost)
        taken.update(best)
        offsets = tuple(
            sorted(
                week * 7 + d
                for week in range(0, math.ceil(total_days / 7), period_weeks)
                for d in best
                if week * 7 + d < total_days
            )
        )
        plans.append(ActivityPlan(activity, name, every, offsets, heavy))
    return plans


@dataclass(frozen=True, slots=True)
class Slot:
    day_number: int
    date: dt.date
    key: Key
    light: bool = False
    easy: bool = False


@dataclass(frozen=True, slots=True)
class SlotInfo:
    lower: bool
    hard_cardio: bool
    heavy_patterns: frozenset[MovementPattern]


def session_keys(types: Sequence[SessionType]) -> list[Key]:
    """(type, n): the n-th session of that type in the microcycle, which picks its template."""
    seen: dict[SessionType, int] = {}
    keys = []
    for stype in types:
        keys.append((stype, seen.get(stype, 0)))
        seen[stype] = seen.get(stype, 0) + 1
    return keys


#: Above this many distinct orders, search by swapping pairs of days instead of trying them all.
EXHAUSTIVE_LIMIT = 720


def _climb(
    order: tuple[SessionType, ...],
    score: tuple[int, int, int],
    evaluate: Callable[[Sequence[SessionType]], tuple[int, int, int]],
) -> tuple[tuple[SessionType, ...], tuple[int, int, int]]:
    """Swap pairs of days while it helps (deterministic: first best swap wins)."""
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(range(len(order)), 2):
            if order[i] == order[j]:
                continue
            swapped = list(order)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            candidate = evaluate(swapped)
            if candidate < score:
                order, score, improved = tuple(swapped), candidate, True
    return order, score


def arrange_week(
    *,
    start: dt.date,
    day_numbers: Sequence[int],
    types: Sequence[SessionType],
    info: Callable[[Key], SlotInfo],
    leg_dates: Iterable[dt.date],
    previous: Sequence[tuple[dt.date, SlotInfo]],
    strength_first: bool,
    min_gap_days: int,
) -> list[Slot]:
    """Order one microcycle's sessions over its training days (see the module docstring)."""
    dates = [start + dt.timedelta(days=d - 1) for d in day_numbers]
    window = (
        start - dt.timedelta(days=min_gap_days),
        start + dt.timedelta(days=max(day_numbers) + min_gap_days),
    )
    leg = {d for d in leg_dates if window[0] <= d <= window[1]}
    outside_cardio = {d for d, i in previous if i.hard_cardio}
    last_prev = max(previous, key=lambda p: p[0]) if previous else None

    def near(day: dt.date, others: Iterable[dt.date]) -> bool:
        return any(abs((day - o).days) < min_gap_days for o in others)

    known: dict[Key, SlotInfo] = {}

    def info_of(key: Key) -> SlotInfo:
        if key not in known:
            known[key] = info(key)
        return known[key]

    def evaluate(order: Sequence[SessionType]) -> tuple[int, int, int]:
        keys = session_keys(order)
        infos = [info_of(k) for k in keys]
        cardio_dates = outside_cardio | {d for d, i in zip(dates, infos, strict=True) if i.hard_cardio}
        interference = sum(
            1
            for d, i in zip(dates, infos, strict=True)
            if i.lower and (near(d, leg) or near(d, cardio_dates))
        )
        adjacency = 0
        chain = ([last_prev] if last_prev else []) + list(zip(dates, infos, strict=True))
        for (d1, i1), (d2, i2) in itertools.pairwise(chain):
            if (d2 - d1).days == 1 and i1.heavy_patterns & i2.heavy_patterns:
                adjacency += 1
        deviation = sum(a != b for a, b in zip(order, types, strict=True))
        return interference, adjacency, deviation

    best = tuple(types)
    best_score = evaluate(best)
    if best_score[:2] != (0, 0):
        distinct = math.factorial(len(types)) // math.prod(math.factorial(types.count(x)) for x in set(types))
        if distinct <= EXHAUSTIVE_LIMIT:
            for order in sorted(set(itertools.permutations(types))):
                score = evaluate(order)
                if score < best_score:
                    best, best_score = order, score
        else:
            best, best_score = _climb(best, best_score, evaluate)
    keys = session_keys(best)
    infos = [info_of(k) for k in keys]
    slots = [Slot(n, d, k) for n, d, k in zip(day_numbers, dates, keys, strict=True)]
    cardio_days = [d for d, i in zip(dates, infos, strict=True) if i.hard_cardio]
    easy_cardio: set[dt.date] = set()
    light: set[dt.date] = set()
    for d, i in zip(dates, infos, strict=True):
        if not i.lower:
            continue
        if near(d, leg) or near(d, outside_cardio):
            light.add(d)
            continue
        clashing = [c for c in cardio_days if abs((c - d).days) < min_gap_days]
        if clashing and strength_first:
            easy_cardio.update(clashing)
        elif clashing:
            light.add(d)
    return [
        Slot(s.day_number, s.date, s.key, light=s.date in light, easy=s.date in easy_cardio) for s in slots
    ]


def leg_dates(plans: Sequence[ActivityPlan], start: dt.date) -> set[dt.date]:
    return {start + dt.timedelta(days=o) for p in plans if p.leg_heavy for o in p.offsets}


def activity_dates(plans: Sequence[ActivityPlan], start: dt.date) -> Mapping[dt.date, list[ActivityPlan]]:
    out: dict[dt.date, list[ActivityPlan]] = {}
    for plan in plans:
        for offset in plan.offsets:
            out.setdefault(start + dt.timedelta(days=offset), []).append(plan)
    return out
