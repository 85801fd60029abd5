"""The conversation engine: the coach's side of every chat, shared by Telegram and the terminal.

``ConversationEngine(session_factory, deps).handle(Incoming(...))`` returns the replies. The
feature modules imported here register their commands, buttons and flows with ``registry``.
"""

from coach.conversation import (  # noqa: F401  (registration)
    account_flow,
    assistant_flow,
    basics,
    daily,
    goals_flow,
    logging_flow,
    onboarding,
    progress_flow,
    rules_flow,
    settings_flow,
    timers,
)
from coach.conversation.engine import ConversationEngine
from coach.conversation.incoming import Attachment, Channel, Incoming, Kind
from coach.conversation.registry import menu

__all__ = ["Attachment", "Channel", "ConversationEngine", "Incoming", "Kind", "menu"]
