"""Logging as a lifter experiences it: saved completely, PRs celebrated, nothing lost, nothing wrong kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from coach.catalog import Catalog
from coach.logbook.parser import parse_log
from coach.logbook.records import E1RM, REPS, WEIGHT
from coach.logbook.service import complete_planned, correct_last, record_log, todays_date, undo_last
from coach.logbook.units import KG_PER_LB
from db.enums import PersonaTone
from db.library import default_library
from db.models import TopSetLog, WorkoutLog
from db.repositories import Repositories
from tests.coach.logbook.builders import MONDAY, Planned, make_deps, make_program, make_user

TUESDAY = MONDAY + dt.timedelta(days=1)


async def _sets(repos: Repositories, workout_log_id: int | None) -> list[TopSetLog]:
    return list(
        (
            await repos.session.scalars(
                select(TopSetLog).where(TopSetLog.workout_log_id == workout_log_id).order_by(TopSetLog.id)
            )
        ).all()
    )


async def _workouts(repos: Repositories, user_id: int) -> int:
    return int(await repos.session.scalar(select(func.count()).where(WorkoutLog.user_id == user_id)) or 0)


async def test_a_log_is_stored_set_by_set_with_e1rm(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_log(repos, await make_deps(repos), user, "bench 80x8, 85x6, 90x4 @9", day=MONDAY)
    rows = await _sets(repos, outcome.workout_log_id)
    assert [(r.weight, r.reps, r.rpe, r.set_number) for r in rows] == [
        (80.0, 8, None, 1),
        (85.0, 6, None, 2),
        (90.0, 4, 9.0, 3),
    ]
    assert [r.e1rm_value for r in rows] == [101.3, 102.0, 105.0]  # Epley: 80·(1+8/30), 85·1.2, 90·(1+5/30)
    assert "Barbell Bench Press" in outcome.text and "e1RM 105 kg" in outcome.text
    assert "First Barbell Bench Press entry" in outcome.text


async def test_the_lifters_formula_is_used(repos: Repositories) -> None:
    user = await make_user(repos)
    settings = await repos.users.ensure_settings(user)
    from db.enums import E1RMFormula

    settings.active_e1rm_formula = E1RMFormula.BRZYCKI
    outcome = await record_log(repos, await make_deps(repos), user, "squat 100x5", day=MONDAY)
    [row] = await _sets(repos, outcome.workout_log_id)
    assert row.e1rm_value == 112.5 and row.e1rm_formula is E1RMFormula.BRZYCKI


async def test_records_are_recognised_and_celebrated(repos: Repositories) -> None:
    user = await make_user(repos, tone=PersonaTone.MOTIVATIONAL)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "bench 3x5 80", day=MONDAY)
    same = await record_log(repos, deps, user, "bench 3x5 80", day=TUESDAY)
    assert same.prs == ()
    heavier = await record_log(repos, deps, user, "bench 85x5", day=TUESDAY)
    kinds = {r.kind for r in heavier.prs}
    assert {E1RM, WEIGHT} <= kinds
    assert "PR" in heavier.text and "99.2 kg" in heavier.text
    more_reps = await record_log(repos, deps, user, "bench 80x7", day=TUESDAY)
    assert REPS in {r.kind for r in more_reps.prs}


async def test_rep_records_for_bodyweight_work(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "pull-ups 3x8", day=MONDAY)
    outcome = await record_log(repos, deps, user, "pull-ups 12", day=TUESDAY)
    [record] = outcome.prs
    assert (record.kind, record.value, record.previous) == (REPS, 12.0, 8.0)
    assert "bodyweight" in outcome.text


async def test_today_links_to_the_planned_session_and_uses_its_rest(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user, days={0: [Planned("Barbell Back Squat", 3, rest=240)]})
    deps = await make_deps(repos)
    planned = await record_log(repos, deps, user, "squat 3x5 120", day=MONDAY)
    assert planned.rest_seconds == 240 and "4 min" in planned.text
    other = await record_log(repos, deps, user, "lateral raise 3x15 8", day=MONDAY)
    assert other.rest_seconds == 54  # isolation, high reps: 90 s × 0.6
    workout = await repos.logs.get_workout(user.id, planned.workout_log_id or 0)
    assert workout is not None and workout.session_id is not None
    off_day = await record_log(repos, deps, user, "ran 5k in 25:30", day=TUESDAY)
    assert off_day.rest_seconds is None
    ad_hoc = await repos.logs.get_workout(user.id, off_day.workout_log_id or 0)
    assert ad_hoc is not None and ad_hoc.session_id is None


async def test_impossible_numbers_save_nothing_and_ask_for_a_fix(repos: Repositories) -> None:
    user = await make_user(repos, tone=PersonaTone.SUPPORTIVE)
    outcome = await record_log(
        repos, await make_deps(repos), user, "bench 3x5 80\nsquat 5000kg 5x5", day=MONDAY
    )
    assert not outcome.saved and outcome.errors
    assert "5000 kg" in outcome.text and "haven't saved anything" in outcome.text
    assert await _workouts(repos, user.id) == 0


@pytest.mark.parametrize("text", ["squat 3x5 100 @14", "bench 3x0 80", "squat -5x5 100", "bench 3x500 80"])
async def test_bad_input_never_raises_and_never_saves(repos: Repositories, text: str) -> None:
    user = await make_user(repos)
    outcome = await record_log(repos, await make_deps(repos), user, text, day=MONDAY)
    assert not outcome.saved and outcome.errors and outcome.text
    assert await _workouts(repos, user.id) == 0


async def test_unknown_movement_gets_suggestions(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_log(repos, await make_deps(repos), user, "zzyzx 3x5 80", day=MONDAY)
    assert not outcome.saved and "zzyzx" in outcome.text


async def test_close_names_ask_and_the_chosen_name_is_logged(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    outcome = await record_log(repos, deps, user, "bench 3x5 80\nrow 3x10 60", day=MONDAY)
    assert outcome.saved and outcome.saved_sets == 3
    [question] = outcome.ambiguities
    assert question.line == "row 3x10 60" and "Barbell Row" in question.candidates
    assert "Barbell Row" in outcome.text
    chosen = await record_log(repos, deps, user, question.with_choice("Barbell Row"), day=MONDAY)
    assert chosen.saved and not chosen.ambiguities
    rows = await _sets(repos, chosen.workout_log_id)
    assert [(r.weight, r.reps) for r in rows] == [(60.0, 10)] * 3


async def test_only_ambiguous_lines_save_nothing_yet(repos: Repositories) -> None:
    user = await make_user(repos)
    outcome = await record_log(repos, await make_deps(repos), user, "row 3x10 60", day=MONDAY)
    assert not outcome.saved and outcome.ambiguities and not outcome.errors


async def test_pound_users_log_and_read_pounds(repos: Repositories) -> None:
    user = await make_user(repos, metric=False)
    outcome = await record_log(repos, await make_deps(repos), user, "squat 3x5 225", day=MONDAY)
    [row, *_] = await _sets(repos, outcome.workout_log_id)
    assert row.weight == pytest.approx(225 * KG_PER_LB, abs=1e-3)
    assert "225 lb" in outcome.text and "kg" not in outcome.text


async def test_each_voice_sounds_different(repos: Repositories) -> None:
    texts = set()
    for tone in PersonaTone:
        user = await make_user(repos, f"voice-{tone.value}", tone=tone)
        outcome = await record_log(repos, await make_deps(repos), user, "squat 3x5 100", day=MONDAY)
        texts.add(outcome.text.splitlines()[0])
    assert len(texts) == len(PersonaTone)


async def test_undo_with_nothing_to_undo(repos: Repositories) -> None:
    user = await make_user(repos, tone=PersonaTone.MINIMALIST)
    assert await undo_last(repos, await make_deps(repos), user) == "Nothing to undo."


async def test_undo_button_removes_exactly_its_log(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    first = await record_log(repos, deps, user, "squat 3x5 100", day=MONDAY)
    await record_log(repos, deps, user, "bench 3x5 80", day=MONDAY)
    message = await undo_last(repos, deps, user, workout_log_id=first.workout_log_id)
    assert "Barbell Back Squat" in message
    assert await _workouts(repos, user.id) == 1


async def test_correcting_todays_log_replaces_its_sets(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    logged = await record_log(repos, deps, user, "bench 3x5 80", day=MONDAY)
    fixed = await correct_last(repos, deps, user, "bench 3x5 82.5", day=MONDAY)
    assert fixed.workout_log_id == logged.workout_log_id
    assert [r.weight for r in await _sets(repos, logged.workout_log_id)] == [82.5] * 3
    assert "82.5 kg" in fixed.text
    assert await _workouts(repos, user.id) == 1


async def test_an_old_log_cannot_be_corrected(repos: Repositories) -> None:
    user = await make_user(repos)
    await record_log(repos, await make_deps(repos), user, "bench 3x5 80", day=MONDAY)
    later = await make_deps(repos, day=MONDAY + dt.timedelta(days=3))
    outcome = await correct_last(repos, later, user, "bench 3x5 82.5", day=MONDAY + dt.timedelta(days=3))
    assert not outcome.saved and outcome.errors and "/undo" in outcome.text


async def test_completing_the_plan_by_button(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(
        repos,
        user,
        days={
            0: [Planned("Barbell Back Squat", 4, reps=5, rpe=8.0), Planned("Plank", 3, reps=None, seconds=45)]
        },
    )
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "squat 100x5", day=MONDAY - dt.timedelta(days=3))  # e1RM 116.7
    [session] = await repos.logs.planned_sessions_on(user.id, MONDAY)
    done = await complete_planned(repos, deps, user, session.id, as_planned=True)
    assert done.saved and done.saved_sets == 7
    rows = await _sets(repos, done.workout_log_id)
    squats = [r for r in rows if r.reps == 5]
    # 5 reps at RPE 8 = 7 reps at RPE 10 = 81.1 % of 116.7 kg ≈ 94.6 → 95 kg on the bar.
    assert [r.weight for r in squats] == [95.0] * 4
    assert all(r.e1rm_value is None for r in rows)
    assert [r.duration_seconds for r in rows if r.reps == 0] == [45] * 3
    again = await complete_planned(repos, deps, user, session.id, as_planned=True)
    assert again.workout_log_id == done.workout_log_id and again.saved_sets == 0


async def test_done_with_changes_offers_a_template_then_saves_what_was_done(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(
        repos, user, days={0: [Planned("Barbell Back Squat", 4), Planned("Barbell Bench Press", 3, reps=8)]}
    )
    deps = await make_deps(repos)
    [session] = await repos.logs.planned_sessions_on(user.id, MONDAY)
    ask = await complete_planned(repos, deps, user, session.id, as_planned=False)
    assert not ask.saved and ask.template and len(ask.planned) == 2
    parsed = parse_log(ask.template, Catalog.from_library(default_library()))
    assert [e.movement.name for e in parsed.entries if e.movement] == []  # no loads known yet: asks for them
    assert all("weight" in u.error for u in parsed.unparsed)
    _squat, bench = ask.planned
    done = await complete_planned(
        repos, deps, user, session.id, as_planned=False, done_sets={bench.session_exercise_id: 0}
    )
    assert done.saved and done.saved_sets == 4


async def test_typed_exercises_are_not_doubled_by_the_button(repos: Repositories) -> None:
    user = await make_user(repos)
    await make_program(repos, user)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "squat 3x5 110", day=MONDAY)
    [session] = await repos.logs.planned_sessions_on(user.id, MONDAY)
    done = await complete_planned(repos, deps, user, session.id, as_planned=True)
    rows = await _sets(repos, done.workout_log_id)
    assert len(rows) == 3 and all(r.reps == 5 for r in rows)  # only the bench, as planned


async def test_someone_elses_session_cannot_be_completed(repos: Repositories) -> None:
    owner = await make_user(repos, "owner")
    await make_program(repos, owner)
    intruder = await make_user(repos, "intruder")
    [session] = await repos.logs.planned_sessions_on(owner.id, MONDAY)
    outcome = await complete_planned(repos, await make_deps(repos), intruder, session.id, as_planned=True)
    assert not outcome.saved and outcome.errors
    assert await _workouts(repos, owner.id) == 0


async def test_todays_date_is_the_lifters_local_date(repos: Repositories) -> None:
    user = await make_user(repos)
    user.timezone = "Pacific/Auckland"
    deps = await make_deps(repos, day=MONDAY, hour=20)  # 20:00 UTC is already Tuesday in Auckland
    assert todays_date(deps, user) == TUESDAY


async def test_a_wall_of_text_is_refused_whole(repos: Repositories) -> None:
    user = await make_user(repos)
    text = "\n".join(["squat 5x5 100"] * 61)
    outcome = await record_log(repos, await make_deps(repos), user, text, day=MONDAY)
    assert not outcome.saved and "at most 60" in outcome.text
