"""Numbered choices for the terminal: what a typed line picks from the buttons shown last."""

from __future__ import annotations

from coach.conversation.choices import pick

SHOWN = [("2", "d|2"), ("4", "d|4"), ("Next (2/3) →", "n"), ("⏹ Stop", "s"), ("+15 s", "p"), ("−15 s", "m")]


def test_a_typed_label_wins_over_a_choice_number() -> None:
    assert pick(SHOWN, "4") == ("4", "d|4")  # the "4" button, not the fourth choice
    assert pick(SHOWN, "3") == ("Next (2/3) →", "n")


def test_labels_ignore_case_emoji_and_punctuation_but_keep_signs() -> None:
    assert pick(SHOWN, "stop") == ("⏹ Stop", "s")
    assert pick(SHOWN, "next") == ("Next (2/3) →", "n")
    assert pick(SHOWN, "-15 s") == ("−15 s", "m") and pick(SHOWN, "+15 s") == ("+15 s", "p")


def test_anything_else_is_not_a_pick() -> None:
    assert pick(SHOWN, "9") is None and pick(SHOWN, "bench 3x5 80") is None
    assert pick([], "1") is None and pick(SHOWN, "  ") is None
