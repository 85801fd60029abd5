"""/rules: movements you never want, must have, or prefer — listed, added by search, removed."""

from __future__ import annotations

from coach.conversation import parsing, registry
from coach.conversation.questions import RULE_LABELS, search_movements
from coach.conversation.registry import command
from coach.conversation.turn import PROGRAM_SETUP, Turn
from coach.errors import InvalidInput
from coach.planning.rules import add_rule, list_rules, remove_rule
from db.enums import MovementRuleType

NAMESPACE = "rules"


class RuleSearch:
    """After "Add a rule": the typed text is a movement to search for."""

    name = "rules"
    context = PROGRAM_SETUP

    async def answer(self, turn: Turn, text: str) -> bool:
        if parsing.is_question(text) or len(text) > 60:
            return False
        found = search_movements(turn, text)
        if not found:
            turn.say(f"I couldn't find “{text[:60]}”. Try another name, like 'bench' or 'rdl'.")
            return True
        if len(found) == 1:
            await _rule_choice(turn, found[0].id, edit=False)
            return True
        turn.say(
            "Which one?",
            *[[turn.button(m.name, NAMESPACE, "pick", m.id)] for m in found],
            [turn.button("Cancel", NAMESPACE, "cancel")],
        )
        return True

    async def ask(self, turn: Turn) -> None:
        turn.say(
            "Type the movement you want a rule for (e.g. 'squat', 'rdl', 'pull-up').",
            [turn.button("Cancel", NAMESPACE, "cancel")],
        )

    def hint(self, turn: Turn) -> str:
        return "Type a movement name to search for it."


SEARCH = registry.flow(RuleSearch())


async def show_rules(turn: Turn, *, edit: bool = False) -> None:
    turn.context = PROGRAM_SETUP
    rules = await list_rules(turn.repos, turn.deps, turn.user)
    listed = "\n".join(f"{RULE_LABELS[r.rule]}: {r.movement}" for r in rules) or "No movement rules yet."
    removals = [[turn.button(f"✕ {r.movement[:40]}", NAMESPACE, "rm", i)] for i, r in enumerate(rules)]
    turn.say(
        "Your movement rules — I plan around these:\n" + listed,
        *removals,
        [turn.button("➕ Add a rule", NAMESPACE, "add")],
        edit=edit,
    )


@command("rules", "Movements to avoid, include or prefer")
async def rules_command(turn: Turn, args: str) -> None:
    if args:
        turn.go(SEARCH.name, "search")
        await SEARCH.answer(turn, args)
        return
    await show_rules(turn)


async def _rule_choice(turn: Turn, movement_id: int | None, *, edit: bool) -> None:
    movement = turn.deps.catalog.by_id(movement_id) if movement_id is not None else None
    if movement is None:
        turn.notice("That movement is no longer available.")
        return
    turn.say(
        f"{movement.name}: how should I treat it?",
        [
            turn.button(label, NAMESPACE, "set", movement_id, rule.value)
            for rule, label in RULE_LABELS.items()
        ],
        edit=edit,
    )


@registry.buttons(NAMESPACE)
async def _rules_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = PROGRAM_SETUP
    action = args[0] if args else ""
    if action == "add":
        turn.go(SEARCH.name, "search")
        await SEARCH.ask(turn)
    elif action == "cancel":
        if turn.flow == SEARCH.name:
            turn.end_flow()
        turn.say("Okay, no new rule.", edit=True)
    elif action == "pick" and len(args) == 2 and args[1].isdigit():
        await _rule_choice(turn, int(args[1]), edit=True)
    elif action == "set" and len(args) == 3 and args[1].isdigit():
        movement = turn.deps.catalog.by_id(int(args[1]))
        if movement is None or args[2] not in {r.value for r in MovementRuleType}:
            turn.notice("That option is no longer available.")
            return
        if turn.flow == SEARCH.name:
            turn.end_flow()
        try:
            outcome = await add_rule(turn.repos, turn.deps, turn.user, movement.name, args[2])
        except InvalidInput as exc:
            turn.say(str(exc), edit=True)
            return
        turn.decided["rule"] = {"movement": movement.name, "rule": args[2], "replaced": outcome.replaced}
        turn.say(outcome.text, edit=True)
        await show_rules(turn)
    elif action == "rm" and len(args) == 2 and args[1].isdigit():
        rules = await list_rules(turn.repos, turn.deps, turn.user)
        index = int(args[1])
        if index >= len(rules):
            turn.notice("That rule is already gone.")
            return
        turn.say(await remove_rule(turn.repos, turn.deps, turn.user, rules[index].movement))
        turn.decided["rule_removed"] = rules[index].movement
        await show_rules(turn)
    else:
        await show_rules(turn)
