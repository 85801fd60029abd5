"""Engine-level checks of a profile: what field validation cannot know.

``Profile.parse`` checks each field on its own. Here the profile meets the movement library and
the tunables: a rule naming an unknown movement, a must-do movement the lifter has no equipment
for, a week longer than the experience level recovers from, equipment that leaves no way to
push, pull, squat or hinge. Each problem is named with the nearest valid choice.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.catalog import Catalog, MovementInfo
from coach.errors import InvalidInput
from coach.planning.tunables import Tunables
from coach.profile import Profile
from db.enums import MovementPattern, MovementRuleType, RuleCadence
from db.library import EQUIPMENT

#: Movement families every split needs somewhere in the week, with words a lifter knows.
FAMILIES: dict[str, tuple[frozenset[MovementPattern], str]] = {
    "push": (
        frozenset({MovementPattern.HORIZONTAL_PUSH, MovementPattern.VERTICAL_PUSH}),
        "presses or push-ups",
    ),
    "pull": (
        frozenset({MovementPattern.HORIZONTAL_PULL, MovementPattern.VERTICAL_PULL}),
        "rows, pull-ups or pulldowns",
    ),
    "squat": (frozenset({MovementPattern.SQUAT, MovementPattern.LUNGE}), "squats or lunges"),
    "hinge": (frozenset({MovementPattern.HINGE}), "deadlifts, hip thrusts or swings"),
}

Rule = tuple[MovementInfo, MovementRuleType, RuleCadence]


def _article(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def resolve_rules(profile: Profile, catalog: Catalog) -> list[Rule]:
    """The profile's movement rules against the library; unknown names raise with suggestions."""
    problems: list[str] = []
    resolved: list[Rule] = []
    seen: dict[str, MovementRuleType] = {}
    for i, spec in enumerate(profile.movement_rules):
        movement = catalog.get(spec.movement)
        if movement is None:
            hints = catalog.suggest(spec.movement)
            hint = f" — did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
            problems.append(
                f"- movement_rules.{i}.movement: {spec.movement!r} is not in the movement library{hint}"
            )
            continue
        earlier = seen.get(movement.name)
        if earlier is not None and earlier != spec.rule:
            problems.append(
                f"- movement_rules.{i}: {movement.name} is both {earlier.value} and {spec.rule.value}; keep one"
            )
            continue
        if earlier is None:
            seen[movement.name] = spec.rule
            resolved.append((movement, spec.rule, spec.cadence))
    if problems:
        raise InvalidInput("profile is not valid:\n" + "\n".join(problems))
    return resolved


def _unlocking(
    family: frozenset[MovementPattern], catalog: Catalog, owned: set[str], banned: set[str]
) -> str | None:
    """The one piece of equipment that would open the most movements of ``family``."""
    best: tuple[int, str] | None = None
    for item in EQUIPMENT:
        if item in owned:
            continue
        count = sum(
            1
            for m in catalog.movements
            if m.pattern in family and m.name not in banned and m.available_with(owned | {item})
        )
        if count and (best is None or count > best[0]):
            best = (count, item)
    return best[1] if best else None


def check_profile(profile: Profile, catalog: Catalog, rules: Iterable[Rule], t: Tunables) -> None:
    """Raise ``InvalidInput`` listing every reason this profile cannot become a sensible program."""
    problems: list[str] = []
    owned = set(profile.equipment)
    rules = list(rules)
    banned = {m.name for m, rule, _ in rules if rule == MovementRuleType.HARD_NO}

    limit = t.limits[profile.experience_level]
    weekly = profile.days_per_week * profile.session_minutes
    if weekly > limit.max_weekly_minutes:
        fewer_days = max(2, limit.max_weekly_minutes // profile.session_minutes)
        shorter = max(20, (limit.max_weekly_minutes // profile.days_per_week) // 5 * 5)
        problems.append(
            f"- days_per_week × session_minutes: {profile.days_per_week} days × {profile.session_minutes} min is "
            f"{weekly} minutes a week, more than {_article(profile.experience_level.value)} recovers from "
            f"(about {limit.max_weekly_minutes}); try {fewer_days} days × {profile.session_minutes} min "
            f"or {profile.days_per_week} days × {shorter} min"
        )

    for movement, rule, _ in rules:
        if rule == MovementRuleType.HARD_NO or movement.available_with(owned):
            continue
        missing = sorted(movement.equipment - owned - {"bodyweight"})
        alternatives = [
            m.name
            for m in catalog.movements
            if m.substitution_group == movement.substitution_group
            and m.available_with(owned)
            and m.name not in banned
        ][:2]
        hint = f", or choose {' / '.join(alternatives)}" if alternatives else ""
        problems.append(
            f"- movement_rules: {movement.name} ({rule.value}) needs {', '.join(missing)}, which is not in your "
            f"equipment; add it to equipment{hint}"
        )

    usable = [
        m
        for m in catalog.movements
        if m.name not in banned
        and m.available_with(owned)
        and t.skill_allowed(m.skill_level, profile.experience_level)
    ]
    for family, (patterns, words) in FAMILIES.items():
        if any(m.pattern in patterns for m in usable):
            continue
        unlock = _unlocking(patterns, catalog, owned, banned)
        because = "your equipment and movement rules leave" if banned else "your equipment leaves"
        hint = f"; add {unlock!r} to equipment" if unlock else ""
        if not unlock and banned:
            hint = "; allow one of them again"
        problems.append(f"- equipment: {because} no way to {family} ({words}){hint}")

    if problems:
        raise InvalidInput("profile cannot become a program:\n" + "\n".join(problems))
