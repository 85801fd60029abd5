"""Impossible profiles get a clear message naming the problem and, where sensible, a fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coach.errors import InvalidInput
from coach.planning import generate
from coach.profile import Profile
from tests.coach.planning.support import PROFILE, library_catalog, library_heuristics

CATALOG = library_catalog()
H = library_heuristics()
ALL_PULLS = [m.name for m in CATALOG.movements if m.pattern.value in ("horizontal_pull", "vertical_pull")]


def refusal(changes: dict[str, Any]) -> str:
    with pytest.raises(InvalidInput) as caught:
        generate(Profile.parse({**PROFILE, **changes}), CATALOG, H, start_date=dt.date(2026, 1, 5))
    return str(caught.value)


def test_too_many_minutes_for_a_beginner_suggests_what_fits() -> None:
    text = refusal({"experience_level": "beginner", "days_per_week": 7, "session_minutes": 120})
    assert "days_per_week × session_minutes" in text and "840 minutes" in text
    assert "try 3 days × 120 min or 7 days × 50 min" in text


def test_an_unknown_movement_in_a_rule_gets_suggestions() -> None:
    text = refusal({"movement_rules": [{"movement": "Romanain Deadlfit", "rule": "hard_yes"}]})
    assert "movement_rules.0.movement" in text and "Romanian Deadlift" in text


def test_a_must_do_movement_without_its_equipment_is_refused_with_alternatives() -> None:
    text = refusal(
        {"equipment": ["dumbbell"], "movement_rules": [{"movement": "Barbell Row", "rule": "hard_yes"}]}
    )
    assert "Barbell Row (hard_yes) needs barbell, which is not in your equipment" in text
    text = refusal(
        {"equipment": ["dumbbell"], "movement_rules": [{"movement": "Preacher Curl", "rule": "hard_yes"}]}
    )
    assert "or choose Dumbbell Preacher Curl" in text


def test_no_equipment_for_any_pull_names_the_gap_and_what_would_open_it() -> None:
    rules = [
        {"movement": n, "rule": "hard_no"} for n in ALL_PULLS if "bodyweight" in CATALOG.get(n).equipment
    ]
    text = refusal({"equipment": ["bodyweight"], "movement_rules": rules})
    assert "equipment: your equipment and movement rules leave no way to pull" in text
    assert "add 'pull-up bar' to equipment" in text


def test_the_same_movement_with_two_rules_is_refused() -> None:
    rules = [{"movement": "Pull-Up", "rule": "hard_no"}, {"movement": "pull-ups", "rule": "hard_yes"}]
    assert "Pull-Up is both hard_no and hard_yes" in refusal({"movement_rules": rules})


def test_weights_not_summing_to_ten_name_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        Profile.parse({**PROFILE, "goals": [{"goal": "strength", "weight": 4}]})
    assert "goals" in str(caught.value) and "sum to 10" in str(caught.value)


def test_a_missing_start_date_is_named() -> None:
    profile = Profile.parse({k: v for k, v in PROFILE.items() if k != "start_date"})
    with pytest.raises(InvalidInput, match="start_date"):
        generate(profile, CATALOG, H)
