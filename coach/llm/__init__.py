"""The language model side of the coach: the client, prompt building and conversation memory.

Nothing here touches storage: the assistant (``coach.assistant``) reads the lifter's data and
the conversation through repositories and hands plain values to these modules.
"""

from coach.llm.client import (
    ChatModel,
    Completion,
    ModelConfig,
    ModelUnavailable,
    OpenAIChat,
    ToolCall,
    connect,
)
from coach.llm.memory import Memory, remember
from coach.llm.prompt import Snapshot, build_messages, system_prompt

__all__ = [
    "ChatModel",
    "Completion",
    "Memory",
    "ModelConfig",
    "ModelUnavailable",
    "OpenAIChat",
    "Snapshot",
    "ToolCall",
    "build_messages",
    "connect",
    "remember",
    "system_prompt",
]
