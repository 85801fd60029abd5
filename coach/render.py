"""Sessions, weeks and programs as text a lifter reads on a phone.

Works on stored rows (``db.models.Session`` / ``Program``) and on in-memory plans alike: it
reads only columns (the JSON sections carry every exercise's names and numbers), never lazy
relationships, so it is safe after a unit of work has closed. Loads in notes are written in
kilograms and shown in pounds for lifters who use them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from coach.persona import Lines, speak
from db.enums import PersonaTone

T = PersonaTone
KG_TO_LB = 2.20462262

SECTION_TITLES = (
    ("warmup", "Warm-up"),
    ("main", "Main"),
    ("accessory", "Accessories"),
    ("finisher", "Finisher"),
    ("cooldown", "Cool-down"),
)

SIGN_OFF: Lines = {
    T.DRILL_SERGEANT: "Now get under the bar. Move!",
    T.SUPPORTIVE: "Take it one set at a time — you've got this.",
    T.ANALYTICAL: "Log your top sets (e.g. 'bench 3x5 80 @8') so the next session adapts to them.",
    T.MOTIVATIONAL: "Every rep is a step toward the lifter you're becoming. Let's go!",
    T.MINIMALIST: "",
}

_TYPE_LABELS = {
    "full_body": "Full body",
    "upper": "Upper body",
    "lower": "Lower body",
    "push": "Push",
    "pull": "Pull",
    "legs": "Legs",
    "cardio": "Conditioning",
    "recovery": "Recovery",
    "mobility": "Mobility",
    "skill": "Skill",
    "custom": "Activity",
}


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def _sections(session: Any) -> dict[str, list[Mapping[str, Any]]]:
    if hasattr(session, "sections") and callable(session.sections):
        return session.sections()
    return {key: list(getattr(session, f"{key}_json", None) or []) for key, _ in SECTION_TITLES}


def _minutes(session: Any, key: str) -> int:
    if hasattr(session, "section_minutes"):
        return int(session.section_minutes.get(key, 0))
    return int(getattr(session, f"{key}_duration_minutes", 0) or 0)


def _to_pounds(text: str) -> str:
    def convert(match: re.Match[str]) -> str:
        pounds = float(match.group(1)) * KG_TO_LB
        step = 5 if pounds >= 5 else 2.5
        return f"{round(pounds / step) * step:g} lb"

    return re.sub(r"(\d+(?:\.\d+)?) ?kg\b", convert, text)


def _units(text: str, metric: bool) -> str:
    return text if metric else _to_pounds(text)


def _seconds(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds >= 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds} s"


def dose(entry: Mapping[str, Any]) -> str:
    """'4 × 6–8 @ RPE 8', '3 × 30 s', '1 × 20 min' …"""
    sets = entry.get("target_sets") or 1
    low, high = entry.get("target_rep_range_min"), entry.get("target_rep_range_max")
    duration = entry.get("target_duration_seconds")
    if low is not None:
        amount = f"{low}" if high in (None, low) else f"{low}–{high}"
    elif duration:
        amount = _seconds(int(duration))
    else:
        amount = ""
    if amount and sets > 1:
        text = f"{sets} × {amount}"
    elif low is not None:
        text = f"{amount} reps"
    else:
        text = amount or f"{sets} sets"
    rpe = entry.get("target_rpe")
    if rpe is not None and entry.get("role") in ("main", "accessory", "skill", "finisher"):
        text += f" @ RPE {rpe:g}"
    return text


def _exercise_line(entry: Mapping[str, Any], label: str, metric: bool) -> list[str]:
    line = f"{label} {entry['movement']} — {dose(entry)}"
    rest = entry.get("default_rest_seconds")
    if rest and entry.get("role") in ("main", "accessory", "skill"):
        line += f" · rest {_seconds(int(rest))}"
    out = [line]
    notes = entry.get("notes")
    if notes:
        out.append(f"   {_units(str(notes), metric)}")
    return out


def _labels(entries: Sequence[Mapping[str, Any]], numbered: bool) -> list[str]:
    """'1.', '2.' for main lifts; 'A1.'/'A2.' for a superset pair; '•' otherwise."""
    groups: dict[Any, list[int]] = {}
    for i, e in enumerate(entries):
        if e.get("superset_group") is not None:
            groups.setdefault(e["superset_group"], []).append(i)
    letters: dict[Any, str] = {g: chr(ord("A") + n) for n, g in enumerate(groups)}
    labels = []
    counter = 0
    for i, e in enumerate(entries):
        group = e.get("superset_group")
        if group is not None and len(groups[group]) > 1:
            labels.append(f"{letters[group]}{groups[group].index(i) + 1}.")
        elif numbered:
            counter += 1
            labels.append(f"{counter}.")
        else:
            labels.append("•")
    return labels


def _title(session: Any) -> str:
    date = getattr(session, "date", None)
    kind = str(_value(getattr(session, "session_type", "")))
    tags = list(getattr(session, "intent_tags", None) or [])
    label = _TYPE_LABELS.get(kind, kind.replace("_", " ").title())
    if "activity" in tags and len(tags) > 1:
        label = str(tags[1]).replace("_", " ").title()
    minutes = getattr(session, "estimated_duration_minutes", None)
    parts = [
        f"{date:%a %-d %b}" if isinstance(date, dt.date) else None,
        label,
        f"~{minutes} min" if minutes else None,
    ]
    if "deload" in tags:
        parts.append("deload")
    return " · ".join(p for p in parts if p)


def session_text(session: Any, *, metric: bool = True, tone: PersonaTone | None = None) -> str:
    """The whole session: sections with sets, reps, effort, rest and the coach's notes."""
    lines = [_title(session)]
    notes = getattr(session, "coach_notes", None)
    if notes:
        lines.append(_units(str(notes), metric))
    sections = _sections(session)
    for key, title in SECTION_TITLES:
        entries = sections.get(key) or []
        if not entries:
            continue
        lines.append("")
        heading = f"{title} ({_minutes(session, key)} min)" if _minutes(session, key) else title
        lines.append(heading)
        for entry, label in zip(entries, _labels(entries, key == "main"), strict=True):
            lines += _exercise_line(entry, label, metric)
    sign_off = speak(tone, SIGN_OFF) if any(sections.values()) else ""
    if sign_off:
        lines += ["", sign_off]
    return "\n".join(lines)


def _work(session: Any) -> list[Mapping[str, Any]]:
    sections = _sections(session)
    return [*sections.get("main", []), *sections.get("accessory", [])]


def session_brief(
    session: Any, *, metric: bool = True, tone: PersonaTone | None = None, limit: int = 3
) -> str:
    """A few lines for a reminder: what kind of day, how long, and the first lifts."""
    work = _work(session)
    head = _title(session)
    if not work:
        notes = getattr(session, "coach_notes", None)
        return head + (f"\n{_units(str(notes), metric)}" if notes else "")
    shown = ", ".join(f"{e['movement']} {dose(e)}" for e in work[:limit])
    more = len(work) - limit
    return f"{head}\n{shown}" + (f" + {more} more" if more > 0 else "")


def _goals(program: Any) -> list[tuple[str, int]]:
    if hasattr(program, "goal_1"):
        pairs = [
            (program.goal_1, program.goal_weight_1),
            (program.goal_2, program.goal_weight_2),
            (program.goal_3, program.goal_weight_3),
        ]
    else:
        pairs = list(program.goals)
    return [(str(_value(g)).replace("_", " "), int(w)) for g, w in pairs if w]


_STYLE_WORDS = {
    "single_progression": "same reps, a little more weight each week",
    "double_progression": "add reps across the range, then add weight",
    "paused_variations": "paused lifts, the pause shortening through each block",
    "build_to_drop": "one heavy top set, then lighter back-off sets",
    "wave_loading": "waves of falling reps with rising weight",
}


def program_overview_text(program: Any) -> str:
    """Name, dates, split, goals, progression and deload rhythm of a program."""
    start = program.start_date
    end = start + dt.timedelta(weeks=int(program.duration_weeks)) - dt.timedelta(days=1)
    split = str(_value(program.split_template))
    hybrid = getattr(program, "hybrid_definition", None) or {}
    names = {"full_body": "full body", "upper_lower": "upper/lower", "ppl": "push/pull/legs"}
    split_text = hybrid.get("name") if split == "hybrid" and hybrid else names.get(split, split)
    goals = ", ".join(f"{g} {w}/10" for g, w in _goals(program))
    style = str(_value(program.progression_style))
    aggression = int(_value(program.persona_aggression))
    lines = [
        str(program.name or "Your program"),
        f"{start:%a %-d %b %Y} – {end:%a %-d %b %Y} · {program.duration_weeks} weeks",
        f"Split: {split_text}, {program.days_per_week} days a week",
        f"Goals: {goals}",
        f"Progression: {style.replace('_', ' ')} ({_STYLE_WORDS.get(style, '')})",
        f"Deload: every {program.deload_every_n_microcycles} weeks · intensity {aggression}/5",
    ]
    return "\n".join(lines)


WEEK_HEAD: Lines = {
    T.DRILL_SERGEANT: "This week's orders:",
    T.SUPPORTIVE: "Here's your week — one day at a time:",
    T.ANALYTICAL: "Week plan (estimated minutes per session):",
    T.MOTIVATIONAL: "Your week of progress:",
    T.MINIMALIST: "Week:",
}


def week_text(sessions: Iterable[Any], *, metric: bool = True, tone: PersonaTone | None = None) -> str:
    """One line per planned day: type, minutes and the main lifts."""
    lines = [speak(tone, WEEK_HEAD)]
    for session in sorted(sessions, key=lambda s: (s.date, bool(getattr(s, "activity", None)))):
        mains = [e["movement"] for e in _sections(session).get("main", [])][:2]
        line = _title(session)
        if mains:
            line += f": {', '.join(mains)}"
        lines.append(_units(line, metric))
    return "\n".join(lines) if len(lines) > 1 else "Nothing planned this week."
