"""The one fold: any graph into an undirected simple weighted graph, and its lean variants.

Measures, null models, brokerage and figures all read a graph after folding
its ties between the same two nodes into one edge. They fold through this
module, so they agree on weights, signs and what a bad weight is:

- :func:`fold`: an undirected simple :class:`networkx.Graph`. An edge's
  ``weight`` is the sum of the weights of the ties it folds (in either
  direction; a tie without a weight counts 1); ``positive`` and ``negative``
  keep the weight of cooperative (sign > 0) and conflictual (sign < 0) ties
  apart, so a war does not cancel a meeting; ``sign`` is the sign of the
  signed sum, ``positive - negative`` (:func:`weight_sums`, the rule every
  builder of a folded edge uses); ``ties``, ``relations`` and ``paragraphs`` keep where the edge
  came from when the ties say so. Self-loops are dropped; node and graph
  attributes are kept.
- :func:`fold_arrays`: the same fold as integer arrays (:class:`EdgeArrays`),
  for the compiled and igraph engines at 10^6 ties.
- :func:`topology`: the fold without edge attributes (null models).
- :func:`fold_directed`: a simple directed graph in which a tie marked
  ``directed=False`` goes both ways; :func:`directed_arcs`, its arcs as
  arrays (brokerage roles).
- :func:`unique_sorted` and :func:`unique_inverse`: numpy's ``unique`` of integer
  codes from one sort (numpy's own hashes first: 1.5-2.5 s for 1.5 * 10^6
  distinct codes against 0.03-0.15 s).

A weight is a tie strength: every tie's weight must be a finite number > 0.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiGraph()
>>> M.add_edge("a", "b", weight=2, sign=1, relation="negotiates_with")
0
>>> M.add_edge("a", "b", weight=1, sign=-1, relation="conflicts_with")
1
>>> e = fold(M)["a"]["b"]
>>> e["weight"], e["positive"], e["negative"], e["sign"]
(3.0, 2.0, 1.0, 1)
>>> e["relations"]
['conflicts_with', 'negotiates_with']
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from graph import memory

if TYPE_CHECKING:
    import scipy.sparse

__all__ = [
    "fold",
    "fold_arrays",
    "topology",
    "fold_directed",
    "directed_arcs",
    "EdgeArrays",
    "tie_weight",
    "sign_of",
    "tie_parts",
    "weight_sums",
    "unique_sorted",
    "unique_inverse",
]

#: Provenance lists that folded edges merge (a tie's own ``tie``/``relation``/``paragraph``
#: or an already folded edge's lists).
_PROVENANCE = {"ties": "tie", "relations": "relation", "paragraphs": "paragraph"}


def tie_weight(u: Any, v: Any, value: Any, name: str | None = "weight") -> float:
    """Check one tie's weight and return it as a float.

    Raises
    ------
    ValueError
        If the weight is not a number, or not finite and > 0.

    Examples
    --------
    >>> tie_weight("a", "b", 2)
    2.0
    >>> tie_weight("a", "b", -1)
    Traceback (most recent call last):
    ...
    ValueError: edge ('a', 'b') has weight=-1.0; weights are tie strengths ...
    """
    try:
        w = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"edge ({u!r}, {v!r}) has {name}={value!r}, which is not a number; "
            f"fix the edge or pass weight=None to count every tie as 1"
        ) from None
    if not (math.isfinite(w) and w > 0):
        raise ValueError(
            f"edge ({u!r}, {v!r}) has {name}={w!r}; weights are tie strengths and must be "
            f"finite and > 0, or pass weight=None to count every tie as 1"
        )
    return w


def sign_of(value: Any) -> int:
    """The sign of a number: 1, 0 or -1 (a missing value, None or NaN, is 0).

    Examples
    --------
    >>> sign_of(2.5), sign_of(None), sign_of(float("nan")), sign_of(-0.1)
    (1, 0, 0, -1)
    """
    if value is None or value != value:
        return 0
    return int((value > 0) - (value < 0))


def tie_parts(d: Mapping, w: float, s: int) -> tuple[float, float]:
    """A tie's cooperative and conflictual weight: its own, or an already folded edge's.

    ``w`` is the tie's weight and ``s`` its sign; an edge that carries
    ``positive`` and ``negative`` (a folded view's) gives those.

    Examples
    --------
    >>> tie_parts({}, 2.0, -1), tie_parts({"positive": 1, "negative": 3}, 4.0, -1)
    ((0.0, 2.0), (1.0, 3.0))
    """
    pos = float(d["positive"]) if "positive" in d else (w if s > 0 else 0.0)
    neg = float(d["negative"]) if "negative" in d else (w if s < 0 else 0.0)
    return pos, neg


def weight_sums(
    weights: Iterable[float], signs: Iterable[float]
) -> tuple[float, float, float, int]:
    """The fold's rule for one pair of nodes: total, positive and negative weight, and sign.

    ``positive`` and ``negative`` sum the weights of ties with sign > 0 and
    < 0, kept apart so that a war does not cancel a meeting; the sign is the
    sign of ``positive - negative``, the signed sum (:func:`sign_of`).

    Examples
    --------
    >>> weight_sums([2.0, 1.0, 1.0], [1, -1, 0])
    (4.0, 2.0, 1.0, 1)
    """
    total = positive = negative = 0.0
    for w, s in zip(weights, signs, strict=True):
        total += w
        if s > 0:
            positive += w
        elif s < 0:
            negative += w
    return float(total), float(positive), float(negative), sign_of(positive - negative)


def fold(G: nx.Graph, *, weight: str | None = "weight", sign: str = "sign") -> nx.Graph:
    r"""Fold any graph into an undirected simple weighted graph.

    Parameters
    ----------
    G : networkx graph
        ``Graph``, ``DiGraph``, ``MultiGraph`` or ``MultiDiGraph``; not modified.
    weight : str or None, default "weight"
        Edge attribute of tie strength; a tie without it, or every tie when
        None, counts 1.
    sign : str, default "sign"
        Edge attribute of a tie's sign (+1 cooperative, 0 neutral, -1
        conflictual; missing counts 0).

    Returns
    -------
    networkx.Graph
        Node and graph attributes copied. Each edge holds ``weight`` (summed),
        ``positive`` and ``negative`` (the summed weight of ties with sign > 0
        and < 0; an edge that already carries them, as the folded views do,
        adds its own), ``sign`` (the sign of ``positive - negative``, the
        signed sum :math:`\sum_k s_k w_k`; :func:`weight_sums`) and,
        where the ties carry them, ``ties``, ``relations`` and ``paragraphs``
        (sorted, without repeats). An undirected simple graph's other edge
        attributes (evidence, derivations) are kept as they are.

    Raises
    ------
    ValueError
        If a tie's weight is not a finite number > 0 (see :func:`tie_weight`).

    Examples
    --------
    >>> D = nx.DiGraph([("a", "b", {"weight": 2}), ("b", "a", {"weight": 1})])
    >>> fold(D)["a"]["b"]["weight"]
    3.0
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True))
    simple = not G.is_directed() and not G.is_multigraph()
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None or weight not in d else tie_weight(u, v, d[weight], weight)
        pos, neg = tie_parts(d, w, sign_of(d.get(sign)))
        if H.has_edge(u, v):
            e = H[u][v]
            e["weight"] += w
            e["positive"] += pos
            e["negative"] += neg
        else:
            e = dict(d) if simple else {}
            e.update(weight=w, positive=pos, negative=neg)
            H.add_edge(u, v, **e)
            e = H[u][v]
        for many, one in _PROVENANCE.items():
            values = d.get(many) if many in d else ([d[one]] if d.get(one) is not None else None)
            if values is not None:
                e.setdefault(f"_{many}", set()).update(values)
    for *_, e in H.edges(data=True):
        e["sign"] = sign_of(e["positive"] - e["negative"])
        for many in _PROVENANCE:
            if f"_{many}" in e:
                e[many] = sorted(e.pop(f"_{many}"), key=str)
    return H


def topology(G: nx.Graph) -> nx.Graph:
    """Undirected simple copy of ``G``: node and graph attributes kept, no edge attributes.

    Examples
    --------
    >>> sorted(topology(nx.MultiDiGraph([(1, 2), (2, 1), (2, 2)])).edges())
    [(1, 2)]
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def fold_directed(G: nx.Graph) -> nx.DiGraph:
    """Fold any graph into a simple digraph on the same nodes, self-loops dropped.

    An undirected graph becomes a symmetric digraph (each edge both ways). In a
    directed graph, an edge whose ``directed`` attribute is False (how
    :mod:`graph.networks` stores a symmetric tie in the full view) also goes both
    ways. Edge attributes are dropped. :func:`directed_arcs` gives the same
    arcs as arrays.

    Examples
    --------
    >>> M = nx.MultiDiGraph([("a", "b", {"directed": False}), ("b", "c")])
    >>> sorted(fold_directed(M).edges())
    [('a', 'b'), ('b', 'a'), ('b', 'c')]
    """
    nodes = list(G)
    src, dst = directed_arcs(G, {v: i for i, v in enumerate(nodes)})
    D = nx.DiGraph()
    D.add_nodes_from(G)
    D.add_edges_from((nodes[a], nodes[b]) for a, b in zip(src.tolist(), dst.tolist(), strict=True))
    return D


def directed_arcs(G: nx.Graph, index: dict) -> tuple[np.ndarray, np.ndarray]:
    """The arcs of :func:`fold_directed` as two arrays of node positions, sorted, no repeats.

    ``index`` maps each node to its position. Memory grows with the ties, not
    with a graph object per arc (brokerage roles at 10^6 ties).

    Examples
    --------
    >>> src, dst = directed_arcs(nx.path_graph(3), {0: 0, 1: 1, 2: 2})
    >>> list(zip(src.tolist(), dst.tolist()))
    [(0, 1), (1, 0), (1, 2), (2, 1)]
    """
    n = len(index)
    if not G.is_directed():  # each pair is listed from both ends: every entry is an arc
        at, dst, ends = index.__getitem__, array("q"), array("q")
        for nbrs in G._adj.values():
            dst.extend(map(at, nbrs))
            ends.append(len(dst))
        t = np.frombuffer(dst, dtype=np.int64)
        s = np.repeat([index[u] for u in G._adj], np.diff(np.frombuffer(ends, np.int64), prepend=0))
        keep = s != t
        code = unique_sorted(s[keep] * n + t[keep])
        return code // n, code % n
    rows = [
        (index[u], index[v], d.get("directed", True) is False)
        for u, v, d in G.edges(data=True)
        if u != v
    ]
    e = np.asarray(rows, dtype=np.int64).reshape(-1, 3)
    back = e[:, 2] == 1
    code = unique_sorted(np.concatenate([e[:, 0] * n + e[:, 1], e[back, 1] * n + e[back, 0]]))
    return code // n, code % n


def unique_sorted(codes: np.ndarray) -> np.ndarray:
    """``np.unique(codes)`` for integers, from one sort and a mask.

    numpy's ``unique`` hashes before it sorts: 1.5-2.5 s for 1.5 * 10^6 distinct
    codes on numpy 2.4, against 0.03 s here.

    Examples
    --------
    >>> unique_sorted(np.array([5, 1, 5, 2])).tolist()
    [1, 2, 5]
    """
    codes = np.sort(codes)
    return codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if codes.size else codes


def unique_inverse(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` for a 1-D integer array, from one argsort.

    Examples
    --------
    >>> keys, inverse = unique_inverse(np.array([7, 3, 7, 9]))
    >>> keys.tolist(), inverse.tolist()
    ([3, 7, 9], [1, 0, 1, 2])
    """
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    new = np.empty(ranked.size, dtype=bool)
    new[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=new[1:])
    inverse = np.empty(ranked.size, dtype=np.intp)
    inverse[order] = np.cumsum(new) - 1
    return ranked[new], inverse


@dataclass(frozen=True)
class EdgeArrays:
    """A graph folded into arrays: node list, undirected edges ``a < b``, summed weights.

    Examples
    --------
    >>> X = fold_arrays(nx.MultiGraph([(0, 1), (1, 0), (1, 2)]), None)
    >>> X.a.tolist(), X.b.tolist(), X.w.tolist()
    ([0, 1], [1, 2], [2.0, 1.0])
    """

    nodes: list
    a: np.ndarray  # int64, one end of each folded edge
    b: np.ndarray  # int64, the other end (a < b)
    w: np.ndarray  # float64, summed tie strength (every tie 1 when weight is None)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    def adjacency(self, weights: np.ndarray | None = None) -> scipy.sparse.csr_array:
        """Symmetric CSR adjacency (canonical: sorted indices), ``weights`` default 1."""
        import scipy.sparse

        n = self.n
        w = np.ones(self.a.size) if weights is None else weights
        A = scipy.sparse.csr_array(
            (
                np.concatenate([w, w]),
                (np.concatenate([self.a, self.b]), np.concatenate([self.b, self.a])),
            ),
            shape=(n, n),
        )
        A.sum_duplicates()
        A.sort_indices()
        return A

    def components(self, A: scipy.sparse.csr_array | None = None) -> np.ndarray:
        """Connected-component label of every node (``A``: the adjacency, if already built)."""
        import scipy.sparse.csgraph

        A = self.adjacency() if A is None else A
        return scipy.sparse.csgraph.connected_components(A, directed=False)[1]


def fold_arrays(G: nx.Graph, weight: str | None = "weight") -> EdgeArrays:
    """Fold any graph into :class:`EdgeArrays`, as :func:`fold` sums weights, without a copy.

    Inside :func:`graph.memory.arrays_reused` a graph is folded once per
    ``weight`` (its arrays are then read-only).

    Raises
    ------
    ValueError
        If a tie's weight is not a finite number > 0 (the message of :func:`tie_weight`).

    Examples
    --------
    >>> X = fold_arrays(nx.Graph([("x", "y", {"weight": 2.5})]))
    >>> X.nodes, X.w.tolist()
    (['x', 'y'], [2.5])
    """
    if not memory.reusing():
        return _fold_arrays(G, weight)

    def frozen() -> EdgeArrays:
        X = _fold_arrays(G, weight)
        for values in (X.a, X.b, X.w):
            values.flags.writeable = False
        return X

    return memory.reused(G, ("fold_arrays", weight), frozen)


def _fold_arrays(G: nx.Graph, weight: str | None) -> EdgeArrays:
    """The fold's arrays, from one pass over the edges.

    Ends and weights go straight into flat arrays (24 bytes a tie): a list
    of the edges' tuples took 0.15 GB for the full view of 10^6 ties.
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    us, vs = array("q"), array("q")
    if weight is None:
        for x, y in G.edges():
            us.append(index[x])
            vs.append(index[y])
        raw: Any = np.ones(len(us))
    else:
        ws = []
        for x, y, w in G.edges(data=weight, default=1.0):
            us.append(index[x])
            vs.append(index[y])
            ws.append(w)
        try:
            raw = np.asarray(ws, dtype=float)
        except (TypeError, ValueError):
            raw = None
        del ws
    u = np.frombuffer(us, dtype=np.int64) if us else np.zeros(0, np.int64)
    v = np.frombuffer(vs, dtype=np.int64) if vs else np.zeros(0, np.int64)
    keep = u != v
    if raw is None or not (np.isfinite(raw[keep]) & (raw[keep] > 0)).all():
        # the first bad tie, named as fold() names it; a self-loop's weight is dropped unread
        edges = G.edges(data=weight, default=1.0)
        raw = np.asarray([1.0 if x == y else tie_weight(x, y, w, weight) for x, y, w in edges])
    u, v, raw = u[keep], v[keep], raw[keep]
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    n = max(len(nodes), 1)
    keys, inverse = unique_inverse(lo * n + hi)
    w = np.bincount(inverse, weights=raw, minlength=keys.size).astype(float)
    return EdgeArrays(nodes, keys // n, keys % n, w)
