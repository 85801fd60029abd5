"""Plan changes the coach proposes and the lifter accepts with a button (or a typed "yes").

Nothing the coach suggests — the model least of all — changes the plan on its own. A change is
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

Kind = Literal["swap", "adjust"]
ADJUST_ACTIONS = ("reduce", "easy", "move", "skip")

#: Button labels per adjustment; swaps are labelled with their replacement.
ACTION_LABELS = {
    "reduce": "Shorter session",
    "easy": "Make it easy",
    "move": "Move to tomorrow",
    "skip": "Rest today",
}


@dataclass(frozen=True)
class Change:
    kind: Kind
    day: dt.date
    session_exercise_id: int | None = None
    movement_id: int | None = None
    from_name: str | None = None
    to_name: str | None = None
    action: str | None = None

    def describe(self) -> str:
        if self.kind == "swap":
            return f"swap {self.from_name} for {self.to_name} on {self.day.isoformat()}"
        return f"{self.action} the session on {self.day.isoformat()}"

    def label(self) -> str:
        if self.kind == "swap":
            return f"Swap to {self.to_name}"
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
            return ("sw", day, str(self.session_exercise_id), str(self.movement_id))
        return ("ad", day, str(self.action))

    def button(self, secret: bytes, user_id: int) -> Button:
        return Button(self.label(), callbacks.sign(secret, user_id, "coach", *self.callback_args()))


def from_callback(args: tuple[str, ...]) -> Change | None:
    """The change a pressed button stands for; ``None`` for anything malformed."""
    try:
        if args[0] == "sw" and len(args) == 4:
            return Change(
                "swap",
                dt.datetime.strptime(args[1], "%Y%m%d").date(),
                session_exercise_id=int(args[2]),
                movement_id=int(args[3]),
            )
        if args[0] == "ad" and len(args) == 3 and args[2] in ADJUST_ACTIONS:
            return Change("adjust", dt.datetime.strptime(args[1], "%Y%m%d").date(), action=args[2])
    except (ValueError, IndexError):
        return None
    return None


def keep_button(secret: bytes, user_id: int) -> Button:
    return Button("Keep the plan", callbacks.sign(secret, user_id, "coach", "keep"))
