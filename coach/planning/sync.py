"""One source of truth for a stored session: its ``session_exercises`` rows.

The five ``*_json`` sections are always rebuilt from the rows (``sections_of``), whether the
session was just generated, swapped, reduced or moved, so the two forms cannot drift apart;
``exercise_row`` and ``session_values`` turn a plan into rows for the repository.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from coach.catalog import Catalog, MovementInfo
from coach.planning.model import SECTION_OF_ROLE, SECTIONS, PlannedExercise, PlannedSession, exercise_entry
from coach.planning.timing import minutes, section_seconds
from coach.planning.tunables import Tunables
from db.enums import ExerciseRole


class ExerciseRow(Protocol):
    movement_id: int
    role: ExerciseRole
    order_in_session: int
    superset_group: int | None
    target_sets: int
    target_rep_range_min: int | None
    target_rep_range_max: int | None
    target_rpe: float | None
    target_rir: int | None
    target_duration_seconds: int | None
    default_rest_seconds: int | None
    substitution_allowed: bool
    notes: str | None


def movement_index(catalog: Catalog) -> dict[int, MovementInfo]:
    return {m.id: m for m in catalog.movements if m.id is not None}


def _id(movement: MovementInfo) -> int:
    if movement.id is None:
        raise RuntimeError(f"{movement.name} has no database id: store plans built from the database catalog")
    return movement.id


def exercise_row(exercise: PlannedExercise) -> dict[str, Any]:
    """``session_exercises`` column values of one planned exercise."""
    return {
        "movement_id": _id(exercise.movement),
        "role": exercise.role,
        "order_in_session": exercise.order,
        "superset_group": exercise.superset_group,
        "target_sets": exercise.sets,
        "target_rep_range_min": exercise.rep_min,
        "target_rep_range_max": exercise.rep_max,
        "target_rpe": exercise.rpe,
        "target_rir": exercise.rir,
        "target_duration_seconds": exercise.duration_seconds,
        "default_rest_seconds": exercise.rest_seconds,
        "is_complex_lift": exercise.movement.complex,
        "substitution_allowed": exercise.substitution_allowed,
        "notes": exercise.notes,
    }


def row_values(row: ExerciseRow) -> dict[str, Any]:
    """A stored row's values, in the form ``exercise_row`` writes (for snapshots and rewrites)."""
    return {
        "movement_id": row.movement_id,
        "role": row.role,
        "order_in_session": row.order_in_session,
        "superset_group": row.superset_group,
        "target_sets": row.target_sets,
        "target_rep_range_min": row.target_rep_range_min,
        "target_rep_range_max": row.target_rep_range_max,
        "target_rpe": row.target_rpe,
        "target_rir": row.target_rir,
        "target_duration_seconds": row.target_duration_seconds,
        "default_rest_seconds": row.default_rest_seconds,
        "is_complex_lift": getattr(row, "is_complex_lift", False),
        "substitution_allowed": row.substitution_allowed,
        "notes": row.notes,
    }


def row_entry(row: ExerciseRow | Mapping[str, Any], movements: Mapping[int, MovementInfo]) -> dict[str, Any]:
    values = row if isinstance(row, Mapping) else row_values(row)
    return exercise_entry(
        movements[values["movement_id"]],
        role=ExerciseRole(values["role"]),
        order_in_session=values["order_in_session"],
        superset_group=values["superset_group"],
        target_sets=values["target_sets"],
        target_rep_range_min=values["target_rep_range_min"],
        target_rep_range_max=values["target_rep_range_max"],
        target_rpe=values["target_rpe"],
        target_rir=values["target_rir"],
        target_duration_seconds=values["target_duration_seconds"],
        default_rest_seconds=values["default_rest_seconds"],
        notes=values["notes"],
        substitution_allowed=values["substitution_allowed"],
    )


def sections_of(
    rows: Iterable[ExerciseRow | Mapping[str, Any]], movements: Mapping[int, MovementInfo]
) -> dict[str, list[dict[str, Any]]]:
    """The five JSON sections (``warmup_json`` …) of a session with these rows."""
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
    ordered = sorted(
        (r if isinstance(r, Mapping) else row_values(r) for r in rows), key=lambda v: v["order_in_session"]
    )
    for values in ordered:
        out[SECTION_OF_ROLE[ExerciseRole(values["role"])]].append(row_entry(values, movements))
    return {f"{s}_json": v for s, v in out.items()}


def planned_exercises(
    rows: Iterable[ExerciseRow | Mapping[str, Any]], movements: Mapping[int, MovementInfo]
) -> list[PlannedExercise]:
    out = []
    for row in rows:
        v = row if isinstance(row, Mapping) else row_values(row)
        exercise = PlannedExercise(
            movement=movements[v["movement_id"]],
            role=ExerciseRole(v["role"]),
            sets=v["target_sets"],
            rep_min=v["target_rep_range_min"],
            rep_max=v["target_rep_range_max"],
            rpe=v["target_rpe"],
            duration_seconds=v["target_duration_seconds"],
            rest_seconds=v["default_rest_seconds"],
            superset_group=v["superset_group"],
            notes=v["notes"],
            order=v["order_in_session"],
            substitution_allowed=v["substitution_allowed"],
        )
        out.append(exercise)
    _mark_primary(out)
    return out


def _mark_primary(exercises: list[PlannedExercise]) -> None:
    """The first main lift gets its ramp-up sets in the time estimate, as when it was planned."""
    mains = sorted(
        (e for e in exercises if e.role == ExerciseRole.MAIN and e.superset_group is None),
        key=lambda e: e.order,
    )
    if mains:
        mains[0].slot = "main0"


def circuit_clocks(
    exercises: Iterable[PlannedExercise],
    main_circuit_id: int | None,
    finisher_circuit_id: int | None,
    catalog: Catalog,
) -> dict[int, int]:
    """Clock length per superset group that is a circuit (a finisher, or a conditioning day's main)."""
    caps = {c.id: c.time_cap_seconds or 600 for c in catalog.circuits if c.id is not None}
    wanted = {ExerciseRole.MAIN: main_circuit_id, ExerciseRole.FINISHER: finisher_circuit_id}
    out: dict[int, int] = {}
    for e in exercises:
        circuit = wanted.get(e.role)
        if e.superset_group is not None and circuit in caps:
            out.setdefault(e.superset_group, caps[circuit])
    return out


def durations(exercises: list[PlannedExercise], t: Tunables, circuits: Mapping[int, int]) -> dict[str, int]:
    """``*_duration_minutes`` and ``estimated_duration_minutes`` for a session's exercises."""
    per = minutes(section_seconds(exercises, t, circuit_seconds=dict(circuits)))
    values: dict[str, int] = {f"{s}_duration_minutes": per[s] for s in SECTIONS}
    values["estimated_duration_minutes"] = sum(per.values())
    return values


def session_values(session: PlannedSession) -> dict[str, Any]:
    """``sessions`` column values of one planned session (sections built from its exercises)."""
    sections = session.sections()
    return {
        "date": session.date,
        "day_number": session.day_number,
        "session_type": session.session_type,
        "intent_tags": list(session.intent_tags),
        **{f"{s}_json": sections[s] for s in SECTIONS},
        "estimated_duration_minutes": session.estimated_duration_minutes,
        **{f"{s}_duration_minutes": session.section_minutes.get(s, 0) for s in SECTIONS},
        "coach_notes": session.coach_notes,
        "main_circuit_id": session.main_circuit.id if session.main_circuit else None,
        "finisher_circuit_id": session.finisher_circuit.id if session.finisher_circuit else None,
        "adaptation_json": None,
    }


def stored_session_json(session: Any, movements: Mapping[int, MovementInfo]) -> dict[str, Any]:
    """A stored session's columns and exercises, in the shape ``gainsly plan --json`` prints."""
    columns = {
        "id": session.id,
        "date": session.date.isoformat(),
        "day_number": session.day_number,
        "session_type": session.session_type.value,
        "intent_tags": list(session.intent_tags or []),
        **{f"{s}_json": getattr(session, f"{s}_json") for s in SECTIONS},
        "estimated_duration_minutes": session.estimated_duration_minutes,
        **{f"{s}_duration_minutes": getattr(session, f"{s}_duration_minutes") for s in SECTIONS},
        "coach_notes": session.coach_notes,
        "main_circuit_id": session.main_circuit_id,
        "finisher_circuit_id": session.finisher_circuit_id,
        "adaptation_json": session.adaptation_json,
    }
    exercises = [row_entry(e, movements) for e in sorted(session.exercises, key=lambda e: e.order_in_session)]
    return {**columns, "exercises": exercises}
