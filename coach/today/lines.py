"""What the coach says about today's adaptation, once per voice."""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone

T = PersonaTone

KEEP: Lines = {
    T.DRILL_SERGEANT: "Green light. {reasons} Execute the plan.",
    T.SUPPORTIVE: "You're good to go. {reasons} Enjoy your session!",
    T.ANALYTICAL: "Decision: keep. {reasons}",
    T.MOTIVATIONAL: "All systems go! {reasons} Let's make today count!",
    T.MINIMALIST: "As planned. {reasons}",
}

REDUCE: Lines = {
    T.DRILL_SERGEANT: "Listen up. {reasons} Fewer sets is NOT permission to slack on the ones left.",
    T.SUPPORTIVE: "Let's be kind to your body today. {reasons} Still a great session — you showed up.",
    T.ANALYTICAL: "Decision: reduce. {reasons}",
    T.MOTIVATIONAL: "Smart training wins the long game! {reasons} Quality over quantity today!",
    T.MINIMALIST: "Lighter today. {reasons}",
}

SWAP: Lines = {
    T.DRILL_SERGEANT: "Change of orders. {reasons} Same work ethic, different tools.",
    T.SUPPORTIVE: "I've tweaked today so it feels better. {reasons}",
    T.ANALYTICAL: "Decision: swap. {reasons}",
    T.MOTIVATIONAL: "New moves, same mission! {reasons}",
    T.MINIMALIST: "Swapped. {reasons}",
}

MOVE: Lines = {
    T.DRILL_SERGEANT: "Schedule change. {reasons} You still train. No excuses.",
    T.SUPPORTIVE: "I've shuffled your week a little. {reasons} You'll get it all done.",
    T.ANALYTICAL: "Decision: move. {reasons}",
    T.MOTIVATIONAL: "Plan adjusted, progress protected! {reasons}",
    T.MINIMALIST: "Moved. {reasons}",
}

REST: Lines = {
    T.DRILL_SERGEANT: "No lifting today. {reasons} Recover like it's your job.",
    T.SUPPORTIVE: "Rest day. {reasons} Recovery is part of the work — enjoy it.",
    T.ANALYTICAL: "No session today. {reasons}",
    T.MOTIVATIONAL: "Recharge day! {reasons} Tomorrow you come back stronger!",
    T.MINIMALIST: "Rest. {reasons}",
}

BY_DECISION = {"keep": KEEP, "reduce": REDUCE, "swap": SWAP, "move": MOVE, "rest": REST}
