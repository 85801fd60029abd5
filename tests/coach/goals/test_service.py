"""Goals, check-ins and the next program of a macro cycle, against the database."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.goals.service import (
    check_in,
    goals_text,
    program_ends_soon,
    propose_next_program,
    set_goal,
    start_macro_cycle,
    start_next_program,
)
from coach.planning.service import create_program
from coach.profile import Profile
from db.enums import GoalStatus, GoalType
from db.repositories import Repositories
from tests.coach.planning.support import MONDAY, PROFILE


async def test_goals_are_set_checked_in_and_completed(repos: Repositories, deps: CoachDeps) -> None:
    user = await repos.users.get_or_create_local("goal-setter")
    goal, text = await set_goal(repos, deps, user, "body_composition", {"target": 80, "start": 84})
    assert goal.target_json == {"metric": "bodyweight_kg", "target": 80.0, "start": 84.0} and "80" in text
    state, reply = await check_in(repos, deps, user, goal.id, {"value": 82}, day=MONDAY)
    assert state.share == pytest.approx(0.5) and goal.status == GoalStatus.ACTIVE and reply
    await check_in(repos, deps, user, goal.id, {"value": 79.5}, day=MONDAY + dt.timedelta(days=30))
    assert goal.status == GoalStatus.COMPLETED
    assert "bodyweight kg 80" in await goals_text(repos, deps, user)
    stranger = await repos.users.get_or_create_local("stranger")
    with pytest.raises(InvalidInput, match="not one of yours"):
        await check_in(repos, deps, stranger, goal.id, {"value": 70})


async def test_a_strength_goal_names_a_known_movement(repos: Repositories, deps: CoachDeps) -> None:
    user = await repos.users.get_or_create_local("strong")
    goal, _ = await set_goal(
        repos, deps, user, GoalType.STRENGTH_1RM, {"movement": "bench", "target_kg": 120}
    )
    assert goal.target_json["movement"] == "Barbell Bench Press"
    with pytest.raises(InvalidInput, match="did you mean"):
        await set_goal(
            repos, deps, user, GoalType.STRENGTH_1RM, {"movement": "Benchh Pres", "target_kg": 120}
        )


async def test_the_next_program_continues_the_macro_cycle(repos: Repositories, deps: CoachDeps) -> None:
    user = await repos.users.get_or_create_local("cycler")
    first = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=1)
    goal, _ = await set_goal(
        repos, deps, user, GoalType.HABIT_CONSISTENCY, {"sessions_per_week": 3, "weeks": 8}
    )
    cycle = await start_macro_cycle(repos, deps, user, "Spring strength", weeks=30, goal_ids=[goal.id])
    assert first.macro_cycle_id == cycle.id
    end = first.start_date + dt.timedelta(weeks=first.duration_weeks)
    assert program_ends_soon(first, end - dt.timedelta(days=3)) and not program_ends_soon(
        first, first.start_date
    )
    proposal = await propose_next_program(repos, deps, user, day=end - dt.timedelta(days=2))
    assert proposal is not None and proposal.macro_cycle_id == cycle.id
    assert proposal.proposal.start_date == end and "completed 0%" in proposal.text
    assert proposal.proposal.profile.days_per_week == PROFILE["days_per_week"] - 1
    second = await start_next_program(repos, deps, user, proposal)
    await repos.session.refresh(first)
    assert second.is_active and not first.is_active and second.macro_cycle_id == cycle.id
    assert second.start_date == end and [p.id for p in await repos.programs.history(user.id)] == [
        second.id,
        first.id,
    ]
