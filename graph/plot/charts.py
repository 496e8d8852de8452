"""Charts of numbers: the top actors by a measure, and a null distribution.

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

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from graph.plot.canvas import new_axes
from graph.plot.style import BAR_COLOR, FOCUS_BAR_COLOR

__all__ = ["draw_measure_bars", "draw_null_distribution"]


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
    ranks = {
        node: 1 + int((values > v).sum()) if np.isfinite(v) else None for node, v in order.items()
    }
    shown = list(order.index[:top])
    extra = focus is not None and focus in ranks and focus not in shown
    if focus is not None and focus not in ranks:
        raise ValueError(f"focus {focus!r} is not in the measures index.")
    rows = shown + ([focus] if extra else [])
    names = []
    for node in rows:
        name = _bar_name(measures, node)
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


def draw_null_distribution(test, *, label: str | None = None, ax: Axes | None = None) -> Axes:
    """Draw a null distribution with the observed value and its p-value.

    Parameters
    ----------
    test : object
        Any object with attributes ``observed`` (float), ``samples`` (1-D
        array), ``p_value`` (float), ``n`` (int), ``statistic`` (str), ``node``
        (str or None), ``null`` (str), ``testable`` (bool) and ``reason`` (str).
    label : str, optional
        How to name the node in the title (default: its id).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        A histogram of the samples with a vertical line (gid ``"observed"``) at
        the observed value; if the test is not testable, an empty panel that
        states the reason.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(observed=3.0, samples=[1.0, 2.0, 2.0], p_value=0.25, n=3,
    ...                     statistic="betweenness", node="b", null="rewiring",
    ...                     testable=True, reason="")
    >>> ax = draw_null_distribution(t)
    >>> ax.get_legend().get_texts()[1].get_text()
    'observed = 3, p = 0.25, n = 3'
    >>> plt.close(ax.figure)
    """
    ax = new_axes((6.0, 3.6)) if ax is None else ax
    name = label if label is not None else test.node
    subject = test.statistic if name is None else f"{test.statistic} of {name}"
    if not test.testable:
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "\n".join(textwrap.wrap(f"Not testable: {test.reason}", 60)),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            gid="reason",
            bbox={"boxstyle": "round,pad=0.8", "facecolor": "#F2F2F2", "edgecolor": "#BBBBBB"},
        )
        ax.set_title(f"{subject} under the {test.null} null", loc="left")
        return ax
    samples = np.asarray(test.samples, dtype=float).ravel()
    samples = samples[np.isfinite(samples)]
    if samples.size == 0:
        raise ValueError("test.samples holds no finite value; nothing to draw.")
    ax.hist(samples, bins=_bins(samples), color=BAR_COLOR, edgecolor="white", label=None)
    ax.axvline(
        test.observed,
        color=FOCUS_BAR_COLOR,
        linewidth=2,
        gid="observed",
        label=f"observed = {test.observed:.3g}, p = {test.p_value:.3g}, n = {test.n}",
    )
    handles, labels = ax.get_legend_handles_labels()
    proxy = mpl.patches.Patch(color=BAR_COLOR, label=f"{test.null} null ({samples.size} samples)")
    ax.legend([proxy, *handles], [proxy.get_label(), *labels], loc="best", fontsize=8.5)
    lo = min(samples.min(), test.observed)
    hi = max(samples.max(), test.observed)
    pad = 0.05 * (hi - lo) if hi > lo else 0.5
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.25)
    ax.set_xlabel(test.statistic)
    ax.set_ylabel("samples")
    ax.set_title(f"{subject} under the {test.null} null", loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _bar_name(measures, node):
    if "label" in measures.columns:
        label = measures.at[node, "label"]
        if isinstance(label, str) and label:
            return label
    return str(node)


def _bins(samples):
    """Integer-centred bins for integer samples, else numpy's 'auto' (at most 60)."""
    lo, hi = samples.min(), samples.max()
    if np.all(samples == np.round(samples)) and hi - lo <= 60:
        return np.arange(lo - 0.5, hi + 1.5)
    edges = np.histogram_bin_edges(samples, bins="auto")
    return edges if len(edges) <= 61 else 60
