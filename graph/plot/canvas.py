"""Figures and their geometry: panel sizes, new axes, marker sizes, and saving.

Examples
--------
>>> import networkx as nx
>>> figure_size_for(nx.path_graph(4))
(4.9, 4.9)
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np

from graph.files import atomic_path

__all__ = [
    "LEFT",
    "RIGHT",
    "BOTTOM",
    "TOP",
    "GAP",
    "figure_title",
    "figure_size_for",
    "new_axes",
    "set_panel",
    "marker_geometry",
    "area_range",
    "marker_areas",
    "marker_area",
    "save_figure",
]

#: Margins around the drawing panel, and the gap before the legends, in inches.
LEFT, RIGHT, BOTTOM, TOP, GAP = 0.2, 0.2, 0.2, 0.5, 0.25


def figure_size_for(G):
    r"""Return the size in inches of the drawing panel for a graph.

    Parameters
    ----------
    G : networkx graph

    Returns
    -------
    (width, height) : tuple of float
        The panel that holds the nodes; functions that create their own figure
        add room for the title and for the legends on the right.

    Notes
    -----
    The side grows with the square root of the number of nodes :math:`n`,
    :math:`s = \min(12, \max(4, 3 + 0.95 \sqrt{n}))`, so that the area per node
    stays roughly constant until the figure reaches a page width.

    Examples
    --------
    >>> import networkx as nx
    >>> figure_size_for(nx.path_graph(4))
    (4.9, 4.9)
    """
    side = round(min(12.0, max(4.0, 3.0 + 0.95 * math.sqrt(G.number_of_nodes()))), 2)
    return (side, side)


def new_axes(panel: tuple[float, float]):
    """Create a figure whose axes panel is ``panel`` inches, with room for a title."""
    import matplotlib.pyplot as plt

    w, h = panel
    fig, ax = plt.subplots(figsize=(LEFT + w + RIGHT, BOTTOM + h + TOP))
    fig.set_layout_engine("none")
    set_panel(ax, panel, fig.get_size_inches())
    return ax


def set_panel(ax, panel, fig_size) -> None:
    """Place the axes so that its panel is ``panel`` inches in a figure of ``fig_size``."""
    w, h = panel
    fw, fh = fig_size
    ax.set_position([LEFT / fw, (fh - TOP - h) / fh, w / fw, h / fh])


@cache
def marker_geometry(marker):
    """(area factor, radius factor) of a marker: scale s by the first to match a circle's area."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    if marker == "o":
        return 1.0, 0.5
    poly = path.to_polygons(closed_only=False)[0]
    x, y = poly[:, 0], poly[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    return (math.pi / 4) / area, float(np.hypot(x, y).max())


def area_range(n: int) -> tuple[float, float]:
    """Marker areas (points²) for the smallest and largest value."""
    shrink = min(1.0, math.sqrt(30.0 / max(n, 1)))
    return max(14.0, 45.0 * shrink), max(120.0, 750.0 * shrink)


def marker_areas(values, n: int) -> tuple[np.ndarray, float]:
    r"""The marker area (points²) of each of ``n`` nodes, and the largest value.

    The one rule of the figures, the exports' drawing and the explorer: area
    :math:`a_0 + (a_1 - a_0)\, x_v / \max_u x_u` (:func:`area_range`), NaN
    as 0; without values (None) every node alike.

    Examples
    --------
    >>> areas, top = marker_areas([0.0, 1.0], 2)
    >>> [round(a) for a in areas], top
    ([45, 750], 1.0)
    """
    if values is None:
        a0, a1 = area_range(n)
        return np.full(n, 0.5 * (a0 + a1) if n <= 30 else a0 * 2), 0.0
    vals = np.asarray(values, dtype=float)
    vmax = float(np.nanmax(vals)) if np.isfinite(vals).any() else 0.0
    ratio = np.nan_to_num(vals / vmax) if vmax > 0 else np.zeros(n)
    return marker_area(ratio, n), vmax


def marker_area(ratio, n: int):
    """The area (points²) of a marker at ``ratio`` of the largest value, among ``n`` nodes.

    Examples
    --------
    >>> marker_area(0.0, 30), marker_area(1.0, 30)
    (45.0, 750.0)
    """
    a0, a1 = area_range(n)
    return a0 + (a1 - a0) * ratio


def figure_title(fig) -> str:
    r"""Every title of a figure, one line each: its suptitle, then each panel's, in order.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Actors view\n3 nodes", loc="left")
    >>> figure_title(fig)
    'Actors view\n3 nodes'
    >>> plt.close(fig)
    """
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            text = ax.get_title(loc=loc)
            if text:
                parts.append(text)
    return "\n".join(parts)


def save_figure(fig, path, *, dpi: int = 150) -> Path:
    """Write a figure deterministically and atomically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or os.PathLike
        Destination; the format follows the suffix (png, pdf, svg, ...).
        Parent directories are created.
    dpi : int, default 150

    Returns
    -------
    path : pathlib.Path

    Notes
    -----
    Timestamps and software versions are left out of the file's metadata (and
    SVG ids use a fixed salt), so the same figure gives the same bytes. The
    figure's titles (:func:`figure_title`) are its ``Title`` metadata, for
    screen readers and for checks that the numbers a title gives are those of
    the tables. The file is written through :func:`graph.files.atomic_path`:
    a reader never sees half a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     save_figure(fig, pathlib.Path(d) / "sub" / "f.png").name
    'f.png'
    >>> plt.close(fig)
    """
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower() or "png"
    metadata = {
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
        "svg": {"Creator": None, "Date": None},
        "ps": {"Creator": None},
        "eps": {"Creator": None},
    }.get(fmt)
    title = figure_title(fig)
    if title and fmt in ("png", "pdf", "svg"):
        metadata = {**metadata, "Title": title}
    import matplotlib as mpl

    with atomic_path(path) as tmp, mpl.rc_context({"svg.hashsalt": "actor-graph"}):
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata, bbox_inches="tight")
    return path
