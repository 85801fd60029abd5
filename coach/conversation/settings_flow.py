"""/settings: units, e1RM formula, coach voice and push, reminders, timezone, equipment and the rest.

Simple switches change at a tap. Reminder time and timezone go through the reminders area's
helpers (they also make a time set after today's has passed start tomorrow). Answers that
shape the program reopen the onboarding question and offer to rebuild the program.
"""

from __future__ import annotations

from coach.conversation import parsing, registry
from coach.conversation.onboarding import PROFILE_EDIT
from coach.conversation.questions import REMINDER_CHOICES
from coach.conversation.registry import command
from coach.conversation.turn import PROGRAM_SETUP, Turn
from coach.errors import InvalidInput
from coach.persona import VOICES
from coach.reminders import settings as reminder_settings
from db.enums import E1RMFormula

NAMESPACE = "set"
FORMULAS = {
    E1RMFormula.EPLEY: "Epley",
    E1RMFormula.BRZYCKI: "Brzycki",
    E1RMFormula.LOMBARDI: "Lombardi",
    E1RMFormula.OCONNER: "O'Conner",
}
#: Settings answered by reopening an onboarding question.
PROFILE_QUESTIONS = {
    "voice": "tone",
    "push": "agg",
    "equipment": "eq",
    "minutes": "min",
    "name": "name",
    "experience": "exp",
    "activities": "acts",
}


class TypedSetting:
    """Settings typed as text: the reminder time and the timezone."""

    name = "settings"
    context = PROGRAM_SETUP

    async def answer(self, turn: Turn, text: str) -> bool:
        try:
            if turn.step == "tz":
                message = await reminder_settings.set_timezone(turn.repos, turn.deps, turn.user, text)
            else:
                message = await reminder_settings.set_reminder_time(turn.repos, turn.deps, turn.user, text)
        except InvalidInput as exc:
            if parsing.is_question(text):
                return False
            turn.say(str(exc))
            return True
        turn.end_flow()
        turn.decided["changed"] = turn.step or "reminder"
        turn.say(message)
        return True

    async def ask(self, turn: Turn) -> None:
        if turn.step == "tz":
            turn.say(
                f"Your timezone is {turn.user.timezone}. Type your city (e.g. Berlin) or a UTC offset (UTC+2).",
                [turn.button("Cancel", NAMESPACE, "cancel")],
            )
            return
        options = [turn.button(t, NAMESPACE, "rem", t.replace(":", "")) for t in REMINDER_CHOICES]
        turn.say(
            "When should the daily reminder come? Tap a time or type one (e.g. 6:45).",
            options[:4],
            options[4:],
            [
                turn.button("Reminders off", NAMESPACE, "rem", "off"),
                turn.button("Cancel", NAMESPACE, "cancel"),
            ],
        )

    def hint(self, turn: Turn) -> str:
        return "Type a city or UTC offset." if turn.step == "tz" else "Type a time like 7:30, or tap one."


TYPED = registry.flow(TypedSetting())


def _menu_text(turn: Turn) -> str:
    user, settings = turn.user, turn.user.settings
    assert settings is not None
    voice = VOICES[user.persona_tone].label
    return "\n".join(
        [
            "Your settings:",
            f"• Units: {'kg' if settings.use_metric else 'lb'}",
            f"• e1RM formula: {FORMULAS[settings.active_e1rm_formula]}",
            f"• Coach voice: {voice}, push level {int(user.persona_aggression)}/5",
            f"• Session length: {settings.session_minutes} min",
            f"• Equipment: {', '.join(settings.equipment or []) or 'not set'}",
            reminder_settings.describe(user, turn.deps),
        ]
    )


async def show_menu(turn: Turn, *, edit: bool = False) -> None:
    turn.context = PROGRAM_SETUP
    settings = await turn.repos.users.ensure_settings(turn.user)
    b = turn.button
    turn.say(
        _menu_text(turn),
        [b("⚖️ Units: " + ("kg → lb" if settings.use_metric else "lb → kg"), NAMESPACE, "units"),
         b("🧮 e1RM formula", NAMESPACE, "e1rm")],
        [b("🗣 Coach voice", NAMESPACE, "p", "voice"), b("🔥 Push level", NAMESPACE, "p", "push")],
        [b("⏰ Reminder time", NAMESPACE, "remmenu"), b("🌍 Timezone", NAMESPACE, "tz")],
        [b("😴 Snooze today", NAMESPACE, "snooze"),
         b(("🌙 Evening nudge: on" if settings.evening_nudge_enabled else "🌙 Evening nudge: off"), NAMESPACE, "evening")],
        [b(("📰 Weekly summary: on" if settings.weekly_summary_enabled else "📰 Weekly summary: off"), NAMESPACE, "weekly")],
        [b("🏋️ Equipment", NAMESPACE, "p", "equipment"), b("⏱ Session length", NAMESPACE, "p", "minutes")],
        [b("📈 Experience", NAMESPACE, "p", "experience"), b("🎾 Activities", NAMESPACE, "p", "activities")],
        [b("✏️ Name", NAMESPACE, "p", "name")],
        edit=edit,
    )  # fmt: skip


@command("settings", "Units, coach voice, reminders, timezone, equipment")
async def settings_command(turn: Turn, args: str) -> None:
    await show_menu(turn)


@registry.buttons(NAMESPACE)
async def _settings_button(turn: Turn, args: tuple[str, ...]) -> None:
    turn.context = PROGRAM_SETUP
    action = args[0] if args else ""
    user = turn.user
    settings = await turn.repos.users.ensure_settings(user)
    if action == "units":
        settings.use_metric = not settings.use_metric
        turn.decided["changed"] = "units"
        await show_menu(turn, edit=True)
    elif action == "e1rm" and len(args) == 1:
        turn.say(
            "Which formula should estimate your one-rep max? (Epley is the common default; Brzycki reads "
            "a little lower on sets of 8+.)",
            [turn.button(("✓ " if f == settings.active_e1rm_formula else "") + label, NAMESPACE, "e1rm", f.value)
             for f, label in FORMULAS.items()],
            edit=True,
        )  # fmt: skip
    elif action == "e1rm" and args[1] in {f.value for f in E1RMFormula}:
        settings.active_e1rm_formula = E1RMFormula(args[1])
        turn.decided["changed"] = "e1rm"
        await show_menu(turn, edit=True)
    elif action == "p" and len(args) == 2 and args[1] in PROFILE_QUESTIONS:
        await PROFILE_EDIT.start(turn, PROFILE_QUESTIONS[args[1]])
    elif action == "remmenu":
        turn.go(TYPED.name, "rem")
        await TYPED.ask(turn)
    elif action == "tz":
        turn.go(TYPED.name, "tz")
        await TYPED.ask(turn)
    elif action == "rem" and len(args) == 2:
        if turn.flow == TYPED.name:
            turn.end_flow()
        when = "off" if args[1] == "off" else f"{args[1][:2]}:{args[1][2:]}"
        turn.say(await reminder_settings.set_reminder_time(turn.repos, turn.deps, user, when), edit=True)
        turn.decided["changed"] = "reminder"
    elif action == "snooze":
        turn.say(await reminder_settings.snooze_today(turn.repos, turn.deps, user))
    elif action == "evening":
        turn.say(
            await reminder_settings.set_evening_nudge(
                turn.repos, turn.deps, user, not settings.evening_nudge_enabled
            )
        )
    elif action == "weekly":
        turn.say(
            await reminder_settings.set_weekly_summary(
                turn.repos, turn.deps, user, not settings.weekly_summary_enabled
            )
        )
    elif action == "cancel":
        if turn.flow == TYPED.name:
            turn.end_flow()
        turn.say("Okay, nothing changed.", edit=True)
    else:
        await show_menu(turn)
