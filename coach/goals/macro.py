"""The next program of a macro cycle, from the last one and what the logbook says (pure).

Programs move through phases (``macro_cycles`` tunables): accumulate size, turn it into
strength, then peak — or, toward an endurance event, build and then sharpen. Logged progress
steers the step: too few sessions done repeats the phase on fewer days; a strength goal that
stalled goes back to building; an event inside the next program's span makes it the peak and
ends it on the event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.profile import Profile
from db.enums import Goal


@dataclass(frozen=True)
class History:
    """What happened in the program that is ending."""

    goals: Mapping[Goal, int]
    days_per_week: int
    #: Share of planned training sessions done (0..1), ``None`` if nothing was planned yet.
    adherence: float | None
    #: Relative change of the best e1RM on the main lifts, first weeks to last weeks.
    strength_gain: float | None
    event_date: dt.date | None = None
    strength_goal: bool = False


@dataclass(frozen=True)
class Proposal:
    phase: str
    profile: Profile
    start_date: dt.date
    reasons: list[str] = field(default_factory=list)


def phase_of(goals: Mapping[Goal, int], phases: Mapping[str, Any]) -> str:
    """The phase whose goal weights are closest to a program's."""

    def distance(name: str) -> int:
        wanted = {Goal(g): int(w) for g, w in phases[name]["goals"].items()}
        return sum(abs(wanted.get(g, 0) - goals.get(g, 0)) for g in Goal)

    return min(phases, key=lambda name: (distance(name), name))


def _after(sequence: Sequence[str], phase: str) -> str:
    if phase not in sequence:
        return sequence[0]
    return sequence[(sequence.index(phase) + 1) % len(sequence)]


def next_phase(history: History, tunables: Mapping[str, Any], start: dt.date) -> tuple[str, list[str]]:
    phases = tunables["phases"]
    current = phase_of(history.goals, phases)
    reasons: list[str] = []
    if history.event_date is not None and history.event_date >= start:
        sequence = list(tunables["endurance_sequence"])
        weeks_left = (history.event_date - start).days // 7
        if weeks_left <= int(phases[sequence[-1]]["duration_weeks"]) + 2:
            reasons.append(f"Your event is {weeks_left} weeks away: time to sharpen for it.")
            return sequence[-1], reasons
        reasons.append(f"Your event is {weeks_left} weeks away: build the engine first.")
        return sequence[0], reasons
    sequence = list(tunables["sequence"])
    if history.adherence is not None and history.adherence < float(tunables["min_adherence"]):
        reasons.append(
            f"You completed {round(history.adherence * 100)}% of the planned sessions: the same phase again, "
            "on fewer days, so it fits your life."
        )
        return current, reasons
    if (
        history.strength_goal
        and history.strength_gain is not None
        and history.strength_gain < float(tunables["min_strength_gain"])
        and current != sequence[0]
    ):
        reasons.append(
            "Your main lifts stalled: another block of building muscle before pushing strength again."
        )
        return sequence[0], reasons
    following = _after(sequence, current)
    gain = f" (+{round(history.strength_gain * 100)}% on your main lifts)" if history.strength_gain else ""
    reasons.append(f"The {current} phase is done{gain}: next comes {following}.")
    return following, reasons


def next_profile(
    previous: Profile, phase: str, history: History, tunables: Mapping[str, Any], start: dt.date
) -> Profile:
    spec = tunables["phases"][phase]
    days = previous.days_per_week
    if history.adherence is not None and history.adherence < float(tunables["min_adherence"]):
        days = max(2, days - 1)
    weeks = int(spec["duration_weeks"])
    if history.event_date is not None and phase in tunables["endurance_sequence"]:
        weeks = max(8, min(12, (history.event_date - start).days // 7 or weeks))
    data = previous.model_dump(mode="json")
    data.update(
        goals=[{"goal": g, "weight": int(w)} for g, w in spec["goals"].items()],
        days_per_week=days,
        duration_weeks=weeks,
        deload_every_n_microcycles=int(spec["deload_every"]),
        start_date=start.isoformat(),
        progression_style=None,
    )
    return Profile.parse(data)


def propose(previous: Profile, history: History, tunables: Mapping[str, Any], start: dt.date) -> Proposal:
    phase, reasons = next_phase(history, tunables, start)
    return Proposal(phase, next_profile(previous, phase, history, tunables, start), start, reasons)
