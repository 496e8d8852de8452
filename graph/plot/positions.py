"""The positions layer drawn: each side's states on the ideal-point line, their medians, the focus.

:func:`draw_positions` draws a :class:`graph.world.positions.PositionTest`: one
row per side (its states as dots labelled with their ISO3 code, the median as
a bar, the spread within the side shaded), and the focus's ideal point with
its 90% interval on a row of its own, so a reader sees at once whether the
sides are apart and whether the focus lies between them.

Examples
--------
>>> import pandas as pd
>>> import matplotlib.pyplot as plt
>>> from graph.world.positions import position_test
>>> pts = pd.DataFrame({"ideal_point": [-1.0, -0.9, 0.0, 1.0, 1.1], "q05": [-1.2, -1.1, -0.2,
...                     0.8, 0.9], "q95": [-0.8, -0.7, 0.2, 1.2, 1.3], "votes": 80},
...                    index=["a", "b", "f", "x", "y"])
>>> t = position_test(pts, "f", {"A": {"a", "b"}, "B": {"x", "y"}})
>>> ax = draw_positions(t, points=pts, focus_label="F")
>>> [tx.get_text() for tx in ax.get_yticklabels()]
['F', 'A', 'B']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from graph.plot.style import BLOC_PALETTE, FOCUS_BAR_COLOR, NODE_EDGE

__all__ = ["draw_positions"]


def _codes(ax, codes, x, row) -> None:
    """Label the dots of a row with their codes, above and below in turn from left to right."""
    for k, i in enumerate(np.argsort(x, kind="stable")):
        above = (0, 7 + 9 * (k % 4 == 2)) if k % 2 == 0 else (0, -11 - 9 * (k % 4 == 3))
        ax.annotate(codes[i], (x[i], row), xytext=above, textcoords="offset points",
                    ha="center", fontsize=6.5, color="#333333")  # fmt: skip


def draw_positions(
    test,
    *,
    points: pd.DataFrame,
    focus_label: str,
    side_labels: Mapping[str, str] | None = None,
    colours: Mapping[str, str] | None = None,
    both=(),
    ax: mpl.axes.Axes | None = None,
) -> mpl.axes.Axes:
    """Draw the sides and the focus on the ideal-point dimension.

    Parameters
    ----------
    test : graph.world.positions.PositionTest
    points : pandas.DataFrame
        The year's ideal points (:func:`graph.world.ideal_points`), for the states' places.
    focus_label : str
    side_labels : mapping, optional
        Side name -> its label.
    colours : mapping, optional
        Side label -> colour (default: the bloc palette in order).
    both : iterable, optional
        States on two sides at once (left out of the test), drawn on a row of their own.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Rows from the bottom: the focus, then each side, then the states on
        two sides (left out of the test, grey). Dots are
        PathCollections with gid ``"side:<label>"``; the focus's interval
        has gid ``"focus"``; each median is a line with gid ``"median:<label>"``.
    """
    ax = ax if ax is not None else plt.figure(figsize=(6, 3)).add_subplot()
    side_labels = dict(side_labels or {})
    names = list(test.sides)
    labels = [side_labels.get(n, n) for n in names]
    colours = dict(colours or {})
    for i, label in enumerate(labels):
        colours.setdefault(label, BLOC_PALETTE[i % len(BLOC_PALETTE)])
    for row, (name, label) in enumerate(zip(names, labels, strict=True), start=1):
        side = test.sides[name]
        states = [c for c in side["states"] if c in points.index]
        x = points.loc[states, "ideal_point"].to_numpy(dtype=float)
        colour = colours[label]
        if side["n"]:
            half = side["spread"] / 2
            ax.fill_betweenx([row - 0.32, row + 0.32], side["median"] - half,
                             side["median"] + half, color=colour, alpha=0.15, lw=0)  # fmt: skip
            ax.plot([side["median"]] * 2, [row - 0.3, row + 0.3], color=colour, lw=2.5,
                    gid=f"median:{label}")  # fmt: skip
        ax.scatter(x, np.full(x.size, row), s=36, color=colour, edgecolors=NODE_EDGE,
                   linewidths=0.6, zorder=3, gid=f"side:{label}")  # fmt: skip
        _codes(ax, states, x, row)
    both = sorted({*test.overlap, *both} & set(points.index))
    if both:
        row = len(names) + 1
        x = points.loc[both, "ideal_point"].to_numpy(dtype=float)
        ax.scatter(x, np.full(x.size, row), s=30, color="#bbbbbb", edgecolors=NODE_EDGE,
                   linewidths=0.6, zorder=3, gid="side:both")  # fmt: skip
        _codes(ax, both, x, row)
    if not np.isnan(test.point):
        lo, hi = test.interval
        ax.errorbar([test.point], [0], xerr=[[test.point - lo], [hi - test.point]], fmt="o",
                    color=FOCUS_BAR_COLOR, ecolor=FOCUS_BAR_COLOR, capsize=4, ms=7, zorder=4,
                    gid="focus")  # fmt: skip
    rows = [focus_label, *labels] + (["on both (left out)"] if both else [])
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel("ideal point (UN General Assembly; higher: closer to the United States)")
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
