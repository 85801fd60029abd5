"""The offline coach's intent matching, as a table of what lifters actually type."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.assistant.intents import IntentName, find_movements, match, reminder_time
from coach.catalog import Catalog
from db.library import default_library

N = IntentName


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_library(default_library())


CASES = [
    # (message, intent, extra expectations)
    ("what's today?", N.TODAY, {}),
    ("whats my workout", N.TODAY, {}),
    ("what am I doing today", N.TODAY, {}),
    ("swap squats for leg press", N.SWAP, {"target": "squats", "replacement": "leg press"}),
    ("can I do something else instead of bench?", N.SWAP, {"target": "bench"}),
    ("replace the barbell row with something", N.SWAP, {"target": "barbell row", "replacement": None}),
    ("the squat rack is taken", N.SWAP, {"movements": ("Barbell Back Squat",)}),
    ("swap an exercise", N.SWAP, {"target": None}),
    ("I'm so sore", N.SORE, {}),
    ("my legs are sore from yesterday", N.SORE, {"body_part": "legs"}),
    ("DOMS is killing me", N.SORE, {}),
    ("im exausted", N.TIRED, {}),  # typo forgiven
    ("I slept badly", N.TIRED, {}),
    ("feeling tired today", N.TIRED, {}),
    ("my knee hurts, what should I change today?", N.PAIN, {"body_part": "knee"}),
    ("tweaked my lower back", N.PAIN, {"body_part": "lower back"}),
    ("I only have 30 minutes", N.SHORT_ON_TIME, {"minutes": 30}),
    ("I have 45 min today", N.SHORT_ON_TIME, {"minutes": 45}),
    ("short on time", N.SHORT_ON_TIME, {"minutes": None}),
    ("skip today", N.SKIP, {}),
    ("I can't train today", N.SKIP, {}),
    ("can we move today to tomorrow", N.MOVE, {}),
    ("how am I doing", N.PROGRESS, {}),
    ("show me my progess", N.PROGRESS, {}),  # typo forgiven
    ("am I getting stronger?", N.PROGRESS, {}),
    ("remind me at 7am", N.REMINDER, {"reminder_at": dt.time(7, 0)}),
    ("change my reminder to 19:30", N.REMINDER, {"reminder_at": dt.time(19, 30)}),
    ("move my reminder to 6.45pm", N.REMINDER, {"reminder_at": dt.time(18, 45)}),
    ("turn off reminders", N.REMINDER, {"reminder_off": True}),
    ("change my reminder", N.REMINDER, {"reminder_at": None, "reminder_off": False}),
    ("how do I do a romanian deadlift", N.EXPLAIN, {"movements": ("Romanian Deadlift",)}),
    ("explain the ohp", N.EXPLAIN, {"movements": ("Overhead Press",)}),
    ("deadlfit cues?", N.EXPLAIN, {"movements": ("Conventional Deadlift",)}),  # typo forgiven
    ("why RDLs and not deadlifts?", N.EXPLAIN, {"movements": ("Romanian Deadlift", "Conventional Deadlift")}),
    ("goblet squat?", N.EXPLAIN, {"movements": ("Goblet Squat",)}),
    ("never give me burpees again", N.RULE, {"rule": "hard_no", "movements": ("Burpee",)}),
    ("I hate lunges", N.RULE, {"rule": "hard_no"}),
    ("always include deadlifts", N.RULE, {"rule": "hard_yes", "movements": ("Conventional Deadlift",)}),
    ("I love front squats", N.RULE, {"rule": "preferred"}),
    ("I hate squats, they hurt my knee", N.PAIN, {"body_part": "knee"}),
    ("no more reminders please", N.REMINDER, {"reminder_off": True}),
    ("yes", N.CONFIRM, {}),
    ("Ok!", N.CONFIRM, {}),
    ("do it", N.CONFIRM, {}),
    ("no thanks", N.DECLINE, {}),
    ("keep the plan", N.DECLINE, {}),
    ("tell me a joke", N.MENU, {}),
    ("hello", N.MENU, {}),
    ("", N.MENU, {}),
]


@pytest.mark.parametrize(("text", "intent", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_intent_table(catalog: Catalog, text: str, intent: IntentName, expected: dict) -> None:
    found = match(text, catalog)
    assert found.name is intent
    for field, value in expected.items():
        assert getattr(found, field) == value, field


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("at 7", dt.time(7, 0)),
        ("7am", dt.time(7, 0)),
        ("7:30 pm", dt.time(19, 30)),
        ("12am", dt.time(0, 0)),
        ("noon", dt.time(12, 0)),
        ("19h30", dt.time(19, 30)),
        ("3 sets", None),
        ("25:00", None),
        ("13pm", None),
    ],
)
def test_reminder_times(text: str, time: dt.time | None) -> None:
    assert reminder_time(text) == time


def test_movements_found_by_alias_plural_and_typo(catalog: Catalog) -> None:
    names = [
        name for _, name in find_movements("rdls then ohp then pullups and bulgarian splt squats", catalog)
    ]
    assert names == ["Romanian Deadlift", "Overhead Press", "Pull-Up", "Bulgarian Split Squat"]


def test_stopwords_are_not_movements(catalog: Catalog) -> None:
    assert find_movements("what is it and how do I do that", catalog) == []
