"""Today's session as the assistant talks about it: names, not ids, and the lifter's units.

The session comes from the same ``today`` the /today command and the reminder use (so the day
is adapted once, the same way everywhere); this module only turns it into plain values, finds
the exercise a lifter means by "the squats", and knows each movement's name — the lifter's own
movements included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from coach.assistant.tools import ToolContext
from coach.catalog import MovementInfo, movement_info
from coach.today.service import today
from db.models import Program


@dataclass(frozen=True)
class PlannedExercise:
    id: int
    movement_id: int
    name: str
    role: str
    sets: int
    rep_min: int | None
    rep_max: int | None
    rpe: float | None
    duration_seconds: int | None
    rest_seconds: int | None

    def prescription(self) -> str:
        """ "4 × 5–6 @ RPE 8, rest 180 s" — the numbers exactly as planned."""
        if self.duration_seconds:
            work = f"{self.sets} × {self.duration_seconds} s"
        elif self.rep_min and self.rep_max and self.rep_min != self.rep_max:
            work = f"{self.sets} × {self.rep_min}–{self.rep_max}"
        else:
            work = f"{self.sets} × {self.rep_max or self.rep_min or '?'}"
        if self.rpe:
            work += f" @ RPE {self.rpe:g}"
        if self.rest_seconds:
            work += f", rest {self.rest_seconds} s"
        return work

    def to_json(self) -> dict[str, Any]:
        return {"exercise": self.name, "role": self.role, "prescription": self.prescription()}


@dataclass(frozen=True)
class Day:
    date: dt.date
    has_program: bool
    session_id: int | None = None
    session_type: str | None = None
    decision: str | None = None
    reasons: tuple[str, ...] = ()
    minutes: int | None = None
    notes: str | None = None
    exercises: tuple[PlannedExercise, ...] = field(default=())

    @property
    def rest_day(self) -> bool:
        return self.session_id is None

    def to_json(self) -> dict[str, Any]:
        if not self.has_program:
            return {"date": self.date.isoformat(), "program": None}
        data: dict[str, Any] = {"date": self.date.isoformat(), "rest_day": self.rest_day}
        if self.decision:
            data["adaptation"] = {"decision": self.decision, "reasons": list(self.reasons)}
        if not self.rest_day:
            data.update(
                session_type=self.session_type,
                estimated_minutes=self.minutes,
                exercises=[e.to_json() for e in self.exercises],
            )
            if self.notes:
                data["coach_notes"] = self.notes
        return data


async def movements(ctx: ToolContext) -> dict[int, MovementInfo]:
    """Every movement this lifter can see, by id: the library and their own."""
    key = ("movements",)
    if key not in ctx.memo:
        known = {m.id: m for m in ctx.deps.catalog.movements if m.id is not None}
        for row in await ctx.repos.movements.owned_by(ctx.user.id):
            known[row.id] = movement_info(row)
        ctx.memo[key] = known
    return ctx.memo[key]


def _value(obj: Any, name: str) -> Any:
    value = getattr(obj, name, None)
    return getattr(value, "value", value)


async def program(ctx: ToolContext) -> Program | None:
    """The lifter's active program, read once per message."""
    key = ("program",)
    if key not in ctx.memo:
        ctx.memo[key] = await ctx.repos.programs.active(ctx.user.id)
    return ctx.memo[key]


async def load(ctx: ToolContext, day: dt.date | None = None) -> Day:
    """The lifter's session on ``day`` (default: their today), adapted as /today adapts it.

    Read once per message: the adaptation runs once, and again only after a tool stored
    something it depends on (a check-in, a log).
    """
    day = day or ctx.day
    key = ("day", day)
    if key not in ctx.memo:
        ctx.memo[key] = await _load(ctx, day)
    return ctx.memo[key]


async def _load(ctx: ToolContext, day: dt.date) -> Day:
    if await program(ctx) is None:
        return Day(date=day, has_program=False)
    result = await today(ctx.repos, ctx.deps, ctx.user, day)
    decision = _value(result, "decision")
    reasons = tuple(str(r) for r in result.reasons)
    session = result.session
    if session is None:
        return Day(date=day, has_program=True, decision=decision, reasons=reasons)
    known = await movements(ctx)
    exercises = tuple(
        PlannedExercise(
            id=e.id,
            movement_id=e.movement_id,
            name=known[e.movement_id].name if e.movement_id in known else f"movement {e.movement_id}",
            role=str(_value(e, "role")),
            sets=e.target_sets,
            rep_min=e.target_rep_range_min,
            rep_max=e.target_rep_range_max,
            rpe=e.target_rpe,
            duration_seconds=e.target_duration_seconds,
            rest_seconds=e.default_rest_seconds,
        )
        for e in sorted(session.exercises, key=lambda e: e.order_in_session)
    )
    return Day(
        date=day,
        has_program=True,
        session_id=session.id,
        session_type=str(_value(session, "session_type")),
        decision=decision,
        reasons=reasons,
        minutes=session.estimated_duration_minutes,
        notes=session.coach_notes,
        exercises=exercises,
    )


def find_exercise(day: Day, words: str, ctx: ToolContext) -> PlannedExercise | None:
    """The exercise of ``day`` the lifter means by ``words`` ("squats", "the rdl", "bench")."""
    if not day.exercises or not words.strip():
        return None
    meant = ctx.deps.catalog.get(words) or (
        ctx.deps.catalog.get(words.rstrip("s")) if words.endswith("s") else None
    )
    if meant is not None:
        for exercise in day.exercises:
            if exercise.name == meant.name:
                return exercise
    choices = {e.id: e.name.lower() for e in day.exercises}
    best = process.extractOne(words.lower(), choices, scorer=fuzz.WRatio, score_cutoff=70)
    if best is not None:
        return next(e for e in day.exercises if e.id == best[2])
    if meant is not None:  # same pattern or group: "deadlift" when the plan has an RDL
        for exercise in day.exercises:
            info = ctx.deps.catalog.get(exercise.name)
            if info and meant.substitution_group and info.substitution_group == meant.substitution_group:
                return exercise
    return None
