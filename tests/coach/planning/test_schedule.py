"""Activities recur as asked; sessions are ordered around leg-heavy days and hard conditioning."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.planning.schedule import SlotInfo, arrange_week, place_activities, weekly_slots
from db.enums import EnjoyableActivity, MovementPattern, SessionType

S = SessionType
MONDAY = dt.date(2026, 1, 5)
LOWER = SlotInfo(lower=True, hard_cardio=False, heavy_patterns=frozenset({MovementPattern.SQUAT}))
UPPER = SlotInfo(lower=False, hard_cardio=False, heavy_patterns=frozenset({MovementPattern.HORIZONTAL_PUSH}))
CARDIO = SlotInfo(lower=False, hard_cardio=True, heavy_patterns=frozenset())
INFO = {
    S.LOWER: LOWER,
    S.LEGS: LOWER,
    S.FULL_BODY: LOWER,
    S.UPPER: UPPER,
    S.PUSH: UPPER,
    S.PULL: UPPER,
    S.CARDIO: CARDIO,
}


def info(key: tuple[SessionType, int]) -> SlotInfo:
    return INFO[key[0]]


@pytest.mark.parametrize("every", [1, 2, 3, 4, 5, 6, 7, 10])
def test_weekly_slots_never_leave_a_longer_gap(every: int) -> None:
    for days in weekly_slots(every):
        ordered = sorted(days)
        gaps = [(b - a) % 7 or 7 for a, b in zip(ordered, ordered[1:] + ordered[:1], strict=True)]
        assert max(gaps) <= max(every, 7 if every >= 7 else every)


def test_activities_go_on_rest_days_away_from_leg_days() -> None:
    [tennis] = place_activities(
        [(EnjoyableActivity.TENNIS, 7, None, True)],
        total_days=28,
        training_weekdays=frozenset({0, 1, 3, 4}),
        lower_weekdays=frozenset({1, 4}),
    )
    assert tennis.offsets == (6, 13, 20, 27) and tennis.leg_heavy


def test_rare_activities_come_every_few_weeks() -> None:
    [hike] = place_activities(
        [(EnjoyableActivity.HIKING, 14, None, True)],
        total_days=56,
        training_weekdays=frozenset(),
        lower_weekdays=frozenset(),
    )
    gaps = [b - a for a, b in zip(hike.offsets, hike.offsets[1:], strict=False)]
    assert hike.offsets[0] < 14 and set(gaps) == {14}


def arrange(types: list[SessionType], days: list[int], legs: set[int], strength_first: bool = True) -> list:
    return arrange_week(
        start=MONDAY,
        day_numbers=days,
        types=types,
        info=info,
        leg_dates={MONDAY + dt.timedelta(days=d - 1) for d in legs},
        previous=[],
        strength_first=strength_first,
        min_gap_days=2,
    )


def test_leg_days_move_away_from_a_leg_heavy_activity() -> None:
    slots = arrange([S.UPPER, S.LOWER, S.UPPER, S.LOWER], [1, 2, 4, 5], legs={6})
    lower_days = [s.day_number for s in slots if s.key[0] == S.LOWER]
    assert all(abs(d - 6) >= 2 for d in lower_days) and not any(s.light for s in slots)


def test_when_no_order_works_the_leg_session_becomes_light() -> None:
    slots = arrange([S.FULL_BODY] * 3, [1, 3, 5], legs={2, 4, 6})
    assert all(s.light for s in slots)


def test_hard_conditioning_next_to_legs_turns_easy_when_strength_comes_first() -> None:
    slots = arrange([S.LOWER, S.CARDIO, S.LOWER], [1, 2, 3], legs=set())
    assert [s.easy for s in slots if s.key[0] == S.CARDIO] == [True]
    slots = arrange([S.LOWER, S.CARDIO, S.LOWER], [1, 2, 3], legs=set(), strength_first=False)
    [cardio] = [s for s in slots if s.key[0] == S.CARDIO]
    assert not cardio.easy
    for s in slots:
        if s.key[0] == S.LOWER:
            assert s.light == (abs(s.day_number - cardio.day_number) < 2)


def test_heavy_patterns_are_not_put_on_consecutive_days_when_an_order_avoids_it() -> None:
    slots = arrange([S.LOWER, S.LOWER, S.UPPER, S.UPPER], [1, 2, 4, 5], legs=set())
    by_day = {s.day_number: s.key[0] for s in slots}
    assert [by_day[d] for d in (1, 2, 4, 5)] != [S.LOWER, S.LOWER, S.UPPER, S.UPPER]
    assert not any(by_day.get(d) == by_day.get(d + 1) == S.LOWER for d in range(1, 7))
