"""What a reminder says, in the lifter's voice.

- ``daily``: on a training day, today's session in brief (after the day's adaptation) with
  buttons to start, view, move it to tomorrow or skip it; on a rest day, the enjoyable
  activity that is due (``recommend_every_days`` since it was last done) or a recovery note.
- ``evening``: a nudge when today's planned session has no log yet.
- ``weekly``: adherence, progress and next week's focus.

When there is nothing worth saying (no program, session already logged) the reminder is
settled as skipped with the reason, so an operator can see why nothing went out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coach import callbacks
from coach.clock import zone
from coach.deps import CoachDeps
from coach.logbook.units import number, weight_text
from coach.persona import speak
from coach.progress.metrics import LiftTrend, adherence, lift_trends, streak
from coach.reminders import lines
from coach.reminders.delivery import Composed
from coach.reminders.policy import ReminderPolicy
from coach.render import session_brief
from coach.replies import Button, Reply, keyboard
from coach.today.service import TodayResult, today
from db.enums import EnjoyableActivity, PersonaTone
from db.models import User
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, ActivityDone, PlannedDay

#: e1RM trends span four weeks (a mesocycle); the streak looks back two years.
TREND_WEEKS = 4
STREAK_DAYS = 730

ACTION = "rem"
START, VIEW, MOVE, SKIP = "start", "view", "move", "skip"

_NAME_FALLBACK = {
    PersonaTone.DRILL_SERGEANT: "recruit",
    PersonaTone.SUPPORTIVE: "friend",
    PersonaTone.ANALYTICAL: "lifter",
    PersonaTone.MOTIVATIONAL: "champ",
    PersonaTone.MINIMALIST: "",
}


def first_name(user: User) -> str:
    name = (user.name or "").split()
    return name[0] if name else _NAME_FALLBACK.get(user.persona_tone, "lifter")


def button(deps: CoachDeps, user: User, label: str, verb: str, day: dt.date) -> Button:
    """A reminder button, bound to the lifter and to the day it is about."""
    return Button(label, callbacks.sign(deps.callback_secret, user.id, ACTION, verb, f"{day:%Y%m%d}"))


def session_buttons(
    deps: CoachDeps, user: User, day: dt.date, *, view: bool = True
) -> tuple[tuple[Button, ...], ...]:
    first_row = [button(deps, user, lines.BUTTON_START, START, day)]
    if view:
        first_row.append(button(deps, user, lines.BUTTON_VIEW, VIEW, day))
    return keyboard(
        first_row,
        [button(deps, user, lines.BUTTON_MOVE, MOVE, day), button(deps, user, lines.BUTTON_SKIP, SKIP, day)],
    )


def decision_of(result: TodayResult) -> str:
    return str(getattr(result.decision, "value", result.decision))


def metric(user: User) -> bool:
    return user.settings is None or user.settings.use_metric


async def compose(
    repos: Repositories, deps: CoachDeps, user: User, kind: str, day: dt.date, policy: ReminderPolicy
) -> Composed:
    """The reminder of ``kind`` for ``user`` on local date ``day``."""
    reminders = repos.reminders
    if kind == DAILY:
        if not await reminders.has_active_program(user.id):
            return Composed(None, "no active program")
        return await _daily(repos, deps, user, day)
    if kind == EVENING:
        if not await reminders.has_active_program(user.id):
            return Composed(None, "no active program")
        return await _evening(repos, deps, user, day)
    return await _weekly(repos, deps, user, day)


async def _daily(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> Composed:
    tone, name = user.persona_tone, first_name(user)
    result = await today(repos, deps, user, day)
    decision = decision_of(result)
    # The adaptation is news when it changed the day: a lighter or swapped session, or a
    # session moved away. A plain rest day needs no explanation.
    changed = decision != "keep" if result.session is not None else decision == "move"
    adapted = (
        speak(tone, lines.ADAPTED, reasons=" ".join(result.reasons)) if changed and result.reasons else None
    )
    if result.session is not None:
        parts = [
            speak(tone, lines.TRAINING_DAY, key=day, name=name),
            adapted,
            session_brief(result.session, metric=metric(user), tone=tone),
        ]
        text = "\n\n".join(p for p in parts if p)
        return Composed(Reply(text=text, buttons=session_buttons(deps, user, day)))
    return Composed(
        Reply(text="\n\n".join(p for p in (adapted, await _rest_day(repos, user, day, result)) if p))
    )


async def _rest_day(repos: Repositories, user: User, day: dt.date, result: TodayResult) -> str:
    """A planned activity, else the enjoyable activity that is due, else a recovery note."""
    tone, name = user.persona_tone, first_name(user)
    if result.activities:
        return speak(tone, lines.ACTIVITY_PLANNED, name=name, activity=", ".join(result.activities))
    activity = await due_activity(repos, user, day)
    if activity is None:
        return speak(tone, lines.REST_DAY, key=day, name=name)
    return speak(
        tone,
        lines.ACTIVITY_DUE,
        name=name,
        activity=activity.label,
        every=activity.every,
        since=activity.since[0].upper() + activity.since[1:],
        since_lower=activity.since,
    )


async def _evening(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> Composed:
    result = await today(repos, deps, user, day)
    if result.session is None:
        return Composed(None, "no session planned today")
    if day in await repos.reminders.logged_dates(user.id, day, day):
        return Composed(None, "today's session is already logged")
    text = speak(
        user.persona_tone,
        lines.EVENING,
        name=first_name(user),
        session=session_label(
            str(getattr(result.session.session_type, "value", result.session.session_type))
        ),
    )
    return Composed(Reply(text=text, buttons=session_buttons(deps, user, day)))


def session_label(session_type: str) -> str:
    return f"{session_type.replace('_', ' ')} session"


# Rest days: the enjoyable activity that is due ----------------------------------------------


@dataclass(frozen=True)
class DueActivity:
    label: str
    every: int
    since: str
    #: How far past due (days since / every); never done counts as exactly due.
    overdue: float


def _matches(done: ActivityDone, activity: EnjoyableActivity, custom_name: str | None) -> bool:
    names = {activity.value, activity.value.replace("_", " ")}
    if custom_name:
        names.add(custom_name.lower())
    return done.name.lower() in names or (done.discipline or "").lower() in names


async def due_activity(repos: Repositories, user: User, day: dt.date) -> DueActivity | None:
    """The enjoyable activity most overdue on ``day``, if any is due."""
    reminders = repos.reminders
    wanted = await reminders.enjoyable_activities(user.id)
    if not wanted:
        return None
    done = await reminders.activities_done(user.id)
    tz = zone(user.timezone)
    candidates: list[DueActivity] = []
    for item in wanted:
        activity = EnjoyableActivity(item.activity_type)
        label = item.custom_name or activity.value.replace("_", " ")
        last = max(
            (d.last_performed.astimezone(tz).date() for d in done if _matches(d, activity, item.custom_name)),
            default=None,
        )
        every = item.recommend_every_days
        if last is None:
            candidates.append(DueActivity(label, every, lines.SINCE_NEVER.format(activity=label), 1.0))
            continue
        days = (day - last).days
        if days >= every:
            since = lines.SINCE_LAST.format(days=days, activity=label)
            candidates.append(DueActivity(label, every, since, days / every))
    return max(candidates, key=lambda c: (c.overdue, -c.every), default=None)


# Weekly summary -------------------------------------------------------------------------------


def _plan_text(days: list[PlannedDay]) -> str:
    types = ", ".join(session_label(d.session_type).removesuffix(" session") for d in days)
    mains = list(dict.fromkeys(name for d in days for name in d.main_movements))[:4]
    text = f"{len(days)} session{'s' if len(days) != 1 else ''} ({types})"
    if mains:
        text += f"; main lifts {', '.join(mains)}"
    return text


async def _weekly(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> Composed:
    """Adherence and e1RM trends measured as ``/progress`` measures them, then next week's plan."""
    first, tone, name = day - dt.timedelta(days=6), user.persona_tone, first_name(user)
    planned = await repos.logs.planned_session_dates(user.id, first, day)
    completed = await repos.logs.completed_session_ids(user.id, [session_id for session_id, _ in planned])
    kept = adherence(planned, completed, day)
    workouts = await repos.logs.workout_dates(user.id, day - dt.timedelta(days=STREAK_DAYS), day)
    upcoming = await repos.reminders.planned_days(
        user.id, day + dt.timedelta(days=1), day + dt.timedelta(days=7)
    )
    if not planned and not workouts and not upcoming:
        return Composed(None, "nothing to summarise: no program and no workouts")
    parts = [speak(tone, lines.WEEKLY_HEADER, name=name, first=f"{first:%d %b}", last=f"{day:%d %b}")]
    if kept.planned:
        counts = {
            "done": kept.done,
            "planned": kept.planned,
            "missed": kept.planned - kept.done,
            "percent": round(kept.percent or 0),
        }
        full = kept.done >= kept.planned
        parts.append(speak(tone, lines.ADHERENCE_FULL if full else lines.ADHERENCE_PARTIAL, **counts))
    parts += _trend_lines(await _trends(repos, deps, user, day), metric(user))
    run = streak(workouts, day)
    if run.current_weeks:
        parts.append(lines.STREAK.format(weeks=run.current_weeks, s="s" if run.current_weeks != 1 else ""))
    if upcoming:
        parts.append(speak(tone, lines.NEXT_WEEK, plan=_plan_text(upcoming)))
        if any(d.is_deload for d in upcoming):
            parts.append(lines.DELOAD)
    else:
        parts.append(speak(tone, lines.NEXT_WEEK_EMPTY))
    parts.append(lines.FULL_PICTURE)
    return Composed(Reply(text="\n\n".join(parts)))


async def _trends(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> list[LiftTrend]:
    movements = {m.id: m for m in deps.catalog.movements if m.id is not None}
    points = await repos.logs.daily_best_e1rm(user.id, day - dt.timedelta(weeks=TREND_WEEKS), day)
    return lift_trends(points, movements, limit=3)


def _trend_lines(trends: list[LiftTrend], use_metric: bool) -> list[str]:
    moving = [t for t in trends if len(t.points) > 1]
    if not moving:
        return []
    rows = [lines.TRENDS_HEADER.format(weeks=TREND_WEEKS)]
    for t in moving:
        sign = "+" if t.change_pct >= 0 else ""
        rows.append(
            f"• {t.movement}: {weight_text(t.first, use_metric)} → {weight_text(t.last, use_metric)} "
            f"({sign}{number(t.change_pct)}%)"
        )
    return ["\n".join(rows)]
