"""The views of a coded text: ``full``, ``actors`` and ``states``.

- ``full``: every node and tie, events included; a :class:`networkx.MultiDiGraph`
  with one edge per coded tie (symmetric ties stored once, ``directed=False``).
- ``actors``: events and platforms folded away: the actors taking part in the
  same event are tied (not its subjects, commenters or proposers). States,
  leaders, persons, organizations, regions and other actors stay nodes;
  regions are places, kept for reading but not ranked as actors.
- ``states``: states only. Leaders and persons fold into their ``country``;
  events, platforms and organizations fold away (their participants, or
  member states, tied); regions and non-state actors are left out.

The folded views are undirected simple weighted :class:`networkx.Graph` s whose
edges keep their provenance (:mod:`graph.networks.participation`); every tie a
view leaves out is listed with its reason in ``G.graph["dropped_ties"]``.

Examples
--------
>>> from graph import io, networks
>>> views = networks.build_views(io.load_dataset())
>>> sorted(views)
['actors', 'full', 'states']
>>> any(d["type"] == "event" for _, d in views["actors"].nodes(data=True))
False
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph import schema
from graph.errors import DataError, Problem
from graph.io import Dataset
from graph.memory import collector_paused, shared_floats
from graph.networks.participation import add_nodes, fold_view

__all__ = [
    "VIEWS",
    "full_view",
    "actors_view",
    "states_view",
    "view",
    "build_views",
    "views_keeping",
]

#: The views, in the order reports list them.
VIEWS: tuple[str, ...] = ("full", "actors", "states")


@collector_paused()  # 10^6 edge dicts: the collector rescanned them as they were made
def full_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.MultiDiGraph:
    """Every node and every tie, as coded.

    Parameters
    ----------
    nodes, edges : DataFrame
        Validated tables from :func:`graph.io.load_nodes` and :func:`graph.io.load_edges`.

    Returns
    -------
    networkx.MultiDiGraph
        Edge keys are tie ids; attributes are the columns of ``edges.csv``.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = full_view(ds.nodes, ds.edges)
    >>> G.number_of_edges() == len(ds.edges)
    True
    """
    claim = edges.loc[edges["relation"].isin(list(schema.CLAIM_RELATIONS)), "tie"]
    G = nx.MultiDiGraph(view="full", claim_ties=sorted(int(t) for t in claim))
    add_nodes(G, nodes)
    attrs = [c for c in [*schema.EDGE_COLUMNS, "tie"] if c not in ("source", "target")]
    # lists: a third of to_dict("records")'s time; equal weights one float object
    columns = [shared_floats(edges[c]) if c == "weight" else edges[c].tolist() for c in attrs]
    ends = zip(edges["source"].tolist(), edges["target"].tolist(), strict=True)
    succ, pred = G._succ, G._pred  # written directly: add_edge took a third of the time
    for (u, v), row in zip(ends, zip(*columns, strict=True), strict=True):
        rec = dict(zip(attrs, row, strict=True))  # the ends never in it: a dict as small as can be
        p = rec["paragraph"]
        rec["paragraph"] = None if pd.isna(p) else int(p)
        key = int(rec["tie"])
        if u not in succ or v not in succ:  # an end not in the nodes table: networkx adds it
            G.add_edge(u, v, key=key, **rec)
            continue
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        elif key in keys:  # a repeated tie id updates the tie, as add_edge does
            keys[key].update(rec)
            continue
        keys[key] = rec
    return G


def actors_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Events and platforms folded away: actors taking part in the same event are tied.

    See :func:`graph.networks.participation.fold_view` for how ties fold.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = actors_view(ds.nodes, ds.edges)
    >>> G.has_edge("ilham_aliyev", "donald_trump")  # both at the summit in Egypt
    True
    """
    return fold_view(nodes, edges, view="actors")


def states_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """States only: persons folded into their state, events and organizations folded away.

    See :func:`graph.networks.participation.fold_view` for how ties fold.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = states_view(ds.nodes, ds.edges)
    >>> "ilham_aliyev" in G, "azerbaijan" in G, "cis" in G
    (False, True, False)
    """
    return fold_view(nodes, edges, view="states")


_BUILDERS = {"full": full_view, "actors": actors_view, "states": states_view}


def view(dataset: Dataset, name: str) -> nx.Graph:
    """Build one view by name (``full``, ``actors`` or ``states``).

    Examples
    --------
    >>> from graph import io
    >>> view(io.load_dataset(), "states").graph["view"]
    'states'
    """
    if name not in _BUILDERS:
        raise DataError(
            [Problem.setting("view", name, "is not a view", f"choose one of {', '.join(VIEWS)}")]
        )
    return _BUILDERS[name](dataset.nodes, dataset.edges)


def build_views(dataset: Dataset) -> dict[str, nx.Graph]:
    """Build every view of a dataset.

    Examples
    --------
    >>> from graph import io
    >>> list(build_views(io.load_dataset()))
    ['full', 'actors', 'states']
    """
    return {name: view(dataset, name) for name in VIEWS}


def views_keeping(node_type: str, *, country: str | None = None) -> tuple[str, ...]:
    """The views in which a node of this type is a node of its own.

    Examples
    --------
    >>> views_keeping("state"), views_keeping("event"), views_keeping("leader", country="x")
    (('full', 'actors', 'states'), ('full',), ('full', 'actors'))
    """
    out = ["full"]
    if node_type not in schema.EVENT_TYPES:
        out.append("actors")
    if node_type in schema.STATE_TYPES:
        out.append("states")
    return tuple(out)
