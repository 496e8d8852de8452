"""The top actors by a measure, as bars: the focus's bar in its own colour.

Examples
--------
>>> import pandas as pd
>>> import matplotlib.pyplot as plt
>>> ax = draw_measure_bars(pd.DataFrame({"betweenness": [0.5, 0.1]}, index=["a", "b"]))
>>> [t.get_text() for t in ax.get_yticklabels()]
['a', 'b']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from graph.plot.canvas import new_axes
from graph.plot.style import BAR_COLOR, FOCUS_BAR_COLOR, labels_of

__all__ = ["draw_measure_bars"]


def draw_measure_bars(
    measures: pd.DataFrame,
    *,
    measure: str = "betweenness",
    top: int = 15,
    focus=None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the actors with the largest value of a measure as horizontal bars.

    Parameters
    ----------
    measures : pandas.DataFrame
        Indexed by node id; a ``label`` column, if present, names the bars.
    measure : str, default "betweenness"
        The column to rank by.
    top : int, default 15
        How many bars. If the focus ranks lower, it is added below a gap with
        its rank, so it is always visible.
    focus : node, optional
        Highlighted bar and bold tick label.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes

    Notes
    -----
    Rank is by descending value (ties by index order, missing values last);
    the largest is at the top. Each bar is annotated with its value.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> m = pd.DataFrame({"betweenness": [0.0, 1.0, 0.0]}, index=["a", "b", "c"])
    >>> ax = draw_measure_bars(m, focus="b")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['b (focus)', 'a', 'c']
    >>> plt.close(ax.figure)
    """
    if measure not in measures.columns:
        raise ValueError(
            f"measure {measure!r} is not a column of measures; "
            f"columns are {list(measures.columns)}."
        )
    if top < 1:
        raise ValueError(f"top must be at least 1; got {top}.")
    values = pd.to_numeric(measures[measure], errors="raise").astype(float)
    order = values.sort_values(ascending=False, kind="stable", na_position="last")
    above = values.rank(method="min", ascending=False)  # 1 + how many are strictly larger
    ranks = {
        node: int(r) if np.isfinite(v) else None
        for node, v, r in zip(order.index, order.to_numpy(), above[order.index], strict=True)
    }
    shown = list(order.index[:top])
    extra = focus is not None and focus in ranks and focus not in shown
    if focus is not None and focus not in ranks:
        raise ValueError(f"focus {focus!r} is not in the measures index.")
    rows = shown + ([focus] if extra else [])
    names = []
    for node, name in zip(rows, labels_of(measures, rows), strict=True):
        if node == focus:
            rank = "no value" if ranks[node] is None else f"rank {ranks[node]}"
            name = f"{name} (focus, {rank})" if extra else f"{name} (focus)"
        names.append(name)
    y = np.arange(len(rows), dtype=float)
    if extra:
        y[-1] += 0.8
    ax = new_axes((6.0, 0.9 + 0.3 * len(rows))) if ax is None else ax
    heights = values.reindex(rows).to_numpy()
    colors = [FOCUS_BAR_COLOR if node == focus else BAR_COLOR for node in rows]
    ax.barh(y, np.nan_to_num(heights), color=colors, height=0.7, gid="bars")
    ax.set_yticks(y, names)
    for tick, node in zip(ax.get_yticklabels(), rows, strict=True):
        if node == focus:
            tick.set_fontweight("bold")
    ax.set_ylim(y[-1] + 0.6, -0.6)
    finite = heights[np.isfinite(heights)]
    vmax = float(finite.max()) if finite.size else 0.0
    for yi, h in zip(y, heights, strict=True):
        text = "n/a" if not np.isfinite(h) else f"{h:.3g}"
        ax.annotate(
            text,
            (0 if not np.isfinite(h) else h, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, vmax * 1.15 if vmax > 0 else 1.0)
    ax.set_xlabel(measure)
    ax.set_title(f"Top {min(top, len(order))} of {len(order)} by {measure}", loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
