"""Two missed sessions in a microcycle shift the plan on instead of piling work up."""

from __future__ import annotations

import datetime as dt

from coach.today.missed import Cycle, Planned, plan_shift

MON = dt.date(2026, 3, 2)
CYCLES = [Cycle(1, MON, 7, 1), Cycle(2, MON + dt.timedelta(days=7), 7, 2)]


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def week(done: set[int] = frozenset(), skipped: set[int] = frozenset()) -> list[Planned]:
    """Training Mon, Tue, Thu, Fri each week (ids = day offsets), tennis on Sunday (id 106)."""
    out = [
        Planned(d, day(d), 1 if d < 7 else 2, True, d in done, d in skipped)
        for d in (0, 1, 3, 4, 7, 8, 10, 11)
    ]
    return [*out, Planned(106, day(6), 1, False, False, False)]


def test_one_missed_session_changes_nothing() -> None:
    assert plan_shift(day(1), week(), CYCLES, threshold=2, max_length=10) is None
    assert plan_shift(day(2), week(), CYCLES, threshold=3, max_length=10) is None


def test_two_missed_sessions_move_the_rest_of_the_plan() -> None:
    shift = plan_shift(day(2), week(), CYCLES, threshold=2, max_length=10)
    assert shift is not None and shift.days == 2
    assert shift.moves[0] == day(2) and shift.moves[1] == day(3) and shift.moves[3] == day(5)
    assert shift.moves[7] == day(9) and 106 in shift.moves
    assert shift.cycles == {1: (MON, 9), 2: (day(9), 7)}
    assert shift.missed_dates == (day(0), day(1))


def test_done_and_skipped_sessions_stay_put() -> None:
    assert plan_shift(day(2), week(done={0}), CYCLES, threshold=2, max_length=10) is None
    assert plan_shift(day(2), week(skipped={1}), CYCLES, threshold=2, max_length=10) is None
    shift = plan_shift(day(5), week(done={1}), CYCLES, threshold=2, max_length=10)
    assert shift is not None and 1 not in shift.moves
    assert shift.dropped == (0,) and shift.moves[3] == day(5) and shift.moves[4] == day(6)


def test_missed_sessions_that_would_stretch_the_week_too_far_are_dropped() -> None:
    shift = plan_shift(day(5), week(), CYCLES, threshold=2, max_length=8)
    assert shift is not None and shift.dropped == (0, 1, 3)
    assert shift.days == 1 and shift.moves[4] == day(5)
    assert shift.cycles[1] == (MON, 8)
