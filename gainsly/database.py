"""Which PostgreSQL to use: the configured one, or the embedded server for everyone else."""

from __future__ import annotations

from db.embedded import start_embedded_postgres
from gainsly.settings import Settings


def resolve_database_url(settings: Settings) -> str:
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return start_embedded_postgres(settings.data_dir)
