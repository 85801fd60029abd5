"""Quick workout logs, read the way a training partner would.

One exercise per line (or separated by ``;``). Each line is a movement name and what was done
with it, in whatever notation the lifter uses::

    squat 5x5 100          5x5 @ 100kg           bench 80x8           deadlift 180x5x3
    bench 80x8, 85x6, 90x4  ohp 50 5/5/4          bench 3x5 80 @8      rdl 3x8 100 rir 2
    pull-ups 3x10           dips +20kg 3x8        plank 3x60s          ran 5k in 25:30
    row 2000m 7:45          Squats 3 sets of 5 at 225 lbs            💪 benhc 100kg x 5

The parser is pure and fast (a few microseconds a line): it tokenises each line once with
precompiled patterns, finds the movement through the catalog's cached ``Matcher`` (exact
aliases before any fuzzy guess) and interprets the numbers with what it knows about the
movement — "3x10" on pull-ups is sets×reps, "80x8" on a bench is weight×reps, "2000m" on a
rower is a distance. Weights come out in kilograms whatever the lifter typed. Anything it
cannot read with confidence ends up in ``unparsed`` with a plain reason; nothing raises.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import Catalog, MovementInfo
from coach.logbook import limits
from coach.logbook.matching import Matcher, Resolution, matcher_for, name_key
from coach.logbook.quick_inputs import recognize as recognize_quick_input
from coach.logbook.units import KG_PER_LB, number
from db.enums import MetricType, MovementPattern

log = logging.getLogger(__name__)

Unit = str  # "kg" | "lb"


@dataclass(frozen=True, slots=True)
class ParsedSet:
    """One performed set. ``reps`` is ``None`` for pure holds and cardio; weights in kg."""

    reps: int | None
    weight_kg: float | None
    rpe: float | None = None
    rir: int | None = None
    duration_seconds: int | None = None
    distance_m: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reps": self.reps,
            "weight_kg": self.weight_kg,
            "rpe": self.rpe,
            "rir": self.rir,
            "duration_seconds": self.duration_seconds,
            "distance_m": self.distance_m,
        }


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One line that reads as a workout log.

    ``movement`` is ``None`` when the name matched nothing (``candidates`` empty) or several
    movements equally well (``candidates`` holds them, best first, for buttons).
    """

    input: str
    movement: MovementInfo | None
    sets: tuple[ParsedSet, ...]
    name_text: str = ""
    #: The numbers part of the line, cleaned: "<a canonical name> <spec>" reads the same.
    spec: str = ""
    candidates: tuple[MovementInfo, ...] = ()
    notes: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.movement is None and bool(self.candidates)

    def to_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "movement": self.movement.name if self.movement else None,
            "sets": [s.to_json() for s in self.sets],
        }


#: Why a line was not read: not a log at all, a log missing something, or impossible numbers.
NOT_A_LOG, INCOMPLETE, INVALID = "not_a_log", "incomplete", "invalid"


@dataclass(frozen=True, slots=True)
class Unparsed:
    input: str
    error: str
    kind: str = INVALID

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "error": self.error}


@dataclass(frozen=True)
class ParsedLog:
    entries: tuple[ParsedEntry, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Exactly the ``gainsly parse-log --json`` object of interfaces.md."""
        return {
            "entries": [e.to_json() for e in self.entries],
            "unparsed": [u.to_json() for u in self.unparsed],
        }


# --- cleaning -------------------------------------------------------------------------------

_LINES = re.compile(r"[\n\r;]+")
_TRANSLATE = str.maketrans(
    {
        "×": "x", "✕": "x", "✖": "x", "╳": "x", "х": "x", "Х": "x",
        "’": "'", "`": "'", "–": "-", "—": "-", "−": "-", "，": ",", "＠": "@", "＃": "#",
    }
)  # fmt: skip
_STAR = re.compile(r"(?<=\d)\s*\*\s*(?=\d)")
_JUNK = re.compile(r"[^\w\s.,:/@+#'&\-]")
_COMMA_NUMBER = re.compile(
    r"(@\s*|rpe\s*)?(?<![\d.])(\d+),(\d+)(?![\d,])(?!\s*x\s*\d)(\s*(?:kg|lb|#|k\b|h\b|min|s\b|km|mi))?"
)
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_GLUED_KEYWORD = re.compile(r"(?<![a-z])(rpe|rir|x|at)(?=\d)")
_DIGIT = re.compile(r"\d")


def _decimal_comma(match: re.Match[str]) -> str:
    """``82,5`` is 82.5 kg and ``@7,5`` an RPE; ``5,5,4`` and ``12 10,10`` are lists of reps."""
    rpe, whole, fraction, unit = match.group(1) or "", match.group(2), match.group(3), match.group(4) or ""
    decimal = len(fraction) == 1 and (len(whole) >= 2 or unit or rpe)
    if decimal or (len(fraction) == 2 and unit):
        return f"{rpe}{whole}.{fraction}{unit}"
    return match.group(0)


def _clean(text: str) -> str:
    s = text.lower().translate(_TRANSLATE)
    if "*" in s:
        s = _STAR.sub("x", s)
    s = _JUNK.sub(" ", s)
    if "," in s:
        s = _COMMA_NUMBER.sub(_decimal_comma, s)
    if ":" in s:
        s = _COLON.sub(" ", s)
    s = _GLUED_KEYWORD.sub(r"\1 ", s)
    return " ".join(s.split())


# --- tokens -----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<clock>\d{1,3}:\d{2}(?::\d{2})?)"
    r"|(?P<num>\d+(?:\.\d+)?|\.\d+)(?:\s*(?P<unit>kilograms?|kilos?|kgs?|km|k|lbs?|pounds?|\#|miles?|mi"
    r"|meters?|metres?|minutes?|mins?|min|m|seconds?|secs?|sec|s|hours?|hrs?|hr|h|reps?|sets?|(?:rpe|rir)(?!\s*@?\s*\d))"
    r"(?![^\W\d_]))?"
    r"|(?P<op>[@+/,\-])"
    r"|(?P<x>x)(?![^\W\d_])"
    r"|(?P<word>[^\W\d_][^\W\d_'&]*(?:['&][^\W\d_]+)*)"
)

_UNITS: dict[str, tuple[str, float]] = {}
for _spelling, _meaning in (
    (("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), ("weight", 1.0)),
    (("lb", "lbs", "pound", "pounds", "#"), ("weight", KG_PER_LB)),
    (("k",), ("k", 1000.0)),
    (("km",), ("distance", 1000.0)),
    (("mi", "mile", "miles"), ("distance", 1609.344)),
    (("m",), ("m", 1.0)),
    (("meter", "meters", "metre", "metres"), ("distance", 1.0)),
    (("s", "sec", "secs", "second", "seconds"), ("time", 1.0)),
    (("min", "mins", "minute", "minutes"), ("time", 60.0)),
    (("h", "hr", "hrs", "hour", "hours"), ("time", 3600.0)),
    (("rep", "reps"), ("reps", 1.0)),
    (("set", "sets"), ("sets", 1.0)),
    (("rpe",), ("rpe", 1.0)),
    (("rir",), ("rir", 1.0)),
):
    for _s in _spelling:
        _UNITS[_s] = _meaning

#: Words that glue numbers together and mean nothing on their own.
_CONNECTORS = frozenset(
    {"in", "and", "with", "then", "sets", "set", "reps", "rep", "each", "side", "per", "a", "an", "the",
     "x", "times", "total", "kg", "kgs", "lb", "lbs", "e", "ea", "leg", "arm", "working", "top"}
)  # fmt: skip
#: Chatter before the movement name ("did bench 3x5 80").
_FILLERS = frozenset(
    {"did", "i", "done", "today", "then", "also", "and", "just", "finished", "some", "my", "log", "logged",
     "plus", "again", "more", "next", "first", "after", "did:", "went", "for", "a", "an", "the", "+", "-"}
)  # fmt: skip
_BODYWEIGHT_WORDS = frozenset({"bw", "bodyweight"})
#: A "name" longer than this is a sentence, not an exercise.
_MAX_NAME_WORDS = 6


@dataclass(slots=True)
class _Q:
    """A quantity as typed: its number, what its unit says it is, and the unit's factor."""

    value: float
    kind: str  # bare | weight | k | distance | m | time | reps | sets | rpe | rir | clock
    factor: float = 1.0
    alt: float | None = None  # a clock read as h:mm instead of mm:ss
    items: list[_Q] | None = None  # a list of reps: 5/5/4


@dataclass(slots=True)
class _Group:
    """The numbers that describe one run of identical (or listed) sets."""

    chain: list[_Q] | None = None
    chain_for: bool = False
    bares: list[_Q] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # kg, said with a unit or after @/at
    plus: float | None = None
    lists: list[_Q] = field(default_factory=list)
    durations: list[_Q] = field(default_factory=list)
    distances: list[_Q] = field(default_factory=list)
    sets_n: _Q | None = None
    reps_n: _Q | None = None
    rpe: list[float] | None = None
    rir: float | None = None
    bodyweight: bool = False
    #: "@ 100" or "at 8": the load, unless the line already has one — then it is an RPE.
    ats: list[_Q] = field(default_factory=list)

    def has_sets(self) -> bool:
        return bool(self.chain or self.lists or self.reps_n)


class _Reject(Exception):
    """A line that cannot be logged as written; carries the reason in plain words."""

    def __init__(self, message: str, kind: str = INVALID) -> None:
        super().__init__(message)
        self.kind = kind


def _tokens(spec: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for m in _TOKEN.finditer(spec):
        kind = m.lastgroup
        if kind == "num" or m.group("num") is not None:
            value = float(m.group("num"))
            unit = m.group("unit")
            if unit is None:
                out.append(("q", _Q(value, "bare")))
            else:
                meaning, factor = _UNITS[unit]
                out.append(("q", _Q(value, meaning, factor)))
        elif kind == "clock":
            parts = [int(p) for p in m.group("clock").split(":")]
            if len(parts) == 3:
                seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
                out.append(("q", _Q(seconds, "clock")))
            else:
                out.append(("q", _Q(parts[0] * 60 + parts[1], "clock", alt=parts[0] * 3600 + parts[1] * 60)))
        elif kind == "op":
            out.append((m.group("op"), None))
        elif kind == "x":
            out.append(("x", None))
        else:
            out.append(("w", m.group("word")))
    return out


# --- reading numbers into groups ---------------------------------------------------------------


def _rpe_values(toks: list[tuple[str, Any]], i: int) -> tuple[list[float], int]:
    """RPE at ``toks[i]``, possibly a per-set list ``8/8.5/9``; returns values and next index."""
    values = [toks[i][1].value]
    i += 1
    while i + 1 < len(toks) and toks[i][0] == "/" and toks[i + 1][0] == "q" and toks[i + 1][1].kind == "bare":
        values.append(toks[i + 1][1].value)
        i += 2
    return values, i


def _weight_kg(q: _Q, unit: Unit) -> float:
    if q.kind == "weight":
        return q.value * q.factor
    return q.value * (KG_PER_LB if unit == "lb" else 1.0)


def _merge_time(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``1h30``, ``1h 30min``, ``2m30s`` and ``2 min 30 s`` are one duration."""
    out: list[tuple[str, Any]] = []
    for kind, payload in items:
        if kind == "q" and out and out[-1][0] == "q":
            prev: _Q = out[-1][1]
            q: _Q = payload
            joins = (
                (prev.kind == "time" and q.kind == "time" and q.factor < prev.factor)
                or (prev.kind == "m" and q.kind == "time" and q.factor == 1.0)
                or (prev.kind == "time" and prev.factor > 1 and q.kind == "bare" and q.value < 60)
            )
            if joins:
                head = prev.value * (60.0 if prev.kind == "m" else prev.factor)
                tail_factor = q.factor if q.kind == "time" else prev.factor / 60
                out[-1] = ("q", _Q(head + q.value * tail_factor, "time"))
                continue
        out.append((kind, payload))
    return out


def _listify(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Reps separated by ``/`` (or by commas, when they are small numbers) become one list."""
    if not any(kind in ("/", ",") for kind, _ in items):
        return items
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(items):
        kind, payload = items[i]
        if kind == "q" and payload.kind in ("bare", "reps"):
            run = [payload]
            seps: set[str] = set()
            j = i + 1
            while (
                j + 1 < len(items)
                and items[j][0] in ("/", ",")
                and items[j + 1][0] == "q"
                and items[j + 1][1].kind in ("bare", "reps")
            ):
                seps.add(items[j][0])
                run.append(items[j + 1][1])
                j += 2
            small = all(q.value <= 30 for q in run)
            if len(run) > 1 and ("/" in seps or small):
                out.append(("q", _Q(0, "list", items=run)))
                i = j
                continue
        out.append((kind, payload))
        i += 1
    return out


_UNCOUNTED = frozenset({"max", "amrap", "failure", "fail", "f"})
_NEGATIVE = re.compile(r"(?:^|[\s@x+/,])-\s*\d")


def _items(toks: list[tuple[str, Any]], unit: Unit) -> tuple[list[tuple[str, Any]], list[str]]:
    """Resolve the prefix operators (@, +, -, rpe, rir, at) into typed items; keep stray words."""
    items: list[tuple[str, Any]] = []
    words: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        kind, payload = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ("", None)
        if kind in ("@", "w") and (kind == "@" or payload == "at") and nxt[0] == "w" and nxt[1] == "rpe":
            i += 1
            continue
        if kind == "w" and payload in ("rpe", "rir"):
            if nxt[0] == "q" and nxt[1].kind == "bare":
                if payload == "rpe":
                    values, i = _rpe_values(toks, i + 1)
                    items.append(("rpe", values))
                else:
                    items.append(("rir", nxt[1].value))
                    i += 2
                continue
            i += 1
            continue
        if kind in ("@", "w") and (kind == "@" or payload == "at") and nxt[0] == "q":
            q: _Q = nxt[1]
            if q.kind == "weight":
                items.append(("weight", _weight_kg(q, unit)))
                i += 2
            elif q.kind == "bare" and (q.value > 10 or payload == "at"):
                items.append(("at", q))
                i += 2
            elif q.kind in ("bare", "rpe"):
                values, i = _rpe_values(toks, i + 1)
                items.append(("rpe", values))
            elif q.kind == "k":
                items.append(("weight", q.value))
                i += 2
            else:
                i += 1
            continue
        if kind == "+" and nxt[0] == "q" and nxt[1].kind in ("bare", "weight", "k"):
            q = nxt[1]
            items.append(("plus", q.value if q.kind == "k" else _weight_kg(q, unit)))
            i += 2
            continue
        if kind == "x" and nxt[0] == "w" and nxt[1] in _UNCOUNTED:
            raise _Reject(f"How many reps was '{nxt[1]}'? I need the number you got — e.g. 3x12.", INCOMPLETE)
        if kind == "q":
            q = payload
            if q.kind == "rpe":
                items.append(("rpe", [q.value]))
            elif q.kind == "rir":
                items.append(("rir", q.value))
            else:
                items.append(("q", q))
        elif kind in ("x", "/", ","):
            items.append((kind, None))
        elif kind == "w":
            if payload in _BODYWEIGHT_WORDS:
                items.append(("bw", None))
            elif payload in ("for", "of"):
                items.append((payload, None))
            elif payload not in _CONNECTORS:
                words.append(payload)
        i += 1
    return _listify(_merge_time(items)), words


def _groups(items: list[tuple[str, Any]]) -> list[_Group]:
    """Chains (``3x5``, ``80x8``, ``180x5x3``) start groups; the rest attaches to the latest."""
    head = _Group()
    groups: list[_Group] = []
    current = head
    i, n = 0, len(items)
    while i < n:
        kind, payload = items[i]
        if kind == "q":
            chain = [payload]
            j = i + 1
            chain_for = False
            while j + 1 < n and items[j][0] in ("x", "for") and items[j + 1][0] == "q":
                chain_for = chain_for or items[j][0] == "for"
                chain.append(items[j + 1][1])
                j += 2
            if len(chain) > 1 and not (chain_for and len(chain) == 2 and chain[1].kind == "time"):
                current = _Group(chain=chain, chain_for=chain_for and len(chain) == 2)
                groups.append(current)
                i = j
                continue
            if (
                payload.kind == "sets"
                and i + 2 < n
                and items[i + 1][0] == "of"
                and items[i + 2][0] == "q"
                and items[i + 2][1].kind in ("bare", "reps")
            ):
                current.sets_n, current.reps_n = payload, items[i + 2][1]
                i += 3
                continue
            _attach(current, payload)
        elif kind == "x" and i + 1 < n and items[i + 1][0] == "q" and current.bares and not current.chain:
            # "100 x5" written with the x glued to the reps.
            current.chain = [current.bares.pop(), items[i + 1][1]]
            i += 2
            continue
        elif kind == "weight":
            current.weights.append(payload)
        elif kind == "at":
            current.ats.append(payload)
        elif kind == "plus":
            current.plus = payload
        elif kind == "rpe":
            current.rpe = payload
        elif kind == "rir":
            current.rir = payload
        elif kind == "bw":
            current.bodyweight = True
        i += 1
    if not groups:
        return [head]
    for group in groups:
        _inherit(group, head)
    return groups


def _attach(group: _Group, q: _Q) -> None:
    if q.kind == "bare":
        group.bares.append(q)
    elif q.kind == "weight":
        group.weights.append(q.value * q.factor)
    elif q.kind in ("distance", "m", "k"):
        group.distances.append(q)
    elif q.kind in ("time", "clock"):
        group.durations.append(q)
    elif q.kind == "list":
        group.lists.append(q)
    elif q.kind == "sets":
        group.sets_n = q
    elif q.kind == "reps":
        if group.reps_n is None:
            group.reps_n = q
        else:
            group.bares.append(_Q(q.value, "bare"))


def _inherit(group: _Group, head: _Group) -> None:
    """What was said before the first chain ("squat 100kg 5x5") applies to every chain."""
    if not group.weights and not group.bares and not group.ats:
        group.weights = list(head.weights)
        group.bares = list(head.bares)
        group.ats = list(head.ats)
    if group.plus is None:
        group.plus = head.plus
    if group.rpe is None:
        group.rpe = head.rpe
    if group.rir is None:
        group.rir = head.rir
    group.bodyweight = group.bodyweight or head.bodyweight
    if not group.durations:
        group.durations = list(head.durations)
    if not group.distances:
        group.distances = list(head.distances)


def _endurance_hint(groups: list[_Group]) -> bool | None:
    """Does the line read as cardio (a distance or a time) or as sets of reps?"""
    reps_like = any(
        g.lists or g.reps_n or (g.chain and all(q.kind in ("bare", "weight", "reps") for q in g.chain))
        for g in groups
    )
    if reps_like:
        return False
    if any(g.distances or (g.durations and not g.chain) for g in groups):
        return True
    return None


# --- from numbers to sets ---------------------------------------------------------------------


def _int(q: _Q, what: str) -> int:
    if q.kind == "list" or not math.isfinite(q.value) or q.value != int(q.value):
        raise _Reject(f"{number(q.value) if q.kind != 'list' else 'A list'} {what} isn't a whole number.")
    return int(q.value)


def _seconds(q: _Q) -> float:
    if q.kind == "clock":
        return q.value
    if q.kind == "m":  # "30m" of running is half an hour
        return q.value * 60
    return q.value * q.factor


def _metres(q: _Q, movement: MovementInfo | None) -> float:
    if q.kind == "k":
        return q.value * 1000
    if q.kind == "bare":
        if movement is not None and movement.metric_type is MetricType.DISTANCE and q.value < 100:
            return q.value * 1000
        return q.value
    return q.value * q.factor


@dataclass(slots=True)
class _Plan:
    """The sets of one group before validation: counts, reps, load and the rest."""

    reps: list[int | None]
    weight: float | None
    duration: float | None = None
    distance: float | None = None
    #: ``plank 60 45 30``: one hold length per set, in seconds.
    holds: list[float] | None = None


def _split_m_and_k(group: _Group, movement: MovementInfo | None) -> None:
    """``30m`` of running is minutes, ``2000m`` metres; ``100k`` on a lift is kilograms."""
    endurance = movement is not None and limits.is_endurance(movement)
    keep: list[_Q] = []
    for q in group.distances:
        minutes = (
            q.kind == "m"
            and endurance
            and q.value <= 90
            and movement is not None
            and movement.pattern is MovementPattern.CARDIO
            and (movement.metric_type is not MetricType.DISTANCE or not group.durations)
        )
        if minutes:
            group.durations.append(_Q(q.value * 60, "time"))
            continue
        if q.kind == "k" and movement is not None and movement.metric_type is not MetricType.DISTANCE:
            group.weights.append(q.value)
            continue
        keep.append(q)
    group.distances = keep


def _settle_ats(group: _Group, unit: Unit) -> None:
    for q in group.ats:
        has_load = group.weights or group.bares or any(c.kind == "weight" for c in group.chain or ())
        if has_load:
            group.rpe = [q.value]
        else:
            group.weights.append(_weight_kg(q, unit))
    group.ats = []


def _load(group: _Group, unit: Unit) -> float | None:
    if group.weights:
        return group.weights[0] + (group.plus or 0.0)
    if group.plus is not None:
        return group.plus
    return None


def _plan(group: _Group, movement: MovementInfo | None, unit: Unit) -> _Plan:
    _split_m_and_k(group, movement)
    _settle_ats(group, unit)
    load = _load(group, unit)
    loaded = movement is None or limits.is_loaded(movement)
    timed = movement is not None and movement.metric_type in (MetricType.TIME, MetricType.TIME_UNDER_TENSION)
    distance_based = movement is not None and movement.metric_type is MetricType.DISTANCE
    duration = _seconds(group.durations[0]) if group.durations else None
    distance = _metres(group.distances[0], movement) if group.distances else None

    def bare_weight() -> float | None:
        if load is not None:
            return load
        if len(group.bares) == 1:
            return _weight_kg(group.bares.pop(), unit)
        if group.bares:
            raise _Reject("I see several numbers that could be the weight — write it as e.g. 3x5 80kg.")
        return None

    if group.chain is not None:
        return _plan_chain(group, movement, unit, load, loaded, timed, bare_weight, duration, distance)
    if group.sets_n is not None and group.reps_n is not None:
        sets = _int(group.sets_n, "sets")
        return _Plan([_int(group.reps_n, "reps")] * _count(sets), bare_weight(), duration, distance)
    if group.lists:
        reps_list: list[int | None] = [_int(q, "reps") for q in group.lists[0].items or ()]
        return _Plan(reps_list, bare_weight(), duration, distance)
    if group.reps_n is not None:
        sets = _int(group.sets_n, "sets") if group.sets_n else 1
        return _Plan([_int(group.reps_n, "reps")] * _count(sets), bare_weight(), duration, distance)
    sets = _count(_int(group.sets_n, "sets")) if group.sets_n else 1
    if duration is not None or distance is not None:
        if group.bares and distance is None and distance_based:
            distance = _metres(group.bares.pop(0), movement)
        if group.bares and duration is None and timed:
            duration = group.bares.pop(0).value
        return _Plan([None] * sets, load, duration, distance)
    if not group.bares:
        raise _Reject("I couldn't find sets or reps — try e.g. 'squat 3x5 100'.", INCOMPLETE)
    if timed:
        holds = [q.value for q in group.bares]
        return _Plan([None] * _count(len(holds)), load, holds[0], None, holds)
    if distance_based:
        if len(group.bares) != 1:
            raise _Reject("Give one distance with its unit, e.g. 'run 5k in 25:00'.", INCOMPLETE)
        return _Plan([None], load, None, _metres(group.bares[0], movement))
    if loaded and load is None:
        if len(group.bares) < 2:
            raise _Reject("Is that the weight or the reps? Write both, e.g. 'bench 80x5'.", INCOMPLETE)
        weight = _weight_kg(group.bares[0], unit)
        return _Plan([_int(q, "reps") for q in group.bares[1:]], weight)
    return _Plan([_int(q, "reps") for q in group.bares], load)


def _count(sets: int) -> int:
    if sets < 1:
        raise _Reject("0 sets? Log the sets you did — e.g. 3x5.")
    if sets > limits.MAX_SETS_PER_ENTRY:
        raise _Reject(
            f"{sets} sets in one go is more than I can believe — the most I take is "
            f"{limits.MAX_SETS_PER_ENTRY}. Did you mean weight x reps, like 80x8?"
        )
    return sets


def _plan_chain(
    group: _Group,
    movement: MovementInfo | None,
    unit: Unit,
    load: float | None,
    loaded: bool,
    timed: bool,
    bare_weight: Any,
    duration: float | None,
    distance: float | None,
) -> _Plan:
    chain = group.chain or []
    if len(chain) > 3:
        raise _Reject("That chain of numbers is too long to read — try sets x reps weight, e.g. 3x5 100.")
    if any(q.kind == "list" for q in chain[:-1]):
        raise _Reject("Put the reps list last, e.g. 'ohp 50x5/5/4'.")
    if len(chain) == 3:
        a, b, c = chain
        weight_first = a.kind == "weight" or (c.kind != "weight" and a.value >= c.value)
        weight_q, reps_q, sets_q = (a, b, c) if weight_first else (c, b, a)
        weight = _weight_kg(weight_q, unit)
        return _Plan([_int(reps_q, "reps")] * _count(_int(sets_q, "sets")), weight + (group.plus or 0.0))
    a, b = chain
    if b.kind == "list":
        return _Plan(
            [_int(q, "reps") for q in b.items or ()], load if load is not None else _weight_kg(a, unit)
        )
    if b.kind in ("time", "clock") or (b.kind == "m" and timed):
        return _Plan([None] * _count(_int(a, "sets")), bare_weight(), _seconds(b), distance)
    if b.kind in ("distance", "m", "k"):
        return _Plan([None] * _count(_int(a, "sets")), bare_weight(), duration, _metres(b, movement))
    if a.kind in ("time", "clock"):
        return _Plan([None] * _count(_int(b, "sets")), bare_weight(), _seconds(a), distance)
    if a.kind in ("weight", "k"):
        weight = a.value if a.kind == "k" else _weight_kg(a, unit)
        return _Plan([_int(b, "reps")], weight + (group.plus or 0.0))
    if b.kind == "weight":
        return _Plan([_int(a, "reps")], _weight_kg(b, unit) + (group.plus or 0.0))
    if group.chain_for:
        return _Plan([_int(b, "reps")], _weight_kg(a, unit))
    if load is not None or group.bares:
        return _Plan([_int(b, "reps")] * _count(_int(a, "sets")), bare_weight())
    if timed:
        return _Plan([None] * _count(_int(a, "sets")), None, b.value)
    if not loaded or group.bodyweight or a.value <= limits.MAX_SETS_GUESS:
        return _Plan([_int(b, "reps")] * _count(_int(a, "sets")), None)
    return _Plan([_int(b, "reps")], _weight_kg(a, unit))


def _check_numbers(plan: _Plan, group: _Group, movement: MovementInfo | None) -> list[str]:
    """Reject what no human did; returns warnings for what is kept with a change."""
    warnings: list[str] = []
    for reps in plan.reps:
        if reps is None:
            continue
        if reps <= 0:
            raise _Reject("0 reps doesn't make a set — log the reps you completed.")
        if reps > limits.MAX_REPS_PER_SET:
            raise _Reject(
                f"{reps} reps in one set? The most I take is {limits.MAX_REPS_PER_SET} — "
                "did you mean weight x reps?"
            )
    if plan.weight is not None:
        ceiling = limits.max_load_kg(movement)
        if not math.isfinite(plan.weight) or plan.weight > ceiling:
            what = movement.name if movement else "that lift"
            raise _Reject(
                f"{number(plan.weight)} kg on {what} would beat any record (I take up to "
                f"{number(ceiling)} kg) — please check the weight and send it again."
            )
        if plan.weight == 0:
            plan.weight = None
    endurance = plan.distance is not None or (movement is not None and limits.is_endurance(movement))
    ceiling = limits.MAX_SET_SECONDS if endurance else limits.MAX_HOLD_SECONDS
    for seconds in plan.holds or ([plan.duration] if plan.duration is not None else []):
        if not 0 < seconds <= ceiling:
            raise _Reject("That time doesn't look right — write it like 45s, 1:30 or 25:30.")
    if plan.distance is not None and not 0 < plan.distance <= limits.MAX_DISTANCE_M:
        raise _Reject("That distance doesn't look right — write it like 400m, 5k or 2 mi.")
    if group.rpe is not None:
        for rpe in group.rpe:
            if not 1 <= rpe <= limits.MAX_RPE:
                raise _Reject(f"RPE {number(rpe)}? RPE runs from 1 to 10 (10 = nothing left).")
        if min(group.rpe) < limits.MIN_STORED_RPE:
            warnings.append(
                f"RPE below {number(limits.MIN_STORED_RPE)} is warm-up effort: I kept the sets without "
                "an RPE and without an e1RM."
            )
    if group.rir is not None and not (0 <= group.rir <= limits.MAX_RIR and group.rir == int(group.rir)):
        raise _Reject(f"RIR {number(group.rir)}? Reps in reserve run from 0 to {limits.MAX_RIR}.")
    return warnings


def _pace_fix(plan: _Plan, group: _Group, movement: MovementInfo | None) -> None:
    """``5k in 2:00`` is two hours, not two minutes: pick the reading a human can run."""
    if plan.duration is None or plan.distance is None or not group.durations:
        return
    speed = plan.distance / 1000 / (plan.duration / 3600)
    clock = group.durations[0]
    if speed > limits.max_speed_kmh(movement):
        if clock.kind == "clock" and clock.alt is not None:
            plan.duration = clock.alt
            speed = plan.distance / 1000 / (plan.duration / 3600)
        if speed > limits.max_speed_kmh(movement):
            raise _Reject(
                f"{number(plan.distance / 1000)} km in that time would be {number(speed)} km/h — "
                "please check the distance and time."
            )


def _sets(plan: _Plan, group: _Group) -> tuple[ParsedSet, ...]:
    rpes = group.rpe or []
    per_set = len(rpes) == len(plan.reps) and len(rpes) > 1
    rir = int(group.rir) if group.rir is not None else None
    duration = None if plan.duration is None else round(plan.duration)
    distance = None if plan.distance is None else round(plan.distance, 1)
    # Exact conversion (225 lb = 102.05828325 kg); rounding only drops binary noise.
    weight = None if plan.weight is None else round(plan.weight, 10)
    out = []
    for index, reps in enumerate(plan.reps):
        raw_rpe = rpes[index] if per_set else (rpes[-1] if rpes else None)
        rpe = raw_rpe if raw_rpe is not None and raw_rpe >= limits.MIN_STORED_RPE else None
        seconds = round(plan.holds[index]) if plan.holds else duration
        out.append(ParsedSet(reps, weight, rpe, rir, seconds, distance))
    return tuple(out)


# --- lines -------------------------------------------------------------------------------------


def _split_name(tokens: list[str], matcher: Matcher) -> tuple[list[str], list[str], MovementInfo | None]:
    """(name words, the rest, the movement when the name is an exact name or alias).

    The name is the first run of words that are not numbers or units: usually at the start
    ("bench 3x5 80"), sometimes after the numbers ("3x10 pull-ups", "5k run 24:10"). Within
    it the longest exact alias at its start wins ("bench press paused" → bench press).
    """
    start = 0
    while start < len(tokens) - 1 and tokens[start] in _FILLERS:
        start += 1
    body = tokens[start:]
    first = 0
    while first < len(body) and not _is_name_word(body[first]):
        first += 1
    run = first
    while run < len(body) and _is_name_word(body[run]):
        run += 1
    run -= first
    if not run:
        return [], body, None
    name = body[first : first + run]
    keyed = [name_key(t) for t in name[: matcher.max_words]]
    for k in range(len(keyed), 0, -1):
        found = matcher.by_key(" ".join(keyed[:k]))
        if found is not None:
            return name[:k], body[:first] + body[first + k :], found
    return name, body[:first] + body[first + run :], None


_SPEC_WORDS = frozenset(_UNITS) | {"x", "at", "for", "of", "in", "rpe", "rir"}
_SPECLIKE = re.compile(r"[@+\-]?[.\d]")
_LETTER = re.compile(r"[^\W\d_]")


def _is_name_word(token: str) -> bool:
    """Can this token be part of a movement name (not a number, unit or keyword)?"""
    return token not in _SPEC_WORDS and _SPECLIKE.match(token) is None and _LETTER.search(token) is not None


def _parse_line(raw: str, matcher: Matcher, unit: Unit) -> ParsedEntry | Unparsed:
    line = raw.strip()
    if "?" in line:
        return Unparsed(line, "That reads like a question, so I didn't log it.", NOT_A_LOG)
    cleaned = _clean(line)
    tokens = cleaned.split()
    if not tokens:
        return Unparsed(line, "There's nothing to log on this line.", NOT_A_LOG)
    name, rest, exact = _split_name(tokens, matcher)
    has_digits = _DIGIT.search(cleaned) is not None
    if not has_digits or not rest:
        known = matcher.exact(" ".join(name)) if name else None
        if known is not None:
            return Unparsed(
                line,
                f"I know {known.name}, but not what you did — add sets and reps, e.g. 'squat 3x5 100'.",
                INCOMPLETE,
            )
        return Unparsed(
            line, "Not a workout log: I see no exercise with sets, reps, time or distance.", NOT_A_LOG
        )
    if exact is None and recognize_quick_input(line) is not None:
        return Unparsed(
            line, "That's a check-in (soreness, sleep, energy or an activity), not a workout log.", NOT_A_LOG
        )
    try:
        spec = " ".join(rest)
        if _NEGATIVE.search(spec):
            raise _Reject("Negative numbers can't be logged — sets, reps and weights start at zero.")
        items, words = _items(_tokens(spec), unit)
        groups = _groups(items)
        endurance = _endurance_hint(groups)
        if exact is None and (len(name) > _MAX_NAME_WORDS or not name):
            return Unparsed(
                line, "Not a workout log: start the line with the exercise, e.g. 'bench 3x5 80'.", NOT_A_LOG
            )
        resolution = Resolution(exact) if exact is not None else matcher.resolve(" ".join(name), endurance)
        strong = any(g.has_sets() or g.weights or g.rpe for g in groups)
        if resolution.movement is None and not resolution.candidates and not strong:
            return Unparsed(line, "Not a workout log: I don't recognise an exercise here.", NOT_A_LOG)
        movement = resolution.movement or (resolution.candidates[0] if resolution.candidates else None)
        sets: list[ParsedSet] = []
        warnings: list[str] = []
        for group in groups:
            plan = _plan(group, movement, unit)
            warnings += _check_numbers(plan, group, movement)
            _pace_fix(plan, group, movement)
            sets.extend(_sets(plan, group))
        if len(sets) > limits.MAX_SETS_PER_ENTRY:
            raise _Reject(
                f"That's {len(sets)} sets on one line — split it up, at most {limits.MAX_SETS_PER_ENTRY}."
            )
        missing_load = any(s.weight_kg is None and s.reps is not None for s in sets)
        if missing_load and resolution.movement is not None and limits.is_loaded(resolution.movement):
            example = "135lb" if unit == "lb" else "60kg"
            raise _Reject(
                f"How much weight on {resolution.movement.name}? Add it to the line, e.g. '{line} {example}'.",
                INCOMPLETE,
            )
    except _Reject as reason:
        return Unparsed(line, str(reason), reason.kind)
    return ParsedEntry(
        input=line,
        movement=resolution.movement,
        sets=tuple(sets),
        name_text=" ".join(name),
        spec=spec,
        candidates=resolution.candidates,
        notes=" ".join(words) or None,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def parse_log(text: str, catalog: Catalog, *, unit: Unit = "kg") -> ParsedLog:
    """Read a quick log message. ``unit`` is what bare weights mean ("kg" or "lb")."""
    matcher = matcher_for(catalog)
    entries: list[ParsedEntry] = []
    unparsed: list[Unparsed] = []
    for raw in _LINES.split(text or ""):
        if not raw.strip():
            continue
        try:
            result = _parse_line(raw, matcher, unit)
        except Exception:  # a parser bug must never cost the lifter their message
            log.exception("quick-log parser failed on a line of %d characters", len(raw))
            result = Unparsed(raw.strip(), "I couldn't read this line — try e.g. 'bench 3x5 80'.", INVALID)
        if isinstance(result, ParsedEntry):
            entries.append(result)
        else:
            unparsed.append(result)
    return ParsedLog(tuple(entries), tuple(unparsed))


def looks_like_log(text: str, catalog: Catalog) -> bool:
    """True when the message clearly is a workout log, so the chat can log it without a command.

    Every line must be a log line (a known or nearly known exercise with sets, time or
    distance) or a correctable one; a single chatty line sends the message to the coach.
    """
    parsed = parse_log(text, catalog)
    if not parsed.entries:
        return False
    if any(u.kind == NOT_A_LOG for u in parsed.unparsed):
        return False
    return any(e.movement is not None or e.candidates for e in parsed.entries)
