"""pytest fixtures for the fakes: import the ones a test module needs, e.g.

from tests.fakes.fixtures import telegram_api  # noqa: F401  (fixture)
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegram]:
    """A fresh fake Bot API on 127.0.0.1 (random port), stopped after the test."""
    async with FakeTelegram() as fake:
        yield fake
