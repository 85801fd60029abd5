"""How long a session takes, and fitting it into the lifter's minutes.

An exercise takes sets × work + rest between sets + a transition; a main lift adds its ramp-up
sets; an antagonist superset shares its rest; a circuit takes its time cap. Section minutes are
rounded up and their sum is the session's estimate, so the estimate a lifter reads is exactly
what the sections add up to.

Fitting works on each exercise's ``ceiling`` (the most sets allowed at the top aggression), so
the result does not depend on the persona: accessories shrink first, then go, then the
finisher and the extra warm-up drills, and only then main lifts lose sets down to two; rather
than leave a lift a lone set, the day's second or third lift goes. The day's first lift and
any movement a rule asked for are never dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from coach.planning.model import SECTION_OF_ROLE, SECTIONS, PlannedExercise
from coach.planning.tunables import Tunables
from db.enums import ExerciseRole, MetricType, PrimaryMuscle

SetsOf = Callable[[PlannedExercise], int]

ANTAGONISTS: dict[PrimaryMuscle, frozenset[PrimaryMuscle]] = {
    PrimaryMuscle.CHEST: frozenset({PrimaryMuscle.LATS, PrimaryMuscle.UPPER_BACK}),
    PrimaryMuscle.LATS: frozenset({PrimaryMuscle.CHEST, PrimaryMuscle.FRONT_DELTS}),
    PrimaryMuscle.UPPER_BACK: frozenset({PrimaryMuscle.CHEST, PrimaryMuscle.FRONT_DELTS}),
    PrimaryMuscle.FRONT_DELTS: frozenset(
        {PrimaryMuscle.LATS, PrimaryMuscle.UPPER_BACK, PrimaryMuscle.REAR_DELTS}
    ),
    PrimaryMuscle.REAR_DELTS: frozenset({PrimaryMuscle.FRONT_DELTS, PrimaryMuscle.CHEST}),
    PrimaryMuscle.SIDE_DELTS: frozenset({PrimaryMuscle.REAR_DELTS, PrimaryMuscle.LATS}),
    PrimaryMuscle.BICEPS: frozenset({PrimaryMuscle.TRICEPS}),
    PrimaryMuscle.TRICEPS: frozenset({PrimaryMuscle.BICEPS}),
    PrimaryMuscle.QUADRICEPS: frozenset({PrimaryMuscle.HAMSTRINGS}),
    PrimaryMuscle.HAMSTRINGS: frozenset({PrimaryMuscle.QUADRICEPS}),
    PrimaryMuscle.CORE: frozenset({PrimaryMuscle.LOWER_BACK, PrimaryMuscle.GLUTES}),
    PrimaryMuscle.LOWER_BACK: frozenset({PrimaryMuscle.CORE}),
    PrimaryMuscle.GLUTES: frozenset({PrimaryMuscle.CORE, PrimaryMuscle.QUADRICEPS}),
    PrimaryMuscle.CALVES: frozenset({PrimaryMuscle.CORE}),
    PrimaryMuscle.ADDUCTORS: frozenset({PrimaryMuscle.GLUTES}),
}


def work_seconds(exercise: PlannedExercise, t: Tunables) -> int:
    """One set's working time."""
    time = t.time
    light = exercise.role in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN)
    if exercise.duration_seconds:
        seconds = exercise.duration_seconds
    else:
        reps = ((exercise.rep_min or 8) + (exercise.rep_max or exercise.rep_min or 8)) / 2
        seconds = reps * float(time["light_seconds_per_rep" if light else "seconds_per_rep"])
    if exercise.movement.unilateral and exercise.movement.metric_type != MetricType.DISTANCE:
        seconds *= 2
    return max(int(time["min_set_seconds"]), math.ceil(seconds))


def _single_seconds(exercise: PlannedExercise, sets: int, t: Tunables, work: int) -> int:
    time = t.time
    if exercise.role in (ExerciseRole.WARMUP, ExerciseRole.COOLDOWN):
        item = int(
            time["warmup_item_seconds" if exercise.role == ExerciseRole.WARMUP else "cooldown_item_seconds"]
        )
        return max(item, sets * work + 15)
    seconds = sets * work + max(0, sets - 1) * (exercise.rest_seconds or 0) + int(time["transition_seconds"])
    if exercise.role == ExerciseRole.MAIN and exercise.slot == "main0":
        seconds += int(time["ramp_up_sets_for_main_lift"]) * int(time["ramp_up_set_seconds"])
    return seconds


def section_seconds(
    exercises: Iterable[PlannedExercise],
    t: Tunables,
    *,
    sets_of: SetsOf = lambda e: e.sets,
    circuit_seconds: dict[int, int] | None = None,
    work_of: Callable[[PlannedExercise], int] | None = None,
) -> dict[str, int]:
    """Seconds per section. ``circuit_seconds`` maps a superset group that is a circuit to its clock."""
    circuits = circuit_seconds or {}
    work_of = work_of or (lambda e: work_seconds(e, t))
    out: dict[str, int] = dict.fromkeys(SECTIONS, 0)
    groups: dict[int, list[PlannedExercise]] = defaultdict(list)
    for exercise in exercises:
        sets = sets_of(exercise)
        if sets <= 0:
            continue
        if exercise.superset_group is not None:
            groups[exercise.superset_group].append(exercise)
            continue
        out[SECTION_OF_ROLE[exercise.role]] += _single_seconds(exercise, sets, t, work_of(exercise))
    switch = int(t.time["superset_switch_seconds"])
    for group, members in groups.items():
        section = SECTION_OF_ROLE[members[0].role]
        if group in circuits:
            out[section] += circuits[group] + int(t.time["transition_seconds"])
            continue
        rounds = max(sets_of(e) for e in members)
        per_round = sum(work_of(e) for e in members) + switch * (len(members) - 1)
        rest = max(e.rest_seconds or 0 for e in members)
        out[section] += rounds * per_round + (rounds - 1) * rest + int(t.time["transition_seconds"])
    return out


def minutes(seconds: dict[str, int]) -> dict[str, int]:
    return {s: math.ceil(v / 60) for s, v in seconds.items()}


def pair_antagonists(exercises: list[PlannedExercise], next_group: int) -> int:
    """Superset accessories with their antagonists (chest with back, biceps with triceps …)."""
    free = [
        e
        for e in exercises
        if e.role == ExerciseRole.ACCESSORY and e.superset_group is None and e.ceiling > 0
    ]
    used: set[int] = set()
    for i, a in enumerate(free):
        if id(a) in used:
            continue
        partners = ANTAGONISTS.get(a.movement.primary_muscle, frozenset())
        for b in free[i + 1 :]:
            if id(b) not in used and b.movement.primary_muscle in partners:
                a.superset_group = b.superset_group = next_group
                next_group += 1
                used.update((id(a), id(b)))
                break
    return next_group


def _reduce_step(exercises: list[PlannedExercise], t: Tunables, floors: dict[str, int]) -> bool:
    """Take one bite out of the ceilings, least important first. False when nothing is left."""
    live = [e for e in exercises if e.ceiling > 0]

    def shrink(candidates: list[PlannedExercise], floor: int) -> bool:
        options = [e for e in candidates if e.ceiling > floor]
        if not options:
            return False
        victim = max(options, key=lambda e: (e.ceiling, e.order))
        victim.ceiling -= 1
        return True

    def drop(candidates: list[PlannedExercise]) -> bool:
        if not candidates:
            return False
        # The last placed goes first; of the warm-up, the pulse raiser before the specific drills.
        victim = max(candidates, key=lambda e: (e.slot == "pulse", e.order))
        victim.ceiling = 0
        return True

    optional_accessories = [e for e in live if e.role == ExerciseRole.ACCESSORY and not e.required]
    finisher = [e for e in live if e.role == ExerciseRole.FINISHER]
    warmups = [e for e in live if e.role == ExerciseRole.WARMUP and not e.required]
    cooldowns = [e for e in live if e.role == ExerciseRole.COOLDOWN and not e.required]
    skills = [e for e in live if e.role == ExerciseRole.SKILL and not e.required]
    mains = [
        e
        for e in live
        if e.role == ExerciseRole.MAIN
        or (e.role in (ExerciseRole.ACCESSORY, ExerciseRole.SKILL) and e.required)
    ]
    if shrink(optional_accessories, floors["accessory"]):
        return True
    if drop(optional_accessories):
        return True
    if finisher:
        for e in finisher:
            e.ceiling = 0
        return True
    if len(warmups) > floors["warmup_items"]:
        return drop(warmups)
    if len(cooldowns) > floors["cooldown_items"]:
        return drop(cooldowns)
    if shrink(skills, 2) or shrink(mains, floors["main"]):
        return True
    if drop(skills):
        return True
    # A lone set is no training stimulus: the day's second or third lift goes before any lift is
    # left with one; the first lift and must-do movements stay.
    if drop([e for e in mains if e.role == ExerciseRole.MAIN and e.slot != "main0" and not e.required]):
        return True
    return shrink(mains, 1)


def fit_ceilings(
    exercises: list[PlannedExercise],
    budget_minutes: int,
    t: Tunables,
    *,
    floors: dict[str, int],
    next_group: int,
    circuit_seconds: dict[int, int] | None = None,
    work_of: Callable[[PlannedExercise], int] | None = None,
    reference: dict[int, int] | None = None,
) -> bool:
    """Lower ceilings until the session fits ``budget_minutes``. False if it cannot.

    ``reference`` (by ``id`` of an exercise) holds the sets of the middle-road persona: sets
    above it are given up first.
    """

    def total() -> int:
        return sum(
            minutes(
                section_seconds(
                    exercises,
                    t,
                    sets_of=lambda e: e.ceiling,
                    circuit_seconds=circuit_seconds,
                    work_of=work_of,
                )
            ).values()
        )

    # What only a bolder persona adds goes first; then antagonists share their rests; then cuts.
    while total() > budget_minutes and reference is not None and _trim_excess(exercises, reference):
        pass
    if total() <= budget_minutes:
        return True
    pair_antagonists(exercises, next_group)
    while total() > budget_minutes:
        if not _reduce_step(exercises, t, floors):
            return False
    return True


def _trim_excess(exercises: list[PlannedExercise], reference: dict[int, int]) -> bool:
    """First take back what only a bolder persona would add, so the middle road keeps its plan."""
    options = [e for e in exercises if e.ceiling > reference.get(id(e), e.ceiling)]
    if not options:
        return False
    victim = max(
        options,
        key=lambda e: (e.role == ExerciseRole.ACCESSORY, e.ceiling - reference[id(e)], e.order),
    )
    victim.ceiling -= 1
    return True
