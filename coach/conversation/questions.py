"""The profile questions: how each is asked, and how a tap or a typed answer fills it in.

Onboarding walks through them in order; later, /settings and /program reopen any single one
("any step can be changed later"). Every question works with buttons alone; typing is an
optional shortcut. Answers collect in a plain dict that becomes a ``coach.profile.Profile``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from coach.clock import local_now
from coach.conversation import parsing
from coach.conversation.incoming import Channel
from coach.conversation.turn import Turn
from coach.errors import InvalidInput
from coach.logbook.parser import looks_like_log
from coach.persona import AGGRESSION_LABELS, VOICES
from coach.profile import EQUIPMENT_PRESETS, Profile
from coach.reminders.settings import parse_time, parse_timezone
from coach.replies import Button
from db.enums import (
    EnjoyableActivity,
    ExperienceLevel,
    Goal,
    MovementRuleType,
    PersonaAggression,
    PersonaTone,
)
from db.library import EQUIPMENT

Answers = dict[str, Any]


class Result(enum.Enum):
    DONE = "done"  # the question is answered: move on
    STAY = "stay"  # a toggle or a sub-step: the same question again (its message is edited)
    SHOWN = "shown"  # the handler already replied (an error, a search result); nothing else to do


@dataclass(frozen=True)
class Question:
    code: str
    title: str
    ask: Callable[[Turn, Answers, Callable[..., Button]], Awaitable[None]]
    press: Callable[[Turn, Answers, tuple[str, ...]], Awaitable[Result]]
    typed: Callable[[Turn, Answers, str, Callable[..., Button]], Awaitable[Result | None]]
    hint: str
    summary: Callable[[Answers], str]


GOAL_LABELS = {
    Goal.STRENGTH: "💪 Strength",
    Goal.HYPERTROPHY: "🧱 Muscle size",
    Goal.ENDURANCE: "🫀 Endurance",
    Goal.FAT_LOSS: "🔥 Fat loss",
    Goal.MOBILITY: "🧘 Mobility",
    Goal.EXPLOSIVENESS: "⚡ Explosiveness",
    Goal.SPEED: "🏃 Speed",
}
_GOAL_WORDS = {g.value.replace("_", " "): g.value for g in Goal} | {
    "muscle": "hypertrophy", "muscle size": "hypertrophy", "size": "hypertrophy", "mass": "hypertrophy",
    "bodybuilding": "hypertrophy", "cardio": "endurance", "conditioning": "endurance", "lose fat": "fat_loss",
    "weight loss": "fat_loss", "lose weight": "fat_loss", "cut": "fat_loss", "flexibility": "mobility",
    "power": "explosiveness", "athleticism": "explosiveness", "strong": "strength", "sprint": "speed",
}  # fmt: skip
DEFAULT_WEIGHTS = {1: (10,), 2: (6, 4), 3: (5, 3, 2)}

EXPERIENCE = {
    ExperienceLevel.BEGINNER: ("🌱 Beginner", "new to lifting or back after a long break"),
    ExperienceLevel.INTERMEDIATE: ("📈 Intermediate", "a year or more of steady training"),
    ExperienceLevel.ADVANCED: ("🏋️ Advanced", "several years; progress comes slowly"),
    ExperienceLevel.EXPERT: ("🏆 Expert", "competitive or coached for years"),
}
_EXPERIENCE_WORDS = {e.value: e.value for e in ExperienceLevel} | {
    "new": "beginner", "novice": "beginner", "newbie": "beginner", "starter": "beginner",
    "intermediate lifter": "intermediate", "experienced": "advanced", "pro": "expert", "elite": "expert",
}  # fmt: skip

ACTIVITY_LABELS = {
    EnjoyableActivity.TENNIS: "🎾 Tennis",
    EnjoyableActivity.BOULDERING: "🧗 Bouldering",
    EnjoyableActivity.CYCLING: "🚴 Cycling",
    EnjoyableActivity.SWIMMING: "🏊 Swimming",
    EnjoyableActivity.HIKING: "🥾 Hiking",
    EnjoyableActivity.BASKETBALL: "🏀 Basketball",
    EnjoyableActivity.FOOTBALL: "⚽ Football",
    EnjoyableActivity.YOGA: "🧘 Yoga",
    EnjoyableActivity.MARTIAL_ARTS: "🥋 Martial arts",
    EnjoyableActivity.DANCE: "💃 Dance",
}
FREQUENCIES = {7: "every week", 14: "every 2 weeks", 28: "every month"}
RULE_LABELS = {
    MovementRuleType.HARD_NO: "⛔ Never",
    MovementRuleType.HARD_YES: "✅ Must have",
    MovementRuleType.PREFERRED: "👍 Preferred",
}
REMINDER_CHOICES = ("06:00", "07:00", "08:00", "12:00", "17:00", "18:00", "19:00", "20:00")
DAY_CHOICES = (2, 3, 4, 5, 6, 7)
MINUTE_CHOICES = (30, 45, 60, 75, 90, 120)


def _rows(buttons: list[Button], width: int) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def goal_label(value: str) -> str:
    return GOAL_LABELS.get(Goal(value), value)


# --- name -----------------------------------------------------------------------------------------
async def _ask_name(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    offered = turn.incoming.display_name if turn.incoming.channel is Channel.TELEGRAM else None
    rows = [[btn(f"Call me {offered[:30]}", "tg")]] if offered else []
    turn.say("What should I call you? Type your name.", *rows)


async def _press_name(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args[:1] == ("tg",) and turn.incoming.display_name:
        a["name"] = turn.incoming.display_name[:50]
        return Result.DONE
    return Result.STAY


async def _typed_name(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    name = " ".join(text.split())
    if parsing.is_question(name) or not 1 <= len(name) <= 50 or not re.search(r"\w", name):
        return None
    if looks_like_log(name, turn.deps.catalog):
        return None  # "squat 5x5 100" is a workout, not a name: it gets logged instead
    a["name"] = name
    return Result.DONE


# --- experience -----------------------------------------------------------------------------------
async def _ask_experience(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    text = "How experienced are you with strength training?\n" + "\n".join(
        f"{label} — {why}" for label, why in EXPERIENCE.values()
    )
    turn.say(text, *_rows([btn(label, level.value) for level, (label, _) in EXPERIENCE.items()], 2))


async def _press_experience(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args and args[0] in {e.value for e in ExperienceLevel}:
        a["experience_level"] = args[0]
        return Result.DONE
    return Result.STAY


async def _typed_experience(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    value = parsing.choose(text, _EXPERIENCE_WORDS)
    if value is None:
        return None
    a["experience_level"] = value
    return Result.DONE


# --- goals and their weights ----------------------------------------------------------------------
def _set_default_weights(a: Answers) -> None:
    chosen = a.get("goals", [])
    a["weights"] = dict(zip(chosen, DEFAULT_WEIGHTS.get(len(chosen), ()), strict=False))


async def _ask_goals(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    chosen: list[str] = a.get("goals", [])
    marks = [
        btn(("✓ " if g.value in chosen else "") + label, "t", g.value) for g, label in GOAL_LABELS.items()
    ]
    done = [btn(f"Next ({len(chosen)}/3) →", "ok")] if chosen else []
    picked = ", ".join(goal_label(g) for g in chosen) or "none yet"
    turn.say(
        "What are you training for? Pick up to three goals, most important first.\n"
        f"Picked: {picked}\n(Or type them, e.g. 'strength 5, muscle 3, fat loss 2'.)",
        *_rows(marks, 2),
        done,
    )


async def _press_goals(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    chosen: list[str] = list(a.get("goals", []))
    if args[:1] == ("ok",):
        if not chosen:
            turn.notice("Pick at least one goal first.")
            return Result.SHOWN
        _set_default_weights(a)
        return Result.DONE
    if len(args) == 2 and args[0] == "t" and args[1] in {g.value for g in Goal}:
        if args[1] in chosen:
            chosen.remove(args[1])
        elif len(chosen) < 3:
            chosen.append(args[1])
        else:
            turn.notice("Three goals at most — untick one first.")
            return Result.SHOWN
        a["goals"] = chosen
    return Result.STAY


def parse_goals(text: str) -> list[tuple[str, int | None]] | None:
    """ "strength 5, muscle 3 and fat loss 2" → [(strength, 5), (hypertrophy, 3), (fat_loss, 2)]."""
    parts = [p for p in re.split(r",|;|\band\b|\+|&|/", text.lower()) if p.strip()]
    found: list[tuple[str, int | None]] = []
    for part in parts:
        weight_match = re.search(r"\d+", part)
        words = re.sub(r"[\d:=()%]+", " ", part).strip()
        goal = parsing.choose(words, _GOAL_WORDS, cutoff=80) if words else None
        if goal is None or goal in [g for g, _ in found]:
            return None
        found.append((goal, int(weight_match.group()) if weight_match else None))
    return found if 1 <= len(found) <= 3 else None


async def _typed_goals(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    found = parse_goals(text)
    if found is None:
        return None
    a["goals"] = [g for g, _ in found]
    weights = [w for _, w in found]
    if all(w is not None for w in weights) and sum(weights) == 10:  # type: ignore[arg-type]
        a["weights"] = dict(found)
        a["weights_typed"] = True
    else:
        _set_default_weights(a)
    return Result.DONE


async def _ask_weights(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    weights: dict[str, int] = a.get("weights", {})
    bars = "\n".join(f"{goal_label(g)}  {'▰' * w}{'▱' * (10 - w)}  {w}" for g, w in weights.items())
    rows = [[btn(f"− {goal_label(g)}", "-", g), btn(f"+ {goal_label(g)}", "+", g)] for g in weights]
    presets = [btn("Even split", "even")] + (
        [btn("Focus on the first", "focus")] if len(weights) == 3 else []
    )
    turn.say(
        "How much does each goal matter? The weights always add up to 10.\n"
        f"{bars}\n(Or type them, e.g. '6 3 1'.)",
        *rows,
        presets,
        [btn("Looks right ✓", "ok")],
    )


def shift_weight(weights: dict[str, int], goal: str, delta: int) -> bool:
    """Move one point to or from ``goal``, taking it from (or giving it to) another goal.

    The total stays 10 whatever is pressed: a point added comes from the goal with the most
    weight, a point removed goes to the goal with the least.
    """
    others = [g for g in weights if g != goal]
    if goal not in weights or not others:
        return False
    if delta > 0:
        donors = [g for g in others if weights[g] > 0]
        if not donors:
            return False
        donor = max(donors, key=lambda g: (weights[g], others.index(g)))
        weights[donor] -= 1
        weights[goal] += 1
        return True
    if weights[goal] == 0:
        return False
    taker = min(others, key=lambda g: (weights[g], -others.index(g)))
    weights[taker] += 1
    weights[goal] -= 1
    return True


async def _press_weights(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    weights: dict[str, int] = dict(a.get("weights", {}))
    if args[:1] == ("ok",):
        return Result.DONE
    if args[:1] == ("even",):
        n = len(weights)
        for i, g in enumerate(weights):
            weights[g] = 10 // n + (1 if i < 10 % n else 0)
    elif args[:1] == ("focus",):
        weights = dict(zip(weights, (6, 3, 1), strict=False))
    elif (
        len(args) == 2 and args[0] in "+-" and not shift_weight(weights, args[1], 1 if args[0] == "+" else -1)
    ):
        turn.notice("That goal can't go further that way.")
        return Result.SHOWN
    a["weights"] = weights
    return Result.STAY


async def _typed_weights(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    weights: dict[str, int] = a.get("weights", {})
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if len(numbers) != len(weights) or sum(numbers) != 10:
        return None
    a["weights"] = dict(zip(weights, numbers, strict=True))
    return Result.DONE


# --- days and minutes -----------------------------------------------------------------------------
async def _ask_days(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    turn.say("How many days a week can you train?", [btn(str(d), d) for d in DAY_CHOICES])


async def _press_days(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args and args[0].isdigit() and int(args[0]) in DAY_CHOICES:
        a["days_per_week"] = int(args[0])
        return Result.DONE
    return Result.STAY


async def _typed_days(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    value = parsing.number(text)
    if value is None:
        return None
    if value not in DAY_CHOICES:
        turn.say("I can plan 2 to 7 training days a week — pick one of those.")
        return Result.SHOWN
    a["days_per_week"] = value
    return Result.DONE


async def _ask_minutes(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    turn.say(
        "How long can a session be, warm-up included?",
        *_rows([btn(f"{m} min", m) for m in MINUTE_CHOICES], 3),
    )


async def _press_minutes(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args and args[0].isdigit() and 20 <= int(args[0]) <= 180:
        a["session_minutes"] = int(args[0])
        return Result.DONE
    return Result.STAY


async def _typed_minutes(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    value = parsing.number(text)
    if value is None:
        return None
    if "hour" in text.lower() and value <= 3:
        value *= 60
    if not 20 <= value <= 180:
        turn.say("Sessions can be 20 to 180 minutes long — how many minutes do you have?")
        return Result.SHOWN
    a["session_minutes"] = value
    return Result.DONE


# --- equipment ------------------------------------------------------------------------------------
async def _ask_equipment(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    have: list[str] = a.get("equipment", [])
    presets = [
        btn("🏋️ Gym", "p", "gym"),
        btn("🏠 Home", "p", "home"),
        btn("🤸 Bodyweight only", "p", "bodyweight"),
    ]
    toggles = [btn(("✓ " if item in have else "") + item, "t", EQUIPMENT.index(item)) for item in EQUIPMENT]
    done = [btn("Done ✓", "ok")] if have else []
    turn.say(
        "What equipment do you have? Pick a preset, then tick or untick single items.\n"
        f"Selected: {', '.join(have) or 'nothing yet'}",
        presets,
        *_rows(toggles, 3),
        done,
    )


async def _press_equipment(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    have: list[str] = list(a.get("equipment", []))
    if args[:1] == ("ok",):
        if "bodyweight" not in have:
            have.append("bodyweight")
        a["equipment"] = have
        return Result.DONE
    if len(args) == 2 and args[0] == "p" and args[1] in EQUIPMENT_PRESETS:
        have = list(EQUIPMENT_PRESETS[args[1]])
    elif len(args) == 2 and args[0] == "t" and args[1].isdigit() and int(args[1]) < len(EQUIPMENT):
        item = EQUIPMENT[int(args[1])]
        have = [h for h in have if h != item] if item in have else [*have, item]
    a["equipment"] = have
    return Result.STAY


async def _typed_equipment(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    preset = parsing.choose(
        text, {"gym": "gym", "home": "home", "bodyweight": "bodyweight", "none": "bodyweight"}
    )
    items: Any = preset if preset else [p.strip() for p in re.split(r",|\band\b", text) if p.strip()]
    try:
        profile = Profile.parse(
            {"goals": [{"goal": "strength", "weight": 10}], "days_per_week": 3, "equipment": items}
        )
    except Exception:
        return None
    a["equipment"] = list(profile.equipment)
    return Result.DONE


# --- movement rules -------------------------------------------------------------------------------
def search_movements(turn: Turn, text: str, limit: int = 8) -> list[Any]:
    """Movements matching what the lifter typed: a name or alias, words in names, near spellings.

    Among names containing every typed word, the well-known ones come first: a movement lifters
    call by many names (the library's aliases) is one they are likely to mean.
    """
    catalog = turn.deps.catalog
    exact = catalog.get(text)
    if exact is not None:
        return [exact] if exact.id is not None else []
    words = parsing.normalise(text).split()

    def matches(m: Any) -> bool:
        spellings = [m.name.lower(), *(a.lower() for a in m.aliases)]
        return bool(words) and any(all(w in s for w in words) for s in spellings)

    contains = sorted(
        (m for m in catalog.movements if matches(m)),
        key=lambda m: (not all(w in m.name.lower().split() for w in words), -len(m.aliases), len(m.name)),
    )
    found = contains[:limit]
    for name in catalog.suggest(text, limit=limit, cutoff=70):
        movement = catalog.get(name)
        if movement is not None and movement not in found and len(found) < limit:
            found.append(movement)
    return [m for m in found if m.id is not None]


async def _ask_rules(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    rules: list[dict[str, str]] = a.get("movement_rules", [])
    pick = a.get("rule_pick")
    if pick is not None:
        movement = turn.deps.catalog.by_id(int(pick))
        name = movement.name if movement else "that movement"
        turn.say(
            f"{name}: how should I treat it?",
            [btn(label, "r", pick, rule.value) for rule, label in RULE_LABELS.items()],
            [btn("‹ Back", "x")],
        )
        return
    listed = "\n".join(f"{RULE_LABELS[MovementRuleType(r['rule'])]}: {r['movement']}" for r in rules)
    removals = [btn(f"✕ {r['movement'][:28]}", "d", i) for i, r in enumerate(rules)]
    turn.say(
        "Any movements you never want, must have, or prefer? Type a name to search — "
        "e.g. 'squat', 'rdl' or 'pull-up'.\n" + (listed or "No rules yet."),
        *_rows(removals, 2),
        [btn("Done ✓" if rules else "Skip — no rules", "ok")],
    )


async def _press_rules(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    rules: list[dict[str, str]] = list(a.get("movement_rules", []))
    action = args[:1]
    if action == ("ok",):
        a.pop("rule_pick", None)
        return Result.DONE
    if action == ("p",) and len(args) == 2 and args[1].isdigit():
        if turn.deps.catalog.by_id(int(args[1])) is not None:
            a["rule_pick"] = args[1]
    elif action == ("x",):
        a.pop("rule_pick", None)
    elif action == ("r",) and len(args) == 3 and args[1].isdigit():
        movement = turn.deps.catalog.by_id(int(args[1]))
        if movement is not None and args[2] in {r.value for r in MovementRuleType}:
            rules = [r for r in rules if r["movement"] != movement.name]
            rules.append({"movement": movement.name, "rule": args[2]})
            a["movement_rules"] = rules
        a.pop("rule_pick", None)
    elif action == ("d",) and len(args) == 2 and args[1].isdigit() and int(args[1]) < len(rules):
        rules.pop(int(args[1]))
        a["movement_rules"] = rules
    return Result.STAY


async def _typed_rules(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    if parsing.yes_no(text) is False or parsing.normalise(text) in ("skip", "none", "done", "no rules"):
        return Result.DONE
    if parsing.is_question(text) or len(text) > 60:
        return None
    found = search_movements(turn, text)
    if not found:
        turn.say(
            f"I couldn't find a movement called “{text[:60]}”. Try another name, like 'bench' or 'deadlift'."
        )
        return Result.SHOWN
    if len(found) == 1:  # an exact name or alias: straight to how to treat it
        a["rule_pick"] = str(found[0].id)
        return Result.STAY
    turn.say(
        "Which one do you mean?",
        *_rows([btn(m.name, "p", m.id) for m in found], 1),
    )
    return Result.SHOWN


# --- enjoyable activities -------------------------------------------------------------------------
async def _ask_activities(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    chosen: dict[str, int] = a.get("activities", {})
    pick = a.get("activity_pick")
    if pick is not None:
        label = ACTIVITY_LABELS.get(EnjoyableActivity(pick), pick)
        turn.say(
            f"{label}: how often would you like to fit it in?",
            [btn(text.capitalize(), "f", pick, days) for days, text in FREQUENCIES.items()],
            [btn("Remove", "f", pick, 0)],
        )
        return
    marks = [
        btn(("✓ " if activity.value in chosen else "") + label, "a", activity.value)
        for activity, label in ACTIVITY_LABELS.items()
    ]
    listed = ", ".join(
        f"{ACTIVITY_LABELS[EnjoyableActivity(k)]} {FREQUENCIES.get(v, f'every {v} days')}"
        for k, v in chosen.items()
    )
    turn.say(
        "Anything you do for fun that I should plan around or recommend now and then?\n"
        + (listed or "Nothing picked."),
        *_rows(marks, 2),
        [btn("Done ✓" if chosen else "Skip", "ok")],
    )


async def _press_activities(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    chosen: dict[str, int] = dict(a.get("activities", {}))
    known = {act.value for act in ACTIVITY_LABELS}
    if args[:1] == ("ok",):
        a.pop("activity_pick", None)
        return Result.DONE
    if args[:1] == ("a",) and len(args) == 2 and args[1] in known:
        a["activity_pick"] = args[1]
    elif args[:1] == ("f",) and len(args) == 3 and args[1] in known and args[2].isdigit():
        days = int(args[2])
        if days:
            chosen[args[1]] = days
        else:
            chosen.pop(args[1], None)
        a["activities"] = chosen
        a.pop("activity_pick", None)
    return Result.STAY


async def _typed_activities(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    if parsing.normalise(text) in ("skip", "none", "nothing", "no", "done"):
        return Result.DONE
    words = {label.split(" ", 1)[1].lower(): act.value for act, label in ACTIVITY_LABELS.items()}
    words |= {"climbing": "bouldering", "biking": "cycling", "soccer": "football", "bjj": "martial_arts",
              "boxing": "martial_arts", "judo": "martial_arts", "karate": "martial_arts", "swim": "swimming"}  # fmt: skip
    activity = parsing.choose(
        re.sub(r"\d+|every|week(ly)?|month(ly)?|days?", " ", text.lower()), words, cutoff=80
    )
    if activity is None:
        return None
    lowered = text.lower()
    days = 28 if "month" in lowered else 14 if "two weeks" in lowered or "2 weeks" in lowered else 7
    a.setdefault("activities", {})[activity] = days
    a.pop("activity_pick", None)
    return Result.STAY


# --- persona ----------------------------------------------------------------------------------------
async def _ask_tone(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    samples = "\n\n".join(f"{v.label} — {v.description}\n“{v.sample}”" for v in VOICES.values())
    turn.say(
        "Last bits. Which coach do you want in your corner? Here's how each one sounds:\n\n" + samples,
        *_rows([btn(v.label, tone.value) for tone, v in VOICES.items()], 2),
    )


async def _press_tone(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args and args[0] in {t.value for t in PersonaTone}:
        a["persona_tone"] = args[0]
        return Result.DONE
    return Result.STAY


async def _typed_tone(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    words = {v.label: tone.value for tone, v in VOICES.items()} | {t.value: t.value for t in PersonaTone}
    words |= {"drill": "drill_sergeant", "sergeant": "drill_sergeant", "strict": "drill_sergeant",
              "kind": "supportive", "nice": "supportive", "data": "analytical", "numbers": "analytical",
              "hype": "motivational", "short": "minimalist", "brief": "minimalist"}  # fmt: skip
    value = parsing.choose(text, words, cutoff=80)
    if value is None:
        return None
    a["persona_tone"] = value
    return Result.DONE


async def _ask_aggression(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    turn.say(
        "And how hard should I push? This changes the programming (volume, effort, progression), not just the words.",
        *[[btn(label, level.value)] for level, label in AGGRESSION_LABELS.items()],
    )


async def _press_aggression(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args and args[0].isdigit() and 1 <= int(args[0]) <= 5:
        a["persona_aggression"] = int(args[0])
        return Result.DONE
    return Result.STAY


async def _typed_aggression(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    value = parsing.number(text)
    if value is None or not 1 <= value <= 5:
        return None
    a["persona_aggression"] = value
    return Result.DONE


# --- timezone and reminder ------------------------------------------------------------------------
def _local_time(zone_name: str, turn: Turn) -> str:
    return f"{local_now(zone_name, turn.now):%H:%M}"


async def _ask_timezone(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    current = a.get("timezone")
    note = f"\nNow: {current} ({_local_time(current, turn)} there)." if current else ""
    turn.say(
        "Where do you train? Type your city (e.g. Berlin, New York) or your UTC offset (e.g. UTC+2), "
        "so reminders come at your hour." + note,
        [btn("UTC", "UTC")] + ([btn(f"Keep {current}", current)] if current and current != "UTC" else []),
    )


async def _press_timezone(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    try:
        a["timezone"] = parse_timezone(args[0]) if args else "UTC"
    except InvalidInput:
        return Result.STAY
    return Result.DONE


async def _typed_timezone(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    try:
        zone_name = parse_timezone(text)
    except InvalidInput as exc:
        if parsing.is_question(text):
            return None
        turn.say(str(exc))
        return Result.SHOWN
    a["timezone"] = zone_name
    turn.say(f"Got it: {zone_name} — it's {_local_time(zone_name, turn)} there now.")
    return Result.DONE


def _reminder(text: str) -> str | None:
    try:
        return parse_time(text).strftime("%H:%M")
    except InvalidInput:
        return None


async def _ask_reminder(turn: Turn, a: Answers, btn: Callable[..., Button]) -> None:
    turn.say(
        "When should I send you the day's session? (Your local time — or type one, like 6:45.)",
        *_rows([btn(t, t) for t in REMINDER_CHOICES], 4),
        [btn("No reminders", "off")],
    )


async def _press_reminder(turn: Turn, a: Answers, args: tuple[str, ...]) -> Result:
    if args[:1] == ("off",):
        a["reminder_time"] = None
        return Result.DONE
    value = _reminder(args[0]) if args else None
    if value is None:
        return Result.STAY
    a["reminder_time"] = value
    return Result.DONE


async def _typed_reminder(turn: Turn, a: Answers, text: str, btn: Callable[..., Button]) -> Result | None:
    if parsing.normalise(text) in ("off", "no", "none", "never", "no reminders"):
        a["reminder_time"] = None
        return Result.DONE
    value = _reminder(text)
    if value is None:
        return None
    a["reminder_time"] = value
    return Result.DONE


# --- summaries (for the confirmation and for /settings) -------------------------------------------
def _summary_goals(a: Answers) -> str:
    weights = a.get("weights") or {}
    return ", ".join(f"{goal_label(g)} {w}" for g, w in weights.items()) or "—"


def _summary_rules(a: Answers) -> str:
    rules = a.get("movement_rules") or []
    return "; ".join(f"{RULE_LABELS[MovementRuleType(r['rule'])]} {r['movement']}" for r in rules) or "none"


def _summary_activities(a: Answers) -> str:
    chosen = a.get("activities") or {}
    return (
        ", ".join(
            f"{ACTIVITY_LABELS[EnjoyableActivity(k)]} {FREQUENCIES.get(v, f'every {v} days')}"
            for k, v in chosen.items()
        )
        or "none"
    )


def _summary_tone(a: Answers) -> str:
    tone = a.get("persona_tone")
    return VOICES[PersonaTone(tone)].label if tone else "—"


def _summary_aggression(a: Answers) -> str:
    level = a.get("persona_aggression")
    return AGGRESSION_LABELS[PersonaAggression(int(level))] if level else "—"


QUESTIONS: dict[str, Question] = {
    q.code: q
    for q in (
        Question("name", "Name", _ask_name, _press_name, _typed_name, "Type the name you'd like me to use.",
                 lambda a: a.get("name") or "—"),
        Question("exp", "Experience", _ask_experience, _press_experience, _typed_experience,
                 "Pick your experience: beginner, intermediate, advanced or expert.",
                 lambda a: EXPERIENCE[ExperienceLevel(a["experience_level"])][0] if a.get("experience_level") else "—"),
        Question("goals", "Goals", _ask_goals, _press_goals, _typed_goals,
                 "Tap up to three goals, or type them like 'strength, muscle, fat loss'.", _summary_goals),
        Question("weights", "Goal weights", _ask_weights, _press_weights, _typed_weights,
                 "Use − and + (they always add up to 10), or type the weights like '6 3 1'.", _summary_goals),
        Question("days", "Days per week", _ask_days, _press_days, _typed_days,
                 "Tap how many days a week you can train (2–7).", lambda a: str(a.get("days_per_week", "—"))),
        Question("min", "Session length", _ask_minutes, _press_minutes, _typed_minutes,
                 "Tap a session length or type the minutes (20–180).",
                 lambda a: f"{a['session_minutes']} min" if a.get("session_minutes") else "—"),
        Question("eq", "Equipment", _ask_equipment, _press_equipment, _typed_equipment,
                 "Tap Gym, Home or Bodyweight only, or type what you have ('dumbbells, bands').",
                 lambda a: ", ".join(a.get("equipment") or []) or "—"),
        Question("rules", "Movement rules", _ask_rules, _press_rules, _typed_rules,
                 "Type a movement name to search for it, or tap Done.", _summary_rules),
        Question("acts", "Activities", _ask_activities, _press_activities, _typed_activities,
                 "Tap an activity you enjoy, or Skip.", _summary_activities),
        Question("tone", "Coach voice", _ask_tone, _press_tone, _typed_tone,
                 "Tap the coach voice you like best.", _summary_tone),
        Question("agg", "Push level", _ask_aggression, _press_aggression, _typed_aggression,
                 "Tap a push level from 1 (gentle) to 5 (all in).", _summary_aggression),
        Question("tz", "Timezone", _ask_timezone, _press_timezone, _typed_timezone,
                 "Type your city or a UTC offset like UTC+2.", lambda a: a.get("timezone") or "—"),
        Question("rem", "Reminder", _ask_reminder, _press_reminder, _typed_reminder,
                 "Tap a reminder time, type one like 7:30, or tap No reminders.",
                 lambda a: a.get("reminder_time") or "off"),
    )
}  # fmt: skip
