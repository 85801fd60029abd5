"""What the coach writes on each planned session, once per voice."""

from __future__ import annotations

from coach.persona import Lines
from db.enums import PersonaTone

T = PersonaTone

SESSION: Lines = {
    T.DRILL_SERGEANT: (
        "Week {week}, {focus}. {main} Every rep clean. No ego, no excuses.",
        "Week {week}: {focus}. {main} You show up, you execute, you go home stronger.",
    ),
    T.SUPPORTIVE: (
        "Week {week} — {focus}. {main} Go at your own pace and enjoy the work.",
        "Week {week}: {focus} today. {main} Every session you finish is a win.",
    ),
    T.ANALYTICAL: "Week {week} ({phase}). Focus: {focus}. {main} Hard sets planned: {sets}.",
    T.MOTIVATIONAL: (
        "Week {week} — {focus}! {main} Each session stacks on the last. Let's build!",
        "Week {week}: {focus} day. {main} This is where the progress gets made!",
    ),
    T.MINIMALIST: "W{week} · {focus}. {main}",
}

DELOAD: Lines = {
    T.DRILL_SERGEANT: "Deload week {week}. Same lifts, less work. Do NOT sneak in extra sets. Recover, soldier.",
    T.SUPPORTIVE: "Deload week {week}: lighter on purpose so your body can catch up. Move well and feel fresh.",
    T.ANALYTICAL: "Week {week}: planned deload. Volume about −40%, effort capped near RPE 6; exercises unchanged.",
    T.MOTIVATIONAL: "Deload week {week}! Recovery is where the gains lock in — come back stronger next week!",
    T.MINIMALIST: "W{week} · Deload. Light. Same lifts.",
}

CARDIO: Lines = {
    T.DRILL_SERGEANT: "Week {week}: conditioning. {main} Lungs burning means it's working.",
    T.SUPPORTIVE: "Week {week}: conditioning day. {main} Pace yourself and breathe — steady is great.",
    T.ANALYTICAL: "Week {week} ({phase}). Conditioning: {main} Kept a day away from heavy leg work.",
    T.MOTIVATIONAL: "Week {week}: engine day! {main} Build the heart and lungs that carry every lift!",
    T.MINIMALIST: "W{week} · Conditioning. {main}",
}

RECOVERY: Lines = {
    T.DRILL_SERGEANT: "Recovery day. Walk, stretch, sleep. That is an order.",
    T.SUPPORTIVE: "Recovery day: an easy walk and some mobility. Be kind to your body today.",
    T.ANALYTICAL: "Active recovery: low-intensity aerobic work plus mobility to support the six training days.",
    T.MOTIVATIONAL: "Recovery day — recharge so tomorrow hits harder!",
    T.MINIMALIST: "Recovery. Walk. Stretch.",
}

ACTIVITY: Lines = {
    T.DRILL_SERGEANT: "{activity} today. Play hard, then recover. No lifting.",
    T.SUPPORTIVE: "{activity} day! Have fun — it all counts toward your fitness.",
    T.ANALYTICAL: "{activity} scheduled (about {minutes} min). Heavy leg work is kept at least a day away.",
    T.MOTIVATIONAL: "{activity} today — enjoy it, this is why we train!",
    T.MINIMALIST: "{activity}. Enjoy.",
}

ADJUSTED: Lines = {
    T.DRILL_SERGEANT: "Changed: {changes}",
    T.SUPPORTIVE: "A small change for you: {changes}",
    T.ANALYTICAL: "Adjustments: {changes}",
    T.MOTIVATIONAL: "Smart tweak: {changes}",
    T.MINIMALIST: "Note: {changes}",
}
