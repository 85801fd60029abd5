"""Pain red flags are recognised from the lifter's own words; ordinary soreness is not one."""

from __future__ import annotations

import pytest

from coach.assistant.safety import RED_FLAGS, STOP, SYMPTOMS, red_flags
from coach.persona import speak
from db.enums import PersonaTone


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my chest hurts when I bench", "chest"),
        ("I get chest pain on the last set", "chest"),
        ("tightness in my chest after running", "chest"),
        ("heart racing even at rest", "chest"),
        ("I felt dizzy after squats", "dizziness"),
        ("got lightheaded and nearly passed out", "dizziness"),
        ("sharp pain in my knee on the way down", "sharp_pain"),
        ("pain radiating down my arm", "sharp_pain"),
        ("shooting pain in my lower back", "sharp_pain"),
        ("numbness in my fingers after deadlifts", "numbness"),
        ("pins and needles down my leg", "numbness"),
        ("I can't catch my breath", "breathing"),
        ("heard a pop in my hamstring", "injury"),
    ],
)
def test_red_flags(text: str, flag: str) -> None:
    assert flag in red_flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "my knee hurts a bit",
        "legs are sore from yesterday",
        "my chest is sore after bench",
        "no chest pain, just tired",
        "bench felt light today",
        "I'm exhausted",
        "what's a good hip hinge cue?",
    ],
)
def test_ordinary_complaints_are_not_red_flags(text: str) -> None:
    assert red_flags(text) == []


@pytest.mark.parametrize("tone", list(PersonaTone))
def test_every_voice_says_stop_and_see_a_professional(tone: PersonaTone) -> None:
    for flag in RED_FLAGS:
        text = speak(tone, STOP, symptom=SYMPTOMS[flag]).lower()
        assert "stop" in text
        assert "doctor" in text and "physio" in text
        assert "emergency" in text
