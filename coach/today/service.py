"""Today's session, adapted: what ``gainsly today`` prints and the bot's /today shows.

``today`` shifts the plan when sessions were missed, finds the session of the day, reads the
lifter's check-ins and applies a bounded adaptation. The adaptation is stored on the session
(decision, reasons, the inputs it saw and the prescription before it) together with its rows,
JSON sections and coach notes, so running it again with the same data changes nothing, and
new data re-adapts from the original prescription instead of stacking changes.
``adjust_today`` applies what the lifter asks for (reduce, easy, move, skip).

Both run for every /today, once per assistant message and for reminders whose plan may be
stale, so they read light rows of the plan around the day and only the session they adapt in
full, and a plan shift moves the rest of the program with one statement per table (``_Day``).
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
from coach.today.missed import Cycle, Planned, Shift, plan_shift
from coach.today.readiness import Inputs, Load, Signal, Soreness, gather
from db.enums import ExerciseRole, MovementRuleType, PrimaryMuscle
from db.models import Session, User
from db.repositories import Repositories
from db.repositories.programs import CycleSpan, SessionChange, SessionSlot

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


def _is_activity(session: Session | SessionSlot) -> bool:
    return "activity" in (session.intent_tags or [])


def _activity_name(session: Session | SessionSlot) -> str:
    tags = session.intent_tags or []
    return str(tags[1]).replace("_", " ") if len(tags) > 1 else "activity"


async def _inputs(repos: Repositories, user: User, day: dt.date, t: Tunables) -> Inputs:
    tun = t.readiness
    since = day - dt.timedelta(days=int(tun["baseline_days"]))
    read = await repos.signals.readings(user.id, day, since, t.lower_patterns)
    signals = [
        Signal(r.date, r.readiness, r.sleep_hours, r.sleep_score, r.hrv, r.energy) for r in read.recovery
    ]
    soreness = [Soreness(s.date, s.body_part, s.level) for s in read.soreness]
    lower = {m.value for m in t.lower_muscles}
    loads = [
        Load(
            a.date,
            (a.name or "an activity").lower(),
            max((v for m, v in a.muscles.items() if m in lower), default=0.0),
        )
        for a in read.activities
    ]
    for date, leg_sets in read.pattern_sets:
        if leg_sets >= int(tun["recent_lower_sets"]):
            loads.append(Load(date, "a heavy leg workout", 1.0))
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

#: How far back the missed-session logic looks (a microcycle is at most ten days long).
BEHIND = dt.timedelta(days=14)
#: How far on a session is moved, by the lifter or to spare sore muscles.
MOVE_DAYS = 3


@dataclass
class _Day:
    """What ``today`` and ``adjust_today`` know about the lifter's plan around a date.

    Light rows for the microcycles and for the sessions from ``BEHIND`` before the day to
    ``MOVE_DAYS`` after it (what the missed-session logic and a move look at) and any moved
    away from the day; the rest of the program only when a shift moves it. Whole sessions,
    with their exercises, only for the few the decision reads or rewrites. Every write goes
    through ``change``, which keeps the light rows in step, so ``adjust_today`` decides on the
    plan as ``today`` left it without reading it again.
    """

    program_id: int
    t: Tunables
    slots: list[SessionSlot]
    cycles: list[CycleSpan]
    notes: list[str] = field(default_factory=list)
    _whole: dict[int, Session] = field(default_factory=dict)
    _catalog: tuple[Catalog, dict[int, MovementInfo]] | None = None

    def on(self, day: dt.date) -> list[SessionSlot]:
        return [s for s in self.slots if s.date == day]

    def training_on(self, day: dt.date) -> SessionSlot | None:
        return next((s for s in self.on(day) if not _is_activity(s)), None)

    def cycle_of(self, microcycle_id: int) -> CycleSpan:
        return next(c for c in self.cycles if c.id == microcycle_id)

    async def sessions(self, repos: Repositories, ids: Sequence[int]) -> list[Session]:
        """These sessions whole (with exercises), in the order asked; each read once."""
        missing = [i for i in ids if i not in self._whole]
        for session in await repos.programs.sessions_by_id(self.program_id, missing):
            self._whole[session.id] = session
        return [self._whole[i] for i in ids]

    async def catalog(
        self, repos: Repositories, deps: CoachDeps, user: User
    ) -> tuple[Catalog, dict[int, MovementInfo]]:
        """The lifter's catalog and its movements by id, read when a decision first needs them."""
        if self._catalog is None:
            catalog = await lifter_catalog(repos, deps, user)
            self._catalog = (catalog, movement_index(catalog))
        return self._catalog

    async def change(
        self,
        repos: Repositories,
        sessions: Mapping[int, SessionChange],
        cycles: Mapping[int, tuple[dt.date, int]] | None = None,
    ) -> None:
        """Write session and microcycle changes, one statement per table, and mirror them here."""
        await repos.programs.update_cycles(cycles or {})
        await repos.programs.update_sessions(sessions)
        for cycle in self.cycles:
            if cycles and cycle.id in cycles:
                cycle.start_date, cycle.length_days = cycles[cycle.id]
        for slot in self.slots:
            change = sessions.get(slot.id)
            if change is None:
                continue
            slot.date = change.date or slot.date
            slot.day_number = change.day_number or slot.day_number
            if change.adaptation_json is not None:
                slot.skipped = bool(change.adaptation_json.get("skipped"))
                slot.moved = change.adaptation_json.get("moved") or None


async def _load(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> _Day | None:
    cycles = await repos.programs.active_cycles(user.id)
    if not cycles:
        return None
    program_id = cycles[0].program_id
    ahead = day + dt.timedelta(days=MOVE_DAYS)
    slots = await repos.programs.session_slots(user.id, [c.id for c in cycles], day, day - BEHIND, ahead)
    return _Day(program_id, tunables_for(deps.heuristics), slots, cycles)


def _plan_shift(day: dt.date, plan: _Day) -> Shift | None:
    planned = [
        Planned(s.id, s.date, s.microcycle_id, not _is_activity(s), s.done, s.logged_skip or s.skipped)
        for s in plan.slots
    ]
    cycles = [Cycle(c.id, c.start_date, c.length_days, c.sequence_number) for c in plan.cycles]
    tun = plan.t.readiness
    return plan_shift(
        day,
        planned,
        cycles,
        threshold=int(tun["missed_sessions_shift_threshold"]),
        max_length=int(tun["max_microcycle_days"]),
    )


async def _shift(repos: Repositories, user: User, day: dt.date, plan: _Day) -> None:
    """Apply the missed-sessions shift for ``day`` (if any) and note it for the lifter.

    Whether there is one depends only on the microcycle holding the day; what it moves is the
    rest of the program, read (as light rows) only then.
    """
    if _plan_shift(day, plan) is None:
        return
    cycle_ids = [c.id for c in plan.cycles]
    plan.slots = await repos.programs.session_slots(user.id, cycle_ids, day, day - BEHIND)
    shift = _plan_shift(day, plan)
    assert shift is not None
    missed = ", ".join(f"{d:%a %-d %b}" for d in shift.missed_dates)
    # Only the dropped sessions and the one arriving today change their adaptation: only
    # those are read whole (the rest move by date in the same statement).
    arriving = [sid for sid, new_date in shift.moves.items() if new_date == day]
    whole = {s.id: s for s in await plan.sessions(repos, [*shift.dropped, *arriving])}
    starts = {c.id: c.start_date for c in plan.cycles} | {
        cid: start for cid, (start, _) in shift.cycles.items()
    }
    by_id = {s.id: s for s in plan.slots}
    changes: dict[int, SessionChange] = {}
    for session_id in shift.dropped:
        dropped = {
            **(whole[session_id].adaptation_json or {}),
            "decision": REST,
            "skipped": True,
            "reasons": ["Dropped: too late to make up without piling work on the days after."],
        }
        changes[session_id] = SessionChange(adaptation_json=dropped)
    for session_id, new_date in shift.moves.items():
        slot = by_id[session_id]
        arrived = None
        if new_date == day:
            arrived = {
                **(whole[session_id].adaptation_json or {}),
                "shift": {"from": slot.date.isoformat(), "days": shift.days, "missed": missed},
            }
        number = (new_date - starts[slot.microcycle_id]).days + 1
        changes[session_id] = SessionChange(new_date, number, arrived)
    await plan.change(repos, changes, shift.cycles)
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
    for slot in plan.slots:
        moved = slot.moved or {}
        if moved.get("from") == day.isoformat() and moved.get("to") != day.isoformat():
            to = dt.date.fromisoformat(moved["to"])
            out.append(f"Your {slot.session_type.value.replace('_', ' ')} session moved to {to:%a %-d %b}.")
    return out


async def today(repos: Repositories, deps: CoachDeps, user: User, day: dt.date) -> TodayResult:
    """The session planned for ``day`` after daily adaptation, stored idempotently."""
    result, _ = await _today(repos, deps, user, day)
    return result


async def _today(
    repos: Repositories, deps: CoachDeps, user: User, day: dt.date
) -> tuple[TodayResult, _Day | None]:
    """``today``, and the plan as it left it (for ``adjust_today`` to decide on)."""
    await repos.users.lock(user.id)
    plan = await _load(repos, deps, user, day)
    if plan is None:
        stored = {"decision": REST, "reasons": ["No program yet: finish setup (/start) and I'll build one."]}
        return _result(day, None, stored, user, []), None
    await _shift(repos, user, day, plan)
    activities = [_activity_name(s) for s in plan.on(day) if _is_activity(s)]
    slot = plan.training_on(day)
    if slot is None:
        moves = _move_notes(plan, day)
        reasons = plan.notes + moves
        decision = MOVE if moves else REST
        if activities:
            reasons.append(f"No lifting today: {', '.join(activities)} is planned — enjoy it.")
        elif not reasons:
            reasons.append("Rest day: recover, walk, sleep well.")
        return _result(day, None, {"decision": decision, "reasons": reasons}, user, activities), plan

    (session,) = await plan.sessions(repos, [slot.id])
    stored = session.adaptation_json or {}
    if stored.get("skipped"):
        rest = {"decision": REST, "reasons": stored.get("reasons", [])}
        return _result(day, None, rest, user, activities), plan
    if slot.done:
        # Already trained: the prescription is history now, nothing to adapt.
        done = {
            "decision": stored.get("decision", KEEP),
            "reasons": [*stored.get("reasons", []), "Logged — nice work. Recover well for the next one."],
        }
        return _result(day, session, done, user, activities), plan
    inputs = await _inputs(repos, user, day, plan.t)
    same_day = stored.get("date") == day.isoformat()
    if same_day and not plan.notes and (stored.get("manual") or stored.get("inputs") == inputs.to_json()):
        return _result(day, session, stored, user, activities), plan

    _, movements = await plan.catalog(repos, deps, user)
    before = _snapshot(session)
    rows = [dict(r) for r in before["exercises"]]
    verdict = judge(inputs, rows, movements, plan.t)
    reasons = list(plan.notes)
    moved = stored.get("moved") or {}
    if moved.get("to") == day.isoformat() and moved.get("from"):
        reasons.append(f"Moved here from {dt.date.fromisoformat(moved['from']):%a %-d %b}.")
    if verdict.want_move:
        target = await _move_target(repos, deps, user, plan, session, verdict, day)
        if target is not None:
            swapped = await _swap_days(
                repos, deps, user, day, plan, session, target, inputs, verdict, activities, reasons
            )
            return swapped, plan
        verdict.decision = REDUCE if not verdict.spare else "swap"
        verdict.reasons.append("No better day to move it to this week, so it is adapted instead.")
    if not inputs.any and verdict.decision == KEEP and not reasons:
        verdict.reasons.append(
            "No check-in today, so the plan stands. Tell me 'slept 6h' or 'sore quads 3' to adapt it."
        )
    elif verdict.decision == KEEP and not verdict.reasons and not reasons:
        verdict.reasons.append("Readiness, sleep and soreness look fine: train as planned.")
    reasons += verdict.reasons
    new_rows = await _adapted(repos, deps, user, plan, rows, verdict)
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
    return result, plan


def _no_replacement(row: Row, spare: frozenset[PrimaryMuscle]) -> MovementInfo | None:
    """Nothing to spare, nothing to swap: ``apply`` never asks."""
    return None


async def _adapted(
    repos: Repositories, deps: CoachDeps, user: User, plan: _Day, rows: list[Row], verdict: Verdict
) -> list[Row]:
    catalog, movements = await plan.catalog(repos, deps, user)
    if not verdict.spare:
        # Only a muscle to spare swaps exercises: the lifter's rules and kit are not needed.
        return apply(rows, verdict, movements, plan.t, _no_replacement)
    banned = {
        r.movement.name
        for r in await repos.programs.rules(user.id)
        if r.rule_type == MovementRuleType.HARD_NO
    }
    taken = {movements[r["movement_id"]].name for r in rows}
    pick = _replacement(catalog, await lifter_equipment(repos, user), banned, user, plan.t, taken)
    return apply(rows, verdict, movements, plan.t, pick)


def _load_share(
    session: Session, muscles: frozenset[PrimaryMuscle], movements: Mapping[int, MovementInfo], t: Tunables
) -> float:
    rows = [r for r in _snapshot(session)["exercises"] if r["role"] in ("main", "accessory")]
    total = sum(r["target_sets"] for r in rows) or 1
    hit = 0.0
    for r in rows:
        movement = movements[r["movement_id"]]
        if movement.primary_muscle in muscles:
            hit += r["target_sets"]
        elif muscles & set(movement.secondary_muscles):
            hit += r["target_sets"] * t.secondary_credit
    return hit / total


async def _move_target(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    plan: _Day,
    session: Session,
    verdict: Verdict,
    day: dt.date,
) -> Session | None:
    """A training session later in the same microcycle that spares what needs sparing."""
    spare = verdict.spare or (plan.t.lower_muscles if verdict.move_reason.endswith("legs") else frozenset())
    later = sorted(
        (
            s
            for s in plan.slots
            if s.microcycle_id == session.microcycle_id
            and s.date > day
            and not _is_activity(s)
            and not s.skipped
        ),
        key=lambda s: s.date,
    )
    near = [s.id for s in later if (s.date - day).days <= MOVE_DAYS]
    _, movements = await plan.catalog(repos, deps, user)
    return next(
        (
            s
            for s in await plan.sessions(repos, near)
            if _load_share(s, frozenset(spare), movements, plan.t) < 0.3
        ),
        None,
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
    away = {
        **(session.adaptation_json or {}),
        "date": later_date.isoformat(),
        "decision": MOVE,
        "moved": {"from": day.isoformat(), "to": later_date.isoformat()},
        "inputs": None,
        "before": _snapshot(session),
    }
    first_number = (day - plan.cycle_of(target.microcycle_id).start_date).days + 1
    await plan.change(
        repos,
        {
            session.id: SessionChange(later_date, later_number, away),
            target.id: SessionChange(day, first_number),
        },
    )
    before = _snapshot(target)
    rows = [dict(r) for r in before["exercises"]]
    _, movements = await plan.catalog(repos, deps, user)
    today_verdict = judge(inputs, rows, movements, plan.t)
    today_verdict.spare = frozenset()
    today_verdict.want_move = False
    kept = [r for r in today_verdict.reasons if "sore" not in r and "legs" not in r]
    all_reasons = [*reasons, moved_note, *kept]
    new_rows = await _adapted(repos, deps, user, plan, rows, today_verdict)
    adaptation = {
        "version": 1,
        "date": day.isoformat(),
        "decision": MOVE,
        "reasons": all_reasons,
        "inputs": inputs.to_json(),
        "moved": {"from": later_date.isoformat(), "to": day.isoformat()},
    }
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
    current, plan = await _today(repos, deps, user, day)
    session = current.session
    if session is None:
        raise InvalidInput(f"There is no session planned for {day:%A %-d %B}.")
    assert plan is not None
    before = _snapshot(session)
    stored = session.adaptation_json or {}
    base = {"version": 1, "date": day.isoformat(), "manual": action, "inputs": stored.get("inputs")}

    if action == "skip":
        reasons = ["Skipped by you: no catching up — the plan simply goes on."]
        adaptation = {**base, "decision": REST, "skipped": True, "reasons": reasons}
        await plan.change(
            repos, {session.id: SessionChange(adaptation_json={**adaptation, "before": before})}
        )
        return _result(day, None, adaptation, user, current.activities)

    if action == "move":
        return await _move_by_hand(repos, user, day, plan, session, before, current.activities)

    rows = [dict(r) for r in before["exercises"]]
    verdict = Verdict(REDUCE, reduce_all=action == "reduce", easy=action == "easy")
    verdict.reasons.append(
        "Lighter by your call: one set less per exercise and about one more rep in reserve."
        if action == "reduce"
        else "Easy by your call: one set less, effort capped and no finisher."
    )
    new_rows = await _adapted(repos, deps, user, plan, rows, verdict)
    adaptation = {**base, "decision": REDUCE, "reasons": verdict.reasons}
    result = _result(day, session, adaptation, user, current.activities)
    await _write(repos, deps, user, session, new_rows, before, adaptation, result.text)
    return result


async def _move_by_hand(
    repos: Repositories,
    user: User,
    day: dt.date,
    plan: _Day,
    session: Session,
    before: dict[str, Any],
    activities: list[str],
) -> TodayResult:
    cycle = plan.cycle_of(session.microcycle_id)
    longest = int(plan.t.readiness["max_microcycle_days"])
    busy = {s.date for s in plan.slots if not _is_activity(s) and s.id != session.id}
    for ahead in range(1, MOVE_DAYS + 1):
        candidate = day + dt.timedelta(days=ahead)
        number = (candidate - cycle.start_date).days + 1
        if candidate in busy or number > longest:
            continue
        stretched: dict[int, tuple[dt.date, int]] = {}
        if number > cycle.length_days:
            later = [c for c in plan.cycles if c.sequence_number > cycle.sequence_number]
            if later and later[0].start_date <= candidate:
                continue
            stretched[cycle.id] = (cycle.start_date, number)
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
        await plan.change(repos, {session.id: SessionChange(candidate, number, adaptation)}, stretched)
        return _result(day, None, {"decision": MOVE, "reasons": reasons}, user, activities)
    raise InvalidInput("There is no free day in the next three to move it to — try 'easy' or 'skip' instead.")
