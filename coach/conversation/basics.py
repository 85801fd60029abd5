"""/start, /help and /cancel: getting in, finding your way, getting out."""

from __future__ import annotations

from coach.conversation import lines, onboarding, registry
from coach.conversation.registry import command
from coach.conversation.turn import Turn
from coach.persona import Lines
from db.enums import PersonaTone as T

HELP_INTRO: Lines = {
    T.DRILL_SERGEANT: "Listen up. Here's what I answer to:",
    T.SUPPORTIVE: "Here's everything I can help with:",
    T.ANALYTICAL: "Available commands:",
    T.MOTIVATIONAL: "Here's your toolkit — let's use it!",
    T.MINIMALIST: "Commands:",
}

LOGGING_TIPS = (
    "Log by just typing what you did, one exercise per line:\n"
    "  bench 3x5 80 @8\n"
    "  squat 100x5, 105x5, 110x3\n"
    "  pull-ups 3x8\n"
    "  plank 3x60s\n"
    "Tell me how you feel too: 'legs sore 3', 'slept badly', 'low energy'.\n"
    "Or just ask me anything about your training."
)


@command("start", "Start, or see where you are", before_onboarding=True)
async def start(turn: Turn, args: str) -> None:
    if not turn.onboarded:
        if turn.flow == onboarding.ONBOARDING_FLOW.name:
            turn.say(
                onboarding.RESUME,
                [turn.button("Start over", "start", "over")],
            )
            turn.context = onboarding.ONBOARDING_FLOW.context
            await onboarding.ONBOARDING_FLOW.ask(turn)
            return
        await onboarding.ONBOARDING_FLOW.start(turn)
        return
    turn.say(
        turn.speak(lines.WELCOME_BACK, name=turn.user.name or "lifter"),
        [turn.button("📋 Today", "today", "show"), turn.button("📈 Progress", "menu", "progress")],
        [turn.button("🗓 This week", "menu", "week"), turn.button("⚙️ Settings", "menu", "settings")],
    )


@registry.buttons("start")
async def _start_over(turn: Turn, args: tuple[str, ...]) -> None:
    if args[:1] == ("over",) and not turn.onboarded:
        turn.end_flow()
        await onboarding.ONBOARDING_FLOW.start(turn)
    else:
        await start(turn, "")


@registry.buttons("menu")
async def _menu(turn: Turn, args: tuple[str, ...]) -> None:
    """Shortcut buttons that run a command, as if it had been typed."""
    wanted = registry.COMMANDS.get(args[0]) if args else None
    if wanted is None or (not turn.onboarded and not wanted.before_onboarding):
        await start(turn, "")
        return
    turn.said = f"/{wanted.name}"
    await wanted.handler(turn, "")


@command("help", "What I can do", before_onboarding=True)
async def help_(turn: Turn, args: str) -> None:
    listed = "\n".join(f"/{c.name} — {c.description}" for c in registry.listed())
    turn.say(f"{turn.speak(HELP_INTRO)}\n{listed}\n\n{LOGGING_TIPS}")
    if turn.flow is not None:
        flow = registry.FLOWS[turn.flow]
        turn.context = flow.context
        await flow.ask(turn)


@command("cancel", "Stop what we're in the middle of", before_onboarding=True)
async def cancel(turn: Turn, args: str) -> None:
    if turn.flow is None:
        turn.say(turn.speak(lines.NOTHING_TO_CANCEL))
        return
    was_onboarding = turn.flow == onboarding.ONBOARDING_FLOW.name
    turn.context = registry.FLOWS[turn.flow].context
    turn.end_flow()
    turn.decided["cancelled"] = True
    if was_onboarding:
        turn.say("Okay, I've stopped the setup. Nothing was saved — send /start whenever you're ready.")
    else:
        turn.say(turn.speak(lines.CANCELLED))
