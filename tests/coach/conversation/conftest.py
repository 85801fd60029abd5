"""Fixtures for the conversation engine tests (defined in ``fixtures.py``, shared with bot and CLI tests)."""

from tests.coach.conversation.fixtures import (  # noqa: F401  (fixtures)
    NOW,
    base_deps,
    chat,
    clock,
    conversation,
    deps,
)
