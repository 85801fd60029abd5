"""From a lifter's profile to a full program: ``generate`` (pure and deterministic).

The steps, in order: check the profile against the library, blend the goals into doses, choose
the split, place enjoyable activities, then per block build one template per session slot,
order each microcycle's days, and realise every week from the templates. A last pass repairs
what only the calendar reveals (the same heavy pattern two days running), makes sure every
must-do movement appears as often as its rule says, fits each session into its minutes and
writes the coach's note in the lifter's voice.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from coach.catalog import Catalog, MovementInfo
from coach.errors import InvalidInput
from coach.persona import speak
from coach.planning import lines
from coach.planning.activities import ActivityLoad, shipped_activity_loads
from coach.planning.checks import check_profile, resolve_rules
from coach.planning.model import (
    WORKING_ROLES,
    PlannedExercise,
    PlannedMicrocycle,
    PlannedSession,
    ProgramPlan,
)
from coach.planning.prescription import GoalMix, doses_for
from coach.planning.progression import deload_rpe
from coach.planning.schedule import (
    ActivityPlan,
    Slot,
    SlotInfo,
    activity_dates,
    arrange_week,
    leg_dates,
    place_activities,
    session_keys,
)
from coach.planning.selection import (
    MAIN_PATTERNS,
    RankContext,
    RequiredMovement,
    accessory_candidates,
    build_pools,
    main_candidates,
    power_candidates,
)
from coach.planning.split import NON_STRENGTH, SplitChoice, choose_split
from coach.planning.templates import (
    Block,
    Frequency,
    Key,
    Settings,
    Spec,
    Template,
    build,
    build_block,
    deload_sets,
    prescribe,
    ramp_up_note,
    realize,
    shave,
)
from coach.planning.timing import fit_ceilings, minutes, section_seconds
from coach.planning.tunables import Tunables, tunables_for
from coach.planning.volume import muscle_credit
from coach.profile import Profile
from db.enums import (
    ExerciseRole,
    Goal,
    MovementRuleType,
    PersonaAggression,
    PrimaryMuscle,
    SessionType,
    SplitTemplate,
)

SPLIT_NAMES = {
    SplitTemplate.FULL_BODY: "full body",
    SplitTemplate.UPPER_LOWER: "upper/lower",
    SplitTemplate.PPL: "push/pull/legs",
    SplitTemplate.HYBRID: "hybrid",
}


def profile_seed(profile: Profile) -> int:
    """A seed derived from the profile itself (start date aside): same answers, same program."""
    data = profile.model_dump(mode="json", exclude={"start_date"})
    return zlib.crc32(json.dumps(data, sort_keys=True).encode()) & 0x7FFFFFFF


def default_duration(deload_every: int) -> int:
    """Whole blocks when possible: the longest multiple of the deload interval within 8–12 weeks."""
    fitting = [w for w in range(12, 7, -1) if w % deload_every == 0]
    return fitting[0] if fitting else 12


def generate(
    profile: Profile,
    catalog: Catalog,
    heuristics: Mapping[str, Any],
    *,
    seed: int | None = None,
    start_date: dt.date | None = None,
    activity_loads: Mapping[Any, ActivityLoad] | None = None,
) -> ProgramPlan:
    """The whole program for ``profile``. Raises ``InvalidInput`` for a profile that cannot work."""
    t = tunables_for(heuristics)
    start = start_date or profile.start_date
    if start is None:
        raise InvalidInput("start_date: a program needs a start date (YYYY-MM-DD)")
    rules = resolve_rules(profile, catalog)
    check_profile(profile, catalog, rules, t)
    return _Planner(
        profile, catalog, t, rules, seed if seed is not None else profile_seed(profile), start, activity_loads
    ).plan()


class _Planner:
    def __init__(
        self,
        profile: Profile,
        catalog: Catalog,
        t: Tunables,
        rules: Sequence[tuple[MovementInfo, MovementRuleType, Any]],
        seed: int,
        start: dt.date,
        activity_loads: Mapping[Any, ActivityLoad] | None,
    ) -> None:
        self.profile, self.catalog, self.t, self.seed, self.start = profile, catalog, t, seed, start
        self.mix = GoalMix({g.goal: g.weight for g in profile.goals if g.weight > 0})
        self.split: SplitChoice = choose_split(profile.days_per_week, profile.split_template, self.mix, t)
        self.style = profile.progression_style or t.default_progression(
            profile.experience_level, self.mix.top
        )
        self.every = profile.deload_every_n_microcycles
        self.weeks = profile.duration_weeks or default_duration(self.every)
        self.pools = build_pools(
            catalog, equipment=profile.equipment, experience=profile.experience_level, rules=rules, t=t
        )
        self.rank = RankContext(self.mix, profile.experience_level, self.style, seed, t, self.pools.preferred)
        self.day_numbers = t.training_days(profile.days_per_week)
        self.week_types = [self.split.week_types(w) for w in range(self.weeks)]
        self.loads = activity_loads or shipped_activity_loads(t.lower_muscles)
        self.settings = Settings(
            t=t,
            pools=self.pools,
            rank=self.rank,
            doses=doses_for(self.mix, t),
            mix=self.mix,
            style=self.style,
            experience=profile.experience_level,
            aggression=profile.persona_aggression,
            seed=seed,
            budget=profile.session_minutes,
            covering=self._covering(),
            finisher_keys=self._finishersession_keys(),
        )
        self.activities = self._place_activities()
        self.leg_dates = leg_dates(self.activities, start)
        self.activity_on = activity_dates(self.activities, start)
        self.min_gap = int(t.interference["min_days_between_hard_lower_and_leg_load"])

    # ------------------------------------------------------------------ setup

    def _covering(self) -> dict[PrimaryMuscle, float]:
        counts: dict[PrimaryMuscle, float] = defaultdict(float)
        for types in self.week_types:
            for stype in types:
                for muscle in self.t.session_muscles.get(stype, ()):
                    counts[muscle] += 1 / len(self.week_types)
        return dict(counts)

    def _finishersession_keys(self) -> frozenset[Key]:
        if self.mix.conditioning < int(self.t.selection["finisher_min_weight"]):
            return frozenset()
        types = self.week_types[0]
        keys = session_keys(types)
        cardio_days = sum(1 for s in types if s == SessionType.CARDIO)
        count = max(0 if cardio_days else 1, round(len(types) * self.mix.conditioning / 10) - cardio_days)
        strength = [k for k in keys if k[0] not in NON_STRENGTH]
        strength.sort(key=lambda k: (k[0] in self.t.lower_session_types, keys.index(k)))
        return frozenset(strength[:count])

    def _place_activities(self) -> list[ActivityPlan]:
        threshold = float(self.t.interference["hard_lower_activity_threshold"])
        wanted = []
        for spec in self.profile.enjoyable_activities:
            load = self.loads.get(spec.activity)
            heavy = load is not None and load.leg_load >= threshold
            wanted.append((spec.activity, spec.recommend_every_days, spec.custom_name, heavy))
        training = frozenset(d - 1 for d in self.day_numbers)
        lower = frozenset(
            d - 1
            for d, s in zip(self.day_numbers, self.week_types[0], strict=True)
            if s in self.t.lower_session_types
        )
        return place_activities(
            wanted, total_days=self.weeks * 7, training_weekdays=training, lower_weekdays=lower
        )

    # ------------------------------------------------------------------ the plan

    def plan(self) -> ProgramPlan:
        microcycles: list[PlannedMicrocycle] = []
        previous: list[tuple[dt.date, SlotInfo]] = []
        self.blocks: dict[int, tuple[Block, int]] = {}
        for b in range(math.ceil(self.weeks / self.every)):
            weeks = list(range(b * self.every, min((b + 1) * self.every, self.weeks)))
            has_deload = len(weeks) == self.every
            block = Block(index=b, accumulation_weeks=len(weeks) - (1 if has_deload else 0))
            cycles, previous = self._block(block, weeks, has_deload, previous)
            microcycles += cycles
        sessions = [s for m in microcycles for s in m.sessions]
        self._repair_heavy_days(sessions)
        self._honour_rules(microcycles)
        for cycle in microcycles:
            self._cap_week(cycle)
        for session in sessions:
            self._finish(session, microcycles)
        return self._program(microcycles)

    def _block(
        self, block: Block, weeks: list[int], has_deload: bool, previous: list[tuple[dt.date, SlotInfo]]
    ) -> tuple[list[PlannedMicrocycle], list[tuple[dt.date, SlotInfo]]]:
        keys = sorted(
            {k for w in weeks for k in session_keys(self.week_types[w])}, key=lambda k: (k[0].value, k[1])
        )
        assigned = self._assign_required(keys)
        normal = build_block(
            keys, self.settings, block, required=assigned, frequency=self._frequency(weeks, has_deload)
        )
        templates: dict[tuple[Key, bool, bool], Template] = {(k, False, False): v for k, v in normal.items()}

        def template(key: Key, light: bool = False, easy: bool = False) -> Template:
            index = (key, light, easy)
            if index not in templates:
                templates[index] = build(
                    key, self.settings, block, light=light, easy=easy, required=assigned.get(key, [])
                )
            return templates[index]

        def info(key: Key, light: bool = False, easy: bool = False) -> SlotInfo:
            chosen = template(key, light, easy)
            return SlotInfo(
                lower=key[0] in self.t.lower_session_types,
                hard_cardio=chosen.hard_cardio,
                heavy_patterns=chosen.high_cns_patterns(self.t),
            )

        strength_first = self.mix.weight(Goal.STRENGTH) >= self.mix.conditioning
        arranged: list[list[Slot]] = []
        # Weeks that look alike (same sessions, same activity days, same end of the week
        # before) are ordered alike: computed once, shifted to each week's dates.
        orders: dict[tuple[Any, ...], list[Slot]] = {}
        for w in weeks:
            week_start = self.start + dt.timedelta(days=7 * w)
            legs = tuple(sorted(o for d in self.leg_dates if -2 <= (o := (d - week_start).days) <= 8))
            before = tuple(
                sorted(((d - week_start).days, i) for d, i in previous if (week_start - d).days <= 2)
            )
            signature = (tuple(self.week_types[w]), legs, before)
            if signature not in orders:
                orders[signature] = arrange_week(
                    start=week_start,
                    day_numbers=self.day_numbers,
                    types=self.week_types[w],
                    info=info,
                    leg_dates=self.leg_dates,
                    previous=previous,
                    strength_first=strength_first,
                    min_gap_days=self.min_gap,
                )
                slots = orders[signature]
            else:
                shift = dt.timedelta(
                    days=(week_start - orders[signature][0].date).days + orders[signature][0].day_number - 1
                )
                slots = [replace(s, date=s.date + shift) for s in orders[signature]]
            arranged.append(slots)
            previous = [(s.date, info(s.key, s.light, s.easy)) for s in slots]
        self._cap_weekly_volume(arranged[: block.accumulation_weeks], template)

        cycles = []
        for position, (w, slots) in enumerate(zip(weeks, arranged, strict=True)):
            deload = has_deload and position == len(weeks) - 1
            week_start = self.start + dt.timedelta(days=7 * w)
            cycle = PlannedMicrocycle(sequence_number=w + 1, start_date=week_start, is_deload=deload)
            in_block = block.accumulation_weeks - 1 if deload else position
            for slot in slots:
                chosen = template(slot.key, slot.light, slot.easy)
                session = PlannedSession(
                    date=slot.date,
                    day_number=slot.day_number,
                    session_type=slot.key[0],
                    intent_tags=list(chosen.intent_tags) + (["deload"] if deload else []),
                    exercises=realize(chosen, self.settings, block, in_block, deload=deload),
                    main_circuit=chosen.main_circuit,
                    finisher_circuit=chosen.finisher_circuit,
                    key=slot.key,
                    circuit_seconds=dict(chosen.circuit_seconds),
                )
                if deload:
                    for exercise in session.exercises:
                        if exercise.role in WORKING_ROLES or exercise.role == ExerciseRole.SKILL:
                            exercise.ceiling = deload_sets(exercise.ceiling, self.t)
                cycle.sessions.append(session)
                self.blocks[id(session)] = (block, in_block)
            for offset in range(7):
                day = week_start + dt.timedelta(days=offset)
                for plan in self.activity_on.get(day, ()):
                    cycle.sessions.append(self._activity_session(plan, day, offset + 1))
            cycle.sessions.sort(key=lambda s: (s.date, s.is_activity))
            cycles.append(cycle)
        return cycles, previous

    def _frequency(self, weeks: Sequence[int], has_deload: bool) -> dict[Key, Frequency]:
        """How often each session slot comes round in the block's building weeks (a rotation
        may put a slot in some weeks only; a slot of the deload week alone counts zero)."""
        building = weeks[:-1] if has_deload and len(weeks) > 1 else weeks
        counts: dict[Key, list[int]] = defaultdict(lambda: [0] * len(building))
        for i, w in enumerate(building):
            for key in session_keys(self.week_types[w]):
                counts[key][i] += 1
        for w in weeks:
            for key in session_keys(self.week_types[w]):
                counts.setdefault(key, [0] * len(building))
        return {key: (c[0], sum(c) / len(c), max(c)) for key, c in counts.items()}

    def _assign_required(self, keys: Sequence[Key]) -> dict[Key, list[MovementInfo]]:
        """HARD_YES movements go into the session slot that suits them best, once per block."""
        out: dict[Key, list[MovementInfo]] = defaultdict(list)
        strength = [k for k in keys if k[0] not in NON_STRENGTH]
        if not strength:
            return out
        for req in self.pools.required:
            if req.rule != MovementRuleType.HARD_YES:
                continue
            m = req.movement

            def score(key: Key, m: MovementInfo = m) -> tuple[float, int]:
                stype, variant = key
                slots = self.t.main_slots[stype][variant % len(self.t.main_slots[stype])]
                muscles = self.t.session_muscles[stype]
                value = 3.0 * (m.pattern in slots) + 2.0 * (m.primary_muscle in muscles)
                value += 0.5 * len(set(m.secondary_muscles) & set(muscles)) - 0.7 * len(out[key])
                return value, -keys.index(key)

            out[max(strength, key=score)].append(m)
        return out

    def _cap_weekly_volume(self, weeks: Sequence[Sequence[Slot]], template: Any) -> None:
        """No muscle over its MRV in any week of the block (ceilings are shared by every week)."""
        for slots in weeks:
            pairs: list[tuple[PlannedExercise, Spec]] = []
            for slot in slots:
                for spec in template(slot.key, slot.light, slot.easy).specs:
                    exercise = PlannedExercise(
                        spec.movement,
                        spec.role,
                        spec.ceiling,
                        required=spec.required,
                        ceiling=spec.ceiling,
                        slot=spec.slot,
                    )
                    exercise.order = spec.order
                    pairs.append((exercise, spec))
            exercises = [p[0] for p in pairs]
            reference = {id(e): spec.reference for e, spec in pairs}
            for _ in range(400):
                credit = muscle_credit(
                    [PlannedExercise(e.movement, e.role, e.ceiling) for e in exercises],
                    self.t.secondary_credit,
                )
                over = [
                    m
                    for m, v in credit.items()
                    if m in self.t.landmarks and v > self.t.landmarks[m].mrv + 1e-9
                ]
                if not over or not shave(
                    exercises, self.t, reference, muscle=over[0], drop=True, to_one=True
                ):
                    break
            for exercise, spec in pairs:
                spec.ceiling = min(spec.ceiling, exercise.ceiling)

    def _cap_week(self, cycle: PlannedMicrocycle) -> None:
        """A last MRV check on the finished week (repairs and added must-dos change its sums)."""
        exercises = [e for s in cycle.sessions for e in s.exercises]
        for _ in range(400):
            # Ceilings, not sets: the cap must not depend on the persona's aggression.
            credit = muscle_credit(
                [PlannedExercise(e.movement, e.role, e.ceiling) for e in exercises], self.t.secondary_credit
            )
            over = [
                m for m, v in credit.items() if m in self.t.landmarks and v > self.t.landmarks[m].mrv + 1e-9
            ]
            if not over or not shave(exercises, self.t, {}, muscle=over[0], drop=True, to_one=True):
                return

    def _activity_session(self, plan: ActivityPlan, day: dt.date, day_number: int) -> PlannedSession:
        load = self.loads.get(plan.activity)
        name = plan.custom_name or (load.name if load else plan.activity.value.replace("_", " ").title())
        minutes_planned = int(self.t.interference["activity_minutes"])
        session = PlannedSession(
            date=day,
            day_number=day_number,
            session_type=load.session_type if load else SessionType.CUSTOM,
            intent_tags=["activity", plan.activity.value] + (["leg_load"] if plan.leg_heavy else []),
            activity=plan.activity,
        )
        session.section_minutes = {"main": minutes_planned}
        session.coach_notes = speak(
            self.profile.persona_tone, lines.ACTIVITY, key=day, activity=name, minutes=minutes_planned
        )
        return session

    # ------------------------------------------------------------------ repairs

    def _heavy(self, session: PlannedSession) -> dict[Any, PlannedExercise]:
        return {
            e.movement.pattern: e
            for e in session.exercises
            if e.movement.cns_load in self.t.high_cns
            and e.role not in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)
        }

    def _alternative(self, session: PlannedSession, exercise: PlannedExercise) -> MovementInfo | None:
        names = {e.movement.name for e in session.exercises}
        groups = {e.movement.substitution_group for e in session.exercises if e is not exercise}
        if exercise.role == ExerciseRole.SKILL:
            lower = (
                exercise.movement.primary_muscle in self.t.lower_muscles
                or exercise.movement.pattern in self.t.lower_patterns
            )
            options = power_candidates(
                self.pools, self.rank, lower=lower, variety_key=("repair", session.date)
            )
        elif exercise.role == ExerciseRole.MAIN and exercise.movement.pattern in MAIN_PATTERNS:
            options = main_candidates(self.pools, exercise.movement.pattern, self.rank)
        else:
            options = accessory_candidates(
                self.pools, exercise.movement.primary_muscle, self.rank, ("repair",)
            )
        if exercise.role == ExerciseRole.MAIN and exercise.movement.pattern in MAIN_PATTERNS:
            options = options + accessory_candidates(
                self.pools, exercise.movement.primary_muscle, self.rank, ("repair",)
            )
        return next(
            (
                m
                for m in options
                if m.cns_load not in self.t.high_cns
                and m.name not in names
                and (m.substitution_group is None or m.substitution_group not in groups)
                and m.metric_type == exercise.movement.metric_type
            ),
            None,
        )

    def _replace(self, session: PlannedSession, exercise: PlannedExercise, why: str) -> bool:
        alternative = self._alternative(session, exercise)
        if alternative is None:
            session.exercises.remove(exercise)
            session.adjustments.append(f"no {exercise.movement.name} today: {why}")
            return True
        session.adjustments.append(f"{alternative.name} instead of {exercise.movement.name}: {why}")
        exercise.movement = alternative
        exercise.required = False
        return True

    def _repair_heavy_days(self, sessions: Sequence[PlannedSession]) -> None:
        """No high-CNS lift of the same pattern on two consecutive days."""
        lifting = sorted((s for s in sessions if not s.is_activity), key=lambda s: s.date)
        by_date: dict[dt.date, list[PlannedSession]] = defaultdict(list)
        for s in lifting:
            by_date[s.date].append(s)
        for session in lifting:
            for before in by_date.get(session.date - dt.timedelta(days=1), ()):
                heavy_before = self._heavy(before)
                for pattern, exercise in list(self._heavy(session).items()):
                    if pattern not in heavy_before:
                        continue
                    other = heavy_before[pattern]
                    why = f"heavy {pattern.value.replace('_', ' ')} work the day before"
                    if exercise.required and not other.required:
                        self._replace(
                            before, other, f"heavy {pattern.value.replace('_', ' ')} work the next day"
                        )
                        heavy_before = self._heavy(before)
                    else:
                        self._replace(session, exercise, why)

    def _restricted(self, session: PlannedSession, hard_cardio: set[dt.date]) -> bool:
        return any(abs((session.date - d).days) < self.min_gap for d in self.leg_dates | hard_cardio)

    def _honour_rules(self, microcycles: Sequence[PlannedMicrocycle]) -> None:
        """Every HARD_YES / PREFERRED movement at least once per window its cadence allows."""
        hard_cardio = {
            s.date
            for m in microcycles
            for s in m.sessions
            if s.session_type == SessionType.CARDIO and "hard" in s.intent_tags
        }
        for req in self.pools.required:
            last = -1
            for index, cycle in enumerate(microcycles):
                found = [
                    e
                    for s in cycle.sessions
                    for e in s.exercises
                    if e.movement.name == req.movement.name and e.role != ExerciseRole.FINISHER
                ]
                for exercise in found:
                    exercise.required = True  # it keeps the rule: fitting the clock must not drop it
                if found:
                    last = index
                elif index - last >= req.period:
                    # A deload week stays light: use the latest hard week the rule's window allows.
                    options = [i for i in range(last + 1, index + 1) if not microcycles[i].is_deload]
                    chosen = options[-1] if options else index
                    self._insert(req, microcycles[chosen], microcycles, hard_cardio)
                    last = chosen

    def _insert(
        self,
        req: RequiredMovement,
        cycle: PlannedMicrocycle,
        microcycles: Sequence[PlannedMicrocycle],
        hard_cardio: set[dt.date],
    ) -> None:
        m = req.movement
        t = self.t
        neighbours = {s.date: s for c in microcycles for s in c.sessions if not s.is_activity}
        heavy = m.cns_load in t.high_cns
        lower = m.primary_muscle in t.lower_muscles or m.pattern in t.lower_patterns

        def allowed(session: PlannedSession) -> bool:
            if session.is_activity or any(e.movement.name == m.name for e in session.exercises):
                return False
            if heavy:
                for delta in (-1, 1):
                    near = neighbours.get(session.date + dt.timedelta(days=delta))
                    if near is not None and m.pattern in self._heavy(near):
                        return False
                if m.pattern in self._heavy(session):
                    return False
            if lower and self._restricted(session, hard_cardio):
                lower_sets = sum(
                    e.sets
                    for e in session.exercises
                    if e.role in WORKING_ROLES
                    and (
                        e.movement.primary_muscle in t.lower_muscles or e.movement.pattern in t.lower_patterns
                    )
                )
                if heavy or lower_sets + 2 >= int(t.interference["hard_lower_sets"]):
                    return False
            return True

        def score(session: PlannedSession) -> tuple[float, dt.date]:
            stype = session.session_type
            value = 0.0 if stype in NON_STRENGTH else 5.0
            value += 2.0 * (m.primary_muscle in t.session_muscles.get(stype, ()))
            value -= 0.1 * sum(1 for e in session.exercises if e.role in WORKING_ROLES)
            return value, session.date

        options = [s for s in cycle.sessions if allowed(s)]
        if not options:
            raise InvalidInput(
                f"movement_rules: {m.name} ({req.rule.value}) cannot be placed in week {cycle.sequence_number} "
                "without a heavy lift of the same pattern on consecutive days or heavy leg work next to a "
                "leg-heavy activity; relax the rule or play the activity less often"
            )
        target = max(options, key=score)
        block, in_block = self.blocks.get(id(target), (Block(0, 1), 0))
        main_like = m.compound and m.pattern in MAIN_PATTERNS
        spec = Spec(
            m,
            ExerciseRole.MAIN if main_like else ExerciseRole.ACCESSORY,
            "rule_main" if main_like else "rule",
            0,
        )
        sets = 1 if cycle.is_deload else int(t.selection["accessory_sets"][0])
        exercise = prescribe(spec, self.settings, block, in_block, self.profile.persona_aggression, sets)
        if cycle.is_deload:
            exercise.rpe = deload_rpe(t, exercise.rpe)
        exercise.required = True
        exercise.ceiling = sets
        exercise.order = max((e.order for e in target.exercises), default=0) + 1
        target.exercises.append(exercise)
        target.adjustments.append(
            f"{m.name} added: you asked for it {'every week' if req.period == 1 else 'every two weeks'}"
        )

    # ------------------------------------------------------------------ finishing

    def _scale_deload(self, session: PlannedSession, microcycles: Sequence[PlannedMicrocycle]) -> None:
        """A deload session keeps the deload share of what the same session held in the week
        before (after that week's own changes), exercise by exercise, so no lift is cut harder
        than another."""
        index = next(i for i, m in enumerate(microcycles) if session in m.sessions)
        if index == 0 or microcycles[index - 1].is_deload:
            return
        light = "light_legs" in session.intent_tags
        before = next(
            (
                s
                for s in microcycles[index - 1].sessions
                if s.key == session.key and ("light_legs" in s.intent_tags) == light and not s.is_activity
            ),
            None,
        )
        if before is None:
            return
        # A lift swapped that week (a heavy pattern the day before) still sets its slot's dose.
        done = {(e.role, e.slot): e.sets for e in before.exercises if e.role == ExerciseRole.MAIN}
        done.update({(e.role, e.movement.name): e.sets for e in before.exercises})
        scaled, added = [], []
        for exercise in session.exercises:
            if exercise.role not in WORKING_ROLES and exercise.role != ExerciseRole.SKILL:
                continue
            sets = done.get((exercise.role, exercise.movement.name), done.get((exercise.role, exercise.slot)))
            if sets is not None:
                exercise.ceiling = min(exercise.ceiling, deload_sets(sets, self.t))
                scaled.append(exercise)
            elif exercise.required:
                added.append(exercise)
            else:
                # What that week had to leave out (for a must-do movement) does not come back to
                # make the deload heavier.
                exercise.ceiling = 0
        # A must-do movement added to the deload takes its sets from the others, so the session
        # stays at the deload share of the week before.
        allowed = sum(min(e.sets, e.ceiling) for e in scaled if e.role in WORKING_ROLES)
        working = [e for e in (*scaled, *added) if e.role in WORKING_ROLES]
        while added and sum(min(e.sets, e.ceiling) for e in working) > allowed:
            spare = [e for e in scaled if e.role in WORKING_ROLES and min(e.sets, e.ceiling) > 1]
            if not spare:
                break
            victim = max(spare, key=lambda e: (min(e.sets, e.ceiling), e.order))
            victim.ceiling = min(victim.sets, victim.ceiling) - 1

    def _finish(self, session: PlannedSession, microcycles: Sequence[PlannedMicrocycle]) -> None:
        if session.is_activity:
            return
        if "deload" in session.intent_tags:
            self._scale_deload(session, microcycles)
        t = self.t
        floors = {
            "accessory": int(t.selection["accessory_sets"][0]),
            "main": int(t.selection["main_min_sets"]),
            "warmup_items": 1,
            "cooldown_items": 1,
        }
        group = max((e.superset_group or 0 for e in session.exercises), default=0) + 1
        if not fit_ceilings(
            session.exercises,
            self.profile.session_minutes,
            t,
            floors=floors,
            next_group=group,
            circuit_seconds=session.circuit_seconds,
        ):
            raise InvalidInput(
                f"session_minutes: {session.date.isoformat()}'s must-do work does not fit in "
                f"{self.profile.session_minutes} minutes; allow more minutes or fewer must-do movements"
            )
        for exercise in session.exercises:
            exercise.sets = min(exercise.sets, exercise.ceiling)
        session.exercises = [e for e in session.exercises if e.sets > 0]
        mains = [
            e
            for e in session.exercises
            if e.role == ExerciseRole.MAIN and (e.slot.startswith("main") or e.slot == "rule_main")
        ]
        if mains and all(e.slot != "main0" for e in mains):
            # The day's first lift went (a heavy pattern the day before): the next one opens the
            # day now and gets the ramp-up sets.
            first = min(mains, key=lambda e: e.order)
            first.slot = "main0"
            first.notes = f"{ramp_up_note(self.t)} {first.notes or ''}".strip()
        if session.finisher_circuit is not None and not any(
            e.role == ExerciseRole.FINISHER for e in session.exercises
        ):
            session.finisher_circuit = None
        session.number()
        session.section_minutes = minutes(
            section_seconds(session.exercises, t, circuit_seconds=session.circuit_seconds)
        )
        session.coach_notes = self._note(session, microcycles)

    def _note(self, session: PlannedSession, microcycles: Sequence[PlannedMicrocycle]) -> str:
        tone = self.profile.persona_tone
        week = next(m.sequence_number for m in microcycles if session in m.sessions)
        deload = "deload" in session.intent_tags
        block, in_block = self.blocks.get(id(session), (Block(0, 1), 0))
        phase = "deload" if deload else f"build week {in_block + 1} of {block.accumulation_weeks}"
        mains = [e for e in session.exercises if e.role == ExerciseRole.MAIN]
        main = _describe(mains[0]) if mains else ""
        hard_sets = sum(e.sets for e in session.exercises if e.role in WORKING_ROLES)
        if session.session_type == SessionType.RECOVERY:
            text = speak(tone, lines.RECOVERY, key=session.date)
        elif deload:
            text = speak(tone, lines.DELOAD, key=session.date, week=week)
        elif session.session_type == SessionType.CARDIO:
            text = speak(tone, lines.CARDIO, key=session.date, week=week, phase=phase, main=main)
        else:
            text = speak(
                tone,
                lines.SESSION,
                key=session.date,
                week=week,
                phase=phase,
                focus=session.session_type.value.replace("_", " "),
                main=main,
                sets=hard_sets,
            )
        if session.adjustments:
            text += " " + speak(
                tone, lines.ADJUSTED, key=session.date, changes="; ".join(session.adjustments) + "."
            )
        return " ".join(text.split())

    def _program(self, microcycles: list[PlannedMicrocycle]) -> ProgramPlan:
        padded = self.profile.padded_goals
        goals = tuple((g.goal, g.weight) for g in padded)
        profile_json = self.profile.model_dump(mode="json")
        profile_json["start_date"] = self.start.isoformat()
        disciplines: list[dict[str, Any]] = [
            {"discipline": "strength_training", "weight": 10 - self.mix.conditioning},
        ]
        if self.mix.conditioning:
            disciplines.append({"discipline": "conditioning", "weight": self.mix.conditioning})
        for plan in self.activities:
            disciplines.append(
                {
                    "discipline": plan.activity.value,
                    "weight": 0,
                    "every_days": plan.every_days,
                    "name": plan.custom_name,
                }
            )
        return ProgramPlan(
            name=self._name(),
            start_date=self.start,
            duration_weeks=self.weeks,
            goals=goals,  # type: ignore[arg-type]
            split_template=self.split.template,
            days_per_week=self.profile.days_per_week,
            progression_style=self.style,
            hybrid_definition=self.split.hybrid_definition,
            disciplines_json=disciplines,
            deload_every_n_microcycles=self.every,
            persona_tone=self.profile.persona_tone,
            persona_aggression=PersonaAggression(self.profile.persona_aggression),
            seed=self.seed,
            profile_json=profile_json,
            microcycles=microcycles,
        )

    def _name(self) -> str:
        ordered = sorted(self.mix.weights.items(), key=lambda kv: -kv[1])
        top = " & ".join(g.value.replace("_", " ") for g, _ in ordered[:2]).capitalize()
        split = SPLIT_NAMES[self.split.template]
        return f"{top} · {split} {self.profile.days_per_week}×/wk · {self.weeks} weeks"[:100]


def _describe(exercise: PlannedExercise) -> str:
    if exercise.duration_seconds and exercise.rep_min is None:
        seconds = exercise.duration_seconds
        amount = f"{seconds // 60} min" if seconds >= 120 and seconds % 60 == 0 else f"{seconds} s"
        dose = f"{exercise.sets}×{amount}" if exercise.sets > 1 else amount
    elif exercise.rep_min == exercise.rep_max:
        dose = f"{exercise.sets}×{exercise.rep_min}"
    else:
        dose = f"{exercise.sets}×{exercise.rep_min}-{exercise.rep_max}"
    rpe = f" @ RPE {exercise.rpe:g}" if exercise.rpe is not None else ""
    return f"{exercise.movement.name} {dose}{rpe}."
