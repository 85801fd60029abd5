"""Repositories: the only code that talks SQL. ``coach/`` reaches storage through these.

``Repositories`` aggregates one of each over a single ``AsyncSession``, so one update (or one
job) is one session and one transaction, whatever it touches.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.account import AccountRepository
from db.repositories.assistant import AssistantRepository
from db.repositories.chat import ChatRepository
from db.repositories.conversation import ConversationRepository
from db.repositories.heuristics import HeuristicRepository
from db.repositories.logs import LogRepository
from db.repositories.movements import MovementRepository
from db.repositories.programs import ProgramRepository
from db.repositories.reminders import ReminderRepository
from db.repositories.rest_timers import RestTimerRepository
from db.repositories.signals import SignalRepository
from db.repositories.updates import ProcessedUpdateRepository
from db.repositories.users import UserRepository


class Repositories:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = UserRepository(session)
        self.movements = MovementRepository(session)
        self.heuristics = HeuristicRepository(session)
        self.conversation = ConversationRepository(session)
        self.updates = ProcessedUpdateRepository(session)
        self.timers = RestTimerRepository(session)
        self.account = AccountRepository(session)
        self.chat = ChatRepository(session)
        self.assistant = AssistantRepository(session)
        self.reminders = ReminderRepository(session)
        self.logs = LogRepository(session)
        self.programs = ProgramRepository(session)
        self.signals = SignalRepository(session)


__all__ = [
    "AccountRepository",
    "AssistantRepository",
    "ChatRepository",
    "ConversationRepository",
    "HeuristicRepository",
    "LogRepository",
    "MovementRepository",
    "ProcessedUpdateRepository",
    "ProgramRepository",
    "ReminderRepository",
    "Repositories",
    "RestTimerRepository",
    "SignalRepository",
    "UserRepository",
]
