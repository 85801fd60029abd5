"""``gainsly today --user NAME [--date YYYY-MM-DD] --json``: today's adapted session.

The same function the bot's /today calls: the adaptation is stored, and running it again with
the same data changes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json

from coach.clock import local_today
from coach.errors import InvalidInput
from coach.planning.service import lifter_catalog
from coach.planning.sync import movement_index
from coach.render import session_text
from coach.today.service import today
from db.uow import unit_of_work
from gainsly.app import build_app
from gainsly.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("today", help="show (and store) today's session after daily adaptation")
    parser.add_argument("--user", required=True, help="local user handle")
    parser.add_argument("--date", help="YYYY-MM-DD (default: today in the user's timezone)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (interfaces.md)")
    parser.set_defaults(handler=_run)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--date: {text!r} is not a date (YYYY-MM-DD)") from None


def _run(args: argparse.Namespace, settings: Settings) -> int:
    day = _date(args.date)
    print(asyncio.run(_today(settings, args.user[:100], day, as_json=args.json)))
    return 0


async def _today(settings: Settings, handle: str, day: dt.date | None, *, as_json: bool) -> str:
    app = await build_app(settings)
    try:
        async with unit_of_work(app.session_factory) as repos:
            user = await repos.users.by_local_handle(handle)
            if user is None or await repos.programs.active(user.id) is None:
                raise InvalidInput(
                    f"--user: {handle!r} has no program yet; create one with "
                    f"'gainsly plan --profile FILE --save --user {handle}'"
                )
            when = day or local_today(user.timezone, app.deps.clock.now())
            result = await today(repos, app.deps, user, when)
            if as_json:
                movements = movement_index(await lifter_catalog(repos, app.deps, user))
                return json.dumps(result.to_json(movements), ensure_ascii=False)
            if result.session is None:
                return f"{when:%a %-d %b}: {result.text}"
            metric = user.settings is None or user.settings.use_metric
            return session_text(result.session, metric=metric, tone=user.persona_tone)
    finally:
        await app.aclose()
