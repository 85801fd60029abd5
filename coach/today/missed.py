"""Missed sessions: when two or more are missed in a microcycle, the plan shifts on.

A planned training session with no completed workout by its date is missed (a workout logged
as not completed, or a session the lifter skipped, is skipped instead, and is never made up).
Doubling up would pile fatigue on fatigue, so the earliest missed session moves to today and
everything after it moves by the same number of days; the microcycle stretches (up to the
schema's ten days) and later ones start later. Missed sessions that would stretch it further
are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Planned:
    id: int
    date: dt.date
    microcycle_id: int
    training: bool
    done: bool
    skipped: bool


@dataclass(frozen=True, slots=True)
class Cycle:
    id: int
    start: dt.date
    length: int
    sequence: int

    def holds(self, day: dt.date) -> bool:
        return self.start <= day < self.start + dt.timedelta(days=self.length)


@dataclass(frozen=True)
class Shift:
    days: int
    cycle_id: int
    #: Sessions that move, with their new dates.
    moves: dict[int, dt.date] = field(default_factory=dict)
    #: Missed sessions dropped instead (they would stretch the microcycle too far).
    dropped: tuple[int, ...] = ()
    missed_dates: tuple[dt.date, ...] = ()
    #: New (start, length) of microcycles that change.
    cycles: dict[int, tuple[dt.date, int]] = field(default_factory=dict)


def missed(day: dt.date, sessions: Sequence[Planned], cycle: Cycle) -> list[Planned]:
    return sorted(
        (
            s
            for s in sessions
            if s.microcycle_id == cycle.id and s.training and s.date < day and not s.done and not s.skipped
        ),
        key=lambda s: s.date,
    )


def plan_shift(
    day: dt.date,
    sessions: Sequence[Planned],
    cycles: Sequence[Cycle],
    *,
    threshold: int,
    max_length: int,
) -> Shift | None:
    """The shift to apply on ``day``, or ``None`` when fewer than ``threshold`` sessions were missed."""
    cycle = next((c for c in cycles if c.holds(day)), None)
    if cycle is None:
        return None
    late = missed(day, sessions, cycle)
    if len(late) < threshold:
        return None
    dropped: list[Planned] = []
    while late and cycle.length + (day - late[0].date).days > max_length:
        dropped.append(late.pop(0))
    if not late:
        return Shift(
            0, cycle.id, dropped=tuple(s.id for s in dropped), missed_dates=tuple(s.date for s in dropped)
        )
    delta = dt.timedelta(days=(day - late[0].date).days)
    late_ids = {s.id for s in late}
    moves = {
        s.id: s.date + delta
        for s in sessions
        if s.id in late_ids or (s.date >= day and not s.done and s.date >= late[0].date)
    }
    changed = {cycle.id: (cycle.start, cycle.length + delta.days)}
    for later in cycles:
        if later.sequence > cycle.sequence:
            changed[later.id] = (later.start + delta, later.length)
    return Shift(
        delta.days,
        cycle.id,
        moves=moves,
        dropped=tuple(s.id for s in dropped),
        missed_dates=tuple(s.date for s in (*dropped, *late)),
        cycles=changed,
    )
