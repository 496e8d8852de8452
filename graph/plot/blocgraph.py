r"""The bloc figure: how much of the connection between blocs (or named sides) runs through a focus.

Three forms, by what there is to show:

- named sides (``side_pairs``, the pairs a claim names): one bar per pair,
  the share through the focus and the number of pairs of actors;
- up to :data:`MATRIX_ABOVE` blocs: blocs as nodes (area by actors), ties
  between them, each pair labelled with its share and number of pairs;
- more blocs: a matrix, rows and columns the blocs, each cell the share and
  the number of pairs, colored by share (a colour-blind-safe sequential map).

Named sides that no path joins have no share to show: :func:`draw_sides_apart`
draws their members, the focus and the ties that come closest instead.

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> ax = draw_bloc_graph(nx.path_graph(3), focus=1, blocs={0: "A", 2: "B"})
>>> [t.get_text() for t in ax.texts if t.get_gid() == "share"]
['100%\n1 pair']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from graph.blocs import BlocSpec
from graph.fold import fold_arrays
from graph.formats import pct
from graph.measures import bloc_pair_shares
from graph.plot.canvas import new_axes
from graph.plot.labels import label_edges, label_points
from graph.plot.legends import ring_handle, size_section, stack_legends
from graph.plot.network import draw_network
from graph.plot.style import (
    FOCUS_BAR_COLOR,
    NODE_EDGE,
    TIE_COLOR,
    bloc_names,
    check_focus,
    colors_for,
    graph_name,
    node_label,
    plural,
    sorted_blocs,
)

__all__ = ["draw_bloc_graph", "draw_sides_apart", "MATRIX_ABOVE", "SHARE_CMAP"]

#: More blocs than this are drawn as a matrix: their pairs would cross in a bloc graph.
MATRIX_ABOVE = 4

#: The sequential colour map of shares: ColorBrewer's Blues, light to dark, readable in
#: grey and by colour-blind readers.
SHARE_CMAP = "Blues"


def draw_bloc_graph(
    G: nx.Graph,
    *,
    focus=None,
    blocs: BlocSpec = "bloc",
    side_pairs: pd.DataFrame | None = None,
    matrix: bool | None = None,
    palette: Mapping[str, str] | None = None,
    note: str | None = None,
    tested: bool = False,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw how much of the connection between blocs runs through a focus.

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph first.
    focus : node, optional
        If given, each pair of blocs is labelled with the share of shortest
        paths between their actors that pass through the focus, and the
        number of pairs of actors it is taken over.
    blocs : str or mapping, default "bloc"
        Node attribute holding the bloc, or a mapping node -> bloc.
    side_pairs : pandas.DataFrame, optional
        The sides a claim names and their shares, as
        :func:`graph.measures.side_pair_shares` gives them (``side_a``,
        ``side_b``, ``pairs``, ``share``; optional ``cut``, True where
        removing the focus leaves the pair without a path): drawn instead of
        the blocs, one bar per pair. Needs ``focus``.
    matrix : bool, optional
        Draw the bloc pairs as a matrix; by default when there are more than
        :data:`MATRIX_ABOVE` blocs.
    palette : mapping of bloc name -> color, optional
        As in :func:`graph.plot.draw_network` (bloc graph only).
    note : str, optional
        A second title line (e.g. how the graph was tested).
    tested : bool, default False
        ``G`` is the graph a claim was tested on: the title names it "<view>
        as tested" (:func:`graph.plot.style.graph_name`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If no node has a bloc (and no ``side_pairs`` are given) or the focus
        is not a node.

    Notes
    -----
    Bloc graph: bloc node area is linear in its number of actors; edge width
    is linear in the summed weight of the ties between the two blocs. A
    dotted edge marks a pair with no direct tie that is still connected
    through others. Matrix: the image (gid ``"bloc-matrix"``) holds the share
    of each pair below the diagonal (NaN elsewhere and where no path joins
    the pair); each cell's text (gid ``"share"``) gives the share and the
    number of pairs, the diagonal the number of actors of the bloc.

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
    ['100%\n1 pair']
    >>> plt.close(ax.figure)
    """
    check_focus(G, focus)
    view = graph_name(G.graph.get("view"), tested=tested)
    view = view[:1].upper() + view[1:]
    if side_pairs is not None:
        if focus is None:
            raise ValueError("side_pairs need a focus: the shares are of paths through it.")
        return _draw_side_pairs(side_pairs, node_label(G, focus), view, note, ax)
    bloc_of = bloc_names(G, blocs)
    names = sorted_blocs(bloc_of)
    if not names:
        raise ValueError(
            "no node has a bloc; set a node attribute (blocs='bloc') or pass a "
            "mapping node -> bloc, e.g. from nx.community.greedy_modularity_communities."
        )
    members = {b: [n for n in G if bloc_of[n] == b] for b in names}
    if matrix or (matrix is None and len(names) > MATRIX_ABOVE):
        return _draw_matrix(G, focus, blocs, names, members, view, note, ax)
    weights = _ties_between(G, members, names, "weight")
    between = {
        tuple(sorted((names[j], names[i]))): float(weights[i, j])
        for i, j in zip(*np.nonzero(weights), strict=True)
    }
    shares = _shares(G, focus, blocs) if focus is not None else {}
    colors = colors_for(names, palette)

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
    segments = _bloc_edges(ax, edge_keys, between, pos)
    focus_bloc = bloc_of.get(focus)
    radii = _bloc_discs(ax, xy, areas, [colors[b] for b in names], names, focus_bloc)
    focus_label = node_label(G, focus) if focus is not None else None
    sections = _bloc_sections(cmax, between, edge_keys, focus_label)
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
    ax.set_title(_bloc_title(view, G, focus_label, note, len(names)), loc="left", fontsize=11)
    return ax


def _bloc_title(view: str, G, focus_label, note, n_blocs: int) -> str:
    """What the bloc figure shows, its actors and blocs, and how to read a label."""
    if focus_label is None:
        heading = f"{view}: blocs and the ties between them"
    else:
        heading = f"{view}: share of shortest paths between blocs that run through {focus_label}"
    sub = note if note is not None else f"{plural(G.number_of_nodes(), 'actor')}"
    sub += f" in {plural(n_blocs, 'bloc')}; label: share and pairs of actors"
    return f"{heading}\n{sub}"


def _bloc_edges(ax, edge_keys, between, pos) -> list:
    """The ties between blocs (width by summed weight), dotted where only paths join them."""
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
    return segments


def _bloc_discs(ax, xy, areas, colors, names, focus_bloc) -> np.ndarray:
    """One disc per bloc (area by its actors), the focus's bloc ringed; their radii."""
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=areas,
        c=colors,
        edgecolors=NODE_EDGE,
        linewidths=0.6,
        zorder=2,
        gid="blocs",
    )
    radii = np.sqrt(areas) / 2
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
    return radii


def _bloc_sections(cmax: float, between, edge_keys, focus_label) -> list:
    """The legend: actors per bloc as areas, then the key to ties and the focus's ring."""
    refs = sorted({cmax, float(max(1, round(cmax / 2))), 1.0}, reverse=True)
    sections = [size_section("Actors (area ∝ count)", refs, lambda c: 1800.0 * c / cmax)]
    tie_handles, tie_labels = [], []
    if between:
        tie_handles.append(Line2D([], [], color=TIE_COLOR, linewidth=3))
        tie_labels.append("ties (width ∝ summed weight)")
    if any(k not in between for k in edge_keys):
        tie_handles.append(Line2D([], [], color=TIE_COLOR, linewidth=0.8, linestyle=":"))
        tie_labels.append("no direct tie")
    if focus_label is not None:
        tie_handles.append(ring_handle(11))
        tie_labels.append(f"bloc of {focus_label}")
    if tie_handles:
        sections.append(("Key", tie_handles, tie_labels, {}))
    return sections


def draw_sides_apart(
    G: nx.Graph,
    focus,
    side_of: Mapping,
    *,
    sides: str,
    tested: str,
    view: str,
    note: str | None = None,
    seed: int = 0,
    ax: Axes | None = None,
) -> Axes:
    """Draw sides that no path joins: their members, the focus and what comes closest.

    What a reader needs when the claimed sides are not joined in the graph
    the claim was tested on: there are no shares to show, so the figure
    shows the sides' members (coloured by side), the focus, and the ties of
    the view as built that come closest to joining them
    (:func:`graph.plot.claimview.closest_connection`), drawn as the network
    figure draws them: the text's own claim dotted purple, conflicts dashed
    red.

    Parameters
    ----------
    G : networkx graph
        The nodes and ties to draw (folded first).
    focus : node
    side_of : mapping of node -> side name or None
    sides : str
        The sides in words, for the title ("BRICS and SCO").
    tested, view : str
        The names of the tested graph and of the view
        (:func:`graph.plot.style.graph_name`).
    note : str, optional
        A last title line (what the test left out).
    seed : int, default 0
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> G = nx.Graph([("f", "x", {"relation": "links"}), ("f", "y", {"relation": "links"})])
    >>> ax = draw_sides_apart(G, "f", {"x": "X", "y": "Y", "f": None}, sides="X and Y",
    ...                       tested="toy view as tested", view="toy view")
    >>> print(ax.get_title(loc="left").splitlines()[0])
    Toy view as tested: no path joins X and Y
    >>> plt.close(ax.figure)
    """
    check_focus(G, focus)
    title = (
        f"{tested[:1].upper()}{tested[1:]}: no path joins {sides}\n"
        f"their members, {node_label(G, focus)} and the ties of the {view} that come closest"
    )
    return draw_network(
        G, focus=focus, size_by=None, color_by={n: side_of.get(n) for n in G}, seed=seed,
        ax=ax, title=title, note=note, color_title="Sides the claim names",
        none_label="on no side",
    )  # fmt: skip


def _draw_matrix(H, focus, blocs, names, members, view, note, ax):
    """Bloc pairs as a lower-triangular matrix of shares through the focus (or of ties)."""
    table = bloc_pair_shares(H, focus, blocs) if focus is not None else None
    rows = list(names)
    ties = _ties_between(H, members, rows) if table is None else None
    if table is not None and table[["bloc_a", "bloc_b"]].isna().any().any():
        rows.append(None)  # pairs with an actor without a bloc
    k = len(rows)
    values = np.full((k, k), np.nan)
    pairs = np.zeros((k, k), dtype=int)
    if table is not None:
        pos = {b: i for i, b in enumerate(rows)}
        for a, b, p, x in table[["bloc_a", "bloc_b", "pairs", "share"]].itertuples(index=False):
            i, j = sorted((pos[None if a is None else str(a)], pos[None if b is None else str(b)]))
            values[j, i] = x if p else np.nan
            pairs[j, i] = p
    side = min(9.0, 1.6 + 0.75 * k)
    own = ax is None
    if own:
        ax = new_axes((side, side))
    cmap = mpl.colormaps[SHARE_CMAP]
    image = ax.imshow(
        np.ma.masked_invalid(values), cmap=cmap, vmin=0.0, vmax=1.0, zorder=1, gid="bloc-matrix"
    )
    image.set_array(values)
    labels = [("no bloc" if b is None else str(b)) for b in rows]
    sizes = [len(members[b]) if b is not None else None for b in rows]
    _matrix_cells(
        ax, values, pairs, ties, sizes, no_path="no path" if table is not None else "no tie"
    )
    ax.set_xticks(range(k), labels, rotation=35, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(k), labels)
    ax.set_xlim(-0.5, k - 0.5)
    ax.set_ylim(k - 0.5, -0.5)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    for tick, b in zip(ax.get_yticklabels(), rows, strict=True):
        if focus is not None and b is not None and focus in members.get(b, ()):
            tick.set_fontweight("bold")
    if table is not None:
        heading, overall = _matrix_colorbar(ax, image, table, node_label(H, focus), view)
    else:
        overall = f"{plural(int(ties.sum()), 'tie')} between blocs"
        heading = f"{view}: ties between blocs"
    sub = note if note is not None else plural(H.number_of_nodes(), "actor")
    sub = f"{sub} in {plural(len(names), 'bloc')}" + (f" · {overall}" if overall else "")
    ax.set_title(f"{heading}\n{sub}", loc="left", fontsize=11)
    return ax


def _matrix_cells(ax, values, pairs, ties, sizes, *, no_path: str) -> None:
    """Each cell of the lower triangle: a bloc's actors, the ties, no path, or the share."""
    k = len(sizes)
    fontsize = 9.0 if k <= 8 else 7.5
    for i in range(k):
        for j in range(i + 1):
            if i == j:
                text = "" if sizes[i] is None else plural(sizes[i], "actor")
                ax.add_patch(
                    mpl.patches.Rectangle((j - 0.5, i - 0.5), 1, 1, color="#F0F0F0", zorder=0)
                )
                ax.text(j, i, text, ha="center", va="center", fontsize=fontsize - 1,
                        color="#555555", gid="bloc-size")  # fmt: skip
            elif ties is not None and ties[i, j] > 0:  # no focus: the ties between the blocs
                ax.text(j, i, plural(int(ties[i, j]), "tie"), ha="center", va="center",
                        fontsize=fontsize, color="black", gid="ties")  # fmt: skip
            elif pairs[i, j] == 0:
                ax.add_patch(
                    mpl.patches.Rectangle(
                        (j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor="#CCCCCC",
                        hatch="///", linewidth=0, zorder=0,
                    )
                )  # fmt: skip
                ax.text(j, i, no_path, ha="center", va="center", fontsize=fontsize - 1,
                        color="#777777", gid="no-path")  # fmt: skip
            else:
                x = values[i, j]
                ax.text(
                    j, i, f"{pct(x, small=True)}\n{plural(int(pairs[i, j]), 'pair')}",
                    ha="center", va="center", fontsize=fontsize,
                    color="white" if x > 0.55 else "black", gid="share",
                )  # fmt: skip


def _matrix_colorbar(ax, image, table, focus_label: str, view: str) -> tuple[str, str]:
    """The colour bar of the shares; the title's heading and the overall share."""
    cax = ax.inset_axes([1.04, 0.45, 0.045, 0.55])
    bar = ax.figure.colorbar(image, cax=cax)
    bar.set_label(f"share of shortest paths\nthrough {focus_label}", fontsize=9)
    bar.ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    bar.ax.tick_params(labelsize=8)
    through = float(table["through"].sum())
    total = int(table["pairs"].sum())
    overall = f"all pairs: {through / total:.0%} of {plural(total, 'pair')}" if total else ""
    heading = f"{view}: share of shortest paths between blocs that run through {focus_label}"
    return heading, overall


def _ties_between(H, members, rows, weight: str | None = None) -> np.ndarray:
    """Ties (or their ``weight``) between pairs of blocs: lower triangle, by position in ``rows``.

    From the folded arrays (:func:`graph.fold.fold_arrays`): a tie counts once
    however many parallel ties it folds, or with their summed weight.
    """
    X = fold_arrays(H, weight)
    at = {b: i for i, b in enumerate(rows)}
    code = np.full(X.n, -1, dtype=np.int64)
    index = {v: i for i, v in enumerate(X.nodes)}
    for b, nodes in members.items():
        code[[index[v] for v in nodes]] = at[b]
    a, b = code[X.a], code[X.b]
    keep = (a >= 0) & (b >= 0) & (a != b)
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    out = np.zeros((len(rows), len(rows)), dtype=np.int64 if weight is None else float)
    np.add.at(out, (hi, lo), 1 if weight is None else X.w[keep])
    return out


def _draw_side_pairs(table, focus_label, view, note, ax):
    """One bar per pair of named sides: the share of their shortest paths through the focus."""
    from graph.claims import BRIDGE_SHARE

    rows = list(table[["side_a", "side_b", "pairs", "share"]].itertuples(index=False))
    cut = list(table["cut"]) if "cut" in table.columns else [False] * len(rows)
    own = ax is None
    if own:
        ax = new_axes((6.0, 1.3 + 0.45 * len(rows)))
    y = np.arange(len(rows), dtype=float)
    shares = np.array([x if p else 0.0 for *_, p, x in rows], dtype=float)
    ax.barh(y, np.nan_to_num(shares), height=0.55, color=FOCUS_BAR_COLOR, gid="side-bars")
    ax.axvline(BRIDGE_SHARE, color="#555555", linewidth=1, linestyle="--", zorder=0)
    ax.text(BRIDGE_SHARE, -0.7, f" bridge: above {BRIDGE_SHARE:.0%}", fontsize=8,
            color="#555555", va="bottom")  # fmt: skip
    for yi, (a, b, p, x), c in zip(y, rows, cut, strict=True):
        if not p:
            text = f"no path joins {a} and {b}"
        else:
            share = pct(x, small=True)
            text = f"{share} of {plural(int(p), 'pair')}" + (
                f"; cut apart without {focus_label}" if c else ""
            )
        ax.text(max(x if p else 0.0, 0.0) + 0.01, yi, text, va="center", fontsize=9, gid="share")
    ax.set_yticks(y, [f"{a} – {b}" for a, b, *_ in rows])
    ax.set_ylim(len(rows) - 0.4, -0.9)
    ax.set_xlim(0, 1.0)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel(f"share of shortest paths between the two through {focus_label}")
    ax.spines[["top", "right"]].set_visible(False)
    heading = f"{view}: the sides the claim names, and the paths through {focus_label}"
    sub = note if note is not None else plural(len(rows), "pair") + " of sides"
    ax.set_title(f"{heading}\n{sub}", loc="left", fontsize=11)
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
