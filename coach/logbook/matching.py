"""Movement names as lifters type them: exact aliases first, then forgiving guesses.

A lifter types "squats", "db incline press", "deadlfit" or "row". The matcher tries, in
order: the exact name or alias (ignoring case, hyphens, apostrophes); the same with plurals
and gym abbreviations undone; the names a few typos away (a swapped pair of letters is one
typo, longer names forgive more); and last, every movement whose name contains the words
typed. When two movements are about equally likely it returns both,
so the coach can ask with buttons instead of guessing.

Building the lookup structures costs a few milliseconds, so one ``Matcher`` is kept per
catalog (``matcher_for``) and resolutions are cached: a busy bot resolves the same few
hundred spellings over and over.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from coach.catalog import Catalog, MovementInfo
from coach.logbook.limits import is_endurance, is_loaded
from db.enums import MetricType

MAX_CANDIDATES = 4

#: The library's best-known movements (interfaces.md promises them by name). When a vague
#: word matches many movements, these are offered first.
WELL_KNOWN = frozenset(
    {
        "Barbell Back Squat", "Front Squat", "Goblet Squat", "Leg Press", "Bulgarian Split Squat",
        "Walking Lunge", "Conventional Deadlift", "Romanian Deadlift", "Hip Thrust", "Kettlebell Swing",
        "Barbell Bench Press", "Dumbbell Bench Press", "Incline Dumbbell Press", "Push-Up", "Dip",
        "Overhead Press", "Pull-Up", "Chin-Up", "Lat Pulldown", "Barbell Row", "Seated Cable Row",
        "Face Pull", "Lateral Raise", "Barbell Curl", "Triceps Pushdown", "Standing Calf Raise", "Plank",
        "Hanging Leg Raise", "Pallof Press", "Farmer's Carry", "Box Jump", "Power Clean", "Running",
        "Rowing Machine", "Cycling",
    }
)  # fmt: skip

#: Common lifts beyond those, offered next.
POPULAR = frozenset(
    {
        "One-Arm Dumbbell Row", "Incline Barbell Bench Press", "Dumbbell Curl", "Hammer Curl", "Leg Extension",
        "Lying Leg Curl", "Seated Leg Curl", "Hack Squat", "Sumo Deadlift", "Trap Bar Deadlift",
        "Close-Grip Bench Press", "Skull Crusher", "Cable Crossover", "Dumbbell Fly", "Machine Chest Press",
        "Chest-Supported Row", "T-Bar Row", "Cable Lateral Raise", "Rear Delt Fly", "Seated Dumbbell Shoulder Press",
        "Arnold Press", "Push Press", "Good Morning", "Step-Up", "Reverse Lunge", "Glute Bridge", "Seated Calf Raise",
        "Ab Wheel Rollout", "Crunch", "Treadmill Run", "Walking", "Assault Bike", "Jump Rope", "Machine Row",
    }
)  # fmt: skip

#: Gym shorthand, expanded before guessing ("db incline press" → "dumbbell incline press").
ABBREVIATIONS = {
    "db": "dumbbell",
    "dbs": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "kbs": "kettlebell",
    "sl": "single leg",
    "cg": "close grip",
    "bw": "bodyweight",
    "ez": "ez bar",
    "alt": "alternating",
    "inc": "incline",
    "ext": "extension",
    "tri": "triceps",
    "tris": "triceps",
    "bi": "biceps",
    "bis": "biceps",
    "oh": "overhead",
    "rev": "reverse",
    "mach": "machine",
}

_KEY_TABLE = str.maketrans({"-": " ", "_": " ", "/": " ", "'": None, "’": None, "`": None, ".": None})


def name_key(text: str) -> str:
    """The comparable form of a name: lowercase, no apostrophes or dots, hyphens as spaces."""
    return " ".join(text.lower().translate(_KEY_TABLE).split())


def _allowed_edits(length: int) -> int:
    """Typos forgiven by name length: none for "ohp", one for "bech", three for long names."""
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    if length <= 11:
        return 2
    return 3


def _typo_of(typed: str, name: str) -> bool:
    """Every word within its own typo budget: "decline crunch" is not a typo of "decline bench".

    With a different number of words only a missing or extra space is forgiven ("benchpress").
    """
    typed_words, name_words = typed.split(), name.split()
    if len(typed_words) != len(name_words):
        return OSA.distance(typed, name) <= 1
    return all(
        OSA.distance(a, b) <= _allowed_edits(len(b)) for a, b in zip(typed_words, name_words, strict=True)
    )


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _variants(key: str) -> list[str]:
    """The key, then with plurals and abbreviations undone (most literal first)."""
    words = key.split()
    expanded = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    singular = " ".join(_singular(w) for w in words)
    both = " ".join(_singular(w) for w in expanded.split())
    out: list[str] = []
    for candidate in (key, singular, expanded, both):
        if candidate and candidate not in out:
            out.append(candidate)
    return out


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a typed name refers to: one movement, several close ones, or nothing."""

    movement: MovementInfo | None
    candidates: tuple[MovementInfo, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.movement is None and bool(self.candidates)


_NOTHING = Resolution(None)


def _rank(movement: MovementInfo) -> tuple[int, bool, bool, int, str]:
    """Which of several candidates to offer first: the staples, then compound loaded lifts."""
    tier = 0 if movement.name in WELL_KNOWN else 1 if movement.name in POPULAR else 2
    return (tier, not movement.compound, not is_loaded(movement), len(movement.name), movement.name)


def _fits(movement: MovementInfo, endurance: bool | None) -> bool:
    """Cardio spellings ("row 2000m") look among cardio; sets of reps look among lifts."""
    if endurance is None:
        return True
    cardio_like = is_endurance(movement) or movement.metric_type is MetricType.DISTANCE
    return cardio_like if endurance else not is_endurance(movement)


class Matcher:
    def __init__(self, catalog: Catalog) -> None:
        exact: dict[str, MovementInfo] = {}
        clashes: dict[str, set[str]] = {}
        for m in catalog.movements:
            for alias in m.aliases:
                key = name_key(alias)
                if key in exact and exact[key].name != m.name:
                    clashes.setdefault(key, {exact[key].name}).add(m.name)
                exact.setdefault(key, m)
        names = {name_key(m.name): m for m in catalog.movements}
        exact.update(names)  # canonical names win over anyone's alias
        by_name = {m.name: m for m in catalog.movements}
        self._exact = exact
        self._clashes = {
            key: tuple(sorted((by_name[n] for n in found), key=_rank))
            for key, found in clashes.items()
            if key not in names
        }
        self._keys = list(exact)
        self._sorted_keys = [" ".join(sorted(k.split())) for k in self._keys]
        self._key_words = [frozenset(k.split()) for k in self._keys]
        self.max_words = max((len(k.split()) for k in self._keys), default=1)
        self.resolve = lru_cache(maxsize=8192)(self._resolve)

    def exact(self, text: str) -> MovementInfo | None:
        """A name or alias exactly as typed (case, hyphens and apostrophes aside)."""
        return self._exact.get(name_key(text))

    def by_key(self, key: str) -> MovementInfo | None:
        """Like ``exact`` for a text already passed through ``name_key`` (the parser's hot path)."""
        return self._exact.get(key)

    def _resolve(self, text: str, endurance: bool | None = None) -> Resolution:
        key = name_key(text)
        if not key:
            return _NOTHING
        for variant in _variants(key):
            if variant in self._clashes:
                return Resolution(None, self._clashes[variant][:MAX_CANDIDATES])
            found = self._exact.get(variant)
            if found is not None:
                return Resolution(found)
        variants = _variants(key)
        guess = self._fuzzy(variants[-1], endurance)
        if guess is not _NOTHING:
            return guess
        return self._containing(variants[-1], endurance)

    def _fuzzy(self, key: str, endurance: bool | None) -> Resolution:
        """Typos: the fewest single-letter edits (a swapped pair counts once), longer names tolerating more."""
        allowed = _allowed_edits(len(key))
        if allowed == 0:
            return _NOTHING
        best: dict[str, tuple[int, MovementInfo]] = {}
        sorted_key = " ".join(sorted(key.split()))
        for query, choices in ((key, self._keys), (sorted_key, self._sorted_keys)):
            for choice, distance, index in process.extract(
                query, choices, scorer=OSA.distance, limit=12, score_cutoff=allowed + 1
            ):
                movement = self._exact[self._keys[index]]
                if not _fits(movement, endurance) or not _typo_of(query, choice):
                    continue
                if movement.name not in best or best[movement.name][0] > distance:
                    best[movement.name] = (int(distance), movement)
        if not best:
            return _NOTHING
        ranked = sorted(best.values(), key=lambda pair: (pair[0], _rank(pair[1])))
        top_distance, top = ranked[0]
        tied = [m for distance, m in ranked[1:] if distance == top_distance]
        if top_distance <= allowed and not tied:
            return Resolution(top)
        near = [m for distance, m in ranked if distance <= top_distance + 1]
        return Resolution(None, tuple(near[:MAX_CANDIDATES]))

    def _containing(self, key: str, endurance: bool | None) -> Resolution:
        """Every movement whose name or alias holds each typed word (or a word starting with it)."""
        words = [w for w in key.split() if len(w) >= 3]
        if not words:
            return _NOTHING
        found: dict[str, MovementInfo] = {}
        for index, key_words in enumerate(self._key_words):
            if all(any(k == w or k.startswith(w) for k in key_words) for w in words):
                movement = self._exact[self._keys[index]]
                if _fits(movement, endurance):
                    found[movement.name] = movement
        if not found:
            return _NOTHING

        def order(movement: MovementInfo) -> tuple[object, ...]:
            """Names that say the words (better: start with them) before aliases that do."""
            name = name_key(movement.name)
            tier, *rest = _rank(movement)
            return (not all(w in name for w in words), tier, not name.startswith(words[0]), *rest)

        ranked = sorted(found.values(), key=order)
        if len(ranked) == 1:
            return Resolution(ranked[0])
        return Resolution(None, tuple(ranked[:MAX_CANDIDATES]))


_MATCHERS: dict[int, tuple[weakref.ref[Catalog], Matcher]] = {}


def matcher_for(catalog: Catalog) -> Matcher:
    """The catalog's matcher, built on first use and dropped with the catalog."""
    entry = _MATCHERS.get(id(catalog))
    if entry is not None and entry[0]() is catalog:
        return entry[1]
    matcher = Matcher(catalog)
    key = id(catalog)
    _MATCHERS[key] = (weakref.ref(catalog, lambda _ref: _MATCHERS.pop(key, None)), matcher)
    return matcher
