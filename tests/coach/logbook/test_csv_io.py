"""Strong and Hevy CSV in, Strong CSV out: matched to the library, idempotent, unmatched names reported."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from coach.catalog import Catalog
from coach.errors import InvalidInput
from coach.logbook.csv_io import STRONG_HEADER, export_csv, import_csv, match_exercise, read_export
from coach.logbook.matching import matcher_for
from coach.logbook.service import record_log
from coach.logbook.units import KG_PER_LB
from db.library import default_library
from db.models import TopSetLog, WorkoutLog
from db.repositories import Repositories
from tests.coach.logbook.builders import MONDAY, make_deps, make_user

STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),W,40,10,0,0,,felt good,
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),1,80,5,0,0,,felt good,8
2026-11-02 18:00:00,Push Day,1h 5m,Bench Press (Barbell),2,80,5,0,0,,felt good,8.5
2026-11-02 18:00:00,Push Day,1h 5m,Landmine Squeeze,1,20,12,0,0,,felt good,
2026-11-02 18:00:00,Push Day,1h 5m,Plank,1,0,0,0,60,,felt good,
2026-11-04 07:30:00,Run,25m,Running,1,0,0,5,1530,,,
2026-11-05 18:00:00,Legs,50m,Squat (Barbell),1,5000,5,0,0,,,
2026-11-05 18:00:00,Legs,50m,Squat (Barbell),2,100,5,0,0,,,
"""

STRONG_SEMICOLON = """Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration
2026-11-02 18:00:00;"Legs";"Deadlift (Barbell)";1;315;lbs;5;;;;0;"";"";45m
2026-11-02 18:00:00;"Legs";"Rowing (Machine)";1;0;kg;0;;2000;m;465;"";"";45m
"""

HEVY = """"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles","duration_seconds","rpe"
"Upper","26 Nov 2026, 07:06","26 Nov 2026, 08:11","","Lat Pulldown (Cable)",,"",0,"warmup",50,10,,,
"Upper","26 Nov 2026, 07:06","26 Nov 2026, 08:11","","Lat Pulldown (Cable)",,"",1,"normal",120,10,,,8
"Upper","26 Nov 2026, 07:06","26 Nov 2026, 08:11","","Pull Up",,"",0,"failure",0,12,,,
"""

CATALOG = Catalog.from_library(default_library())


@pytest.mark.parametrize(
    ("name", "movement"),
    [
        ("Bench Press (Barbell)", "Barbell Bench Press"),
        ("Squat (Barbell)", "Barbell Back Squat"),
        ("Deadlift (Barbell)", "Conventional Deadlift"),
        ("Pull Up", "Pull-Up"),
        ("Bicep Curl (Dumbbell)", "Dumbbell Curl"),
        ("Lat Pulldown (Cable)", "Lat Pulldown"),
        ("Incline Bench Press (Dumbbell)", "Incline Dumbbell Press"),
        ("Rowing (Machine)", "Rowing Machine"),
        ("Leg Press (Machine)", "Leg Press"),
        ("Seated Row (Cable)", "Seated Cable Row"),
        ("Running", "Running"),
        ("Overhead Press (Dumbbell)", "Seated Dumbbell Shoulder Press"),  # never the barbell lift
        ("Goblet Squat (Kettlebell)", "Goblet Squat"),
        ("Decline Crunch", None),  # not a typo of "decline bench"
        ("Landmine Squeeze", None),
    ],
)
def test_app_names_match_the_library(name: str, movement: str | None) -> None:
    found = match_exercise(name, matcher_for(CATALOG))
    assert (found.name if found else None) == movement


def test_strong_classic_layout() -> None:
    read = read_export(STRONG, metric=True)
    assert read.format == "strong" and read.warmups == 1
    push, run, legs = read.workouts
    assert (push.name, push.duration_minutes, push.notes) == ("Push Day", 65, "felt good")
    assert [(s.exercise, s.weight_kg, s.reps, s.rpe) for s in push.sets][:2] == [
        ("Bench Press (Barbell)", 80.0, 5, 8.0),
        ("Bench Press (Barbell)", 80.0, 5, 8.5),
    ]
    assert (run.sets[0].distance_m, run.sets[0].seconds) == (5000.0, 1530)
    assert push.key != run.key != legs.key


def test_strong_semicolon_layout_with_units() -> None:
    read = read_export(STRONG_SEMICOLON, metric=True)
    deadlift, row = read.workouts[0].sets
    assert deadlift.weight_kg == pytest.approx(315 * KG_PER_LB)
    assert (row.distance_m, row.seconds) == (2000.0, 465)
    assert read.workouts[0].duration_minutes == 45


def test_hevy_layout_in_pounds() -> None:
    read = read_export(HEVY, metric=True)
    assert read.format == "hevy" and read.warmups == 1
    [upper] = read.workouts
    assert upper.duration_minutes == 65
    assert [(s.exercise, round(s.weight_kg, 2), s.reps) for s in upper.sets] == [
        ("Lat Pulldown (Cable)", round(120 * KG_PER_LB, 2), 10),
        ("Pull Up", 0.0, 12),
    ]


@pytest.mark.parametrize("text", ["", "just some text\nnot a csv", "a,b,c\n1,2,3\n"])
def test_other_files_are_refused_plainly(text: str) -> None:
    with pytest.raises(InvalidInput):
        read_export(text, metric=True)


async def _count(repos: Repositories, user_id: int) -> tuple[int, int]:
    workouts = await repos.session.scalar(select(func.count()).where(WorkoutLog.user_id == user_id))
    sets = await repos.session.scalar(
        select(func.count()).select_from(TopSetLog).join(WorkoutLog).where(WorkoutLog.user_id == user_id)
    )
    return int(workouts or 0), int(sets or 0)


async def test_import_matches_reports_and_is_idempotent(repos: Repositories) -> None:
    user = await make_user(repos)
    deps = await make_deps(repos)
    result = await import_csv(repos, deps, user, STRONG.encode(), filename="strong.csv")
    assert (result.workouts, result.sets) == (3, 5)  # bench ×2, plank, run, one squat
    assert result.warmups_skipped == 1 and result.unmatched == {"Landmine Squeeze": 1}
    assert len(result.problems) == 1 and "5000 kg" in result.problems[0]
    assert "Landmine Squeeze (1 sets)" in result.text and "strong.csv" in result.text
    assert await _count(repos, user.id) == (3, 5)
    again = await import_csv(repos, deps, user, STRONG.encode())
    assert (again.workouts, again.duplicates) == (0, 3)
    assert await _count(repos, user.id) == (3, 5)
    [bench] = [
        w for w in await repos.logs.all_workouts(user.id) if w.notes and w.notes.startswith("Push Day")
    ]
    assert bench.source == "import" and bench.actual_duration_minutes == 65
    assert [s.e1rm_value for s in bench.top_sets if s.reps == 5] == [98.7, 97.3]  # RPE 8 → 7 reps; 8.5 → 6.5


async def test_export_writes_strong_layout_in_the_lifters_units(repos: Repositories) -> None:
    user = await make_user(repos, metric=False)
    deps = await make_deps(repos)
    await record_log(repos, deps, user, "bench 3x5 185 @8\nran 5k in 25:30", day=MONDAY)
    exported = await export_csv(repos, deps, user)
    assert exported.filename.endswith(".csv") and (exported.workouts, exported.sets) == (1, 4)
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert tuple(rows[0]) == STRONG_HEADER
    assert rows[1][3:8] == ["Barbell Bench Press", "1", "185", "5", "0"]
    assert rows[1][11] == "8"
    assert rows[4][3] == "Running" and rows[4][7] == "3.11" and rows[4][8] == "1530"


async def test_export_then_import_round_trips(repos: Repositories) -> None:
    source = await make_user(repos, "source")
    target = await make_user(repos, "target")
    deps = await make_deps(repos)
    await record_log(repos, deps, source, "squat 5x5 102.5 @8\nplank 3x60s\nrow 2000m 7:45", day=MONDAY)
    exported = await export_csv(repos, deps, source)
    result = await import_csv(repos, deps, target, exported.content)
    assert (result.workouts, result.sets, result.unmatched) == (1, 9, {})

    def sets(workouts: list[WorkoutLog]) -> list[tuple[object, ...]]:
        return [
            (s.movement_id, s.weight, s.reps, s.rpe, s.e1rm_value, s.duration_seconds, s.distance_m)
            for w in workouts
            for s in w.top_sets
        ]

    assert sets(list(await repos.logs.all_workouts(target.id))) == sets(
        list(await repos.logs.all_workouts(source.id))
    )


async def test_an_unreadable_file_changes_nothing(repos: Repositories) -> None:
    user = await make_user(repos)
    with pytest.raises(InvalidInput):
        await import_csv(repos, await make_deps(repos), user, b"\x00\x01 not a csv")
    assert await _count(repos, user.id) == (0, 0)
