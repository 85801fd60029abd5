"""The five coaching voices.

Tone changes the words, never the numbers: every coaching message is written once per tone
next to the feature that sends it, as a ``Lines`` mapping, and ``speak`` picks the lifter's
voice. A line may have variants; the pick is deterministic for a given ``key`` so the same
situation reads the same way twice (tests stay stable, and nobody gets a random coach).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from db.enums import PersonaAggression, PersonaTone

Lines = Mapping[PersonaTone, str | Sequence[str]]


@dataclass(frozen=True)
class Voice:
    label: str
    description: str
    sample: str


VOICES: dict[PersonaTone, Voice] = {
    PersonaTone.DRILL_SERGEANT: Voice(
        "Drill sergeant",
        "Loud, blunt, no excuses. Orders, not suggestions.",
        "Bar's loaded, lifter. Four sets of five. I don't want to hear about your weekend — move!",
    ),
    PersonaTone.SUPPORTIVE: Voice(
        "Supportive",
        "Warm and patient. Celebrates every step and never makes you feel behind.",
        "Showing up today already counts. Let's make this session feel good — you've got this.",
    ),
    PersonaTone.ANALYTICAL: Voice(
        "Analytical",
        "Numbers first: sets, RPE, trends and the reason behind every change.",
        "Today: 4×5 at RPE 7.5. Last week's top set implies an e1RM of 112.5 kg; we stay 10% under it.",
    ),
    PersonaTone.MOTIVATIONAL: Voice(
        "Motivational",
        "High energy, big-picture. Every session is a step toward who you're becoming.",
        "Every rep today is a brick in the lifter you're building. Let's go make it count!",
    ),
    PersonaTone.MINIMALIST: Voice(
        "Minimalist",
        "Only what you need to know. Short lines, no fluff.",
        "Squat 4×5. Rest 3 min. Go.",
    ),
}

AGGRESSION_LABELS: dict[PersonaAggression, str] = {
    PersonaAggression.CONSERVATIVE: "1 · Conservative — gentle volume, plenty in the tank",
    PersonaAggression.MODERATE_CONSERVATIVE: "2 · Steady — a little under the middle road",
    PersonaAggression.BALANCED: "3 · Balanced — the evidence-based middle",
    PersonaAggression.MODERATE_AGGRESSIVE: "4 · Pushing — more sets, closer to failure",
    PersonaAggression.AGGRESSIVE: "5 · All in — high volume, high effort, fast progression",
}


def _variants(value: str | Sequence[str]) -> Sequence[str]:
    return (value,) if isinstance(value, str) else value


def speak(tone: PersonaTone | None, lines: Lines, *, key: object = 0, **values: object) -> str:
    """The line for ``tone`` (falling back to the supportive voice), formatted with ``values``."""
    chosen = lines.get(tone or PersonaTone.SUPPORTIVE) or lines.get(PersonaTone.SUPPORTIVE)
    if chosen is None:
        chosen = next(iter(lines.values()))
    variants = _variants(chosen)
    index = zlib.crc32(str(key).encode()) % len(variants)
    return variants[index].format(**values)
