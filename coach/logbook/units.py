"""Kilograms in storage, the lifter's unit on screen.

Every weight is stored in kilograms; lifters who chose pounds (``use_metric = false``) type
and read pounds. Conversions happen only here, at the edges, so a weight never drifts by
being converted twice.
"""

from __future__ import annotations

import math

#: The international avoirdupois pound, exactly.
KG_PER_LB = 0.45359237


def lb_to_kg(pounds: float) -> float:
    return pounds * KG_PER_LB


def kg_to_lb(kilograms: float) -> float:
    return kilograms / KG_PER_LB


def unit_label(metric: bool) -> str:
    return "kg" if metric else "lb"


def to_display(kilograms: float, metric: bool) -> float:
    """A stored weight in the lifter's unit, rounded to what a plate can express (0.1)."""
    value = kilograms if metric else kg_to_lb(kilograms)
    return round(value, 1)


def from_display(value: float, metric: bool) -> float:
    return value if metric else lb_to_kg(value)


def number(value: float) -> str:
    """``80`` not ``80.0``; ``82.5`` stays; never more than one decimal."""
    rounded = round(value, 1)
    if math.isclose(rounded, round(rounded)):
        return str(round(rounded))
    return f"{rounded:.1f}"


def weight_text(kilograms: float, metric: bool) -> str:
    """``82.5 kg`` or ``185 lb``."""
    return f"{number(to_display(kilograms, metric))} {unit_label(metric)}"


def distance_text(metres: float) -> str:
    """``800 m`` below a kilometre, ``5 km`` / ``21.1 km`` above."""
    if metres < 1000:
        return f"{number(metres)} m"
    return f"{number(metres / 1000)} km"


def duration_text(seconds: int) -> str:
    """``45 s``, ``90 s``, ``25:30`` or ``1:05:00`` — the way lifters and runners write it."""
    if seconds < 120:
        return f"{seconds} s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def minutes_text(seconds: int) -> str:
    """``45 min``, ``1 h 30 min``: how long a game or a class took."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
