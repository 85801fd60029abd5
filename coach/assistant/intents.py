"""The offline coach's ears: what a free-form message is asking for, without any model.

Lifters ask the same dozen things in a hundred spellings ("swap squats", "sub out the squat",
"can I do something else instead of squats"). Each intent has a short list of phrases; a
message matches a phrase exactly or, for words of four letters and more, through fuzzy matching
that forgives a typo ("exausted", "progess", "tommorow"). When a message hits several intents
the most specific wins (a time for a reminder beats "change"; a sore knee beats "today").
Movement names are found through the catalog's names and aliases ("rdls", "ohp"), with typos
forgiven too. Pure: text and catalog in, an ``Intent`` out.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from coach.catalog import Catalog


class IntentName(enum.StrEnum):
    CONFIRM = "confirm"
    DECLINE = "decline"
    REMINDER = "reminder"
    SHORT_ON_TIME = "short_on_time"
    PAIN = "pain"
    SWAP = "swap"
    RULE = "rule"
    SKIP = "skip"
    MOVE = "move"
    SORE = "sore"
    TIRED = "tired"
    EXPLAIN = "explain"
    PROGRESS = "progress"
    TODAY = "today"
    MENU = "menu"


@dataclass(frozen=True)
class Intent:
    name: IntentName
    #: Canonical names of the movements the message mentions, in the order written.
    movements: tuple[str, ...] = ()
    #: The words naming the exercise to replace ("the squats"), when the message says which.
    target: str | None = None
    #: The words naming what to do instead ("leg press"), when the message says.
    replacement: str | None = None
    body_part: str | None = None
    minutes: int | None = None
    reminder_at: dt.time | None = None
    reminder_off: bool = False
    #: A movement rule the message asks for: hard_no | hard_yes | preferred.
    rule: str | None = None


#: Phrases per intent. Single words match fuzzily (4+ letters); phrases match as written.
PHRASES: dict[IntentName, tuple[str, ...]] = {
    IntentName.REMINDER: ("remind", "reminder", "reminders", "notification", "notifications", "ping me", "alarm"),
    IntentName.SHORT_ON_TIME: (
        "short on time", "no time", "in a hurry", "quick session", "quick workout", "running late",
        "not much time", "little time", "pressed for time",
    ),
    IntentName.SWAP: (
        "swap", "switch", "replace", "substitute", "sub out", "sub in", "instead of", "alternative",
        "alternatives", "something else", "other exercise", "different exercise", "don't have a",
        "no barbell", "no rack", "machine is taken", "is taken", "occupied", "change the", "swap out",
    ),
    IntentName.SKIP: (
        "skip", "can't train", "cannot train", "can't make it", "no training today", "day off",
        "not training today", "cancel today", "won't make it", "miss today",
    ),
    IntentName.MOVE: (
        "move", "reschedule", "postpone", "tomorrow instead", "push today", "later this week",
        "another day", "train tomorrow",
    ),
    IntentName.SORE: ("sore", "soreness", "doms", "stiff", "achy", "aching", "beat up", "banged up"),
    IntentName.TIRED: (
        "tired", "exhausted", "fatigued", "knackered", "wiped", "drained", "sleepy", "burnt out",
        "burned out", "no energy", "low energy", "slept badly", "bad sleep", "didn't sleep",
        "poor sleep", "rough night", "sick", "ill", "cold", "flu", "hungover", "stressed",
    ),
    IntentName.EXPLAIN: (
        "explain", "how do i", "how to", "how should i", "what is", "what's a", "what are", "cues",
        "form", "technique", "why", "tips", "teach", "show me how", "difference between",
    ),
    IntentName.PROGRESS: (
        "progress", "how am i doing", "getting stronger", "stronger", "prs", "personal record",
        "personal best", "stats", "gains", "trend", "improving", "e1rm", "1rm", "numbers", "report",
    ),
    IntentName.TODAY: (
        "today", "today's", "todays", "workout", "session", "what's on", "whats on", "what am i doing",
        "what do i do", "plan for today", "what's next", "training", "program", "routine",
    ),
}  # fmt: skip

_CONFIRM = re.compile(
    r"^(yes|yep|yeah|yup|sure|ok|okay|k|do it|go ahead|sounds good|please do|apply( it)?|"
    r"yes please|let'?s do it|deal|perfect|great|swap it|go for it)[.!]*$"
)
_DECLINE = re.compile(r"^(no|nope|nah|no thanks|keep it|leave it|keep the plan|as planned|never ?mind)[.!]*$")
_REMINDER_OFF = re.compile(r"\b(off|stop|disable|no more|turn off|don't remind|dont remind|mute)\b")
_MINUTES = re.compile(r"\b(\d{1,3})\s*(?:min|mins|minutes|m)\b")
_HOURS = re.compile(r"\b(\d(?:\.\d)?|an|one|two|three)\s*(?:hours?|hrs?|h)\b")
_HOUR_WORDS = {"an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}
_ONLY = re.compile(r"\b(only|just|got|have|short|max|maximum|at most|about)\b")
_CLOCK = re.compile(
    r"\b(?:at\s+)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\s|$|[.,!?])", re.IGNORECASE
)
#: Movement preferences, strongest first; they only count when a movement is named.
_RULES = (
    ("hard_no", re.compile(
        r"\b(never (again|give|program|put|do|want)|no more|stop (giving|programming|putting)|i hate|"
        r"i can'?t stand|i refuse|ban|don'?t (ever )?(give|program|put) me|get rid of|remove)\b")),
    ("hard_yes", re.compile(r"\b(always (include|give|program|put|do|have)|every (week|session)|must have)\b")),
    ("preferred", re.compile(r"\b(i (really )?(love|like|enjoy|prefer)|more of|favou?rite)\b")),
)  # fmt: skip
_TO_FROM = re.compile(r"\b(?:with|for|to|by|into)\b")

#: Body parts lifters name, with the words that mean them.
BODY_PARTS: dict[str, tuple[str, ...]] = {
    "knee": ("knee", "knees"),
    "lower back": ("lower back", "low back", "lumbar"),
    "upper back": ("upper back", "traps", "trap"),
    "back": ("back",),
    "shoulder": ("shoulder", "shoulders", "rotator cuff", "delts", "delt"),
    "elbow": ("elbow", "elbows"),
    "wrist": ("wrist", "wrists"),
    "hip": ("hip", "hips", "groin"),
    "ankle": ("ankle", "ankles", "achilles", "foot", "feet", "shin", "shins"),
    "neck": ("neck",),
    "hamstrings": ("hamstring", "hamstrings", "hammies"),
    "quads": ("quad", "quads", "thighs"),
    "calves": ("calf", "calves"),
    "glutes": ("glute", "glutes", "butt"),
    "chest": ("chest", "pecs", "pec"),
    "arms": ("arm", "arms", "biceps", "bicep", "triceps", "tricep", "forearm", "forearms"),
    "legs": ("leg", "legs"),
    "core": ("abs", "core", "stomach", "obliques"),
}
_HURT = re.compile(
    r"\b(hurts?|hurting|pain|painful|ache|aches|aching|tweak(ed)?|niggle|injur(ed|y)|strain(ed)?|"
    r"pull(ed)?|sprain(ed)?|twinge|bothering|killing me|acting up|flar(ed|ing) up|irritated)\b"
)
_WORD = re.compile(r"[a-z0-9']+")
_STOPWORDS = frozenset(
    {
        "a", "an", "the", "my", "me", "i", "to", "for", "and", "or", "of", "in", "on", "at", "with",
        "do", "does", "is", "are", "be", "can", "could", "should", "would", "today", "todays", "it",
        "this", "that", "some", "something", "else", "please", "instead", "from", "what", "why",
        "how", "not",
    }
)  # fmt: skip


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("`", "'").split())


def _has_phrase(text: str, words: list[str], phrase: str) -> bool:
    if " " in phrase or "'" in phrase:
        return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None
    if phrase in words:
        return True
    if len(phrase) < 4:
        return False
    return any(len(w) >= 4 and abs(len(w) - len(phrase)) <= 2 and fuzz.ratio(w, phrase) >= 84 for w in words)


def _hits(text: str, words: list[str]) -> set[IntentName]:
    return {name for name, phrases in PHRASES.items() if any(_has_phrase(text, words, p) for p in phrases)}


def body_part(text: str) -> str | None:
    """The body part ``text`` names, the most specific first ("lower back" before "back")."""
    for part, spellings in BODY_PARTS.items():
        for spelling in spellings:
            if re.search(rf"\b{re.escape(spelling)}\b", text):
                return part
    return None


def reminder_time(text: str) -> dt.time | None:
    """A clock time in ``text``: "7am", "7:30 pm", "19:30", "at 6", "noon"."""
    if re.search(r"\bnoon\b|\bmidday\b", text):
        return dt.time(12, 0)
    for match in _CLOCK.finditer(text):
        hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        bare = match.group(2) is None and meridiem is None
        if bare and not match.group(0).lower().startswith("at"):
            continue  # a lone number ("3 sets") is not a time
        if minute > 59 or hour > 23:
            continue
        if meridiem:
            if hour > 12 or hour == 0:
                continue
            pm = meridiem.lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        return dt.time(hour, minute)
    return None


def _minutes(text: str) -> int | None:
    match = _MINUTES.search(text)
    if match:
        return int(match.group(1))
    hours = _HOURS.search(text)
    if hours:
        amount = hours.group(1)
        return round(_HOUR_WORDS.get(amount, 0.0) * 60 if amount in _HOUR_WORDS else float(amount) * 60)
    return None


#: Lower-cased names and aliases → canonical name, per catalog (catalogs are immutable).
_CHOICES: dict[int, tuple[Catalog, dict[str, str]]] = {}


def _choices(catalog: Catalog) -> dict[str, str]:
    cached = _CHOICES.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    names: dict[str, str] = {}
    for m in catalog.movements:
        for alias in m.aliases:
            names.setdefault(alias.lower(), m.name)
    for m in catalog.movements:
        names[m.name.lower()] = m.name
    if len(_CHOICES) > 8:
        _CHOICES.clear()
    _CHOICES[id(catalog)] = (catalog, names)
    return names


def _exact(catalog: Catalog, gram: str) -> str | None:
    hit = catalog.get(gram) or (catalog.get(gram[:-1]) if gram.endswith("s") else None)
    return hit.name if hit else None


def _fuzzy(catalog: Catalog, gram: str) -> str | None:
    choices = _choices(catalog)
    best = process.extractOne(gram, choices.keys(), scorer=fuzz.ratio, score_cutoff=85)
    return choices[best[0]] if best else None


def find_movements(text: str, catalog: Catalog, *, fuzzy: bool = True) -> list[tuple[str, str]]:
    """``(words, canonical name)`` for each movement named in ``text``, in the order written.

    Longer names before shorter ones, exact before fuzzy at each length (also without a plural
    "s"), so "bulgarian splt squats" is one typo'd Bulgarian Split Squat rather than a back
    squat. Fuzzy matches (with ``fuzzy``) need five letters or more and are one typo away from
    a name or alias.
    """
    words = _WORD.findall(text)
    found: list[tuple[int, str, str]] = []
    taken: set[int] = set()
    passes = [(_exact, (5, 4, 3, 2)), (_fuzzy, (3, 2)), (_exact, (1,)), (_fuzzy, (1,))]
    if not fuzzy:
        passes = [p for p in passes if p[0] is _exact]
    for lookup, sizes in passes:
        for size in sizes:
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & taken or words[start] in _STOPWORDS or words[start + size - 1] in _STOPWORDS:
                    continue
                gram = " ".join(words[start : start + size])
                if lookup is _fuzzy and len(gram.replace(" ", "")) < 5:
                    continue
                name = lookup(catalog, gram)
                if name is not None:
                    found.append((start, gram, name))
                    taken |= span
    found.sort()
    out: list[tuple[str, str]] = []
    for _, gram, name in found:
        if name not in (n for _, n in out):
            out.append((gram, name))
    return out


def _swap_parts(text: str) -> tuple[str | None, str | None]:
    """Split "swap squats for leg press" into ("squats", "leg press")."""
    match = re.search(
        r"\b(?:swap|switch|replace|substitute|sub(?: out)?|change|instead of|alternatives? (?:to|for))\s+"
        r"(?:out\s+)?(?:the\s+|my\s+|today's\s+)?(.+)",
        text,
    )
    if not match:
        return None, None
    rest = match.group(1).strip(" ?.!")
    pieces = _TO_FROM.split(rest, maxsplit=1)
    target = pieces[0].strip(" ?.!,") or None
    replacement = pieces[1].strip(" ?.!,") if len(pieces) > 1 else None
    vague = ("something", "something else", "anything", "an exercise", "exercise", "it", "one", "else")
    if target in vague:
        target = None
    if replacement in vague:
        replacement = None
    return target, replacement or None


_PRIORITY = (
    IntentName.REMINDER,
    IntentName.SHORT_ON_TIME,
    IntentName.PAIN,
    IntentName.SWAP,
    IntentName.RULE,
    IntentName.SKIP,
    IntentName.MOVE,
    IntentName.SORE,
    IntentName.TIRED,
    IntentName.EXPLAIN,
    IntentName.PROGRESS,
    IntentName.TODAY,
)


def answer_to_offer(text: str) -> IntentName | None:
    """``CONFIRM`` for a plain yes, ``DECLINE`` for a plain no, ``None`` for anything else."""
    bare = normalise(text).strip(" .!?")
    if _CONFIRM.match(bare):
        return IntentName.CONFIRM
    if _DECLINE.match(bare):
        return IntentName.DECLINE
    return None


def match(text: str, catalog: Catalog) -> Intent:
    """The intent of one free-form message."""
    settled = answer_to_offer(text)
    if settled is not None:
        return Intent(settled)
    clean = normalise(text)
    words = _WORD.findall(clean)
    hits = _hits(clean, words)
    part = body_part(clean)
    if part and _HURT.search(clean):
        hits.add(IntentName.PAIN)
    minutes = _minutes(clean)
    if minutes is not None and (_ONLY.search(clean) or IntentName.SHORT_ON_TIME in hits) and minutes <= 180:
        hits.add(IntentName.SHORT_ON_TIME)
    if IntentName.REMINDER in hits:
        off = bool(_REMINDER_OFF.search(clean))
        return Intent(
            IntentName.REMINDER, reminder_at=None if off else reminder_time(clean), reminder_off=off
        )
    movements = tuple(name for _, name in find_movements(clean, catalog))
    if IntentName.MOVE in hits and IntentName.SKIP not in hits and movements and "move" in words:
        hits.discard(IntentName.MOVE)  # "move" is also what a lift is called
    rule = next((r for r, pattern in _RULES if pattern.search(clean)), None) if movements else None
    if rule is not None:
        hits.add(IntentName.RULE)
    if IntentName.EXPLAIN in hits and not movements:
        hits.discard(IntentName.EXPLAIN)
    if IntentName.SWAP in hits:
        target, replacement = _swap_parts(clean)
    else:
        target = replacement = None
    for name in _PRIORITY:
        if name in hits:
            return Intent(
                name,
                movements=movements,
                target=target,
                replacement=replacement,
                body_part=part,
                minutes=minutes if name is IntentName.SHORT_ON_TIME else None,
                rule=rule if name is IntentName.RULE else None,
            )
    if movements and re.search(r"\?$|^(what|how|why|is|are|should)\b", clean):
        return Intent(IntentName.EXPLAIN, movements=movements)
    return Intent(IntentName.MENU, movements=movements, body_part=part)
