"""Deciding today's change, and applying it to a session's prescribed exercises (pure).

Changes are bounded, as the readiness research advises: at most one set less and about one
rep more in reserve per exercise, a hard session made easy, a sore muscle spared by swapping
the exercises that load it, or the session moved to another day when the sore muscles carry
most of it. Nothing is added from one good day.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.catalog import MovementInfo
from coach.planning.prescription import round_half
from coach.planning.tunables import Tunables
from coach.today.readiness import Inputs, flags
from db.enums import ExerciseRole, PrimaryMuscle

Row = dict[str, Any]
WORKING = (ExerciseRole.MAIN, ExerciseRole.ACCESSORY)

KEEP, REDUCE, SWAP, MOVE, REST = "keep", "reduce", "swap", "move", "rest"


@dataclass
class Verdict:
    decision: str
    reasons: list[str] = field(default_factory=list)
    reduce_all: bool = False
    easy: bool = False
    reduce_for: frozenset[PrimaryMuscle] = frozenset()
    spare: frozenset[PrimaryMuscle] = frozenset()
    want_move: bool = False
    #: Why a move would help, for the lifter ("quadriceps sore 4/5").
    move_reason: str = ""


def _role(row: Row) -> ExerciseRole:
    return ExerciseRole(row["role"])


def _working(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if _role(r) in WORKING]


def _names(muscles: Sequence[PrimaryMuscle] | frozenset[PrimaryMuscle]) -> str:
    return ", ".join(sorted(m.value.replace("_", " ") for m in muscles))


def judge(inputs: Inputs, rows: Sequence[Row], movements: Mapping[int, MovementInfo], t: Tunables) -> Verdict:
    """What to do with today's session given ``inputs`` (never more than a bounded change)."""
    tun = t.readiness
    f = flags(inputs, tun)
    verdict = Verdict(KEEP)
    reasons = verdict.reasons

    if f.severe and f.agree:
        verdict.easy = True
        reasons.append(
            f"{' and '.join(f.low).capitalize()}: today becomes an easy session "
            "(one set less, effort capped, no finisher)."
        )
    elif f.agree:
        verdict.reduce_all = True
        reasons.append(
            f"{' and '.join(f.low).capitalize()}: two signals agree, so one set less per exercise "
            "and about one more rep in reserve."
        )
    elif f.persistent:
        verdict.reduce_all = True
        reasons.append(
            f"Readiness has been low for {inputs.low_readiness_days} days: a lighter day to let you recover."
        )
    elif f.low:
        reasons.append(
            f"Only one signal is off ({f.low[0]}); the plan stays — let the warm-up tell you how it feels."
        )

    working = _working(rows)
    total = sum(r["target_sets"] for r in working) or 1
    primary = {movements[r["movement_id"]].primary_muscle for r in working}
    loaded = primary | {m for r in working for m in movements[r["movement_id"]].secondary_muscles}
    sore = {PrimaryMuscle(m): level for m, level in inputs.soreness.items()}
    spare = frozenset(m for m, lvl in sore.items() if lvl >= int(tun["soreness_swap"]) and m in primary)
    tender = frozenset(
        m
        for m, lvl in sore.items()
        if int(tun["soreness_reduce"]) <= lvl < int(tun["soreness_swap"]) and m in loaded
    )
    if spare:
        share = (
            sum(r["target_sets"] for r in working if movements[r["movement_id"]].primary_muscle in spare)
            / total
        )
        verdict.spare = spare
        levels = ", ".join(f"{m.value.replace('_', ' ')} {sore[m]}/5" for m in sorted(spare))
        if share >= float(tun["soreness_move_share"]):
            verdict.want_move = True
            verdict.move_reason = f"very sore {levels}"
        it = "them" if len(spare) > 1 else "it"
        reasons.append(f"Very sore {levels}: exercises that load {it} are swapped for ones that spare {it}.")
    if tender:
        verdict.reduce_for |= tender
        it = "them" if len(tender) > 1 else "it"
        reasons.append(f"A bit sore ({_names(tender)}): one set less on exercises that load {it}.")

    lower = t.lower_muscles
    leg_rows = [r for r in working if movements[r["movement_id"]].primary_muscle in lower]
    leg_sets = sum(r["target_sets"] for r in leg_rows)
    if inputs.legs_loaded and leg_sets:
        verdict.reduce_for |= frozenset(movements[r["movement_id"]].primary_muscle for r in leg_rows)
        what = " and ".join(inputs.legs_loaded)
        reasons.append(
            f"{what.capitalize()} yesterday already loaded your legs: one set less on leg work today."
        )
        if leg_sets / total >= float(tun["soreness_move_share"]):
            verdict.want_move = True
            verdict.move_reason = verdict.move_reason or f"{what} yesterday loaded your legs"

    if verdict.want_move:
        verdict.decision = MOVE
    elif verdict.spare:
        verdict.decision = SWAP
    elif verdict.easy or verdict.reduce_all or verdict.reduce_for:
        verdict.decision = REDUCE
    return verdict


def _lighter(row: Row, rpe_cap: float | None = None) -> Row:
    out = dict(row)
    out["target_sets"] = max(1, row["target_sets"] - 1)
    if row.get("target_rpe") is not None:
        rpe = round_half(row["target_rpe"] - 1.0)
        if rpe_cap is not None:
            rpe = min(rpe, rpe_cap)
        out["target_rpe"] = max(5.0, rpe)
        out["target_rir"] = max(0, round(10 - out["target_rpe"]))
    return out


def apply(
    rows: Sequence[Row],
    verdict: Verdict,
    movements: Mapping[int, MovementInfo],
    t: Tunables,
    replacement: Callable[[Row, frozenset[PrimaryMuscle]], MovementInfo | None],
) -> list[Row]:
    """The rows after the verdict's changes (each exercise changes at most once)."""
    cap = float(t.readiness["easy_rpe_cap"]) if verdict.easy else None
    out: list[Row] = []
    for row in rows:
        role = _role(row)
        movement = movements[row["movement_id"]]
        if verdict.easy and role == ExerciseRole.FINISHER:
            continue
        new = dict(row)
        if role in (*WORKING, ExerciseRole.SKILL) and movement.primary_muscle in verdict.spare:
            swap = replacement(row, verdict.spare)
            if swap is not None and swap.id is not None:
                note = f"Instead of {movement.name}: sore {movement.primary_muscle.value.replace('_', ' ')}."
                new.update(movement_id=swap.id, is_complex_lift=swap.complex, notes=note)
            else:
                new = _lighter(new)
        touches = {movement.primary_muscle, *movement.secondary_muscles}
        lighten = verdict.easy or verdict.reduce_all or bool(touches & verdict.reduce_for)
        # One bounded change per exercise: a swap that already took a set off counts.
        if role in WORKING and lighten and new["target_sets"] == row["target_sets"]:
            new = _lighter(new, cap)
        out.append(new)
    order = 1
    for row in out:
        row["order_in_session"] = order
        order += 1
    return out
