"""History in and out: Strong and Hevy CSV exports, the interchange formats of workout trackers.

Import reads either app's export (Strong's comma or semicolon layouts, with or without unit
columns; Hevy's with kilograms or pounds), matches exercise names to the library — "Bench
Press (Barbell)" becomes Barbell Bench Press, and an equipment in brackets must agree with
the movement's, so "Overhead Press (Dumbbell)" never lands on the barbell lift — and reports
what it could not match instead of guessing. Each workout carries a key from its file, so
importing the same file twice adds nothing. Warm-up sets are skipped: they are not the
sets strength is tracked by.

Export writes the lifter's whole log in Strong's classic layout (comma separated, weights and
distances in the lifter's units), which this importer, Strong-compatible tools and Hevy read.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from coach.catalog import Catalog, MovementInfo, movement_info
from coach.clock import zone
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.logbook import limits
from coach.logbook.e1rm import estimate
from coach.logbook.matching import Matcher, matcher_for
from coach.logbook.units import KG_PER_LB, number
from db.enums import E1RMFormula
from db.models import User, WorkoutLog
from db.repositories import Repositories
from db.repositories.logs import SetRow

MAX_BYTES = 20 * 1024 * 1024
STRONG_HEADER = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
_MILE_M = 1609.344
#: Equipment names the apps put in brackets → the library's equipment tags that satisfy them.
_EQUIPMENT = {
    "barbell": {"barbell"},
    "dumbbell": {"dumbbell"},
    "cable": {"cable"},
    "machine": {"machine", "rower", "bike", "treadmill", "ski erg", "sled"},
    "smith machine": {"machine"},
    "plate loaded": {"machine"},
    "kettlebell": {"kettlebell"},
    "band": {"bands"},
    "bands": {"bands"},
    "resistance band": {"bands"},
    "ez bar": {"barbell"},
    "trap bar": {"trap bar"},
}
_BRACKETS = re.compile(r"^(?P<base>.*?)\s*\((?P<kind>[^()]*)\)\s*$")
_STRONG_DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d")
_HEVY_DATES = ("%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
_DURATION = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?$")


@dataclass(slots=True)
class ImportedSet:
    exercise: str
    order: int
    weight_kg: float
    reps: int
    rpe: float | None
    distance_m: float | None
    seconds: int | None
    row: int


@dataclass(slots=True)
class ImportedWorkout:
    key: str
    started: dt.datetime
    name: str
    duration_minutes: int | None
    notes: str | None
    sets: list[ImportedSet] = field(default_factory=list)


@dataclass(slots=True)
class ReadResult:
    format: str
    workouts: list[ImportedWorkout]
    warmups: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    text: str
    format: str
    workouts: int
    sets: int
    duplicates: int
    warmups_skipped: int
    unmatched: Mapping[str, int]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class CsvExport:
    filename: str
    content: bytes
    workouts: int
    sets: int


# --- reading ---------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"That file is over {MAX_BYTES // (1024 * 1024)} MB — export a shorter date range."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _number(text: str | None) -> float | None:
    """``"82.5"``, ``"82,5"`` (decimal comma) or blank; anything else is ``None``."""
    if text is None:
        return None
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _when(text: str, formats: Sequence[str]) -> dt.datetime | None:
    cleaned = " ".join(text.replace("\u202f", " ").split())
    for fmt in formats:
        try:
            return dt.datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


def _minutes(text: str | None) -> int | None:
    """Strong writes "1h 5m", "45m" or plain seconds."""
    if not text or not text.strip():
        return None
    raw = text.strip().lower()
    seconds = _number(raw)
    if seconds is not None:
        return round(seconds / 60) if seconds >= 0 else None
    m = _DURATION.match(raw)
    if not m or not any(m.groupdict().values()):
        return None
    return int(m.group("h") or 0) * 60 + int(m.group("m") or 0) + round(int(m.group("s") or 0) / 60)


def _key(fmt: str, started: str, name: str) -> str:
    digest = hashlib.sha256(f"{started}|{name}".encode()).hexdigest()[:24]
    return f"{fmt}:{digest}"


def read_export(text: str, *, metric: bool) -> ReadResult:
    """Workouts in a Strong or Hevy CSV; ``metric`` says what unit-less columns mean."""
    lines = text.splitlines()
    if not lines:
        raise InvalidInput("That file is empty.")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = {(name or "").strip().lower() for name in reader.fieldnames or ()}
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or ()]
    if {"date", "exercise name", "set order"} <= fields:
        return _read_strong(reader, metric)
    if {"start_time", "exercise_title"} <= fields:
        return _read_hevy(reader)
    raise InvalidInput(
        "I can read workout exports from Strong and Hevy (CSV). This file has neither layout — "
        "export your workouts as CSV from the app and send that file."
    )


def _read_strong(reader: csv.DictReader[str], metric: bool) -> ReadResult:
    result = ReadResult("strong", [])
    workouts: dict[str, ImportedWorkout] = {}
    for index, row in enumerate(reader, start=2):
        started = _when(row.get("date") or "", _STRONG_DATES)
        exercise = (row.get("exercise name") or "").strip()
        if started is None or not exercise:
            result.problems.append(f"row {index}: no date or exercise")
            continue
        order_text = (row.get("set order") or "").strip().upper()
        if order_text == "W":
            result.warmups += 1
            continue
        name = (row.get("workout name") or "").strip() or "Workout"
        key = _key("strong", (row.get("date") or "").strip(), name)
        workout = workouts.get(key)
        if workout is None:
            notes = (row.get("workout notes") or "").strip() or None
            workout = ImportedWorkout(
                key, started, name, _minutes(row.get("duration") or row.get("workout duration")), notes
            )
            workouts[key] = workout
        weight_unit = (row.get("weight unit") or ("kg" if metric else "lbs")).strip().lower()
        weight = _number(row.get("weight")) or 0.0
        distance = _number(row.get("distance")) or 0.0
        distance_unit = (row.get("distance unit") or ("km" if metric else "mi")).strip().lower()
        order = _number(order_text)
        workout.sets.append(
            ImportedSet(
                exercise=exercise,
                order=int(order) if order else len(workout.sets) + 1,
                weight_kg=weight * (KG_PER_LB if weight_unit.startswith("lb") else 1.0),
                reps=int(_number(row.get("reps")) or 0),
                rpe=_number(row.get("rpe")),
                distance_m=_strong_distance(distance, distance_unit),
                seconds=int(_number(row.get("seconds")) or 0) or None,
                row=index,
            )
        )
    result.workouts = sorted(workouts.values(), key=lambda w: w.started)
    return result


def _strong_distance(value: float, unit: str) -> float | None:
    if value <= 0:
        return None
    if unit.startswith("mi"):
        return value * _MILE_M
    if unit in ("m", "meters", "metres"):
        return value
    return value * 1000


def _read_hevy(reader: csv.DictReader[str]) -> ReadResult:
    result = ReadResult("hevy", [])
    workouts: dict[str, ImportedWorkout] = {}
    for index, row in enumerate(reader, start=2):
        started = _when(row.get("start_time") or "", _HEVY_DATES)
        exercise = (row.get("exercise_title") or "").strip()
        if started is None or not exercise:
            result.problems.append(f"row {index}: no start time or exercise")
            continue
        if (row.get("set_type") or "").strip().lower() == "warmup":
            result.warmups += 1
            continue
        name = (row.get("title") or "").strip() or "Workout"
        key = _key("hevy", (row.get("start_time") or "").strip(), name)
        workout = workouts.get(key)
        if workout is None:
            ended = _when(row.get("end_time") or "", _HEVY_DATES)
            minutes = round((ended - started).total_seconds() / 60) if ended and ended > started else None
            notes = (row.get("description") or "").strip() or None
            workout = ImportedWorkout(key, started, name, minutes, notes)
            workouts[key] = workout
        if row.get("weight_lbs") not in (None, ""):
            weight = (_number(row.get("weight_lbs")) or 0.0) * KG_PER_LB
        else:
            weight = _number(row.get("weight_kg")) or 0.0
        if row.get("distance_miles") not in (None, ""):
            distance = (_number(row.get("distance_miles")) or 0.0) * _MILE_M
        else:
            distance = (_number(row.get("distance_km")) or 0.0) * 1000
        order = _number(row.get("set_index"))
        workout.sets.append(
            ImportedSet(
                exercise=exercise,
                order=int(order) + 1 if order is not None else len(workout.sets) + 1,
                weight_kg=weight,
                reps=int(_number(row.get("reps")) or 0),
                rpe=_number(row.get("rpe")),
                distance_m=distance or None,
                seconds=int(_number(row.get("duration_seconds")) or 0) or None,
                row=index,
            )
        )
    result.workouts = sorted(workouts.values(), key=lambda w: w.started)
    return result


# --- matching ---------------------------------------------------------------------------------


def match_exercise(name: str, matcher: Matcher) -> MovementInfo | None:
    """The library movement an app's exercise name means, or ``None`` rather than a guess."""
    m = _BRACKETS.match(name)
    base, kind = (m.group("base"), m.group("kind").strip().lower()) if m else (name, "")
    needs = _EQUIPMENT.get(kind)
    texts = [f"{kind} {base}", f"{base} {kind}", base] if kind else [base]
    for text in texts:
        found = matcher.exact(text)
        said_with_equipment = text != base  # an alias that names the equipment is trusted as is
        if found is not None and (said_with_equipment or needs is None or found.equipment & needs):
            return found
    for text in texts:
        resolution = matcher.resolve(text)
        found = resolution.movement
        if found is not None and (needs is None or found.equipment & needs):
            return found
    return None


# --- importing --------------------------------------------------------------------------------


def _plausible(s: ImportedSet, movement: MovementInfo) -> str | None:
    if s.reps < 0 or s.reps > limits.MAX_REPS_PER_SET:
        return f"row {s.row}: {s.reps} reps"
    if s.weight_kg < 0 or s.weight_kg > limits.max_load_kg(movement):
        return f"row {s.row}: {number(s.weight_kg)} kg on {movement.name}"
    if s.seconds is not None and not 0 < s.seconds <= limits.MAX_SET_SECONDS:
        return f"row {s.row}: {s.seconds} s"
    if s.distance_m is not None and not 0 < s.distance_m <= limits.MAX_DISTANCE_M:
        return f"row {s.row}: a distance of {number(s.distance_m)} m"
    if not (s.reps or s.seconds or s.distance_m):
        return f"row {s.row}: an empty set"
    return None


def _rows(
    workout: ImportedWorkout,
    matched: Mapping[str, MovementInfo | None],
    formula: E1RMFormula,
    problems: list[str],
) -> list[SetRow]:
    rows: list[SetRow] = []
    numbers: Counter[int] = Counter()
    for s in workout.sets:
        movement = matched.get(s.exercise)
        if movement is None or movement.id is None:
            continue
        problem = _plausible(s, movement)
        if problem is not None:
            problems.append(problem)
            continue
        rpe = s.rpe if s.rpe is not None and limits.MIN_STORED_RPE <= s.rpe <= limits.MAX_RPE else None
        e1rm = estimate(s.weight_kg, s.reps, formula, rpe=rpe) if s.reps else None
        numbers[movement.id] += 1
        rows.append(
            SetRow(
                movement_id=movement.id,
                pattern=movement.pattern,
                weight=round(s.weight_kg, 3),
                reps=s.reps,
                set_number=numbers[movement.id],
                rpe=rpe,
                e1rm_value=round(e1rm, 1) if e1rm else None,
                e1rm_formula=formula if e1rm else None,
                duration_seconds=s.seconds,
                distance_m=round(s.distance_m, 1) if s.distance_m else None,
            )
        )
    return rows


async def import_csv(
    repos: Repositories, deps: CoachDeps, user: User, data: bytes | str, *, filename: str | None = None
) -> ImportReport:
    """Import a Strong or Hevy CSV into the lifter's log (in the caller's unit of work)."""
    settings = await repos.users.ensure_settings(user)
    text = _decode(data)
    read = read_export(text, metric=settings.use_metric)
    own = await repos.movements.owned_by(user.id)
    catalog: Catalog = deps.catalog.with_movements([movement_info(m) for m in own])
    matcher = matcher_for(catalog)
    names = {s.exercise for w in read.workouts for s in w.sets}
    matched = {name: match_exercise(name, matcher) for name in names}
    await _fill_ids(repos, matched)
    await repos.users.lock(user.id)
    existing = await repos.logs.existing_external_keys(user.id, [w.key for w in read.workouts])
    problems = list(read.problems)
    imported = sets = 0
    days: set[dt.date] = set()
    for workout in read.workouts:
        if workout.key in existing:
            continue
        rows = _rows(workout, matched, settings.active_e1rm_formula, problems)
        if not rows:
            continue
        notes = "\n".join(filter(None, [workout.name, workout.notes]))[:2000]
        await repos.logs.record_workout(
            user.id,
            workout.started.date(),
            rows,
            source="import",
            notes=notes,
            external_key=workout.key,
            actual_duration_minutes=workout.duration_minutes,
        )
        imported += 1
        sets += len(rows)
        days.add(workout.started.date())
    span = await repos.logs.active_program_span(user.id)
    if span is not None:
        for day in sorted(d for d in days if span[0] <= d <= span[1]):
            await repos.logs.refresh_exposures(user.id, day)
    unmatched = Counter(s.exercise for w in read.workouts for s in w.sets if matched.get(s.exercise) is None)
    report = ImportReport(
        text="",
        format=read.format,
        workouts=imported,
        sets=sets,
        duplicates=len(existing),
        warmups_skipped=read.warmups,
        unmatched=dict(unmatched.most_common()),
        problems=tuple(problems),
    )
    return replace(report, text=_report_text(report, catalog, filename))


async def _fill_ids(repos: Repositories, matched: dict[str, MovementInfo | None]) -> None:
    """A catalog built from the YAML library has no ids; look them up by name."""
    missing = {m.name for m in matched.values() if m is not None and m.id is None}
    if not missing:
        return
    rows = await repos.movements.by_names(sorted(missing))
    for name, movement in matched.items():
        if movement is not None and movement.id is None and movement.name in rows:
            matched[name] = movement_info(rows[movement.name])


def _report_text(report: ImportReport, catalog: Catalog, filename: str | None) -> str:
    source = "Strong" if report.format == "strong" else "Hevy"
    what = f" ({filename})" if filename else ""
    lines = [f"Imported {report.workouts} workouts ({report.sets} sets) from your {source} export{what}."]
    skipped = []
    if report.duplicates:
        skipped.append(f"{report.duplicates} workouts already imported")
    if report.warmups_skipped:
        skipped.append(f"{report.warmups_skipped} warm-up sets")
    if report.problems:
        skipped.append(f"{len(report.problems)} rows with impossible or missing numbers")
    if skipped:
        lines.append("Skipped: " + ", ".join(skipped) + ".")
    if report.problems:
        lines.append("For example: " + "; ".join(report.problems[:3]) + ".")
    if report.unmatched:
        lines.append(
            f"I couldn't match {len(report.unmatched)} exercise names to my library, so their sets are not in:"
        )
        for name, count in list(report.unmatched.items())[:15]:
            near = catalog.suggest(name, limit=2)
            hint = f" — closest: {', '.join(near)}" if near else ""
            lines.append(f"• {name} ({count} sets){hint}")
        if len(report.unmatched) > 15:
            lines.append(f"• … and {len(report.unmatched) - 15} more")
    return "\n".join(lines)


# --- exporting --------------------------------------------------------------------------------


def _plain(value: float) -> str:
    """Up to two decimals, no trailing zeros: 81.25, 80, 3.1."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _duration_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest}m" if hours else f"{rest}m"


def _workout_name(workout: WorkoutLog) -> tuple[str, str]:
    """(name, notes): imports keep their original name as the first line of the notes."""
    notes = workout.notes or ""
    if workout.source == "import" and notes:
        first, _, rest = notes.partition("\n")
        return first, rest
    return ("Gainsly planned session" if workout.session_id else "Gainsly workout"), notes


def write_export(
    workouts: Iterable[WorkoutLog], names: Mapping[int, str], *, metric: bool, timezone: str
) -> tuple[str, int, int]:
    """(CSV text, workouts written, sets written) in Strong's classic layout."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRONG_HEADER)
    count = sets = 0
    tz = zone(timezone)
    for workout in workouts:
        if not workout.top_sets:
            continue
        count += 1
        clock = (
            workout.created_at.astimezone(tz).time().replace(microsecond=0)
            if workout.created_at
            else dt.time()
        )
        stamp = dt.datetime.combine(workout.date, clock).strftime("%Y-%m-%d %H:%M:%S")
        name, notes = _workout_name(workout)
        for index, s in enumerate(workout.top_sets, start=1):
            sets += 1
            distance = s.distance_m / (1000 if metric else _MILE_M) if s.distance_m else 0
            writer.writerow(
                [
                    stamp,
                    name,
                    _duration_text(workout.actual_duration_minutes),
                    names.get(s.movement_id, "Unknown"),
                    s.set_number or index,
                    _plain(s.weight if metric else s.weight / KG_PER_LB),
                    s.reps,
                    _plain(distance) if distance else 0,
                    s.duration_seconds or 0,
                    "",
                    notes,
                    number(s.rpe) if s.rpe is not None else "",
                ]
            )
    return out.getvalue(), count, sets


async def export_csv(repos: Repositories, deps: CoachDeps, user: User) -> CsvExport:
    """The lifter's whole log as a Strong-layout CSV, ready to send as a document."""
    settings = await repos.users.ensure_settings(user)
    workouts = await repos.logs.all_workouts(user.id)
    names = await repos.logs.movement_names(s.movement_id for w in workouts for s in w.top_sets)
    text, count, sets = write_export(workouts, names, metric=settings.use_metric, timezone=user.timezone)
    today = deps.clock.now().astimezone(zone(user.timezone)).date()
    return CsvExport(f"gainsly-export-{today.isoformat()}.csv", text.encode("utf-8"), count, sets)
