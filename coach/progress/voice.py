"""What the progress report says, once per coaching voice. Numbers are filled in, never changed."""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone as T

INTRO: Lines = {
    T.DRILL_SERGEANT: "Progress report. Read it and get back to work.",
    T.SUPPORTIVE: "Here's how far you've come — take a moment to enjoy it.",
    T.ANALYTICAL: "Progress summary as of {date}.",
    T.MOTIVATIONAL: "Look at you go! Here's your progress:",
    T.MINIMALIST: "Progress, {date}.",
}
RISING: Lines = {
    T.DRILL_SERGEANT: "Numbers are moving up. Don't you dare slow down.",
    T.SUPPORTIVE: "You're getting stronger — the work is paying off.",
    T.ANALYTICAL: "Net trend: rising across your main lifts.",
    T.MOTIVATIONAL: "Every line is climbing — you're on fire! 🔥",
    T.MINIMALIST: "Trending up.",
}
FLAT: Lines = {
    T.DRILL_SERGEANT: "Flat numbers. Time to earn the next kilo.",
    T.SUPPORTIVE: "Holding steady is progress too — consistency builds the next jump.",
    T.ANALYTICAL: "Net trend: flat. Consider progressive overload or a deload check.",
    T.MOTIVATIONAL: "Steady now — the breakthrough is coming, keep showing up!",
    T.MINIMALIST: "Holding steady.",
}
NO_DATA: Lines = {
    T.DRILL_SERGEANT: "No logs, no progress. Log a workout, then ask me again.",
    T.SUPPORTIVE: "There's nothing to chart yet — log your first workout (e.g. 'squat 5x5 60') and I'll start tracking.",
    T.ANALYTICAL: "No logged sets yet. Progress metrics appear after your first logged workout.",
    T.MOTIVATIONAL: "Your story starts with the first log — send me one, like 'squat 5x5 60'!",
    T.MINIMALIST: "No logs yet. Try: squat 5x5 60",
}
NO_HISTORY: Lines = {
    T.DRILL_SERGEANT: "Nothing logged. Fix that.",
    T.SUPPORTIVE: "No workouts logged yet — whenever you're ready!",
    T.ANALYTICAL: "No workouts in the log.",
    T.MOTIVATIONAL: "Blank page — let's fill it!",
    T.MINIMALIST: "No workouts yet.",
}
NO_HISTORY_FOR: Lines = {
    T.DRILL_SERGEANT: "No {movement} in your log. Go do some.",
    T.SUPPORTIVE: "I don't see any {movement} in your log yet.",
    T.ANALYTICAL: "No logged sets of {movement}.",
    T.MOTIVATIONAL: "No {movement} yet — time to change that!",
    T.MINIMALIST: "No {movement} logged.",
}
