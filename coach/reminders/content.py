"""What a reminder says, in the lifter's voice.

- ``daily``: on a training day, today's session in brief with buttons to start, view, move it
  to tomorrow or skip it; on a rest day, the activity planned for the day, else the enjoyable
  activity that is due (``recommend_every_days`` since it was last done), else a recovery note.
- ``evening``: a nudge when today's planned session has no log yet.
- ``weekly``: adherence, e1RM trends and the streak, next week's focus.

Two ways to know the day. ``coach.today`` is the authority: it adapts the day to every
check-in and shifts the plan after missed sessions, storing what it decided — the work of a
few milliseconds per lifter. Daily reminders and evening nudges instead read the stored plan
in bulk (``quick``) whenever the plan for the day cannot be stale: no missed session in the
two weeks before (so no shift is pending) and no session moved to or from the day. The readiness adaptation is not
run for a reminder; it happens when the lifter opens the day (Start, View, /today), with
every check-in made until then, and an adaptation already stored for the day is shown. The
rest (missed sessions, weekly summaries) goes through ``full``, one lifter at a time.

When there is nothing worth saying (no program, session already logged) the reminder is
settled as skipped with the reason, so an operator can see why nothing went out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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
from db.models import Session, User, UserEnjoyableActivity
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING, ActivityDone, Claim, DayPlan, PlannedDay

#: e1RM trends span four weeks (a mesocycle); the streak looks back two years.
TREND_WEEKS = 4
STREAK_DAYS = 730
#: Stored adaptations a reminder mentions: the dose changed. (Moves and rest days speak for
#: themselves in what the reminder shows.)
_DOSE_CHANGES = ("reduce", "swap")

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


def metric(user: User) -> bool:
    return user.settings is None or user.settings.use_metric


def session_label(session_type: object) -> str:
    return f"{str(getattr(session_type, 'value', session_type)).replace('_', ' ')} session"


# The day, from coach.today or from the stored plan ---------------------------------------------


@dataclass(frozen=True)
class Day:
    """What a reminder needs to know about a lifter's day."""

    session: Session | None
    #: Why the day differs from the plan, when it does and the lifter should know.
    note: str | None
    activities: tuple[str, ...]


def _is_activity(session: Session) -> bool:
    return "activity" in (session.intent_tags or [])


def _activity_name(session: Session) -> str:
    tags = session.intent_tags or []
    return str(tags[1]).replace("_", " ") if len(tags) > 1 else "activity"


def _is_news(adaptation: Mapping[str, object], day: dt.date) -> bool:
    """The plan changed under the lifter: shifted after missed sessions, or moved here."""
    moved = adaptation.get("moved")
    moved_here = isinstance(moved, Mapping) and moved.get("to") == day.isoformat()
    return bool(adaptation.get("shift")) or moved_here


def day_from_today(result: TodayResult) -> Day:
    decision = str(getattr(result.decision, "value", result.decision))
    if result.session is not None:
        changed = decision != "keep" or _is_news(result.session.adaptation_json or {}, result.date)
    else:
        changed = decision == "move"  # the session moved away
    note = " ".join(result.reasons) if changed and result.reasons else None
    return Day(result.session, note, tuple(result.activities))


def day_from_plan(plan: DayPlan, day: dt.date) -> Day | None:
    """The day as stored, with the adaptation stored for it; ``None`` when only ``coach.today``
    can tell (a session moved here whose new day has not been looked at yet)."""
    training = next((s for s in plan.sessions if not _is_activity(s)), None)
    activities = tuple(_activity_name(s) for s in plan.sessions if _is_activity(s))
    stored = (training.adaptation_json or {}) if training is not None else {}
    if stored.get("skipped"):
        return Day(None, None, activities)
    if stored.get("decision") == "move":
        return None
    adapted_today = stored.get("date") == day.isoformat() and (
        stored.get("decision") in _DOSE_CHANGES or _is_news(stored, day)
    )
    note = " ".join(stored.get("reasons") or ()) if adapted_today else None
    return Day(training, note or None, activities)


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


def due_activity(
    wanted: Sequence[UserEnjoyableActivity], done: Sequence[ActivityDone], timezone: str, day: dt.date
) -> DueActivity | None:
    """The enjoyable activity most overdue on ``day``, if any is due."""
    tz = zone(timezone)
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


# Daily reminder and evening nudge --------------------------------------------------------------


def daily_reply(deps: CoachDeps, user: User, day: dt.date, today_: Day, due: DueActivity | None) -> Composed:
    tone, name = user.persona_tone, first_name(user)
    note = speak(tone, lines.ADAPTED, reasons=today_.note) if today_.note else None
    if today_.session is not None:
        parts = [
            speak(tone, lines.TRAINING_DAY, key=day, name=name),
            note,
            session_brief(today_.session, metric=metric(user), tone=tone),
        ]
        text = "\n\n".join(p for p in parts if p)
        return Composed(Reply(text=text, buttons=session_buttons(deps, user, day)))
    if today_.activities:
        rest = speak(tone, lines.ACTIVITY_PLANNED, name=name, activity=", ".join(today_.activities))
    elif due is not None:
        rest = speak(
            tone,
            lines.ACTIVITY_DUE,
            name=name,
            activity=due.label,
            every=due.every,
            since=due.since[0].upper() + due.since[1:],
            since_lower=due.since,
        )
    else:
        rest = speak(tone, lines.REST_DAY, key=day, name=name)
    return Composed(Reply(text="\n\n".join(p for p in (note, rest) if p)))


def evening_reply(deps: CoachDeps, user: User, day: dt.date, today_: Day, logged: bool) -> Composed:
    if today_.session is None:
        return Composed(None, "no session planned today")
    if logged:
        return Composed(None, "today's session is already logged")
    text = speak(
        user.persona_tone,
        lines.EVENING,
        name=first_name(user),
        session=session_label(today_.session.session_type),
    )
    return Composed(Reply(text=text, buttons=session_buttons(deps, user, day)))


# The two ways in --------------------------------------------------------------------------------


async def compose(
    repos: Repositories, deps: CoachDeps, user: User, kind: str, day: dt.date, policy: ReminderPolicy
) -> Composed:
    """The reminder of ``kind`` for ``user`` on local date ``day``, asking ``coach.today``."""
    if kind not in (DAILY, EVENING):
        return await _weekly(repos, deps, user, day)
    if not await repos.reminders.has_active_program(user.id):
        return Composed(None, "no active program")
    today_ = day_from_today(await today(repos, deps, user, day))
    if kind == EVENING:
        plans = await repos.reminders.day_plans({user.id: day})
        return evening_reply(deps, user, day, today_, plans[user.id].logged)
    due = None
    if today_.session is None and not today_.activities:
        wanted = (await repos.reminders.enjoyable_activities([user.id])).get(user.id, [])
        done = (await repos.reminders.activities_done([user.id])).get(user.id, [])
        due = due_activity(wanted, done, user.timezone, day)
    return daily_reply(deps, user, day, today_, due)


async def compose_quick(
    repos: Repositories, deps: CoachDeps, batch: Sequence[tuple[Claim, User]], policy: ReminderPolicy
) -> dict[int, Composed]:
    """Daily reminders and evening nudges of a batch, from the stored plans, by claim id.

    Lifters whose stored plan may not be the last word (a missed session before the day, a
    session moved) are left out: they go through ``compose``.
    """
    wanted = {user.id: claim.local_date for claim, user in batch if claim.kind in (DAILY, EVENING)}
    plans = await repos.reminders.day_plans(wanted)
    ids = list(wanted)
    enjoyed: Mapping[int, list[UserEnjoyableActivity]] = await repos.reminders.enjoyable_activities(ids)
    done: Mapping[int, list[ActivityDone]] = (
        await repos.reminders.activities_done(list(enjoyed)) if enjoyed else {}
    )
    out: dict[int, Composed] = {}
    for claim, user in batch:
        plan = plans.get(user.id)
        if plan is None or plan.unsettled:
            continue
        if not plan.has_program:
            out[claim.id] = Composed(None, "no active program")
            continue
        today_ = day_from_plan(plan, claim.local_date)
        if today_ is None:
            continue
        if claim.kind == EVENING:
            out[claim.id] = evening_reply(deps, user, claim.local_date, today_, plan.logged)
            continue
        due = due_activity(enjoyed.get(user.id, []), done.get(user.id, []), user.timezone, claim.local_date)
        out[claim.id] = daily_reply(deps, user, claim.local_date, today_, due)
    return out


class ReminderComposer:
    """The composer ``bot/`` and ``gainsly remind`` deliver with (``coach.reminders.delivery``)."""

    quick = staticmethod(compose_quick)
    full = staticmethod(compose)


COMPOSER = ReminderComposer()


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
