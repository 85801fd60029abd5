"""What coach functions need besides a unit of work, bundled once by the composition root."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import Catalog
from coach.clock import Clock, SystemClock


@dataclass(frozen=True)
class CoachDeps:
    catalog: Catalog
    heuristics: Mapping[str, Any]
    clock: Clock = field(default_factory=SystemClock)
    #: An LLM client (``coach.llm``) when ``GAINSLY_LLM_BASE_URL`` is set; ``None`` = offline coach.
    llm: Any = None
    #: Key for signing button callback data (``coach.callbacks``); derived from settings.
    callback_secret: bytes = b"gainsly-local"
