"""The one rule for blocs: who belongs with whom, and who belongs with no one.

A bloc is a group of actors (the coder's grouping, or one found in the
network's structure); brokerage and bloc-pair betweenness ask whether an actor
joins actors of *different* blocs. Every module reads blocs through
:func:`resolve_blocs` and :func:`bloc_codes`, so they all agree on one rule:

- a bloc value is **missing** when it is None, NaN (float or pandas' NA), or a
  string that is empty or only white space (:func:`is_missing`);
- an actor with a missing bloc is a **singleton bloc of its own**: it shares a
  bloc with no other actor, so every pair it is part of is a cross-bloc pair;
- blocs are numbered by integer codes in the order they first appear, and a
  missing bloc has code -1 (:func:`bloc_codes`);
- :func:`cross_pairs` counts the unordered cross-bloc pairs joined by a path;
- :func:`detect_blocs` finds blocs from structure when none are coded.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c", "d"])
>>> nx.set_node_attributes(G, {"a": "W", "b": " ", "c": "E", "d": None}, "bloc")
>>> resolve_blocs(G)
{'a': 'W', 'b': None, 'c': 'E', 'd': None}
>>> bloc_codes(list(G), resolve_blocs(G)).tolist()
[0, -1, 1, -1]
>>> count_blocs(bloc_codes(list(G), resolve_blocs(G)))
4
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

__all__ = [
    "is_missing",
    "resolve_blocs",
    "bloc_codes",
    "count_blocs",
    "defines_blocs",
    "cross_pairs",
    "DETECTION_METHODS",
    "detect_blocs",
]

#: What :func:`resolve_blocs` accepts: a node attribute name, a mapping node -> bloc, or None.
BlocSpec = str | Mapping | pd.Series | None


def is_missing(value: Any) -> bool:
    """Tell whether a bloc value means "no bloc": None, NaN, NA, or blank text.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, "", "  ", "West", 0)]
    [True, True, True, True, True, False, False]
    """
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float | np.floating) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def resolve_blocs(G: nx.Graph, blocs: BlocSpec = "bloc") -> dict[Any, Hashable | None]:
    """Map every node of ``G`` to its bloc, or to None when it has none.

    Parameters
    ----------
    G : networkx graph
    blocs : str, mapping, pandas.Series or None, default "bloc"
        A node attribute holding each node's bloc, or a mapping node -> bloc
        (nodes it lacks have none), or None (no node has a bloc).

    Returns
    -------
    dict
        Node -> bloc value, None where :func:`is_missing`; in ``G``'s node order.

    Raises
    ------
    TypeError
        If ``blocs`` is of another kind, or a bloc value is not hashable.

    Examples
    --------
    >>> G = nx.Graph([(1, 2)])
    >>> resolve_blocs(G, {1: "A"})
    {1: 'A', 2: None}
    """
    if blocs is None:
        return dict.fromkeys(G)
    if isinstance(blocs, str):
        raw = {n: d.get(blocs) for n, d in G.nodes(data=True)}
    elif isinstance(blocs, Mapping | pd.Series):
        raw = {n: blocs.get(n) for n in G}
    else:
        raise TypeError(
            f"blocs must be a node attribute name (str), a mapping node -> bloc, or None; "
            f"got {type(blocs).__name__}"
        )
    out: dict[Any, Hashable | None] = {}
    seen: dict = {}  # (type, value) -> the bloc: a few distinct values among 10^5 nodes
    for n, b in raw.items():
        try:
            out[n] = seen[type(b), b]
        except KeyError:
            out[n] = seen[type(b), b] = None if is_missing(b) else b
        except TypeError:
            if is_missing(b):  # pragma: no cover - every missing value is hashable
                out[n] = None
                continue
            raise TypeError(
                f"node {n!r} has bloc {b!r}, which is not hashable; use a str"
            ) from None
    return out


def bloc_codes(nodes: Sequence, bloc_of: Mapping) -> np.ndarray:
    """Integer code of every node's bloc, in ``nodes`` order; -1 for a node without one.

    Blocs are numbered from 0 in the order they first appear among ``nodes``.

    Examples
    --------
    >>> bloc_codes(["a", "b", "c"], {"a": "E", "b": None, "c": "E"}).tolist()
    [0, -1, 0]
    """
    keys: dict = {}
    return np.array(
        [-1 if (b := bloc_of.get(v)) is None else keys.setdefault(b, len(keys)) for v in nodes],
        dtype=np.int64,
    ).reshape(-1)


def count_blocs(codes: np.ndarray) -> int:
    """Number of blocs, each node without a bloc counting as one of its own.

    Examples
    --------
    >>> count_blocs(np.array([0, 0, -1, 1, -1]))
    4
    """
    codes = np.asarray(codes)
    return int(np.unique(codes[codes >= 0]).size + (codes < 0).sum())


def defines_blocs(codes: np.ndarray | None) -> bool:
    """Tell whether codes define blocs: some node has one, and there are two blocs or more.

    A graph where no node has a bloc has no blocs at all (not n singletons):
    bloc-based measures are then undefined.

    Examples
    --------
    >>> defines_blocs(np.array([-1, -1])), defines_blocs(np.array([0, -1])), defines_blocs(None)
    (False, True, False)
    """
    if codes is None:
        return False
    codes = np.asarray(codes)
    return bool((codes >= 0).any()) and count_blocs(codes) >= 2


def cross_pairs(codes: np.ndarray, component: np.ndarray) -> float:
    """Unordered pairs of nodes in different blocs that are joined by a path.

    Parameters
    ----------
    codes : numpy.ndarray
        :func:`bloc_codes` of the nodes.
    component : numpy.ndarray
        Connected-component label of each node, in the same order.

    Returns
    -------
    float

    Examples
    --------
    Four nodes in one component, blocs A, A, B and none: of the 6 pairs, only
    the A-A pair lies inside a bloc.

    >>> cross_pairs(np.array([0, 0, 1, -1]), np.zeros(4, dtype=int))
    5.0
    """
    codes, component = np.asarray(codes), np.asarray(component)
    size = np.bincount(component) if component.size else np.zeros(0, dtype=np.int64)
    pairs = float((size * (size - 1) // 2).sum())
    named = codes >= 0
    if named.any():
        key = component[named] * (int(codes.max()) + 1) + codes[named]
        count = np.unique(key, return_counts=True)[1]
        pairs -= float((count * (count - 1) // 2).sum())
    return pairs


#: The ways blocs are detected from structure (:func:`detect_blocs`).
DETECTION_METHODS: tuple[str, ...] = ("greedy", "leiden")


def detect_blocs(
    G: nx.Graph, *, weight: str | None = "weight", method: str = "greedy", seed: int = 0
) -> dict:
    """Blocs detected from structure: greedy modularity communities, or Leiden's.

    Blocs are named ``"C1"``, ``"C2"``, ... from the largest community down
    (among equals, the one whose first node comes first).

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph first (:mod:`graph.fold`).
    weight : str or None, default "weight"
        Edge attribute of tie strength; used when every edge has it.
    method : {"greedy", "leiden"}, default "greedy"
        "greedy": Clauset-Newman-Moore greedy agglomeration [1]_
        (deterministic, no random step; hours on 10^5 nodes). "leiden":
        igraph's Leiden communities maximizing modularity [2]_, iterated until
        stable and seeded (the same graph and seed give the same blocs),
        for graphs above the size rule :data:`graph.sizes.EXACT_NULLS`.
    seed : int, default 0
        Leiden's seed (igraph's generator, :func:`graph.seeds.igraph_random`).

    Returns
    -------
    dict
        Node -> bloc name.

    References
    ----------
    .. [1] Clauset, A., Newman, M. E. J. and Moore, C. (2004). Finding community
       structure in very large networks. *Physical Review E* 70, 066111.
       https://doi.org/10.1103/PhysRevE.70.066111
    .. [2] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. *Scientific Reports*
       9, 5233. https://doi.org/10.1038/s41598-019-41695-z

    Examples
    --------
    >>> blocs = detect_blocs(nx.barbell_graph(4, 0))
    >>> sorted(set(blocs.values()))
    ['C1', 'C2']
    >>> detect_blocs(nx.barbell_graph(4, 0), method="leiden") == blocs
    True
    """
    if method not in DETECTION_METHODS:
        raise ValueError(f"method must be one of {DETECTION_METHODS}; got {method!r}")
    if method == "leiden":
        return _leiden(G, weight, seed)
    from graph.fold import fold

    H = fold(G, weight=weight)
    if H.number_of_edges() == 0:
        return {n: f"C{i + 1}" for i, n in enumerate(H)}
    nodes = list(H)  # integer labels: node ids of mixed types cannot be ordered
    H_int = nx.convert_node_labels_to_integers(H, ordering="default")
    comms = nx.community.greedy_modularity_communities(H_int, weight="weight")
    comms = sorted(comms, key=lambda c: (-len(c), min(c)))
    return {nodes[i]: f"C{k + 1}" for k, c in enumerate(comms) for i in c}


def _leiden(G: nx.Graph, weight: str | None, seed: int) -> dict:
    """Leiden communities (modularity) on the folded arrays, named as :func:`detect_blocs` names."""
    import igraph as ig

    from graph.fold import fold_arrays
    from graph.memory import collector_paused
    from graph.seeds import igraph_random

    X = fold_arrays(G, weight)
    with collector_paused():  # a list per edge: at 10^6 the collector rescanned the heap
        g = ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())
    if g.ecount() == 0:
        return {v: f"C{i + 1}" for i, v in enumerate(X.nodes)}
    with igraph_random(seed):
        found = g.community_leiden(
            objective_function="modularity", weights=X.w.tolist(), n_iterations=-1
        )
    member = np.asarray(found.membership)
    size = np.bincount(member)
    first = np.full(size.size, X.n)
    np.minimum.at(first, member, np.arange(X.n))
    rank = np.empty(size.size, dtype=np.int64)
    rank[np.lexsort((first, -size))] = np.arange(size.size)  # largest first, as greedy
    return {v: f"C{rank[c] + 1}" for v, c in zip(X.nodes, member.tolist(), strict=True)}
