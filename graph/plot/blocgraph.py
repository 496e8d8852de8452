r"""The bloc figure: blocs as nodes, and how much of their connection runs through a focus.

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> ax = draw_bloc_graph(nx.path_graph(3), focus=1, blocs={0: "A", 2: "B"})
>>> [t.get_text() for t in ax.texts if t.get_gid() == "share"]
['100%']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from graph.blocs import BlocSpec
from graph.fold import fold
from graph.measures import bloc_pair_shares
from graph.plot.canvas import new_axes
from graph.plot.labels import label_edges, label_points
from graph.plot.legends import ring_handle, size_section, stack_legends
from graph.plot.style import (
    NODE_EDGE,
    TIE_COLOR,
    bloc_colors,
    bloc_names,
    check_focus,
    node_label,
    sorted_blocs,
)

__all__ = ["draw_bloc_graph"]


def draw_bloc_graph(
    G: nx.Graph, *, focus=None, blocs: BlocSpec = "bloc", ax: Axes | None = None
) -> Axes:
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

    over the connected pairs P of actors s in A, t in B (the focus's own pairs
    included), where :math:`\sigma_{st}` counts shortest paths (in hops) and
    :math:`\sigma_{st}(f)` those through f [1]_: the decomposition of the
    focus's bloc-pair betweenness by pair of blocs
    (:func:`graph.measures.bloc_pair_shares`). Nodes without a bloc are not
    drawn but still carry paths.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> ax = draw_bloc_graph(nx.path_graph(3), focus=1, blocs={0: "A", 2: "B"})
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "share"]
    ['100%']
    >>> plt.close(ax.figure)
    """
    H = fold(G)
    check_focus(H, focus)
    bloc_of = bloc_names(H, blocs)
    names = sorted_blocs(bloc_of)
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
    shares = _shares(H, focus, blocs) if focus is not None else {}
    colors = bloc_colors(names)

    panel = (5.5, 5.5)
    own = ax is None
    if own:
        ax = new_axes(panel)
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
                colors=TIE_COLOR,
                zorder=1,
                gid="bloc-edges",
            )
        )
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=areas,
        c=[colors[b] for b in names],
        edgecolors=NODE_EDGE,
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
    sections = [size_section("Actors (area ∝ count)", refs, lambda c: 1800.0 * c / cmax)]
    tie_handles, tie_labels = [], []
    if between:
        tie_handles.append(Line2D([], [], color=TIE_COLOR, linewidth=3))
        tie_labels.append("ties (width ∝ summed weight)")
    if any(k not in between for k in edge_keys):
        tie_handles.append(Line2D([], [], color=TIE_COLOR, linewidth=0.8, linestyle=":"))
        tie_labels.append("no direct tie")
    if focus is not None:
        tie_handles.append(ring_handle(11))
        tie_labels.append(f"bloc of {node_label(H, focus)}")
    if tie_handles:
        sections.append(("Key", tie_handles, tie_labels, {}))
    stack_legends(ax, sections, own=own, panel=panel)

    texts = [f"{b} ({len(members[b])})" for b in names]
    seg_px = np.array(segments, dtype=float).reshape(-1, 4) if segments else np.empty((0, 4))
    boxes = label_points(
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
        label_edges(ax, edge_keys, pos, shares, xy, radii, boxes, seg_px)
    ax.set_axis_off()
    if focus is None:
        heading = f"Blocs · {H.number_of_nodes()} nodes in {len(names)} blocs"
    else:
        heading = f"Blocs · % of shortest paths between them through {node_label(H, focus)}"
    ax.set_title(heading, loc="left", fontsize=11)
    return ax


def _shares(H, focus, blocs) -> dict:
    """{(A, B): (share, pairs)} over the pairs of named blocs, names as the figure shows them."""
    table = bloc_pair_shares(H, focus, blocs)
    out = {}
    for a, b, pairs, share in table[["bloc_a", "bloc_b", "pairs", "share"]].itertuples(index=False):
        if a is None or b is None:
            continue
        key = tuple(sorted((str(a), str(b))))
        out[key] = (float(share), int(pairs))
    return out
