"""One update being handled: the lifter, their dialogue state, and the replies being built.

Handlers receive a ``Turn`` and add replies to it; the engine opened its unit of work, holds
the lifter's lock, and at the end saves the dialogue state and records both sides of the
exchange. Buttons are signed here, for this lifter, so a handler cannot forget to.

A turn whose answer needs the model (``awaiting``) is finished in two units of work: the
lifter's side first, the coach's after the model call (``resumed``).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach import callbacks
from coach.catalog import Catalog
from coach.clock import local_today
from coach.conversation.incoming import Incoming
from coach.deps import CoachDeps
from coach.persona import Lines, speak
from coach.replies import Button, Reply, keyboard
from db.enums import PersonaTone
from db.models import ChatState, User
from db.repositories import Repositories
from db.repositories.chat import Entered

if TYPE_CHECKING:
    from coach.assistant import Consultation

#: Thread purposes (``conversation_threads.context_type``).
ONBOARDING, PROGRAM_SETUP, DAILY, CHECK_IN, FREE_CHAT = (
    "onboarding",
    "program_setup",
    "daily_adaptation",
    "check_in",
    "free_chat",
)


@dataclass
class Turn:
    repos: Repositories
    deps: CoachDeps
    user: User
    state: ChatState
    incoming: Incoming
    now: dt.datetime
    replies: list[Reply] = field(default_factory=list)
    #: The thread this exchange belongs to; handlers set it to say what the talk is about.
    context: str = FREE_CHAT
    #: What the coach decided, as data: stored with the assistant turn.
    decided: dict[str, Any] = field(default_factory=dict)
    #: How the lifter's side is recorded (a pressed button's label rather than its signed data).
    said: str | None = None
    #: Set by /deleteme: the lifter and their history are gone, nothing more is written.
    erased: bool = False
    #: Thread purposes finished by this exchange: closed after it is recorded.
    closes: list[str] = field(default_factory=list)
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    #: The lifter has movements of their own; when not, their catalog is ``deps.catalog`` as is.
    owns_movements: bool = True
    #: A question only the model can answer, asked once this turn's unit of work has committed.
    awaiting: Awaiting | None = None

    def __post_init__(self) -> None:
        self.flow, self.step = self.state.flow, self.state.step
        self.data = copy.deepcopy(self.state.data_json or {})

    # --- who and when -------------------------------------------------------------------------
    @property
    def tone(self) -> PersonaTone:
        return self.user.persona_tone

    @property
    def today(self) -> dt.date:
        """The lifter's own calendar date: training days follow their timezone."""
        return local_today(self.user.timezone, self.now)

    @property
    def metric(self) -> bool:
        return self.user.settings is None or self.user.settings.use_metric

    @property
    def onboarded(self) -> bool:
        return self.user.onboarded_at is not None

    @property
    def known_catalog(self) -> Catalog | None:
        """The lifter's catalog when known without a query (no movements of their own), else ``None``."""
        return None if self.owns_movements else self.deps.catalog

    # --- what the coach says --------------------------------------------------------------------
    def button(self, label: str, action: str, *args: object) -> Button:
        return Button(label, callbacks.sign(self.deps.callback_secret, self.user.id, action, *args))

    def speak(self, lines: Lines, *, key: object = 0, **values: object) -> str:
        return speak(self.tone, lines, key=key, **values)

    def say(self, text: str, *rows: list[Button] | tuple[Button, ...], **options: Any) -> None:
        self.replies.append(Reply(text=text, buttons=keyboard(*rows), **options))

    def notice(self, text: str) -> None:
        """A short note: a toast on the pressed button in Telegram, a plain line elsewhere."""
        self.replies.append(Reply(text=text, extra={"notice": True}))

    def resumed(self, repos: Repositories, entered: Entered) -> Turn:
        """This exchange continued in a new unit of work, after the model call: the lifter and the
        dialogue state as they are now (another update of theirs may have run meanwhile), the
        replies and decisions so far."""
        return Turn(
            repos=repos,
            deps=self.deps,
            user=entered.user,
            state=entered.state,
            incoming=self.incoming,
            now=self.now,
            replies=list(self.replies),
            context=self.context,
            decided=dict(self.decided),
            said=self.said,
            closes=list(self.closes),
            owns_movements=entered.owns_movements,
            awaiting=self.awaiting,
        )

    # --- dialogue state ---------------------------------------------------------------------------
    def go(self, flow: str, step: str) -> None:
        self.flow, self.step = flow, step

    def end_flow(self) -> None:
        if self.flow is not None:
            self.data.pop(self.flow, None)
        self.flow, self.step = None, None

    def scratch(self, name: str) -> dict[str, Any]:
        """The flow's own corner of ``chat_states.data_json`` (created on first use)."""
        value = self.data.get(name)
        if not isinstance(value, dict):
            value = {}
            self.data[name] = value
        return value

    @property
    def state_changed(self) -> bool:
        return (self.flow, self.step, self.data) != (
            self.state.flow,
            self.state.step,
            self.state.data_json or {},
        )


@dataclass(frozen=True)
class Awaiting:
    """The model's answer still to come: what it is asked, and where in the replies it goes."""

    consultation: Consultation
    #: Index in ``Turn.replies`` of the placeholder the answer replaces (replies the handler
    #: added after it, such as a setup question asked again, stay after it).
    at: int
