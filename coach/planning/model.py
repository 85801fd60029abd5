"""The in-memory program: one plan from which every stored form is derived.

A session's five ``*_json`` sections and its ``session_exercises`` rows are both written from
the same list of ``PlannedExercise`` (``exercise_entry`` builds the JSON form of one exercise,
whether it comes from a plan or from a stored row), so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import CircuitInfo, MovementInfo
from db.enums import (
    EnjoyableActivity,
    ExerciseRole,
    Goal,
    MicrocycleStatus,
    PersonaAggression,
    PersonaTone,
    ProgressionStyle,
    SessionType,
    SplitTemplate,
)

SECTIONS = ("warmup", "main", "accessory", "finisher", "cooldown")

SECTION_OF_ROLE: dict[ExerciseRole, str] = {
    ExerciseRole.WARMUP: "warmup",
    ExerciseRole.SKILL: "main",
    ExerciseRole.MAIN: "main",
    ExerciseRole.ACCESSORY: "accessory",
    ExerciseRole.FINISHER: "finisher",
    ExerciseRole.COOLDOWN: "cooldown",
}

#: Roles whose sets count as hard sets toward weekly volume.
WORKING_ROLES = frozenset({ExerciseRole.MAIN, ExerciseRole.ACCESSORY})


def exercise_entry(
    movement: MovementInfo,
    *,
    role: ExerciseRole,
    order_in_session: int,
    superset_group: int | None,
    target_sets: int,
    target_rep_range_min: int | None,
    target_rep_range_max: int | None,
    target_rpe: float | None,
    target_rir: int | None,
    target_duration_seconds: int | None,
    default_rest_seconds: int | None,
    notes: str | None,
    substitution_allowed: bool = True,
) -> dict[str, Any]:
    """The JSON form of one prescribed exercise (interfaces.md), for plans and stored rows alike."""
    return {
        "movement": movement.name,
        "movement_id": movement.id,
        "pattern": movement.pattern.value,
        "primary_muscle": movement.primary_muscle.value,
        "secondary_muscles": [m.value for m in movement.secondary_muscles],
        "equipment_tags": sorted(movement.equipment),
        "cns_load": movement.cns_load.value,
        "metric_type": movement.metric_type.value,
        "is_complex_lift": movement.complex,
        "role": role.value,
        "order_in_session": order_in_session,
        "superset_group": superset_group,
        "target_sets": target_sets,
        "target_rep_range_min": target_rep_range_min,
        "target_rep_range_max": target_rep_range_max,
        "target_rpe": target_rpe,
        "target_rir": target_rir,
        "target_duration_seconds": target_duration_seconds,
        "default_rest_seconds": default_rest_seconds,
        "substitution_allowed": substitution_allowed,
        "notes": notes,
    }


@dataclass(slots=True)
class PlannedExercise:
    movement: MovementInfo
    role: ExerciseRole
    sets: int
    rep_min: int | None = None
    rep_max: int | None = None
    rpe: float | None = None
    duration_seconds: int | None = None
    rest_seconds: int | None = None
    superset_group: int | None = None
    notes: str | None = None
    order: int = 0
    substitution_allowed: bool = True
    #: Placed to honour a HARD_YES or PREFERRED rule: never trimmed away.
    required: bool = False
    #: The most sets time, recovery and session limits allow whatever the aggression
    #: (computed at the top aggression, so a calmer persona never ends up with more).
    ceiling: int = 99
    #: What placed it: "main0", "main1", "power", "accessory", "rule", "warmup", …
    slot: str = ""

    @property
    def rir(self) -> int | None:
        """Reps in reserve implied by the RPE (RTS chart: RPE 10 = 0 RIR)."""
        if self.rpe is None:
            return None
        return max(0, round(10 - self.rpe))

    def entry(self) -> dict[str, Any]:
        return exercise_entry(
            self.movement,
            role=self.role,
            order_in_session=self.order,
            superset_group=self.superset_group,
            target_sets=self.sets,
            target_rep_range_min=self.rep_min,
            target_rep_range_max=self.rep_max,
            target_rpe=self.rpe,
            target_rir=self.rir,
            target_duration_seconds=self.duration_seconds,
            default_rest_seconds=self.rest_seconds,
            notes=self.notes,
            substitution_allowed=self.substitution_allowed,
        )


@dataclass(slots=True)
class PlannedSession:
    date: dt.date
    day_number: int
    session_type: SessionType
    intent_tags: list[str]
    exercises: list[PlannedExercise] = field(default_factory=list)
    section_minutes: dict[str, int] = field(default_factory=dict)
    coach_notes: str | None = None
    main_circuit: CircuitInfo | None = None
    finisher_circuit: CircuitInfo | None = None
    activity: EnjoyableActivity | None = None
    #: Which template it was built from: (session type, variant).
    key: tuple[SessionType, int] | None = None
    #: Plain-words notes of changes made to this one session (interference, heavy day before…).
    adjustments: list[str] = field(default_factory=list)
    #: Clock length of each circuit (by superset group), for the time estimate.
    circuit_seconds: dict[int, int] = field(default_factory=dict)

    @property
    def estimated_duration_minutes(self) -> int:
        return sum(self.section_minutes.get(s, 0) for s in SECTIONS)

    @property
    def is_activity(self) -> bool:
        return self.activity is not None

    def number(self) -> None:
        """Order exercises by section, then as placed; numbering starts at 1."""
        rank = {s: i for i, s in enumerate(SECTIONS)}
        self.exercises.sort(key=lambda e: (rank[SECTION_OF_ROLE[e.role]], e.order))
        for i, exercise in enumerate(self.exercises, start=1):
            exercise.order = i

    def sections(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
        for exercise in self.exercises:
            out[SECTION_OF_ROLE[exercise.role]].append(exercise.entry())
        return out

    def columns(self) -> dict[str, Any]:
        """The ``sessions`` columns (JSON-ready, semantic enum values)."""
        sections = self.sections()
        return {
            "date": self.date.isoformat(),
            "day_number": self.day_number,
            "session_type": self.session_type.value,
            "intent_tags": list(self.intent_tags),
            **{f"{s}_json": sections[s] for s in SECTIONS},
            "estimated_duration_minutes": self.estimated_duration_minutes,
            **{f"{s}_duration_minutes": self.section_minutes.get(s, 0) for s in SECTIONS},
            "coach_notes": self.coach_notes,
            "main_circuit_id": self.main_circuit.id if self.main_circuit else None,
            "finisher_circuit_id": self.finisher_circuit.id if self.finisher_circuit else None,
            "main_circuit": self.main_circuit.name if self.main_circuit else None,
            "finisher_circuit": self.finisher_circuit.name if self.finisher_circuit else None,
            "adaptation_json": None,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.columns(), "exercises": [e.entry() for e in self.exercises]}


@dataclass(slots=True)
class PlannedMicrocycle:
    sequence_number: int
    start_date: dt.date
    is_deload: bool
    sessions: list[PlannedSession] = field(default_factory=list)
    length_days: int = 7
    status: MicrocycleStatus = MicrocycleStatus.PLANNED

    def to_json(self) -> dict[str, Any]:
        return {
            "start_date": self.start_date.isoformat(),
            "length_days": self.length_days,
            "sequence_number": self.sequence_number,
            "status": self.status.value,
            "is_deload": self.is_deload,
            "sessions": [s.to_json() for s in self.sessions],
        }


@dataclass(slots=True)
class ProgramPlan:
    name: str
    start_date: dt.date
    duration_weeks: int
    goals: tuple[tuple[Goal, int], tuple[Goal, int], tuple[Goal, int]]
    split_template: SplitTemplate
    days_per_week: int
    progression_style: ProgressionStyle
    hybrid_definition: dict[str, Any] | None
    disciplines_json: list[dict[str, Any]] | None
    deload_every_n_microcycles: int
    persona_tone: PersonaTone
    persona_aggression: PersonaAggression
    seed: int
    profile_json: dict[str, Any]
    microcycles: list[PlannedMicrocycle] = field(default_factory=list)

    @property
    def sessions(self) -> list[PlannedSession]:
        return [s for m in self.microcycles for s in m.sessions]

    def columns(self) -> dict[str, Any]:
        (g1, w1), (g2, w2), (g3, w3) = self.goals
        return {
            "name": self.name,
            "start_date": self.start_date.isoformat(),
            "duration_weeks": self.duration_weeks,
            "goal_1": g1.value,
            "goal_2": g2.value,
            "goal_3": g3.value,
            "goal_weight_1": w1,
            "goal_weight_2": w2,
            "goal_weight_3": w3,
            "split_template": self.split_template.value,
            "days_per_week": self.days_per_week,
            "progression_style": self.progression_style.value,
            "hybrid_definition": self.hybrid_definition,
            "disciplines_json": self.disciplines_json,
            "deload_every_n_microcycles": self.deload_every_n_microcycles,
            "persona_tone": self.persona_tone.value,
            "persona_aggression": int(self.persona_aggression),
            "is_active": True,
            "is_template": False,
            "visibility": "private",
            "seed": self.seed,
            "profile_json": self.profile_json,
        }

    def to_json(self) -> dict[str, Any]:
        """The ``gainsly plan --json`` document."""
        return {"program": {**self.columns(), "microcycles": [m.to_json() for m in self.microcycles]}}
