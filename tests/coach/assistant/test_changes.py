"""Plan change proposals survive a round trip through signed button data and stored JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from coach import callbacks
from coach.assistant.changes import Change, from_callback

SECRET = b"test-secret"
DAY = dt.date(2026, 12, 8)


@pytest.mark.parametrize(
    "change",
    [
        Change("swap", DAY, from_movement_id=123456, movement_id=4321, from_name="A", to_name="B"),
        *(Change("adjust", DAY, action=a) for a in ("reduce", "easy", "move", "skip")),
        *(
            Change("rule", DAY, movement_id=99999, to_name="Burpee", rule=r)
            for r in ("hard_no", "hard_yes", "preferred")
        ),
    ],
)
def test_button_round_trip(change: Change) -> None:
    button = change.button(SECRET, 7)
    assert len(button.data.encode()) <= callbacks.MAX_BYTES
    pressed = callbacks.verify(SECRET, 7, button.data)
    assert pressed is not None and pressed.action == "coach"
    back = from_callback(pressed.args)
    assert back is not None
    assert (back.kind, back.day, back.from_movement_id, back.movement_id, back.action, back.rule) == (
        change.kind,
        change.day,
        change.from_movement_id,
        change.movement_id,
        change.action,
        change.rule,
    )
    assert callbacks.verify(SECRET, 8, button.data) is None  # another lifter's press is refused


def test_json_round_trip() -> None:
    change = Change("swap", DAY, from_movement_id=1, movement_id=2, from_name="A", to_name="B")
    assert Change.from_json(change.to_json()) == change


@pytest.mark.parametrize(
    "args",
    [
        ("sw", "2026x208", "1", "2"),
        ("sw", "20261208", "one", "2"),
        ("ad", "20261208", "delete"),
        ("ru", "20261208", "5", "maybe"),
        ("zz",),
        (),
    ],
)
def test_malformed_callbacks_are_ignored(args: tuple[str, ...]) -> None:
    assert from_callback(args) is None
