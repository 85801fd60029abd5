"""Configuration from ``GAINSLY_*`` environment variables (or a ``.env`` file).

Built once by the composition root and passed down; nothing below ``gainsly/`` reads the
environment. Secrets are ``SecretStr`` so they print as ``**********`` in any log or repr.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GAINSLY_", env_file=".env", extra="ignore")

    database_url: SecretStr | None = Field(
        default=None, description="postgresql+asyncpg://… ; unset = embedded PostgreSQL in data_dir"
    )
    data_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir("gainsly")))

    telegram_token: SecretStr | None = None
    telegram_api_url: str | None = None
    telegram_rate_limit: float = Field(default=30.0, ge=0)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)

    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_timeout_seconds: float = Field(default=20.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=10)

    log_level: str = "INFO"

    @field_validator("database_url", mode="before")
    @classmethod
    def _normalise_url(cls, value: object) -> object:
        """Accept the plain ``postgresql://`` form tools print and use the asyncpg driver."""
        if isinstance(value, str):
            if not value.strip():
                return None
            for prefix in ("postgresql://", "postgres://"):
                if value.startswith(prefix):
                    return "postgresql+asyncpg://" + value[len(prefix) :]
        return value

    @field_validator("telegram_api_url", "llm_base_url", "webhook_url", "llm_model", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value
