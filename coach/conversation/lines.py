"""What the coach says around the features: greetings, help, and answers to odd input.

Each line is written once per voice (``coach.persona.Lines``). The placeholders are filled by
``Turn.speak``. Lines used before the lifter picked a voice are read in the supportive one.
"""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone as T

WELCOME_BACK: Lines = {
    T.DRILL_SERGEANT: "Back on deck, {name}! /today has your orders. Type a set the second you finish it.",
    T.SUPPORTIVE: "Good to see you, {name}! /today shows your session, and you can log a set any time by just typing it.",
    T.ANALYTICAL: "Welcome back, {name}. /today gives today's prescription; log sets as you go (e.g. 'bench 3x5 80 @8') so the numbers stay honest.",
    T.MOTIVATIONAL: "There they are! {name}, another day to build. Hit /today and let's make it count!",
    T.MINIMALIST: "Hi {name}. /today for the session. Type sets to log them.",
}

UNKNOWN_COMMAND: Lines = {
    T.DRILL_SERGEANT: "/{command}? Never heard of it. /help lists the orders I take.",
    T.SUPPORTIVE: "I don't know /{command} yet, sorry! /help shows everything I can do.",
    T.ANALYTICAL: "/{command} is not a command I recognise. /help lists the available ones.",
    T.MOTIVATIONAL: "/{command} isn't one of mine — but /help has everything you need!",
    T.MINIMALIST: "Unknown: /{command}. See /help.",
}

TOO_LONG: Lines = {
    T.DRILL_SERGEANT: "That's an essay, not a message ({length} characters)! Keep it under {limit}. Send logs one workout at a time.",
    T.SUPPORTIVE: "That's a long message ({length} characters) — I can read up to {limit} at once. Could you send it in smaller pieces? One workout per message works best for logs.",
    T.ANALYTICAL: "Message length {length} exceeds my limit of {limit} characters. Split it up; one workout per message keeps logs unambiguous.",
    T.MOTIVATIONAL: "Love the enthusiasm — but {length} characters is more than I can take ({limit} max). Break it up and send it again!",
    T.MINIMALIST: "Too long ({length} chars, max {limit}). Split it.",
}

EMPTY: Lines = {
    T.DRILL_SERGEANT: "Silence isn't an answer. Say something or type /help.",
    T.SUPPORTIVE: "I didn't catch anything there — type a message or /help to see what I can do.",
    T.ANALYTICAL: "Empty message received. /help lists what I can do.",
    T.MOTIVATIONAL: "Say the word! /help shows you everything.",
    T.MINIMALIST: "Empty. /help.",
}

NOT_TEXT: Lines = {
    T.DRILL_SERGEANT: "Nice {what}. Can't log it, can't coach it. Words, lifter! Type a set like 'squat 5x5 100' or /help.",
    T.SUPPORTIVE: "Thanks for the {what}! I can only read text for now — type a set like 'squat 5x5 100', ask me something, or try /help.",
    T.ANALYTICAL: "I can't extract training data from a {what}. Send text: a log line such as 'squat 5x5 100 @8' or a question.",
    T.MOTIVATIONAL: "Love the {what}! I work with words though — type your set or your question and let's keep rolling!",
    T.MINIMALIST: "Can't read a {what}. Send text.",
}

EDITED: Lines = {
    T.DRILL_SERGEANT: "Editing history, are we? I acted on what you sent first. Fix a log with /undo and send it again.",
    T.SUPPORTIVE: "I noticed you edited a message — I go by what you first sent. If it was a log, /undo removes it and you can send the corrected one.",
    T.ANALYTICAL: "Edits aren't applied retroactively: I used the original text. For a log, /undo and resend the corrected line.",
    T.MOTIVATIONAL: "Edits don't reach me after the fact — no stress! /undo and send it again if a log needs fixing.",
    T.MINIMALIST: "Edits are ignored. /undo, then resend.",
}

STALE_BUTTON: Lines = {
    T.DRILL_SERGEANT: "That button's expired or it isn't yours. Use the fresh ones.",
    T.SUPPORTIVE: "That button has expired (or belongs to someone else), so I left everything as it was.",
    T.ANALYTICAL: "Button rejected: expired or not issued to you. Nothing changed.",
    T.MOTIVATIONAL: "That button's from another time — nothing changed. Let's use the latest ones!",
    T.MINIMALIST: "Button expired. Nothing changed.",
}

OLD_STEP: Lines = {
    T.DRILL_SERGEANT: "That question's done. Answer the one in front of you.",
    T.SUPPORTIVE: "That button was for an earlier question — here's where we are now:",
    T.ANALYTICAL: "That button belongs to a previous step. Current step:",
    T.MOTIVATIONAL: "We're past that one already! Here's where we are:",
    T.MINIMALIST: "Old button. Current question:",
}

OOPS: Lines = {
    T.DRILL_SERGEANT: "Something broke on my end — not your fault. Nothing was saved from that message. Try again.",
    T.SUPPORTIVE: "Sorry — something went wrong on my side. Nothing from that message was saved; could you try again?",
    T.ANALYTICAL: "An internal error occurred; the message was not applied. Please retry.",
    T.MOTIVATIONAL: "Hit a snag on my side — nothing saved, nothing lost. Give it another go!",
    T.MINIMALIST: "Error on my side. Nothing saved. Retry.",
}

UNAVAILABLE: Lines = {
    T.DRILL_SERGEANT: "My logbook's offline for a moment. Nothing was saved — send that again in a minute.",
    T.SUPPORTIVE: "I can't reach my logbook right now, so I couldn't save that. Please send it again in a minute — sorry!",
    T.ANALYTICAL: "Storage is temporarily unavailable; your message was not recorded. Retry in about a minute.",
    T.MOTIVATIONAL: "Quick pit stop — my logbook is offline. Send that again in a minute and we're back on track!",
    T.MINIMALIST: "Storage down. Not saved. Retry in a minute.",
}

FINISH_SETUP_FIRST: Lines = {
    T.SUPPORTIVE: "Let's finish setting you up first — it only takes a minute, then /{command} will be ready.",
}

CANCELLED: Lines = {
    T.DRILL_SERGEANT: "Cancelled. As you were.",
    T.SUPPORTIVE: "Okay, I've cancelled that. Nothing else changed.",
    T.ANALYTICAL: "Cancelled. No further changes applied.",
    T.MOTIVATIONAL: "Cancelled — clean slate. What's next?",
    T.MINIMALIST: "Cancelled.",
}

NOTHING_TO_CANCEL: Lines = {
    T.DRILL_SERGEANT: "Nothing to cancel. Get back to work.",
    T.SUPPORTIVE: "There's nothing in progress to cancel — you're all set.",
    T.ANALYTICAL: "No dialogue in progress; nothing to cancel.",
    T.MOTIVATIONAL: "Nothing to cancel — you're free to crush it!",
    T.MINIMALIST: "Nothing to cancel.",
}
