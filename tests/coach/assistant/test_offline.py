"""The offline coach: the frequent asks as a table of cases, its buttons, and its voices."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from coach import callbacks
from coach.assistant import AssistantReply, answer, handle_callback
from coach.assistant.offline import check_in
from db.enums import PersonaTone
from db.models import RecoverySignal, SorenessLog
from tests.coach.assistant.conftest import SECRET, Lifter


def labels(reply: AssistantReply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


def press(lifter: Lifter, reply: AssistantReply, label_part: str) -> callbacks.Callback:
    for row in reply.buttons:
        for button in row:
            if label_part.lower() in button.label.lower():
                pressed = callbacks.verify(SECRET, lifter.user.id, button.data)
                assert pressed is not None
                return pressed
    raise AssertionError(f"no {label_part!r} among {labels(reply)}")


async def ask(lifter: Lifter, text: str) -> AssistantReply:
    return await answer(lifter.repos, lifter.deps, lifter.user, text, thread=lifter.thread)


async def first_exercise(lifter: Lifter) -> str:
    reply = await ask(lifter, "what's today?")
    line = next(line for line in reply.text.splitlines() if line.startswith("1. "))
    return line.removeprefix("1. ").split(" — ")[0]


CASES = [
    # (message, intent, text snippets, button label snippets)
    ("what's today?", "today", ["1. ", " × "], []),
    ("swap an exercise", "swap", ["Which exercise"], []),
    ("I'm so sore", "sore", ["easier or shorter"], ["Make it easy", "Shorter session", "Keep the plan"]),
    ("legs 4/5 sore today", "sore", ["noted"], ["Make it easy"]),
    ("im exausted, slept 5 hours", "tired", ["noted", "draining"], ["Make it easy", "Rest today"]),
    ("I only have 30 minutes", "short_on_time", ["30 minutes"], ["Shorter session", "Keep the plan"]),
    ("I've got 3 hours today, no rush", "short_on_time", ["fits your 180"], []),
    ("skip today", "skip", ["rest day"], ["Rest today", "Move to next free day"]),
    ("can we move today to tomorrow", "move", ["move today's session"], ["Move to next free day"]),
    ("how am I doing?", "progress", [], []),
    ("change my reminder", "reminder", ["daily reminder"], ["06:30", "19:00", "Turn reminders off"]),
    ("how do I do an RDL?", "explain", ["Romanian Deadlift", "• "], []),
    ("why RDLs and not deadlifts?", "explain", ["Romanian Deadlift", "Conventional Deadlift", "fatigue"], []),
    ("never give me burpees again", "rule", ["Burpee"], ["Never program Burpee", "Leave it as is"]),
    ("tell me a joke", "menu", ["here's what I can help with"], ["What's today?", "Change my reminder"]),
]


@pytest.mark.parametrize(("text", "intent", "snippets", "buttons"), CASES, ids=[c[0] for c in CASES])
async def test_offline_table(
    lifter: Lifter, text: str, intent: str, snippets: list[str], buttons: list[str]
) -> None:
    reply = await ask(lifter, text)
    assert reply.structured["source"] == "offline"
    assert reply.structured["intent"] == intent
    for snippet in snippets:
        assert snippet.lower() in reply.text.lower(), reply.text
    for label in buttons:
        assert any(label.lower() in b.lower() for b in labels(reply)), labels(reply)
    for row in reply.buttons:
        for button in row:
            pressed = callbacks.verify(SECRET, lifter.user.id, button.data)
            assert pressed is not None and pressed.action == "coach"


async def test_swap_offers_fitting_options_and_applies_the_pick(lifter: Lifter) -> None:
    name = await first_exercise(lifter)
    reply = await ask(lifter, f"swap {name}")
    assert reply.structured["intent"] == "swap"
    options = [b for b in labels(reply) if b.startswith("Swap to ")]
    assert options and "Keep the plan" in labels(reply)
    done = await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, reply, options[0]))
    new = options[0].removeprefix("Swap to ")
    assert done.structured["applied"]["to_name"] == new
    assert await first_exercise(lifter) == new
    again = await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, reply, options[0]))
    assert "already" in again.text  # a second press changes nothing


async def test_swap_with_a_named_replacement_asks_to_confirm(lifter: Lifter) -> None:
    name = await first_exercise(lifter)
    options = [b.removeprefix("Swap to ") for b in labels(await ask(lifter, f"swap {name}"))]
    reply = await ask(lifter, f"swap {name} for {options[0]}")
    assert labels(reply) == [f"Swap to {options[0]}", "Keep the plan"]


async def test_swap_of_something_not_in_today_says_what_is(lifter: Lifter) -> None:
    reply = await ask(lifter, "swap the farmer's carry")
    assert reply.text.startswith("Farmer's Carry isn't in today's session")
    today = await ask(lifter, "what's today?")
    main = [line for line in today.text.splitlines() if "RPE" in line]
    assert labels(reply) and all(any(label in line for line in main) for label in labels(reply))


async def test_sore_records_what_was_said_only(lifter: Lifter) -> None:
    await ask(lifter, "quads are sore 4/5")
    rows = (
        await lifter.repos.session.scalars(select(SorenessLog).where(SorenessLog.user_id == lifter.user.id))
    ).all()
    assert {(r.body_part, r.soreness_1_5) for r in rows} == {("quadriceps", 4)}
    await ask(lifter, "so tired today")
    signals = (
        await lifter.repos.session.scalars(
            select(RecoverySignal).where(RecoverySignal.user_id == lifter.user.id)
        )
    ).all()
    assert signals == []  # no number given, nothing invented


@pytest.mark.parametrize(
    ("text", "sore", "expected"),
    [
        ("quads are sore 4/5", True, {"soreness": [{"body_part": "quads", "level": 4}]}),
        ("my lower back and hamstrings are sore", True, {"soreness": [
            {"body_part": "lower back", "level": 3}, {"body_part": "hamstrings", "level": 3}]}),
        ("slept 5 hours, wrecked", False, {"sleep_hours": 5.0}),
        ("so tired", False, {}),
    ],
)  # fmt: skip
def test_check_in_reads_only_stated_facts(text: str, sore: bool, expected: dict) -> None:
    assert check_in(text, sore=sore) == expected


async def test_pain_points_at_the_exercises_that_load_it(lifter: Lifter) -> None:
    reply = await ask(lifter, "my knee hurts, what should I change today?")
    assert reply.structured["intent"] == "pain"
    assert "knee" in reply.text
    if "Today these" in reply.text or "these put load" in reply.text:
        assert any(b.startswith("Swap ") for b in labels(reply))
        assert "Shorter session" in labels(reply)


async def test_short_on_time_applies_a_shorter_session(lifter: Lifter) -> None:
    reply = await ask(lifter, "I only have 30 minutes")
    done = await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, reply, "Shorter"))
    assert done.structured["applied"]["action"] == "reduce"
    await lifter.repos.session.refresh(lifter.thread)
    assert lifter.thread.final_plan_accepted is True


async def test_keep_the_plan(lifter: Lifter) -> None:
    reply = await ask(lifter, "skip today")
    kept = await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, reply, "Keep"))
    assert "keep the plan" in kept.text.lower()
    typed = await ask(lifter, "no thanks")
    assert typed.structured["intent"] == "decline"


async def test_reminder_by_text_and_by_button(lifter: Lifter) -> None:
    reply = await ask(lifter, "remind me at 6:45pm")
    assert "18:45" in reply.text
    await lifter.repos.session.refresh(lifter.user.settings)
    assert lifter.user.settings.reminder_time == dt.time(18, 45)
    menu = await ask(lifter, "change my reminder")
    await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, menu, "07:00"))
    assert lifter.user.settings.reminder_time == dt.time(7, 0)
    await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, menu, "off"))
    assert lifter.user.settings.reminders_enabled is False


async def test_menu_buttons_ask_for_the_intent(lifter: Lifter) -> None:
    reply = await ask(lifter, "hello?")
    today = await handle_callback(
        lifter.repos, lifter.deps, lifter.user, press(lifter, reply, "What's today")
    )
    assert today.structured["intent"] == "today" and "1. " in today.text


async def test_a_button_for_a_past_day_is_refused(lifter: Lifter) -> None:
    reply = await ask(lifter, "I only have 30 minutes")
    pressed = press(lifter, reply, "Shorter")
    later = replace(
        lifter.deps, clock=type(lifter.deps.clock)(lifter.deps.clock.now() + dt.timedelta(days=2))
    )
    done = await handle_callback(lifter.repos, later, lifter.user, pressed)
    assert "has passed" in done.text and "applied" not in done.structured


async def test_yes_without_a_proposal_shows_the_menu(lifter: Lifter) -> None:
    reply = await ask(lifter, "yes")
    assert "What's today?" in labels(reply)


async def test_without_a_program_the_coach_says_how_to_get_one(repos, deps) -> None:
    user = await repos.users.get_or_create_local("newbie")
    thread = await repos.conversation.active_thread(user.id, "free_chat")
    reply = await answer(repos, deps, user, "what's today?", thread=thread)
    assert "/start" in reply.text
    explained = await answer(repos, deps, user, "how do I do a goblet squat?", thread=thread)
    assert "Goblet Squat" in explained.text


async def test_every_voice_is_its_own(lifter: Lifter) -> None:
    texts = set()
    for tone in PersonaTone:
        lifter.user.persona_tone = tone
        texts.add((await ask(lifter, "I'm so sore")).text)
    assert len(texts) == len(PersonaTone)


async def test_a_never_rule_applies_on_the_button_and_clears_upcoming_sessions(lifter: Lifter) -> None:
    main = next(
        line.split(". ", 1)[1].split(" — ")[0]
        for line in (await ask(lifter, "what's today?")).text.splitlines()
        if "RPE" in line
    )
    reply = await ask(lifter, f"never program {main} again")
    assert reply.structured["intent"] == "rule"
    done = await handle_callback(
        lifter.repos, lifter.deps, lifter.user, press(lifter, reply, "Never program")
    )
    assert done.structured["applied"]["rule"] == "hard_no"
    rules = await lifter.repos.programs.rules(lifter.user.id)
    assert [(r.movement.name, r.rule_type.value) for r in rules] == [(main, "hard_no")]
    assert main not in (await ask(lifter, "what's today?")).text


async def test_a_sore_knee_on_a_leg_day_points_at_the_leg_work(lifter: Lifter) -> None:
    clock = lifter.deps.clock
    for _ in range(7):
        today = await ask(lifter, "what's today?")
        if any(word in today.text for word in ("Squat", "Lunge", "Leg Press", "Step-Up")):
            break
        clock.advance(dt.timedelta(days=1))
    else:
        pytest.fail("no leg day in the first week")
    reply = await ask(lifter, "my knee hurts a bit")
    assert reply.structured["intent"] == "pain"
    swaps = [b for b in labels(reply) if b.startswith("Swap ")]
    assert swaps and all(b.removeprefix("Swap ") in today.text for b in swaps)
    assert "Shorter session" in labels(reply) and "Rest today" in labels(reply)
    options = await handle_callback(lifter.repos, lifter.deps, lifter.user, press(lifter, reply, swaps[0]))
    assert options.structured["intent"] == "swap" and any(b.startswith("Swap to ") for b in labels(options))
