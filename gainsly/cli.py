"""The ``gainsly`` command line.

Each subcommand lives in ``gainsly/commands/<name>.py`` with ``register(subparsers)``; this
module finds them, parses arguments and turns outcomes into the exit codes interfaces.md
promises: 0 success, 2 bad input (message on standard error), 1 anything else.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from coach.errors import InvalidInput
from gainsly import __version__, commands

log = logging.getLogger("gainsly")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on bad usage, as we want
        self.print_usage(sys.stderr)
        self.exit(2, f"gainsly: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gainsly", description="Gainsly, your strength and hybrid-training coach.")
    parser.add_argument("--version", action="version", version=f"gainsly {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"gainsly.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from gainsly.logs import configure_logging
    from gainsly.settings import Settings

    try:
        settings = Settings()
    except Exception as exc:  # pydantic reports every bad variable at once
        print(f"gainsly: configuration error: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        return int(args.handler(args, settings) or 0)
    except InvalidInput as exc:
        print(f"gainsly: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.exception("gainsly %s failed", args.command)
        print(f"gainsly: {args.command} failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
