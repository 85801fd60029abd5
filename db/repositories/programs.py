"""Programs and everything the coaching engine plans: microcycles, sessions, prescribed
exercises, the lifter's movement rules and enjoyable activities, goals, check-ins and macro
cycles.

A whole program is written with a handful of bulk statements (one per table) inside the
caller's transaction. Every read that starts from a session or exercise id is scoped to the
lifter, so nobody can see or change another lifter's plan by guessing an id.

The daily adaptation runs for every /today, assistant message and stale reminder, so it reads
the plan as light rows (``active_cycles``, ``session_slots``: dates, day numbers, completion)
and loads a whole session only for the day it adapts. Plan shifts move many sessions at once;
``update_sessions`` and ``update_cycles`` write them with one statement per table, and tell
the sessions and microcycles already loaded in the unit of work what they wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Integer,
    any_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from db.enums import EnjoyableActivity, GoalStatus, GoalType, MovementRuleType, RuleCadence, SessionType
from db.models import (
    GoalCheckin,
    MacroCycle,
    Microcycle,
    Program,
    Session,
    SessionExercise,
    UserEnjoyableActivity,
    UserGoal,
    UserMovementRule,
    WorkoutLog,
)


@dataclass(slots=True)
class CycleSpan:
    """A microcycle's place in time (mutable: a plan shift moves it in memory as in storage)."""

    id: int
    program_id: int
    start_date: dt.date
    length_days: int
    sequence_number: int


@dataclass(slots=True)
class SessionSlot:
    """A session as the daily adaptation decides on it: no exercises, no JSON sections.

    ``done`` and ``logged_skip`` are what the logbook says: a completed workout linked to the
    session (or an ad-hoc completed one on its date, within the window read), and a workout
    linked to it but logged as not completed.
    """

    id: int
    microcycle_id: int
    date: dt.date
    day_number: int
    session_type: SessionType
    intent_tags: list[Any]
    #: ``adaptation_json["skipped"]``: dropped by a shift or skipped by the lifter.
    skipped: bool
    #: ``adaptation_json["moved"]``: where a move took the session from and to.
    moved: dict[str, Any] | None
    done: bool
    logged_skip: bool


@dataclass(frozen=True, slots=True)
class SessionChange:
    """New values for a session; ``None`` keeps the stored one."""

    date: dt.date | None = None
    day_number: int | None = None
    adaptation_json: dict[str, Any] | None = None

    def values(self) -> dict[str, Any]:
        fields = (
            ("date", self.date),
            ("day_number", self.day_number),
            ("adaptation_json", self.adaptation_json),
        )
        return {k: v for k, v in fields if v is not None}


# The daily adaptation's reads, run for every /today, assistant message and stale reminder:
# built once, so a call only binds its values (building a statement costs as much as running
# a small one).
_ACTIVE_CYCLES = (
    select(
        Microcycle.id,
        Microcycle.program_id,
        Microcycle.start_date,
        Microcycle.length_days,
        Microcycle.sequence_number,
    )
    .join(Program, Microcycle.program_id == Program.id)
    .where(Program.user_id == bindparam("user_id"), Program.is_active, Program.is_template.is_(False))
    .order_by(Microcycle.sequence_number)
)
_LINKED = (WorkoutLog.user_id == bindparam("user_id"), WorkoutLog.session_id == Session.id)
_SLOTS = (
    select(
        Session.id,
        Session.microcycle_id,
        Session.date,
        Session.day_number,
        Session.session_type,
        Session.intent_tags,
        Session.adaptation_json["skipped"],
        Session.adaptation_json["moved"],
        exists().where(*_LINKED, WorkoutLog.completed)
        | exists().where(
            WorkoutLog.user_id == bindparam("user_id"),
            WorkoutLog.completed,
            WorkoutLog.session_id.is_(None),
            WorkoutLog.date == Session.date,
            WorkoutLog.date <= bindparam("day"),
        ),
        exists().where(*_LINKED, WorkoutLog.completed.is_(False)),
    )
    .where(
        # By microcycle (an index the planner always trusts), not by program through a join:
        # sessions of every lifter share the date index.
        Session.microcycle_id == any_(bindparam("cycle_ids", type_=ARRAY(Integer))),
        Session.date >= bindparam("start"),
        (Session.date <= bindparam("end"))
        | (Session.adaptation_json[("moved", "from")].as_string() == bindparam("moved_from")),
    )
    .order_by(Session.date, Session.id)
)
_SESSIONS_BY_ID = (
    select(Session)
    .join(Microcycle, Session.microcycle_id == Microcycle.id)
    .where(Microcycle.program_id == bindparam("program_id"), Session.id.in_(bindparam("ids", expanding=True)))
    .order_by(Session.date, Session.id)
)
_EXERCISES_OF = (
    select(SessionExercise)
    .where(SessionExercise.session_id.in_(bindparam("ids", expanding=True)))
    .order_by(SessionExercise.session_id, SessionExercise.order_in_session)
)


# Plan shifts move every remaining session: one statement per table, whatever their number,
# with the new values as arrays (a constant statement; NULL keeps the stored value).
_SESSION_CHANGES = (
    func.unnest(
        bindparam("ids", type_=ARRAY(Integer)),
        bindparam("dates", type_=ARRAY(Date)),
        bindparam("numbers", type_=ARRAY(Integer)),
        bindparam("adaptations", type_=ARRAY(JSON(none_as_null=True))),
    )
    .table_valued("id", "date", "day_number", "adaptation_json")
    .render_derived(name="v")
)
_UPDATE_SESSIONS = (
    update(Session)
    .where(Session.id == _SESSION_CHANGES.c.id)
    .values(
        date=func.coalesce(_SESSION_CHANGES.c.date, Session.date),
        day_number=func.coalesce(_SESSION_CHANGES.c.day_number, Session.day_number),
        adaptation_json=func.coalesce(_SESSION_CHANGES.c.adaptation_json, Session.adaptation_json),
    )
    .execution_options(synchronize_session=False)
)
_CYCLE_CHANGES = (
    func.unnest(
        bindparam("ids", type_=ARRAY(Integer)),
        bindparam("starts", type_=ARRAY(Date)),
        bindparam("lengths", type_=ARRAY(Integer)),
    )
    .table_valued("id", "start_date", "length_days")
    .render_derived(name="v")
)
_UPDATE_CYCLES = (
    update(Microcycle)
    .where(Microcycle.id == _CYCLE_CHANGES.c.id)
    .values(start_date=_CYCLE_CHANGES.c.start_date, length_days=_CYCLE_CHANGES.c.length_days)
    .execution_options(synchronize_session=False)
)


class ProgramRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ------------------------------------------------------------------ programs

    async def active(self, user_id: int) -> Program | None:
        return await self.session.scalar(
            select(Program).where(
                Program.user_id == user_id, Program.is_active, Program.is_template.is_(False)
            )
        )

    async def history(self, user_id: int) -> Sequence[Program]:
        """Every program the lifter had, newest first (programs are never deleted)."""
        return (
            await self.session.scalars(
                select(Program)
                .where(Program.user_id == user_id)
                .order_by(Program.start_date.desc(), Program.id.desc())
            )
        ).all()

    async def deactivate(self, user_id: int) -> None:
        await self.session.execute(
            update(Program).where(Program.user_id == user_id, Program.is_active).values(is_active=False)
        )

    async def insert_plan(
        self,
        program: dict[str, Any],
        microcycles: Sequence[dict[str, Any]],
        sessions: Sequence[Sequence[dict[str, Any]]],
        exercises: Sequence[Sequence[Sequence[dict[str, Any]]]],
    ) -> Program:
        """Store a program and all of its children: one statement per table.

        ``sessions[i]`` belong to ``microcycles[i]``; ``exercises[i][j]`` to ``sessions[i][j]``.
        """
        row = Program(**program)
        self.session.add(row)
        await self.session.flush()
        cycle_ids = (
            (
                await self.session.execute(
                    insert(Microcycle).returning(Microcycle.id, sort_by_parameter_order=True),
                    [{**m, "program_id": row.id} for m in microcycles],
                )
            )
            .scalars()
            .all()
        )
        session_rows = [
            {**s, "microcycle_id": cycle_id}
            for cycle_id, group in zip(cycle_ids, sessions, strict=True)
            for s in group
        ]
        session_ids = (
            (
                await self.session.execute(
                    insert(Session).returning(Session.id, sort_by_parameter_order=True), session_rows
                )
            )
            .scalars()
            .all()
            if session_rows
            else []
        )
        per_session = [items for group in exercises for items in group]
        rows = [
            {**e, "session_id": sid}
            for sid, items in zip(session_ids, per_session, strict=True)
            for e in items
        ]
        if rows:
            await self.session.execute(insert(SessionExercise), rows)
        return row

    async def active_cycles(self, user_id: int) -> list[CycleSpan]:
        """The microcycles of the lifter's active program by sequence; none without a program."""
        return [CycleSpan(*row) for row in await self.session.execute(_ACTIVE_CYCLES, {"user_id": user_id})]

    async def session_slots(
        self,
        user_id: int,
        cycle_ids: Sequence[int],
        day: dt.date,
        start: dt.date,
        end: dt.date | None = None,
    ) -> list[SessionSlot]:
        """Light rows of these microcycles' sessions dated ``start`` to ``end`` (``None``: on to
        the last), and of later ones moved from ``day``, by date, with what the logbook says.

        An ad-hoc completed workout (linked to no session) up to ``day`` marks the session of
        its date done.
        """
        params = {
            "user_id": user_id,
            "cycle_ids": list(cycle_ids),
            "day": day,
            "start": start,
            "end": end or dt.date.max,
            "moved_from": day.isoformat(),
        }
        return [
            SessionSlot(
                sid, cycle, date, number, kind, tags or [], bool(skipped), moved or None, done, undone
            )
            for sid, cycle, date, number, kind, tags, skipped, moved, done, undone in await self.session.execute(
                _SLOTS, params
            )
        ]

    async def sessions_by_id(self, program_id: int, ids: Sequence[int]) -> list[Session]:
        """These sessions of the program, with their exercises, by date."""
        if not ids:
            return []
        params = {"program_id": program_id, "ids": list(ids)}
        sessions = list((await self.session.scalars(_SESSIONS_BY_ID, params)).all())
        # The exercises come in a second plain statement, attached as selectinload would (it
        # costs twice as much in its own machinery); a session whose exercises this unit of
        # work already holds keeps them.
        bare: dict[int, list[SessionExercise]] = {
            s.id: [] for s in sessions if "exercises" in inspect(s).unloaded
        }
        if bare:
            for exercise in await self.session.scalars(_EXERCISES_OF, {"ids": list(bare)}):
                bare[exercise.session_id].append(exercise)
            for session in sessions:
                if session.id in bare:
                    set_committed_value(session, "exercises", bare[session.id])
        return sessions

    async def update_sessions(self, changes: Mapping[int, SessionChange]) -> None:
        """Write many sessions' new dates, day numbers or adaptations in one statement.

        Sessions already loaded in this unit of work get the same values, as if flushed.
        """
        if not changes:
            return
        await self.session.execute(
            _UPDATE_SESSIONS,
            {
                "ids": list(changes),
                "dates": [c.date for c in changes.values()],
                "numbers": [c.day_number for c in changes.values()],
                "adaptations": [c.adaptation_json for c in changes.values()],
            },
        )
        self._sync_loaded(Session, {sid: c.values() for sid, c in changes.items()})

    async def update_cycles(self, changes: Mapping[int, tuple[dt.date, int]]) -> None:
        """Write many microcycles' new (start date, length in days) in one statement."""
        if not changes:
            return
        await self.session.execute(
            _UPDATE_CYCLES,
            {
                "ids": list(changes),
                "starts": [start for start, _ in changes.values()],
                "lengths": [length for _, length in changes.values()],
            },
        )
        self._sync_loaded(
            Microcycle,
            {cid: {"start_date": start, "length_days": length} for cid, (start, length) in changes.items()},
        )

    def _sync_loaded(
        self, model: type[Session] | type[Microcycle], changes: Mapping[int, Mapping[str, Any]]
    ) -> None:
        """Objects of ``model`` already in the unit of work take the values a set-based UPDATE wrote.

        Without this they would keep the old ones (the identity map hands them out as they
        are), and expiring them instead would mean a lazy load, which async sessions refuse.
        """
        for row_id, columns in changes.items():
            loaded = self.session.identity_map.get(identity_key(model, row_id))
            if loaded is not None:
                for key, value in columns.items():
                    set_committed_value(loaded, key, value)

    async def microcycles(self, program_id: int) -> Sequence[Microcycle]:
        return (
            await self.session.scalars(
                select(Microcycle)
                .where(Microcycle.program_id == program_id)
                .order_by(Microcycle.sequence_number)
            )
        ).all()

    async def sessions(
        self, program_id: int, start: dt.date | None = None, end: dt.date | None = None
    ) -> Sequence[Session]:
        """The program's sessions (with their exercises) between two dates inclusive, by date."""
        query = (
            select(Session)
            .join(Microcycle, Session.microcycle_id == Microcycle.id)
            .where(Microcycle.program_id == program_id)
            .options(selectinload(Session.exercises))
            .order_by(Session.date, Session.id)
        )
        if start is not None:
            query = query.where(Session.date >= start)
        if end is not None:
            query = query.where(Session.date <= end)
        return (await self.session.scalars(query)).all()

    async def owned_session(self, user_id: int, session_id: int) -> Session | None:
        """One of the lifter's sessions, with its exercises; ``None`` if it is someone else's."""
        return await self.session.scalar(
            select(Session)
            .join(Microcycle, Session.microcycle_id == Microcycle.id)
            .join(Program, Microcycle.program_id == Program.id)
            .where(Session.id == session_id, Program.user_id == user_id)
            .options(selectinload(Session.exercises))
        )

    async def owned_exercise(self, user_id: int, session_exercise_id: int) -> SessionExercise | None:
        """One prescribed exercise of the lifter's, with its session and siblings loaded."""
        return await self.session.scalar(
            select(SessionExercise)
            .join(Session, SessionExercise.session_id == Session.id)
            .join(Microcycle, Session.microcycle_id == Microcycle.id)
            .join(Program, Microcycle.program_id == Program.id)
            .where(SessionExercise.id == session_exercise_id, Program.user_id == user_id)
            .options(selectinload(SessionExercise.session).selectinload(Session.exercises))
        )

    async def replace_exercises(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        """Swap the session's prescribed exercises for ``rows`` (JSON sections are the caller's)."""
        await self.session.execute(delete(SessionExercise).where(SessionExercise.session_id == session.id))
        if rows:
            await self.session.execute(
                insert(SessionExercise), [{**r, "session_id": session.id} for r in rows]
            )
        await self.session.flush()
        await self.session.refresh(session, attribute_names=["exercises"])

    async def update_session(self, session: Session, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(session, key, value)
        await self.session.flush()

    async def update_exercise(self, exercise: SessionExercise, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(exercise, key, value)
        await self.session.flush()

    async def rules(self, user_id: int) -> Sequence[UserMovementRule]:
        return (
            await self.session.scalars(
                select(UserMovementRule)
                .where(UserMovementRule.user_id == user_id)
                .options(selectinload(UserMovementRule.movement))
                .order_by(UserMovementRule.id)
            )
        ).all()

    async def set_rule(
        self,
        user_id: int,
        movement_id: int,
        rule_type: MovementRuleType,
        cadence: RuleCadence = RuleCadence.PER_MICROCYCLE,
        notes: str | None = None,
    ) -> UserMovementRule:
        """Add a rule, or change the one the lifter already has for this movement."""
        rule = await self.session.scalar(
            select(UserMovementRule).where(
                UserMovementRule.user_id == user_id, UserMovementRule.movement_id == movement_id
            )
        )
        if rule is None:
            rule = UserMovementRule(user_id=user_id, movement_id=movement_id)
            self.session.add(rule)
        rule.rule_type, rule.cadence, rule.notes = rule_type, cadence, notes
        await self.session.flush()
        return rule

    async def delete_rule(self, user_id: int, movement_id: int) -> bool:
        result = await self.session.execute(
            delete(UserMovementRule).where(
                UserMovementRule.user_id == user_id, UserMovementRule.movement_id == movement_id
            )
        )
        return bool(result.rowcount)

    async def replace_rules(
        self, user_id: int, rules: Sequence[tuple[int, MovementRuleType, RuleCadence]]
    ) -> None:
        await self.session.execute(delete(UserMovementRule).where(UserMovementRule.user_id == user_id))
        if rules:
            await self.session.execute(
                insert(UserMovementRule),
                [{"user_id": user_id, "movement_id": m, "rule_type": r, "cadence": c} for m, r, c in rules],
            )

    async def enjoyable_activities(self, user_id: int) -> Sequence[UserEnjoyableActivity]:
        return (
            await self.session.scalars(
                select(UserEnjoyableActivity)
                .where(UserEnjoyableActivity.user_id == user_id)
                .order_by(UserEnjoyableActivity.id)
            )
        ).all()

    async def replace_enjoyable_activities(
        self, user_id: int, activities: Sequence[tuple[EnjoyableActivity, int, str | None]]
    ) -> None:
        await self.session.execute(
            delete(UserEnjoyableActivity).where(UserEnjoyableActivity.user_id == user_id)
        )
        if activities:
            await self.session.execute(
                insert(UserEnjoyableActivity),
                [
                    {
                        "user_id": user_id,
                        "activity_type": a,
                        "recommend_every_days": every,
                        "custom_name": name,
                    }
                    for a, every, name in activities
                ],
            )

    # ------------------------------------------------------------------ goals and macro cycles

    async def add_goal(
        self,
        user_id: int,
        goal_type: GoalType,
        target: dict[str, Any],
        *,
        priority: int,
        effective_from: dt.datetime,
        effective_to: dt.datetime | None = None,
        macro_cycle_id: int | None = None,
        program_id: int | None = None,
    ) -> UserGoal:
        goal = UserGoal(
            user_id=user_id,
            goal_type=goal_type,
            target_json=target,
            priority=priority,
            effective_from=effective_from,
            effective_to=effective_to,
            macro_cycle_id=macro_cycle_id,
            program_id=program_id,
        )
        self.session.add(goal)
        await self.session.flush()
        return goal

    async def goals(self, user_id: int, statuses: Sequence[GoalStatus] | None = None) -> Sequence[UserGoal]:
        query = (
            select(UserGoal)
            .where(UserGoal.user_id == user_id)
            .options(selectinload(UserGoal.checkins))
            .order_by(UserGoal.priority, UserGoal.id)
        )
        if statuses:
            query = query.where(UserGoal.status.in_(list(statuses)))
        return (await self.session.scalars(query)).all()

    async def goal(self, user_id: int, goal_id: int) -> UserGoal | None:
        return await self.session.scalar(
            select(UserGoal)
            .where(UserGoal.id == goal_id, UserGoal.user_id == user_id)
            .options(selectinload(UserGoal.checkins))
        )

    async def add_checkin(
        self, goal: UserGoal, day: dt.date, value: dict[str, Any], notes: str | None = None
    ) -> GoalCheckin:
        checkin = GoalCheckin(goal_id=goal.id, date=day, value_json=value, notes=notes)
        self.session.add(checkin)
        await self.session.flush()
        await self.session.refresh(goal, attribute_names=["checkins"])
        return checkin

    async def add_macro_cycle(self, user_id: int, name: str, start: dt.date, end: dt.date) -> MacroCycle:
        cycle = MacroCycle(user_id=user_id, name=name, start_date=start, end_date=end)
        self.session.add(cycle)
        await self.session.flush()
        return cycle

    async def set_goal_status(self, goal: UserGoal, status: GoalStatus) -> None:
        goal.status = status
        await self.session.flush()

    async def attach_to_macro_cycle(self, program: Program, macro_cycle_id: int) -> None:
        program.macro_cycle_id = macro_cycle_id
        await self.session.flush()

    async def link_goals(self, user_id: int, goal_ids: Sequence[int], macro_cycle_id: int) -> None:
        if goal_ids:
            await self.session.execute(
                update(UserGoal)
                .where(UserGoal.user_id == user_id, UserGoal.id.in_(list(goal_ids)))
                .values(macro_cycle_id=macro_cycle_id)
            )
