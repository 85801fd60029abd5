"""Programs and everything the coaching engine plans: microcycles, sessions, prescribed
exercises, the lifter's movement rules and enjoyable activities, goals, check-ins and macro
cycles.

A whole program is written with a handful of bulk statements (one per table) inside the
caller's transaction. Every read that starts from a session or exercise id is scoped to the
lifter, so nobody can see or change another lifter's plan by guessing an id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.enums import EnjoyableActivity, GoalStatus, GoalType, MovementRuleType, RuleCadence
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

    async def update_cycle(self, cycle: Microcycle, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(cycle, key, value)
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
