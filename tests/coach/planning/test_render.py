"""Sessions and programs as text: every section, supersets, units, and the lifter's voice."""

from __future__ import annotations

import datetime as dt

from coach.planning import generate
from coach.profile import Profile
from coach.render import SIGN_OFF, dose, program_overview_text, session_brief, session_text, week_text
from db.enums import PersonaTone
from tests.coach.planning.support import PROFILE, library_catalog, library_heuristics

PLAN = generate(Profile.parse(PROFILE), library_catalog(), library_heuristics(), seed=3)
WEEK = PLAN.microcycles[2].sessions
SESSION = (
    next(s for s in WEEK if s.finisher_circuit is not None)
    if any(s.finisher_circuit for s in WEEK)
    else WEEK[0]
)


def test_a_session_shows_every_section_with_its_minutes_and_numbers() -> None:
    text = session_text(SESSION)
    assert text.startswith(f"{SESSION.date:%a %-d %b} · ")
    assert f"~{SESSION.estimated_duration_minutes} min" in text.splitlines()[0]
    for title, key in (("Warm-up", "warmup"), ("Main", "main"), ("Cool-down", "cooldown")):
        assert f"{title} ({SESSION.section_minutes[key]} min)" in text
    main = SESSION.exercises[[e.role.value for e in SESSION.exercises].index("main")]
    assert f"1. {main.movement.name} — {main.sets} × " in text and "@ RPE" in text and "rest " in text


def test_supersets_are_labelled_in_pairs() -> None:
    entries = [
        {
            "movement": "Barbell Curl",
            "role": "accessory",
            "superset_group": 1,
            "target_sets": 3,
            "target_rep_range_min": 10,
        },
        {
            "movement": "Triceps Pushdown",
            "role": "accessory",
            "superset_group": 1,
            "target_sets": 3,
            "target_rep_range_min": 10,
        },
    ]

    class Stub:
        date = dt.date(2026, 1, 5)
        session_type = "upper"
        intent_tags = ()
        estimated_duration_minutes = 10
        coach_notes = None
        accessory_json = entries
        accessory_duration_minutes = 10

    text = session_text(Stub())
    assert "A1. Barbell Curl — 3 × 10" in text and "A2. Triceps Pushdown — 3 × 10" in text


def test_pounds_for_lifters_who_use_them() -> None:
    notes = [e.notes for e in SESSION.exercises if e.notes and "kg" in e.notes]
    assert notes
    text = session_text(SESSION, metric=False)
    assert " kg" not in text.split("\n\n", 1)[1] and " lb" in text


def test_tones_close_the_session_differently() -> None:
    endings = {session_text(SESSION, tone=t).rsplit("\n", 1)[-1] for t in PersonaTone if SIGN_OFF[t]}
    assert len(endings) == 4


def test_a_brief_is_a_few_lines_with_the_first_lifts() -> None:
    brief = session_brief(SESSION)
    assert len(brief.splitlines()) == 2 and SESSION.exercises[0].movement.name not in brief.splitlines()[0]
    assert "more" in brief or brief.count(",") <= 2


def test_program_overview_and_week() -> None:
    text = program_overview_text(PLAN)
    assert "Split: upper/lower, 4 days a week" in text and "strength 5/10" in text
    assert "Deload: every 4 weeks" in text and "10 weeks" in text
    week = week_text(WEEK, tone=PersonaTone.MINIMALIST).splitlines()
    assert week[0] == "Week:" and len(week) == 1 + len(WEEK) and any("Tennis" in line for line in week)


def test_dose_reads_naturally() -> None:
    assert (
        dose(
            {
                "target_sets": 4,
                "target_rep_range_min": 6,
                "target_rep_range_max": 8,
                "target_rpe": 8.0,
                "role": "main",
            }
        )
        == "4 × 6–8 @ RPE 8"
    )
    assert dose({"target_sets": 1, "target_duration_seconds": 1200, "role": "main"}) == "20 min"
    assert dose({"target_sets": 3, "target_duration_seconds": 45, "role": "accessory"}) == "3 × 45 s"
    assert (
        dose({"target_sets": 1, "target_rep_range_min": 10, "target_rep_range_max": 10, "role": "warmup"})
        == "10 reps"
    )
