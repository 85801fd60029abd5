"""The logbook service: what a lifter logs, stored completely, answered in their coach's voice.

Every function works inside the caller's unit of work and takes the lifter's advisory lock
first (skipped when the unit of work already holds it, as the conversation engine's does). A log writes its workout,
every set and the day's pattern exposures together; a message with an impossible number
writes nothing at all and asks for a correction, so re-sending it never duplicates a set.

One workout row per logging message: a lifter who logs between sets builds the day out of
several rows, and ``/undo`` removes exactly the last message. Rows of the same day share
the planned session they belong to, and progress reads them by date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.catalog import Catalog, MovementInfo, movement_info
from coach.clock import local_today, zone
from coach.deps import CoachDeps
from coach.logbook import limits, voice
from coach.logbook.e1rm import estimate
from coach.logbook.parser import NOT_A_LOG, ParsedEntry, parse_log
from coach.logbook.quick_inputs import ACTIVITY_DEFINITIONS, QuickInput, recognize
from coach.logbook.records import DURATION, E1RM, REPS, WEIGHT, PersonalRecord, find_records
from coach.logbook.summary import entry_text
from coach.logbook.units import (
    duration_text,
    from_display,
    minutes_text,
    number,
    to_display,
    unit_label,
    weight_text,
)
from coach.persona import speak
from db.enums import E1RMFormula, MetricType, PersonaTone
from db.models import Session, SessionExercise, User, WorkoutLog
from db.repositories import Repositories
from db.repositories.logs import SetRow

#: RTS chart, RPE 10 row, reps 1-12 (coaching-science.md); the tunable of the same name wins.
_RPE10_PERCENT = (100, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0)
#: Lines in one message; a whole history belongs in a CSV import.
MAX_LINES = 60
#: A log can be corrected on its own day, or within this long of being written.
CORRECTION_WINDOW = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A line whose exercise name fits several movements: ask with buttons."""

    line: str
    candidates: tuple[str, ...]
    spec: str

    def with_choice(self, name: str) -> str:
        """The line to re-submit once the lifter picked ``name`` (a canonical movement name)."""
        return f"{name} {self.spec}".strip()


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One exercise of a planned session, for "done with changes" buttons."""

    session_exercise_id: int
    movement: str
    sets: int
    label: str
    already_logged: bool


@dataclass(frozen=True)
class LogOutcome:
    text: str
    workout_log_id: int | None = None
    prs: tuple[PersonalRecord, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()
    errors: tuple[str, ...] = ()
    #: Seconds for the rest timer after this log (the plan's rest, else a default by reps).
    rest_seconds: int | None = None
    saved_sets: int = 0
    #: One line per logged exercise ("Barbell Bench Press 3×5 80 kg · e1RM 93 kg"), as in ``text``.
    entries: tuple[str, ...] = ()
    #: The exercise the rest timer follows (the log's last one).
    resting_from: str | None = None
    #: ``complete_planned`` without changes given: the session's exercises and a copyable log.
    planned: tuple[PlannedItem, ...] = ()
    template: str | None = None

    @property
    def saved(self) -> bool:
        return self.workout_log_id is not None


@dataclass(frozen=True)
class QuickInputOutcome:
    text: str
    #: soreness | readiness | activity | mixed | invalid
    kind: str
    saved: bool


@dataclass(frozen=True)
class _Context:
    user: User
    tone: PersonaTone
    metric: bool
    formula: E1RMFormula
    catalog: Catalog

    @property
    def unit(self) -> str:
        return unit_label(self.metric)


async def _context(
    repos: Repositories, deps: CoachDeps, user: User, catalog: Catalog | None = None
) -> _Context:
    """``catalog``: the lifter's own (system movements plus theirs), when the caller knows it."""
    settings = await repos.users.ensure_settings(user)
    if catalog is None:
        own = await repos.movements.owned_by(user.id)
        catalog = deps.catalog.with_movements([movement_info(m) for m in own])
    return _Context(user, user.persona_tone, settings.use_metric, settings.active_e1rm_formula, catalog)


async def _lock(repos: Repositories, user: User) -> None:
    """The lifter's advisory lock, unless this unit of work holds it already (a round trip saved)."""
    if not repos.chat.holds_lock(user.id):
        await repos.users.lock(user.id)


def _say(ctx: _Context, lines: Any, key: object = 0, **values: object) -> str:
    return speak(ctx.tone, lines, key=key, **values)


# --- logging ---------------------------------------------------------------------------------


async def record_log(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    text: str,
    *,
    day: dt.date,
    ask_which: bool = True,
    catalog: Catalog | None = None,
) -> LogOutcome:
    """Log a quick workout message for ``day`` (the lifter's local date).

    ``ask_which=False``: the caller asks about ambiguous names itself (with buttons), so the
    text leaves that question out rather than asking it twice. ``catalog``: the lifter's
    movements, when the caller knows them (the conversation engine does, for free).
    """
    ctx = await _context(repos, deps, user, catalog)
    parsed = parse_log(text, ctx.catalog, unit=ctx.unit)
    refused = _refusal(ctx, parsed.entries, parsed.unparsed)
    if refused is not None:
        return refused
    ready = [e for e in parsed.entries if e.movement is not None]
    ambiguities = _ambiguities(parsed.entries)
    if not ready:
        return LogOutcome(
            text=_ambiguity_text(ctx, ambiguities) if ask_which else "", ambiguities=ambiguities
        )
    await _lock(repos, user)
    ids = await _movement_ids(repos, [e.movement for e in ready if e.movement])
    rows = _set_rows(ready, ids, ctx.formula)
    notes = _notes(ready, [u.input for u in parsed.unparsed if u.kind == NOT_A_LOG])
    stored = await repos.logs.log_workout(user.id, day, rows, source="chat", notes=notes)
    if stored.exposures_due:
        await repos.logs.refresh_exposures(user.id, day)
    names = {ids[e.movement.name]: e.movement.name for e in ready if e.movement}
    records, firsts = find_records(names, rows, stored.history)
    rest = _rest_seconds(ready[-1], stored.planned_rest, ids)
    entries = tuple(_entry_line(ctx, e, rows, ids) for e in ready)
    lines = [_say(ctx, voice.LOGGED, key=stored.workout_log_id)]
    lines += [f"• {entry}" for entry in entries]
    lines += _record_lines(ctx, records)
    if firsts:
        lines.append(_say(ctx, voice.FIRST_TIME, key=firsts[0], movement=_and(firsts)))
    lines += [f"⚠ {w}" for w in dict.fromkeys(w for e in ready for w in e.warnings)]
    if ambiguities and ask_which:
        lines.append(_ambiguity_text(ctx, ambiguities))
    if rest:
        lines.append(_say(ctx, voice.REST_HINT, rest=_rest_text(rest)))
    return LogOutcome(
        text="\n".join(lines),
        workout_log_id=stored.workout_log_id,
        prs=tuple(records),
        ambiguities=ambiguities,
        rest_seconds=rest,
        saved_sets=len(rows),
        entries=entries,
        resting_from=ready[-1].movement.name if ready[-1].movement else None,
    )


def _refusal(ctx: _Context, entries: Sequence[ParsedEntry], unparsed: Sequence[Any]) -> LogOutcome | None:
    """Nothing is saved while any line needs fixing; nothing is saved from a message with no log."""
    if len(entries) + len(unparsed) > MAX_LINES:
        message = f"That's {len(entries) + len(unparsed)} lines — send at most {MAX_LINES} at a time (or import a CSV)."
        return LogOutcome(text=message, errors=(message,))
    errors = [f"“{u.input}”: {u.error}" for u in unparsed if u.kind != NOT_A_LOG]
    for entry in entries:
        if entry.movement is None and not entry.candidates:
            unknown = _say(ctx, voice.UNKNOWN_MOVEMENT, name=entry.name_text or entry.input)
            suggestions = ctx.catalog.suggest(entry.name_text or entry.input)
            hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
            errors.append(f"“{entry.input}”: {unknown}{hint}")
    if errors:
        text = "\n".join(
            [_say(ctx, voice.NOTHING_SAVED), *(f"• {e}" for e in errors), _say(ctx, voice.RESEND)]
        )
        return LogOutcome(text=text, errors=tuple(errors))
    if not entries:
        reason = unparsed[0].error if unparsed else "There was nothing to log."
        return LogOutcome(text=_say(ctx, voice.NOT_A_LOG), errors=(reason,))
    return None


def _ambiguities(entries: Sequence[ParsedEntry]) -> tuple[Ambiguity, ...]:
    return tuple(
        Ambiguity(e.input, tuple(m.name for m in e.candidates), e.spec) for e in entries if e.ambiguous
    )


def _ambiguity_text(ctx: _Context, ambiguities: Sequence[Ambiguity]) -> str:
    lines = [_say(ctx, voice.WHICH_ONE)]
    lines += [f"“{a.line}”: {' / '.join(a.candidates)}" for a in ambiguities]
    return "\n".join(lines)


async def _movement_ids(repos: Repositories, movements: Sequence[MovementInfo]) -> dict[str, int]:
    """Database ids by name (a catalog built from the YAML library has none)."""
    ids = {m.name: m.id for m in movements if m.id is not None}
    missing = [m.name for m in movements if m.id is None]
    if missing:
        rows = await repos.movements.by_names(missing)
        ids.update({name: row.id for name, row in rows.items()})
    return ids


def _set_rows(entries: Sequence[ParsedEntry], ids: Mapping[str, int], formula: E1RMFormula) -> list[SetRow]:
    rows: list[SetRow] = []
    numbers: dict[int, int] = {}
    for entry in entries:
        assert entry.movement is not None
        movement_id = ids[entry.movement.name]
        for s in entry.sets:
            numbers[movement_id] = numbers.get(movement_id, 0) + 1
            weight = s.weight_kg or 0.0
            e1rm = estimate(weight, s.reps or 0, formula, rpe=s.rpe, rir=s.rir) if s.reps else None
            rows.append(
                SetRow(
                    movement_id=movement_id,
                    pattern=entry.movement.pattern,
                    weight=weight,
                    reps=s.reps or 0,
                    set_number=numbers[movement_id],
                    rpe=s.rpe,
                    rir=s.rir,
                    e1rm_value=round(e1rm, 1) if e1rm else None,
                    e1rm_formula=formula if e1rm else None,
                    duration_seconds=s.duration_seconds,
                    distance_m=s.distance_m,
                )
            )
    return rows


def _notes(entries: Sequence[ParsedEntry], chatter: Sequence[str]) -> str | None:
    parts = [f"{e.movement.name}: {e.notes}" for e in entries if e.notes and e.movement]
    parts += list(chatter)
    return "\n".join(parts)[:2000] or None


def _entry_line(ctx: _Context, entry: ParsedEntry, rows: Sequence[SetRow], ids: Mapping[str, int]) -> str:
    assert entry.movement is not None
    movement = entry.movement
    text = entry_text(movement.name, entry.sets, ctx.metric, added_load=not limits.is_loaded(movement))
    movement_id = ids[movement.name]
    best = max((r.e1rm_value for r in rows if r.movement_id == movement_id and r.e1rm_value), default=None)
    if best and limits.is_loaded(movement):
        text += f" · e1RM {weight_text(best, ctx.metric)}"
    return text


def _record_lines(ctx: _Context, records: Sequence[PersonalRecord]) -> list[str]:
    """One line per movement: its strongest record."""
    strength = {E1RM: 0, WEIGHT: 1, REPS: 2, DURATION: 3}
    best: dict[str, PersonalRecord] = {}
    for record in records:
        current = best.get(record.movement)
        if current is None or strength[record.kind] < strength[current.kind]:
            best[record.movement] = record
    return [_record_line(ctx, r) for r in best.values()]


def _record_line(ctx: _Context, record: PersonalRecord) -> str:
    previous = record.previous or 0.0
    if record.kind == E1RM:
        change = f"+{number(to_display(record.value - previous, ctx.metric))} {ctx.unit}"
        if previous:
            change += f", +{number((record.value / previous - 1) * 100)}%"
        return _say(
            ctx,
            voice.PR_E1RM,
            key=record.movement,
            movement=record.movement,
            value=weight_text(record.value, ctx.metric),
            previous=weight_text(previous, ctx.metric),
            change=change,
        )
    if record.kind == WEIGHT:
        return _say(
            ctx,
            voice.PR_WEIGHT,
            key=record.movement,
            movement=record.movement,
            value=weight_text(record.value, ctx.metric),
            previous=weight_text(previous, ctx.metric),
        )
    if record.kind == REPS:
        return _say(
            ctx,
            voice.PR_REPS,
            key=record.movement,
            movement=record.movement,
            reps=int(record.value),
            weight=weight_text(record.weight_kg, ctx.metric) if record.weight_kg else "bodyweight",
            previous=int(previous),
        )
    return _say(
        ctx,
        voice.PR_DURATION,
        key=record.movement,
        movement=record.movement,
        value=duration_text(int(record.value)),
        previous=duration_text(int(previous)),
    )


def _rest_seconds(entry: ParsedEntry, planned_rest: Mapping[int, int], ids: Mapping[str, int]) -> int | None:
    """The plan's rest for this exercise today, else a sensible default for the reps just done."""
    assert entry.movement is not None
    planned = planned_rest.get(ids[entry.movement.name])
    if planned:
        return planned
    reps = entry.sets[-1].reps if entry.sets else None
    return limits.default_rest_seconds(entry.movement, reps)


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _rest_text(seconds: int) -> str:
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return duration_text(seconds) if seconds >= 60 else f"{seconds} s"


# --- undo and correct --------------------------------------------------------------------------


async def _workout_summary(repos: Repositories, ctx: _Context, workout: WorkoutLog) -> str:
    names = await repos.logs.movement_names(s.movement_id for s in workout.top_sets)
    by_movement: dict[int, list[Any]] = {}
    for s in workout.top_sets:
        by_movement.setdefault(s.movement_id, []).append(s)
    parts = []
    for movement_id, sets in by_movement.items():
        name = names.get(movement_id, "?")
        info = ctx.catalog.get(name)
        added = info is not None and not limits.is_loaded(info)
        parts.append(entry_text(name, sets, ctx.metric, added_load=added))
    return "; ".join(parts) or f"the session of {workout.date.isoformat()}"


async def undo_last(
    repos: Repositories, deps: CoachDeps, user: User, *, workout_log_id: int | None = None
) -> str:
    """Remove the last log (or the one an Undo button points at) with all its sets and exposures."""
    ctx = await _context(repos, deps, user)
    await _lock(repos, user)
    workout = (
        await repos.logs.get_workout(user.id, workout_log_id)
        if workout_log_id is not None
        else await repos.logs.last_workout(user.id)
    )
    if workout is None:
        return _say(ctx, voice.NOTHING_TO_UNDO)
    summary = await _workout_summary(repos, ctx, workout)
    day = workout.date
    await repos.logs.delete_workout(user.id, workout.id)
    await repos.logs.refresh_exposures(user.id, day)
    return _say(ctx, voice.UNDONE, key=workout.id, summary=summary)


async def correct_last(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    text: str,
    *,
    day: dt.date,
    workout_log_id: int | None = None,
) -> LogOutcome:
    """Replace the last log's sets with ``text`` — allowed for today's logs (or within 24 hours)."""
    ctx = await _context(repos, deps, user)
    await _lock(repos, user)
    workout = (
        await repos.logs.get_workout(user.id, workout_log_id)
        if workout_log_id is not None
        else await repos.logs.last_workout(user.id)
    )
    if workout is None:
        return LogOutcome(text=_say(ctx, voice.NOTHING_TO_UNDO), errors=("nothing to correct",))
    recent = workout.created_at is not None and deps.clock.now() - workout.created_at <= CORRECTION_WINDOW
    if workout.date != day and not recent:
        message = _say(ctx, voice.TOO_LATE_TO_CORRECT, date=workout.date.isoformat())
        return LogOutcome(text=message, errors=("outside the correction window",))
    parsed = parse_log(text, ctx.catalog, unit=ctx.unit)
    refused = _refusal(ctx, parsed.entries, parsed.unparsed)
    if refused is not None:
        return refused
    ambiguities = _ambiguities(parsed.entries)
    if ambiguities:
        return LogOutcome(text=_ambiguity_text(ctx, ambiguities), ambiguities=ambiguities)
    ready = list(parsed.entries)
    ids = await _movement_ids(repos, [e.movement for e in ready if e.movement])
    rows = _set_rows(ready, ids, ctx.formula)
    history = await repos.logs.lift_history(
        user.id, {r.movement_id for r in rows}, exclude_workout_id=workout.id
    )
    notes = _notes(ready, [u.input for u in parsed.unparsed if u.kind == NOT_A_LOG])
    await repos.logs.replace_sets(workout, rows, notes)
    await repos.logs.refresh_exposures(user.id, workout.date)
    names = {ids[e.movement.name]: e.movement.name for e in ready if e.movement}
    records, _ = find_records(names, rows, history)
    summary = "; ".join(_entry_line(ctx, e, rows, ids) for e in ready)
    lines = [_say(ctx, voice.CORRECTED, key=workout.id, summary=summary), *_record_lines(ctx, records)]
    return LogOutcome(
        text="\n".join(lines), workout_log_id=workout.id, prs=tuple(records), saved_sets=len(rows)
    )


# --- completing a planned session by button --------------------------------------------------


async def complete_planned(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    session_id: int,
    as_planned: bool,
    *,
    done_sets: Mapping[int, int] | None = None,
) -> LogOutcome:
    """Record a planned session as done without typing numbers.

    ``as_planned``: every exercise as prescribed. Otherwise ``done_sets`` maps a session
    exercise id to the sets actually done (0 = skipped; missing = as planned); without it
    nothing is saved and the outcome lists the exercises (for buttons) and a log template
    the lifter can copy, edit and send. Exercises already logged by hand that day are kept as
    typed and not doubled. Loads come from the lifter's recent e1RM and the prescription
    (RTS chart); such sets carry no e1RM of their own, since a tap proves no strength.
    """
    ctx = await _context(repos, deps, user)
    await _lock(repos, user)
    session = await repos.logs.owned_session(user.id, session_id)
    if session is None:
        return LogOutcome(text=_say(ctx, voice.NO_PLAN_TODAY), errors=("no such session",))
    existing = await repos.logs.button_workout(user.id, session.id)
    if existing is not None:
        return LogOutcome(text=_say(ctx, voice.ALREADY_DONE), workout_log_id=existing.id)
    typed = {s.movement_id for w in await repos.logs.workouts_on(user.id, session.date) for s in w.top_sets}
    names = await repos.logs.movement_names(e.movement_id for e in session.exercises)
    loads = await _planned_loads(repos, deps, ctx, session, names)
    items = tuple(
        PlannedItem(
            e.id, names[e.movement_id], e.target_sets, _planned_label(e, names), e.movement_id in typed
        )
        for e in session.exercises
    )
    if not as_planned and done_sets is None:
        template = "\n".join(_template_line(ctx, e, names, loads) for e in session.exercises)
        text = f"{_say(ctx, voice.WHAT_CHANGED)}\n{template}"
        return LogOutcome(text=text, planned=items, template=template)
    rows: list[SetRow] = []
    done_count = 0
    for exercise in session.exercises:
        if exercise.movement_id in typed:
            continue
        count = (
            exercise.target_sets if as_planned else (done_sets or {}).get(exercise.id, exercise.target_sets)
        )
        count = max(0, min(count, limits.MAX_SETS_PER_ENTRY))
        if count:
            done_count += 1
            rows += _planned_rows(ctx, exercise, names, count, loads.get(exercise.movement_id))
    note = "done as planned" if as_planned else "done with changes"
    workout = await repos.logs.record_workout(
        user.id, session.date, rows, session_id=session.id, source="button", notes=note
    )
    lines = [_say(ctx, voice.SESSION_DONE if as_planned else voice.SESSION_DONE_CHANGED, count=done_count)]
    return LogOutcome(text="\n".join(lines), workout_log_id=workout.id, saved_sets=len(rows), planned=items)


def _planned_reps(exercise: SessionExercise) -> int | None:
    return exercise.target_rep_range_min or exercise.target_rep_range_max


def _planned_label(exercise: SessionExercise, names: Mapping[int, str]) -> str:
    reps = _planned_reps(exercise)
    if reps:
        return f"{names[exercise.movement_id]} {exercise.target_sets}×{reps}"
    if exercise.target_duration_seconds:
        return f"{names[exercise.movement_id]} {exercise.target_sets}×{duration_text(exercise.target_duration_seconds)}"
    return f"{names[exercise.movement_id]} ×{exercise.target_sets}"


async def _planned_loads(
    repos: Repositories, deps: CoachDeps, ctx: _Context, session: Session, names: Mapping[int, str]
) -> dict[int, float]:
    """The load each loaded exercise implies: recent best e1RM × the chart's % for reps at RPE."""
    loaded = [
        e
        for e in session.exercises
        if (info := ctx.catalog.get(names[e.movement_id])) and limits.is_loaded(info)
    ]
    since = session.date - dt.timedelta(weeks=8)
    best = await repos.logs.best_recent_e1rm(ctx.user.id, [e.movement_id for e in loaded], since)
    prescriptions = deps.heuristics.get("goal_prescriptions") or {}
    table = prescriptions.get("rpe_percent_1rm_at_rpe10") or _RPE10_PERCENT
    loads: dict[int, float] = {}
    for exercise in loaded:
        e1rm = best.get(exercise.movement_id)
        reps = _planned_reps(exercise)
        if not e1rm or not reps:
            continue
        rpe = exercise.target_rpe or (10 - exercise.target_rir if exercise.target_rir is not None else 8.0)
        index = round(reps + (10 - rpe)) - 1
        if 0 <= index < len(table):
            step = 2.5 if ctx.metric else from_display(5.0, False)
            loads[exercise.movement_id] = round(e1rm * table[index] / 100 / step) * step
    return loads


def _planned_rows(
    ctx: _Context, exercise: SessionExercise, names: Mapping[int, str], count: int, load: float | None
) -> list[SetRow]:
    info = ctx.catalog.get(names[exercise.movement_id])
    pattern = info.pattern if info else None
    if pattern is None:
        return []
    reps = _planned_reps(exercise)
    rpe = (
        exercise.target_rpe if exercise.target_rpe and exercise.target_rpe >= limits.MIN_STORED_RPE else None
    )
    return [
        SetRow(
            movement_id=exercise.movement_id,
            pattern=pattern,
            weight=load or 0.0,
            reps=reps or 0,
            set_number=n,
            rpe=rpe,
            rir=exercise.target_rir,
            duration_seconds=exercise.target_duration_seconds,
            avg_rest_seconds=exercise.default_rest_seconds,
        )
        for n in range(1, count + 1)
    ]


def _template_line(
    ctx: _Context, exercise: SessionExercise, names: Mapping[int, str], loads: Mapping[int, float]
) -> str:
    """A line the parser reads back exactly, for the lifter to edit."""
    name = names[exercise.movement_id]
    info = ctx.catalog.get(name)
    reps = _planned_reps(exercise)
    seconds = exercise.target_duration_seconds
    if (
        info is not None
        and info.metric_type in (MetricType.TIME, MetricType.DISTANCE)
        and seconds
        and not reps
    ):
        dose = f"{seconds}s" if seconds < 120 else f"{seconds // 60}min"
        return f"{name} {exercise.target_sets}x{dose}" if exercise.target_sets > 1 else f"{name} {dose}"
    line = f"{name} {exercise.target_sets}x{reps or 10}"
    load = loads.get(exercise.movement_id)
    if load:
        line += f" {number(to_display(load, ctx.metric))}{ctx.unit}"
    if exercise.target_rpe:
        line += f" @{number(exercise.target_rpe)}"
    return line


# --- check-ins ------------------------------------------------------------------------------------


async def record_quick_input(
    repos: Repositories, deps: CoachDeps, user: User, text: str, *, day: dt.date
) -> QuickInputOutcome | None:
    """Soreness, readiness or an activity from a short message; ``None`` if it is none of those."""
    found = recognize(text)
    if found is None:
        return None
    ctx = await _context(repos, deps, user)
    if found.errors:
        message = "\n".join([_say(ctx, voice.CHECK_IN_FIX), *(f"• {e}" for e in found.errors)])
        return QuickInputOutcome(message, "invalid", saved=False)
    await _lock(repos, user)
    replies: list[str] = []
    kinds: list[str] = []
    if found.soreness:
        rows = {(m.value, s.level) for s in found.soreness for m in s.muscles}
        await repos.logs.add_soreness(user.id, day, sorted(rows), notes=text.strip()[:500])
        summary = ", ".join(f"{s.body_part} {s.level}/5" for s in found.soreness)
        replies.append(_say(ctx, voice.SORENESS_SAVED, key=summary, summary=summary))
        kinds.append("soreness")
    if found.readiness is not None:
        await _save_readiness(repos, user, day, found, text)
        replies.append(_say(ctx, voice.READINESS_SAVED, summary=_readiness_summary(found)))
        kinds.append("readiness")
    for activity in found.activities:
        start = _activity_start(deps, user, day, activity.duration_seconds)
        definition = await repos.logs.activity_definition_id(ACTIVITY_DEFINITIONS[activity.activity])
        await repos.logs.add_activity(
            user.id,
            activity_definition_id=definition,
            start=start,
            duration_seconds=activity.duration_seconds,
            perceived_difficulty=activity.perceived_difficulty,
            notes=text.strip()[:500],
        )
        summary = activity.label + (
            f", {minutes_text(activity.duration_seconds)}" if activity.duration_seconds else ""
        )
        replies.append(_say(ctx, voice.ACTIVITY_SAVED, summary=summary))
        kinds.append("activity")
    kind = kinds[0] if len(set(kinds)) == 1 else "mixed"
    return QuickInputOutcome("\n".join(replies), kind, saved=True)


async def _save_readiness(
    repos: Repositories, user: User, day: dt.date, found: QuickInput, text: str
) -> None:
    assert found.readiness is not None
    r = found.readiness
    values = {
        "sleep_hours": r.sleep_hours,
        "sleep_score": r.sleep_score,
        "hrv": r.hrv,
        "resting_hr": r.resting_hr,
        "readiness": r.readiness,
    }
    raw: dict[str, Any] = {"energy_1_5": r.energy_1_5} if r.energy_1_5 is not None else {}
    await repos.logs.merge_manual_recovery(
        user.id, day, {k: v for k, v in values.items() if v is not None}, raw, text.strip()[:500]
    )


def _readiness_summary(found: QuickInput) -> str:
    r = found.readiness
    assert r is not None
    parts = []
    if r.sleep_hours is not None:
        hours, minutes = divmod(round(r.sleep_hours * 60), 60)
        parts.append(f"sleep {hours}h{minutes:02d}" if minutes else f"sleep {hours}h")
    if r.sleep_score is not None:
        parts.append(f"sleep score {number(r.sleep_score)}")
    if r.hrv is not None:
        parts.append(f"HRV {number(r.hrv)} ms")
    if r.resting_hr is not None:
        parts.append(f"resting HR {r.resting_hr}")
    if r.energy_1_5 is not None:
        parts.append(f"energy {r.energy_1_5}/5")
    elif r.readiness is not None:
        parts.append(f"readiness {number(r.readiness)}/100")
    return ", ".join(parts)


def _activity_start(deps: CoachDeps, user: User, day: dt.date, seconds: int | None) -> dt.datetime:
    """Just finished, if logged today; midday of ``day`` otherwise (the hour is not known)."""
    now = deps.clock.now()
    if local_today(user.timezone, now) == day:
        return now - dt.timedelta(seconds=seconds or 0)
    return dt.datetime.combine(day, dt.time(12), tzinfo=zone(user.timezone))


def todays_date(deps: CoachDeps, user: User) -> dt.date:
    """The lifter's local date now: the ``day`` a log typed now belongs to."""
    return local_today(user.timezone, deps.clock.now())
