"""In-process fakes of the outside services Gainsly talks to (Telegram, OpenAI-compatible APIs)."""
