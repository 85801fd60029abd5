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
muscle still well short gets another exercise in a session with minutes to spare.

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
        # accessories go (least important first) — now, so the rest is sized on what stays.
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
                victim = max(droppable, key=lambda i: (i.drop_rank, i.order))
                self._set(victim, PEAK, 0)
                self._set(victim, FIRST, 0)
            else:
                return

    def _raise_peak(self) -> None:
        """Sets at the biggest week: first enough for the first week to reach its target (MEV),
        paid for if need be with main lifts' climb; then on toward the biggest week's target."""
        by_muscle: dict[PrimaryMuscle, list[Item]] = defaultdict(list)
        for session in self.sessions:
            for item in session.items:
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
            # Only sessions of the week that is measured count (a rotation leaves some out).
            items = [i for i in by_muscle[muscle] if self.owner[id(i)].weights[phase] > 0]
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
            else:
                exhausted.add(muscle)

    def _trade(self, items: Sequence[Item], *, deep: bool) -> bool:
        """A set for one of ``items``, paid for by main lifts' sets (see ``_make_room``)."""
        for item in sorted(items, key=lambda i: (i.sets[PEAK], i.order)):
            if item.sets[PEAK] < item.cap and self._make_room(
                self.owner[id(item)], item, item.sets[PEAK] + 1, deep=deep
            ):
                self._set(item, PEAK, item.sets[PEAK] + 1)
                return True
        return False

    def _make_room(self, session: Session, item: Item, sets: int, *, deep: bool) -> bool:
        """Whether ``item`` can have ``sets`` sets at the peak, once main lifts give up sets of
        their climb for it.

        For an MRV in the way: a main lift that loads the blocking muscle (lifts whose own muscle
        it is first) and whose own muscle stays at or above its target without the set — a row's
        fifth set is worth less than side delts' MEV when rows alone take the upper back to its
        MRV. A lift gives up at most the climb ``trim_to`` allows, or, when the set is what gets
        a muscle to its MEV at all (``deep``), its whole climb; only then may the session's own
        main lifts also give up climb for minutes (supersets having been tried first).
        """
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
                if not options:
                    return False
                choice = max(
                    options,
                    key=lambda i, m=muscle: (i.credit[0][0] == m, i.sets[PEAK] - (i.trim_to or 0), i.order),
                )
                if all(c is not choice for c in cuts):
                    cuts.append(choice)
            for main in cuts:
                self._cut(main)
        return False

    def _add_exercise(self, muscle: PrimaryMuscle, *, deep: bool) -> Item | None:
        """One more exercise for ``muscle`` where a session that trains it has the minutes."""
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
        for session in hosts:
            for item in session.propose(muscle):
                floor = item.floor
                item.sets = [0, 0]
                self.owner[id(item)] = session
                session.items.append(item)
                if not self._make_room(session, item, floor, deep=deep):
                    session.items.pop()
                    continue
                session.accept(item)
                self._set(item, PEAK, floor)
                self._set(item, FIRST, floor)
                return item
        return None

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
