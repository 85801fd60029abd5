"""Pain red flags: some things a coach must not program around.

Chest pain, dizziness or fainting, numbness, breathlessness, and sharp, shooting or radiating
pain can mean something a rest day will not fix. These are checked on the lifter's words before
any model sees them, and in the offline coach alike, so the answer never depends on a model
having a good day: stop, and see a professional. Ordinary soreness and niggles are not red
flags; the coach adapts the training for those.
"""

from __future__ import annotations

import re

from coach.persona import Lines
from db.enums import PersonaTone

_NOT = r"(?<!\bno )(?<!\bnot )(?<!\bwithout )(?<!\bzero )"
RED_FLAGS: dict[str, re.Pattern[str]] = {
    "chest": re.compile(
        _NOT + r"\b(chest|heart)\s*(pain|pains|hurts?|hurting|ache|aches|tight(ness)?|pressure|squeez\w*)"
        r"|\b(pain|tight(ness)?|pressure)\s+in\s+(my\s+)?chest"
        r"|\bheart\s+(racing|pounding|fluttering|skipping)|\bpalpitations?",
        re.I,
    ),
    "dizziness": re.compile(
        _NOT + r"\b(dizz(y|iness)|light[- ]?headed(ness)?|faint(ed|ing)?|passed\s+out|black(ed)?\s+out"
        r"|vertigo|room\s+(is\s+)?spinning)\b",
        re.I,
    ),
    "sharp_pain": re.compile(
        r"\b(sharp|stabbing|shooting|searing|electric)\s+(\w+\s+){0,2}(pain|pains|twinge)"
        r"|\b(pain|pains)\s+(that\s+)?(is\s+)?(sharp|stabbing|shooting)"
        r"|\bradiat\w*|\bshoots?\s+(down|up|into)|\b(down|into)\s+my\s+(arm|leg)\s+(hurts|pain)",
        re.I,
    ),
    "numbness": re.compile(_NOT + r"\b(numb(ness)?|pins\s+and\s+needles|tingl\w+|lost\s+feeling)\b", re.I),
    "breathing": re.compile(
        r"\b(can'?t|cannot|couldn'?t|struggling\s+to)\s+(catch\s+my\s+)?breath(e)?\b"
        r"|\bshort(ness)?\s+of\s+breath\b",
        re.I,
    ),
    "injury": re.compile(
        r"\b(heard|felt)\s+(a\s+)?(pop|snap|tear)\b|\bswollen\s+and\s+(bruised|hot)|\bcan'?t\s+(put\s+)?weight\s+on",
        re.I,
    ),
}


def red_flags(text: str) -> list[str]:
    """The red flags ``text`` describes, by name; empty when there are none."""
    return [name for name, pattern in RED_FLAGS.items() if pattern.search(text)]


STOP: Lines = {
    PersonaTone.DRILL_SERGEANT: (
        "Stop. No training today — that is an order. {symptom} is not something we push through. "
        "Get checked by a doctor or physio before you touch a bar again. If it is severe or "
        "getting worse, call emergency services now."
    ),
    PersonaTone.SUPPORTIVE: (
        "I'm glad you told me. {symptom} is something to get checked, not trained through — please "
        "stop for today and see a doctor or physiotherapist. If it is severe or getting worse, "
        "call emergency services right away. Your training will be here when you're cleared."
    ),
    PersonaTone.ANALYTICAL: (
        "{symptom} is outside what a training adjustment should handle: the risk is not worth any "
        "session. Stop training and get assessed by a doctor or physiotherapist. If symptoms are "
        "severe or worsening, contact emergency services now."
    ),
    PersonaTone.MOTIVATIONAL: (
        "The strongest move today is to stop. {symptom} needs a professional's eyes — see a doctor "
        "or physio before the next session. If it is severe or getting worse, call emergency "
        "services now. Get cleared, then we come back stronger."
    ),
    PersonaTone.MINIMALIST: (
        "{symptom}: stop training. See a doctor or physio. Severe or worsening: emergency services now."
    ),
}

SYMPTOMS = {
    "chest": "Chest pain or a racing heart",
    "dizziness": "Dizziness or feeling faint",
    "sharp_pain": "Sharp, shooting or radiating pain",
    "numbness": "Numbness or tingling",
    "breathing": "Trouble breathing",
    "injury": "A pop, a tear or a joint you can't load",
}
