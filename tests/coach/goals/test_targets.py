"""Goal targets are validated per kind; progress comes from check-ins and the logbook."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coach.errors import InvalidInput
from coach.goals.targets import parse_target, progress
from db.enums import GoalType as G

DAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("kind", "target", "clean"),
    [
        (
            G.STRENGTH_1RM,
            {"movement": "squat", "target_kg": "140"},
            {"movement": "squat", "target_kg": 140.0},
        ),
        (
            G.BODY_COMPOSITION,
            {"target": 78, "start": 85},
            {"metric": "bodyweight_kg", "target": 78.0, "start": 85.0},
        ),
        (
            G.ENDURANCE_EVENT,
            {"event": "Half marathon", "date": "2026-10-04", "distance_km": 21.1},
            {"event": "Half marathon", "date": "2026-10-04", "distance_km": 21.1},
        ),
        (
            G.HABIT_CONSISTENCY,
            {"sessions_per_week": 3, "weeks": 8, "by": "2026-08-01"},
            {"sessions_per_week": 3, "weeks": 8, "by": "2026-08-01"},
        ),
        (
            G.SKILL_ACQUISITION,
            {"skill": "first pull-up", "movement": "Pull-Up"},
            {"skill": "first pull-up", "movement": "Pull-Up"},
        ),
    ],
)
def test_valid_targets_are_cleaned(kind: G, target: dict[str, Any], clean: dict[str, Any]) -> None:
    assert parse_target(kind, target) == clean


@pytest.mark.parametrize(
    ("kind", "target", "field"),
    [
        (G.STRENGTH_1RM, {"movement": "squat"}, "target.target_kg"),
        (G.STRENGTH_1RM, {"movement": "squat", "target_kg": 9000}, "target.target_kg"),
        (G.BODY_COMPOSITION, {"metric": "vibes", "target": 5}, "target.metric"),
        (G.ENDURANCE_EVENT, {"event": "10k"}, "target.date"),
        (G.ENDURANCE_EVENT, {"event": "10k", "date": "next spring"}, "target.date"),
        (G.HABIT_CONSISTENCY, {"sessions_per_week": 3}, "target.weeks"),
        (G.SKILL_ACQUISITION, {}, "target.skill"),
    ],
)
def test_invalid_targets_name_the_field(kind: G, target: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        parse_target(kind, target)


def test_strength_progress_is_the_best_e1rm_against_the_target() -> None:
    target = {"movement": "Barbell Back Squat", "target_kg": 140.0}
    assert progress(G.STRENGTH_1RM, target, [], best_e1rm=None, today=DAY).share is None
    state = progress(G.STRENGTH_1RM, target, [], best_e1rm=126.0, today=DAY)
    assert state.share == pytest.approx(0.9) and "126.0 kg of 140 kg" in state.summary


def test_body_composition_progress_runs_from_start_to_target() -> None:
    target = {"metric": "bodyweight_kg", "target": 78.0, "start": 86.0}
    checkins = [(DAY - dt.timedelta(days=30), {"value": 85}), (DAY, {"value": 82})]
    assert progress(G.BODY_COMPOSITION, target, checkins, today=DAY).share == pytest.approx(0.5)


def test_habit_progress_counts_weeks_with_enough_sessions() -> None:
    target = {"sessions_per_week": 2, "weeks": 4}
    dates = [
        DAY,
        DAY - dt.timedelta(days=2),
        DAY - dt.timedelta(days=8),
        DAY - dt.timedelta(days=9),
        DAY - dt.timedelta(days=16),
    ]
    state = progress(G.HABIT_CONSISTENCY, target, [], training_dates=dates, today=DAY)
    assert state.share == 0.5 and state.summary.startswith("2 of the last 4 weeks")


def test_event_and_skill_progress() -> None:
    event = {"event": "10k", "date": "2026-07-01", "distance_km": 10.0}
    state = progress(G.ENDURANCE_EVENT, event, [(DAY, {"distance_km": 8})], today=DAY)
    assert state.share == pytest.approx(0.8) and "30 days to 10k" in state.summary
    skill = {"skill": "handstand"}
    assert progress(G.SKILL_ACQUISITION, skill, [], today=DAY).share is None
    assert progress(G.SKILL_ACQUISITION, skill, [(DAY, {"achieved": True})], today=DAY).share == 1.0
