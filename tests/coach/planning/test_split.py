"""Split choice: explicit templates honoured, defaults by days and goals, hybrids written down."""

from __future__ import annotations

import pytest

from coach.planning.prescription import GoalMix
from coach.planning.split import choose_split
from coach.planning.tunables import tunables_for
from db.enums import Goal, SessionType, SplitTemplate
from tests.coach.planning.support import library_heuristics

T = tunables_for(library_heuristics())
S = SessionType
STRENGTH = GoalMix({Goal.STRENGTH: 7, Goal.HYPERTROPHY: 3})
CONDITIONING = GoalMix({Goal.ENDURANCE: 4, Goal.FAT_LOSS: 3, Goal.STRENGTH: 3})


@pytest.mark.parametrize(
    ("days", "requested", "mix", "template", "rotation"),
    [
        (2, None, STRENGTH, SplitTemplate.FULL_BODY, (S.FULL_BODY,)),
        (3, None, STRENGTH, SplitTemplate.FULL_BODY, (S.FULL_BODY,)),
        (4, None, STRENGTH, SplitTemplate.UPPER_LOWER, (S.UPPER, S.LOWER)),
        (5, None, STRENGTH, SplitTemplate.HYBRID, (S.UPPER, S.LOWER, S.PUSH, S.PULL, S.LEGS)),
        (6, None, STRENGTH, SplitTemplate.PPL, (S.PUSH, S.PULL, S.LEGS)),
        (
            7,
            None,
            STRENGTH,
            SplitTemplate.HYBRID,
            (S.PUSH, S.PULL, S.LEGS, S.PUSH, S.PULL, S.LEGS, S.RECOVERY),
        ),
        (4, None, CONDITIONING, SplitTemplate.HYBRID, (S.UPPER, S.LOWER, S.CARDIO, S.FULL_BODY)),
        (5, None, CONDITIONING, SplitTemplate.HYBRID, (S.UPPER, S.LOWER, S.CARDIO, S.UPPER, S.LOWER)),
        (3, None, CONDITIONING, SplitTemplate.FULL_BODY, (S.FULL_BODY,)),
        (3, SplitTemplate.PPL, STRENGTH, SplitTemplate.PPL, (S.PUSH, S.PULL, S.LEGS)),
        (6, SplitTemplate.FULL_BODY, CONDITIONING, SplitTemplate.FULL_BODY, (S.FULL_BODY,)),
        (4, SplitTemplate.HYBRID, STRENGTH, SplitTemplate.HYBRID, (S.UPPER, S.LOWER, S.PUSH, S.PULL)),
    ],
)
def test_split_choice(
    days: int,
    requested: SplitTemplate | None,
    mix: GoalMix,
    template: SplitTemplate,
    rotation: tuple[SessionType, ...],
) -> None:
    choice = choose_split(days, requested, mix, T)
    assert (choice.template, choice.rotation) == (template, rotation)
    if template == SplitTemplate.HYBRID:
        assert choice.hybrid_definition is not None
        assert choice.hybrid_definition["rotation"] == [s.value for s in rotation]
        assert choice.hybrid_definition["reason"]
    else:
        assert choice.hybrid_definition is None


def test_a_short_rotation_carries_on_from_week_to_week() -> None:
    choice = choose_split(3, SplitTemplate.UPPER_LOWER, STRENGTH, T)
    assert choice.week_types(0) == [S.UPPER, S.LOWER, S.UPPER]
    assert choice.week_types(1) == [S.LOWER, S.UPPER, S.LOWER]
    assert choice.week_types(2) == [S.UPPER, S.LOWER, S.UPPER]
