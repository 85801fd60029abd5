"""The Telegram adapter: turns updates into coach calls and replies into Telegram messages."""
