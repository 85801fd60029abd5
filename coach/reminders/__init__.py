"""Daily push reminders: what is due for whom, in whose voice, and how it is delivered once.

``coach.reminders`` decides and composes; ``bot/reminders.py`` (and ``gainsly remind``) send
through the ``Sender`` protocol of ``coach.reminders.delivery``.
"""

from coach.reminders.actions import handle_callback

__all__ = ["handle_callback"]
