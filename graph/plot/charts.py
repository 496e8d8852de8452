"""Charts of a claim's numbers: betweenness against degree, and a null distribution.

(The top actors by a measure are in :mod:`graph.plot.bars`.)

Examples
--------
>>> import pandas as pd
>>> import matplotlib.pyplot as plt
>>> ms = pd.DataFrame({"degree": [3, 1, 1, 1], "betweenness": [1.0, 0, 0, 0]},
...                   index=["h", "a", "b", "c"])
>>> ax = draw_degree_betweenness(ms, focus="h")
>>> ax.get_xlabel()
'degree (number of contacts)'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from graph.formats import pct
from graph.plot.canvas import new_axes
from graph.plot.labels import label_points
from graph.plot.legends import dot, ring_handle
from graph.plot.style import (
    BAR_COLOR,
    FOCUS_BAR_COLOR,
    NO_BLOC_COLOR,
    NODE_EDGE,
    colors_for,
    graph_name,
    labels_of,
    null_words,
)

__all__ = ["draw_degree_betweenness", "draw_null_distribution"]

#: Null models that keep every actor's number of ties.
DEGREE_NULLS = frozenset({"rewire", "rewire_connected", "twomode"})

_NULL_COLOR = "#4477AA"


def draw_degree_betweenness(
    measures: pd.DataFrame,
    *,
    focus=None,
    null=None,
    view: str | None = None,
    tested: bool = False,
    note: str | None = None,
    color_by: str = "bloc",
    palette: Mapping[str, str] | None = None,
    label_top: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw every actor's betweenness against its degree, with the null model's band for the focus.

    Parameters
    ----------
    measures : pandas.DataFrame
        Indexed by node id, with ``degree`` (number of contacts) and
        ``betweenness`` columns; ``label`` names the points and the
        ``color_by`` column, if present, colors them.
    focus : node, optional
        Ringed in black and labelled in bold.
    null : NullTest, optional
        The beyond-degree test of the focus (``samples``, ``observed``,
        ``null``, ``testable``, ``reason``): its 95% interval and mean are
        drawn at the focus's degree. Not drawn when not testable (the legend
        says why).
    view : str, optional
        The view's name, for the title.
    tested : bool, default False
        The measures are of the graph the claim was tested on: the title
        names it "<view> as tested" (:func:`graph.plot.style.graph_name`).
    note : str, optional
        More title lines, e.g. what the tested graph leaves out.
    color_by : str, default "bloc"
        Column of ``measures`` holding each actor's bloc.
    palette : mapping of bloc name -> color, optional
        As in :func:`graph.plot.draw_network`.
    label_top : int, optional
        Label only the focus and the ``label_top`` single actors with the
        largest betweenness above 0. By default every single actor is labelled
        when there are at most :data:`LABEL_ALL`, else as with
        ``label_top=8``; a label that finds no room clear of the others is
        left out, and the legend counts them. Points shared by several actors
        are named in the legend (at most :data:`SHARED_LISTED` of them).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes

    Notes
    -----
    Betweenness grows with degree: an actor with more contacts lies on more
    shortest paths whatever its position. A degree-preserving null model
    keeps every actor's number of contacts and rewires who they are; the band
    (gid ``"null-band"``) spans the central 95% of the focus's betweenness
    over its samples, the line across it (gid ``"null-mean"``) their mean.
    The focus is above what its degree gives when its point lies above the
    band. Every point sits at its actor's exact degree and betweenness: actors
    that share both are one marker (gid ``"shared"``) with their number inside,
    named in the legend by degree and betweenness, so that no point is moved
    and no label stands beside another point. Single actors are a PathCollection with gid
    ``"actors"``, the ring ``"focus"``, labels ``"label"``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> m = pd.DataFrame({"degree": [3, 1, 1, 1], "betweenness": [1.0, 0.0, 0.0, 0.0]},
    ...                  index=["hub", "a", "b", "c"])
    >>> ax = draw_degree_betweenness(m, focus="hub", view="actors")
    >>> print(ax.get_title(loc="left"))
    Actors view: betweenness against number of contacts
    4 actors · focus: hub
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "label"]
    ['hub']
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    '3 at degree 1, betweenness 0: a, b, c'
    >>> plt.close(ax.figure)
    """
    x, y, nodes, names, blocs = _degree_data(measures, focus, color_by)
    present = sorted({b for b in blocs if b is not None})
    colors = colors_for(present, palette)
    own = ax is None
    if own:
        ax = new_axes((6.4, 4.4))
    ok = np.isfinite(x) & np.isfinite(y)
    band = None
    if null is not None and focus is not None and null.testable:
        band = _null_band(null)
    top_y = max(float(np.nanmax(y, initial=0.0)), band[2] if band else 0.0)
    top_y = top_y * 1.12 if top_y > 0 else 1.0
    ax.set_xlim(-0.6, float(np.nanmax(x, initial=0.0)) + 1.0)
    ax.set_ylim(0.0 - 0.08 * top_y, top_y)  # a line of labels fits below the actors at 0
    fi = nodes.index(focus) if focus is not None else None
    points = _points(x, y, ok, fi)
    single, shared, radii = _scatter_points(
        ax, x, y, points, [colors.get(b, NO_BLOC_COLOR) for b in blocs]
    )
    handles, labels = _null_artists(ax, band, x[fi] if band is not None else None, null)
    if fi is not None:
        ring = 2 * radii[fi] + 7
        ax.scatter([x[fi]], [y[fi]], s=ring**2, facecolors="none", edgecolors="black",
                   linewidths=2.2, zorder=4, gid="focus")  # fmt: skip
        radii[fi] = ring / 2
        handles.insert(0, ring_handle(10))
        labels.insert(0, f"focus: {names[fi]}")
    group_handles, group_labels = _shared_legend(shared, x, y, names, fi)
    _degree_axes(ax)
    unnamed = _label_degree_points(ax, x, y, points, radii, names, fi, label_top, len(single))
    if unnamed:
        group_handles.append(Patch(facecolor="none", edgecolor="none"))
        group_labels.append(
            f"{unnamed} {'actor' if unnamed == 1 else 'actors'} without room for a label"
            "\n(every actor's numbers: the measures table)"
        )
    bloc_handles = [dot(colors[b]) for b in present]
    bloc_labels = list(present)
    if any(b is None for b in blocs) and present:
        bloc_handles.append(dot(NO_BLOC_COLOR))
        bloc_labels.append("no bloc")
    _legend_beside(
        ax, bloc_handles + handles + group_handles, bloc_labels + labels + group_labels, own
    )
    name = graph_name(view, tested=tested) if view or tested else "network"
    head = f"{name[:1].upper()}{name[1:]}: betweenness against number of contacts"
    sub = note if note is not None else f"{len(nodes)} actors"
    if focus is not None:
        first, *rest = sub.split("\n")
        sub = "\n".join([f"{first} · focus: {names[fi]}", *rest])
    ax.set_title(f"{head}\n{sub}", loc="left", fontsize=11)
    return ax


def _degree_data(measures: pd.DataFrame, focus, color_by):
    """Degree, betweenness, the actors, their names and blocs, from a measures table."""
    for col in ("degree", "betweenness"):
        if col not in measures.columns:
            raise ValueError(
                f"measures has no {col!r} column; pass graph.measures.actor_measures(G)."
            )
    if focus is not None and focus not in measures.index:
        raise ValueError(f"focus {focus!r} is not in the measures index.")
    x = pd.to_numeric(measures["degree"], errors="raise").to_numpy(dtype=float)
    y = pd.to_numeric(measures["betweenness"], errors="raise").to_numpy(dtype=float)
    nodes = list(measures.index)
    blocs = [None] * len(nodes)
    if color_by in measures.columns:
        blocs = [b if isinstance(b, str) and b else None for b in measures[color_by]]
    return x, y, nodes, labels_of(measures, nodes), blocs


def _scatter_points(ax, x, y, points, face) -> tuple[list, list, dict]:
    """The actors: one dot each, a white disc with a count where several share a point.

    Returns the single points, the shared ones and each drawn point's radius (points).
    """
    single = [p for p in points if len(p) == 1]
    ax.scatter(
        x[single].ravel(), y[single].ravel(), s=36.0, c=[face[p[0]] for p in single],
        edgecolors=NODE_EDGE, linewidths=0.6, zorder=3, gid="actors",
    )  # fmt: skip
    shared = [p for p in points if len(p) > 1]
    radii = {p[0]: 3.0 for p in single}
    for p in shared:
        area = min(36.0 + 26.0 * (len(p) - 1), 220.0)
        radii[p[0]] = math.sqrt(area) / 2
        ax.scatter([x[p[0]]], [y[p[0]]], s=area, c="white", edgecolors=NODE_EDGE,
                   linewidths=0.8, zorder=3, gid="shared")  # fmt: skip
        ax.text(x[p[0]], y[p[0]], str(len(p)), ha="center", va="center", fontsize=7,
                zorder=4, gid="shared-count")  # fmt: skip
    return single, shared, radii


def _null_artists(ax, band, fx, null) -> tuple[list, list]:
    """The null's 95% band and mean at the focus's degree, or why it cannot be tested.

    Returns their legend handles and labels.
    """
    if band is not None:
        lo, mean, hi = band
        ax.add_patch(
            mpl.patches.Rectangle(
                (fx - 0.3, lo), 0.6, hi - lo, facecolor=_NULL_COLOR, alpha=0.25,
                edgecolor=_NULL_COLOR, linewidth=0.8, zorder=1, gid="null-band",
            )
        )  # fmt: skip
        ax.plot([fx - 0.3, fx + 0.3], [mean, mean], color=_NULL_COLOR, linewidth=2,
                zorder=2, gid="null-mean")  # fmt: skip
        handles = [
            Patch(facecolor=_NULL_COLOR, alpha=0.25, edgecolor=_NULL_COLOR),
            Line2D([], [], color=_NULL_COLOR, linewidth=2),
        ]
        labels = [
            "\n".join(textwrap.wrap(f"null model: {null_words(null.null)}", 42))
            + f"\n95% of its samples: {_fmt(lo)} to {_fmt(hi)}",
            f"null mean {_fmt(mean)} ({_share(mean, null.observed)} of observed)",
        ]
        return handles, labels
    if null is not None and not null.testable:
        why = "\n".join(textwrap.wrap(f"null model not testable: {null.reason}", 40))
        return [Patch(facecolor="none", edgecolor="none")], [why]
    return [], []


def _degree_axes(ax) -> None:
    """Axis labels, grid and spines of the betweenness-against-degree chart."""
    ax.set_xlabel("degree (number of contacts)")
    ax.set_ylabel("betweenness\n(share of shortest paths through the actor)")
    ax.grid(True, color="#E5E5E5", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))


def _label_degree_points(ax, x, y, points, radii, names, fi, label_top, singles) -> int:
    """Label the points with room (a shared point's names are in the legend).

    Returns how many single actors are left without a label.
    """
    shown = _labelled(points, y, fi, label_top)
    texts = [names[p[0]] for p in points]
    drawn = label_points(
        ax, np.nan_to_num(np.c_[x[[p[0] for p in points]], y[[p[0] for p in points]]]),
        np.array([radii[p[0]] for p in points]), texts, order=shown,
        segments=np.empty((0, 4)), bold=[fi in p for p in points], fontsize=8.5, fit=False,
        wrap=28, outside=12.0, skip_clashes=True,
    )  # fmt: skip
    # single actors left without a label (the focus's label is drawn, on a shared point too)
    focus_shared = fi is not None and any(fi in p and len(p) > 1 for p in points)
    for t in ax.texts:  # labels may not run past the axes: they are clipped there
        t.set_clip_on(False)
    return singles - (len(drawn) - int(focus_shared))


def _legend_beside(ax, handles, labels, own: bool) -> None:
    """The legend right of the axes; a figure of its own widens to hold it."""
    leg = ax.legend(
        handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False,
        fontsize=8.5, borderaxespad=0.0,
    )  # fmt: skip
    if own:
        fig = ax.figure
        width = leg.get_window_extent().width / fig.dpi
        w, h = fig.get_size_inches()
        fig.set_size_inches(w + width + 0.3, h)
        ax.set_position(_shrink_to(ax, (w, h), (w + width + 0.3, h)))


#: The scatter of betweenness against degree labels every point up to this many points.
LABEL_ALL = 30


def _points(x, y, ok, focus) -> list[list[int]]:
    """The actors at each distinct (degree, betweenness), the focus's point first in its list."""
    groups: dict = {}
    for i in np.flatnonzero(ok):
        groups.setdefault((x[i], y[i]), []).append(int(i))
    out = []
    for members in groups.values():
        if focus in members:
            members = [focus] + [i for i in members if i != focus]
        out.append(members)
    return out


def _labelled(points, y, focus, label_top) -> list[int]:
    """Which single actors' points get a label, most important first (indices into ``points``).

    Points shared by several actors are named in the legend (:func:`_shared_legend`);
    the focus is labelled wherever it stands.
    """
    order = sorted(range(len(points)), key=lambda k: (-y[points[k][0]], points[k][0]))
    singles = [k for k in order if len(points[k]) == 1]
    if label_top is not None or len(singles) > LABEL_ALL:
        top = 8 if label_top is None else max(int(label_top), 0)
        singles = [k for k in singles if y[points[k][0]] > 0][:top]
    if focus is not None:
        at = next(k for k, p in enumerate(points) if focus in p)
        singles = [at] + [k for k in singles if k != at]
    return singles


#: The legend names the actors of at most this many shared points (the largest first).
SHARED_LISTED = 12


def _shared_legend(shared, x, y, names, focus, most: int = 16):
    """Legend entries naming the actors of each point shared by several (their number inside)."""
    handles, labels = [], []
    order = sorted(shared, key=lambda p: (-len(p), x[p[0]], y[p[0]]))
    for p in order[:SHARED_LISTED]:
        who = [names[i] + (" (focus)" if i == focus else "") for i in p[:most]]
        more = f" and {len(p) - most} more" if len(p) > most else ""
        where = f"degree {x[p[0]]:.0f}, betweenness {y[p[0]]:.3g}"
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9,
                              markerfacecolor="white", markeredgecolor=NODE_EDGE))  # fmt: skip
        text = f"{len(p)} at {where}: {', '.join(who)}{more}"
        labels.append("\n".join(textwrap.wrap(text, 46, subsequent_indent="  ")))
    if len(order) > SHARED_LISTED:
        handles.append(Patch(facecolor="none", edgecolor="none"))
        labels.append(f"and {len(order) - SHARED_LISTED} more points shared by several actors")
    return handles, labels


def _shrink_to(ax, old, new):
    """The axes position that keeps its size in inches when the figure grows from old to new."""
    x0, y0, w, h = ax.get_position().bounds
    return [x0 * old[0] / new[0], y0, w * old[0] / new[0], h]


def _null_band(null):
    """(2.5th percentile, mean, 97.5th percentile) of a null test's finite samples."""
    samples = np.asarray(null.samples, dtype=float).ravel()
    samples = samples[np.isfinite(samples)]
    if not samples.size:
        return None
    lo, hi = np.percentile(samples, [2.5, 97.5])
    return float(lo), float(samples.mean()), float(hi)


def _fmt(v) -> str:
    return f"{v:.2g}" if abs(v) < 0.1 else f"{v:.2f}"


def _share(part, whole) -> str:
    """Part as a percentage of whole, in words."""
    return pct(part / whole) if whole and math.isfinite(whole) else "n/a"


def _not_testable_panel(ax, reason: str, title: str):
    """An empty panel that says why the test could not run."""
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        "\n".join(textwrap.wrap(f"Not testable: {reason}", 60)),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        gid="reason",
        bbox={"boxstyle": "round,pad=0.8", "facecolor": "#F2F2F2", "edgecolor": "#BBBBBB"},
    )
    ax.set_title(title, loc="left", fontsize=11)
    return ax


def _effect_box(ax, mean: float, observed: float, null: str) -> None:
    """The share of the observed value the null gives, in words, at the top left."""
    if observed > 0:
        effect = f"the null gives {100 * mean / observed:.0f}% of the observed value"
    else:
        effect = "the observed value is 0: the null's share of it is undefined"
    if null in DEGREE_NULLS:
        effect += "\n(100% would mean its number of ties alone gives it)"
    ax.text(
        0.015, 0.97, effect, transform=ax.transAxes, ha="left", va="top", fontsize=9,
        gid="effect", zorder=5,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#BBBBBB"},
    )  # fmt: skip


def draw_null_distribution(
    test,
    *,
    label: str | None = None,
    view: str | None = None,
    tested: bool = False,
    note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a null distribution from zero, with the observed value, the null's mean and 95%.

    Parameters
    ----------
    test : object
        Any object with attributes ``observed`` (float), ``samples`` (1-D
        array), ``p_value`` (float), ``n`` (int), ``statistic`` (str), ``node``
        (str or None), ``null`` (str), ``testable`` (bool) and ``reason`` (str),
        such as :class:`graph.nulls.NullTest`.
    label : str, optional
        How to name the node in the title (default: its id).
    view : str, optional
        The view's name, for the title.
    tested : bool, default False
        The test ran on the graph the claim was tested on: the title names it
        "<view> as tested".
    note : str, optional
        More title lines.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        A histogram of the samples with a vertical line (gid ``"observed"``)
        at the observed value, the null's mean (gid ``"null-mean"``) and
        central 95% (gid ``"null-interval"``), and the effect in words (a text
        with gid ``"effect"``); if the test is not testable, an empty panel
        that states the reason.

    Notes
    -----
    The x axis starts at 0 and reaches past both the samples and the observed
    value, so the share of the observed value the null gives (null mean /
    observed, :attr:`graph.nulls.NullTest.explained`) can be read as a length.
    For a degree-preserving null this is the share of the focus's value its
    number of contacts alone gives.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(observed=3.0, samples=[1.0, 2.0, 2.0], p_value=0.25, n=3,
    ...                     statistic="betweenness", node="b", null="rewire",
    ...                     testable=True, reason="")
    >>> ax = draw_null_distribution(t)
    >>> print(next(t.get_text() for t in ax.texts if t.get_gid() == "effect"))
    the null gives 56% of the observed value
    (100% would mean its number of ties alone gives it)
    >>> plt.close(ax.figure)
    """
    ax = new_axes((6.0, 3.6)) if ax is None else ax
    name = label if label is not None else test.node
    subject = test.statistic if name is None else f"{test.statistic} of {name}"
    where = "" if view is None else f", {graph_name(view, tested=tested)}"
    title = f"Beyond degree{where}: {subject}\nagainst {null_words(test.null)}"
    if note is not None:
        title += f"\n{note}"
    if not test.testable:
        return _not_testable_panel(ax, test.reason, title)
    samples = np.asarray(test.samples, dtype=float).ravel()
    samples = samples[np.isfinite(samples)]
    if samples.size == 0:
        raise ValueError("test.samples holds no finite value; nothing to draw.")
    lo, mean, hi = _null_band(test)
    observed = float(test.observed)
    top = max(float(samples.max()), observed, 0.0)
    right = top * 1.1 if top > 0 else 1.0
    ax.axvspan(lo, hi, color=_NULL_COLOR, alpha=0.12, linewidth=0, zorder=0, gid="null-interval")
    ax.hist(samples, bins=_bins(samples), color=BAR_COLOR, edgecolor="white", zorder=1)
    ax.axvline(mean, color=_NULL_COLOR, linewidth=1.6, linestyle="--", zorder=2, gid="null-mean")
    ax.axvline(observed, color=FOCUS_BAR_COLOR, linewidth=2.2, zorder=3, gid="observed")
    ax.set_xlim(0.0, right)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.6)
    handles = [
        Patch(color=BAR_COLOR),
        Patch(color=_NULL_COLOR, alpha=0.12),
        Line2D([], [], color=_NULL_COLOR, linewidth=1.6, linestyle="--"),
        Line2D([], [], color=FOCUS_BAR_COLOR, linewidth=2.2),
    ]
    labels = [
        f"null samples ({samples.size})",
        f"central 95%: {_fmt(lo)} to {_fmt(hi)}",
        f"null mean = {_fmt(mean)}",
        f"observed = {test.observed:.3g}, p = {test.p_value:.3g}",
    ]
    ax.legend(handles, labels, loc="upper right", fontsize=8.5, framealpha=0.95)
    _effect_box(ax, mean, observed, test.null)
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlabel(test.statistic)
    ax.set_ylabel("null samples")
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _bins(samples):
    """Integer-centred bins for integer samples, else numpy's 'auto' (at most 60)."""
    lo, hi = samples.min(), samples.max()
    if np.all(samples == np.round(samples)) and hi - lo <= 60:
        return np.arange(lo - 0.5, hi + 1.5)
    edges = np.histogram_bin_edges(samples, bins="auto")
    return edges if len(edges) <= 61 else 60
