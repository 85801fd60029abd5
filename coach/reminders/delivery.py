"""Delivering due reminders exactly once: claim, compose, send, record.

Transport-free: a ``Sender`` (``bot/reminders.py`` implements it with python-telegram-bot)
turns a ``Reply`` into a message and says how it went. Every step that matters is its own
short transaction:

1. claim a batch (reservations with a lease; see ``db.repositories.reminders``);
2. compose each reminder in the lifter's voice (in bulk where the composer can, otherwise one
   unit of work per lifter);
3. per message: record the attempt, call Telegram, record the outcome.

Never twice wins over at least once: once step 3 has recorded an attempt, only Telegram's own
answer can lead to another try. A sender that dies mid-send leaves a reminder that is not
resent; one that dies before sending leaves a reservation that another sender takes over.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coach.deps import CoachDeps
from coach.reminders.due import claim_batch, current_slots
from coach.reminders.policy import ReminderPolicy
from coach.replies import Reply
from db.models import User
from db.repositories import Repositories
from db.repositories.reminders import Claim
from db.uow import unit_of_work

log = logging.getLogger(__name__)

SendStatus = Literal["delivered", "retry", "blocked", "rejected", "unknown"]


@dataclass(frozen=True)
class SendResult:
    """What became of one message, in the terms that decide whether to try again.

    - ``delivered``: Telegram accepted it (``message_id``).
    - ``retry``: definitely not delivered, worth another try (429 with ``retry_after``,
      5xx, no connection).
    - ``blocked``: the lifter blocked the bot (403); nothing more goes to them.
    - ``rejected``: definitely not delivered and never will be as it is (400 and the like).
    - ``unknown``: the request may have reached Telegram (a read timeout): not resent.

    ``stop`` asks the run to end (Telegram refused the token: every other send would fail).
    """

    status: SendStatus
    message_id: int | None = None
    retry_after: float | None = None
    error: str | None = None
    stop: bool = False


class Sender(Protocol):
    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        """Send one message; never raises for anything Telegram or the network did."""
        ...


@dataclass(frozen=True)
class Composed:
    """A composed reminder, or the reason there is nothing worth sending today."""

    reply: Reply | None
    reason: str = ""


class Composer(Protocol):
    """Composes reminders: in bulk where it can (``quick``), one lifter at a time otherwise (``full``)."""

    async def quick(
        self,
        repos: Repositories,
        deps: CoachDeps,
        batch: Sequence[tuple[Claim, User]],
        policy: ReminderPolicy,
    ) -> Mapping[int, Composed]:
        """What it can compose for the batch without per-lifter work, by claim id."""
        ...

    async def full(
        self,
        repos: Repositories,
        deps: CoachDeps,
        user: User,
        kind: str,
        day: dt.date,
        policy: ReminderPolicy,
    ) -> Composed:
        """One reminder, in the lifter's own unit of work (which holds their lock)."""
        ...


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    blocked: int = 0
    failed: int = 0
    unknown: int = 0
    #: Why the run ended early, when it did (e.g. the bot token was refused).
    stopped: str | None = None
    #: Another sender kept the sending turn for longer than this run was willing to wait.
    busy: bool = False

    @property
    def idle(self) -> bool:
        """Nothing happened: no reminder was due."""
        return not (self.sent or self.skipped or self.blocked or self.failed or self.unknown or self.stopped)

    def summary(self) -> str:
        """``sent 3 reminders (1 skipped, 1 blocked)`` — what ``gainsly remind`` prints."""
        details = [
            f"{n} {label}"
            for n, label in (
                (self.skipped, "skipped"),
                (self.blocked, "blocked"),
                (self.failed, "failed"),
                (self.unknown, "unconfirmed"),
            )
            if n
        ]
        text = f"sent {self.sent} reminder{'' if self.sent == 1 else 's'}"
        return f"{text} ({', '.join(details)})" if details else text


@dataclass(frozen=True)
class Prepared:
    claim: Claim
    chat_id: int
    reply: Reply


@dataclass
class _Run:
    factory: async_sessionmaker[AsyncSession]
    deps: CoachDeps
    sender_id: str
    policy: ReminderPolicy
    compose: Composer
    report: DeliveryReport = field(default_factory=DeliveryReport)

    def now(self) -> dt.datetime:
        return self.deps.clock.now()


@asynccontextmanager
async def _sending_turn(factory: async_sessionmaker[AsyncSession], wait: float | None) -> AsyncIterator[bool]:
    """Hold the sending turn for one batch; ``False`` if it stayed taken for ``wait`` seconds."""
    deadline = None if wait is None else time.monotonic() + wait
    async with unit_of_work(factory) as repos:
        reminders = repos.reminders
        while not await reminders.try_sending_turn():
            if deadline is not None and time.monotonic() >= deadline:
                yield False
                return
            await asyncio.sleep(0.1)
        yield True


async def deliver_due(
    factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    sender: Sender,
    *,
    sender_id: str,
    compose: Composer,
    policy: ReminderPolicy | None = None,
    turn_wait: float | None = None,
) -> DeliveryReport:
    """Send every reminder due at ``deps.clock.now()`` that has not gone out yet.

    ``turn_wait`` bounds how long to wait while another sender holds the sending turn (the
    bot's per-minute tick gives up and tries again next minute; ``gainsly remind`` waits).
    """
    run = _Run(factory, deps, sender_id, policy or ReminderPolicy.from_heuristics(deps.heuristics), compose)
    started = run.now()
    async with unit_of_work(factory) as repos:
        reminders = repos.reminders
        abandoned = await reminders.abandon_dead_sends(now=started)
        if abandoned:
            log.warning("reminders: %d sends were cut off mid-flight earlier; not resending them", abandoned)
        await reminders.expire_stale(before=started - run.policy.catch_up)
        slots = await current_slots(repos, started, run.policy)
    while run.report.stopped is None:
        async with _sending_turn(factory, turn_wait) as mine:
            if not mine:
                run.report.busy = True
                break
            async with unit_of_work(factory) as repos:
                claims = await claim_batch(
                    repos,
                    slots,
                    policy=run.policy,
                    now=run.now(),
                    sender=sender_id,
                    limit=run.policy.batch_size,
                )
            if not claims:
                break
            # What composes in bulk goes out first; lifters whose day ``coach.today`` must
            # work out (slower) follow, so one lifter's missed week delays nobody else.
            quick, rest = await _prepare_quickly(run, claims)
            await _send_all(run, sender, quick)
            if rest and run.report.stopped is None:
                await _send_all(run, sender, await _prepare_each(run, rest))
    return run.report


async def _send_all(run: _Run, sender: Sender, items: Sequence[Prepared]) -> None:
    for item in items:
        if run.report.stopped is not None:
            return
        await _send(run, sender, item)


async def prepare_batch(
    factory: async_sessionmaker[AsyncSession],
    deps: CoachDeps,
    claims: Sequence[Claim],
    *,
    sender_id: str,
    compose: Composer,
    policy: ReminderPolicy,
) -> list[Prepared]:
    """Compose claimed reminders ready to send; those with nothing to say are settled as skipped."""
    run = _Run(factory, deps, sender_id, policy, compose)
    return await _prepare(run, claims)


async def _prepare(run: _Run, claims: Sequence[Claim]) -> list[Prepared]:
    """Compose a batch: in bulk in one unit of work, then the rest a few lifters at a time."""
    prepared, rest = await _prepare_quickly(run, claims)
    return prepared + await _prepare_each(run, rest)


async def _prepare_each(run: _Run, claims: Sequence[Claim]) -> list[Prepared]:
    gate = asyncio.Semaphore(max(1, run.policy.render_concurrency))

    async def one(claim: Claim) -> Prepared | None:
        async with gate:
            return await _compose(run, claim)

    results = await asyncio.gather(*(one(c) for c in claims))
    return [p for p in results if p is not None]


async def _prepare_quickly(run: _Run, claims: Sequence[Claim]) -> tuple[list[Prepared], list[Claim]]:
    """The bulk pass: settles unreachable lifters and whatever ``Composer.quick`` can compose."""
    prepared: list[Prepared] = []
    rest: list[Claim] = []
    skipped = 0
    try:
        async with unit_of_work(run.factory) as repos:
            users = await repos.reminders.recipients([c.user_id for c in claims])
            batch: list[tuple[Claim, User]] = []
            for claim in claims:
                user = users.get(claim.user_id)
                if user is None or user.telegram_chat_id is None or user.blocked_at is not None:
                    await repos.reminders.mark_skipped(
                        claim.id, sender=run.sender_id, reason="lifter not reachable"
                    )
                    run.report.skipped += 1
                else:
                    batch.append((claim, user))
            composed = await run.compose.quick(repos, run.deps, batch, run.policy)
            for claim, user in batch:
                result = composed.get(claim.id)
                if result is None:
                    rest.append(claim)
                elif result.reply is None:
                    await repos.reminders.mark_skipped(claim.id, sender=run.sender_id, reason=result.reason)
                    skipped += 1
                else:
                    assert user.telegram_chat_id is not None
                    prepared.append(Prepared(claim, user.telegram_chat_id, result.reply))
    except Exception:
        log.exception("reminders: composing a batch of %d in bulk failed; one by one instead", len(claims))
        return [], list(claims)
    run.report.skipped += skipped
    return prepared, rest


async def _compose(run: _Run, claim: Claim) -> Prepared | None:
    try:
        async with unit_of_work(run.factory) as repos:
            reminders = repos.reminders
            await repos.users.lock(claim.user_id)
            user = await repos.users.get(claim.user_id)
            if user is None or user.telegram_chat_id is None or user.blocked_at is not None:
                await reminders.mark_skipped(claim.id, sender=run.sender_id, reason="lifter not reachable")
                run.report.skipped += 1
                return None
            composed = await run.compose.full(repos, run.deps, user, claim.kind, claim.local_date, run.policy)
            if composed.reply is None:
                await reminders.mark_skipped(claim.id, sender=run.sender_id, reason=composed.reason)
                run.report.skipped += 1
                return None
            return Prepared(claim, user.telegram_chat_id, composed.reply)
    except Exception as exc:
        log.exception("reminders: composing %s for user %s failed", claim.kind, claim.user_id)
        async with unit_of_work(run.factory) as repos:
            reminders = repos.reminders
            now = run.now()
            if await reminders.begin_attempt(
                claim.id, sender=run.sender_id, now=now, lease=run.policy.in_flight_lease
            ):
                await reminders.mark_failed(
                    claim.id,
                    sender=run.sender_id,
                    error=f"could not compose: {exc.__class__.__name__}",
                    retry_at=now + run.policy.retry_backoff,
                )
        run.report.failed += 1
        return None


async def _send(run: _Run, sender: Sender, item: Prepared) -> None:
    """Attempt, send, record; again after a 429 while attempts remain."""
    claim = item.claim
    while True:
        async with unit_of_work(run.factory) as repos:
            attempt = await repos.reminders.begin_attempt(
                claim.id, sender=run.sender_id, now=run.now(), lease=run.policy.in_flight_lease
            )
        if attempt is None:  # another sender took it over while we were slow: theirs now
            return
        result = await sender.send(item.chat_id, item.reply)
        if result.stop:
            run.report.stopped = result.error or "the sender stopped"
        if result.status == "delivered":
            await _record_sent(run, claim, result.message_id)
            return
        again = (
            result.status == "retry"
            and result.retry_after is not None
            and attempt < run.policy.max_attempts
            and not result.stop
        )
        await _record_failure(run, claim, result, final=not again)
        if not again:
            return


async def _record_sent(run: _Run, claim: Claim, message_id: int | None) -> None:
    """Telegram accepted it: record that, trying hard, because a lost record is a lost reminder
    at worst (the row stays in flight and is then closed as unconfirmed, never resent)."""
    for pause in (0.2, 1.0, 3.0, None):
        try:
            async with unit_of_work(run.factory) as repos:
                await repos.reminders.mark_sent(claim.id, now=run.now(), message_id=message_id)
            run.report.sent += 1
            return
        except Exception:
            if pause is None:
                log.exception("reminders: delivery %s was sent but could not be recorded", claim.id)
                run.report.unknown += 1
                return
            await asyncio.sleep(pause)


async def _record_failure(run: _Run, claim: Claim, result: SendResult, *, final: bool) -> None:
    """Record why a send failed; ``final`` when this run will not try it again."""
    error = result.error or result.status
    now = run.now()
    async with unit_of_work(run.factory) as repos:
        reminders = repos.reminders
        if result.status == "blocked":
            await repos.users.mark_blocked(claim.user_id, now)
            await reminders.mark_skipped(claim.id, sender=run.sender_id, reason=f"blocked: {error}")
            run.report.blocked += 1
        elif result.status == "retry":
            wait = (
                dt.timedelta(seconds=result.retry_after) if result.retry_after else run.policy.retry_backoff
            )
            await reminders.mark_failed(claim.id, sender=run.sender_id, error=error, retry_at=now + wait)
            run.report.failed += int(final)
        elif result.status == "unknown":
            await reminders.mark_failed(
                claim.id, sender=run.sender_id, error=f"outcome unknown: {error}", retry_at=None
            )
            run.report.unknown += 1
        else:
            await reminders.mark_failed(claim.id, sender=run.sender_id, error=error, retry_at=None)
            run.report.failed += 1
    log.warning("reminders: delivery %s (%s) not sent: %s", claim.id, result.status, error)
