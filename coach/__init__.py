"""The coach: Gainsly's brain, independent of Telegram and of SQL."""
