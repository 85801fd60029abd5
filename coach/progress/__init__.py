"""Progress: e1RM trends, the Pattern Strength Index, weekly hard sets, streaks — as text and a chart."""

from coach.progress.reporting import ProgressReport, history_text, report

__all__ = ["ProgressReport", "history_text", "report"]
