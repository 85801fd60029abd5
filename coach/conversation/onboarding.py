"""Onboarding, and later changes to any of its answers.

Onboarding asks the profile questions in order, shows a summary where any answer can be
changed, then builds the program and shows its overview. The same questions reopen one at
a time from /settings and /program (``ProfileEdit``); a change that shapes the program
rebuilds it after the lifter confirms. Where the lifter is lives in ``chat_states``, so a
half-finished onboarding survives restarts and continues on any bot process.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from coach.conversation import lines, parsing, registry
from coach.conversation.profiles import answers_from_user, build_program, to_profile
from coach.conversation.questions import QUESTIONS, Answers, Question, Result
from coach.conversation.turn import ONBOARDING, PROGRAM_SETUP, Turn
from coach.errors import InvalidInput
from coach.persona import Lines, speak
from coach.render import program_overview_text
from coach.replies import Button
from db.enums import PersonaTone
from db.enums import PersonaTone as T

ORDER = ("name", "exp", "goals", "weights", "days", "min", "eq", "rules", "acts", "tone", "agg", "tz", "rem")
CONFIRM = "confirm"
#: Answers that shape the program: changing one later rebuilds it (after a confirmation).
SHAPES_PROGRAM = frozenset({"exp", "goals", "weights", "days", "min", "eq", "rules", "acts", "agg"})

WELCOME = (
    "Hi! I'm Gainsly, your strength and hybrid-training coach. 🏋️\n"
    "A few quick questions — mostly taps — and I'll build you an 8–12 week program that adapts to how "
    "you feel each day. You can type a set any time to log it (e.g. 'bench 3x5 80 @8'), and /cancel stops."
)

PROGRAM_READY: Lines = {
    T.DRILL_SERGEANT: "Program's built, {name}. {weeks} weeks, {days} days a week. No excuses from here — /today shows your first orders.",
    T.SUPPORTIVE: "Your program is ready, {name}! {weeks} weeks, {days} days a week, built around what you told me. /today shows your first session — I'm here whenever you need me.",
    T.ANALYTICAL: "Program generated, {name}: {weeks} weeks, {days} sessions per week, weighted to your goals. /today shows the first prescription with sets, reps, RPE and rest.",
    T.MOTIVATIONAL: "This is where it starts, {name}! {weeks} weeks, {days} days a week of getting better. Hit /today and let's go!",
    T.MINIMALIST: "Program ready, {name}. {weeks} weeks, {days} days/week. /today.",
}

PROGRAM_REBUILT: Lines = {
    T.DRILL_SERGEANT: "Program rebuilt. Your logs and PRs stay on the books. /today — move.",
    T.SUPPORTIVE: "Done — your program is rebuilt with that change. Your logs and PRs are all still here. /today shows what's next.",
    T.ANALYTICAL: "Program regenerated with the new input. Historical logs and e1RM trends are unaffected. See /today.",
    T.MOTIVATIONAL: "Fresh program, same you — all your logs and PRs come along! /today and let's roll!",
    T.MINIMALIST: "Rebuilt. Logs kept. /today.",
}

SAVED: Lines = {
    T.DRILL_SERGEANT: "Noted: {what} is now {value}.",
    T.SUPPORTIVE: "Saved — {what}: {value}.",
    T.ANALYTICAL: "Updated {what} → {value}.",
    T.MOTIVATIONAL: "Locked in — {what}: {value}!",
    T.MINIMALIST: "{what}: {value}.",
}

RESUME = "Welcome back! Let's pick up where we left off."


class ProfileQuestions(abc.ABC):
    """The shared machinery: ask the pending question, take a tap or typed answer, move on."""

    name: str
    context: str
    namespace: str

    def answers(self, turn: Turn) -> Answers:
        scratch = turn.scratch(self.name)
        return scratch.setdefault("answers", {})

    def _button_factory(self, turn: Turn) -> Callable[..., Button]:
        step = turn.step or ""
        return lambda label, *args: turn.button(label, self.namespace, step, *args)

    def extra_rows(self, turn: Turn) -> list[list[Button]]:
        return []

    async def ask(self, turn: Turn, *, edit: bool = False) -> None:
        first = len(turn.replies)
        if turn.step == CONFIRM:
            await self.ask_confirm(turn)
        else:
            question = QUESTIONS[turn.step or ORDER[0]]
            await question.ask(turn, self.answers(turn), self._button_factory(turn))
        if len(turn.replies) > first:
            reply = turn.replies[first]
            extra = tuple(tuple(row) for row in self.extra_rows(turn) if row)
            turn.replies[first] = replace(reply, buttons=reply.buttons + extra, edit=edit)

    @abc.abstractmethod
    async def ask_confirm(self, turn: Turn) -> None:
        """Show the closing confirmation of this flow."""

    def hint(self, turn: Turn) -> str:
        question = QUESTIONS.get(turn.step or "")
        return question.hint if question else "Tap one of the buttons above."

    async def answer(self, turn: Turn, text: str) -> bool:
        if turn.step == CONFIRM:
            return await self.typed_confirm(turn, text)
        question = QUESTIONS.get(turn.step or "")
        if question is None:
            return False
        result = await question.typed(turn, self.answers(turn), text, self._button_factory(turn))
        if result is None:
            return False
        turn.decided["answered"] = question.code
        await self.after(turn, question, result, pressed=False)
        return True

    async def typed_confirm(self, turn: Turn, text: str) -> bool:
        return False

    async def press(self, turn: Turn, args: tuple[str, ...]) -> None:
        if not args:
            return
        step, rest = args[0], args[1:]
        if step == "*":  # buttons valid at any step (back, confirm actions)
            await self.press_any(turn, rest)
            return
        if step != turn.step:
            turn.say(turn.speak(lines.OLD_STEP))
            await self.ask(turn)
            return
        if step == CONFIRM:
            await self.press_confirm(turn, rest)
            return
        question = QUESTIONS[step]
        result = await question.press(turn, self.answers(turn), rest)
        turn.decided["answered"] = question.code
        await self.after(turn, question, result, pressed=True)

    async def press_any(self, turn: Turn, args: tuple[str, ...]) -> None:
        await self.ask(turn)

    async def press_confirm(self, turn: Turn, args: tuple[str, ...]) -> None:
        await self.ask(turn)

    async def after(self, turn: Turn, question: Question, result: Result, *, pressed: bool) -> None:
        if result is Result.STAY:
            await self.ask(turn, edit=pressed)
        elif result is Result.DONE:
            if pressed:
                turn.say(f"✓ {question.title}: {question.summary(self.answers(turn))}", edit=True)
            await self.done(turn, question)

    @abc.abstractmethod
    async def done(self, turn: Turn, question: Question) -> None:
        """``question`` is answered: move on."""


class Onboarding(ProfileQuestions):
    name = "onboarding"
    context = ONBOARDING
    namespace = "ob"

    async def start(self, turn: Turn) -> None:
        turn.context = self.context
        if turn.flow == self.name and turn.step:
            turn.say(RESUME)
        else:
            turn.data[self.name] = {"answers": {}}
            turn.say(WELCOME)
            turn.go(self.name, ORDER[0])
        await self.ask(turn)

    def extra_rows(self, turn: Turn) -> list[list[Button]]:
        answers = self.answers(turn)
        if turn.step in (ORDER[0], CONFIRM) or answers.get("_confirming"):
            return []
        if answers.get("rule_pick") is not None or answers.get("activity_pick") is not None:
            return []  # a sub-question has its own way back
        return [[turn.button("‹ Back", self.namespace, "*", "back")]]

    async def press_any(self, turn: Turn, args: tuple[str, ...]) -> None:
        if args[:1] == ("back",) and turn.step in ORDER:
            index = ORDER.index(turn.step)
            previous = ORDER[max(0, index - 1)]
            if previous == "weights" and len(self.answers(turn).get("goals", [])) < 2:
                previous = "goals"
            turn.go(self.name, previous)
        await self.ask(turn)

    def next_step(self, turn: Turn, code: str) -> str:
        answers = self.answers(turn)
        if code == "goals" and (len(answers.get("goals", [])) < 2 or answers.pop("weights_typed", False)):
            code = "weights"  # one goal carries all 10 points; typed weights need no sliders
        if answers.get("_confirming") and code != "goals":
            return CONFIRM
        index = ORDER.index(code)
        return ORDER[index + 1] if index + 1 < len(ORDER) else CONFIRM

    async def done(self, turn: Turn, question: Question) -> None:
        turn.go(self.name, self.next_step(turn, question.code))
        await self.ask(turn)

    async def ask_confirm(self, turn: Turn) -> None:
        answers = self.answers(turn)
        answers["_confirming"] = True
        summary = "\n".join(
            f"• {QUESTIONS[code].title}: {QUESTIONS[code].summary(answers)}"
            for code in ORDER
            if code != "weights"
        )
        turn.say(
            "Here's what I've got:\n" + summary + "\n\nShall I build your program?",
            [turn.button("✅ Build my program", self.namespace, CONFIRM, "build")],
            [turn.button("✏️ Change an answer", self.namespace, CONFIRM, "change")],
        )

    def change_menu(self, turn: Turn, *, edit: bool) -> None:
        options = [
            turn.button(QUESTIONS[c].title, self.namespace, CONFIRM, "jump", c)
            for c in ORDER
            if c != "weights"
        ]
        turn.say(
            "Which answer would you like to change?",
            *[options[i : i + 2] for i in range(0, len(options), 2)],
            edit=edit,
        )

    async def typed_confirm(self, turn: Turn, text: str) -> bool:
        if parsing.yes_no(text) is True or parsing.normalise(text) in ("build", "build it", "go"):
            await self.build(turn)
            return True
        return False

    async def press_confirm(self, turn: Turn, args: tuple[str, ...]) -> None:
        if args[:1] == ("build",):
            turn.say("✓ Building your program…", edit=True)
            await self.build(turn)
        elif args[:1] == ("change",):
            self.change_menu(turn, edit=True)
        elif args[:1] == ("jump",) and len(args) == 2 and args[1] in QUESTIONS:
            turn.go(self.name, args[1])
            await self.ask(turn, edit=True)
        else:
            await self.ask(turn)

    async def build(self, turn: Turn) -> None:
        answers = self.answers(turn)
        try:
            profile = to_profile(answers)
        except InvalidInput as exc:
            turn.say(f"Something in your answers doesn't add up:\n{exc}\nLet's fix it.")
            await self.ask(turn)
            return
        program = await build_program(turn, profile)
        if program is None:
            self.change_menu(turn, edit=False)
            return
        user = turn.user
        user.name = answers.get("name") or user.name
        user.timezone = answers.get("timezone") or user.timezone or "UTC"
        settings = await turn.repos.users.ensure_settings(user)
        reminder = answers.get("reminder_time")
        settings.reminder_time = dt.time.fromisoformat(reminder) if reminder else None
        settings.reminders_enabled = reminder is not None
        user.onboarded_at = turn.now
        turn.end_flow()
        turn.closes.append(ONBOARDING)
        turn.context = ONBOARDING
        turn.decided["program_id"] = program.id
        turn.say(program_overview_text(program))
        turn.say(
            turn.speak(
                PROGRAM_READY,
                name=user.name or "lifter",
                weeks=program.duration_weeks,
                days=program.days_per_week,
            ),
            [turn.button("📋 Today's session", "today", "show")],
        )


class ProfileEdit(ProfileQuestions):
    """One onboarding question reopened after onboarding, applied when answered."""

    name = "profile"
    context = PROGRAM_SETUP
    namespace = "pe"

    async def start(self, turn: Turn, code: str) -> None:
        turn.data[self.name] = {"answers": await answers_from_user(turn), "asked": code}
        turn.go(self.name, code)
        turn.context = self.context
        await self.ask(turn)

    def extra_rows(self, turn: Turn) -> list[list[Button]]:
        if turn.step == CONFIRM:
            return []
        return [[turn.button("Cancel", self.namespace, "*", "cancel")]]

    async def press_any(self, turn: Turn, args: tuple[str, ...]) -> None:
        if args[:1] == ("cancel",):
            turn.end_flow()
            turn.say(turn.speak(lines.CANCELLED), edit=True)
            return
        await self.ask(turn)

    async def done(self, turn: Turn, question: Question) -> None:
        answers = self.answers(turn)
        if (
            question.code == "goals"
            and len(answers.get("goals", [])) > 1
            and not answers.pop("weights_typed", False)
        ):
            turn.go(self.name, "weights")
            await self.ask(turn)
            return
        if question.code in SHAPES_PROGRAM:
            turn.go(self.name, CONFIRM)
            await self.ask(turn)
            return
        await self.apply_simple(turn, question)

    async def apply_simple(self, turn: Turn, question: Question) -> None:
        answers = self.answers(turn)
        user = turn.user
        settings = await turn.repos.users.ensure_settings(user)
        if question.code == "name":
            user.name = answers["name"]
        elif question.code == "tz":
            user.timezone = answers["timezone"]
        elif question.code == "tone":
            user.persona_tone = PersonaTone(answers["persona_tone"])
        elif question.code == "rem":
            reminder = answers.get("reminder_time")
            settings.reminder_time = dt.time.fromisoformat(reminder) if reminder else None
            settings.reminders_enabled = reminder is not None
        turn.end_flow()
        turn.decided["changed"] = question.code
        turn.say(turn.speak(SAVED, what=question.title.lower(), value=question.summary(answers)))

    async def ask_confirm(self, turn: Turn) -> None:
        answers = self.answers(turn)
        asked = QUESTIONS[turn.scratch(self.name).get("asked", "goals")]
        turn.say(
            f"New {asked.title.lower()}: {asked.summary(answers)}.\n"
            "That changes how your program is built. Rebuild it now, starting today? Your logs and PRs stay.",
            [turn.button("🔁 Rebuild my program", self.namespace, CONFIRM, "build")],
            [turn.button("Keep my current program", self.namespace, CONFIRM, "keep")],
        )

    async def typed_confirm(self, turn: Turn, text: str) -> bool:
        choice = parsing.yes_no(text)
        if choice is None:
            return False
        await self.press_confirm(turn, ("build",) if choice else ("keep",))
        return True

    async def press_confirm(self, turn: Turn, args: tuple[str, ...]) -> None:
        if args[:1] == ("keep",):
            turn.end_flow()
            turn.say("Okay — your program stays as it is.", edit=True)
            return
        if args[:1] != ("build",):
            await self.ask(turn)
            return
        answers = self.answers(turn)
        try:
            profile = to_profile(answers)
        except InvalidInput as exc:
            turn.end_flow()
            turn.say(f"I can't build a program from that:\n{exc}")
            return
        program = await build_program(turn, profile)
        turn.end_flow()
        if program is None:
            return
        turn.decided["program_id"] = program.id
        turn.say("✓ Rebuilding…", edit=True)
        turn.say(turn.speak(PROGRAM_REBUILT), [turn.button("📋 Today's session", "today", "show")])


ONBOARDING_FLOW = Onboarding()
PROFILE_EDIT = ProfileEdit()
registry.flow(ONBOARDING_FLOW)
registry.flow(PROFILE_EDIT)


@registry.buttons("ob")
async def _onboarding_button(turn: Turn, args: tuple[str, ...]) -> None:
    if turn.flow != ONBOARDING_FLOW.name:
        if turn.onboarded:
            turn.notice("You're already set up — /settings changes any answer.")
        else:
            await ONBOARDING_FLOW.start(turn)
        return
    turn.context = ONBOARDING
    await ONBOARDING_FLOW.press(turn, args)


@registry.buttons("pe")
async def _profile_button(turn: Turn, args: tuple[str, ...]) -> None:
    if turn.flow != PROFILE_EDIT.name:
        turn.notice(speak(turn.tone, lines.STALE_BUTTON))
        return
    turn.context = PROGRAM_SETUP
    await PROFILE_EDIT.press(turn, args)


async def resume(turn: Turn) -> None:
    """Back to the pending onboarding question (or the start of onboarding)."""
    if turn.flow == ONBOARDING_FLOW.name:
        turn.context = ONBOARDING
        await ONBOARDING_FLOW.ask(turn)
    else:
        await ONBOARDING_FLOW.start(turn)
