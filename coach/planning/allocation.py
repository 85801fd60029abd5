"""Sets per exercise for a block: the week's volume targets shared out over its sessions.

Templates fix *what* each session holds; this decides *how many sets* each exercise gets in the
block's first week and in its biggest week (the weeks between climb in a straight line, see
``templates.spec_sets``). Main lifts keep the sets their goal dose gives them unless time or
recovery forces a trade; accessories are the volume dial.

The biggest week first. Every accessory starts at its floor. A session that does not fit its
minutes even then pairs antagonist accessories into supersets, then lets each main lift give up
one set of its climb, and only then drops accessories, least important first. Sets then go one
at a time to the muscle furthest below its target — to the exercise of that muscle with the
fewest sets, so they spread over the week's sessions — while the session keeps to its minutes
and set limits and no muscle passes its MRV. When an MRV that main lifts fill blocks a muscle
still short of its target, a main lift whose own muscle is over target gives up a set for it; a
muscle still well short gets another exercise in a session with minutes to spare (an accessory
a session dropped for time comes back first; failing all, an accessory for a muscle at its MRV
and over its target makes way). A muscle that only a full session can still train takes a set
from an accessory there whose muscles need it less; an accessory that a secondary muscle at its
MRV holds back gives its place to one of the same pattern free of that muscle.

The first week then starts from the floors, rises to its own target (MEV, scaled) and, while a
session fills less than ``fill_share`` of its minutes, on toward the biggest week's volume —
``start_band`` of the way — so every muscle still has sets to add through the block.

Pure arithmetic on ``Item`` and ``Session``; the caller turns templates into them and back.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from db.enums import PrimaryMuscle

#: The first week and the block's biggest week.
FIRST, PEAK = 0, 1
PHASES = (FIRST, PEAK)

#: What stops a set: the session's minutes or set limit (main lifts can make room), the
#: per-session cap of one muscle (nothing can), or an MRV (listed muscles).
CLOCK, MUSCLE_CAP = "clock", "muscle cap"
Block = str | set[PrimaryMuscle]


@dataclass(slots=True, eq=False)
class Item:
    """One working exercise as the allocation sees it."""

    section: str
    #: Hard-set credit per set: (muscle, 1 for the primary muscle or the secondary credit).
    credit: tuple[tuple[PrimaryMuscle, float], ...]
    #: Seconds of one set in the first and in the biggest week.
    work: tuple[int, int]
    rest: int
    #: Seconds spent once on the exercise (moving to it, ramp-up sets).
    once: int
    #: Sets in the first and in the biggest week (main lifts: their goal dose).
    sets: list[int]
    floor: int
    cap: int
    #: The muscle it is there for; ``None`` for main lifts, whose sets follow their dose.
    muscle: PrimaryMuscle | None
    #: Order in which accessories give way when even their floors do not fit (higher first);
    #: ``None`` for what is never dropped.
    drop_rank: int | None
    order: int
    #: For main lifts: the fewest biggest-week sets a trade may leave (``None``: never trimmed).
    trim_to: int | None = None
    #: Cut straight to ``trim_to`` or not at all (a wave is done once or twice through).
    whole: bool = False
    #: An accessory that stands in for a movement pattern the session's design needs: only the
    #: minutes may drop it, never a trade for recovery.
    pattern: bool = False
    #: An accessory that meets one of the session's design needs (a pattern or a muscle).
    design: bool = False
    #: Superset group, once paired with an antagonist.
    group: int | None = None
    #: The caller's handle (a template spec).
    ref: Any = None

    @property
    def adjustable(self) -> bool:
        return self.muscle is not None

    def seconds(self, sets: int, phase: int) -> int:
        if sets <= 0:
            return 0
        return sets * self.work[phase] + (sets - 1) * self.rest + self.once


@dataclass(eq=False)
class Session:
    """One session slot of the block's week, with everything the allocation may not change."""

    items: list[Item]
    #: Seconds per section of the fixed parts (warm-up, power work, finisher …), per phase.
    fixed: tuple[Mapping[str, int], Mapping[str, int]]
    budget_minutes: int
    #: How many times it happens in the block's first week, and a week on average, and at most.
    weights: tuple[float, float]
    most: int
    #: Muscles it may add an exercise for.
    muscles: frozenset[PrimaryMuscle]
    #: Other accessories for a muscle (not yet part of the session), best first.
    propose: Callable[[PrimaryMuscle], Sequence[Item]]
    #: Make a proposed item part of the session.
    accept: Callable[[Item], None]
    #: Accessories that could stand in for one of the session's (same muscle, same pattern).
    alternatives: Callable[[Item], Sequence[Item]]
    #: Put a stand-in in the place of an accessory.
    swap: Callable[[Item, Item], None]
    #: The next free superset group number.
    next_group: int = 1
    seconds: list[dict[str, int]] = field(default_factory=list)
    hard_sets: int = 0
    credit: dict[PrimaryMuscle, float] = field(default_factory=lambda: defaultdict(float))
    paired: bool = False

    def minutes(self, phase: int, section: str | None = None, seconds: int = 0) -> int:
        """Minutes as the session estimate counts them, with ``section`` at ``seconds`` if given."""
        return sum(
            math.ceil((seconds if name == section else value) / 60)
            for name, value in self.seconds[phase].items()
        )


@dataclass(frozen=True, slots=True)
class Limits:
    sets_per_session: int
    sets_per_muscle_per_session: float
    exercises_per_session: int
    fill_share: float
    extra_exercise_gap: float
    transition_seconds: int
    superset_switch_seconds: int
    #: The fewest sets a main lift keeps.
    main_floor: int
    antagonists: Mapping[PrimaryMuscle, frozenset[PrimaryMuscle]]


@dataclass(frozen=True, slots=True)
class Targets:
    """Weekly hard sets per muscle: first week, biggest week, MRV and priority."""

    first: Mapping[PrimaryMuscle, float]
    peak: Mapping[PrimaryMuscle, float]
    mrv: Mapping[PrimaryMuscle, float]
    priority: Mapping[PrimaryMuscle, float]
    #: How far the first week may rise from its target toward the biggest week's volume to fill
    #: a short session (0 = not at all, 1 = all the way).
    start_band: float


def allocate(sessions: Sequence[Session], targets: Targets, limits: Limits) -> None:
    """Set every adjustable item's first-week and biggest-week sets (``item.sets``; 0 = dropped),
    trimmed main lifts' sets, and superset groups (``item.group``)."""
    _Allocation(sessions, targets, limits).run()


class _Allocation:
    def __init__(self, sessions: Sequence[Session], targets: Targets, limits: Limits) -> None:
        self.sessions, self.targets, self.limits = sessions, targets, limits
        #: Weekly credit per muscle in each phase (on average), and at most in one week.
        self.weekly: list[dict[PrimaryMuscle, float]] = [defaultdict(float), defaultdict(float)]
        self.most: dict[PrimaryMuscle, float] = defaultdict(float)
        #: The most the first week can reach: main lifts at their first-week sets, accessories at
        #: their biggest week's (the first week never has more sets than the biggest).
        self.reach: dict[PrimaryMuscle, float] = defaultdict(float)
        self.owner: dict[int, Session] = {}
        #: Every change of sets while ``_make_room`` searches (item, phase, sets before), so a
        #: search that fails can be undone.
        self.journal: list[tuple[Item, int, int]] | None = None
        #: Whether a search for room stopped at an MRV that no main lift, but an accessory for
        #: that muscle making way could relieve (only then is a search with ``relieve`` worth it).
        self.wants_relief = False
        for session in sessions:
            for item in session.items:
                if item.adjustable:
                    item.sets = [item.floor, item.floor]
                self.owner[id(item)] = session
                self._count(session, item, +1)
            session.seconds = [dict(session.fixed[phase]) for phase in PHASES]
            for phase in PHASES:
                for section in {i.section for i in session.items}:
                    session.seconds[phase][section] = self._section(session, phase, section)

    # ------------------------------------------------------------------ bookkeeping

    def _section(self, session: Session, phase: int, section: str) -> int:
        """Seconds of one section as ``timing.section_seconds`` counts them."""
        total = session.fixed[phase].get(section, 0)
        groups: dict[int, list[Item]] = defaultdict(list)
        for item in session.items:
            if item.section != section or item.sets[phase] <= 0:
                continue
            if item.group is None:
                total += item.seconds(item.sets[phase], phase)
            else:
                groups[item.group].append(item)
        for members in groups.values():
            rounds = max(i.sets[phase] for i in members)
            per_round = sum(i.work[phase] for i in members)
            per_round += self.limits.superset_switch_seconds * (len(members) - 1)
            rest = max(i.rest for i in members)
            total += rounds * per_round + (rounds - 1) * rest + self.limits.transition_seconds
        return total

    def _count(self, session: Session, item: Item, sign: int) -> None:
        """Add (``sign`` = 1) or remove (-1) the item's current sets from the volume totals."""
        for phase in PHASES:
            for muscle, share in item.credit:
                self.weekly[phase][muscle] += sign * item.sets[phase] * share * session.weights[phase]
        reach = item.sets[PEAK if item.adjustable else FIRST]
        for muscle, share in item.credit:
            self.reach[muscle] += sign * reach * share * session.weights[FIRST]
        peak = item.sets[PEAK]
        if item.credit:
            session.hard_sets += sign * peak
        for muscle, share in item.credit:
            session.credit[muscle] += sign * peak * share
            self.most[muscle] += sign * peak * share * session.most

    def _set(self, item: Item, phase: int, sets: int) -> None:
        session = self.owner[id(item)]
        if self.journal is not None:
            self.journal.append((item, phase, item.sets[phase]))
        self._count(session, item, -1)
        item.sets[phase] = sets
        self._count(session, item, +1)
        session.seconds[phase][item.section] = self._section(session, phase, item.section)

    def _fits(self, session: Session, item: Item, phase: int, sets: int) -> bool:
        """Whether ``item`` may have ``sets`` sets in ``phase`` (minutes; at the peak also set limits and MRV)."""
        return self._blocker(session, item, phase, sets) == set()

    def _blocker(self, session: Session, item: Item, phase: int, sets: int) -> Block:
        """What stops ``sets`` sets: ``CLOCK``, ``MUSCLE_CAP``, or the muscles whose MRV they would
        pass (an empty set: nothing)."""
        before = item.sets[phase]
        item.sets[phase] = sets
        seconds = self._section(session, phase, item.section)
        item.sets[phase] = before
        if session.minutes(phase, item.section, seconds) > session.budget_minutes:
            return CLOCK
        if phase == FIRST or not item.credit:
            return set()
        more = sets - before
        if session.hard_sets + more > self.limits.sets_per_session:
            return CLOCK
        over: set[PrimaryMuscle] = set()
        for muscle, share in item.credit:
            if session.credit[muscle] + more * share > self.limits.sets_per_muscle_per_session + 1e-9:
                return MUSCLE_CAP
            mrv = self.targets.mrv.get(muscle)
            if mrv is not None and self.most[muscle] + more * share * session.most > mrv + 1e-9:
                over.add(muscle)
        return over

    def _cut(self, main: Item) -> None:
        """One step down for a main lift: a set, or a wave's second time through."""
        self._set(
            main, PEAK, main.trim_to if main.whole and main.trim_to is not None else main.sets[PEAK] - 1
        )

    def _spare(self, session: Session) -> int:
        return session.budget_minutes - session.minutes(PEAK)

    def _pair(self, session: Session) -> bool:
        """Superset antagonist accessories (biceps with triceps, chest with back …) to save rests."""
        if session.paired:
            return False
        session.paired = True
        free = [i for i in session.items if i.adjustable and i.group is None and i.sets[PEAK] > 0]
        paired = False
        for a in free:
            if a.group is not None or a.muscle is None:
                continue
            partners = self.limits.antagonists.get(a.muscle, frozenset())
            b = next((b for b in free if b is not a and b.group is None and b.muscle in partners), None)
            if b is not None:
                a.group = b.group = session.next_group
                session.next_group += 1
                paired = True
        if paired:
            for phase in PHASES:
                session.seconds[phase]["accessory"] = self._section(session, phase, "accessory")
        return paired

    # ------------------------------------------------------------------ steps

    def run(self) -> None:
        self._fit_floors()
        self._raise_peak()
        self._settle_first()

    def _fit_floors(self) -> None:
        """Make every session fit its minutes and set limit with accessories at their floors."""
        for session in self.sessions:
            while (
                over_time := session.minutes(PEAK) > session.budget_minutes
            ) or session.hard_sets > self.limits.sets_per_session:
                if over_time and self._pair(session):
                    continue
                mains = [i for i in session.items if i.trim_to is not None and i.sets[PEAK] > i.trim_to]
                if mains:
                    self._cut(max(mains, key=lambda i: (i.sets[PEAK], i.order)))
                    continue
                droppable = [i for i in session.items if i.drop_rank is not None and i.sets[PEAK] > 0]
                if not droppable:
                    break
                victim = max(droppable, key=lambda i: (i.drop_rank, i.order))
                self._set(victim, PEAK, 0)
                self._set(victim, FIRST, 0)
        # Past an MRV already: main lifts give up their climb, then sets down to their floor, then
        # accessories go — now, so the rest is sized on what stays. Accessories there for the
        # muscle past its MRV go first (least important first): they relieve it most, and it has
        # all the volume it can recover from; an accessory that only touches it secondarily (an
        # overhead extension for a lifter whose core is over) would take a need of its own muscle
        # with it for half the relief. One that stands in for a movement pattern keeps its rank,
        # and when its turn comes, another of its pattern free of that muscle takes its place if
        # one fits: the session keeps the pattern its type needs.
        while True:
            over = sorted(
                (m for m, v in self.most.items() if v > self.targets.mrv.get(m, math.inf) + 1e-9),
                key=lambda m: m.value,
            )
            if not over:
                return
            loading = [i for s in self.sessions for i in s.items if any(m == over[0] for m, _ in i.credit)]
            climbing = [i for i in loading if i.trim_to is not None and i.sets[PEAK] > i.trim_to]
            lifts = [
                i
                for i in loading
                if i.trim_to is not None and not i.whole and i.sets[PEAK] > self.limits.main_floor
            ]
            droppable = [i for i in loading if i.drop_rank is not None and i.sets[PEAK] > 0]
            if climbing:
                self._cut(
                    max(
                        climbing,
                        key=lambda i: (i.credit[0][0] == over[0], i.sets[PEAK] - (i.trim_to or 0), i.order),
                    )
                )
            elif lifts:
                lift = max(lifts, key=lambda i: (i.sets[PEAK], i.order))
                self._set(lift, PEAK, lift.sets[PEAK] - 1)
                self._set(lift, FIRST, min(lift.sets[FIRST], lift.sets[PEAK]))
            elif droppable:
                victim = max(
                    droppable, key=lambda i: (i.muscle == over[0] and not i.pattern, i.drop_rank, i.order)
                )
                session = self.owner[id(victim)]
                if victim.pattern and self._substitute(session, victim, {over[0]}, grow=False) is not None:
                    continue
                self._set(victim, PEAK, 0)
                self._set(victim, FIRST, 0)
            else:
                return

    def _raise_peak(self) -> None:
        """Sets at the biggest week: first enough for the first week to reach its target (MEV),
        paid for if need be with main lifts' climb; then on toward the biggest week's target.

        Before that, an accessory of the session's design that did not fit at the main lifts'
        full climb comes back at its floor if the lifts' climb (all of it, as for MEV) pays for
        its minutes: a lifter who trains for size or strength gets the upper day's triceps work
        before the last set of the overhead press's climb."""
        by_muscle: dict[PrimaryMuscle, list[Item]] = defaultdict(list)
        for session in self.sessions:
            for item in session.items:
                if item.design and item.sets[PEAK] == 0:
                    # What the session's design needs comes before the main lifts' climb.
                    self._place(session, item, item, deep=True, relieve=False, retry=[])
                if item.muscle is not None and item.sets[PEAK] > 0:
                    by_muscle[item.muscle].append(item)
        self._raise(by_muscle, self.targets.first, self.reach, deep=True)
        self._raise(by_muscle, self.targets.peak, self.weekly[PEAK], deep=False)

    def _raise(
        self,
        by_muscle: dict[PrimaryMuscle, list[Item]],
        goal: Mapping[PrimaryMuscle, float],
        level: Mapping[PrimaryMuscle, float],
        *,
        deep: bool,
    ) -> None:
        """Biggest-week sets, one at a time, to the muscle furthest below ``goal`` (measured by ``level``)."""
        exhausted: set[PrimaryMuscle] = set()
        while True:
            short = [
                (self.targets.priority.get(m, 1.0) * gap / target, m)
                for m, target in goal.items()
                if m not in exhausted and target > 0 and (gap := target - level[m]) > (1e-9 if deep else 0.25)
            ]
            if not short:
                return
            _, muscle = max(short, key=lambda p: (p[0], p[1].value))
            phase = FIRST if deep else PEAK
            # Only sessions of the week that is measured count (a rotation leaves some out); an
            # accessory dropped on the way comes back through ``_add_exercise`` only, at its floor.
            items = [
                i for i in by_muscle[muscle] if i.sets[PEAK] > 0 and self.owner[id(i)].weights[phase] > 0
            ]
            options = [
                i
                for i in items
                if i.sets[PEAK] < i.cap and self._fits(self.owner[id(i)], i, PEAK, i.sets[PEAK] + 1)
            ]
            if options:
                best = min(options, key=lambda i: (i.sets[PEAK], -self._spare(self.owner[id(i)]), i.order))
                self._set(best, PEAK, best.sets[PEAK] + 1)
                continue
            if self._trade(items, deep=deep):
                continue
            gap = goal[muscle] - level[muscle]
            added = (
                self._add_exercise(muscle, deep=deep)
                if deep or gap >= self.limits.extra_exercise_gap
                else None
            )
            if added is not None:
                by_muscle[muscle].append(added)
            elif self._rebalance(items, goal, level):
                continue
            elif (swapped := self._stand_in(items)) is not None:
                old, new = swapped
                by_muscle[muscle] = [new if i is old else i for i in by_muscle[muscle]]
            else:
                exhausted.add(muscle)

    def _rebalance(
        self,
        items: Sequence[Item],
        goal: Mapping[PrimaryMuscle, float],
        level: Mapping[PrimaryMuscle, float],
    ) -> bool:
        """A set for one of ``items`` in a session that is full (its minutes or its set limit),
        paid for by a set there whose muscles need it less: an accessory's above its floor, or a
        set of a main lift's climb (``trim_to``, as for minutes and recovery).

        Sets go out one at a time, so a session fills up with whatever was furthest behind while
        it still had room; a muscle that only that session can still train (its exercise in
        another session at its cap, no second curl in one session, every compound for it loading
        a muscle at its MRV) would then stay short while the session holds sets that other
        muscles need less. A move is made only if every muscle it touches ends up less short
        (priority-weighted share of ``goal``) than the neediest of them was before, so no set
        ever moves back and the loop ends; it never takes a muscle's first-week reach below its
        target, which the earlier pass secured.
        """
        priority = self.targets.priority

        def need(muscles: set[PrimaryMuscle]) -> float:
            return max(
                (
                    priority.get(m, 1.0) * (goal[m] - level[m]) / goal[m]
                    for m in muscles
                    if goal.get(m, 0.0) > 0
                ),
                default=-math.inf,
            )

        best: tuple[float, int, int, Item, Item] | None = None
        for item in items:
            session = self.owner[id(item)]
            if (
                item.sets[PEAK] >= item.cap
                or self._blocker(session, item, PEAK, item.sets[PEAK] + 1) != CLOCK
            ):
                continue
            for donor in session.items:
                if donor is item or donor.sets[PEAK] <= self._least(donor):
                    continue
                touched = {m for m, _ in (*item.credit, *donor.credit)}
                before = need(touched)
                self._set(donor, PEAK, donor.sets[PEAK] - 1)
                if all(
                    self.reach[m] >= self.targets.first.get(m, 0.0) - 1e-9 for m, _ in donor.credit
                ) and self._fits(session, item, PEAK, item.sets[PEAK] + 1):
                    self._set(item, PEAK, item.sets[PEAK] + 1)
                    after = need(touched)
                    self._set(item, PEAK, item.sets[PEAK] - 1)
                    option = (after, item.order, donor.order, item, donor)
                    if after < before - 1e-9 and (best is None or option[:3] < best[:3]):
                        best = option
                self._set(donor, PEAK, donor.sets[PEAK] + 1)
        if best is None:
            return False
        _, _, _, item, donor = best
        self._set(donor, PEAK, donor.sets[PEAK] - 1)
        self._set(item, PEAK, item.sets[PEAK] + 1)
        return True

    @staticmethod
    def _least(item: Item) -> int:
        """The fewest biggest-week sets a rebalance may leave: an accessory's floor, a main lift's
        ``trim_to`` (the climb it may give up); all it has for anything else (a wave, fixed work)."""
        if item.adjustable:
            return item.floor
        if item.trim_to is not None and not item.whole:
            return item.trim_to
        return item.sets[PEAK]

    def _stand_in(self, items: Sequence[Item]) -> tuple[Item, Item] | None:
        """Another accessory in the place of one of ``items`` that a secondary muscle at its MRV
        keeps from growing (a Y-raise that also loads front delts the presses have filled): a
        plain lateral raise, free of that muscle, takes its sets and its place and can grow.
        Returns the old item and its stand-in; nothing changes if no stand-in fits as well."""
        for item in sorted(items, key=lambda i: (i.sets[PEAK], i.order)):
            if item.sets[PEAK] >= item.cap or item.drop_rank is None or item.muscle is None:
                continue
            session = self.owner[id(item)]
            blocked = self._blocker(session, item, PEAK, item.sets[PEAK] + 1)
            if not isinstance(blocked, set) or not blocked or item.muscle in blocked:
                continue
            other = self._substitute(session, item, blocked, grow=True)
            if other is not None:
                return item, other
        return None

    def _substitute(
        self, session: Session, item: Item, avoid: set[PrimaryMuscle], *, grow: bool
    ) -> Item | None:
        """An accessory of ``item``'s muscle and pattern that loads none of ``avoid``, in its
        place with its sets, if the session still keeps to its minutes, its per-muscle cap and
        every MRV (and, with ``grow``, has room for one more set of it); ``None`` and nothing
        changed otherwise."""
        for other in session.alternatives(item):
            if any(m in avoid for m, _ in other.credit):
                continue
            other.sets, other.group, other.drop_rank = list(item.sets), item.group, item.drop_rank
            self._exchange(session, item, other)
            if (
                all(session.minutes(phase) <= session.budget_minutes for phase in PHASES)
                and all(
                    self.most[m] <= self.targets.mrv.get(m, math.inf) + 1e-9
                    and session.credit[m] <= self.limits.sets_per_muscle_per_session + 1e-9
                    for m, _ in other.credit
                )
                and (not grow or self._fits(session, other, PEAK, other.sets[PEAK] + 1))
            ):
                session.swap(item, other)
                return other
            self._exchange(session, other, item)
        return None

    def _exchange(self, session: Session, old: Item, new: Item) -> None:
        """``new`` in the place of ``old``, with the totals and the minutes to match."""
        self._count(session, old, -1)
        index = next(i for i, x in enumerate(session.items) if x is old)
        session.items[index] = new
        self.owner[id(new)] = session
        self._count(session, new, +1)
        for phase in PHASES:
            for section in {old.section, new.section}:
                session.seconds[phase][section] = self._section(session, phase, section)

    def _trade(self, items: Sequence[Item], *, deep: bool) -> bool:
        """A set for one of ``items``, paid for by main lifts' sets (see ``_make_room``)."""
        for item in sorted(items, key=lambda i: (i.sets[PEAK], i.order)):
            if item.sets[PEAK] < item.cap and self._make_room(
                self.owner[id(item)], item, item.sets[PEAK] + 1, deep=deep
            ):
                self._set(item, PEAK, item.sets[PEAK] + 1)
                return True
        return False

    def _make_room(
        self, session: Session, item: Item, sets: int, *, deep: bool, relieve: bool = False
    ) -> bool:
        """Whether ``item`` can have ``sets`` sets at the peak, once main lifts give up sets of
        their climb for it.

        For an MRV in the way: a main lift that loads the blocking muscle (lifts whose own muscle
        it is first) and whose own muscle stays at or above its target without the set — a row's
        fifth set is worth less than side delts' MEV when rows alone take the upper back to its
        MRV. A lift gives up at most the climb ``trim_to`` allows, or, when the set is what gets
        a muscle to its MEV at all (``deep``), its whole climb; only then may the session's own
        main lifts also give up climb for minutes (supersets having been tried first).

        With ``relieve``, when no lift can, an accessory there for the muscle at its MRV gives up
        a set, or goes at its floor, if that muscle stays at or above its target without it: two
        core accessories on top of the squats', lunges' and presses' core work are worth less
        than a lat accessory for lats well short of theirs. The muscle stays within a set or two
        of its MRV, so recovery, not the design, is what sends the accessory.

        What fails leaves everything as it was: nothing gives up sets for a set that never comes.
        """
        outer, self.journal = self.journal, []
        found = self._room(session, item, sets, deep=deep, relieve=relieve)
        changes, self.journal = self.journal, None
        if not found:
            for other, phase, was in reversed(changes):
                self._set(other, phase, was)
        elif outer is not None:
            outer.extend(changes)
        self.journal = outer
        return found

    def _room(self, session: Session, item: Item, sets: int, *, deep: bool, relieve: bool) -> bool:
        """``_make_room``'s search; it may leave cuts behind when it fails."""
        for _ in range(8):
            blocked = self._blocker(session, item, PEAK, sets)
            if blocked == MUSCLE_CAP:
                return False
            if blocked == CLOCK:
                if not deep:
                    return False
                if self._pair(session):
                    continue
                climbing = [
                    i for i in session.items if i.trim_to is not None and i.sets[PEAK] > i.sets[FIRST]
                ]
                if not climbing:
                    return False
                self._cut(max(climbing, key=lambda i: (i.sets[PEAK] - i.sets[FIRST], i.order)))
                continue
            if not blocked:
                return True
            cuts: list[Item] = []
            for muscle in blocked:
                options = [
                    main
                    for s in self.sessions
                    for main in s.items
                    if main.trim_to is not None
                    and main.credit
                    and (deep or not main.whole)
                    and main.sets[PEAK] > (min(main.trim_to, main.sets[FIRST]) if deep else main.trim_to)
                    and any(m == muscle for m, _ in main.credit)
                    and self.weekly[PEAK][main.credit[0][0]] - s.weights[PEAK]
                    >= self.targets.peak.get(main.credit[0][0], math.inf)
                ]
                if options:
                    choice = max(
                        options,
                        key=lambda i, m=muscle: (
                            i.credit[0][0] == m,
                            i.sets[PEAK] - (i.trim_to or 0),
                            i.order,
                        ),
                    )
                else:
                    relief = self._relief(muscle, item)
                    if relief is None:
                        return False
                    if not relieve:
                        self.wants_relief = True
                        return False
                    choice = relief
                if all(c is not choice for c in cuts):
                    cuts.append(choice)
            for cut in cuts:
                if cut.adjustable:
                    self._give_up(cut)
                else:
                    self._cut(cut)
        return False

    def _give_up(self, accessory: Item) -> None:
        """One set less for an accessory, or none at all at its floor."""
        sets = accessory.sets[PEAK] - 1 if accessory.sets[PEAK] > accessory.floor else 0
        self._set(accessory, PEAK, sets)
        self._set(accessory, FIRST, min(accessory.sets[FIRST], sets))

    def _relief(self, muscle: PrimaryMuscle, item: Item) -> Item | None:
        """An accessory for ``muscle`` (at its MRV) that may give up a set (or go, at its floor,
        unless it stands in for a movement pattern) so ``item`` can have one: ``muscle`` keeps
        its biggest-week target and its first-week reach without it. Sets above a floor go
        before a whole accessory, the least important accessory first."""
        peak = self.targets.peak.get(muscle, math.inf)
        first = self.targets.first.get(muscle, math.inf)
        options = []
        for s in self.sessions:
            for acc in s.items:
                if acc is item or acc.muscle != muscle or acc.sets[PEAK] <= 0:
                    continue
                above = acc.sets[PEAK] > acc.floor
                if not above and (acc.drop_rank is None or acc.pattern):
                    continue
                lost = (1 if above else acc.sets[PEAK]) * dict(acc.credit).get(muscle, 0.0)
                if (
                    self.weekly[PEAK][muscle] - lost * s.weights[PEAK] >= peak - 1e-9
                    and self.reach[muscle] - lost * s.weights[FIRST] >= first - 1e-9
                ):
                    options.append((above, acc.drop_rank or 0, acc.order, acc))
        if not options:
            return None
        return max(options, key=lambda o: o[:3])[3]

    def _add_exercise(self, muscle: PrimaryMuscle, *, deep: bool) -> Item | None:
        """One more exercise for ``muscle`` where a session that trains it has the minutes.

        An accessory for the muscle that the session dropped (while it did not fit with its main
        lifts at their full climb, or for an MRV) comes back first, or one of its pattern in its
        place: it is the one the session's design chose, and while it sits there dropped no
        other exercise of its family may take its place. Only when no session can take one as
        things stand may an accessory for a muscle at its MRV make way (``_make_room``'s
        ``relieve``).
        """
        phase = FIRST if deep else PEAK
        hosts = sorted(
            (
                s
                for s in self.sessions
                if muscle in s.muscles
                and s.weights[phase] > 0
                and sum(1 for i in s.items if i.credit and i.sets[PEAK] > 0)
                < self.limits.exercises_per_session
            ),
            key=lambda s: -self._spare(s),
        )
        # Attempts that stopped at an MRV no main lift could relieve, to retry with ``relieve``.
        retry: list[tuple[Session, Item, Item | None]] = []
        for session in hosts:
            dropped = [i for i in session.items if i.muscle == muscle and i.sets[PEAK] == 0]
            for item in dropped:
                for candidate in (item, *session.alternatives(item)):
                    if self._place(session, candidate, item, deep=deep, relieve=False, retry=retry):
                        return candidate
            for candidate in session.propose(muscle):
                if self._place(session, candidate, None, deep=deep, relieve=False, retry=retry):
                    return candidate
        for session, candidate, dropped_item in retry:
            if self._place(session, candidate, dropped_item, deep=deep, relieve=True, retry=[]):
                return candidate
        return None

    def _place(
        self,
        session: Session,
        candidate: Item,
        dropped: Item | None,
        *,
        deep: bool,
        relieve: bool,
        retry: list[tuple[Session, Item, Item | None]],
    ) -> bool:
        """``candidate`` at its floor in ``session`` — a new exercise, or the ``dropped``
        accessory back (``candidate`` is ``dropped``) or one of its muscle and pattern in its
        place (a pushdown for an overhead extension that loads a core at its MRV) — if room can
        be made; nothing changes otherwise, and an attempt that only recovery blocked goes to
        ``retry``."""
        if dropped is None:
            candidate.sets = [0, 0]
            self.owner[id(candidate)] = session
            session.items.append(candidate)
        elif candidate is not dropped:
            candidate.sets, candidate.group, candidate.drop_rank = [0, 0], dropped.group, dropped.drop_rank
            self._exchange(session, dropped, candidate)
        self.wants_relief = False
        if self._make_room(session, candidate, candidate.floor, deep=deep, relieve=relieve):
            if dropped is None:
                session.accept(candidate)
            elif candidate is not dropped:
                session.swap(dropped, candidate)
            self._set(candidate, PEAK, candidate.floor)
            self._set(candidate, FIRST, candidate.floor)
            return True
        if dropped is None:
            session.items.pop()
        elif candidate is not dropped:
            self._exchange(session, candidate, dropped)
        if self.wants_relief and not relieve:
            retry.append((session, candidate, dropped))
        return False

    def _settle_first(self) -> None:
        """The first week: from the floors up to its target, then on to fill short sessions."""
        targets = self.targets
        live = [i for s in self.sessions for i in s.items if i.muscle is not None and i.sets[PEAK] > 0]
        for item in live:
            self._set(item, FIRST, min(item.floor, item.sets[PEAK]))
        exhausted: set[PrimaryMuscle] = set()
        while True:
            short = [
                ((target - self.weekly[FIRST][m]) / target, m)
                for m, target in targets.first.items()
                if m not in exhausted and target > 0 and self.weekly[FIRST][m] < target - 1e-9
            ]
            if not short:
                break
            _, muscle = max(short, key=lambda p: (p[0], p[1].value))
            options = [i for i in live if i.muscle == muscle and i.sets[FIRST] < i.sets[PEAK]]
            if not options:
                exhausted.add(muscle)
                continue
            best = max(options, key=lambda i: (i.sets[PEAK] - i.sets[FIRST], -i.order))
            self._set(best, FIRST, best.sets[FIRST] + 1)
        cap = {
            m: target + targets.start_band * max(0.0, self.weekly[PEAK][m] - target)
            for m, target in targets.first.items()
        }
        while True:
            pick: tuple[float, int, Item] | None = None
            for session in self.sessions:
                fill = session.minutes(FIRST) / session.budget_minutes
                if fill >= self.limits.fill_share:
                    continue
                for item in session.items:
                    if (
                        item.muscle is not None
                        and 0 < item.sets[FIRST] < item.sets[PEAK]
                        and self.weekly[FIRST][item.muscle] < cap.get(item.muscle, 0.0) - 1e-9
                        and self._fits(session, item, FIRST, item.sets[FIRST] + 1)
                    ):
                        room = item.sets[PEAK] - item.sets[FIRST]
                        option = (fill - 0.01 * room, item.order, item)
                        if pick is None or option[:2] < pick[:2]:
                            pick = option
            if pick is None:
                return
            item = pick[2]
            self._set(item, FIRST, item.sets[FIRST] + 1)
