"""Prompt building and conversation memory: persona in, budget kept, recent verbatim, older in brief."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from coach.llm import Snapshot, build_messages, remember, system_prompt, tokens
from coach.persona import VOICES
from db.enums import PersonaAggression, PersonaTone


@dataclass
class Turn:
    turn_number: int
    role: str
    content: str
    structured_response_json: dict[str, Any] | None = None


def thread(n: int, words: int = 12) -> list[Turn]:
    turns = []
    for i in range(1, n + 1):
        role = "user" if i % 2 else "assistant"
        turns.append(Turn(i, role, f"message {i}. " + " ".join(["word"] * words)))
    return turns


SNAPSHOT = Snapshot(
    tone=PersonaTone.DRILL_SERGEANT,
    aggression=PersonaAggression.AGGRESSIVE,
    name="Sam",
    today=dt.date(2026, 12, 8),
    profile=("intermediate, 4 days a week, 60 min",),
    session=("Barbell Back Squat 4×5 @ RPE 8",),
    logs=tuple(f"2026-12-0{i % 7 + 1} Bench 80 kg × 5" for i in range(200)),
    rules=("never: Conventional Deadlift",),
)


@pytest.mark.parametrize("tone", list(PersonaTone))
def test_persona_is_in_the_system_prompt(tone: PersonaTone) -> None:
    prompt = system_prompt(Snapshot(tone=tone), 4000)
    assert VOICES[tone].label in prompt
    assert VOICES[tone].sample in prompt


def test_other_tones_do_not_leak_into_the_prompt() -> None:
    prompt = system_prompt(Snapshot(tone=PersonaTone.MINIMALIST), 4000)
    assert VOICES[PersonaTone.DRILL_SERGEANT].sample not in prompt


def test_aggression_and_safety_rules_are_in_the_prompt() -> None:
    prompt = system_prompt(SNAPSHOT, 4000)
    assert "5 · All in" in prompt
    assert "chest pain" in prompt
    assert "Never invent" in prompt
    assert "never: Conventional Deadlift" in prompt


def test_system_prompt_respects_budget_by_cutting_logs_first() -> None:
    prompt = system_prompt(SNAPSHOT, 900)
    assert tokens.estimate(prompt) <= 900
    assert "Barbell Back Squat 4×5" in prompt  # today's session survives
    assert "never: Conventional Deadlift" in prompt
    assert prompt.count("Bench 80 kg") < 200


def test_onboarding_note_only_while_onboarding() -> None:
    assert "still setting up" not in system_prompt(SNAPSHOT, 4000)
    prompt = system_prompt(Snapshot(onboarding="how many days a week you can train"), 4000)
    assert "still setting up" in prompt and "how many days" in prompt


def test_memory_keeps_recent_turns_verbatim_and_summarises_older() -> None:
    turns = thread(20)
    turns[2].structured_response_json = {"summary": "proposed: swap Back Squat for Leg Press"}
    memory = remember(turns, 2000)
    assert [m["content"] for m in memory.recent] == [t.content for t in turns[-8:]]
    assert memory.summary is not None
    assert "Lifter: message 1." in memory.summary
    assert "swap Back Squat for Leg Press" in memory.summary
    assert "message 13." not in memory.summary  # verbatim turns are not repeated


def test_memory_fits_its_budget_and_keeps_newest() -> None:
    turns = thread(60, words=60)
    memory = remember(turns, 400)
    assert memory.tokens <= 400
    assert memory.recent[-1]["content"] == turns[-1].content
    assert "omitted" in (memory.summary or "")


def test_short_thread_has_no_summary() -> None:
    memory = remember(thread(3), 2000)
    assert memory.summary is None and len(memory.recent) == 3


def test_tool_turns_only_in_summary() -> None:
    turns = [*thread(2), Turn(3, "tool", "get_today → Squat day"), Turn(4, "assistant", "Squat day.")]
    memory = remember(turns, 2000, recent=8)
    assert all(m["role"] in ("user", "assistant") for m in memory.recent)


def test_build_messages_order_and_budget() -> None:
    messages = build_messages(SNAPSHOT, thread(40, words=40), "what's today?", budget=1500)
    assert messages[0]["role"] == "system" and "Drill sergeant" in messages[0]["content"]
    assert messages[-1] == {"role": "user", "content": "what's today?"}
    assert tokens.messages_tokens(messages) <= 1500
    assert any(m["role"] == "system" and "in brief" in m["content"] for m in messages[1:])
