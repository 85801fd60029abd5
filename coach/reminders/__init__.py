"""Daily push reminders: what is due for whom, in whose voice, and how it is delivered once.

``coach.reminders`` decides and composes; ``bot/reminders.py`` (and ``gainsly remind``) send
through the ``Sender`` protocol of ``coach.reminders.delivery``.
"""
