"""What reminders say, on a real generated program: training days, rest days, evenings, weeks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from coach import callbacks
from coach.callbacks import Callback
from coach.clock import FixedClock
from coach.deps import CoachDeps
from coach.logbook.service import record_log
from coach.persona import speak
from coach.planning.service import create_program
from coach.profile import Profile
from coach.reminders import lines
from coach.reminders.actions import handle_callback
from coach.reminders.content import compose
from coach.reminders.policy import ReminderPolicy
from coach.today.service import today
from db.enums import EnjoyableActivity, PersonaTone
from db.models import ActivityDefinition, ActivityInstance, User, UserEnjoyableActivity, WorkoutLog
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, WEEKLY
from tests.coach.conversation.fixtures import base_deps  # noqa: F401  (fixture)
from tests.coach.reminders.helpers import add_users, new_user

MONDAY = dt.date(2026, 3, 2)
POLICY = ReminderPolicy()
PROFILE = {
    "days_per_week": 3,
    "goals": [{"goal": "strength", "weight": 6}, {"goal": "hypertrophy", "weight": 4}],
    "duration_weeks": 8,
    "persona_tone": "supportive",
}


@pytest.fixture
def deps(base_deps: CoachDeps) -> CoachDeps:  # noqa: F811
    return dataclasses.replace(base_deps, clock=FixedClock(dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)))


@pytest.fixture
async def lifter(session: AsyncSession, repos: Repositories, deps: CoachDeps) -> User:
    (user,) = await add_users(session, [new_user(name="Sam Carter", evening=True, weekly=True)])
    await create_program(repos, deps, user, Profile.parse(PROFILE), start_date=MONDAY, seed=7)
    return user


async def training_and_rest_days(repos: Repositories, user: User) -> tuple[dt.date, dt.date]:
    planned = {
        p.date for p in await repos.reminders.planned_days(user.id, MONDAY, MONDAY + dt.timedelta(days=6))
    }
    week = [MONDAY + dt.timedelta(days=n) for n in range(7)]
    training = min(d for d in week if d in planned)
    rest = min(d for d in week if d not in planned)
    return training, rest


def on(deps: CoachDeps, day: dt.date, hour: int = 7) -> CoachDeps:
    return dataclasses.replace(deps, clock=FixedClock(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)))


async def test_a_training_day_brief_with_signed_buttons(
    repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    training, _ = await training_and_rest_days(repos, lifter)
    composed = await compose(repos, on(deps, training), lifter, DAILY, training, POLICY)
    reply = composed.reply
    assert reply is not None
    assert reply.text.startswith(speak(PersonaTone.SUPPORTIVE, lines.TRAINING_DAY, key=training, name="Sam"))
    assert f"{training:%a} {training.day} {training:%b}" in reply.text  # the brief's title line
    labels = [b.label for row in reply.buttons for b in row]
    assert labels == [lines.BUTTON_START, lines.BUTTON_VIEW, lines.BUTTON_MOVE, lines.BUTTON_SKIP]
    pressed = [
        callbacks.verify(deps.callback_secret, lifter.id, b.data) for row in reply.buttons for b in row
    ]
    assert [p.args if p else None for p in pressed] == [
        (verb, f"{training:%Y%m%d}") for verb in ("start", "view", "move", "skip")
    ]
    assert all(p is not None and p.action == "rem" for p in pressed)
    assert callbacks.verify(deps.callback_secret, lifter.id + 1, reply.buttons[0][0].data) is None


async def test_a_rest_day_gets_a_recovery_note(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    _, rest = await training_and_rest_days(repos, lifter)
    reply = (await compose(repos, on(deps, rest), lifter, DAILY, rest, POLICY)).reply
    assert reply is not None and not reply.buttons
    assert reply.text == speak(PersonaTone.SUPPORTIVE, lines.REST_DAY, key=rest, name="Sam")


async def enjoy(session: AsyncSession, user: User, activity: EnjoyableActivity, every: int) -> None:
    session.add(UserEnjoyableActivity(user_id=user.id, activity_type=activity, recommend_every_days=every))
    await session.flush()


async def did(session: AsyncSession, user: User, name: str, day: dt.date) -> None:
    definition = await session.scalar(
        ActivityDefinition.__table__.select().where(ActivityDefinition.name == name)  # type: ignore[arg-type]
    )
    session.add(
        ActivityInstance(
            user_id=user.id,
            activity_definition_id=definition,
            source="MANUAL",
            performed_start=dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC),
        )
    )
    await session.flush()


async def test_a_rest_day_suggests_the_enjoyable_activity_that_is_due(
    session: AsyncSession, repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    _, rest = await training_and_rest_days(repos, lifter)
    await enjoy(session, lifter, EnjoyableActivity.BOULDERING, 7)
    await did(session, lifter, "Bouldering", rest - dt.timedelta(days=9))
    reply = (await compose(repos, on(deps, rest), lifter, DAILY, rest, POLICY)).reply
    assert reply is not None
    assert "9 days since your last bouldering" in reply.text

    await did(session, lifter, "Bouldering", rest - dt.timedelta(days=2))
    reply = (await compose(repos, on(deps, rest), lifter, DAILY, rest, POLICY)).reply
    assert reply is not None and "bouldering" not in reply.text  # done two days ago: not due


async def test_an_activity_never_logged_is_suggested(
    session: AsyncSession, repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    _, rest = await training_and_rest_days(repos, lifter)
    await enjoy(session, lifter, EnjoyableActivity.YOGA, 14)
    reply = (await compose(repos, on(deps, rest), lifter, DAILY, rest, POLICY)).reply
    assert reply is not None and "haven't logged any yoga yet" in reply.text


async def test_no_program_nothing_to_send(
    session: AsyncSession, repos: Repositories, deps: CoachDeps
) -> None:
    (user,) = await add_users(session, [new_user()])
    composed = await compose(repos, deps, user, DAILY, MONDAY, POLICY)
    assert composed.reply is None and composed.reason == "no active program"


async def test_evening_nudge_only_when_the_session_is_not_logged(
    session: AsyncSession, repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    training, rest = await training_and_rest_days(repos, lifter)
    evening = on(deps, training, 19)
    nudge = (await compose(repos, evening, lifter, EVENING, training, POLICY)).reply
    assert nudge is not None and "isn't logged yet" in nudge.text and nudge.buttons
    assert (await compose(repos, on(deps, rest, 19), lifter, EVENING, rest, POLICY)).reason == (
        "no session planned today"
    )
    session.add(WorkoutLog(user_id=lifter.id, date=training))
    await session.flush()
    assert (await compose(repos, evening, lifter, EVENING, training, POLICY)).reason == (
        "today's session is already logged"
    )


async def test_weekly_summary(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    sunday = MONDAY + dt.timedelta(days=6)
    planned = sorted(p.date for p in await repos.reminders.planned_days(lifter.id, MONDAY, sunday))
    for day, load in zip(planned[:2], (100, 105), strict=True):  # two of three sessions, logged as done
        await record_log(repos, on(deps, day, 18), lifter, f"front squat 3x5 {load}", day=day)
    reply = (await compose(repos, on(deps, sunday, 18), lifter, WEEKLY, sunday, POLICY)).reply
    assert reply is not None
    text = reply.text
    assert "Your week in review, Sam (02 Mar – 08 Mar)" in text
    assert "You got 2 of 3 sessions in" in text
    assert "• Front Squat: 116.7 kg → 122.5 kg (+5%)" in text
    assert "🔥 1 week in a row with training." in text
    assert "Coming up next week: 3 sessions" in text and "main lifts" in text
    assert text.endswith("/progress")


async def test_weekly_summary_needs_something_to_summarise(
    session: AsyncSession, repos: Repositories, deps: CoachDeps
) -> None:
    (user,) = await add_users(session, [new_user(weekly=True)])
    composed = await compose(repos, deps, user, WEEKLY, MONDAY, POLICY)
    assert composed.reply is None and composed.reason.startswith("nothing to summarise")


async def test_every_voice_is_its_own(
    session: AsyncSession, repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    training, rest = await training_and_rest_days(repos, lifter)
    for day in (training, rest):
        texts = set()
        for tone in PersonaTone:
            lifter.persona_tone = tone
            reply = (await compose(repos, on(deps, day), lifter, DAILY, day, POLICY)).reply
            assert reply is not None
            texts.add(reply.text.split("\n")[0])
        assert len(texts) == len(PersonaTone)


def test_every_line_is_written_for_every_voice() -> None:
    mappings = {
        name: value for name, value in vars(lines).items() if isinstance(value, dict) and name.isupper()
    }
    assert len(mappings) > 20
    for name, written in mappings.items():
        assert set(written) == set(PersonaTone), name


# The buttons ----------------------------------------------------------------------------------


def press(verb: str, day: dt.date) -> Callback:
    return Callback("rem", (verb, f"{day:%Y%m%d}"))


async def test_view_and_start_show_todays_session(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    training, _ = await training_and_rest_days(repos, lifter)
    now = on(deps, training)
    (view,) = await handle_callback(repos, now, lifter, press("view", training))
    assert "Main" in view.text or "main" in view.text.lower()
    assert [b.label for row in view.buttons for b in row] == [
        lines.BUTTON_START,
        lines.BUTTON_MOVE,
        lines.BUTTON_SKIP,
    ]
    session_text, hint = await handle_callback(repos, now, lifter, press("start", training))
    assert session_text.text == view.text
    assert "5x5" in hint.text


async def test_skip_skips_today(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    training, _ = await training_and_rest_days(repos, lifter)
    now = on(deps, training)
    (reply,) = await handle_callback(repos, now, lifter, press("skip", training))
    assert reply.edit and reply.text == speak(PersonaTone.SUPPORTIVE, lines.SKIPPED)
    assert (await today(repos, now, lifter, training)).session is None
    (again,) = await handle_callback(repos, now, lifter, press("skip", training))
    assert again.text == speak(PersonaTone.SUPPORTIVE, lines.NO_SESSION_TODAY)


async def test_move_moves_to_the_next_free_day(repos: Repositories, deps: CoachDeps, lifter: User) -> None:
    training, _ = await training_and_rest_days(repos, lifter)
    now = on(deps, training)
    (reply,) = await handle_callback(repos, now, lifter, press("move", training))
    assert reply.edit and "Moved by you to" in reply.text
    assert (await today(repos, now, lifter, training)).session is None


async def test_yesterdays_buttons_do_not_change_today(
    repos: Repositories, deps: CoachDeps, lifter: User
) -> None:
    training, _ = await training_and_rest_days(repos, lifter)
    tomorrow = on(deps, training + dt.timedelta(days=1))
    (reply,) = await handle_callback(repos, tomorrow, lifter, press("skip", training))
    assert f"{training:%a %d %b}" in reply.text
    assert (await today(repos, on(deps, training), lifter, training)).session is not None


@pytest.mark.parametrize(
    "args", [(), ("skip",), ("dance", "20260302"), ("skip", "2026-03-02"), ("skip", "x")]
)
async def test_malformed_buttons_expire_politely(
    repos: Repositories, deps: CoachDeps, lifter: User, args: tuple[str, ...]
) -> None:
    (reply,) = await handle_callback(repos, deps, lifter, Callback("rem", args))
    assert reply.text == lines.EXPIRED_BUTTON
