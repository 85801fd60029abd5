"""Between onboarding answers and a ``Profile``: build one, rebuild answers from a lifter, build the program.

Answers are kept as plain JSON in ``chat_states`` while the lifter is answering; the
``Profile`` is made (and validated) only when the program is built.
"""

from __future__ import annotations

from typing import Any

from coach.conversation.questions import DEFAULT_WEIGHTS, Answers
from coach.conversation.turn import Turn
from coach.errors import InvalidInput
from coach.planning.service import create_program
from coach.profile import Profile
from db.models import Program


def to_profile(answers: Answers) -> Profile:
    """The validated profile; ``InvalidInput`` names whatever is missing or wrong."""
    weights: dict[str, int] = answers.get("weights") or {}
    if not weights and answers.get("goals"):
        weights = dict(zip(answers["goals"], DEFAULT_WEIGHTS.get(len(answers["goals"]), ()), strict=False))
    data: dict[str, Any] = {
        "experience_level": answers.get("experience_level"),
        "days_per_week": answers.get("days_per_week"),
        "session_minutes": answers.get("session_minutes"),
        "goals": [{"goal": goal, "weight": weight} for goal, weight in weights.items()] or None,
        "equipment": answers.get("equipment") or None,
        "movement_rules": answers.get("movement_rules") or None,
        "enjoyable_activities": [
            {"activity": activity, "recommend_every_days": days}
            for activity, days in (answers.get("activities") or {}).items()
        ]
        or None,
        "persona_tone": answers.get("persona_tone"),
        "persona_aggression": answers.get("persona_aggression"),
    }
    return Profile.parse({key: value for key, value in data.items() if value is not None})


def answers_from_profile(profile: Profile) -> Answers:
    return {
        "experience_level": profile.experience_level.value,
        "days_per_week": profile.days_per_week,
        "session_minutes": profile.session_minutes,
        "goals": [g.goal.value for g in profile.goals],
        "weights": {g.goal.value: g.weight for g in profile.goals},
        "equipment": list(profile.equipment),
        "movement_rules": [{"movement": r.movement, "rule": r.rule.value} for r in profile.movement_rules],
        "activities": {a.activity.value: a.recommend_every_days for a in profile.enjoyable_activities},
        "persona_tone": profile.persona_tone.value,
        "persona_aggression": int(profile.persona_aggression),
    }


async def answers_from_user(turn: Turn) -> Answers:
    """The lifter's current answers: their active program's profile, with today's user settings on top."""
    stored = await turn.repos.chat.active_profile(turn.user.id)
    answers: Answers = {}
    if stored:
        try:
            answers = answers_from_profile(Profile.parse(stored))
        except InvalidInput:  # an old or hand-edited profile: what the user row says still holds
            answers = {}
    user = turn.user
    settings = await turn.repos.users.ensure_settings(user)
    answers.update(
        {
            "name": user.name,
            "experience_level": user.experience_level.value,
            "persona_tone": user.persona_tone.value,
            "persona_aggression": int(user.persona_aggression),
            "session_minutes": settings.session_minutes,
            "timezone": user.timezone,
            "reminder_time": settings.reminder_time.strftime("%H:%M")
            if settings.reminder_time and settings.reminders_enabled
            else None,
        }
    )
    if settings.equipment:
        answers["equipment"] = list(settings.equipment)
    return answers


async def build_program(turn: Turn, profile: Profile, *, seed: int | None = None) -> Program | None:
    """Generate and store the program starting today, in this update's unit of work.

    ``None`` when the answers cannot become a program (a rule needs equipment the lifter does
    not have, say): the reason is said, nothing of the attempt is kept, and the caller offers
    to change an answer.
    """
    try:
        async with turn.repos.chat.savepoint():
            return await create_program(
                turn.repos, turn.deps, turn.user, profile, start_date=turn.today, seed=seed
            )
    except InvalidInput as exc:
        turn.say(f"I can't build a program from that yet:\n{exc}")
        turn.decided["program_error"] = str(exc)
        return None
