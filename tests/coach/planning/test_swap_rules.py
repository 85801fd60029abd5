"""Swaps and movement rules against the database: rows, JSON sections and minutes stay in sync."""

from __future__ import annotations

import pytest

from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.planning import rules
from coach.planning.service import create_program
from coach.planning.swap import swap_exercise, swap_options
from coach.planning.sync import movement_index, sections_of
from coach.profile import Profile
from db.enums import ExerciseRole, MovementRuleType
from db.models import Session, User
from db.repositories import Repositories
from tests.coach.planning.support import PROFILE


async def lifter(repos: Repositories, deps: CoachDeps, handle: str = "swapper") -> tuple[User, list[Session]]:
    user = await repos.users.get_or_create_local(handle)
    program = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=9)
    return user, [s for s in await repos.programs.sessions(program.id) if s.exercises]


def in_sync(session: Session, deps: CoachDeps) -> bool:
    expected = sections_of(session.exercises, movement_index(deps.catalog))
    return all(getattr(session, key) == value for key, value in expected.items())


async def test_swap_options_fit_equipment_rules_and_the_session(repos: Repositories, deps: CoachDeps) -> None:
    user, sessions = await lifter(repos, deps)
    session = sessions[1]
    main = next(e for e in session.exercises if e.role == ExerciseRole.MAIN)
    options = await swap_options(repos, deps, user, main.id)
    current = deps.catalog.by_id(main.movement_id)
    taken = {deps.catalog.by_id(e.movement_id).name for e in session.exercises}
    assert options and len(options) <= 8
    assert all(o.available_with(PROFILE["equipment"]) for o in options)
    assert all(o.name not in taken and o.name != "Barbell Back Squat" for o in options)
    assert (
        options[0].substitution_group == current.substitution_group or options[0].pattern == current.pattern
    )


async def test_a_swap_keeps_rows_and_json_in_sync(repos: Repositories, deps: CoachDeps) -> None:
    user, sessions = await lifter(repos, deps)
    session = sessions[0]
    exercise = next(e for e in session.exercises if e.role == ExerciseRole.ACCESSORY)
    choice = (await swap_options(repos, deps, user, exercise.id))[0]
    await swap_exercise(repos, deps, user, exercise.id, choice.name.lower())
    fresh = await repos.programs.owned_session(user.id, session.id)
    assert any(e.movement_id == choice.id for e in fresh.exercises)
    assert in_sync(fresh, deps)
    assert any(entry["movement"] == choice.name for entry in fresh.accessory_json)


async def test_swaps_refuse_other_lifters_and_unfitting_movements(
    repos: Repositories, deps: CoachDeps
) -> None:
    user, sessions = await lifter(repos, deps)
    stranger = await repos.users.get_or_create_local("stranger")
    exercise = next(e for e in sessions[0].exercises if e.role == ExerciseRole.MAIN)
    with pytest.raises(InvalidInput, match="not in your plan"):
        await swap_options(repos, deps, stranger, exercise.id)
    with pytest.raises(InvalidInput, match="doesn't fit"):
        await swap_exercise(repos, deps, user, exercise.id, "Barbell Back Squat")
    with pytest.raises(InvalidInput, match="did you mean"):
        await swap_exercise(repos, deps, user, exercise.id, "Bulgarain Splt Squat")


async def test_a_new_hard_no_leaves_every_remaining_session(repos: Repositories, deps: CoachDeps) -> None:
    user, sessions = await lifter(repos, deps)
    rdl = deps.catalog.get("Romanian Deadlift")
    await repos.programs.delete_rule(user.id, rdl.id)
    planned = sum(1 for s in sessions for e in s.exercises if e.movement_id == rdl.id)
    outcome = await rules.add_rule(repos, deps, user, "rdl", "hard_no")
    assert outcome.rule.movement == "Romanian Deadlift" and outcome.replaced == planned > 0
    assert "Romanian Deadlift" in outcome.text
    program = await repos.programs.active(user.id)
    for session in await repos.programs.sessions(program.id):
        assert all(e.movement_id != rdl.id for e in session.exercises)
        assert in_sync(session, deps)


async def test_rules_are_listed_changed_and_removed(repos: Repositories, deps: CoachDeps) -> None:
    user, _ = await lifter(repos, deps)
    outcome = await rules.add_rule(repos, deps, user, "Face Pull", MovementRuleType.PREFERRED)
    assert outcome.replaced == 0
    views = {v.movement: v.rule for v in await rules.list_rules(repos, deps, user)}
    assert (
        views["Face Pull"] == MovementRuleType.PREFERRED
        and views["Barbell Back Squat"] == MovementRuleType.HARD_NO
    )
    assert "Face Pull" in await rules.remove_rule(repos, deps, user, "face pull")
    with pytest.raises(InvalidInput, match="no rule"):
        await rules.remove_rule(repos, deps, user, "Face Pull")
    with pytest.raises(InvalidInput, match="did you mean"):
        await rules.add_rule(repos, deps, user, "Fase Pul", "hard_no")
    with pytest.raises(InvalidInput, match="choose one of"):
        await rules.add_rule(repos, deps, user, "Face Pull", "sometimes")
