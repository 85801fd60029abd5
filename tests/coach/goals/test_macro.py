"""The next program of a macro cycle: the phase sequence, steered by logged progress."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.goals.macro import History, phase_of, propose
from coach.profile import Profile
from db.enums import Goal
from tests.coach.planning.support import PROFILE, library_heuristics

MACRO = library_heuristics()["macro_cycles"]
START = dt.date(2026, 3, 2)
PREVIOUS = Profile.parse(PROFILE)
HYPERTROPHY = {Goal.HYPERTROPHY: 6, Goal.STRENGTH: 3, Goal.FAT_LOSS: 1}
STRENGTH = {Goal.STRENGTH: 6, Goal.HYPERTROPHY: 3, Goal.EXPLOSIVENESS: 1}
PEAK = {Goal.STRENGTH: 7, Goal.EXPLOSIVENESS: 2, Goal.HYPERTROPHY: 1}


@pytest.mark.parametrize(
    ("goals", "phase"),
    [
        (HYPERTROPHY, "accumulation"),
        (STRENGTH, "intensification"),
        (PEAK, "realization"),
        ({Goal.HYPERTROPHY: 10}, "accumulation"),
    ],
)
def test_phase_of_a_program_is_the_nearest_by_goal_weights(goals: dict[Goal, int], phase: str) -> None:
    assert phase_of(goals, MACRO["phases"]) == phase


def history(goals: dict[Goal, int], **kw: object) -> History:
    values = {"days_per_week": 4, "adherence": 0.9, "strength_gain": 0.05}
    values.update(kw)
    return History(goals=goals, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("goals", "following"),
    [(HYPERTROPHY, "intensification"), (STRENGTH, "realization"), (PEAK, "accumulation")],
)
def test_phases_follow_each_other(goals: dict[Goal, int], following: str) -> None:
    proposal = propose(PREVIOUS, history(goals), MACRO, START)
    assert proposal.phase == following
    wanted = {Goal(g): w for g, w in MACRO["phases"][following]["goals"].items()}
    assert {g.goal: g.weight for g in proposal.profile.goals} == wanted
    assert proposal.profile.duration_weeks == MACRO["phases"][following]["duration_weeks"]
    assert proposal.profile.start_date == START and proposal.profile.movement_rules == PREVIOUS.movement_rules


def test_low_adherence_repeats_the_phase_on_fewer_days() -> None:
    proposal = propose(PREVIOUS, history(STRENGTH, adherence=0.4), MACRO, START)
    assert proposal.phase == "intensification" and proposal.profile.days_per_week == 3
    assert "40%" in proposal.reasons[0]


def test_a_stalled_strength_goal_goes_back_to_building() -> None:
    proposal = propose(PREVIOUS, history(STRENGTH, strength_gain=0.0, strength_goal=True), MACRO, START)
    assert proposal.phase == "accumulation" and "stalled" in proposal.reasons[0]


def test_an_event_soon_makes_the_next_program_its_peak_and_ends_on_it() -> None:
    event = START + dt.timedelta(weeks=9)
    proposal = propose(PREVIOUS, history(HYPERTROPHY, event_date=event), MACRO, START)
    assert proposal.phase == "endurance_peak" and proposal.profile.duration_weeks == 9
    far = propose(PREVIOUS, history(HYPERTROPHY, event_date=START + dt.timedelta(weeks=30)), MACRO, START)
    assert far.phase == "endurance_build"
