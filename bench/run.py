"""Gainsly's benchmarks: ``python bench/run.py [--quick] --json``.

Checks that PostgreSQL is reachable, creates a scratch database, runs every
``bench/bench_*.py`` module's ``run(ctx)`` and prints one JSON object of named figures, each
with its value, unit and the size of its workload. Targets live here, never in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import platform
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


@dataclass
class BenchContext:
    """What every benchmark gets: a migrated, seeded scratch database and the quick flag."""

    database_url: str
    quick: bool
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def figure(self, name: str, value: float, unit: str, workload: str, target: str | None = None) -> None:
        entry: dict[str, Any] = {"value": round(value, 3), "unit": unit, "workload": workload}
        if target:
            entry["target"] = target
        self.figures[name] = entry


def _dsn(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    params: dict[str, Any] = {"user": parsed.username or "postgres", "database": parsed.database}
    if parsed.host:
        params.update(host=parsed.host, port=parsed.port or 5432)
    if parsed.password:
        params["password"] = parsed.password
    return params


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(**_dsn(url), timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def _modules() -> list[Any]:
    modules = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


async def _run_all(ctx: BenchContext, only: set[str] | None) -> None:
    for module in _modules():
        name = module.__name__.removeprefix("bench_")
        # 00_migrate prepares the database every other benchmark uses: it always runs.
        if only and name not in only and not name.startswith("00_"):
            continue
        await module.run(ctx)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a fast look")
    parser.add_argument("--json", action="store_true", help="print one JSON object (the default output)")
    parser.add_argument(
        "--only",
        nargs="*",
        help="run only these benchmarks (e.g. plan parse_log); the database set-up always runs",
    )
    args = parser.parse_args()

    server = os.environ.get("GAINSLY_BENCH_DATABASE_URL", DEFAULT_SERVER)
    try:
        asyncio.run(_admin(server, "SELECT 1"))
    except Exception as exc:
        print(f"PostgreSQL is not reachable at {make_url(server).render_as_string()}: {exc}", file=sys.stderr)
        return 1
    name = f"gainsly_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    ctx = BenchContext(database_url=url, quick=args.quick)
    started = time.perf_counter()
    try:
        asyncio.run(_run_all(ctx, set(args.only) if args.only else None))
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    result = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "quick": args.quick,
        "elapsed_seconds": round(time.perf_counter() - started, 2),
        "figures": ctx.figures,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
