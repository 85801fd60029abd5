"""Storing programs: everything written together, JSON sections equal to the rows, history kept."""

from __future__ import annotations

from sqlalchemy import func, select

from coach.deps import CoachDeps
from coach.planning.service import create_program
from coach.planning.sync import movement_index, sections_of
from coach.profile import Profile
from db.enums import EnjoyableActivity, MovementRuleType, PersonaTone
from db.models import Microcycle, Program, Session, SessionExercise
from db.repositories import Repositories
from tests.coach.planning.support import MONDAY, PROFILE, clock, deps, system_catalog

__all__ = ["clock", "deps", "system_catalog"]


async def _count(repos: Repositories, model: type, *where: object) -> int:
    return int(await repos.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_create_program_stores_answers_and_the_whole_plan(repos: Repositories, deps: CoachDeps) -> None:
    user = await repos.users.get_or_create_local("ada")
    program = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=11)

    assert program.is_active and program.start_date == MONDAY and program.seed == 11
    assert program.persona_tone == PersonaTone.ANALYTICAL and Profile.parse(program.profile_json)
    assert user.persona_tone == PersonaTone.ANALYTICAL and user.settings is not None
    assert user.settings.session_minutes == 60 and "barbell" in user.settings.equipment
    rules = {r.movement.name: r.rule_type for r in await repos.programs.rules(user.id)}
    assert rules == {
        "Barbell Back Squat": MovementRuleType.HARD_NO,
        "Romanian Deadlift": MovementRuleType.HARD_YES,
    }
    activities = await repos.programs.enjoyable_activities(user.id)
    assert [(a.activity_type, a.recommend_every_days) for a in activities] == [(EnjoyableActivity.TENNIS, 7)]

    cycles = await repos.programs.microcycles(program.id)
    assert [c.sequence_number for c in cycles] == list(range(1, 11))
    sessions = await repos.programs.sessions(program.id)
    assert len(sessions) == 10 * 5  # four lifting days and a tennis day a week
    assert await _count(
        repos, SessionExercise, SessionExercise.session_id.in_([s.id for s in sessions])
    ) == sum(len(s.exercises) for s in sessions)


async def test_json_sections_match_session_exercises_for_every_session(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await repos.users.get_or_create_local("grace")
    program = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=3)
    movements = movement_index(deps.catalog)
    sessions = await repos.programs.sessions(program.id)
    lifting = [s for s in sessions if s.exercises]
    assert len(lifting) == 40
    for session in sessions:
        expected = sections_of(session.exercises, movements)
        stored = {key: getattr(session, key) for key in expected}
        assert stored == expected, session.date
        minutes = [
            session.warmup_duration_minutes,
            session.main_duration_minutes,
            session.accessory_duration_minutes,
            session.finisher_duration_minutes,
            session.cooldown_duration_minutes,
        ]
        assert sum(minutes) == session.estimated_duration_minutes


async def test_a_new_program_retires_the_old_one_without_deleting_it(
    repos: Repositories, deps: CoachDeps
) -> None:
    user = await repos.users.get_or_create_local("linus")
    first = await create_program(repos, deps, user, Profile.parse(PROFILE), seed=1)
    second = await create_program(repos, deps, user, Profile.parse({**PROFILE, "days_per_week": 3}), seed=2)
    await repos.session.refresh(first)
    assert not first.is_active and second.is_active
    assert (await repos.programs.active(user.id)).id == second.id
    assert [p.id for p in await repos.programs.history(user.id)] == [second.id, first.id]
    assert await _count(repos, Program, Program.user_id == user.id) == 2
    assert await _count(repos, Microcycle, Microcycle.program_id == first.id) == 10


async def test_sessions_and_exercises_are_only_reachable_by_their_owner(
    repos: Repositories, deps: CoachDeps
) -> None:
    owner = await repos.users.get_or_create_local("owner")
    other = await repos.users.get_or_create_local("other")
    program = await create_program(repos, deps, owner, Profile.parse(PROFILE), seed=5)
    session = next(s for s in await repos.programs.sessions(program.id) if s.exercises)
    exercise = session.exercises[0]
    assert (await repos.programs.owned_session(owner.id, session.id)).id == session.id
    assert await repos.programs.owned_session(other.id, session.id) is None
    assert (await repos.programs.owned_exercise(owner.id, exercise.id)).id == exercise.id
    assert await repos.programs.owned_exercise(other.id, exercise.id) is None
    assert await _count(repos, Session, Session.id == session.id) == 1
