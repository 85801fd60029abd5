"""The async engine and session factory: one of each per process, built by the composition root."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """No ping before each use of a pooled connection: with asyncpg it costs three round trips
    (BEGIN, a query, ROLLBACK) — more than a whole Telegram update's bookkeeping. A connection
    that died with a database restart fails its unit of work once and is replaced; the
    conversation engine retries the update on a fresh one, jobs on their next tick.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        echo=echo,
        # Hide the URL (and its password) from SQLAlchemy's own log lines and reprs.
        hide_parameters=True,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions keep loaded objects usable after commit: handlers render after they commit."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
