"""What the coach says about long-term goals, once per voice."""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone

T = PersonaTone

GOAL_SET: Lines = {
    T.DRILL_SERGEANT: "Goal locked in: {goal}. Now earn it, one session at a time.",
    T.SUPPORTIVE: "Lovely goal: {goal}. We'll get there together, step by step.",
    T.ANALYTICAL: "Goal recorded: {goal}. Progress will be tracked from your check-ins and logs.",
    T.MOTIVATIONAL: "{goal} — that's a goal worth chasing! Let's go get it!",
    T.MINIMALIST: "Goal: {goal}.",
}

CHECKED_IN: Lines = {
    T.DRILL_SERGEANT: "Logged. {progress} Keep grinding.",
    T.SUPPORTIVE: "Thanks for checking in! {progress} Every step counts.",
    T.ANALYTICAL: "Check-in stored. {progress}",
    T.MOTIVATIONAL: "Check-in done! {progress} You're on your way!",
    T.MINIMALIST: "{progress}",
}

PROPOSAL: Lines = {
    T.DRILL_SERGEANT: "This block is done. Next: {phase}, {weeks} weeks, {days} days a week. {reasons}",
    T.SUPPORTIVE: "You finished this block — well done! I suggest a {phase} block next: {weeks} weeks, "
    "{days} days a week. {reasons}",
    T.ANALYTICAL: "Proposed next program: {phase} ({weeks} weeks × {days} days; goals {goals}). {reasons}",
    T.MOTIVATIONAL: "Chapter complete! Next chapter: {phase} — {weeks} weeks, {days} days a week! {reasons}",
    T.MINIMALIST: "Next: {phase}, {weeks} wk × {days} d. {reasons}",
}
