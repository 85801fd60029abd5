"""What the logbook says, written once per coaching voice.

Numbers are filled in by the caller and never change with the tone; only the words around
them do. Placeholders: {summary}, {movement}, {value}, {previous}, {reps}, {weight}, {count}.
"""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone as T

LOGGED: Lines = {
    T.DRILL_SERGEANT: ("Logged. That's work on the board.", "In the book. Now rest and go again.", "Logged. Good. Keep moving."),
    T.SUPPORTIVE: ("Logged — nice work!", "Got it, all saved. Well done showing up today.", "Saved! Every set counts."),
    T.ANALYTICAL: ("Logged to your training record.", "Recorded; the numbers are in your history.", "Entry saved to your log."),
    T.MOTIVATIONAL: ("Logged! Another brick in the wall. 🔥", "In the books — that's how progress is built!", "Saved! Keep stacking those wins!"),
    T.MINIMALIST: ("Logged.", "Saved.", "Done."),
}  # fmt: skip

PR_E1RM: Lines = {
    T.DRILL_SERGEANT: "NEW e1RM PR on {movement}: {value} (was {previous}). That's what I want to see. Don't get comfortable.",
    T.SUPPORTIVE: "🏆 New best on {movement}: estimated 1RM {value} (was {previous}). You should be proud of this!",
    T.ANALYTICAL: "e1RM PR — {movement}: {value}, up from {previous} ({change}).",
    T.MOTIVATIONAL: "🏆 PR ALERT! {movement} e1RM {value} (was {previous}) — you're getting stronger every week!",
    T.MINIMALIST: "PR: {movement} e1RM {value} (was {previous}).",
}
PR_WEIGHT: Lines = {
    T.DRILL_SERGEANT: "Heaviest {movement} you've ever moved: {value}. About time.",
    T.SUPPORTIVE: "🏆 That's the heaviest {movement} you've ever lifted — {value}! Wonderful.",
    T.ANALYTICAL: "Load PR — {movement}: {value}, previous top load {previous}.",
    T.MOTIVATIONAL: "🏆 Heaviest {movement} EVER: {value}! New territory!",
    T.MINIMALIST: "PR: heaviest {movement}, {value}.",
}
PR_REPS: Lines = {
    T.DRILL_SERGEANT: "Rep PR on {movement}: {reps} reps at {weight}. More where that came from.",
    T.SUPPORTIVE: "🏆 Rep PR on {movement}: {reps} reps at {weight} — more than ever before!",
    T.ANALYTICAL: "Rep PR — {movement}: {reps} reps at {weight} (previous best at that load or heavier: {previous}).",
    T.MOTIVATIONAL: "🏆 Rep PR! {reps} reps of {movement} at {weight} — your best yet!",
    T.MINIMALIST: "PR: {movement} {reps} reps at {weight}.",
}
PR_DURATION: Lines = {
    T.DRILL_SERGEANT: "Longest {movement} on record: {value}. Next time, longer.",
    T.SUPPORTIVE: "🏆 Your longest {movement} yet: {value}!",
    T.ANALYTICAL: "Duration PR — {movement}: {value} (was {previous}).",
    T.MOTIVATIONAL: "🏆 Longest {movement} EVER: {value}! Unbreakable!",
    T.MINIMALIST: "PR: {movement} {value}.",
}
FIRST_TIME: Lines = {
    T.DRILL_SERGEANT: "First {movement} on record. That's your baseline — beat it.",
    T.SUPPORTIVE: "First time logging {movement} — this is your starting point.",
    T.ANALYTICAL: "First {movement} entry: baseline set.",
    T.MOTIVATIONAL: "First {movement} on the books — the journey starts here!",
    T.MINIMALIST: "{movement}: baseline set.",
}
REST_HINT: Lines = {
    T.DRILL_SERGEANT: "Rest {rest}. Not a second more.",
    T.SUPPORTIVE: "Take about {rest} before the next set.",
    T.ANALYTICAL: "Rest {rest} before the next set.",
    T.MOTIVATIONAL: "Rest {rest}, then go get the next one!",
    T.MINIMALIST: "Rest {rest}.",
}
NOTHING_SAVED: Lines = {
    T.DRILL_SERGEANT: "Those numbers don't add up. Fix them and send it again — nothing saved yet:",
    T.SUPPORTIVE: "I want to get this exactly right, so I haven't saved anything yet. Could you check:",
    T.ANALYTICAL: "Not saved — some values are outside plausible ranges:",
    T.MOTIVATIONAL: "Almost! Let's get the numbers right first — nothing saved yet:",
    T.MINIMALIST: "Not saved. Check:",
}
RESEND: Lines = {
    T.DRILL_SERGEANT: "Send the corrected line.",
    T.SUPPORTIVE: "Send the corrected line and I'll log it right away.",
    T.ANALYTICAL: "Resend the corrected line(s) to log them.",
    T.MOTIVATIONAL: "Send it again and let's lock it in!",
    T.MINIMALIST: "Resend.",
}
WHICH_ONE: Lines = {
    T.DRILL_SERGEANT: "Which one was it? Pick:",
    T.SUPPORTIVE: "Just to be sure I log it right — which exercise did you mean?",
    T.ANALYTICAL: "Ambiguous movement name — choose one:",
    T.MOTIVATIONAL: "Which one did you crush? Pick it:",
    T.MINIMALIST: "Which one?",
}
UNKNOWN_MOVEMENT: Lines = {
    T.DRILL_SERGEANT: "I don't know '{name}'. Say it properly.",
    T.SUPPORTIVE: "I don't know '{name}' yet.",
    T.ANALYTICAL: "No movement matches '{name}'.",
    T.MOTIVATIONAL: "'{name}' is a new one on me!",
    T.MINIMALIST: "Unknown: '{name}'.",
}
NOT_A_LOG: Lines = {
    T.DRILL_SERGEANT: "That's not a log. Exercise, sets, reps, weight — like 'squat 5x5 100'.",
    T.SUPPORTIVE: "I couldn't find a workout in that. You can log like this: 'squat 5x5 100' or 'ran 5k in 25:30'.",
    T.ANALYTICAL: "No workout entries found. Format: '<exercise> <sets>x<reps> <weight>', e.g. 'squat 5x5 100'.",
    T.MOTIVATIONAL: "Tell me what you crushed! Like 'squat 5x5 100' or 'ran 5k in 25:30'.",
    T.MINIMALIST: "Log like: squat 5x5 100",
}
UNDONE: Lines = {
    T.DRILL_SERGEANT: "Gone: {summary}. Get it right next time.",
    T.SUPPORTIVE: "No problem — I've removed {summary}.",
    T.ANALYTICAL: "Removed the last log: {summary}.",
    T.MOTIVATIONAL: "Wiped: {summary}. Clean slate!",
    T.MINIMALIST: "Removed: {summary}.",
}
NOTHING_TO_UNDO: Lines = {
    T.DRILL_SERGEANT: "Nothing to undo. Go log something first.",
    T.SUPPORTIVE: "There's nothing to undo right now.",
    T.ANALYTICAL: "No log to remove.",
    T.MOTIVATIONAL: "Nothing to undo — let's go make some history!",
    T.MINIMALIST: "Nothing to undo.",
}
CORRECTED: Lines = {
    T.DRILL_SERGEANT: "Fixed. Your log now says: {summary}.",
    T.SUPPORTIVE: "All fixed — your log now reads: {summary}.",
    T.ANALYTICAL: "Corrected. Current entry: {summary}.",
    T.MOTIVATIONAL: "Fixed and locked in: {summary}!",
    T.MINIMALIST: "Corrected: {summary}.",
}
TOO_LATE_TO_CORRECT: Lines = {
    T.DRILL_SERGEANT: "That log is from {date}. Corrections are for today's logs — undo it or log fresh.",
    T.SUPPORTIVE: "Your last log is from {date}, and corrections work within a day. You can /undo it and log it again.",
    T.ANALYTICAL: "Last log dated {date}: outside the one-day correction window. Use /undo and re-log.",
    T.MOTIVATIONAL: "That one's from {date} — past the one-day window. /undo it and log it fresh!",
    T.MINIMALIST: "Last log is from {date}; only today's can be corrected. Use /undo.",
}
SESSION_DONE: Lines = {
    T.DRILL_SERGEANT: "Session done as planned. {count} exercises in the book. Recover hard, come back harder.",
    T.SUPPORTIVE: "Session complete — {count} exercises logged just as planned. Lovely work today!",
    T.ANALYTICAL: "Planned session recorded as completed: {count} exercises, prescription as written.",
    T.MOTIVATIONAL: "SESSION COMPLETE! {count} exercises done exactly as planned — you're unstoppable!",
    T.MINIMALIST: "Done as planned: {count} exercises.",
}
SESSION_DONE_CHANGED: Lines = {
    T.DRILL_SERGEANT: "Session done, with changes. {count} exercises in the book.",
    T.SUPPORTIVE: "Session complete — {count} exercises saved with your changes. Well done!",
    T.ANALYTICAL: "Planned session recorded with modifications: {count} exercises.",
    T.MOTIVATIONAL: "Session done your way — {count} exercises in the books!",
    T.MINIMALIST: "Done with changes: {count} exercises.",
}
WHAT_CHANGED: Lines = {
    T.DRILL_SERGEANT: "What changed? Tap what you skipped or cut short, or copy this, fix the numbers and send it:",
    T.SUPPORTIVE: "Tell me what was different: tap an exercise below, or copy this, edit the numbers and send it back:",
    T.ANALYTICAL: "Specify the deviations: use the buttons, or edit and resend this template:",
    T.MOTIVATIONAL: "You did it your way — show me how! Tap below, or copy this, tweak it and send:",
    T.MINIMALIST: "What changed? Tap, or edit and send:",
}
ALREADY_DONE: Lines = {
    T.DRILL_SERGEANT: "Already in the book. No double credit.",
    T.SUPPORTIVE: "That session is already marked as done — nothing more to do!",
    T.ANALYTICAL: "Session already recorded as completed; no change.",
    T.MOTIVATIONAL: "Already done and dusted!",
    T.MINIMALIST: "Already done.",
}
NO_PLAN_TODAY: Lines = {
    T.DRILL_SERGEANT: "Nothing on the plan there to complete.",
    T.SUPPORTIVE: "I can't find that planned session — it may have changed. You can still log what you did.",
    T.ANALYTICAL: "No matching planned session found.",
    T.MOTIVATIONAL: "That session isn't on the plan — but log what you did anyway!",
    T.MINIMALIST: "No such session.",
}
SORENESS_SAVED: Lines = {
    T.DRILL_SERGEANT: "Noted: {summary}. Sore isn't injured. I'll adjust tomorrow if I have to.",
    T.SUPPORTIVE: "Thanks for telling me — {summary}. I'll take it into account for tomorrow.",
    T.ANALYTICAL: "Soreness recorded: {summary}. It feeds tomorrow's readiness check.",
    T.MOTIVATIONAL: "Noted: {summary}. That's growth talking — we'll plan around it!",
    T.MINIMALIST: "Soreness: {summary}.",
}
READINESS_SAVED: Lines = {
    T.DRILL_SERGEANT: "Noted: {summary}. Now get ready to work.",
    T.SUPPORTIVE: "Got it — {summary}. I'll use that to shape your next session.",
    T.ANALYTICAL: "Readiness recorded: {summary}.",
    T.MOTIVATIONAL: "Logged: {summary}. Knowing your body is half the battle!",
    T.MINIMALIST: "Saved: {summary}.",
}
ACTIVITY_SAVED: Lines = {
    T.DRILL_SERGEANT: "Logged: {summary}. It counts toward your load — I'll plan around it.",
    T.SUPPORTIVE: "Lovely — {summary} saved. I'll factor it into your training.",
    T.ANALYTICAL: "Activity recorded: {summary}. Included in tomorrow's load assessment.",
    T.MOTIVATIONAL: "{summary} — that's an active lifestyle! Logged!",
    T.MINIMALIST: "Saved: {summary}.",
}
CHECK_IN_FIX: Lines = {
    T.DRILL_SERGEANT: "That number's off. Fix it:",
    T.SUPPORTIVE: "I didn't save that yet — one number looks off:",
    T.ANALYTICAL: "Not saved; value out of range:",
    T.MOTIVATIONAL: "Let's get that right first:",
    T.MINIMALIST: "Not saved:",
}
