"""A lifter's movement rules: never (HARD_NO), every week (HARD_YES), often (PREFERRED).

Movement names are matched the way lifters type them (aliases, small typos); an unknown name
gets the nearest suggestions. A new HARD_NO takes effect at once: the movement is swapped out
of every remaining session of the active program. HARD_YES and PREFERRED shape the next
program the coach builds.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from coach.catalog import Catalog, MovementInfo
from coach.clock import local_today
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.persona import Lines, speak
from coach.planning.service import lifter_catalog, lifter_equipment
from coach.planning.swap import swap_exercise, swap_options
from db.enums import MovementRuleType, PersonaTone, RuleCadence, parse_enum
from db.models import User, UserMovementRule
from db.repositories import Repositories

T = PersonaTone

ADDED: dict[MovementRuleType, Lines] = {
    MovementRuleType.HARD_NO: {
        T.DRILL_SERGEANT: "{movement} is OUT. Never again in your plan.{replaced}",
        T.SUPPORTIVE: "Got it — no more {movement}. Your plan won't include it.{replaced}",
        T.ANALYTICAL: "Rule saved: {movement} excluded from all programming.{replaced}",
        T.MOTIVATIONAL: "Done — {movement} is gone. We'll build strength your way!{replaced}",
        T.MINIMALIST: "No more {movement}.{replaced}",
    },
    MovementRuleType.HARD_YES: {
        T.DRILL_SERGEANT: "{movement} every single week from your next program. You asked for it.",
        T.SUPPORTIVE: "Lovely — {movement} will be in every week of your next program.",
        T.ANALYTICAL: "Rule saved: {movement} at least once per microcycle from the next program.",
        T.MOTIVATIONAL: "{movement} every week from your next program — let's master it!",
        T.MINIMALIST: "{movement}: every week, next program on.",
    },
    MovementRuleType.PREFERRED: {
        T.DRILL_SERGEANT: "{movement} noted. You'll see it at least every two weeks next program.",
        T.SUPPORTIVE: "Noted that you enjoy {movement} — it'll show up at least every two weeks next program.",
        T.ANALYTICAL: "Preference saved: {movement} at least once every two microcycles from the next program.",
        T.MOTIVATIONAL: "You love {movement}? It'll be there at least every two weeks next program!",
        T.MINIMALIST: "{movement}: preferred.",
    },
}

REPLACED: Lines = {
    T.DRILL_SERGEANT: " Swapped it out of {count} upcoming sessions.",
    T.SUPPORTIVE: " I've already swapped it out of {count} upcoming sessions.",
    T.ANALYTICAL: " Replaced in {count} remaining sessions of the current program.",
    T.MOTIVATIONAL: " Already swapped out of {count} upcoming sessions!",
    T.MINIMALIST: " Replaced in {count} sessions.",
}

REMOVED: Lines = {
    T.DRILL_SERGEANT: "Rule for {movement} scrapped.",
    T.SUPPORTIVE: "Done — {movement} has no special rule any more.",
    T.ANALYTICAL: "Rule removed: {movement} is back to normal selection.",
    T.MOTIVATIONAL: "{movement} is back in the mix!",
    T.MINIMALIST: "{movement}: rule removed.",
}


@dataclass(frozen=True)
class RuleView:
    movement: str
    rule: MovementRuleType
    cadence: RuleCadence


@dataclass(frozen=True)
class RuleOutcome:
    rule: RuleView
    text: str
    #: Upcoming sessions a new HARD_NO was swapped out of.
    replaced: int = 0


def find_movement(catalog: Catalog, text: str) -> MovementInfo:
    """The movement ``text`` means: an exact name or alias, or one clearly closest name."""
    exact = catalog.get(text)
    if exact is not None:
        return exact
    names = {m.name: m.name.lower() for m in catalog.movements}
    best = process.extract(text.strip().lower(), names, scorer=fuzz.WRatio, limit=2)
    if best and best[0][1] >= 90 and (len(best) == 1 or best[0][1] - best[1][1] >= 5):
        return catalog.get(best[0][2])  # type: ignore[return-value]
    hints = catalog.suggest(text)
    raise InvalidInput(
        f"I don't know a movement called {text.strip()!r}"
        + (
            f" — did you mean {', '.join(hints)}?"
            if hints
            else "; try its common name, e.g. 'Romanian Deadlift'."
        )
    )


async def add_rule(
    repos: Repositories,
    deps: CoachDeps,
    user: User,
    movement_text: str,
    rule_type: MovementRuleType | str,
    cadence: RuleCadence | str = RuleCadence.PER_MICROCYCLE,
    notes: str | None = None,
) -> RuleOutcome:
    try:
        rule = parse_enum(MovementRuleType, rule_type)
        every = parse_enum(RuleCadence, cadence)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    catalog = await lifter_catalog(repos, deps, user)
    movement = find_movement(catalog, movement_text)
    owned = await lifter_equipment(repos, user)
    if rule != MovementRuleType.HARD_NO and not movement.available_with(owned):
        missing = ", ".join(sorted(movement.equipment - set(owned)))
        raise InvalidInput(
            f"{movement.name} needs {missing}, which isn't in your equipment; add it in /settings first."
        )
    assert movement.id is not None
    await repos.programs.set_rule(user.id, movement.id, rule, every, notes)
    replaced = await _swap_out(repos, deps, user, movement) if rule == MovementRuleType.HARD_NO else 0
    tail = speak(user.persona_tone, REPLACED, count=replaced) if replaced else ""
    text = speak(user.persona_tone, ADDED[rule], movement=movement.name, replaced=tail)
    return RuleOutcome(RuleView(movement.name, rule, every), text, replaced)


async def _swap_out(repos: Repositories, deps: CoachDeps, user: User, movement: MovementInfo) -> int:
    """Replace a newly banned movement in every remaining session of the active program."""
    program = await repos.programs.active(user.id)
    if program is None:
        return 0
    today = local_today(user.timezone, deps.clock.now())
    count = 0
    for session in await repos.programs.sessions(program.id, start=today):
        hits = [e for e in session.exercises if e.movement_id == movement.id]
        for exercise in hits:
            options = await swap_options(repos, deps, user, exercise.id)
            if options:
                await swap_exercise(repos, deps, user, exercise.id, options[0].name)
                count += 1
    return count


async def list_rules(repos: Repositories, deps: CoachDeps, user: User) -> list[RuleView]:
    rows: list[UserMovementRule] = list(await repos.programs.rules(user.id))
    return [RuleView(r.movement.name, r.rule_type, r.cadence) for r in rows]


async def remove_rule(repos: Repositories, deps: CoachDeps, user: User, movement_text: str) -> str:
    catalog = await lifter_catalog(repos, deps, user)
    movement = find_movement(catalog, movement_text)
    assert movement.id is not None
    if not await repos.programs.delete_rule(user.id, movement.id):
        raise InvalidInput(f"You have no rule for {movement.name}.")
    return speak(user.persona_tone, REMOVED, movement=movement.name)
