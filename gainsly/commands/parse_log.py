"""``gainsly parse-log [TEXT] --json``: what a quick log message would record, writing nothing.

Reads TEXT (or standard input), parses it with the shipped movement library and prints the
entries and the lines it could not read. Needs no database.
"""

from __future__ import annotations

import argparse
import json
import sys

from coach.catalog import Catalog
from coach.errors import InvalidInput
from coach.logbook.parser import ParsedLog, parse_log
from coach.logbook.summary import sets_text
from db.library import default_library
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("parse-log", help="show what a quick workout log would record (writes nothing)")
    parser.add_argument(
        "text", nargs="?", help="the log; one exercise per line or separated by ';' (default: stdin)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (interfaces.md)")
    parser.add_argument(
        "--unit", choices=("kg", "lb"), default="kg", help="what weights without a unit mean (default: kg)"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    text = args.text if args.text is not None else sys.stdin.read()
    if not text.strip():
        raise InvalidInput("nothing to parse — give the log as an argument or on standard input")
    parsed = parse_log(text, Catalog.from_library(default_library()), unit=args.unit)
    if args.json:
        print(json.dumps(parsed.to_json(), ensure_ascii=False))
    else:
        print(_readable(parsed))
    return 0


def _readable(parsed: ParsedLog) -> str:
    lines = []
    for entry in parsed.entries:
        if entry.movement is not None:
            name = entry.movement.name
        elif entry.candidates:
            name = "one of: " + " / ".join(m.name for m in entry.candidates)
        else:
            name = f"unknown movement '{entry.name_text}'"
        lines.append(f"✓ {entry.input}\n    {name}: {sets_text(entry.sets, True)}")
    lines += [f"✗ {u.input}\n    {u.error}" for u in parsed.unparsed]
    return "\n".join(lines)
