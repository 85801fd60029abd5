"""When reminders go out and how hard the sender tries: one typed policy, tunable in the database.

The defaults below are what a lifter and an operator would expect. Any of them can be changed
without a release through a ``reminders`` entry in ``heuristic_configs`` (a JSON object with
the same keys; times as ``"HH:MM"``, durations in seconds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

HEURISTIC_NAME = "reminders"


@dataclass(frozen=True)
class ReminderPolicy:
    #: How late a reminder may still go out (a bot that was down for 20 minutes still sends
    #: today's reminder; one that was down all morning does not send a stale "good morning").
    #: Never reaches into a past local date.
    catch_up: dt.timedelta = dt.timedelta(hours=3)
    #: How long a claim reserves a reminder before another sender may take it over.
    reservation_lease: dt.timedelta = dt.timedelta(minutes=5)
    #: How long a send may be in flight before its sender is presumed dead. Longer than any
    #: Telegram timeout plus retry_after wait, so a slow sender is never mistaken for a dead one.
    in_flight_lease: dt.timedelta = dt.timedelta(minutes=15)
    #: Send attempts per reminder that Telegram definitely refused (429, 5xx, no connection).
    max_attempts: int = 5
    #: Pause before retrying a reminder after a refused attempt without retry_after.
    retry_backoff: dt.timedelta = dt.timedelta(seconds=30)
    #: Reminders claimed per batch: small batches share work between senders and keep a
    #: batch's sending time well inside its reservation lease.
    batch_size: int = 100
    #: Lifters composed at once (each in its own unit of work, so this many connections).
    render_concurrency: int = 4
    #: Local time of the evening nudge about a planned session that was not logged.
    evening_time: dt.time = dt.time(19, 30)
    #: Local weekday (Monday = 0) and time of the weekly summary.
    weekly_weekday: int = 6
    weekly_time: dt.time = dt.time(18, 0)

    @classmethod
    def from_heuristics(cls, heuristics: Mapping[str, Any]) -> ReminderPolicy:
        """The defaults, overridden by the active ``reminders`` tunable where it says so."""
        raw = heuristics.get(HEURISTIC_NAME) or {}
        if not isinstance(raw, Mapping):
            return cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in raw:
                continue
            value = raw[f.name]
            default = getattr(cls, f.name)
            if isinstance(default, dt.timedelta):
                value = dt.timedelta(seconds=float(value))
            elif isinstance(default, dt.time):
                value = dt.time.fromisoformat(str(value))
            else:
                value = int(value)
            values[f.name] = value
        return cls(**values)
