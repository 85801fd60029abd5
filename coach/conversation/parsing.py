"""Typed answers: numbers, clock times, fuzzy choices, and telling a question from an answer.

Buttons are the main way through every question, but a lifter may type instead ("4",
"7:30pm", "intermediate", "strength 6, hypertrophy 4"). These helpers turn such text into
values, or ``None`` when it is not an answer, so the engine can help instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip

_QUESTION_WORDS = (
    "what", "why", "how", "when", "which", "who", "where", "should", "can", "could", "would",
    "is", "are", "do", "does", "will", "explain", "tell me", "help",
)  # fmt: skip


def number(text: str) -> int | None:
    """The one whole number in ``text`` ("4", "4 days", "four", "60 min"); ``None`` otherwise."""
    cleaned = text.strip().lower()
    digits = re.findall(r"\d+", cleaned)
    if len(digits) == 1 and len(digits[0]) <= 4:
        return int(digits[0])
    words = [_WORD_NUMBERS[w] for w in re.findall(r"[a-z-]+", cleaned) if w in _WORD_NUMBERS]
    if not digits and len(words) == 1:
        return words[0]
    return None


def choose(text: str, options: Mapping[str, str] | Iterable[str], *, cutoff: float = 75.0) -> str | None:
    """The option ``text`` names (fuzzy, case-insensitive); ``options`` maps spellings to values."""
    mapping = dict(options) if isinstance(options, Mapping) else {o: o for o in options}
    needle = normalise(text)
    if not needle:
        return None
    spellings = {normalise(k): v for k, v in mapping.items()}
    if needle in spellings:
        return spellings[needle]
    match = process.extractOne(needle, list(spellings), scorer=fuzz.WRatio, score_cutoff=cutoff)
    return spellings[match[0]] if match else None


def normalise(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower()).strip(" .!")


def is_question(text: str) -> bool:
    """Whether the lifter is asking something rather than answering the pending question."""
    cleaned = text.strip().lower()
    if cleaned.endswith("?"):
        return True
    first = re.split(r"[\s,]+", cleaned, maxsplit=1)[0] if cleaned else ""
    return len(cleaned.split()) >= 3 and any(
        cleaned.startswith(w + " ") or first == w for w in _QUESTION_WORDS
    )


def yes_no(text: str) -> bool | None:
    cleaned = normalise(text)
    if cleaned in ("yes", "y", "yeah", "yep", "sure", "ok", "okay", "confirm", "do it", "delete"):
        return True
    if cleaned in ("no", "n", "nope", "nah", "cancel", "keep", "stop"):
        return False
    return None
