"""Check-ins in a few keystrokes: soreness, readiness and the sport a lifter played.

"sore quads 3", "legs 4/5", "slept 6h30", "hrv 55", "energy 2/5", "tennis 90 min" — each is
what tomorrow's adaptation needs to know. ``recognize`` is pure: it returns what the message
says, or ``None`` when the message is something else (a workout log, a question), so the
chat can try it first and fall through. Every part of the message must be a check-in, so a
sentence that merely mentions sleep goes to the coach instead.

Soreness names are mapped to the schema's muscles ("legs" = quadriceps, hamstrings, glutes),
so the engine can compare them with a session's muscles without guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.enums import EnjoyableActivity, PrimaryMuscle

M = PrimaryMuscle

#: What lifters call their muscles → the schema's muscles.
BODY_PARTS: dict[str, tuple[PrimaryMuscle, ...]] = {
    "quads": (M.QUADRICEPS,), "quad": (M.QUADRICEPS,), "quadriceps": (M.QUADRICEPS,), "thighs": (M.QUADRICEPS,),
    "hamstrings": (M.HAMSTRINGS,), "hamstring": (M.HAMSTRINGS,), "hams": (M.HAMSTRINGS,),
    "glutes": (M.GLUTES,), "glute": (M.GLUTES,), "butt": (M.GLUTES,), "bum": (M.GLUTES,),
    "calves": (M.CALVES,), "calf": (M.CALVES,),
    "chest": (M.CHEST,), "pecs": (M.CHEST,), "pec": (M.CHEST,),
    "lats": (M.LATS,), "lat": (M.LATS,),
    "upper back": (M.UPPER_BACK,), "traps": (M.UPPER_BACK,), "trap": (M.UPPER_BACK,),
    "lower back": (M.LOWER_BACK,), "low back": (M.LOWER_BACK,),
    "back": (M.LATS, M.UPPER_BACK, M.LOWER_BACK),
    "shoulders": (M.FRONT_DELTS, M.SIDE_DELTS, M.REAR_DELTS), "shoulder": (M.FRONT_DELTS, M.SIDE_DELTS, M.REAR_DELTS),
    "delts": (M.FRONT_DELTS, M.SIDE_DELTS, M.REAR_DELTS),
    "front delts": (M.FRONT_DELTS,), "side delts": (M.SIDE_DELTS,), "rear delts": (M.REAR_DELTS,),
    "biceps": (M.BICEPS,), "bicep": (M.BICEPS,), "bis": (M.BICEPS,),
    "triceps": (M.TRICEPS,), "tricep": (M.TRICEPS,), "tris": (M.TRICEPS,),
    "arms": (M.BICEPS, M.TRICEPS, M.FOREARMS),
    "forearms": (M.FOREARMS,), "forearm": (M.FOREARMS,), "grip": (M.FOREARMS,),
    "abs": (M.CORE,), "core": (M.CORE,), "obliques": (M.OBLIQUES,),
    "hips": (M.HIP_FLEXORS,), "hip flexors": (M.HIP_FLEXORS,), "hip flexor": (M.HIP_FLEXORS,),
    "adductors": (M.ADDUCTORS,), "adductor": (M.ADDUCTORS,), "groin": (M.ADDUCTORS,), "adds": (M.ADDUCTORS,),
    "legs": (M.QUADRICEPS, M.HAMSTRINGS, M.GLUTES), "leg": (M.QUADRICEPS, M.HAMSTRINGS, M.GLUTES),
    "upper body": (M.CHEST, M.LATS, M.UPPER_BACK, M.FRONT_DELTS, M.SIDE_DELTS, M.BICEPS, M.TRICEPS),
    "lower body": (M.QUADRICEPS, M.HAMSTRINGS, M.GLUTES, M.CALVES, M.ADDUCTORS),
    "everything": (M.FULL_BODY,), "whole body": (M.FULL_BODY,), "full body": (M.FULL_BODY,),
    "all over": (M.FULL_BODY,),
}  # fmt: skip

#: Sports and pastimes → the activity they are (the library's activity definitions).
ACTIVITIES: dict[str, EnjoyableActivity] = {
    "tennis": EnjoyableActivity.TENNIS, "padel": EnjoyableActivity.TENNIS,
    "bouldering": EnjoyableActivity.BOULDERING, "climbing": EnjoyableActivity.BOULDERING,
    "rock climbing": EnjoyableActivity.BOULDERING,
    "basketball": EnjoyableActivity.BASKETBALL, "hoops": EnjoyableActivity.BASKETBALL,
    "football": EnjoyableActivity.FOOTBALL, "soccer": EnjoyableActivity.FOOTBALL, "futsal": EnjoyableActivity.FOOTBALL,
    "yoga": EnjoyableActivity.YOGA,
    "martial arts": EnjoyableActivity.MARTIAL_ARTS, "bjj": EnjoyableActivity.MARTIAL_ARTS,
    "jiu jitsu": EnjoyableActivity.MARTIAL_ARTS, "judo": EnjoyableActivity.MARTIAL_ARTS,
    "boxing": EnjoyableActivity.MARTIAL_ARTS, "kickboxing": EnjoyableActivity.MARTIAL_ARTS,
    "karate": EnjoyableActivity.MARTIAL_ARTS, "mma": EnjoyableActivity.MARTIAL_ARTS,
    "muay thai": EnjoyableActivity.MARTIAL_ARTS, "wrestling": EnjoyableActivity.MARTIAL_ARTS,
    "taekwondo": EnjoyableActivity.MARTIAL_ARTS,
    "dance": EnjoyableActivity.DANCE, "dancing": EnjoyableActivity.DANCE, "salsa": EnjoyableActivity.DANCE,
    "golf": EnjoyableActivity.OTHER, "volleyball": EnjoyableActivity.OTHER, "badminton": EnjoyableActivity.OTHER,
    "squash": EnjoyableActivity.OTHER, "pilates": EnjoyableActivity.OTHER, "skiing": EnjoyableActivity.OTHER,
    "snowboarding": EnjoyableActivity.OTHER, "surfing": EnjoyableActivity.OTHER, "skating": EnjoyableActivity.OTHER,
    "rugby": EnjoyableActivity.OTHER, "hockey": EnjoyableActivity.OTHER, "baseball": EnjoyableActivity.OTHER,
    "cricket": EnjoyableActivity.OTHER, "table tennis": EnjoyableActivity.OTHER, "ping pong": EnjoyableActivity.OTHER,
    "frisbee": EnjoyableActivity.OTHER, "gardening": EnjoyableActivity.OTHER,
}  # fmt: skip

#: The library's activity definition for each activity (``db/data/activities.yaml`` names).
ACTIVITY_DEFINITIONS: dict[EnjoyableActivity, str] = {
    EnjoyableActivity.TENNIS: "Tennis",
    EnjoyableActivity.BOULDERING: "Bouldering",
    EnjoyableActivity.CYCLING: "Cycling",
    EnjoyableActivity.SWIMMING: "Swimming",
    EnjoyableActivity.HIKING: "Hiking",
    EnjoyableActivity.BASKETBALL: "Basketball",
    EnjoyableActivity.FOOTBALL: "Football",
    EnjoyableActivity.YOGA: "Yoga",
    EnjoyableActivity.MARTIAL_ARTS: "Martial Arts",
    EnjoyableActivity.DANCE: "Dance",
    EnjoyableActivity.OTHER: "Other Activity",
}


@dataclass(frozen=True, slots=True)
class Soreness:
    body_part: str  # as the lifter wrote it
    muscles: tuple[PrimaryMuscle, ...]
    level: int  # 1 = none … 5 = severe


@dataclass(frozen=True, slots=True)
class Readiness:
    sleep_hours: float | None = None
    sleep_score: float | None = None
    hrv: float | None = None
    resting_hr: int | None = None
    energy_1_5: int | None = None
    readiness: float | None = None  # 0-100

    def merged(self, other: Readiness) -> Readiness:
        return Readiness(
            *(b if b is not None else a for a, b in zip(self._values(), other._values(), strict=True))
        )

    def _values(self) -> tuple[float | int | None, ...]:
        return (
            self.sleep_hours,
            self.sleep_score,
            self.hrv,
            self.resting_hr,
            self.energy_1_5,
            self.readiness,
        )


@dataclass(frozen=True, slots=True)
class Activity:
    activity: EnjoyableActivity
    label: str
    duration_seconds: int | None = None
    perceived_difficulty: int | None = None


@dataclass(frozen=True, slots=True)
class QuickInput:
    soreness: tuple[Soreness, ...] = ()
    readiness: Readiness | None = None
    activities: tuple[Activity, ...] = ()
    #: Numbers out of range: a correction request, and nothing is saved.
    errors: tuple[str, ...] = ()


_NUM = r"(\d+(?:[.,]\d+)?)"
_SCALE = rf"{_NUM}(?:\s*(?:/|out of|of)\s*(5|10))?"
_PART_NAMES = "|".join(sorted((re.escape(k) for k in BODY_PARTS), key=len, reverse=True))
_PART = rf"(?:my\s+)?(?P<part>{_PART_NAMES})"
_SORE = r"(?:sore(?:ness)?|doms|achy|aching|tight)"
_SORENESS = [
    re.compile(
        rf"^{_SORE}\s*(?:in\s+)?(?:my\s+)?(?P<part>{_PART_NAMES})\s*(?:is|are|at|:|-)?\s*(?P<n>{_SCALE})$"
    ),
    re.compile(rf"^{_PART}\s*(?:is|are|feel|feels)?\s*{_SORE}\s*(?:at|:|-)?\s*(?P<n>{_SCALE})?$"),
    re.compile(rf"^{_PART}\s*(?:is|are|at|:|-)?\s*(?P<n>{_NUM}\s*(?:/|out of)\s*(?:5|10))$"),
    re.compile(rf"^{_PART}\s+(?P<n>[1-5])$"),
]
_DURATION = (
    r"(?P<dur>(?:\d+(?:[.,]\d+)?\s*(?:h|hr|hrs|hour|hours)(?:\s*\d+\s*(?:m|min|mins|minutes)?)?)"
    r"|(?:\d+\s*(?:m|min|mins|minutes))|(?:\d{1,2}:\d{2})|(?:an?\s+hour(?:\s+and\s+a\s+half)?)|(?:half\s+an\s+hour))"
)
_ACTIVITY_NAMES = "|".join(sorted((re.escape(k) for k in ACTIVITIES), key=len, reverse=True))
_ACTIVITY = re.compile(
    rf"^(?P<verb>(?:played|did|went|had|some|a|an|went to|did some|played some)\s+)?"
    rf"(?P<act>{_ACTIVITY_NAMES})(?:\s+(?:class|session|match|game|practice|training))?"
    rf"(?:\s*(?:for)?\s*{_DURATION})?"
    rf"(?:\s*(?:@|rpe)\s*(?P<rpe>\d+(?:[.,]\d)?))?$"
)
_READINESS = [
    ("sleep", re.compile(
        r"^(?:slept|sleep|sleeping)\s*(?:for|was|:)?\s*(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)?"
        r"(?:\s*(?P<m>\d+)\s*(?:m|min|mins|minutes)?)?$")),
    ("sleep", re.compile(r"^(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)(?:\s*(?P<m>\d+)\s*(?:m|min)?)?\s+(?:of\s+)?sleep$")),
    ("sleep_clock", re.compile(r"^(?:slept|sleep)\s*(?:for|:)?\s*(?P<h>\d{1,2}):(?P<m>\d{2})$")),
    ("sleep_score", re.compile(r"^sleep\s+score\s*(?:is|was|:)?\s*(?P<v>\d+(?:[.,]\d+)?)$")),
    ("hrv", re.compile(r"^hrv\s*(?:is|was|:|of)?\s*(?P<v>\d+(?:[.,]\d+)?)\s*(?:ms)?$")),
    ("resting_hr", re.compile(
        r"^(?:rhr|resting\s+hr|resting\s+heart\s*rate|resting\s+pulse)\s*(?:is|was|:|of)?\s*(?P<v>\d+)\s*(?:bpm)?$")),
    ("energy", re.compile(rf"^(?:energy|energy\s+level)\s*(?:is|was|at|:|-)?\s*(?P<v>{_NUM})(?:\s*(?:/|out of)\s*(?P<s>5|10))?$")),
    ("readiness", re.compile(rf"^(?:readiness|ready)\s*(?:is|was|at|:|-)?\s*(?P<v>{_NUM})(?:\s*(?:/|out of)\s*(?P<s>10|100))?$")),
]  # fmt: skip
_PARTS = re.compile(r"\s*(?:[,;\n]|\band\b|\+)\s*")
_JUNK = re.compile(r"[^\w\s.,:/@+#'\-]")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _to_five(value: float, scale: str | None) -> float:
    """A 1-5 rating from ``3``, ``3/5`` or ``7/10``."""
    if scale == "10":
        return 1 + round(value / 10 * 4)
    return value


def _duration_seconds(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if "half an hour" in text:
        return 1800
    if text.startswith(("an hour", "a hour")):
        return 5400 if "half" in text else 3600
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if clock:
        return int(clock.group(1)) * 3600 + int(clock.group(2)) * 60
    hours = re.match(r"(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours)(?:\s*(\d+))?", text)
    if hours:
        return int(_number(hours.group(1)) * 3600 + int(hours.group(2) or 0) * 60)
    minutes = re.match(r"(\d+)", text)
    return int(minutes.group(1)) * 60 if minutes else None


def _soreness(part: str) -> Soreness | str | None:
    for pattern in _SORENESS:
        m = pattern.match(part)
        if not m:
            continue
        body = m.group("part")
        raw = m.group("n")
        if raw is None:
            level = 3.0
        else:
            scaled = re.match(_SCALE, raw)
            assert scaled is not None
            level = _to_five(_number(scaled.group(1)), scaled.group(2))
        if level != int(level) or not 1 <= level <= 5:
            return f"Soreness goes from 1 (none) to 5 (severe) — how sore, from 1 to 5? e.g. 'sore {body} 3'."
        return Soreness(body, BODY_PARTS[body], int(level))
    return None


def _readiness(part: str) -> Readiness | str | None:
    for kind, pattern in _READINESS:
        m = pattern.match(part)
        if not m:
            continue
        if kind in ("sleep", "sleep_clock"):
            hours = _number(m.group("h")) + int(m.group("m") or 0) / 60
            if not 0 < hours <= 24:
                return "Sleep is counted in hours, 0 to 24 — e.g. 'slept 7h30'."
            return Readiness(sleep_hours=round(hours, 2))
        value = _number(m.group("v"))
        if kind == "sleep_score":
            if not 0 <= value <= 100:
                return "A sleep score runs from 0 to 100."
            return Readiness(sleep_score=value)
        if kind == "hrv":
            if not 5 <= value <= 300:
                return "HRV is usually 5–300 ms — what did your device say?"
            return Readiness(hrv=value)
        if kind == "resting_hr":
            if not 20 <= value <= 250:
                return "A resting heart rate between 20 and 250 bpm, please."
            return Readiness(resting_hr=int(value))
        if kind == "energy":
            energy = _to_five(value, m.group("s"))
            if energy != int(energy) or not 1 <= energy <= 5:
                return "Energy goes from 1 (empty) to 5 (great) — e.g. 'energy 3/5'."
            return Readiness(energy_1_5=int(energy), readiness=float((energy - 1) * 25))
        scale = m.group("s")
        readiness = value * 10 if scale == "10" else value
        if not 0 <= readiness <= 100:
            return "Readiness runs from 0 to 100 (or 0 to 10 with '/10')."
        return Readiness(readiness=readiness)
    return None


def _activity(part: str) -> Activity | str | None:
    m = _ACTIVITY.match(part)
    if not m:
        return None
    if not m.group("dur") and not m.group("verb") and not m.group("rpe"):
        return None
    seconds = _duration_seconds(m.group("dur"))
    if seconds is not None and not 0 < seconds <= 12 * 3600:
        return "That's a long game! Give the duration in minutes or hours, up to 12 hours."
    difficulty = None
    if m.group("rpe"):
        rpe = _number(m.group("rpe"))
        if not 1 <= rpe <= 10:
            return "How hard was it, 1 to 10?"
        difficulty = round(rpe)
    name = m.group("act")
    return Activity(ACTIVITIES[name], name, seconds, difficulty)


def recognize(text: str) -> QuickInput | None:
    """What a check-in message says, or ``None`` if any part of it is not a check-in."""
    cleaned = _DECIMAL_COMMA.sub(".", _JUNK.sub(" ", (text or "").lower())).strip()
    if not cleaned or len(cleaned) > 200 or "?" in (text or ""):
        return None
    soreness: list[Soreness] = []
    readiness: Readiness | None = None
    activities: list[Activity] = []
    errors: list[str] = []
    for part in _PARTS.split(cleaned):
        part = " ".join(part.split())
        if not part:
            continue
        for reader in (_soreness, _readiness, _activity):
            found = reader(part)
            if found is not None:
                break
        else:
            return None
        if isinstance(found, str):
            errors.append(found)
        elif isinstance(found, Soreness):
            soreness.append(found)
        elif isinstance(found, Readiness):
            readiness = found if readiness is None else readiness.merged(found)
        else:
            activities.append(found)
    if not (soreness or readiness or activities or errors):
        return None
    return QuickInput(tuple(soreness), readiness, tuple(activities), tuple(errors))
