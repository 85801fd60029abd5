"""The offline coach: the frequent asks, answered without a model, through the same tools.

Used when no model is configured and whenever the model fails. Each intent calls the tools the
model would call (so the numbers and the rules are identical) and answers in the lifter's
voice; plan changes are offered as buttons, never applied unasked. A message that matches
nothing gets a menu of what the coach can do — with buttons — rather than a shrug.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from coach import callbacks
from coach.assistant import lines
from coach.assistant.changes import Change, keep_button
from coach.assistant.intents import Intent, IntentName, normalise
from coach.assistant.reply import AssistantReply
from coach.assistant.toolbox import TOOLS
from coach.assistant.tools import ToolContext, ToolRun
from coach.logbook.quick_inputs import BODY_PARTS
from coach.persona import Lines, speak
from coach.replies import Button, Image
from db.enums import CNSLoad

#: What a sore or painful body part means for today's exercises: muscles and patterns that load it.
LOADS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "knee": (frozenset({"quadriceps"}), frozenset({"squat", "lunge", "plyometric"})),
    "lower back": (frozenset({"lower_back"}), frozenset({"hinge", "olympic"})),
    "upper back": (frozenset({"upper_back"}), frozenset({"horizontal_pull", "carry"})),
    "back": (frozenset({"lower_back", "upper_back", "lats"}), frozenset({"hinge", "olympic"})),
    "shoulder": (
        frozenset({"front_delts", "side_delts", "rear_delts"}),
        frozenset({"vertical_push", "horizontal_push"}),
    ),
    "elbow": (frozenset({"biceps", "triceps", "forearms"}), frozenset()),
    "wrist": (frozenset({"forearms"}), frozenset({"horizontal_push", "olympic"})),
    "hip": (frozenset({"glutes", "hip_flexors", "adductors"}), frozenset({"hinge", "squat", "lunge"})),
    "ankle": (frozenset({"calves"}), frozenset({"plyometric", "lunge", "cardio", "conditioning"})),
    "neck": (frozenset({"upper_back"}), frozenset({"carry"})),
    "hamstrings": (frozenset({"hamstrings"}), frozenset({"hinge"})),
    "quads": (frozenset({"quadriceps"}), frozenset({"squat", "lunge"})),
    "calves": (frozenset({"calves"}), frozenset({"plyometric"})),
    "glutes": (frozenset({"glutes"}), frozenset({"hinge"})),
    "chest": (frozenset({"chest"}), frozenset({"horizontal_push"})),
    "arms": (frozenset({"biceps", "triceps", "forearms"}), frozenset()),
    "legs": (
        frozenset({"quadriceps", "hamstrings", "glutes", "calves"}),
        frozenset({"squat", "lunge", "hinge"}),
    ),
    "core": (frozenset({"core", "obliques"}), frozenset({"core", "rotation"})),
}
REMINDER_CHOICES = ("06:30", "07:00", "12:00", "17:30", "19:00")
_CNS_RANK = {level: rank for rank, level in enumerate(CNSLoad)}


@dataclass
class Draft:
    """A reply being put together: text, buttons, and what was done and offered."""

    ctx: ToolContext
    intent: str
    parts: list[str] = field(default_factory=list)
    rows: list[tuple[Button, ...]] = field(default_factory=list)
    runs: list[ToolRun] = field(default_factory=list)
    offered: list[Change] = field(default_factory=list)
    image: Image | None = None

    def say(self, line: Lines, **values: Any) -> None:
        self.parts.append(speak(self.ctx.user.persona_tone, line, key=self.intent, **values))

    def add(self, text: str) -> None:
        self.parts.append(text)

    def button(self, label: str, *args: object) -> Button:
        return Button(label, callbacks.sign(self.ctx.deps.callback_secret, self.ctx.user.id, "coach", *args))

    async def tool(self, name: str, arguments: dict[str, Any] | None = None) -> ToolRun:
        run = await TOOLS.call(self.ctx, name, arguments or {})
        self.runs.append(run)
        if run.ok and run.outcome is not None and run.outcome.image is not None:
            self.image = run.outcome.image
        return run

    def offer(self, changes: list[Change] | tuple[Change, ...], *, keep: bool = True) -> None:
        """One button per change (two to a row), then "keep the plan"."""
        secret, uid = self.ctx.deps.callback_secret, self.ctx.user.id
        buttons = [c.button(secret, uid) for c in changes]
        for start in range(0, len(buttons), 2):
            self.rows.append(tuple(buttons[start : start + 2]))
        if keep and changes:
            self.rows.append((keep_button(secret, uid),))
        self.offered.extend(changes)

    def cannot(self, run: ToolRun) -> None:
        self.say(lines.CANNOT, reason=run.error or "something went wrong")

    def reply(self, source: str = "offline", **extra: Any) -> AssistantReply:
        structured: dict[str, Any] = {"source": source, "intent": self.intent, **extra}
        if self.runs:
            structured["tools"] = [r.record() for r in self.runs]
        if self.offered:
            structured["changes"] = [c.to_json() for c in self.offered]
            structured.setdefault("summary", "offered: " + "; ".join(c.describe() for c in self.offered))
        elif self.runs:
            structured.setdefault("summary", "; ".join(r.summary for r in self.runs))
        return AssistantReply(
            text="\n\n".join(p for p in self.parts if p),
            buttons=tuple(self.rows),
            structured=structured,
            image=self.image,
        )


# --- intents ----------------------------------------------------------------------------------


async def _today(draft: Draft, intent: Intent) -> None:
    run = await draft.tool("get_today")
    if not run.ok or run.outcome is None:
        draft.cannot(run)
        return
    data = run.outcome.data
    if data.get("program", True) is None:
        draft.say(lines.NO_PROGRAM)
        return
    adaptation = data.get("adaptation") or {}
    if data["rest_day"]:
        draft.say(lines.REST_DAY)
    else:
        draft.say(
            lines.TODAY,
            date=f"{draft.ctx.day:%A %d %B}",
            kind=data.get("session_type") or "session",
            minutes=data.get("estimated_minutes") or "?",
        )
        draft.add(
            "\n".join(
                f"{i}. {e['exercise']} — {e['prescription']}"
                for i, e in enumerate(data["exercises"], start=1)
            )
        )
    if adaptation.get("decision") not in (None, "keep") and adaptation.get("reasons"):
        reasons = "; ".join(r.rstrip(". ") for r in adaptation["reasons"])
        draft.say(lines.ADAPTED, decision=adaptation["decision"], reasons=reasons)


async def _day(draft: Draft) -> dict[str, Any] | None:
    """Today's tool data when there is a session; otherwise says why not and returns ``None``."""
    run = await draft.tool("get_today")
    if not run.ok or run.outcome is None:
        draft.cannot(run)
        return None
    data = run.outcome.data
    if data.get("program", True) is None:
        draft.say(lines.NO_PROGRAM)
        return None
    if data["rest_day"]:
        draft.say(lines.NOTHING_TODAY)
        return None
    return data


def _adjustments(draft: Draft, *actions: str) -> list[Change]:
    return [Change("adjust", draft.ctx.day, action=a) for a in actions]


async def _swap(draft: Draft, intent: Intent) -> None:
    target = intent.target or (intent.movements[0] if intent.movements else None)
    if target is None:
        await _swap_which(draft)
        return
    if intent.replacement:
        run = await draft.tool("swap_exercise", {"exercise": target, "replacement": intent.replacement})
        if run.ok and run.outcome is not None:
            change = run.outcome.changes[0]
            draft.say(lines.SWAP_CONFIRM, exercise=change.from_name, to=change.to_name)
            draft.offer(run.outcome.changes)
            return
    run = await draft.tool("swap_options", {"exercise": target})
    if not run.ok and "not in today's session" in (run.error or ""):
        draft.say(lines.NOT_TODAY, exercise=intent.movements[0] if intent.movements else target)
        await _swap_which(draft, ask=False)
        return
    if not run.ok or run.outcome is None:
        draft.cannot(run)
        return
    if not run.outcome.changes:
        draft.cannot(
            ToolRun(run.name, run.arguments, False, error=f"nothing else fits {run.outcome.data['exercise']}")
        )
        draft.offer(_adjustments(draft, "reduce"))
        return
    draft.say(lines.SWAP_OPTIONS, exercise=run.outcome.data["exercise"])
    draft.offer(run.outcome.changes)


#: Roles worth swapping; warm-up and cool-down drills are only listed when nothing else is.
SWAPPABLE_ROLES = ("main", "accessory", "skill", "finisher")


async def _swap_which(draft: Draft, *, ask: bool = True) -> None:
    data = await _day(draft)
    if data is None:
        return
    if ask:
        draft.say(lines.SWAP_WHICH)
    exercises = [e for e in data["exercises"] if e["role"] in SWAPPABLE_ROLES] or data["exercises"]
    for exercise in exercises:
        draft.rows.append((draft.button(exercise["exercise"], "so", exercise["exercise"][:30]),))


_LEVEL = re.compile(r"\b([1-5])\s*(?:/\s*5|out of 5)?(?![\d.:])")
_SLEPT = re.compile(r"\bslept\s+(?:only\s+|about\s+|like\s+)?(\d{1,2}(?:\.\d)?)\s*(?:h|hrs?|hours?)\b")
#: Body-part words the logbook knows, longest first ("lower back" before "back").
_SORE_WORDS = sorted(BODY_PARTS, key=len, reverse=True)


def check_in(text: str, *, sore: bool) -> dict[str, Any]:
    """Soreness and sleep a sentence states, as ``record_soreness_or_readiness`` arguments.

    Only what the lifter said: body parts they named (sore at their number, or at 3 — the
    logbook's own reading of a bare "legs sore"), hours of sleep they gave. Nothing else.
    """
    clean = normalise(text)
    found: dict[str, Any] = {}
    if sore:
        level = _LEVEL.search(clean)
        spots: list[tuple[int, str]] = []
        rest = clean
        for word in _SORE_WORDS:
            where = re.search(rf"\b{re.escape(word)}\b", rest)
            if where:
                spots.append((where.start(), word))
                rest = re.sub(rf"\b{re.escape(word)}\b", lambda m: " " * len(m.group(0)), rest)
        if spots:
            found["soreness"] = [
                {"body_part": word, "level": int(level.group(1)) if level else 3}
                for _, word in sorted(spots)[:6]
            ]
    slept = _SLEPT.search(clean)
    if slept and 0 < float(slept.group(1)) <= 24:
        found["sleep_hours"] = float(slept.group(1))
    return found


async def _record_feeling(draft: Draft, text: str, *, sore: bool) -> None:
    arguments = check_in(text, sore=sore) if text else {}
    if arguments:
        run = await draft.tool("record_soreness_or_readiness", arguments)
        if run.ok:
            draft.say(lines.NOTED)


async def _sore(draft: Draft, intent: Intent, text: str) -> None:
    await _record_feeling(draft, text, sore=True)
    if await _day(draft) is None:
        return
    draft.say(lines.SORE)
    draft.offer(_adjustments(draft, "easy", "reduce"))


async def _tired(draft: Draft, intent: Intent, text: str) -> None:
    await _record_feeling(draft, text, sore=False)
    if await _day(draft) is None:
        return
    draft.say(lines.TIRED)
    draft.offer(_adjustments(draft, "easy", "reduce", "skip"))


def _loads(exercise_name: str, part: str, draft: Draft) -> bool:
    info = draft.ctx.deps.catalog.get(exercise_name)
    muscles, patterns = LOADS.get(part, (frozenset(), frozenset()))
    if info is None:
        return False
    worked = {info.primary_muscle.value, *(m.value for m in info.secondary_muscles)}
    return bool(worked & muscles) or info.pattern.value in patterns


async def _pain(draft: Draft, intent: Intent, text: str) -> None:
    data = await _day(draft)
    if data is None:
        return
    part = intent.body_part or "that spot"
    hit = [e["exercise"] for e in data["exercises"] if _loads(e["exercise"], part, draft)]
    if not hit:
        draft.say(lines.PAIN_CLEAR, part=part)
        return
    draft.say(lines.PAIN, part=part, exercises=", ".join(hit))
    for name in hit[:4]:
        draft.rows.append((draft.button(f"Swap {name}", "so", name[:30]),))
    draft.offer(_adjustments(draft, "reduce", "skip"))


async def _short_on_time(draft: Draft, intent: Intent) -> None:
    data = await _day(draft)
    if data is None:
        return
    planned = data.get("estimated_minutes")
    minutes = intent.minutes
    if minutes is not None and planned is not None and planned <= minutes:
        draft.say(lines.FITS_TIME, planned=planned, minutes=minutes)
        return
    draft.say(lines.SHORT_ON_TIME, minutes=minutes or "a few", planned=planned or "?")
    draft.offer(_adjustments(draft, "reduce"))


async def _skip(draft: Draft, intent: Intent) -> None:
    if await _day(draft) is None:
        return
    draft.say(lines.SKIP)
    draft.offer(_adjustments(draft, "skip", "move"))


async def _move(draft: Draft, intent: Intent) -> None:
    if await _day(draft) is None:
        return
    draft.say(lines.MOVE)
    draft.offer(_adjustments(draft, "move"))


async def _rule(draft: Draft, intent: Intent) -> None:
    run = await draft.tool("add_movement_rule", {"movement": intent.movements[0], "rule": intent.rule})
    if not run.ok or run.outcome is None:
        draft.cannot(run)
        return
    change = run.outcome.changes[0]
    draft.say(lines.RULE_CONFIRM, movement=change.to_name, words=lines.RULE_WORDS[change.rule or "preferred"])
    draft.offer(run.outcome.changes, keep=False)
    draft.rows.append((draft.button("Leave it as is", "keep"),))


async def _progress(draft: Draft, intent: Intent) -> None:
    run = await draft.tool("get_progress")
    if not run.ok or run.outcome is None:
        draft.cannot(run)
        return
    draft.add(str(run.outcome.data["report"]))


async def _reminder(draft: Draft, intent: Intent) -> None:
    if intent.reminder_off or intent.reminder_at is not None:
        when = "off" if intent.reminder_off else f"{intent.reminder_at:%H:%M}"
        await set_reminder(draft, when)
        return
    draft.say(lines.REMINDER_ASK)
    buttons = [draft.button(t, "rm", t.replace(":", "")) for t in REMINDER_CHOICES]
    draft.rows.extend([tuple(buttons[:3]), tuple(buttons[3:])])
    draft.rows.append((draft.button("Turn reminders off", "rm", "off"),))


async def set_reminder(draft: Draft, when: str) -> None:
    run = await draft.tool("set_reminder", {"time": when})
    if not run.ok or run.outcome is None:
        draft.cannot(run)
    else:
        draft.add(str(run.outcome.data["coach_note"]))


def _names(values: list[str]) -> str:
    return " or ".join(values[:2])


async def _explain(draft: Draft, intent: Intent) -> None:
    facts: list[dict[str, Any]] = []
    for name in intent.movements[:2]:
        run = await draft.tool("explain_movement", {"movement": name})
        if run.ok and run.outcome is not None:
            facts.append(run.outcome.data)
    if not facts:
        await menu(draft)
        return
    if len(facts) == 2:
        _compare(draft, facts[0], facts[1])
        return
    info = facts[0]
    muscles = ", ".join([info["primary_muscle"], *info["secondary_muscles"][:2]]).replace("_", " ")
    draft.say(
        lines.EXPLAIN,
        name=info["name"],
        muscles=muscles,
        pattern=info["pattern"].replace("_", " "),
        fatigue=info["fatigue_cost"].replace("_", " "),
    )
    if info["cues"]:
        draft.add("\n".join(f"• {cue}" for cue in info["cues"]))
    if info.get("regression") and info.get("progression"):
        draft.say(
            lines.EXPLAIN_RELATED, easier=_names(info["regression"]), harder=_names(info["progression"])
        )


def _compare(draft: Draft, a: dict[str, Any], b: dict[str, Any]) -> None:
    draft.say(lines.COMPARE, a=a["name"], b=b["name"])
    rows = []
    for info in (a, b):
        muscles = ", ".join([info["primary_muscle"], *info["secondary_muscles"][:2]]).replace("_", " ")
        rows.append(
            f"• {info['name']}: {info['pattern'].replace('_', ' ')}; trains {muscles}; "
            f"fatigue {info['fatigue_cost'].replace('_', ' ')}; skill {info['skill_level']}; "
            f"needs {', '.join(info['equipment']) or 'nothing'}"
        )
    draft.add("\n".join(rows))
    rank_a = _CNS_RANK.get(CNSLoad(a["fatigue_cost"]), 2)
    rank_b = _CNS_RANK.get(CNSLoad(b["fatigue_cost"]), 2)
    if rank_a != rank_b and (a["pattern"] == b["pattern"] or a["primary_muscle"] == b["primary_muscle"]):
        cheaper = a if rank_a < rank_b else b
        draft.say(
            lines.COMPARE_CHEAPER, cheaper=cheaper["name"], muscle=cheaper["primary_muscle"].replace("_", " ")
        )


async def menu(draft: Draft, *, offline: bool = False, intro: bool = True) -> None:
    if intro:
        draft.say(lines.MENU_OFFLINE if offline else lines.MENU)
    draft.say(lines.MENU_ITEMS)
    draft.rows.extend(
        [
            (draft.button("What's today?", "ask", "today"), draft.button("I'm sore or tired", "ask", "sore")),
            (
                draft.button("Swap an exercise", "ask", "swap"),
                draft.button("How am I doing?", "ask", "progress"),
            ),
            (draft.button("Change my reminder", "ask", "reminder"),),
        ]
    )


Handler = Callable[[Draft, Intent, str], Awaitable[None]]


def _plain(handler: Callable[[Draft, Intent], Awaitable[None]]) -> Handler:
    async def run(draft: Draft, intent: Intent, text: str) -> None:
        await handler(draft, intent)

    return run


HANDLERS: dict[IntentName, Handler] = {
    IntentName.TODAY: _plain(_today),
    IntentName.SWAP: _plain(_swap),
    IntentName.SORE: _sore,
    IntentName.TIRED: _tired,
    IntentName.PAIN: _pain,
    IntentName.SHORT_ON_TIME: _plain(_short_on_time),
    IntentName.RULE: _plain(_rule),
    IntentName.SKIP: _plain(_skip),
    IntentName.MOVE: _plain(_move),
    IntentName.PROGRESS: _plain(_progress),
    IntentName.REMINDER: _plain(_reminder),
    IntentName.EXPLAIN: _plain(_explain),
}


async def respond(
    ctx: ToolContext,
    intent: Intent,
    text: str,
    *,
    fallback: str | None = None,
    runs: list[ToolRun] | None = None,
) -> AssistantReply:
    """The offline coach's answer. ``fallback`` names why the model did not answer, if it failed;
    ``runs`` are the tool calls it made before failing: what they stored or prepared is reported,
    not repeated; mere look-ups do not change the answer."""
    draft = Draft(ctx, intent.name.value)
    extra: dict[str, Any] = {"fallback": fallback} if fallback else {}
    done = [r for r in runs or () if r.consequential]
    if done:
        draft.intent = "model_interrupted"
        draft.runs.extend(runs or ())
        draft.say(lines.ANSWERED_OFFLINE)
        draft.add("\n".join(f"• {r.summary}" for r in done))
        draft.offer([c for r in done if r.outcome for c in r.outcome.changes])
        return draft.reply(**extra)
    handler = HANDLERS.get(intent.name)
    if handler is None:
        await menu(draft, offline=fallback is not None)
    else:
        await handler(draft, intent, text)
    return draft.reply(**extra)
