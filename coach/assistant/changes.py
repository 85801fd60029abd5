"""Plan changes the coach proposes and the lifter accepts with a button (or a typed "yes").

A swap, an adjustment of a day, or a movement rule (a "never" rule rewrites every upcoming
session). Nothing the coach suggests — the model least of all — changes the plan on its own. A change is
prepared as data, shown with an "apply" button whose signed callback carries everything needed
to apply it, and applied only when the lifter presses it. Applying goes through the same
functions the plan's own buttons use (so a session's JSON sections and its ``session_exercises``
rows change together), re-checks that the session is the lifter's and still ahead of them, and
records the change in the thread's ``accepted_plan_json`` with ``final_plan_accepted``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

from coach import callbacks
from coach.replies import Button

Kind = Literal["swap", "adjust", "rule"]
ADJUST_ACTIONS = ("reduce", "easy", "move", "skip")
#: Movement rules by their short code on a button (callback data is limited to 64 bytes).
RULE_CODES = {"no": "hard_no", "yes": "hard_yes", "pref": "preferred"}

#: Button labels per adjustment; swaps are labelled with their replacement, rules with the movement.
ACTION_LABELS = {
    "reduce": "Shorter session",
    "easy": "Make it easy",
    "move": "Move to next free day",
    "skip": "Rest today",
}
RULE_LABELS = {
    "hard_no": "Never program {name}",
    "hard_yes": "Always include {name}",
    "preferred": "Prefer {name}",
}


@dataclass(frozen=True)
class Change:
    """One proposed change. A swap names the day and the movement it replaces — not a row id,
    which a later adaptation of the day may renew — so a button stays valid until it is used."""

    kind: Kind
    day: dt.date
    #: swap: the movement being replaced, and (swap, rule) the movement the change is about.
    from_movement_id: int | None = None
    movement_id: int | None = None
    from_name: str | None = None
    to_name: str | None = None
    #: adjust: reduce | easy | move | skip.
    action: str | None = None
    #: rule: hard_no | hard_yes | preferred.
    rule: str | None = None

    def describe(self) -> str:
        if self.kind == "swap":
            return f"swap {self.from_name} for {self.to_name} on {self.day.isoformat()}"
        if self.kind == "rule":
            return f"movement rule {self.rule} for {self.to_name}"
        return f"{self.action} the session on {self.day.isoformat()}"

    def label(self) -> str:
        if self.kind == "swap":
            return f"Swap to {self.to_name}"
        if self.kind == "rule":
            return RULE_LABELS[self.rule or "preferred"].format(name=self.to_name)
        return ACTION_LABELS.get(self.action or "", str(self.action))

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if v is not None}
        data["day"] = self.day.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        values = dict(data)
        values["day"] = dt.date.fromisoformat(values["day"])
        return cls(**values)

    def callback_args(self) -> tuple[str, ...]:
        day = self.day.strftime("%Y%m%d")
        if self.kind == "swap":
            return ("sw", day, str(self.from_movement_id), str(self.movement_id))
        if self.kind == "rule":
            code = next(c for c, r in RULE_CODES.items() if r == self.rule)
            return ("ru", day, str(self.movement_id), code)
        return ("ad", day, str(self.action))

    def button(self, secret: bytes, user_id: int) -> Button:
        return Button(self.label(), callbacks.sign(secret, user_id, "coach", *self.callback_args()))


def from_callback(args: tuple[str, ...]) -> Change | None:
    """The change a pressed button stands for (names filled in when applied); ``None`` if malformed."""
    try:
        kind, day = args[0], dt.datetime.strptime(args[1], "%Y%m%d").date()
        if kind == "sw" and len(args) == 4:
            return Change("swap", day, from_movement_id=int(args[2]), movement_id=int(args[3]))
        if kind == "ru" and len(args) == 4 and args[3] in RULE_CODES:
            return Change("rule", day, movement_id=int(args[2]), rule=RULE_CODES[args[3]])
        if kind == "ad" and len(args) == 3 and args[2] in ADJUST_ACTIONS:
            return Change("adjust", day, action=args[2])
    except (ValueError, IndexError):
        return None
    return None


def keep_button(secret: bytes, user_id: int) -> Button:
    return Button("Keep the plan", callbacks.sign(secret, user_id, "coach", "keep"))
