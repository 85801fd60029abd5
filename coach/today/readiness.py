"""What today's check-ins say: readiness, sleep, HRV against a baseline, energy, soreness,
and legs already loaded by yesterday's sport or training.

Pure: the service gathers rows, ``gather`` turns them into ``Inputs`` (exactly what the
adaptation saw, stored with it so re-running with the same data changes nothing) and
``flags`` reads them against the ``readiness`` tunables: act when two signals agree or one
stays low for days (Vesterinen 2016; rolling averages against a personal baseline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from statistics import fmean
from typing import Any

from db.enums import PrimaryMuscle

_MAJOR = (
    PrimaryMuscle.QUADRICEPS,
    PrimaryMuscle.HAMSTRINGS,
    PrimaryMuscle.GLUTES,
    PrimaryMuscle.CHEST,
    PrimaryMuscle.LATS,
    PrimaryMuscle.UPPER_BACK,
)


@dataclass(frozen=True, slots=True)
class Signal:
    date: dt.date
    readiness: float | None = None
    sleep_hours: float | None = None
    sleep_score: float | None = None
    hrv: float | None = None
    energy: int | None = None


@dataclass(frozen=True, slots=True)
class Soreness:
    date: dt.date
    body_part: str
    level: int


@dataclass(frozen=True, slots=True)
class Load:
    """Something done on a past day that loaded the legs (an activity or a workout)."""

    date: dt.date
    label: str
    lower_body: float


@dataclass(frozen=True)
class Inputs:
    readiness: float | None = None
    sleep_hours: float | None = None
    sleep_score: float | None = None
    energy: int | None = None
    hrv: float | None = None
    hrv_baseline: float | None = None
    low_readiness_days: int = 0
    soreness: dict[str, int] = field(default_factory=dict)
    legs_loaded: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def any(self) -> bool:
        return any(
            v not in (None, 0, {}, [])
            for v in (
                self.readiness,
                self.sleep_hours,
                self.sleep_score,
                self.energy,
                self.hrv,
                self.soreness,
                self.legs_loaded,
            )
        )


def muscles_of(body_part: str, table: Mapping[str, Sequence[str]]) -> tuple[PrimaryMuscle, ...]:
    """The muscles a sore spot means: a muscle name itself, or a word from the tunables' table."""
    text = body_part.strip().lower().replace("-", " ")
    if text in ("full_body", "full body"):
        return _MAJOR
    try:
        return (PrimaryMuscle(text.replace(" ", "_")),)
    except ValueError:
        pass
    return tuple(PrimaryMuscle(m) for m in table.get(text, table.get(text.rstrip("s"), ())))


def _latest(values: Iterable[tuple[dt.date, float | int | None]]) -> float | int | None:
    present = [(d, v) for d, v in values if v is not None]
    return present[-1][1] if present else None


def gather(
    day: dt.date,
    signals: Sequence[Signal],
    soreness: Sequence[Soreness],
    loads: Sequence[Load],
    tunables: Mapping[str, Any],
    *,
    leg_threshold: float,
) -> Inputs:
    """Inputs for ``day`` from rows up to that day (later rows are ignored)."""
    signals = [s for s in signals if s.date <= day]
    today = [s for s in signals if s.date == day]
    rolling = int(tunables["rolling_days"])
    recent = [s.hrv for s in signals if s.hrv is not None and (day - s.date).days < rolling]
    older = [
        s.hrv
        for s in signals
        if s.hrv is not None and rolling <= (day - s.date).days <= int(tunables["baseline_days"])
    ]
    baseline = round(fmean(older), 1) if len(older) >= int(tunables["baseline_min_days"]) else None

    low = float(tunables["low_readiness"])
    by_day: dict[dt.date, float] = {}
    for s in signals:
        if s.readiness is not None:
            by_day[s.date] = s.readiness
    streak = 0
    cursor = day
    while cursor in by_day and by_day[cursor] < low:
        streak += 1
        cursor -= dt.timedelta(days=1)

    sore: dict[str, int] = {}
    table = tunables["body_parts"]
    latest: dict[str, tuple[dt.date, int]] = {}
    for s in sorted(soreness, key=lambda x: x.date):
        if 0 <= (day - s.date).days <= 1:
            latest[s.body_part.lower()] = (s.date, s.level)
    for part, (_, level) in latest.items():
        for muscle in muscles_of(part, table):
            sore[muscle.value] = max(sore.get(muscle.value, 0), level)

    loaded = sorted(
        {load.label for load in loads if (day - load.date).days == 1 and load.lower_body >= leg_threshold}
    )
    return Inputs(
        readiness=_latest((s.date, s.readiness) for s in today),  # type: ignore[arg-type]
        sleep_hours=_latest((s.date, s.sleep_hours) for s in today),  # type: ignore[arg-type]
        sleep_score=_latest((s.date, s.sleep_score) for s in today),  # type: ignore[arg-type]
        energy=_latest((s.date, s.energy) for s in today),  # type: ignore[arg-type]
        hrv=round(fmean(recent), 1) if recent else None,
        hrv_baseline=baseline,
        low_readiness_days=streak,
        soreness=dict(sorted(sore.items())),
        legs_loaded=loaded,
    )


@dataclass(frozen=True)
class Flags:
    low: list[str]
    severe: list[str]
    persistent: bool

    @property
    def agree(self) -> bool:
        return len(self.low) >= 2


def flags(inputs: Inputs, tunables: Mapping[str, Any]) -> Flags:
    """Which signals are low today, in plain words, and which are very low."""
    low: list[str] = []
    severe: list[str] = []
    if inputs.readiness is not None and inputs.readiness < float(tunables["low_readiness"]):
        low.append(f"readiness {inputs.readiness:g}/100")
        if inputs.readiness < float(tunables["very_low_readiness"]):
            severe.append("readiness")
    if inputs.sleep_hours is not None and inputs.sleep_hours < float(tunables["low_sleep_hours"]):
        low.append(f"{inputs.sleep_hours:g} h of sleep")
        if inputs.sleep_hours < float(tunables["very_low_sleep_hours"]):
            severe.append("sleep")
    elif inputs.sleep_score is not None and inputs.sleep_score < float(tunables["low_sleep_score"]):
        low.append(f"sleep score {inputs.sleep_score:g}")
    if (
        inputs.hrv is not None
        and inputs.hrv_baseline
        and inputs.hrv < inputs.hrv_baseline * (1 - float(tunables["hrv_drop_fraction"]))
    ):
        drop = round((1 - inputs.hrv / inputs.hrv_baseline) * 100)
        low.append(f"HRV {drop}% under your baseline")
    if inputs.energy is not None and inputs.energy <= int(tunables["low_energy_1_5"]):
        low.append(f"energy {inputs.energy}/5")
    persistent = inputs.low_readiness_days >= int(tunables["rolling_days"])
    return Flags(low, severe, persistent)
