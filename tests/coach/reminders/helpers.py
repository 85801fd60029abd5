"""Shared by the reminder tests: lifters who want reminders, and a recording sender."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.deps import CoachDeps
from coach.reminders.delivery import Composed, SendResult
from coach.reminders.policy import ReminderPolicy
from coach.replies import Reply
from db.enums import Goal, PersonaAggression, PersonaTone, ProgressionStyle, SplitTemplate
from db.models import Program, ReminderDelivery, User, UserSettings
from db.repositories import Repositories
from db.repositories.reminders import Claim
from db.uow import unit_of_work

_chat_ids = itertools.count(7_700_000)


def new_user(
    *,
    timezone: str = "UTC",
    at: dt.time | None = dt.time(7, 0),
    name: str = "Remi",
    evening: bool = False,
    weekly: bool = False,
    **user_fields: object,
) -> User:
    user = User(name=name, timezone=timezone, telegram_chat_id=next(_chat_ids), **user_fields)
    user.settings = UserSettings(
        reminder_time=at, reminders_enabled=True, evening_nudge_enabled=evening, weekly_summary_enabled=weekly
    )
    return user


async def add_users(session: AsyncSession, users: Iterable[User]) -> list[User]:
    users = list(users)
    session.add_all(users)
    await session.flush()
    return users


def bare_program(start: dt.date) -> Program:
    """An active program with no sessions yet: enough for "has a program", nothing planned."""
    return Program(
        start_date=start,
        duration_weeks=8,
        goal_1=Goal.STRENGTH,
        goal_2=Goal.HYPERTROPHY,
        goal_3=Goal.MOBILITY,
        goal_weight_1=5,
        goal_weight_2=3,
        goal_weight_3=2,
        split_template=SplitTemplate.FULL_BODY,
        days_per_week=3,
        progression_style=ProgressionStyle.DOUBLE_PROGRESSION,
        persona_tone=PersonaTone.SUPPORTIVE,
        persona_aggression=PersonaAggression.BALANCED,
    )


async def delete_users(factory: async_sessionmaker[AsyncSession], ids: Sequence[int]) -> None:
    async with unit_of_work(factory) as repos:
        await repos.session.execute(delete(ReminderDelivery).where(ReminderDelivery.user_id.in_(ids)))
        await repos.session.execute(delete(User).where(User.id.in_(ids)))


class EchoComposer:
    """Says which reminder it is: delivery tests are about once, not about words."""

    def __init__(self, *, quick: bool = True) -> None:
        self.in_bulk = quick

    async def quick(
        self,
        repos: Repositories,
        deps: CoachDeps,
        batch: Sequence[tuple[Claim, User]],
        policy: ReminderPolicy,
    ) -> dict[int, Composed]:
        if not self.in_bulk:
            return {}
        return {claim.id: self._say(claim.kind, claim.local_date, user) for claim, user in batch}

    async def full(
        self,
        repos: Repositories,
        deps: CoachDeps,
        user: User,
        kind: str,
        day: dt.date,
        policy: ReminderPolicy,
    ) -> Composed:
        return self._say(kind, day, user)

    def _say(self, kind: str, day: dt.date, user: User) -> Composed:
        return Composed(Reply(text=f"{kind} {day} for {user.id}"))


@dataclass
class RecordingSender:
    """Accepts everything (or what ``script`` says per chat) and remembers what it sent."""

    script: dict[int, list[SendResult]] = field(default_factory=dict)
    sent: list[tuple[int, str]] = field(default_factory=list)
    calls: int = 0

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        self.calls += 1
        queue = self.script.get(chat_id)
        if queue:
            result = queue.pop(0)
            if result.status != "delivered":
                return result
        self.sent.append((chat_id, reply.text))
        return SendResult("delivered", message_id=len(self.sent))
