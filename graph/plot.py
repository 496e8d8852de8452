"""Readable, deterministic figures of actor networks and of claim tests.

Every function draws on a matplotlib ``Axes`` (pass ``ax=`` or get a new figure
of a sensible size), returns that ``Axes`` and never shows or saves anything:
:func:`save_figure` writes a figure, byte-identically for the same inputs.

What the network figures encode:

- node shape: the ``type`` node attribute (see :data:`TYPE_MARKERS`);
- node color: the bloc, from a colorblind-safe palette (:data:`BLOC_PALETTE`,
  Okabe-Ito then Tol's muted scheme); nodes without a bloc are grey;
- node area: a measure (betweenness unless told otherwise), linear in the value
  above a visible floor, so the radius grows as its square root;
- the focus: a thick black ring and a bold label;
- edge width: the summed ``weight``; dashed red edges have ``sign`` -1;
- labels: the ``label`` node attribute (else the node id), placed so that they
  overlap neither nodes nor each other wherever the drawing leaves room.

Examples
--------
>>> import networkx as nx
>>> from graph.plot import draw_network
>>> ax = draw_network(nx.path_graph(3))
>>> ax.get_title(loc="left")
'Network · 3 nodes, 2 ties'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import math
import os
import tempfile
import textwrap
from collections import deque
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import scipy.linalg
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.text import Text

__all__ = [
    "BLOC_PALETTE",
    "NO_BLOC_COLOR",
    "TYPE_MARKERS",
    "draw_network",
    "draw_ego",
    "draw_bloc_graph",
    "draw_measure_bars",
    "draw_null_distribution",
    "figure_size_for",
    "save_figure",
]

#: Bloc colors, assigned to bloc names in sorted order: Okabe-Ito (without black,
#: which marks the focus) followed by Paul Tol's muted scheme.
BLOC_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#332288",  # Tol indigo
    "#88CCEE",  # Tol cyan
    "#44AA99",  # Tol teal
    "#117733",  # Tol green
    "#999933",  # Tol olive
    "#DDCC77",  # Tol sand
    "#CC6677",  # Tol rose
    "#882255",  # Tol wine
    "#AA4499",  # Tol purple
)

#: Color of nodes that have no bloc.
NO_BLOC_COLOR = "#BBBBBB"

#: Marker of each node type; any other or missing type is drawn as "unknown".
TYPE_MARKERS: dict[str, str] = {
    "state": "o",
    "leader": "^",
    "person": "v",
    "organization": "s",
    "platform": "D",
    "event": "*",
    "region": "p",
    "unknown": "h",
}

_TIE_COLOR = "#8C8C8C"
_NEGATIVE_COLOR = "#B2182B"
_FOCUS_BAR_COLOR = "#D55E00"
_BAR_COLOR = "#A6A6A6"
_TYPE_FACE = "#E0E0E0"
_NODE_EDGE = "#333333"
_LABEL_WRAP = 16

# Figure geometry in inches when a function creates its own figure.
_LEFT, _RIGHT, _BOTTOM, _TOP, _GAP = 0.2, 0.2, 0.2, 0.5, 0.25


# ---------------------------------------------------------------- public API


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


def draw_network(
    G,
    measures=None,
    *,
    focus=None,
    size_by="betweenness",
    color_by="bloc",
    seed=0,
    ax=None,
    title=None,
    label_top=None,
):
    r"""Draw a network with typed, colored, sized nodes and non-overlapping labels.

    Parameters
    ----------
    G : networkx graph
        Any graph; multigraphs and directed graphs are folded into a simple
        undirected graph first (weights summed, see Notes).
    measures : pandas.DataFrame, optional
        Indexed by node id, one numeric column per measure. If None, the size
        measure is computed: ``"betweenness"`` (normalized, hop distances) or
        ``"degree"``.
    focus : node, optional
        The node under study: ringed in black, its label bold.
    size_by : str or None, default "betweenness"
        Column of ``measures`` that sets node area; None draws equal sizes.
    color_by : str, mapping or None, default "bloc"
        Node attribute holding the bloc, or a mapping node -> bloc.
    seed : int, default 0
        Seed of the layout: the same graph and seed give the same picture.
    ax : matplotlib.axes.Axes, optional
        Where to draw. If None, a new figure sized for G is created.
    title : str, optional
        Replaces the default title (view, size and focus).
    label_top : int, optional
        Label only the ``label_top`` nodes with the largest measure (and the
        focus). By default every node is labelled.

    Returns
    -------
    ax : matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``focus`` is not a node, the measure is missing or negative, a
        weight is not positive, or there are more blocs than colors.

    Notes
    -----
    Folding: the weight of a pair is :math:`w_{uv} = \sum_k w_k` over the ties
    between u and v in either direction; its sign is
    :math:`\operatorname{sgn}(\sum_k s_k w_k)` (missing signs count as 0).
    Self-loops are dropped.

    Node area in points² is :math:`a(v) = a_0 + (a_1 - a_0)\, x_v / \max_u x_u`
    for the measure :math:`x`; nodes without a value get :math:`a_0`. Markers of
    every shape are scaled to the same area, so shape does not bias size.

    Layout: each connected component minimizes the Kamada-Kawai stress
    :math:`\sum_{i<j} d_{ij}^{-2} (\lVert x_i - x_j \rVert - d_{ij})^2` on hop
    distances :math:`d_{ij}` [2]_ by stress majorization [3]_, started from a
    seeded spring layout, then is rotated so its long axis is horizontal; the
    largest component is on top, the others in rows beneath it.

    Labels are placed greedily in display coordinates, most important node
    first (focus, then by measure): each label tries 8 positions around its
    node at 4 distances and takes the one with the least weighted overlap with
    placed labels, other nodes, edges and the panel border, penalizing spots
    that sit as close to another node as to its own [4]_. The panel limits then
    grow until no label is cut off. Labels placed away from their node get a
    thin leader line. Placement is computed for the axes' size at call time:
    draw after fixing the figure's layout.

    Artists carry gids for inspection: ``"edges"`` and ``"edges-negative"``
    (LineCollections), ``"nodes:<type>"`` (one PathCollection per type, nodes in
    G's order), ``"focus"`` (the ring) and ``"label"`` (annotations).

    References
    ----------
    .. [1] Wong, B. (2011). Points of view: Color blindness. Nature Methods 8, 441.
       https://doi.org/10.1038/nmeth.1618
    .. [2] Kamada, T., & Kawai, S. (1989). An algorithm for drawing general
       undirected graphs. Information Processing Letters 31(1), 7-15.
       https://doi.org/10.1016/0020-0190(89)90102-6
    .. [3] Gansner, E. R., Koren, Y., & North, S. (2005). Graph drawing by stress
       majorization. Graph Drawing 2004, LNCS 3383, 239-250.
       https://doi.org/10.1007/978-3-540-31843-9_25
    .. [4] Christensen, J., Marks, J., & Shieber, S. (1995). An empirical study of
       algorithms for point-feature label placement. ACM Transactions on
       Graphics 14(3), 203-232. https://doi.org/10.1145/212332.212334

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> ax = draw_network(G, focus=0)
    >>> sum(len(c.get_offsets()) for c in ax.collections if c.get_gid().startswith("nodes"))
    4
    >>> plt.close(ax.figure)
    """
    H = _as_simple(G)
    _check_focus(H, focus)
    values = _measure_values(H, measures, size_by)
    bloc_of = _blocs(H, color_by)
    return _draw_graph(
        H,
        values=values,
        measure_name=size_by,
        focus=focus,
        bloc_of=bloc_of,
        bloc_order=_sorted_blocs(bloc_of),
        bloc_title=_bloc_title(color_by),
        seed=seed,
        ax=ax,
        title=_network_title(G, H, focus) if title is None else title,
        label_top=label_top,
    )


def draw_ego(
    G,
    focus,
    *,
    radius=1,
    ax=None,
    seed=0,
    measures=None,
    size_by="betweenness",
    color_by="bloc",
):
    """Draw the ego network of ``focus``, styled like :func:`draw_network`.

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph first.
    focus : node
        The ego.
    radius : int, default 1
        Include nodes within this many hops of the ego.
    ax : matplotlib.axes.Axes, optional
    seed : int, default 0
        Layout seed.
    measures : pandas.DataFrame, optional
        Measures of the *whole* graph, indexed by node id.
    size_by : str or None, default "betweenness"
    color_by : str, mapping or None, default "bloc"

    Returns
    -------
    ax : matplotlib.axes.Axes

    Notes
    -----
    Sizes and bloc colors come from the whole graph, not the ego network
    (whose betweenness would trivially peak at the ego), so the figure can sit
    beside :func:`draw_network` of the same graph.

    Examples
    --------
    >>> import networkx as nx
    >>> ax = draw_ego(nx.path_graph(5), 2)
    >>> ax.get_title(loc="left")
    'Ego network of 2 (radius 1) · 3 of 5 nodes'
    >>> plt.close(ax.figure)
    """
    H = _as_simple(G)
    _check_focus(H, focus)
    if focus is None:
        raise ValueError("draw_ego needs a focus node; got None.")
    values = _measure_values(H, measures, size_by)
    bloc_of = _blocs(H, color_by)
    ego = nx.ego_graph(H, focus, radius=radius)
    title = (
        f"Ego network of {_label(H, focus)} (radius {radius}) · "
        f"{ego.number_of_nodes()} of {H.number_of_nodes()} nodes"
    )
    name = None if size_by is None else f"{size_by} (whole network)"
    return _draw_graph(
        ego,
        values=None if values is None else values.reindex(list(ego)),
        measure_name=name,
        focus=focus,
        bloc_of={n: bloc_of[n] for n in ego},
        bloc_order=_sorted_blocs(bloc_of),
        bloc_title=_bloc_title(color_by),
        seed=seed,
        ax=ax,
        title=title,
        label_top=None,
    )


def draw_measure_bars(measures, *, measure="betweenness", top=15, focus=None, ax=None):
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
    ax = _new_axes((6.0, 0.9 + 0.3 * len(rows))) if ax is None else ax
    heights = values.reindex(rows).to_numpy()
    colors = [_FOCUS_BAR_COLOR if node == focus else _BAR_COLOR for node in rows]
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


def draw_null_distribution(test, *, label=None, ax=None):
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
    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(observed=3.0, samples=[1.0, 2.0, 2.0], p_value=0.25, n=3,
    ...                     statistic="betweenness", node="b", null="rewiring",
    ...                     testable=True, reason="")
    >>> ax = draw_null_distribution(t)
    >>> ax.get_legend().get_texts()[1].get_text()
    'observed = 3, p = 0.25, n = 3'
    >>> plt.close(ax.figure)
    """
    ax = _new_axes((6.0, 3.6)) if ax is None else ax
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
    ax.hist(samples, bins=_bins(samples), color=_BAR_COLOR, edgecolor="white", label=None)
    ax.axvline(
        test.observed,
        color=_FOCUS_BAR_COLOR,
        linewidth=2,
        gid="observed",
        label=f"observed = {test.observed:.3g}, p = {test.p_value:.3g}, n = {test.n}",
    )
    handles, labels = ax.get_legend_handles_labels()
    proxy = mpl.patches.Patch(color=_BAR_COLOR, label=f"{test.null} null ({samples.size} samples)")
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


def draw_bloc_graph(G, *, focus=None, blocs="bloc", ax=None):
    r"""Draw blocs as nodes, and how much of their connection runs through a focus.

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph first.
    focus : node, optional
        If given, each pair of blocs is labelled with the share of shortest
        paths between their actors that pass through the focus.
    blocs : str or mapping, default "bloc"
        Node attribute holding the bloc, or a mapping node -> bloc.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If no node has a bloc or the focus is not a node.

    Notes
    -----
    Bloc node area is linear in its number of actors; edge width is linear in
    the summed weight of the ties between the two blocs. A dotted edge marks a
    pair with no direct tie that is still connected through others.

    For blocs A and B the printed share is

    .. math:: s_{AB}(f) = \frac{1}{|P|} \sum_{(s,t) \in P}
              \frac{\sigma_{st}(f)}{\sigma_{st}}

    over the connected pairs P of actors s in A, t in B (neither being f),
    where :math:`\sigma_{st}` counts shortest paths (in hops) and
    :math:`\sigma_{st}(f)` those through f [1]_. Nodes without a bloc are not
    drawn but still carry paths.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249

    Examples
    --------
    >>> import networkx as nx
    >>> ax = draw_bloc_graph(nx.path_graph(3), focus=1, blocs={0: "A", 2: "B"})
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "share"]
    ['100%']
    >>> plt.close(ax.figure)
    """
    H = _as_simple(G)
    _check_focus(H, focus)
    bloc_of = _blocs(H, blocs)
    names = _sorted_blocs(bloc_of)
    if not names:
        raise ValueError(
            "no node has a bloc; set a node attribute (blocs='bloc') or pass a "
            "mapping node -> bloc, e.g. from nx.community.greedy_modularity_communities."
        )
    members = {b: [n for n in H if bloc_of[n] == b] for b in names}
    between = {}
    for u, v, w in H.edges(data="weight"):
        a, b = bloc_of[u], bloc_of[v]
        if a is not None and b is not None and a != b:
            key = tuple(sorted((a, b)))
            between[key] = between.get(key, 0.0) + w
    shares = _bloc_pair_shares(H, focus, bloc_of) if focus is not None else {}
    colors = _bloc_colors(names)

    panel = (5.5, 5.5)
    own = ax is None
    if own:
        ax = _new_axes(panel)
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(names)) / len(names)
    xy = np.c_[np.cos(angles), np.sin(angles)] if len(names) > 1 else np.zeros((1, 2))
    pos = dict(zip(names, xy, strict=True))
    counts = np.array([len(members[b]) for b in names], dtype=float)
    cmax = counts.max()
    areas = 1800.0 * counts / cmax

    edge_keys = sorted(set(between) | set(shares), key=lambda k: (names.index(k[0]), k[1]))
    segments, widths, styles = [], [], []
    wmax = max(between.values(), default=1.0)
    for key in edge_keys:
        segments.append([pos[key[0]], pos[key[1]]])
        direct = key in between
        widths.append(1.0 + 7.0 * between[key] / wmax if direct else 0.8)
        styles.append("solid" if direct else ":")
    if segments:
        ax.add_collection(
            LineCollection(
                segments,
                linewidths=widths,
                linestyles=styles,
                colors=_TIE_COLOR,
                zorder=1,
                gid="bloc-edges",
            )
        )
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=areas,
        c=[colors[b] for b in names],
        edgecolors=_NODE_EDGE,
        linewidths=0.6,
        zorder=2,
        gid="blocs",
    )
    radii = np.sqrt(areas) / 2
    focus_bloc = bloc_of.get(focus)
    if focus_bloc is not None:
        i = names.index(focus_bloc)
        ax.scatter(
            *xy[i],
            s=(np.sqrt(areas[i]) + 9) ** 2,
            facecolors="none",
            edgecolors="black",
            linewidths=2.5,
            zorder=3,
            gid="focus",
        )
        radii[i] += 6

    refs = sorted({cmax, float(max(1, round(cmax / 2))), 1.0}, reverse=True)
    sections = [_size_section("Actors (area ∝ count)", refs, lambda c: 1800.0 * c / cmax)]
    tie_handles, tie_labels = [], []
    if between:
        tie_handles.append(Line2D([], [], color=_TIE_COLOR, linewidth=3))
        tie_labels.append("ties (width ∝ summed weight)")
    if any(k not in between for k in edge_keys):
        tie_handles.append(Line2D([], [], color=_TIE_COLOR, linewidth=0.8, linestyle=":"))
        tie_labels.append("no direct tie")
    if focus is not None:
        tie_handles.append(_ring_handle(11))
        tie_labels.append(f"bloc of {_label(H, focus)}")
    if tie_handles:
        sections.append(("Key", tie_handles, tie_labels, {}))
    _stack_legends(ax, sections, own=own, panel=panel)

    texts = [f"{b} ({len(members[b])})" for b in names]
    seg_px = np.array(segments, dtype=float).reshape(-1, 4) if segments else np.empty((0, 4))
    boxes = _label_points(
        ax,
        xy,
        radii,
        texts,
        order=list(range(len(names))),
        segments=seg_px,
        bold=[b == focus_bloc for b in names],
        fontsize=9,
    )
    if shares:
        _label_edges(ax, edge_keys, pos, shares, xy, radii, boxes, seg_px)
    ax.set_axis_off()
    if focus is None:
        heading = f"Blocs · {H.number_of_nodes()} nodes in {len(names)} blocs"
    else:
        heading = f"Blocs · % of shortest paths between them through {_label(H, focus)}"
    ax.set_title(heading, loc="left", fontsize=11)
    return ax


def save_figure(fig, path, *, dpi=150):
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
    file is written to a temporary name in the same directory, then moved
    into place with :func:`os.replace`: a reader never sees half a file.

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = path.suffix.lstrip(".").lower() or "png"
    metadata = {
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
        "svg": {"Creator": None, "Date": None},
        "ps": {"Creator": None},
        "eps": {"Creator": None},
    }.get(fmt)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh, mpl.rc_context({"svg.hashsalt": "actor-graph"}):
            fig.savefig(fh, format=fmt, dpi=dpi, metadata=metadata, bbox_inches="tight")
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------- graph helpers


def _as_simple(G):
    """Fold any graph into an undirected nx.Graph, summing weight and signed weight.

    Like :func:`graph.build.simple`, but it also folds ``sign`` (the sign of the
    signed weight sum), which the edge styles need, and it rejects weights <= 0.
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    signed = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = d.get("weight", 1.0)
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise ValueError(f"edge ({u!r}, {v!r}) has a non-numeric weight {w!r}.") from None
        if not (math.isfinite(w) and w > 0):
            raise ValueError(
                f"edge ({u!r}, {v!r}) has weight {w!r}; weights are tie strengths and "
                "must be finite and positive."
            )
        s = d.get("sign")
        s = 0 if s is None or (isinstance(s, float) and math.isnan(s)) else int(s)
        key = frozenset((u, v))
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
        signed[key] = signed.get(key, 0.0) + s * w
    for u, v, d in H.edges(data=True):
        d["sign"] = int(np.sign(signed[frozenset((u, v))]))
    return H


def _check_focus(H, focus):
    if focus is not None and focus not in H:
        raise ValueError(f"focus {focus!r} is not a node of the graph.")


def _label(H, node):
    label = H.nodes[node].get("label")
    return str(node) if label is None or label == "" else str(label)


def _blocs(H, color_by):
    """Map every node to its bloc name (str) or None."""
    if color_by is None:
        return dict.fromkeys(H)
    if isinstance(color_by, Mapping):
        raw = {n: color_by.get(n) for n in H}
    else:
        raw = {n: H.nodes[n].get(color_by) for n in H}
    out = {}
    for n, b in raw.items():
        missing = b is None or b == "" or (isinstance(b, float) and math.isnan(b))
        out[n] = None if missing else str(b)
    return out


def _bloc_title(color_by):
    if isinstance(color_by, str) and color_by != "bloc":
        return color_by[:1].upper() + color_by[1:]
    return "Bloc"


def _sorted_blocs(bloc_of):
    return sorted({b for b in bloc_of.values() if b is not None})


def _bloc_colors(names):
    if len(names) > len(BLOC_PALETTE):
        raise ValueError(
            f"{len(names)} blocs but only {len(BLOC_PALETTE)} distinguishable colors; "
            "group the blocs or pass color_by=None."
        )
    return dict(zip(names, BLOC_PALETTE, strict=False))


def _node_type(H, node):
    t = H.nodes[node].get("type")
    return t if t in TYPE_MARKERS else "unknown"


def _measure_values(H, measures, size_by):
    """Return the size measure as a float Series in H's node order (NaN where missing)."""
    if size_by is None:
        return None
    if measures is None:
        if size_by == "betweenness":
            values = nx.betweenness_centrality(H)
        elif size_by == "degree":
            values = dict(H.degree())
        else:
            raise ValueError(
                f"cannot compute {size_by!r} without measures; pass a measures "
                "DataFrame, or size_by='betweenness', 'degree' or None."
            )
        series = pd.Series(values, dtype=float)
    else:
        if size_by not in measures.columns:
            raise ValueError(
                f"size_by {size_by!r} is not a column of measures; "
                f"columns are {list(measures.columns)}."
            )
        series = pd.to_numeric(measures[size_by], errors="raise").astype(float)
        if len(H) and not series.index.isin(list(H)).any():
            raise ValueError("the measures index shares no id with the graph's nodes.")
    series = series.reindex(list(H))
    if (series < 0).any():
        raise ValueError(
            f"{size_by!r} has negative values; node area encodes a magnitude, so "
            "pass a non-negative measure or size_by=None."
        )
    return series


def _bloc_pair_shares(H, focus, bloc_of):
    """Share of shortest paths between actors of two blocs passing through focus.

    Returns {(A, B): (share, n_pairs)} for A < B over connected actor pairs.
    """
    dist_f, sigma_f = _bfs_counts(H, focus)
    actors = [n for n in H if bloc_of[n] is not None and n != focus]
    totals = {}
    for i, s in enumerate(actors):
        dist_s, sigma_s = _bfs_counts(H, s)
        via = dist_s.get(focus)
        for t in actors[i + 1 :]:
            a, b = bloc_of[s], bloc_of[t]
            if a == b or t not in dist_s:
                continue
            share = 0.0
            if via is not None and t in dist_f and via + dist_f[t] == dist_s[t]:
                share = sigma_s[focus] * sigma_f[t] / sigma_s[t]
            key = (a, b) if a < b else (b, a)
            total, count = totals.get(key, (0.0, 0))
            totals[key] = (total + share, count + 1)
    return {key: (total / count, count) for key, (total, count) in totals.items()}


def _bfs_counts(H, source):
    """Hop distances and shortest-path counts from source."""
    dist, sigma = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        for w in H[v]:
            if w not in dist:
                dist[w] = dist[v] + 1
                sigma[w] = 0
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
    return dist, sigma


def _network_title(G, H, focus):
    view = G.graph.get("view")
    parts = [f"{view} view" if view else "Network"]
    n, m = H.number_of_nodes(), H.number_of_edges()
    nodes = _plural(n, "node")
    if G.is_multigraph() or G.is_directed():
        parts.append(f"{nodes}, {_plural(G.number_of_edges(), 'tie')} in {_plural(m, 'pair')}")
    else:
        parts.append(f"{nodes}, {_plural(m, 'tie')}")
    if focus is not None:
        parts.append(f"focus: {_label(H, focus)}")
    return " · ".join(parts)


def _plural(k, word):
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


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


# ---------------------------------------------------------------- layout


def _layout(H, seed):
    """Deterministic positions: Kamada-Kawai per component, components packed in rows."""
    comps = sorted(
        (list(c) for c in nx.connected_components(H)),
        key=lambda c: -len(c),
    )
    index = {n: i for i, n in enumerate(H)}
    for c in comps:
        c.sort(key=index.__getitem__)
    comps.sort(key=lambda c: (-len(c), index[c[0]]))
    blocks = [_component_layout(H.subgraph(c), c, seed) for c in comps]
    if not blocks:
        return {}
    # The largest component on top; the others in rows beneath it, as wide as it.
    row_width = max(np.ptp(blocks[0][:, 0]), 3.0)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for k, (c, b) in enumerate(zip(comps, blocks, strict=True)):
        w, h = np.ptp(b[:, 0]), np.ptp(b[:, 1])
        if k == 1 or (x > 0 and x + w > row_width):
            x, y, row_h = 0.0, y - row_h - 0.7, 0.0
        pos.update(zip(c, b - b.min(axis=0) + [x, y - h], strict=True))
        x += w + 1.0
        row_h = max(row_h, h)
    return pos


def _component_layout(S, nodes, seed):
    """Layout of one connected component with unit mean edge length, long axis horizontal."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    start = nx.spring_layout(S, seed=seed)
    if n <= 400:
        xy = _stress_majorization(S, nodes, np.array([start[v] for v in nodes], dtype=float))
    else:
        raw = nx.spring_layout(S, pos=start, seed=seed, iterations=100)
        xy = np.array([raw[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(xy.T))
    xy = xy @ vecs[:, ::-1]
    index = {v: i for i, v in enumerate(nodes)}
    lengths = [np.linalg.norm(xy[index[u]] - xy[index[v]]) for u, v in S.edges()]
    scale = float(np.mean(lengths)) if lengths else 1.0
    return xy / (scale if scale > 0 else 1.0)


def _stress_majorization(S, nodes, xy, *, iterations=300, tol=1e-4):
    """Minimize the Kamada-Kawai stress on hop distances by Guttman transforms (SMACOF)."""
    D = nx.floyd_warshall_numpy(S, nodelist=nodes, weight=None)
    n = len(nodes)
    diag = np.diag_indices(n)
    W = np.zeros_like(D)
    off = ~np.eye(n, dtype=bool)
    W[off] = D[off] ** -2.0
    Lw = -W
    Lw[diag] = W.sum(axis=1)
    # Lw is singular (constant vectors); Lw + 11'/n is not, and agrees with the
    # pseudo-inverse on the centred right-hand sides the iteration produces.
    factor = scipy.linalg.cho_factor(Lw + 1.0 / n)
    xy = xy - xy.mean(axis=0)
    dist = _pairwise(xy)
    xy = xy * (W * D * dist).sum() / max((W * dist**2).sum(), 1e-12)
    previous = np.inf
    for _ in range(iterations):
        dist = _pairwise(xy)
        stress = float((W * (dist - D) ** 2).sum())
        if previous - stress < tol * previous:
            break
        previous = stress
        with np.errstate(divide="ignore", invalid="ignore"):
            B = np.where(dist > 0, -W * D / dist, 0.0)
        B[diag] = 0.0
        B[diag] = -B.sum(axis=1)
        xy = scipy.linalg.cho_solve(factor, B @ xy)
    return xy


def _pairwise(xy):
    dx = xy[:, 0, None] - xy[None, :, 0]
    dy = xy[:, 1, None] - xy[None, :, 1]
    return np.sqrt(dx * dx + dy * dy)


# ---------------------------------------------------------------- drawing engine


def _new_axes(panel):
    """Create a figure whose axes panel is ``panel`` inches, with room for a title."""
    w, h = panel
    fig, ax = plt.subplots(figsize=(_LEFT + w + _RIGHT, _BOTTOM + h + _TOP))
    fig.set_layout_engine("none")
    _set_panel(ax, panel, fig.get_size_inches())
    return ax


def _set_panel(ax, panel, fig_size):
    w, h = panel
    fw, fh = fig_size
    ax.set_position([_LEFT / fw, (fh - _TOP - h) / fh, w / fw, h / fh])


def _renderer(fig):
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


@cache
def _marker_geometry(marker):
    """(area factor, radius factor) of a marker: scale s by the first to match a circle's area."""
    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    if marker == "o":
        return 1.0, 0.5
    poly = path.to_polygons(closed_only=False)[0]
    x, y = poly[:, 0], poly[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    return (math.pi / 4) / area, float(np.hypot(x, y).max())


def _area_range(n):
    """Marker areas (points²) for the smallest and largest value."""
    shrink = min(1.0, math.sqrt(30.0 / max(n, 1)))
    return max(14.0, 45.0 * shrink), max(120.0, 750.0 * shrink)


def _draw_graph(
    H, *, values, measure_name, focus, bloc_of, bloc_order, bloc_title, seed, ax, title, label_top
):
    nodes = list(H)
    n = len(nodes)
    own = ax is None
    panel = figure_size_for(H)
    if own:
        ax = _new_axes(panel)
    pos = _layout(H, seed) if n else {}
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    colors = _bloc_colors(bloc_order)
    fontsize = 9.0 if n <= 40 else 8.0 if n <= 100 else 7.0

    a0, a1 = _area_range(n)
    if values is None:
        areas = np.full(n, 0.5 * (a0 + a1) if n <= 30 else a0 * 2)
        vmax = 0.0
    else:
        vals = values.to_numpy(dtype=float)
        vmax = float(np.nanmax(vals)) if np.isfinite(vals).any() else 0.0
        ratio = np.nan_to_num(vals / vmax) if vmax > 0 else np.zeros(n)
        areas = a0 + (a1 - a0) * ratio
    types = [_node_type(H, v) for v in nodes]
    typed = any(H.nodes[v].get("type") is not None for v in nodes)
    radii = np.empty(n)

    # Edges: solid grey for sign 0/+1, dashed red for sign -1; width linear in weight.
    index = {v: i for i, v in enumerate(nodes)}
    edges = list(H.edges(data=True))
    weights = [d["weight"] for *_, d in edges]
    wmax, wmin = max(weights, default=1.0), min(weights, default=1.0)
    groups = {"edges": [], "edges-negative": []}
    for u, v, d in edges:
        key = "edges-negative" if d.get("sign") == -1 else "edges"
        width = 1.5 if wmax == wmin else 0.7 + 3.3 * d["weight"] / wmax
        groups[key].append((xy[index[u]], xy[index[v]], width))
    for gid, items in groups.items():
        if items:
            negative = gid == "edges-negative"
            ax.add_collection(
                LineCollection(
                    [(a, b) for a, b, _ in items],
                    linewidths=[w for *_, w in items],
                    colors=_NEGATIVE_COLOR if negative else _TIE_COLOR,
                    linestyles="--" if negative else "solid",
                    zorder=1,
                    gid=gid,
                )
            )

    # Nodes: one scatter per type, in G's node order within each.
    for t, marker in TYPE_MARKERS.items():
        idx = [i for i, ti in enumerate(types) if ti == t]
        if not idx:
            continue
        area_f, rad_f = _marker_geometry(marker if typed else "o")
        s = areas[idx] * area_f
        radii[idx] = np.sqrt(s) * rad_f
        ax.scatter(
            xy[idx, 0],
            xy[idx, 1],
            s=s,
            marker=marker if typed else "o",
            c=[colors.get(bloc_of[nodes[i]], NO_BLOC_COLOR) for i in idx],
            edgecolors=_NODE_EDGE,
            linewidths=0.6,
            zorder=2,
            gid=f"nodes:{t}",
        )
    if focus is not None:
        i = index[focus]
        ring = 2 * radii[i] + 7
        ax.scatter(
            *xy[i],
            s=ring**2,
            marker="o",
            facecolors="none",
            edgecolors="black",
            linewidths=2.5,
            zorder=3,
            gid="focus",
        )
        radii[i] = ring / 2 + 1.5

    sections = _network_legends(
        H,
        focus,
        bloc_of,
        bloc_order,
        bloc_title,
        colors,
        types if typed else [],
        groups,
        wmax == wmin,
    )
    sections.append(_size_legend(measure_name, vmax, a0, a1, values))
    sections = [s for s in sections if s is not None]
    _stack_legends(ax, _order_sections(sections), own=own, panel=panel)

    order = _label_order(nodes, values, focus, label_top)
    segments = np.array(
        [[*xy[index[u]], *xy[index[v]]] for u, v in H.edges()], dtype=float
    ).reshape(-1, 4)
    _label_points(
        ax,
        xy,
        radii,
        [_label(H, v) for v in nodes],
        order=order,
        segments=segments,
        bold=[v == focus for v in nodes],
        fontsize=fontsize,
    )
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontsize=11)
    return ax


def _label_order(nodes, values, focus, label_top):
    """Return the indices of the nodes to label, most important first."""
    keys = np.zeros(len(nodes)) if values is None else np.nan_to_num(values.to_numpy(), nan=-1.0)
    order = sorted(range(len(nodes)), key=lambda i: (-keys[i], i))
    if label_top is not None:
        order = order[: max(int(label_top), 0)]
        if focus is not None and nodes.index(focus) not in order:
            order.append(nodes.index(focus))
    if focus is not None and nodes.index(focus) in order:
        order.remove(nodes.index(focus))
        order.insert(0, nodes.index(focus))
    return order


def _network_legends(H, focus, bloc_of, bloc_order, bloc_title, colors, types, groups, uniform):
    sections = []
    present = [b for b in bloc_order if b in set(bloc_of.values())]
    if present:
        handles = [_dot(colors[b]) for b in present]
        labels = list(present)
        if any(b is None for b in bloc_of.values()):
            handles.append(_dot(NO_BLOC_COLOR))
            labels.append("no bloc")
        sections.append((bloc_title, handles, labels, {}))
    if types:
        kinds = [t for t in TYPE_MARKERS if t in set(types)]
        handles = [_dot(_TYPE_FACE, marker=TYPE_MARKERS[t]) for t in kinds]
        sections.append(("Type", handles, kinds, {}))
    handles, labels = [], []
    if focus is not None:
        handles.append(_ring_handle(12))
        labels.append(f"focus: {_label(H, focus)}")
    if groups["edges"]:
        handles.append(Line2D([], [], color=_TIE_COLOR, linewidth=2))
        labels.append("tie (equal weights)" if uniform else "tie (width ∝ weight)")
    if groups["edges-negative"]:
        handles.append(Line2D([], [], color=_NEGATIVE_COLOR, linewidth=2, linestyle="--"))
        labels.append("conflictual tie (sign −1)")
    if handles:
        sections.append(("Key", handles, labels, {}))
    return sections


def _size_legend(measure, vmax, a0, a1, values):
    if values is None or measure is None:
        return None
    vals = values.to_numpy(dtype=float)
    vals = vals[np.isfinite(vals)]
    refs = _reference_values(vmax, integer=bool(np.all(vals == np.round(vals))))
    return _size_section(
        f"Size: {measure}", refs, lambda v: a0 + (a1 - a0) * (v / vmax if vmax > 0 else 0.0)
    )


def _order_sections(sections):
    """Bloc, Type, size, Key: the key last, so the legends read from data to decoding."""
    return sorted(sections, key=lambda s: s[0] == "Key")


def _size_section(title, refs, area_of, *, marker_color=_TYPE_FACE):
    """Legend section whose reference markers use the figure's own area formula."""
    handles, labels = [], []
    for r in sorted(refs):  # largest last: its marker may rise into the row above, not the title
        handles.append(_dot(marker_color, size=math.sqrt(area_of(r))))
        labels.append(f"{r:.3g}")
    big = max(math.sqrt(area_of(r)) for r in refs)
    kw = {"handleheight": max(0.7, 1.25 * big / 8.5), "handlelength": max(2.0, big / 8.5)}
    return (title, handles, labels, kw)


def _reference_values(vmax, *, integer):
    """Two or three round values spanning the measure: a nice maximum, its half, zero."""
    if vmax <= 0:
        return [0.0]
    nice = _nice_floor(vmax)
    refs = [nice, nice / 2, 0.0]
    if integer:
        refs = sorted({float(max(round(r), 0)) for r in refs}, reverse=True)
    return refs


def _nice_floor(x):
    """Return the largest number of the form {1, 2, 2.5, 5} x 10^k not above x."""
    k = math.floor(math.log10(x))
    for m in (5.0, 2.5, 2.0, 1.0):
        if m * 10**k <= x * (1 + 1e-9):
            return m * 10**k
    return 10.0**k


def _ring_handle(size: float) -> Line2D:
    """Legend handle for the focus ring."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=2.5,
    )


def _dot(color, *, marker="o", size=8.0):
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=color,
        markeredgecolor=_NODE_EDGE,
        markeredgewidth=0.6,
    )


def _stack_legends(ax, sections, *, own, panel):
    """Stack legend sections to the right of the axes; grow an owned figure to fit them."""
    fig = ax.figure
    renderer = _renderer(fig)
    dpi = fig.dpi
    gap_px = _GAP * dpi
    y_px = 0.0
    legends = []
    width_px = 0.0
    for title, handles, labels, kw in sections:
        leg = Legend(
            ax,
            handles,
            labels,
            title=title,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            bbox_transform=ax.transAxes,
            frameon=False,
            fontsize=8.5,
            title_fontsize=9,
            alignment="left",
            borderaxespad=0.0,
            borderpad=0.2,
            **kw,
        )
        leg.get_title().set_fontweight("bold")
        bbox = leg.get_window_extent(renderer)
        legends.append((leg, y_px))
        y_px += bbox.height + 0.12 * dpi
        width_px = max(width_px, bbox.width)
    if own:
        w, h = panel
        fig_w = _LEFT + w + _GAP + width_px / dpi + _RIGHT
        fig_h = max(_BOTTOM + h + _TOP, _TOP + y_px / dpi + _BOTTOM)
        fig.set_size_inches(fig_w, fig_h)
        _set_panel(ax, panel, (fig_w, fig_h))
    box = ax.bbox
    for leg, offset in legends:
        leg.set_bbox_to_anchor((1.0 + gap_px / box.width, 1.0 - offset / box.height), ax.transAxes)
        ax.add_artist(leg)
        leg.set_clip_on(False)


# ---------------------------------------------------------------- label placement

_DIRECTIONS = (
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (0.7071, 0.7071, "left", "bottom"),
    (-0.7071, 0.7071, "right", "bottom"),
    (0.7071, -0.7071, "left", "top"),
    (-0.7071, -0.7071, "right", "top"),
)
_RINGS = (0.0, 7.0, 16.0, 30.0)  # extra distance from the node, in points
_W_LABEL, _W_NODE, _W_OUTSIDE, _W_EDGE, _W_RING, _W_NEAR = 12.0, 6.0, 1.0, 0.6, 0.35, 1.5


def _text_size(fig, renderer, text, fontsize, bold):
    t = Text(0, 0, text, fontsize=fontsize, fontweight="bold" if bold else "normal")
    t.set_figure(fig)
    bbox = t.get_window_extent(renderer)
    return bbox.width, bbox.height


def _wrap(text):
    lines = textwrap.wrap(text, _LABEL_WRAP, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines) if lines else text


def _label_points(ax, xy, radii, texts, *, order, segments, bold, fontsize):
    """Place point labels without overlap; returns their boxes in display pixels.

    ``radii`` are marker radii in points; ``segments`` are (x0, y0, x1, y1) in data units.
    """
    fig = ax.figure
    renderer = _renderer(fig)
    px = fig.dpi / 72.0
    wrapped = [_wrap(t) for t in texts]
    sizes = np.array(
        [_text_size(fig, renderer, wrapped[i], fontsize, bold[i]) for i in range(len(texts))]
    ).reshape(-1, 2)
    r_px = radii * px
    gap = 2.0 * px
    line = fontsize * 1.2 * px
    margins = np.array([r_px.max(initial=0) + gap + line] * 4) if len(xy) else np.zeros(4)
    for _ in range(8):
        _set_limits(ax, xy, margins)
        pts = ax.transData.transform(xy) if len(xy) else np.empty((0, 2))
        seg_px = _segments_px(ax, segments)
        choice = _choose(order, pts, r_px, sizes, seg_px, ax.bbox, gap, px)
        boxes = np.array([c[0] for c in choice.values()]).reshape(-1, 4)
        over = _overhang(boxes, ax.bbox)
        if not (over > 0.5).any():
            break
        margins = np.minimum(
            margins + over + gap, 0.3 * np.array([*ax.bbox.size] * 2)[[0, 0, 1, 1]]
        )
    placed = []
    for i in order:
        box, (dx, dy, ha, va, far) = choice[i]
        ax.annotate(
            wrapped[i],
            xy[i],
            xytext=(dx / px, dy / px),
            textcoords="offset points",
            ha=ha,
            va=va,
            multialignment={"left": "left", "right": "right"}.get(ha, "center"),
            fontsize=fontsize,
            fontweight="bold" if bold[i] else "normal",
            zorder=4,
            gid="label",
            annotation_clip=False,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
            arrowprops=(
                {
                    "arrowstyle": "-",
                    "color": "#555555",
                    "linewidth": 0.5,
                    "shrinkA": 0,
                    "shrinkB": radii[i] + 1,
                }
                if far
                else None
            ),
        )
        placed.append(box)
    return np.array(placed).reshape(-1, 4)


def _set_limits(ax, xy, margins):
    """Set limits so that points sit inside the panel with margins (l, r, b, t) in pixels."""
    W, H = ax.bbox.width, ax.bbox.height
    lo = xy.min(axis=0) if len(xy) else np.zeros(2)
    hi = xy.max(axis=0) if len(xy) else np.ones(2)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    lo = np.where(hi - lo > 0, lo, lo - 0.5)
    for k, (size, m0, m1) in enumerate(((W, margins[0], margins[1]), (H, margins[2], margins[3]))):
        scale = (size - m0 - m1) / span[k]
        limits = (lo[k] - m0 / scale, lo[k] + span[k] + m1 / scale)
        (ax.set_xlim if k == 0 else ax.set_ylim)(*limits)


def _segments_px(ax, segments):
    if not len(segments):
        return np.empty((0, 4))
    a = ax.transData.transform(segments[:, :2])
    b = ax.transData.transform(segments[:, 2:])
    return np.hstack([a, b])


def _overhang(boxes, bbox):
    if not len(boxes):
        return np.zeros(4)
    return np.maximum(
        0.0,
        [
            bbox.x0 - boxes[:, 0].min(),
            boxes[:, 2].max() - bbox.x1,
            bbox.y0 - boxes[:, 1].min(),
            boxes[:, 3].max() - bbox.y1,
        ],
    )


def _candidates(x, y, r, w, h, gap, px):
    """Candidate boxes (x0, y0, x1, y1), placements, base costs and leader segments."""
    boxes, places, costs, leaders = [], [], [], []
    for ring, extra in enumerate(_RINGS):
        d = r + gap + extra * px
        for k, (ux, uy, ha, va) in enumerate(_DIRECTIONS):
            ax_, ay_ = x + d * ux, y + d * uy
            x0 = {"left": ax_, "right": ax_ - w, "center": ax_ - w / 2}[ha]
            y0 = {"bottom": ay_, "top": ay_ - h, "center": ay_ - h / 2}[va]
            boxes.append((x0, y0, x0 + w, y0 + h))
            places.append((d * ux, d * uy, ha, va, ring > 0))
            costs.append(_W_RING * ring + 0.01 * k)
            leaders.append((x + r * ux, y + r * uy, ax_, ay_) if ring else (x, y, x, y))
    return np.array(boxes), places, np.array(costs), np.array(leaders)


def _choose(order, pts, r_px, sizes, seg_px, bbox, gap, px):
    """Greedy placement: each label takes its cheapest candidate given those placed before."""
    nodes = np.c_[pts - r_px[:, None], pts + r_px[:, None]] if len(pts) else np.empty((0, 4))
    placed = np.empty((0, 4))
    inner = (bbox.x0 + 1, bbox.y0 + 1, bbox.x1 - 1, bbox.y1 - 1)
    chosen = {}
    leaders = np.empty((0, 4))
    for i in order:
        w, h = sizes[i]
        boxes, places, cost, lead = _candidates(*pts[i], r_px[i], w, h, gap, px)
        area = np.maximum(w * h, 1.0)
        clash = _overlap(boxes, placed)
        cost = cost + _W_LABEL * (clash / area + (clash > 0))
        # a leader line must not cross a placed label, nor a label a placed leader line
        cost += _W_LABEL * (_clip_matrix(placed, lead).sum(axis=0) > 0)
        cost += _W_LABEL * (_clip_matrix(boxes, leaders).sum(axis=1) > 0)
        cost += _W_NODE * _overlap(boxes, np.delete(nodes, i, axis=0)) / area
        cost += _W_OUTSIDE * (area - _overlap(boxes, np.array([inner]))) / area
        cost += _W_EDGE * _clip_length(boxes, seg_px) / max(w, 1.0)
        others = np.delete(np.arange(len(pts)), i)
        cost += _W_NEAR * _nearness(boxes, pts[others], r_px[others], 10.0 * px)
        k = int(np.argmin(cost))
        chosen[i] = (boxes[k], places[k])
        if places[k][4]:
            leaders = np.vstack([leaders, lead[k]])
        pad = 1.5 * px
        placed = np.vstack([placed, boxes[k] + [-pad, -pad, pad, pad]])
    return chosen


def _nearness(boxes, centers, radii, reach):
    """Sum over other nodes of how close each box comes to them: 1 when touching, 0 beyond reach.

    A label as close to another node as to its own would be read as that node's.
    """
    if not len(centers):
        return np.zeros(len(boxes))
    cx, cy = centers[None, :, 0], centers[None, :, 1]
    dx = np.maximum(np.maximum(boxes[:, 0, None] - cx, cx - boxes[:, 2, None]), 0.0)
    dy = np.maximum(np.maximum(boxes[:, 1, None] - cy, cy - boxes[:, 3, None]), 0.0)
    gap = np.hypot(dx, dy) - radii[None, :]
    return np.clip((reach - gap) / reach, 0.0, 1.0).sum(axis=1)


def _overlap(boxes, others):
    """Total intersection area of each box with a set of boxes, shape (len(boxes),)."""
    if not len(others):
        return np.zeros(len(boxes))
    b, o = boxes[:, None, :], others[None, :, :]
    w = np.minimum(b[..., 2], o[..., 2]) - np.maximum(b[..., 0], o[..., 0])
    h = np.minimum(b[..., 3], o[..., 3]) - np.maximum(b[..., 1], o[..., 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def _clip_length(boxes, segs):
    """Total length of segments inside each box, shape (len(boxes),)."""
    return _clip_matrix(boxes, segs).sum(axis=1)


def _clip_matrix(boxes, segs):
    """Length of each segment inside each box (Liang-Barsky clipping), shape (boxes, segs)."""
    if not len(segs) or not len(boxes):
        return np.zeros((len(boxes), len(segs)))
    x0, y0 = segs[None, :, 0], segs[None, :, 1]
    dx, dy = segs[None, :, 2] - x0, segs[None, :, 3] - y0
    bx0, by0, bx1, by1 = (boxes[:, k, None] for k in range(4))
    t0 = np.zeros((len(boxes), len(segs)))
    t1 = np.ones_like(t0)
    ok = np.ones_like(t0, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
            p = np.broadcast_to(p, t0.shape)
            q = np.broadcast_to(q, t0.shape)
            ok &= ~((p == 0) & (q < 0))
            ratio = q / p
            t0 = np.where(p < 0, np.maximum(t0, ratio), t0)
            t1 = np.where(p > 0, np.minimum(t1, ratio), t1)
    inside = np.where(ok & (t1 > t0), t1 - t0, 0.0)
    return inside * np.hypot(dx, dy)


def _label_edges(ax, edge_keys, pos, shares, xy, radii, boxes, seg_px_data):
    """Write each bloc pair's share on its edge, avoiding nodes and labels."""
    fig = ax.figure
    renderer = _renderer(fig)
    px = fig.dpi / 72.0
    pts = ax.transData.transform(xy)
    r_px = radii * px
    nodes = np.c_[pts - r_px[:, None], pts + r_px[:, None]]
    seg_px = _segments_px(ax, seg_px_data)
    placed = np.vstack([nodes, boxes])
    pad = 2.0 * px
    for j, key in enumerate(edge_keys):
        if key not in shares:
            continue
        share = shares[key][0]
        text = "<1%" if 0 < share < 0.005 else f"{share:.0%}"
        w, h = _text_size(fig, renderer, text, 8.5, True)
        w, h = w + 2 * pad, h + 2 * pad
        a, b = ax.transData.transform([pos[key[0]], pos[key[1]]])
        ts = np.array([0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75])
        centers = a + ts[:, None] * (b - a)
        cand = np.c_[centers - [w / 2, h / 2], centers + [w / 2, h / 2]]
        others = np.delete(seg_px, j, axis=0)
        cost = 12.0 * _overlap(cand, placed) / (w * h) + 0.3 * _clip_length(cand, others) / w
        cost += 0.05 * np.abs(ts - 0.5)
        k = int(np.argmin(cost))
        placed = np.vstack([placed, cand[k]])
        x, y = ax.transData.inverted().transform(centers[k])
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            zorder=5,
            gid="share",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
