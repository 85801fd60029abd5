"""Today's session, adapted: what ``gainsly today`` prints and the bot's /today shows.

``today`` shifts the plan when sessions were missed, finds the session of the day, reads the
lifter's check-ins and applies a bounded adaptation. The adaptation is stored on the session
(decision, reasons, the inputs it saw and the prescription before it) together with its rows,
JSON sections and coach notes, so running it again with the same data changes nothing, and
new data re-adapts from the original prescription instead of stacking changes.
``adjust_today`` applies what the lifter asks for (reduce, easy, move, skip).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import Catalog, MovementInfo
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.persona import speak
from coach.planning.service import lifter_catalog, lifter_equipment, save_exercises
from coach.planning.swap import rank_swaps
from coach.planning.sync import movement_index, row_values, stored_session_json
from coach.planning.tunables import Tunables, tunables_for
from coach.today import lines
from coach.today.adapt import KEEP, MOVE, REDUCE, REST, Row, Verdict, apply, judge
from coach.today.missed import Cycle, Planned, plan_shift
from coach.today.readiness import Inputs, Load, Signal, Soreness, gather
from db.enums import ExerciseRole, MovementRuleType, PrimaryMuscle
from db.models import Microcycle, Session, User
from db.repositories import Repositories

ACTIONS = ("reduce", "easy", "move", "skip")


@dataclass
class TodayResult:
    date: dt.date
    #: The day's training session after adaptation, or ``None`` on a rest day.
    session: Session | None
    decision: str
    reasons: list[str] = field(default_factory=list)
    #: The adaptation in the lifter's coaching voice.
    text: str = ""
    #: Enjoyable activities planned for the day (tennis, yoga …).
    activities: list[str] = field(default_factory=list)

    def to_json(self, movements: Mapping[int, MovementInfo]) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "session": stored_session_json(self.session, movements) if self.session is not None else None,
            "adaptation": {"decision": self.decision, "reasons": list(self.reasons)},
            "activities": list(self.activities),
        }


# --------------------------------------------------------------------------- reading the day


def _is_activity(session: Session) -> bool:
    return "activity" in (session.intent_tags or [])


def _activity_name(session: Session) -> str:
    tags = session.intent_tags or []
    return str(tags[1]).replace("_", " ") if len(tags) > 1 else "activity"


async def _status(
    repos: Repositories, user: User, sessions: Sequence[Session], day: dt.date
) -> dict[int, tuple[bool, bool]]:
    """Per session id: (done, skipped). An ad-hoc workout on a planned day counts as done."""
    linked = await repos.signals.workouts_for_sessions(user.id, [s.id for s in sessions])
    loose = await repos.signals.workouts(user.id, day - dt.timedelta(days=14), day)
    done_ids = {w.session_id for w in linked if w.completed}
    skipped_ids = {w.session_id for w in linked if not w.completed}
    free_dates = {w.date for w in loose if w.completed and w.session_id is None}
    out = {}
    for s in sessions:
        manual = bool((s.adaptation_json or {}).get("skipped"))
        out[s.id] = (s.id in done_ids or s.date in free_dates, s.id in skipped_ids or manual)
    return out


async def _inputs(repos: Repositories, user: User, day: dt.date, t: Tunables) -> Inputs:
    tun = t.readiness
    start = day - dt.timedelta(days=int(tun["baseline_days"]))
    signals = [
        Signal(
            r.date,
            r.readiness,
            r.sleep_hours,
            r.sleep_score,
            r.hrv,
            (r.raw_payload_json or {}).get("energy_1_5"),
        )
        for r in await repos.signals.recovery(user.id, start, day)
    ]
    soreness = [
        Soreness(s.date, s.body_part, s.soreness_1_5)
        for s in await repos.signals.soreness(user.id, day - dt.timedelta(days=1), day)
    ]
    yesterday = day - dt.timedelta(days=1)
    lower = {m.value for m in t.lower_muscles}
    loads = [
        Load(
            a.date,
            (a.name or "an activity").lower(),
            max((v for m, v in a.muscles.items() if m in lower), default=0.0),
        )
        for a in await repos.signals.activities(user.id, yesterday, yesterday)
    ]
    for workout in await repos.signals.workouts(user.id, yesterday, yesterday):
        leg_sets = sum(1 for s in workout.top_sets if s.pattern in t.lower_patterns)
        if leg_sets >= int(tun["recent_lower_sets"]):
            loads.append(Load(workout.date, "a heavy leg workout", 1.0))
    return gather(
        day,
        signals,
        soreness,
        loads,
        tun,
        leg_threshold=float(t.interference["hard_lower_activity_threshold"]),
    )


# --------------------------------------------------------------------------- writing


def _rows(session: Session) -> list[Row]:
    return [_json_row(row_values(e)) for e in sorted(session.exercises, key=lambda e: e.order_in_session)]


def _json_row(row: Mapping[str, Any]) -> Row:
    return {**row, "role": ExerciseRole(row["role"]).value}


def _db_row(row: Mapping[str, Any]) -> Row:
    return {**row, "role": ExerciseRole(row["role"])}


def _snapshot(session: Session) -> dict[str, Any]:
    stored = (session.adaptation_json or {}).get("before")
    if stored:
        return stored
    return {"exercises": _rows(session), "coach_notes": session.coach_notes}


async def _write(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    session: Session,
    rows: list[Row],
    before: dict[str, Any],
    adaptation: dict[str, Any],
    note: str,
) -> None:
    changed = [_json_row(r) for r in rows] != _rows(session)
    notes = "\n\n".join(p for p in (before.get("coach_notes"), note) if p)
    await save_exercises(
        repos,
        deps,
        user,
        session,
        [_db_row(r) for r in rows] if changed else None,
        coach_notes=notes,
        adaptation_json={**adaptation, "before": before},
    )


def _result(
    day: dt.date, session: Session | None, stored: Mapping[str, Any], user: User, activities: list[str]
) -> TodayResult:
    decision = str(stored.get("decision", KEEP))
    reasons = list(stored.get("reasons", []))
    text = speak(user.persona_tone, lines.BY_DECISION[decision], key=day, reasons=" ".join(reasons))
    return TodayResult(day, session, decision, reasons, " ".join(text.split()), activities)


def _replacement(
    catalog: Catalog, equipment: tuple[str, ...], banned: set[str], user: User, t: Tunables, taken: set[str]
) -> Any:
    movements = movement_index(catalog)

    def pick(row: Row, spare: frozenset[PrimaryMuscle]) -> MovementInfo | None:
        current = movements[row["movement_id"]]
        options = rank_swaps(
            current,
            catalog,
            equipment=equipment,
            banned=banned,
            taken=taken,
            experience=user.experience_level,
            t=t,
            role=ExerciseRole(row["role"]),
        )
        fitting = [
            m for m in options if m.primary_muscle not in spare and not spare & set(m.secondary_muscles)
        ]
        if not fitting:
            return None
        taken.add(fitting[0].name)
        return fitting[0]

    return pick


# --------------------------------------------------------------------------- the day


@dataclass
class _Day:
    """Everything ``today`` and ``adjust_today`` load about the lifter's plan around a date."""

    program_id: int
    t: Tunables
    catalog: Catalog
    movements: dict[int, MovementInfo]
    sessions: list[Session]
    cycles: list[Microcycle]
    notes: list[str] = field(default_factory=list)
    #: Per session id: (done, skipped), as the logbook says.
    status: dict[int, tuple[bool, bool]] = field(default_factory=dict)

    def on(self, day: dt.date) -> list[Session]:
        return [s for s in self.sessions if s.date == day]

    def training_on(self, day: dt.date) -> Session | None:
        return next((s for s in self.on(day) if not _is_activity(s)), None)

    def cycle_of(self, session: Session) -> Microcycle:
        return next(c for c in self.cycles if c.id == session.microcycle_id)


async def _load(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> _Day | None:
    program = await repos.programs.active(user.id)
    if program is None:
        return None
    catalog = await lifter_catalog(repos, deps, user)
    return _Day(
        program.id,
        tunables_for(deps.heuristics),
        catalog,
        movement_index(catalog),
        list(await repos.programs.sessions(program.id, start=day - dt.timedelta(days=14))),
        list(await repos.programs.microcycles(program.id)),
    )


async def _shift(repos: Repositories, user: User, day: dt.date, plan: _Day) -> None:
    """Apply the missed-sessions shift for ``day`` (if any) and note it for the lifter."""
    status = plan.status = await _status(repos, user, plan.sessions, day)
    planned = [
        Planned(s.id, s.date, s.microcycle_id, not _is_activity(s), *status[s.id]) for s in plan.sessions
    ]
    cycles = [Cycle(c.id, c.start_date, c.length_days, c.sequence_number) for c in plan.cycles]
    tun = plan.t.readiness
    shift = plan_shift(
        day,
        planned,
        cycles,
        threshold=int(tun["missed_sessions_shift_threshold"]),
        max_length=int(tun["max_microcycle_days"]),
    )
    if shift is None:
        return
    by_id = {s.id: s for s in plan.sessions}
    missed = ", ".join(f"{d:%a %-d %b}" for d in shift.missed_dates)
    for session_id in shift.dropped:
        session = by_id[session_id]
        await repos.programs.update_session(
            session,
            {
                "adaptation_json": {
                    **(session.adaptation_json or {}),
                    "decision": REST,
                    "skipped": True,
                    "reasons": ["Dropped: too late to make up without piling work on the days after."],
                }
            },
        )
    for cycle in plan.cycles:
        if cycle.id in shift.cycles:
            start, length = shift.cycles[cycle.id]
            await repos.programs.update_cycle(cycle, {"start_date": start, "length_days": length})
    for session_id, new_date in shift.moves.items():
        session = by_id[session_id]
        cycle = plan.cycle_of(session)
        values: dict[str, Any] = {"date": new_date, "day_number": (new_date - cycle.start_date).days + 1}
        if new_date == day:
            values["adaptation_json"] = {
                **(session.adaptation_json or {}),
                "shift": {"from": session.date.isoformat(), "days": shift.days, "missed": missed},
            }
        await repos.programs.update_session(session, values)
    if shift.days:
        plan.notes.append(
            f"You missed {missed}: instead of doubling up, the plan moves {shift.days} "
            f"day{'s' if shift.days != 1 else ''} on."
        )
    elif shift.dropped:
        plan.notes.append(f"You missed {missed}: those sessions are dropped so work doesn't pile up.")


def _move_notes(plan: _Day, day: dt.date) -> list[str]:
    """Notes about sessions moved to or from ``day`` (kept whatever else changes)."""
    out = []
    for session in plan.sessions:
        moved = (session.adaptation_json or {}).get("moved") or {}
        if moved.get("from") == day.isoformat() and moved.get("to") != day.isoformat():
            to = dt.date.fromisoformat(moved["to"])
            out.append(
                f"Your {session.session_type.value.replace('_', ' ')} session moved to {to:%a %-d %b}."
            )
    return out


async def today(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> TodayResult:
    """The session planned for ``day`` after daily adaptation, stored idempotently."""
    await repos.users.lock(user.id)
    plan = await _load(repos, deps, user, day)
    if plan is None:
        stored = {"decision": REST, "reasons": ["No program yet: finish setup (/start) and I'll build one."]}
        return _result(day, None, stored, user, [])
    await _shift(repos, user, day, plan)
    activities = [_activity_name(s) for s in plan.on(day) if _is_activity(s)]
    session = plan.training_on(day)
    if session is None:
        moves = _move_notes(plan, day)
        reasons = plan.notes + moves
        decision = MOVE if moves else REST
        if activities:
            reasons.append(f"No lifting today: {', '.join(activities)} is planned — enjoy it.")
        elif not reasons:
            reasons.append("Rest day: recover, walk, sleep well.")
        return _result(day, None, {"decision": decision, "reasons": reasons}, user, activities)

    stored = session.adaptation_json or {}
    if stored.get("skipped"):
        return _result(day, None, {"decision": REST, "reasons": stored.get("reasons", [])}, user, activities)
    if plan.status.get(session.id, (False, False))[0]:
        # Already trained: the prescription is history now, nothing to adapt.
        done = {
            "decision": stored.get("decision", KEEP),
            "reasons": [*stored.get("reasons", []), "Logged — nice work. Recover well for the next one."],
        }
        return _result(day, session, done, user, activities)
    inputs = await _inputs(repos, user, day, plan.t)
    same_day = stored.get("date") == day.isoformat()
    if same_day and not plan.notes and (stored.get("manual") or stored.get("inputs") == inputs.to_json()):
        return _result(day, session, stored, user, activities)

    before = _snapshot(session)
    rows = [dict(r) for r in before["exercises"]]
    verdict = judge(inputs, rows, plan.movements, plan.t)
    reasons = list(plan.notes)
    moved = stored.get("moved") or {}
    if moved.get("to") == day.isoformat() and moved.get("from"):
        reasons.append(f"Moved here from {dt.date.fromisoformat(moved['from']):%a %-d %b}.")
    if verdict.want_move:
        target = _move_target(plan, session, verdict, day)
        if target is not None:
            return await _swap_days(
                repos, deps, user, day, plan, session, target, inputs, verdict, activities, reasons
            )
        verdict.decision = REDUCE if not verdict.spare else "swap"
        verdict.reasons.append("No better day to move it to this week, so it is adapted instead.")
    if not inputs.any and verdict.decision == KEEP and not reasons:
        verdict.reasons.append(
            "No check-in today, so the plan stands. Tell me 'slept 6h' or 'sore quads 3' to adapt it."
        )
    elif verdict.decision == KEEP and not verdict.reasons and not reasons:
        verdict.reasons.append("Readiness, sleep and soreness look fine: train as planned.")
    reasons += verdict.reasons
    new_rows = await _adapted(repos, user, plan, session, rows, verdict)
    adaptation = {
        "version": 1,
        "date": day.isoformat(),
        "decision": verdict.decision,
        "reasons": reasons,
        "inputs": inputs.to_json(),
        **({"moved": moved} if moved else {}),
        **({"shift": stored["shift"]} if "shift" in stored else {}),
    }
    result = _result(day, session, adaptation, user, activities)
    await _write(repos, deps, user, session, new_rows, before, adaptation, result.text)
    return result


async def _adapted(
    repos: Repositories, user: User, plan: _Day, session: Session, rows: list[Row], verdict: Verdict
) -> list[Row]:
    banned = {
        r.movement.name
        for r in await repos.programs.rules(user.id)
        if r.rule_type == MovementRuleType.HARD_NO
    }
    taken = {plan.movements[r["movement_id"]].name for r in rows}
    pick = _replacement(plan.catalog, await lifter_equipment(repos, user), banned, user, plan.t, taken)
    return apply(rows, verdict, plan.movements, plan.t, pick)


def _load_share(session: Session, muscles: frozenset[PrimaryMuscle], plan: _Day) -> float:
    rows = [r for r in _snapshot(session)["exercises"] if r["role"] in ("main", "accessory")]
    total = sum(r["target_sets"] for r in rows) or 1
    hit = 0.0
    for r in rows:
        movement = plan.movements[r["movement_id"]]
        if movement.primary_muscle in muscles:
            hit += r["target_sets"]
        elif muscles & set(movement.secondary_muscles):
            hit += r["target_sets"] * plan.t.secondary_credit
    return hit / total


def _move_target(plan: _Day, session: Session, verdict: Verdict, day: dt.date) -> Session | None:
    """A training session later in the same microcycle that spares what needs sparing."""
    spare = verdict.spare or (plan.t.lower_muscles if verdict.move_reason.endswith("legs") else frozenset())
    later = sorted(
        (
            s
            for s in plan.sessions
            if s.microcycle_id == session.microcycle_id
            and s.date > day
            and not _is_activity(s)
            and not (s.adaptation_json or {}).get("skipped")
        ),
        key=lambda s: s.date,
    )
    return next(
        (s for s in later if (s.date - day).days <= 3 and _load_share(s, frozenset(spare), plan) < 0.3), None
    )


async def _swap_days(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    day: dt.date,
    plan: _Day,
    session: Session,
    target: Session,
    inputs: Inputs,
    verdict: Verdict,
    activities: list[str],
    reasons: list[str],
) -> TodayResult:
    """Today's session and a later one trade days; the one now on today is adapted for today."""
    later_date, later_number = target.date, target.day_number
    label = session.session_type.value.replace("_", " ")
    other = target.session_type.value.replace("_", " ")
    moved_note = (
        f"{verdict.move_reason.capitalize()}: your {label} session moves to {later_date:%a %-d %b} and "
        f"the {other} session comes forward to today."
    )
    await repos.programs.update_session(
        session,
        {
            "date": later_date,
            "day_number": later_number,
            "adaptation_json": {
                **(session.adaptation_json or {}),
                "date": later_date.isoformat(),
                "decision": MOVE,
                "moved": {"from": day.isoformat(), "to": later_date.isoformat()},
                "inputs": None,
                "before": _snapshot(session),
            },
        },
    )
    first_number = (day - plan.cycle_of(target).start_date).days + 1
    before = _snapshot(target)
    rows = [dict(r) for r in before["exercises"]]
    today_verdict = judge(inputs, rows, plan.movements, plan.t)
    today_verdict.spare = frozenset()
    today_verdict.want_move = False
    kept = [r for r in today_verdict.reasons if "sore" not in r and "legs" not in r]
    all_reasons = [*reasons, moved_note, *kept]
    new_rows = await _adapted(repos, user, plan, target, rows, today_verdict)
    adaptation = {
        "version": 1,
        "date": day.isoformat(),
        "decision": MOVE,
        "reasons": all_reasons,
        "inputs": inputs.to_json(),
        "moved": {"from": later_date.isoformat(), "to": day.isoformat()},
    }
    await repos.programs.update_session(target, {"date": day, "day_number": first_number})
    result = _result(day, target, adaptation, user, activities)
    await _write(repos, deps, user, target, new_rows, before, adaptation, result.text)
    return result


# --------------------------------------------------------------------------- the lifter's call


async def adjust_today(
    repos: Repositories, deps: CoachDeps, user: User, day: dt.date, action: str
) -> TodayResult:
    """Apply the lifter's choice for ``day``: reduce, easy, move (to a free day) or skip."""
    action = action.strip().lower()
    if action not in ACTIONS:
        raise InvalidInput(f"I can make today: {', '.join(ACTIONS)} — not {action!r}.")
    current = await today(repos, deps, user, day)
    session = current.session
    if session is None:
        raise InvalidInput(f"There is no session planned for {day:%A %-d %B}.")
    plan = await _load(repos, deps, user, day)
    assert plan is not None
    session = next(s for s in plan.sessions if s.id == session.id)
    before = _snapshot(session)
    stored = session.adaptation_json or {}
    base = {"version": 1, "date": day.isoformat(), "manual": action, "inputs": stored.get("inputs")}

    if action == "skip":
        reasons = ["Skipped by you: no catching up — the plan simply goes on."]
        adaptation = {**base, "decision": REST, "skipped": True, "reasons": reasons}
        await repos.programs.update_session(session, {"adaptation_json": {**adaptation, "before": before}})
        return _result(day, None, adaptation, user, current.activities)

    if action == "move":
        return await _move_by_hand(repos, deps, user, day, plan, session, before, current.activities)

    rows = [dict(r) for r in before["exercises"]]
    verdict = Verdict(REDUCE, reduce_all=action == "reduce", easy=action == "easy")
    verdict.reasons.append(
        "Lighter by your call: one set less per exercise and about one more rep in reserve."
        if action == "reduce"
        else "Easy by your call: one set less, effort capped and no finisher."
    )
    new_rows = await _adapted(repos, user, plan, session, rows, verdict)
    adaptation = {**base, "decision": REDUCE, "reasons": verdict.reasons}
    result = _result(day, session, adaptation, user, current.activities)
    await _write(repos, deps, user, session, new_rows, before, adaptation, result.text)
    return result


async def _move_by_hand(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    day: dt.date,
    plan: _Day,
    session: Session,
    before: dict[str, Any],
    activities: list[str],
) -> TodayResult:
    cycle = plan.cycle_of(session)
    longest = int(plan.t.readiness["max_microcycle_days"])
    busy = {s.date for s in plan.sessions if not _is_activity(s) and s.id != session.id}
    for ahead in (1, 2, 3):
        candidate = day + dt.timedelta(days=ahead)
        number = (candidate - cycle.start_date).days + 1
        if candidate in busy or number > longest:
            continue
        if number > cycle.length_days:
            later = [c for c in plan.cycles if c.sequence_number > cycle.sequence_number]
            if later and later[0].start_date <= candidate:
                continue
            await repos.programs.update_cycle(cycle, {"length_days": number})
        reasons = [f"Moved by you to {candidate:%a %-d %b}; today is a rest day."]
        adaptation = {
            "version": 1,
            "date": candidate.isoformat(),
            "decision": MOVE,
            "reasons": reasons,
            "inputs": None,
            "moved": {"from": day.isoformat(), "to": candidate.isoformat()},
            "before": before,
        }
        await repos.programs.update_session(
            session, {"date": candidate, "day_number": number, "adaptation_json": adaptation}
        )
        return _result(day, None, {"decision": MOVE, "reasons": reasons}, user, activities)
    raise InvalidInput("There is no free day in the next three to move it to — try 'easy' or 'skip' instead.")
