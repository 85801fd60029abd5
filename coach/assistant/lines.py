"""What the assistant says without a model, once per coaching voice.

Numbers and names are filled in from the tools; the words are the persona's. Each voice is
its own: the drill sergeant orders, the supportive coach reassures, the analyst explains the
mechanism, the motivator lifts, the minimalist says only what is needed.
"""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone

D, S, A, M, N = (
    PersonaTone.DRILL_SERGEANT,
    PersonaTone.SUPPORTIVE,
    PersonaTone.ANALYTICAL,
    PersonaTone.MOTIVATIONAL,
    PersonaTone.MINIMALIST,
)

MENU: Lines = {
    D: "Say it straight, lifter. Here is what I handle:",
    S: "I'm not sure I caught that — here's what I can help with right now:",
    A: "I didn't match that to a request. Available options:",
    M: "Let's get you moving! Here's what I can do for you:",
    N: "Options:",
}
MENU_OFFLINE: Lines = {
    D: "Radio's down — my chat brain is out of reach. Still got the basics covered:",
    S: "My chat brain is out of reach for a moment, but I can still help with these:",
    A: "The language model is unavailable at the moment; the built-in coach covers these:",
    M: "My big chat brain is taking a breather — but the essentials are right here:",
    N: "Chat model offline. Options:",
}
MENU_ITEMS: Lines = {
    D: (
        "• what's today — your orders for the day\n• sore, tired or short on time — I adjust\n"
        "• swap an exercise\n• how am I doing — your numbers\n• change my reminder\n"
        "• explain a lift — e.g. 'how do I RDL'"
    ),
    S: (
        "• what's today — your session\n• feeling sore, tired or short on time — I'll adapt it\n"
        "• swap an exercise\n• how am I doing — your progress\n• change my reminder\n"
        "• explain a movement — e.g. 'how do I do an RDL?'"
    ),
    A: (
        "• what's today — session and prescription\n• sore / tired / short on time — adjustment options\n"
        "• swap an exercise — fitting substitutes\n• how am I doing — e1RM trends and PRs\n"
        "• change my reminder\n• explain a movement — cues, muscles, fatigue cost"
    ),
    M: (
        "• what's today — your next step\n• sore, tired or short on time — we adapt and keep going\n"
        "• swap an exercise\n• how am I doing — see how far you've come\n• change my reminder\n"
        "• explain a movement — own every rep"
    ),
    N: "• today\n• sore / tired / short on time\n• swap\n• progress\n• reminder\n• explain <movement>",
}
NO_PROGRAM: Lines = {
    D: "No plan yet, no orders. Finish setup with /start and I'll write your program.",
    S: "You don't have a plan yet — finish setup with /start and I'll build one around you.",
    A: "No active program. Complete setup (/start) and one is generated from your answers.",
    M: "Your program is waiting to be built! Finish setup with /start and let's begin.",
    N: "No plan yet. /start.",
}
REST_DAY: Lines = {
    D: "Rest day. Eat, sleep, recover. That's an order.",
    S: "Today's a rest day — enjoy it, recovery is where the progress happens.",
    A: "Rest day: no session planned. Adaptation happens during recovery.",
    M: "Rest day! Recharge — tomorrow's lifter will thank you.",
    N: "Rest day.",
}
TODAY: Lines = {
    D: "Today's orders, {date} — about {minutes} min:",
    S: "Here's your session for {date} (about {minutes} minutes):",
    A: "Session for {date} ({kind}, about {minutes} min):",
    M: "{date} — about {minutes} minutes of building the new you:",
    N: "{date}, ~{minutes} min:",
}
ADAPTED: Lines = {
    D: "Adjusted: {reasons}.",
    S: "I've adjusted today a little: {reasons}.",
    A: "Adaptation applied ({decision}): {reasons}.",
    M: "Tuned for today: {reasons}.",
    N: "Adjusted: {reasons}.",
}
SWAP_WHICH: Lines = {
    D: "Which one are we swapping? Pick it.",
    S: "Which exercise would you like to swap? Tap it and I'll show you options.",
    A: "Select the exercise to substitute:",
    M: "Which one do you want to switch up? Pick it:",
    N: "Swap which?",
}
SWAP_OPTIONS: Lines = {
    D: "Instead of {exercise}, these fit your gear and rules. Pick one:",
    S: "Instead of {exercise}, any of these fits your equipment and rules — tap the one you like:",
    A: "Substitutes for {exercise} that match your equipment and movement rules:",
    M: "Instead of {exercise}, these will hit the same goal — choose your weapon:",
    N: "Instead of {exercise}:",
}
SWAP_CONFIRM: Lines = {
    D: "{to} instead of {exercise}. Confirm it.",
    S: "{to} instead of {exercise} works well. Shall I swap it in?",
    A: "{to} is a valid substitute for {exercise}. Apply the swap?",
    M: "{to} instead of {exercise} — great call. Swap it in?",
    N: "{to} for {exercise}?",
}
SORE: Lines = {
    D: "Sore means you worked. We don't make it worse. Easier day, shorter day, or train as planned?",
    S: "Thanks for telling me — soreness is normal. Would you like today a bit easier or shorter, or keep it as planned?",
    A: "Soreness raises the cost of today's volume. Options: lower effort, fewer sets, or unchanged.",
    M: "Sore means the work is landing! Let's keep the momentum without digging a hole — easier, shorter, or as planned?",
    N: "Sore. Easier, shorter, or as planned?",
}
TIRED: Lines = {
    D: "Tired happens. Showing up still counts. Easier session, shorter session, rest, or as planned?",
    S: "That sounds draining — be kind to yourself today. Easier, shorter, a rest day, or as planned?",
    A: "Low readiness: a lighter stimulus keeps the adaptation without the extra fatigue. Easier, shorter, rest, or unchanged?",
    M: "Low battery days build champions too — we just train smart. Easier, shorter, rest, or as planned?",
    N: "Tired. Easier, shorter, rest, or as planned?",
}
NOTED: Lines = {
    D: "Logged it.",
    S: "I've noted that.",
    A: "Recorded.",
    M: "Got it, noted!",
    N: "Noted.",
}
PAIN: Lines = {
    D: "Your {part} talks, we listen. Today these load it: {exercises}. Swap them or cut the day short. Sharp, swelling or still there in a few days — get it checked.",
    S: "Sorry your {part} is bothering you. Today these put load on it: {exercises}. We can swap them or shorten the session. If it gets sharp, swells, or hasn't settled in a few days, please get it checked.",
    A: "Exercises today that load the {part}: {exercises}. Options: substitute them or reduce volume. Sharp pain, swelling or persistence beyond a few days warrants assessment.",
    M: "Let's protect that {part} so you keep training for years. Today these load it: {exercises}. Swap them or go shorter. Sharp, swollen or lingering for days? Get it checked.",
    N: "{part} — loaded today by: {exercises}. Swap or shorten. Sharp, swollen or lasting: get it checked.",
}
PAIN_CLEAR: Lines = {
    D: "Nothing today hammers your {part}. Train as planned, stop any set that hurts. Sharp or swelling — get it checked.",
    S: "Good news: nothing in today's session loads your {part} much. Train as planned and stop any set that hurts. If it gets sharp or swells, please get it checked.",
    A: "Today's exercises place little load on the {part}. Proceed, and stop any set that provokes pain. Sharp pain or swelling warrants assessment.",
    M: "Today's session goes easy on your {part} — you're good to go! Stop any set that hurts, and get it checked if it gets sharp or swells.",
    N: "Today spares your {part}. Stop any set that hurts. Sharp or swelling: get it checked.",
}
SHORT_ON_TIME: Lines = {
    D: "{minutes} minutes? Enough to work. Today is about {planned}; I cut a set from every exercise. Confirm.",
    S: "No problem — {minutes} minutes is still a good session. Today is planned at about {planned} minutes; shall I take a set off each exercise?",
    A: "Planned: about {planned} min; available: {minutes} min. One set less per exercise cuts the time while keeping every movement. Apply?",
    M: "{minutes} minutes is plenty to move forward! Today is about {planned} minutes — shall I trim a set from each exercise?",
    N: "{minutes} min; planned {planned}. One set less each?",
}
FITS_TIME: Lines = {
    D: "Today is about {planned} minutes. You have {minutes}. No excuses — go.",
    S: "Good news: today is planned at about {planned} minutes, so it fits your {minutes}.",
    A: "Planned duration is about {planned} min, within your {minutes} min. No change needed.",
    M: "Today takes about {planned} minutes — it fits! Let's go get it.",
    N: "Today ≈ {planned} min. Fits.",
}
SKIP: Lines = {
    D: "Skipping? Then make it count: rest, or move it to your next free day. Your call.",
    S: "That's okay — life happens. Shall I make today a rest day, or move the session to your next free day?",
    A: "Options: mark today as rest, or move the session to the next free day to keep weekly volume.",
    M: "One day doesn't define you — let's keep the week on track. Rest today, or move it to your next free day?",
    N: "Rest today or move it?",
}
MOVE: Lines = {
    D: "Move today's session to your next free day? Confirm.",
    S: "Sure — shall I move today's session to your next free day?",
    A: "Moving keeps the weekly volume intact. Move today's session to the next free day?",
    M: "Let's keep the week rolling — move today's session to your next free day?",
    N: "Move to next free day?",
}
NOTHING_TODAY: Lines = {
    D: "Nothing scheduled today. Nothing to change.",
    S: "There's no session today, so there's nothing to change — enjoy the rest.",
    A: "No session today; no adjustment applicable.",
    M: "No session today — you're all set!",
    N: "No session today.",
}
APPLIED_SWAP: Lines = {
    D: "Done. {to} replaces {exercise}. Now go.",
    S: "Done — {to} replaces {exercise} today.",
    A: "Applied: {exercise} → {to}. Prescription unchanged.",
    M: "Done! {to} is in — let's make it count.",
    N: "Swapped: {to}.",
}
APPLIED_ADJUST: dict[str, Lines] = {
    "reduce": {
        D: "Done. Shorter session, main work stays. Get in, get out.",
        S: "Done — today is shorter; the main work stays.",
        A: "Applied: volume reduced, main lifts kept.",
        M: "Done! Short and sharp today — make every set count.",
        N: "Shortened.",
    },
    "easy": {
        D: "Done. Easier today. Easier isn't lazy — execute.",
        S: "Done — today is lighter. Listen to your body.",
        A: "Applied: effort lowered for today.",
        M: "Done! An easy day today sets up a big one later.",
        N: "Easier today.",
    },
    "move": {
        D: "Done. Session moved. Be there.",
        S: "Done — the session is moved. Rest up today.",
        A: "Applied: session moved; the week's volume is kept.",
        M: "Done! Moved — come back fresh and ready.",
        N: "Moved.",
    },
    "skip": {
        D: "Done. Rest day. Back at it next session.",
        S: "Done — today is a rest day. See you next session.",
        A: "Applied: today marked as rest.",
        M: "Done! Rest today, rise tomorrow.",
        N: "Rest day.",
    },
}
KEPT: Lines = {
    D: "Plan stands. Get to work.",
    S: "Okay — we'll keep the plan as it is.",
    A: "No change: the plan stays as prescribed.",
    M: "The plan stands — let's go crush it!",
    N: "Plan unchanged.",
}
NOTHING_PENDING: Lines = {
    D: "Yes to what? Give me a request:",
    S: "Happy to — what would you like to do?",
    A: "There is no pending proposal to confirm. Available requests:",
    M: "Love the energy! What are we doing?",
    N: "Nothing pending. Options:",
}
NOT_TODAY: Lines = {
    D: "{exercise} isn't on today's sheet. Here's what is — pick one to swap:",
    S: "{exercise} isn't in today's session. Here's what is — tap one to swap it:",
    A: "{exercise} is not part of today's session. Today's exercises:",
    M: "{exercise} isn't on today's menu! Here's what is — tap one to switch it up:",
    N: "{exercise}: not today. Today:",
}
CANNOT: Lines = {
    D: "Can't do that: {reason}.",
    S: "I couldn't do that: {reason}.",
    A: "Not possible: {reason}.",
    M: "That one didn't work: {reason}. Let's find another way!",
    N: "Can't: {reason}.",
}
REMINDER_ASK: Lines = {
    D: "When do you want your daily orders? Pick a time or type one, like 'remind me at 18:30'.",
    S: "When would you like your daily reminder? Pick a time below or type one, like 'remind me at 18:30'.",
    A: "Choose a reminder time (your local time), or type one, e.g. 'remind me at 18:30':",
    M: "When should I fire you up each day? Pick a time or type one, like 'remind me at 18:30'.",
    N: "Reminder time? (e.g. 18:30)",
}
EXPLAIN: Lines = {
    D: "{name}. Trains {muscles}. Cues — do them:",
    S: "{name} works your {muscles}. A few cues to keep in mind:",
    A: "{name}: {pattern} pattern; primary {muscles}; fatigue cost {fatigue}. Cues:",
    M: "{name} builds your {muscles}! Nail these cues:",
    N: "{name} — {muscles}:",
}
EXPLAIN_RELATED: Lines = {
    D: "Too hard? {easier}. Too easy? {harder}.",
    S: "If it feels too hard, try {easier}; ready for more, try {harder}.",
    A: "Regression: {easier}. Progression: {harder}.",
    M: "Build up with {easier}, level up with {harder}!",
    N: "Easier: {easier}. Harder: {harder}.",
}
COMPARE: Lines = {
    D: "{a} vs {b}. Here are the facts:",
    S: "Good question! Here's how {a} and {b} compare:",
    A: "{a} versus {b}:",
    M: "Great question — knowing why makes every rep count. {a} vs {b}:",
    N: "{a} vs {b}:",
}
COMPARE_CHEAPER: Lines = {
    D: "{cheaper} costs less recovery for a similar hit on {muscle}. That's why it's in.",
    S: "{cheaper} gives a similar training effect on {muscle} for less recovery cost, which is why it often earns its place.",
    A: "{cheaper} delivers comparable {muscle} stimulus at a lower fatigue cost: more productive volume per unit of recovery.",
    M: "{cheaper} hits {muscle} hard while leaving more in the tank for the rest of your week — that's the smart play!",
    N: "{cheaper}: similar {muscle} work, less fatigue.",
}
ANSWERED_OFFLINE: Lines = {
    D: "Chat brain's down, but I did this much:",
    S: "My chat brain lost the thread for a moment, but here's what I did:",
    A: "The model failed mid-answer. Completed actions:",
    M: "My chat brain tripped mid-sentence — but here's what we got done:",
    N: "Model failed. Done so far:",
}
PICK_ONE: Lines = {
    D: "More than one option on the table. Tap the one you want.",
    S: "There are a few options — tap the one you'd like.",
    A: "Several proposals are pending; select one:",
    M: "So many good options — tap your pick!",
    N: "Pick one:",
}
RULE_WORDS = {
    "hard_no": "out of your plan for good",
    "hard_yes": "a fixture in your plan",
    "preferred": "my first pick whenever it fits",
}
RULE_CONFIRM: Lines = {
    D: "{movement}: {words}? Confirm and I rewrite the plan.",
    S: "Got it. Shall I make {movement} {words}? Your upcoming sessions change with it.",
    A: "Rule proposal: {movement} — {words}. Upcoming sessions are re-planned accordingly. Apply?",
    M: "Your training, your rules! Make {movement} {words}?",
    N: "{movement}: {words}?",
}
