"""``gainsly db upgrade | downgrade [REVISION] | seed``."""

from __future__ import annotations

import argparse
import asyncio

from db import migrate
from db.library import default_library
from gainsly.app import prepare_database
from gainsly.database import resolve_database_url
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="migrate the database and load the movement library")
    actions = parser.add_subparsers(dest="db_command", required=True)
    up = actions.add_parser("upgrade", help="apply pending migrations")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(handler=_upgrade)
    down = actions.add_parser("downgrade", help="revert migrations (base removes every table and type)")
    down.add_argument("revision", nargs="?", default="-1")
    down.set_defaults(handler=_downgrade)
    seed = actions.add_parser("seed", help="load or update the movement library (idempotent)")
    seed.set_defaults(handler=_seed)


def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    migrate.upgrade(resolve_database_url(settings), args.revision)
    print(f"database upgraded to {args.revision}")
    return 0


def _downgrade(args: argparse.Namespace, settings: Settings) -> int:
    migrate.downgrade(resolve_database_url(settings), args.revision)
    print(f"database downgraded to {args.revision}")
    return 0


def _seed(args: argparse.Namespace, settings: Settings) -> int:
    url = resolve_database_url(settings)
    report = asyncio.run(prepare_database(url, default_library()))
    print(report.summary())
    return 0
