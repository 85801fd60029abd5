# Gainsly's Telegram bot. Point GAINSLY_DATABASE_URL at your PostgreSQL and set
# GAINSLY_TELEGRAM_TOKEN; migrations and the movement library are applied at start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PTB_TIMEDELTA=1

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY coach ./coach
COPY db ./db
COPY gainsly ./gainsly
COPY migrations ./migrations
RUN pip install . && useradd --create-home --uid 10001 gainsly

USER gainsly
EXPOSE 8080
CMD ["gainsly", "bot"]
