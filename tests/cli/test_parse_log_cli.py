"""``gainsly parse-log``: the interfaces.md JSON, from an argument or standard input, writing nothing."""

from __future__ import annotations

import io
import json

import pytest

from gainsly.cli import main


def test_json_output_matches_the_interface(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-log", "bench 3x5 80kg @8; hello coach", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"entries", "unparsed"}
    [entry] = result["entries"]
    assert entry["input"] == "bench 3x5 80kg @8" and entry["movement"] == "Barbell Bench Press"
    assert (
        entry["sets"]
        == [
            {
                "reps": 5,
                "weight_kg": 80.0,
                "rpe": 8.0,
                "rir": None,
                "duration_seconds": None,
                "distance_m": None,
            }
        ]
        * 3
    )
    [unparsed] = result["unparsed"]
    assert unparsed["input"] == "hello coach" and unparsed["error"]


def test_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("ran 5k in 25:30\ndips +20kg 3x8\n"))
    assert main(["parse-log", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [e["movement"] for e in entries] == ["Running", "Dip"]
    assert entries[0]["sets"] == [
        {
            "reps": None,
            "weight_kg": None,
            "rpe": None,
            "rir": None,
            "duration_seconds": 1530,
            "distance_m": 5000.0,
        }
    ]
    assert [s["weight_kg"] for s in entries[1]["sets"]] == [20.0] * 3


def test_pounds_are_converted_to_kilograms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-log", "squat 3x5 225", "--unit", "lb", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)["entries"]
    assert entry["sets"][0]["weight_kg"] == pytest.approx(225 * 0.45359237, abs=1e-3)


def test_unknown_movement_is_null(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-log", "zzyzx 3x5 80", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)["entries"]
    assert entry["movement"] is None and len(entry["sets"]) == 3


def test_readable_output_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-log", "squat 5x5 100\nsquat 5000kg 5x5"]) == 0
    out = capsys.readouterr().out
    assert "Barbell Back Squat: 5×5 @ 100 kg" in out and "5000 kg" in out


def test_empty_input_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["parse-log", "--json"]) == 2
    assert "nothing to parse" in capsys.readouterr().err
