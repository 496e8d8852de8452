r"""Network figures: the whole graph, and one actor's neighbourhood.

What the network figures encode:

- node shape: the ``type`` node attribute (see :data:`~graph.plot.style.TYPE_MARKERS`);
- node color: the bloc, from a colorblind-safe palette
  (:data:`~graph.plot.style.BLOC_PALETTE`, Tol's muted scheme then Okabe-Ito);
  nodes without a bloc are grey;
- node area: a measure (betweenness unless told otherwise), linear in the value
  above a visible floor, so the radius grows as its square root;
- the focus: a thick black ring and a bold label;
- edge width: the summed ``weight``; dashed red edges have ``sign`` -1;
  dotted purple edges are ties that only the text's own claim states
  (relation ``links``, or tie ids in ``G.graph["claim_ties"]``): the claim,
  not evidence for it; arrowheads mark directed ties (both ends when they run
  both ways);
- layout: no node sits on a tie it is not part of, nor on another node
  (:func:`graph.plot.layout.separate`);
- labels: the ``label`` node attribute (else the node id), placed so that they
  overlap neither nodes nor each other wherever the drawing leaves room.

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> ax = draw_network(nx.path_graph(3))
>>> print(ax.get_title(loc="left"))
Network: nodes sized by betweenness (share of shortest paths through them)
3 nodes, 2 ties
>>> plt.close(ax.figure)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch

from graph.blocs import BlocSpec
from graph.fold import fold
from graph.measures import MEASURES, actor_measures
from graph.plot.canvas import figure_size_for, marker_areas, marker_geometry, new_axes
from graph.plot.labels import label_points
from graph.plot.layout import layout
from graph.plot.legends import network_legends, order_sections, size_legend, stack_legends
from graph.plot.style import (
    CLAIM_COLOR,
    NEGATIVE_COLOR,
    NO_BLOC_COLOR,
    NODE_EDGE,
    TIE_COLOR,
    TYPE_MARKERS,
    bloc_names,
    bloc_title,
    check_focus,
    colors_for,
    is_claim_edge,
    measure_words,
    node_label,
    node_type,
    plural,
    sorted_blocs,
    view_words,
)

__all__ = ["draw_network", "draw_ego", "ego_repeats_view", "EGO_REPEATS"]

#: The ego figure repeats the view when the ego network holds this share of its nodes.
EGO_REPEATS = 0.9

#: Ties drawn apart, in drawing order: style of each group.
_EDGE_STYLES = {
    "edges": {"color": TIE_COLOR, "linestyle": "solid"},
    "edges-negative": {"color": NEGATIVE_COLOR, "linestyle": (0, (4.0, 2.5))},
    "edges-claim": {"color": CLAIM_COLOR, "linestyle": (0, (1.0, 2.0))},
}


def draw_network(
    G: nx.Graph,
    *,
    measures: pd.DataFrame | None = None,
    focus=None,
    size_by: str | None = "betweenness",
    color_by: BlocSpec = "bloc",
    seed: int = 0,
    ax: Axes | None = None,
    title: str | None = None,
    label_top: int | None = None,
    palette: Mapping[str, str] | None = None,
    note: str | None = None,
    color_title: str | None = None,
    none_label: str = "no bloc",
) -> Axes:
    r"""Draw a network with typed, colored, sized nodes and non-overlapping labels.

    Parameters
    ----------
    G : networkx graph
        Any graph; multigraphs and directed graphs are folded into a simple
        undirected graph first (weights summed, see Notes).
    measures : pandas.DataFrame, optional
        Indexed by node id, one numeric column per measure. If None, the size
        measure is computed with :func:`graph.measures.actor_measures`.
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
    palette : mapping of bloc name -> color, optional
        Colors of the blocs, e.g. :func:`graph.plot.style.bloc_palette` of
        every view, so that a bloc keeps its color across figures. By default
        the palette is assigned to the blocs present, in sorted order.
    note : str, optional
        A last title line, e.g. the focus's numbers in this graph and in the
        one its claim was tested on.
    color_title, none_label : str, optional
        The colour legend's title (default: "Bloc", or the attribute's name)
        and what it calls nodes of no bloc.

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
    Folding (:func:`graph.fold.fold`): the weight of a pair is
    :math:`w_{uv} = \sum_k w_k` over the ties between u and v in either
    direction; its sign is :math:`\operatorname{sgn}(\sum_k s_k w_k)`
    (missing signs count as 0). Self-loops are dropped. A pair whose ties
    are all the text's own claim (:func:`graph.plot.style.is_claim_edge`) is
    drawn dotted in :data:`~graph.plot.style.CLAIM_COLOR`. In a directed
    graph, each tie not marked ``directed=False`` puts an arrowhead at its
    target's end of the pair.

    Node area in points² is :math:`a(v) = a_0 + (a_1 - a_0)\, x_v / \max_u x_u`
    for the measure :math:`x`; nodes without a value get :math:`a_0`. Markers of
    every shape are scaled to the same area, so shape does not bias size.

    Layout: each connected component minimizes the Kamada-Kawai stress
    :math:`\sum_{i<j} d_{ij}^{-2} (\lVert x_i - x_j \rVert - d_{ij})^2` on hop
    distances :math:`d_{ij}` [2]_ by stress majorization [3]_, started from a
    seeded spring layout, then is rotated so its long axis is horizontal; the
    largest component is on top, the others in rows beneath it. Nodes that
    lie on a tie they are not part of, or on another node, are then moved
    off (:func:`graph.plot.layout.separate`).

    Labels are placed greedily in display coordinates, most important node
    first (focus, then by measure): each label tries 8 positions around its
    node at 4 distances and takes the one with the least weighted overlap with
    placed labels, other nodes, edges (their length inside the label, and
    each edge that crosses it) and the panel border, penalizing spots
    that sit as close to another node as to its own [4]_. The panel limits then
    grow until no label is cut off. Labels placed away from their node get a
    thin leader line. Placement is computed for the axes' size at call time:
    draw after fixing the figure's layout.

    Artists carry gids for inspection: ``"edges"``, ``"edges-negative"`` and
    ``"edges-claim"`` (LineCollections), ``"arrow"`` (one FancyArrowPatch per
    arrowhead), ``"nodes:<type>"`` (one PathCollection per type, nodes in
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
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> ax = draw_network(G, focus=0)
    >>> sum(len(c.get_offsets()) for c in ax.collections if c.get_gid().startswith("nodes"))
    4
    >>> plt.close(ax.figure)
    """
    H = fold(G)
    check_focus(H, focus)
    values = _measure_values(H, measures, size_by)
    bloc_of = bloc_names(H, color_by)
    title = _network_title(G, H, focus, size_by) if title is None else title
    look = _Look(
        bloc_of,
        _colors(bloc_of, palette),
        bloc_title(color_by) if color_title is None else color_title,
        none_label,
    )
    return _draw_graph(
        H,
        look,
        _Sizes(values, size_by),
        focus=focus,
        seed=seed,
        ax=ax,
        title=title if note is None else f"{title}\n{note}",
        label_top=label_top,
        directed=_directed_pairs(G),
    )


def draw_ego(
    G: nx.Graph,
    focus,
    *,
    radius: int = 1,
    ax: Axes | None = None,
    seed: int = 0,
    measures: pd.DataFrame | None = None,
    size_by: str | None = "betweenness",
    color_by: BlocSpec = "bloc",
    palette: Mapping[str, str] | None = None,
    note: str | None = None,
) -> Axes:
    """Draw the ego network of ``focus``: its contacts and their ties among themselves.

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
    palette : mapping of bloc name -> color, optional
        As in :func:`draw_network`.
    note : str, optional
        A last title line (as in :func:`draw_network`).

    Returns
    -------
    ax : matplotlib.axes.Axes

    Notes
    -----
    Sizes and bloc colors come from the whole graph, not the ego network
    (whose betweenness would trivially peak at the ego), so the figure can sit
    beside :func:`draw_network` of the same graph. The ego's own ties are
    drawn faint, so that the ties among its contacts (what the ego network
    adds to a list of contacts) stand out; its conflictual ties and the ties
    that only the text's own claim states keep their full colour; the title counts both. When the
    ego network is most of the graph (:func:`ego_repeats_view`) the figure
    repeats the network figure, and the pipeline leaves it out.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> ax = draw_ego(nx.path_graph(5), 2)
    >>> print(ax.get_title(loc="left"))
    Ego network of 2: its 2 contacts and the 0 ties among them
    3 of 5 nodes of the network, within 1 step of 2
    >>> plt.close(ax.figure)
    """
    H = fold(G)
    check_focus(H, focus)
    if focus is None:
        raise ValueError("draw_ego needs a focus node; got None.")
    values = _measure_values(H, measures, size_by)
    bloc_of = bloc_names(H, color_by)
    ego = nx.ego_graph(H, focus, radius=radius)
    contacts = ego.number_of_nodes() - 1
    among = ego.number_of_edges() - ego.degree(focus)
    label = node_label(H, focus)
    view = G.graph.get("view")
    where = f" in the {view_words(view)[:1].lower()}{view_words(view)[1:]}" if view else ""
    steps = "1 step" if radius == 1 else f"{radius} steps"
    title = (
        f"Ego network of {label}{where}: its {plural(contacts, 'contact')} and the "
        f"{plural(among, 'tie')} among them\n"
        f"{ego.number_of_nodes()} of {H.number_of_nodes()} nodes of the network, "
        f"within {steps} of {label}"
    )
    if note is not None:
        title += f"\n{note}"
    name = None if size_by is None else f"{size_by} (whole network)"
    directed = {(u, v) for u, v in _directed_pairs(G) if u in ego and v in ego}
    look = _Look({n: bloc_of[n] for n in ego}, _colors(bloc_of, palette), bloc_title(color_by))
    return _draw_graph(
        ego,
        look,
        _Sizes(None if values is None else values.reindex(list(ego)), name),
        focus=focus,
        seed=seed,
        ax=ax,
        title=title,
        label_top=None,
        directed=directed,
        faint=focus,
    )


def ego_repeats_view(G: nx.Graph, focus, *, radius: int = 1, share: float = EGO_REPEATS) -> bool:
    """True when the ego network of ``focus`` holds at least ``share`` of G's nodes.

    Its figure would then repeat the network figure of G.

    Examples
    --------
    >>> import networkx as nx
    >>> ego_repeats_view(nx.star_graph(5), 0), ego_repeats_view(nx.path_graph(5), 2)
    (True, False)
    """
    check_focus(G, focus)
    if not len(G):
        return False
    U = G.to_undirected(as_view=True) if G.is_directed() else G  # no copy of 10^6 ties
    reach = nx.single_source_shortest_path_length(U, focus, cutoff=radius)
    return len(reach) >= share * len(G)


def _colors(bloc_of, palette):
    """Colors of the blocs present: the given palette, else the palette in sorted order."""
    return colors_for(sorted_blocs(bloc_of), palette)


def _directed_pairs(G) -> set:
    """(source, target) of every directed tie of a directed graph (not ``directed=False``)."""
    if not G.is_directed():
        return set()
    return {(u, v) for u, v, d in G.edges(data=True) if u != v and d.get("directed") is not False}


@dataclass(frozen=True)
class _Look:
    """How a network figure colours its nodes and names them in its legend."""

    bloc_of: dict
    colors: dict
    bloc_title: str
    none_label: str = "no bloc"


@dataclass(frozen=True)
class _Sizes:
    """The measure that sizes the nodes (values in the graph's node order; None: all alike)."""

    values: pd.Series | None
    name: str | None


def _draw_graph(
    H,
    look: _Look,
    sizes: _Sizes,
    *,
    focus,
    seed,
    ax,
    title,
    label_top,
    directed=frozenset(),
    faint=None,
):
    """Draw ``H``: edges, nodes (a scatter per type), the focus's ring, arrows, legends, labels."""
    nodes = list(H)
    n = len(nodes)
    own = ax is None
    panel = figure_size_for(H)
    if own:
        ax = new_axes(panel)
    pos = layout(H, seed) if n else {}
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    index = {v: i for i, v in enumerate(nodes)}
    values = sizes.values
    areas, vmax = marker_areas(None if values is None else values.to_numpy(dtype=float), n)
    types = [node_type(H, v) for v in nodes]
    typed = any(H.nodes[v].get("type") is not None for v in nodes)
    groups, group_of, uniform = _draw_edges(ax, H, xy, index, faint)
    radii = _draw_nodes(ax, xy, areas, types, typed, [look.bloc_of[v] for v in nodes], look.colors)
    if focus is not None:
        _draw_ring(ax, xy, radii, index[focus])
    arrows = _draw_arrows(ax, H, xy, index, radii, directed, group_of)
    sections = network_legends(
        H,
        focus,
        look.bloc_of,
        sorted_blocs(look.bloc_of),
        look.bloc_title,
        look.colors,
        types if typed else [],
        groups,
        uniform,
        arrows=arrows > 0,
        faint=faint is not None and n > 1,
        none_label=look.none_label,
    )
    sections.append(size_legend(sizes.name, vmax, n, values))
    sections = [s for s in sections if s is not None]
    stack_legends(ax, order_sections(sections), own=own, panel=panel)
    _label_nodes(ax, H, xy, radii, index, _label_order(nodes, values, focus, label_top), focus)
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontsize=11)
    return ax


def _draw_edges(ax, H, xy, index, faint):
    """Edges: grey, dashed red (sign -1) or dotted purple (the text's claim); width ∝ weight.

    Returns the edges by style, each pair's style and opacity, and whether all
    weights are equal.
    """
    claim_ties = frozenset(H.graph.get("claim_ties", ()))
    edges = list(H.edges(data=True))
    weights = [d["weight"] for *_, d in edges]
    wmax, wmin = max(weights, default=1.0), min(weights, default=1.0)
    groups = {gid: [] for gid in _EDGE_STYLES}
    group_of = {}
    for u, v, d in edges:
        if is_claim_edge(d, claim_ties):
            key = "edges-claim"
        elif d.get("sign") == -1:
            key = "edges-negative"
        else:
            key = "edges"
        width = 1.5 if wmax == wmin else 0.7 + 3.3 * d["weight"] / wmax
        # the ego's own plain ties faint; its conflicts and the text's claim stay as drawn
        alpha = 0.35 if faint is not None and faint in (u, v) and key == "edges" else 1.0
        groups[key].append((xy[index[u]], xy[index[v]], width, alpha))
        group_of[frozenset((u, v))] = (key, alpha)
    for gid, items in groups.items():
        if items:
            style = _EDGE_STYLES[gid]
            ax.add_collection(
                LineCollection(
                    [(a, b) for a, b, *_ in items],
                    linewidths=[w for _, _, w, _ in items],
                    colors=[to_rgba(style["color"], al) for *_, al in items],
                    linestyles=style["linestyle"],
                    zorder=1,
                    gid=gid,
                )
            )
    return groups, group_of, wmax == wmin


def _draw_nodes(ax, xy, areas, types, typed, blocs, colors) -> np.ndarray:
    """Nodes: one scatter per type, in the graph's node order within each; their radii."""
    radii = np.empty(len(types))
    for t, marker in TYPE_MARKERS.items():
        idx = [i for i, ti in enumerate(types) if ti == t]
        if not idx:
            continue
        area_f, rad_f = marker_geometry(marker if typed else "o")
        s = areas[idx] * area_f
        radii[idx] = np.sqrt(s) * rad_f
        ax.scatter(
            xy[idx, 0],
            xy[idx, 1],
            s=s,
            marker=marker if typed else "o",
            c=[colors.get(blocs[i], NO_BLOC_COLOR) for i in idx],
            edgecolors=NODE_EDGE,
            linewidths=0.6,
            zorder=2,
            gid=f"nodes:{t}",
        )
    return radii


def _draw_ring(ax, xy, radii, i) -> None:
    """The focus's ring; its radius grows to take the ring in (for arrows and labels)."""
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


def _label_nodes(ax, H, xy, radii, index, order, focus) -> None:
    """Labels beside the nodes in ``order``, clear of markers, edges and each other."""
    n = len(index)
    segments = np.array(
        [[*xy[index[u]], *xy[index[v]]] for u, v in H.edges()], dtype=float
    ).reshape(-1, 4)
    label_points(
        ax,
        xy,
        radii,
        [node_label(H, v) for v in index],
        order=order,
        segments=segments,
        bold=[v == focus for v in index],
        fontsize=9.0 if n <= 40 else 8.0 if n <= 100 else 7.0,
    )


def _draw_arrows(ax, H, xy, index, radii, directed, group_of) -> int:
    """Arrowheads at the target end of each directed tie's pair; returns how many."""
    count = 0
    for u, v in sorted(directed, key=lambda e: (index.get(e[0], -1), index.get(e[1], -1))):
        if u not in index or v not in index or not H.has_edge(u, v):
            continue
        key, alpha = group_of[frozenset((u, v))]
        color = to_rgba(_EDGE_STYLES[key]["color"], alpha)
        width = H[u][v]["weight"]
        ax.add_patch(
            FancyArrowPatch(
                posA=tuple(xy[index[u]]),
                posB=tuple(xy[index[v]]),
                arrowstyle="-|>,head_length=0.6,head_width=0.3",
                mutation_scale=9.0 + 1.5 * min(width, 4.0),
                shrinkA=0.0,
                shrinkB=float(radii[index[v]]) + 0.5,
                linewidth=0.0,
                color=color,
                zorder=1.5,
                gid="arrow",
            )
        )
        count += 1
    return count


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


def _measure_values(H, measures, size_by):
    """Return the size measure as a float Series in H's node order (NaN where missing)."""
    if size_by is None:
        return None
    if measures is None:
        if size_by not in MEASURES[3:]:
            raise ValueError(
                f"cannot compute {size_by!r} without measures; pass a measures "
                f"DataFrame, or size_by= one of {', '.join(MEASURES[3:])}, or None."
            )
        series = actor_measures(H)[size_by].astype(float)
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


def _network_title(G, H, focus, size_by):
    view = view_words(G.graph.get("view"))
    head = view if size_by is None else f"{view}: nodes sized by {measure_words(size_by)}"
    n, m = H.number_of_nodes(), H.number_of_edges()
    nodes = plural(n, "node")
    if G.is_multigraph() or G.is_directed():
        parts = [f"{nodes}, {plural(G.number_of_edges(), 'tie')} in {plural(m, 'pair')}"]
    else:
        parts = [f"{nodes}, {plural(m, 'tie')}"]
    if focus is not None:
        parts.append(f"focus: {node_label(H, focus)}")
    return head + "\n" + " · ".join(parts)
