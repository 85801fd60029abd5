"""Everything reminders say, written once per coaching voice.

Numbers and facts (sessions, dates, counts) are filled in by the caller; the voice decides how
they are framed. Variants are picked deterministically per day, so a lifter does not read the
same opener every morning, and a test reads the same line twice.
"""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone

DRILL = PersonaTone.DRILL_SERGEANT
SUPPORTIVE = PersonaTone.SUPPORTIVE
ANALYTICAL = PersonaTone.ANALYTICAL
MOTIVATIONAL = PersonaTone.MOTIVATIONAL
MINIMALIST = PersonaTone.MINIMALIST

# Daily reminder ---------------------------------------------------------------------------

TRAINING_DAY: Lines = {
    DRILL: (
        "Up and at it, {name}. Today's session is on the board — no negotiating.",
        "Session day, {name}. You know the drill: show up, do the work, log it.",
        "{name}! Iron doesn't lift itself. Here's today's work.",
    ),
    SUPPORTIVE: (
        "Good morning, {name}! Today's session is ready whenever you are.",
        "Hi {name} — here's today's plan. Go at your own pace; showing up is the win.",
        "Hey {name}, a session is waiting for you today. You've got this.",
    ),
    ANALYTICAL: (
        "Today's prescription, {name}:",
        "{name}, today's session and its targets:",
    ),
    MOTIVATIONAL: (
        "{name}, today you get a little stronger. Here's the plan!",
        "New day, new reps, {name}! Let's build the lifter you're becoming.",
        "Rise and grind, {name} — today's session is another brick in the wall!",
    ),
    MINIMALIST: ("Today:", "Session today."),
}

ADAPTED: Lines = {
    DRILL: "Change of orders: {reasons}",
    SUPPORTIVE: "A quick heads-up about today: {reasons}",
    ANALYTICAL: "Plan update: {reasons}",
    MOTIVATIONAL: "Heads up — the plan's been tuned: {reasons}",
    MINIMALIST: "Update: {reasons}",
}

REST_DAY: Lines = {
    DRILL: (
        "Rest day, {name}. That's an order, not a vacation: walk 30 minutes, eat your protein, "
        "lights out on time.",
        "No lifting today, {name}. Recover like it's your job — because it is.",
    ),
    SUPPORTIVE: (
        "Rest day today, {name} — your body gets stronger while it recovers. A gentle walk or a "
        "little stretching would feel lovely.",
        "No session today, {name}. Rest well, drink some water, and be kind to yourself.",
    ),
    ANALYTICAL: (
        "Rest day. Adaptation happens now: 7–9 h of sleep, about 1.6 g/kg of protein, and 20–30 "
        "minutes of easy walking if you want to move.",
        "Rest day. Low-intensity movement (walking, mobility) aids recovery without adding "
        "fatigue; sleep is the biggest lever.",
    ),
    MOTIVATIONAL: (
        "Rest day, {name}! Champions are built in recovery too. Recharge — tomorrow we go again!",
        "Today you grow, {name}. Rest hard, come back harder!",
    ),
    MINIMALIST: ("Rest day. Walk, stretch, sleep.", "Rest day."),
}

ACTIVITY_DUE: Lines = {
    DRILL: "Rest day from the iron, {name}. {since} — get out there and do it.",
    SUPPORTIVE: "No lifting today, {name}. {since}, so it's a lovely day for {activity} if you feel like it.",
    ANALYTICAL: "Rest day. {since} (your target: every {every} days), so {activity} is due today.",
    MOTIVATIONAL: "Rest day = play day, {name}! {since} — go have fun out there!",
    MINIMALIST: "Rest day. {activity} is due — {since_lower}.",
}

ACTIVITY_PLANNED: Lines = {
    DRILL: "No iron today, {name}: {activity} is on the plan. Go hard, have fun, come back ready.",
    SUPPORTIVE: "No lifting today, {name} — {activity} is planned. Enjoy every minute!",
    ANALYTICAL: "No lifting today: {activity} is scheduled, placed so it doesn't clash with your leg work.",
    MOTIVATIONAL: "Play day, {name}! {activity} is on the plan — go light it up!",
    MINIMALIST: "Today: {activity}.",
}

SINCE_LAST = "it's been {days} days since your last {activity}"
SINCE_NEVER = "you haven't logged any {activity} yet"

# Evening nudge ----------------------------------------------------------------------------

EVENING: Lines = {
    DRILL: "{name}, today's {session} is still not logged. Clock's ticking — get it done or move it.",
    SUPPORTIVE: "Hey {name}, no pressure — today's {session} isn't logged yet. Still up for it, or "
    "shall we move it to tomorrow?",
    ANALYTICAL: "Status: today's {session} has no log. Complete it, or move it so the week's volume "
    "stays on target.",
    MOTIVATIONAL: "There's still time, {name}! Today's {session} is waiting — finish the day strong!",
    MINIMALIST: "Today's {session}: not logged yet.",
}

# Weekly summary ---------------------------------------------------------------------------

WEEKLY_HEADER: Lines = {
    DRILL: "Weekly report, {name}. Let's see what you did ({first} – {last}).",
    SUPPORTIVE: "Your week in review, {name} ({first} – {last}) — be proud of the work you put in.",
    ANALYTICAL: "Weekly summary, {first} – {last}.",
    MOTIVATIONAL: "Another week in the books, {name}! Here's how you moved forward ({first} – {last}).",
    MINIMALIST: "Week {first} – {last}.",
}

ADHERENCE_FULL: Lines = {
    DRILL: "{done}/{planned} sessions. Every single one. That's how it's done.",
    SUPPORTIVE: "You completed all {planned} planned sessions — wonderful consistency!",
    ANALYTICAL: "Adherence: {done}/{planned} planned sessions (100%).",
    MOTIVATIONAL: "{done} for {planned}! A perfect week — that's champion behaviour!",
    MINIMALIST: "{done}/{planned} sessions.",
}

ADHERENCE_PARTIAL: Lines = {
    DRILL: "{done}/{planned} sessions. {missed} missed. Not good enough — fix it next week.",
    SUPPORTIVE: "You got {done} of {planned} sessions in. Life happens — every session counts.",
    ANALYTICAL: "Adherence: {done}/{planned} planned sessions ({percent}%).",
    MOTIVATIONAL: "{done} of {planned} sessions done — next week, let's take it all the way!",
    MINIMALIST: "{done}/{planned} sessions.",
}

TRENDS_HEADER = "📈 e1RM, last {weeks} weeks:"
STREAK = "🔥 {weeks} week{s} in a row with training."
FULL_PICTURE = "Full picture and chart: /progress"

NEXT_WEEK: Lines = {
    DRILL: "Next week's orders: {plan}.",
    SUPPORTIVE: "Coming up next week: {plan}.",
    ANALYTICAL: "Next week: {plan}.",
    MOTIVATIONAL: "Next week we go again: {plan}!",
    MINIMALIST: "Next: {plan}.",
}

NEXT_WEEK_EMPTY: Lines = {
    DRILL: "Nothing on the board next week: this block is done. Tell me when you're ready for the next one.",
    SUPPORTIVE: "Your program has no sessions next week — this block is complete! Just tell me when you'd like the next one.",
    ANALYTICAL: "No sessions scheduled next week: the program has ended. Ask for the next block when you're ready.",
    MOTIVATIONAL: "This block is done — time to write the next chapter! Tell me when you're ready.",
    MINIMALIST: "Program done. Ask for the next block.",
}

DELOAD = "Deload week: same movements, lighter loads — let the fatigue drop."

# Buttons ----------------------------------------------------------------------------------

BUTTON_START = "▶️ Start"
BUTTON_VIEW = "👀 View"
BUTTON_MOVE = "➡️ Move to tomorrow"
BUTTON_SKIP = "⏭ Skip today"

# Button replies ---------------------------------------------------------------------------

START_HINT: Lines = {
    DRILL: "Log every set as you go — e.g. 'squat 5x5 100'. Move.",
    SUPPORTIVE: "Log your sets as you go, e.g. 'squat 5x5 100' — I'll keep track for you.",
    ANALYTICAL: "Log each exercise as you finish it, e.g. 'squat 5x5 100 @8', so e1RM and volume stay exact.",
    MOTIVATIONAL: "Let's go! Log as you lift, e.g. 'squat 5x5 100' — every rep counts!",
    MINIMALIST: "Log: 'squat 5x5 100'.",
}

MOVED: Lines = {
    DRILL: "{detail} It happens then — no excuses.",
    SUPPORTIVE: "Done — {detail} Rest up today!",
    ANALYTICAL: "{detail}",
    MOTIVATIONAL: "{detail} Come back with double the fire!",
    MINIMALIST: "{detail}",
}

SKIPPED: Lines = {
    DRILL: "Skipped. One day. Don't make it a habit.",
    SUPPORTIVE: "Okay, today is skipped. Resting is part of training too.",
    ANALYTICAL: "Session skipped; no catching up — the plan continues with the next session.",
    MOTIVATIONAL: "Skipped today — recharge and come back stronger!",
    MINIMALIST: "Skipped.",
}

STALE_BUTTON: Lines = {
    DRILL: "That order was for {day}. Today's plan is what matters — /today.",
    SUPPORTIVE: "That button was for {day}, so I left the plan as it is. /today shows today's session.",
    ANALYTICAL: "That button referred to {day}; past days are not changed. /today shows today.",
    MOTIVATIONAL: "That was {day}'s reminder — today's a new shot! /today",
    MINIMALIST: "That was for {day}. /today",
}

NO_SESSION_TODAY: Lines = {
    DRILL: "Nothing on the board today. Rest — that's an order.",
    SUPPORTIVE: "There's no session planned for today — enjoy the rest!",
    ANALYTICAL: "No session scheduled today.",
    MOTIVATIONAL: "No session today — recharge for the next one!",
    MINIMALIST: "No session today.",
}

EXPIRED_BUTTON = "That button no longer works — /today shows today's session."

# Settings ---------------------------------------------------------------------------------

TIME_SET: Lines = {
    DRILL: "Reminders at {time} ({zone}). Next one: {next}. Be ready.",
    SUPPORTIVE: "Lovely — I'll remind you every day at {time} ({zone}). The next one comes {next}.",
    ANALYTICAL: "Daily reminder set: {time} {zone}. Next delivery: {next}.",
    MOTIVATIONAL: "Locked in: {time} every day ({zone})! Next one {next} — let's go!",
    MINIMALIST: "Reminders: {time} ({zone}). Next: {next}.",
}

REMINDERS_OFF: Lines = {
    DRILL: "Reminders off. You'd better remember on your own.",
    SUPPORTIVE: "Reminders are off. Turn them back on whenever you like.",
    ANALYTICAL: "Daily reminders disabled. Your time setting is kept.",
    MOTIVATIONAL: "Reminders off — the drive comes from you now!",
    MINIMALIST: "Reminders off.",
}

REMINDERS_NEED_TIME: Lines = {
    DRILL: "On — but at what time? Tell me, e.g. 7:30.",
    SUPPORTIVE: "Happy to! What time suits you? For example 7:30 or 7pm.",
    ANALYTICAL: "No reminder time is set yet. Send one, e.g. 07:30 or 19:00.",
    MOTIVATIONAL: "Yes! Pick your time — like 7:30 or 7pm!",
    MINIMALIST: "What time? e.g. 7:30",
}

ZONE_SET: Lines = {
    DRILL: "Timezone: {zone}. It's {local} there now.{note}",
    SUPPORTIVE: "Got it — your timezone is {zone}, where it's {local} right now.{note}",
    ANALYTICAL: "Timezone set to {zone} (local time now: {local}).{note}",
    MOTIVATIONAL: "Timezone locked: {zone}! It's {local} there now.{note}",
    MINIMALIST: "{zone}, {local} now.{note}",
}

FIXED_OFFSET_NOTE = (
    " That's a fixed offset, so it won't follow daylight saving; send your city instead if you want it to."
)

SNOOZED: Lines = {
    DRILL: "Snoozed for today. Tomorrow {time}, no excuses.",
    SUPPORTIVE: "No reminders today — enjoy your day. I'll be back tomorrow at {time}.",
    ANALYTICAL: "Reminders snoozed until tomorrow, {time}.",
    MOTIVATIONAL: "Snoozed for today — see you tomorrow at {time}!",
    MINIMALIST: "Snoozed. Tomorrow {time}.",
}

UNSNOOZED: Lines = {
    DRILL: "Snooze cancelled. Back on duty.",
    SUPPORTIVE: "Snooze cancelled — reminders are back on today.",
    ANALYTICAL: "Snooze cancelled; today's reminders are active again.",
    MOTIVATIONAL: "Snooze off — we're back in the game!",
    MINIMALIST: "Snooze off.",
}

TOGGLE: Lines = {
    DRILL: "{what}: {state}.",
    SUPPORTIVE: "Done — {what} {state_lower}.",
    ANALYTICAL: "{what}: {state}.",
    MOTIVATIONAL: "{what}: {state}!",
    MINIMALIST: "{what}: {state}.",
}
