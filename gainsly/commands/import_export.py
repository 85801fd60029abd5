"""``gainsly import FILE --user NAME`` and ``gainsly export --user NAME``: Strong/Hevy CSV history.

Both use the database from settings, exactly as the bot does when a lifter sends a CSV as a
document or asks for an export; ``--user`` is a local handle (created if new, like ``gainsly chat``).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from coach.errors import InvalidInput
from coach.logbook.csv_io import MAX_BYTES, export_csv, import_csv
from db.uow import unit_of_work
from gainsly.app import build_app
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    importer = sub.add_parser("import", help="import a Strong or Hevy CSV export into a user's log")
    importer.add_argument("file", type=Path, help="the CSV file exported from Strong or Hevy")
    importer.add_argument("--user", required=True, help="local user to import into")
    importer.set_defaults(handler=_import)
    exporter = sub.add_parser("export", help="export a user's log as a Strong-layout CSV")
    exporter.add_argument("--user", required=True, help="local user to export")
    exporter.add_argument(
        "--output", "-o", type=Path, default=None, help="write here instead of standard output"
    )
    exporter.set_defaults(handler=_export)


def _handle(raw: str) -> str:
    handle = raw.strip()
    if not handle:
        raise InvalidInput("--user needs a name")
    return handle[:100]


def _import(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(f"{path} is over {MAX_BYTES // (1024 * 1024)} MB — export a shorter date range")
    data = path.read_bytes()
    handle = _handle(args.user)

    async def run() -> str:
        app = await build_app(settings)
        try:
            async with unit_of_work(app.session_factory) as repos:
                user = await repos.users.get_or_create_local(handle)
                report = await import_csv(repos, app.deps, user, data, filename=path.name)
            return report.text
        finally:
            await app.aclose()

    print(asyncio.run(run()))
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    handle = _handle(args.user)

    async def run() -> tuple[bytes, int, int]:
        app = await build_app(settings)
        try:
            async with unit_of_work(app.session_factory) as repos:
                user = await repos.users.by_local_handle(handle)
                if user is None:
                    raise InvalidInput(f"no local user called {handle!r}")
                exported = await export_csv(repos, app.deps, user)
            return exported.content, exported.workouts, exported.sets
        finally:
            await app.aclose()

    content, workouts, sets = asyncio.run(run())
    if args.output is None:
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
    else:
        args.output.write_bytes(content)
        print(f"wrote {workouts} workouts ({sets} sets) to {args.output}", file=sys.stderr)
    return 0
