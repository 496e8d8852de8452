"""What exports and the explorer carry beyond the coding: measures, the drawing, relations, dates.

- :func:`node_drawing`: the network figure's picture of a view, node by node:
  position, marker size, bloc colour and marker, computed as
  :func:`graph.plot.draw_network` computes them (same fold, layout and seed,
  and the colours :func:`drawing_palette` gives the blocs of every view);
- :func:`tie_table`: every coded tie of the ``full`` view by its id;
- :func:`date_spell`: a tie's ``date`` as a first and last day;
- :func:`annotate`: a copy of a view whose nodes carry every measure and the
  drawing, and whose edges carry their relation counts and dated spells;
- :func:`two_mode`: the actor-event graph of the ``full`` view.

Examples
--------
>>> import networkx as nx
>>> H = annotate(nx.path_graph(3), seed=0)
>>> sorted(k for k in H.nodes[1] if k in ("x", "y", "size", "color", "betweenness"))
['betweenness', 'color', 'size', 'x', 'y']
>>> date_spell("2020-02")
('2020-02-01', '2020-02-29')
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from graph import schema
from graph.fold import fold, weight_sums
from graph.jsondata import plain
from graph.measures import actor_measures
from graph.plot.canvas import figure_size_for, marker_areas
from graph.plot.layout import layout
from graph.plot.style import (
    BLOC_PALETTE,
    NEGATIVE_COLOR,
    NO_BLOC_COLOR,
    TIE_COLOR,
    TYPE_MARKERS,
    bloc_names,
    node_type,
    sorted_blocs,
)
from graph.sizes import drawn

__all__ = [
    "CLAIM_RELATION",
    "DRAWING_COLUMNS",
    "drawing_palette",
    "node_drawing",
    "tie_table",
    "date_spell",
    "annotate",
    "two_mode",
]

#: The relation of the text's own bridging claims, which exports let users filter out.
CLAIM_RELATION = "links"

#: Node attributes of the drawing: position and marker diameter in points (y up), colour, marker.
DRAWING_COLUMNS = ("x", "y", "size", "color", "marker")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def drawing_palette(*graphs) -> dict[str, str]:
    """One colour per bloc over several graphs, as the figures assign them.

    The blocs of all the views of a dataset take :data:`graph.plot.BLOC_PALETTE`
    in sorted order (:func:`graph.plot.bloc_palette`), so that a bloc has the
    same colour in every PNG, export and the explorer; past the palette's 16
    colours it starts again (the figures refuse so many blocs).

    Examples
    --------
    >>> G, H = nx.Graph(), nx.Graph()
    >>> G.add_node(1, bloc="West"); H.add_node(2, bloc="East")
    >>> drawing_palette(G)["West"], drawing_palette(G, H)["West"]  # West follows East over both
    ('#DDCC77', '#882255')
    """
    names = sorted({b for G in graphs for b in bloc_names(G, "bloc").values() if b is not None})
    return {b: BLOC_PALETTE[i % len(BLOC_PALETTE)] for i, b in enumerate(names)}


def node_drawing(
    G: nx.Graph,
    measures: pd.DataFrame | None = None,
    *,
    size_by: str | None = "betweenness",
    seed: int = 0,
    palette: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    r"""The network figure's picture of ``G``: one row per node.

    Parameters
    ----------
    G : networkx graph
        Folded as the figure folds it (:func:`graph.fold.fold`).
    measures : pandas.DataFrame, optional
        The view's measure table; computed when missing.
    size_by : str or None, default "betweenness"
        The measure that sets marker area, as in the figure.
    seed : int, default 0
        The layout's seed (the figure's).
    palette : mapping of bloc name -> colour, optional
        The colours of the blocs, as the figures have them: pass
        :func:`drawing_palette` of every view of the dataset (as the pipeline
        passes :func:`graph.plot.bloc_palette` to the figures). By default,
        the blocs of ``G`` alone, in sorted order.

    Returns
    -------
    pandas.DataFrame
        Indexed by node, in the folded graph's order, with columns ``x`` and
        ``y`` (points, y up), ``size`` (the marker's diameter in points),
        ``color`` (``#rrggbb``) and ``marker`` (matplotlib's code, by type).

    Notes
    -----
    Positions are :func:`graph.plot.layout.layout` scaled so that the
    drawing's longer side spans the figure's panel
    (:func:`graph.plot.canvas.figure_size_for`, 72 points an inch). Marker
    area is :math:`a_0 + (a_1 - a_0)\, x_v / \max_u x_u`
    (:func:`graph.plot.canvas.marker_areas`), the figure's rule; the size is
    the diameter of the circle of that area, :math:`\sqrt{a}` (every marker
    shape has the circle's area). Blocs get ``palette``'s colours where it
    names them all, else the palette in sorted order; past its 16 colours it
    starts again (the figure refuses so many blocs).

    Examples
    --------
    >>> d = node_drawing(nx.star_graph(3), seed=0)
    >>> bool(d.loc[0, "size"] > d.loc[1, "size"])
    True
    """
    H = fold(G)
    nodes = list(H)
    n = len(nodes)
    if not n:
        return pd.DataFrame(columns=list(DRAWING_COLUMNS), index=pd.Index([], dtype=object))
    pos = layout(H, seed)
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    span = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]))) if n > 1 else 0.0
    scale = figure_size_for(H)[0] * 72.0 / span if span > 0 else 1.0
    xy = (xy - xy.min(axis=0)) * scale
    areas, _ = marker_areas(_size_values(G, H, measures, size_by), n)
    bloc_of = bloc_names(H, "bloc")
    order = sorted_blocs(bloc_of)
    if palette is None or not all(b in palette for b in order):
        palette = drawing_palette(H)
    return pd.DataFrame(
        {
            "x": np.round(xy[:, 0], 2),
            "y": np.round(xy[:, 1], 2),
            "size": np.round(np.sqrt(areas), 3),
            "color": [palette.get(bloc_of[v], NO_BLOC_COLOR) for v in nodes],
            "marker": [TYPE_MARKERS[node_type(H, v)] for v in nodes],
        },
        index=pd.Index(nodes, dtype=object),
    )


def _size_values(G, H, measures, size_by):
    if size_by is None:
        return None
    if measures is None or size_by not in measures.columns:
        measures = actor_measures(G)
    series = pd.to_numeric(measures[size_by], errors="coerce").astype(float)
    return series.reindex(list(H)).to_numpy(dtype=float)


def tie_table(full: nx.Graph) -> dict[int, dict]:
    """Every coded tie of a ``full`` view, by tie id (the edge key).

    Examples
    --------
    >>> from graph import io, networks
    >>> ties = tie_table(networks.build_views(io.load_dataset())["full"])
    >>> ties[2]["relation"], ties[2]["paragraph"]
    ('attends', 2)
    """
    if not full.is_multigraph():
        return {}
    return {
        int(d.get("tie", k)): {"source": u, "target": v, **d}
        for u, v, k, d in full.edges(keys=True, data=True)
    }


def date_spell(value) -> tuple[str, str] | None:
    """A ``date`` (YYYY, YYYY-MM or YYYY-MM-DD) as its first and last day; None if not a date.

    Examples
    --------
    >>> date_spell("2025"), date_spell("2025-10-13"), date_spell(None)
    (('2025-01-01', '2025-12-31'), ('2025-10-13', '2025-10-13'), None)
    """
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    if mo is None:
        return f"{y}-01-01", f"{y}-12-31"
    if d is None:
        last = calendar.monthrange(int(y), int(mo))[1]
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    return value.strip(), value.strip()


def annotate(
    G: nx.Graph,
    measures: pd.DataFrame | None = None,
    *,
    seed: int = 0,
    focus=None,
    ties: dict[int, dict] | None = None,
    drawing: bool | pd.DataFrame = True,
    size_by: str | None = "betweenness",
    palette: Mapping[str, str] | None = None,
) -> nx.Graph:
    """A copy of a view carrying its measures, its drawing, relation counts and dates.

    Parameters
    ----------
    G : networkx graph
        A view (or any graph).
    measures : pandas.DataFrame, optional
        The view's measure table (:func:`graph.measures.actor_measures`);
        computed when missing. Every column becomes a node attribute
        (missing values are left out); attributes the node has are kept.
    seed : int, default 0
        The figure's layout seed.
    focus : node, optional
        Marks the focus: a boolean ``focus`` on every node.
    ties : dict, optional
        :func:`tie_table` of the ``full`` view, for the relations and dates
        of the ties a folded edge came from.
    drawing : bool or pandas.DataFrame, default True
        Add the drawing (:data:`DRAWING_COLUMNS` on nodes; ``color`` and
        ``width`` on edges), or this one from :func:`node_drawing`. Left out
        above the size rule :data:`graph.sizes.DRAWN`.
    size_by : str or None, default "betweenness"
        The measure that sets marker size (None: all alike).
    palette : mapping of bloc name -> colour, optional
        The blocs' colours (:func:`drawing_palette` of every view), as in
        :func:`node_drawing`.

    Returns
    -------
    networkx graph
        Of G's class. Edges whose ties are known get ``n_ties``,
        ``relation_types`` (sorted, ``;``-separated) and one count per relation
        of the graph, ``ties_<relation>`` (0 where none), so that, e.g., edges
        whose every tie is the text's own claim (``ties_links == n_ties``)
        can be filtered out; and ``spells``, the ``(first day, last day)`` of
        each distinct date of its ties, when every one of its ties is dated.

    Examples
    --------
    >>> from graph import io, networks
    >>> views = networks.build_views(io.load_dataset())
    >>> S = annotate(views["actors"], ties=tie_table(views["full"]))
    >>> e = S.edges["azerbaijan", "europe"]
    >>> e["relation_types"], e["ties_links"], e["n_ties"]
    ('links', 1, 1)
    >>> S.nodes["azerbaijan"]["betweenness"] > S.nodes["armenia"]["betweenness"]
    True
    """
    H = G.copy()
    if measures is None:
        measures = actor_measures(G)
    for n, row in zip(measures.index, measures.to_dict("records"), strict=True):
        if n in H:
            d = H.nodes[n]
            for k, v in row.items():
                v = plain(v, finite=True)
                if k not in d and v is not None:
                    d[k] = v
    if focus is not None:
        for n, d in H.nodes(data=True):
            d["focus"] = n == focus
    if isinstance(drawing, pd.DataFrame) or (drawing and drawn(H)):
        look = (
            drawing
            if isinstance(drawing, pd.DataFrame)
            else node_drawing(G, measures, size_by=size_by, seed=seed, palette=palette)
        )
        for n, row in zip(look.index, look.to_dict("records"), strict=True):
            H.nodes[n].update({k: plain(v, finite=True) for k, v in row.items()})
        _edge_look(H)
    _edge_relations(H, ties or {})
    return H


def _edge_look(H) -> None:
    """Edge colour (conflictual ties red) and width in points, as in the figure."""
    weights = [float(d.get("weight", 1.0)) for *_, d in H.edges(data=True)]
    wmax, wmin = max(weights, default=1.0), min(weights, default=1.0)
    for (*_, d), w in zip(H.edges(data=True), weights, strict=True):
        d["color"] = NEGATIVE_COLOR if d.get("sign") == -1 else TIE_COLOR
        d["width"] = 1.5 if wmax == wmin else round(0.7 + 3.3 * w / wmax, 3)


def _edge_ties(d) -> list[int]:
    if "ties" in d:
        return [int(t) for t in d["ties"]]
    return [int(d["tie"])] if "tie" in d else []


def _edge_relations(H, ties: dict[int, dict]) -> None:
    """Relation counts and spells of every edge whose ties are known."""
    edges = list(H.edges(data=True))
    own = {}  # edges that are ties themselves (the full view)
    for i, (*_, d) in enumerate(edges):
        if "relation" in d:
            own[i] = [(d.get("relation"), d.get("date"))]
        else:
            known = [ties[t] for t in _edge_ties(d) if t in ties]
            if known and len(known) == len(_edge_ties(d)):
                own[i] = [(t.get("relation"), t.get("date")) for t in known]
    relations = sorted({r for rs in own.values() for r, _ in rs if isinstance(r, str)})
    for i, rs in own.items():
        d = edges[i][2]
        counts = Counter(r for r, _ in rs if isinstance(r, str))
        if "relation" not in d:
            d["n_ties"] = len(rs)
            d["relation_types"] = ";".join(sorted(counts))
            for r in relations:
                d[f"ties_{r}"] = counts.get(r, 0)
        spells = [date_spell(date) for _, date in rs]
        if spells and all(spells):
            d["spells"] = sorted(set(spells))


def two_mode(full: nx.Graph) -> nx.Graph:
    """The actor-event graph: actors and the events and platforms they are tied to.

    Parameters
    ----------
    full : networkx graph
        The ``full`` view (nodes with ``type``; ties with ``relation``).

    Returns
    -------
    networkx.Graph
        Undirected and simple: one edge per actor and event with at least one
        tie between them, in either direction. Nodes keep their attributes and
        get ``mode`` ("actor" or "event") and ``bipartite`` (0 or 1, networkx's
        convention); nodes with no such tie are left out (they are in the full
        view). An edge carries ``weight`` (summed), ``sign`` (of the signed
        sum), and the ``ties``, ``relations`` (one per tie), ``evidence``,
        ``paragraphs`` and ``dates`` of the ties it joins.

    Examples
    --------
    >>> from graph import io, networks
    >>> B = two_mode(networks.build_views(io.load_dataset())["full"])
    >>> B.nodes["egypt_summit_2025"]["mode"], B.nodes["ilham_aliyev"]["bipartite"]
    ('event', 0)
    >>> B.edges["ilham_aliyev", "egypt_summit_2025"]["relations"]  # stated in two paragraphs
    ['attends', 'attends']
    """

    def is_event(n):
        return full.nodes[n].get("type") in schema.EVENT_TYPES

    B = nx.Graph(view="two_mode")
    edges = full.edges(keys=True, data=True) if full.is_multigraph() else full.edges(data=True)
    pairs: dict[tuple, list[dict]] = {}
    for u, v, *rest in edges:
        d = rest[-1]
        if u == v or is_event(u) == is_event(v):
            continue
        actor, event = (v, u) if is_event(u) else (u, v)
        pairs.setdefault((actor, event), []).append(d)
    used = {n for pair in pairs for n in pair}
    for n, d in full.nodes(data=True):
        if n in used:
            B.add_node(n, **d, mode="event" if is_event(n) else "actor", bipartite=int(is_event(n)))
    for (actor, event), ds in pairs.items():
        weight, _, _, sign = weight_sums(
            [float(d.get("weight", 1.0)) for d in ds], [float(d.get("sign") or 0) for d in ds]
        )
        B.add_edge(
            actor,
            event,
            weight=weight,
            sign=sign,
            ties=[int(d["tie"]) for d in ds if "tie" in d],
            relations=[d.get("relation") for d in ds],
            evidence=[d.get("evidence") for d in ds],
            paragraphs=sorted({int(d["paragraph"]) for d in ds if d.get("paragraph") is not None}),
            dates=[d.get("date") for d in ds],
        )
    return B
