"""The progress picture: e1RM trend lines and this week's hard sets against the plan.

Rendered with matplotlib's Agg canvas into PNG bytes: a ``Figure`` of its own, never pyplot's
global state, so renders in different threads cannot trip over each other.
Rendering takes tens of milliseconds, so callers run ``render_progress`` in a worker thread
(``asyncio.to_thread``) to keep the event loop serving other lifters.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from coach.logbook.units import to_display, unit_label
from coach.progress.metrics import LiftTrend
from db.enums import PrimaryMuscle

_COLOURS = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c")
_DONE, _TARGET, _GRID = "#2563eb", "#9ca3af", "#e5e7eb"


def _muscle_label(muscle: PrimaryMuscle) -> str:
    return muscle.value.replace("_", " ")


def render_progress(
    trends: Sequence[LiftTrend],
    hard_sets: Mapping[PrimaryMuscle, float],
    targets: Mapping[PrimaryMuscle, float],
    *,
    metric: bool,
    title: str,
) -> bytes | None:
    """A PNG with up to two panels; ``None`` when there is nothing to draw yet."""
    panels = int(bool(trends)) + int(bool(hard_sets or targets))
    if not panels:
        return None
    figure = Figure(figsize=(8, 3.4 * panels), dpi=110, layout="constrained")
    figure.suptitle(title, fontsize=13, fontweight="bold")
    axes = figure.subplots(panels, 1, squeeze=False)[:, 0]
    index = 0
    if trends:
        _trend_panel(axes[index], trends, metric)
        index += 1
    if hard_sets or targets:
        _volume_panel(axes[index], hard_sets, targets)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _trend_panel(ax: Axes, trends: Sequence[LiftTrend], metric: bool) -> None:
    for colour, trend in zip(_COLOURS, trends, strict=False):
        days = [d for d, _ in trend.points]
        values = [to_display(v, metric) for _, v in trend.points]
        ax.plot(days, values, marker="o", markersize=3.5, linewidth=1.8, color=colour, label=trend.movement)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylabel(f"e1RM ({unit_label(metric)})")
    ax.set_title("Estimated 1RM, best set of each day", fontsize=10, loc="left")
    ax.grid(True, color=_GRID, linewidth=0.8)
    ax.legend(fontsize=8, loc="best", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _volume_panel(
    ax: Axes,
    hard_sets: Mapping[PrimaryMuscle, float],
    targets: Mapping[PrimaryMuscle, float],
) -> None:
    muscles = sorted(set(hard_sets) | set(targets), key=lambda m: (-targets.get(m, 0), -hard_sets.get(m, 0)))[
        :12
    ]
    labels = [_muscle_label(m) for m in muscles]
    done = [hard_sets.get(m, 0.0) for m in muscles]
    rows = range(len(muscles))
    ax.barh(rows, done, color=_DONE, height=0.6, label="hard sets done")
    if targets:
        ax.scatter([targets.get(m, 0.0) for m in muscles], rows, marker="|", s=260, color=_TARGET,
                   linewidths=3, label="planned", zorder=3)  # fmt: skip
    ax.set_yticks(list(rows), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("hard sets this week")
    ax.set_title("Weekly hard sets per muscle", fontsize=10, loc="left")
    ax.grid(True, axis="x", color=_GRID, linewidth=0.8)
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
