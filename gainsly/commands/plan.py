"""``gainsly plan --profile FILE --json [--save --user NAME]``: a program from a profile.

Without ``--save`` nothing is written and no database is needed (the shipped library is
enough); with it the program is stored for that local user exactly as onboarding stores it,
and the stored program is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from coach.catalog import Catalog
from coach.errors import InvalidInput
from coach.planning import generate
from coach.planning.service import create_program
from coach.planning.sync import movement_index, stored_session_json
from coach.profile import Profile
from coach.render import program_overview_text, week_text
from db.library import default_library
from db.models import Program
from db.repositories import Repositories
from db.uow import unit_of_work
from gainsly.app import build_app
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("plan", help="generate a training program from a profile (JSON)")
    parser.add_argument("--profile", required=True, help="profile JSON file ('-' for standard input)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (interfaces.md)")
    parser.add_argument("--save", action="store_true", help="store the program for --user")
    parser.add_argument("--user", help="local user handle (with --save)")
    parser.add_argument("--seed", type=int, help="variety seed (default: derived from the profile)")
    parser.set_defaults(handler=_run)


def read_profile(source: str) -> Profile:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"profile: cannot read {source}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"profile: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return Profile.parse(data)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    profile = read_profile(args.profile)
    if args.save and not args.user:
        raise InvalidInput("--save needs --user NAME (the local user to store the program for)")
    if args.save:
        document = asyncio.run(_save(settings, profile, args.user[:100], args.seed))
        print(json.dumps(document, ensure_ascii=False) if args.json else document["text"])
        return 0
    library = default_library()
    heuristics = {h.name: library.heuristic(h.name) for h in library.heuristics}
    start = profile.start_date or dt.date.today()
    plan = generate(profile, Catalog.from_library(library), heuristics, seed=args.seed, start_date=start)
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False))
    else:
        print(
            program_overview_text(plan)
            + "\n\n"
            + week_text(plan.microcycles[0].sessions, tone=plan.persona_tone)
        )
    return 0


async def _save(settings: Settings, profile: Profile, handle: str, seed: int | None) -> dict[str, Any]:
    app = await build_app(settings)
    try:
        async with unit_of_work(app.session_factory) as repos:
            user = await repos.users.get_or_create_local(handle)
            program = await create_program(repos, app.deps, user, profile, seed=seed)
            document = await stored_program(repos, program, app.deps.catalog)
            sessions = await repos.programs.sessions(
                program.id, end=program.start_date + dt.timedelta(days=6)
            )
            document["text"] = (
                program_overview_text(program) + "\n\n" + week_text(sessions, tone=program.persona_tone)
            )
            return document
    finally:
        await app.aclose()


def _value(x: Any) -> Any:
    if isinstance(x, dt.date):
        return x.isoformat()
    value = getattr(x, "value", x)
    return value


async def stored_program(repos: Repositories, program: Program, catalog: Catalog) -> dict[str, Any]:
    """The stored program, its microcycles, sessions and exercises, as ``gainsly plan --json`` prints."""
    movements = movement_index(catalog)
    columns = (
        "id", "user_id", "macro_cycle_id", "name", "start_date", "duration_weeks", "goal_1", "goal_2", "goal_3",
        "goal_weight_1", "goal_weight_2", "goal_weight_3", "split_template", "days_per_week", "progression_style",
        "hybrid_definition", "disciplines_json", "deload_every_n_microcycles", "persona_tone", "is_active",
        "is_template", "visibility", "seed", "profile_json",
    )  # fmt: skip
    out: dict[str, Any] = {c: _value(getattr(program, c)) for c in columns}
    out["persona_aggression"] = int(program.persona_aggression)
    sessions = await repos.programs.sessions(program.id)
    cycles = []
    for cycle in await repos.programs.microcycles(program.id):
        cycles.append(
            {
                "id": cycle.id,
                "start_date": cycle.start_date.isoformat(),
                "length_days": cycle.length_days,
                "sequence_number": cycle.sequence_number,
                "status": cycle.status.value,
                "is_deload": cycle.is_deload,
                "sessions": [
                    stored_session_json(s, movements) for s in sessions if s.microcycle_id == cycle.id
                ],
            }
        )
    out["microcycles"] = cycles
    return {"program": out}
