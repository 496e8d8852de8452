"""Per-actor measures of centrality, structural holes and brokerage between blocs.

:func:`actor_measures` gathers every measure into one tidy table (one row per
actor, one column per measure). The measures that are not a plain networkx call
are public functions of their own: :func:`eigenvector` (well defined on
disconnected graphs), :func:`fragmentation` (the share of connected pairs lost
when an actor is removed) and :func:`bloc_pair_betweenness` (the share of
shortest paths between blocs that pass through an actor).

Every function accepts any networkx graph (``Graph``, ``DiGraph``,
``MultiGraph``, ``MultiDiGraph``). It is first folded into a simple undirected
graph: ``weight`` (default 1) is summed over parallel and reciprocal edges,
self-loops are dropped and node attributes are kept. The caller's graph is
never modified.

Examples
--------
>>> import networkx as nx
>>> from graph.measures import actor_measures
>>> G = nx.path_graph(3)
>>> actor_measures(G)[["degree", "betweenness", "fragmentation"]]  # doctest: +NORMALIZE_WHITESPACE
       degree  betweenness  fragmentation
actor
0           1          0.0       0.666667
1           2          1.0       1.000000
2           1          0.0       0.666667
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from graph.memory import collector_paused

if TYPE_CHECKING:
    import scipy.sparse

__all__ = [
    "MEASURES",
    "APPROX_THRESHOLD",
    "APPROX_SOURCES",
    "actor_measures",
    "eigenvector",
    "fragmentation",
    "bloc_pair_betweenness",
]

#: Columns of :func:`actor_measures`, in order.
MEASURES: tuple[str, ...] = (
    "label",
    "type",
    "bloc",
    "degree",
    "weighted_degree",
    "betweenness",
    "betweenness_weighted",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "constraint",
    "effective_size",
    "articulation_point",
    "fragmentation",
    "bloc_pair_betweenness",
)

#: Private edge attributes set on the folded copy (never on the caller's graph).
_WEIGHT = "_weight"
_DISTANCE = "_distance"

#: Above this many nodes a component's leading eigenvector is found with ARPACK.
_DENSE_EIGEN_MAX = 500

#: With ``betweenness_k="auto"``, graphs with more nodes than this get their path-based
#: measures (betweenness, weighted betweenness, closeness, harmonic, bloc-pair
#: betweenness) estimated from :data:`APPROX_SOURCES` sampled sources instead of all n.
APPROX_THRESHOLD = 20_000

#: Sources sampled above :data:`APPROX_THRESHOLD` nodes (see :func:`actor_measures`).
#: The time of the path-based measures grows linearly with it, their standard error
#: as one over its square root: on scale-free graphs of 10^4-10^5 nodes, 200 sources
#: give hubs a standard error of about 0.01 in normalized betweenness (the largest
#: standard error is reported in ``df.attrs["betweenness_error"]``).
APPROX_SOURCES = 200

#: From this many nodes on, the igraph backend computes the shortest-path measures with
#: the compiled kernels of :mod:`graph._kernels` (numba): one pass per source gives
#: betweenness, bloc-pair betweenness, closeness and harmonic centrality together, and
#: threads share the work. Below it igraph is as fast and needs no compilation.
KERNEL_THRESHOLD = 2_000
#: Exact path sums are cut into this many chunks of sources, whatever ``n_jobs`` is.
_CHUNKS = 16

_BACKENDS = ("auto", "igraph", "networkx")
#: Sampled sources are split into this many batches; their spread gives the standard error.
_SE_BATCHES = 10
#: Most entries of one block of the distance matrix (sources x nodes) held at a time.
_DIST_BLOCK = 2_000_000

# scipy.sparse (0.25 s) is imported where it is used, to keep the command line's start-up short.


def _as_simple(G: nx.Graph, weight: str | None = "weight") -> nx.Graph:
    """Fold any graph into a simple undirected weighted copy.

    The summed weight is stored in the private edge attribute ``_weight``
    (every tie counts 1 when ``weight`` is None or the attribute is absent).
    Self-loops are dropped, node attributes are copied (shallow).
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else data.get(weight, 1.0)
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise ValueError(
                f"edge ({u!r}, {v!r}) has {weight}={w!r}, which is not a number; "
                f"fix the edge or pass weight=None to count every tie as 1"
            ) from None
        if H.has_edge(u, v):
            H[u][v][_WEIGHT] += w
        else:
            H.add_edge(u, v, **{_WEIGHT: w})
    for u, v, w in H.edges(data=_WEIGHT):
        if not (math.isfinite(w) and w > 0):
            raise ValueError(
                f"edge ({u!r}, {v!r}) has a summed {weight} of {w!r}; weights must be "
                f"finite and > 0 (tie strength), or pass weight=None to count every tie as 1"
            )
    return H


def _with_distance(H: nx.Graph) -> nx.Graph:
    """Return ``H`` with ``_distance = 1 / _weight`` on every edge (``H`` is a private copy).

    The distance is an exact rational (:class:`fractions.Fraction`), so path
    lengths that are equal in exact arithmetic tie: in floating point
    1/3 + 1/6 != 1/2, and networkx's Dijkstra, which compares lengths with
    ``==``, would count only one of two equally short paths. igraph compares
    with a relative tolerance of 1e-10 and gets the same ties.
    """
    for _, _, data in H.edges(data=True):
        data[_DISTANCE] = 1 / Fraction(data[_WEIGHT])
    return H


def _is_missing(value: Any) -> bool:
    """Tell whether a bloc value means "no bloc" (None, NaN, empty string)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _bloc_values(G: nx.Graph, blocs: str | Mapping | pd.Series | None) -> dict:
    """Map every node of ``G`` to its raw bloc value (None where it has none)."""
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
    return {n: (None if _is_missing(b) else b) for n, b in raw.items()}


def _bloc_map(G: nx.Graph, blocs: str | Mapping | pd.Series | None) -> dict | None:
    """Map every node to a hashable bloc key, or return None if no node has a bloc.

    A node without a bloc becomes a singleton bloc of its own, keyed
    ``("(none)", node)``: it is never taken to share a bloc with anyone.
    """
    raw = _bloc_values(G, blocs)
    if all(b is None for b in raw.values()):
        return None
    out = {}
    for n, b in raw.items():
        if b is None:
            out[n] = ("(none)", n)
        elif isinstance(b, Hashable):
            out[n] = b
        else:
            raise TypeError(f"node {n!r} has bloc {b!r}, which is not hashable; use a str")
    return out


# --------------------------------------------------------------------------- eigenvector


def _eigenvector(H: nx.Graph, weight: str | None) -> dict:
    """Per-component leading eigenvector of a simple undirected graph (see `eigenvector`)."""
    import scipy.sparse.linalg

    out = dict.fromkeys(H, 0.0)
    comps = [list(c) for c in nx.connected_components(H) if len(c) > 1]
    total = sum(len(c) for c in comps)
    for nodes in comps:
        A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float, format="csr")
        if len(nodes) <= _DENSE_EIGEN_MAX:
            _, vecs = np.linalg.eigh(A.toarray())
            x = vecs[:, -1]
        else:
            _, vecs = scipy.sparse.linalg.eigsh(A, k=1, which="LA", v0=np.ones(len(nodes)))
            x = vecs[:, 0]
        x = np.abs(x)
        x *= math.sqrt(len(nodes) / total) / np.linalg.norm(x)
        out.update(zip(nodes, x.tolist(), strict=True))
    return out


def eigenvector(G: nx.Graph, *, weight: str | None = "weight") -> dict:
    r"""Eigenvector centrality that is defined on disconnected graphs.

    Parameters
    ----------
    G : networkx graph
        Any graph; it is folded into a simple undirected graph first.
    weight : str or None, default "weight"
        Edge attribute holding tie strength (summed over folded ties);
        None counts every tie as 1.

    Returns
    -------
    dict
        Node -> centrality, non-negative; isolates get 0.

    Notes
    -----
    Each connected component :math:`C` with at least two nodes gets the
    leading (Perron) eigenvector :math:`x_C` of its own adjacency matrix
    :math:`A_C x_C = \lambda_C x_C`, found with a symmetric eigen-solver
    (LAPACK ``eigh``; ARPACK ``eigsh`` above 500 nodes), never with power
    iteration, so it never fails to converge. :math:`x_C` is scaled to norm
    :math:`\sqrt{|C| / n'}`, where :math:`n'` is the number of nodes in
    components of size two or more. The whole vector then has unit Euclidean
    norm, and every component holds a share of it proportional to its size.
    On a connected graph this equals ``nx.eigenvector_centrality_numpy``.
    A graph without edges gets all zeros.

    The leading eigenvector of the whole (disconnected) adjacency matrix
    would put every non-zero value on the component with the largest
    eigenvalue and give 0 to every other; scoring each component separately
    keeps the ranking inside each component.

    References
    ----------
    .. [1] Bonacich, P. (1972). Factoring and weighting approaches to status
       scores and clique identification. *Journal of Mathematical Sociology*
       2(1), 113-120. https://doi.org/10.1080/0022250X.1972.9989806

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("c", "d")])  # two components of 2 nodes
    >>> {n: round(x, 3) for n, x in eigenvector(G).items()}
    {'a': 0.5, 'b': 0.5, 'c': 0.5, 'd': 0.5}
    """
    H = _as_simple(G, weight)
    return _eigenvector(H, _WEIGHT if weight is not None else None)


# --------------------------------------------------------------------------- effective size


def _effective_size(H: nx.Graph, weight: str | None) -> dict:
    r"""Burt's effective size of every node of a simple undirected graph; NaN for isolates.

    :math:`E_i = \sum_{j \in N(i)} (1 - \sum_q p_{iq} m_{jq})`, with :math:`p_{iq}` the
    share of :math:`i`'s tie strength going to :math:`q` and :math:`m_{jq}` the strength of
    :math:`j`'s tie to :math:`q` over :math:`j`'s strongest tie. The same formula as
    ``nx.effective_size(H, weight=weight, nodes=list(H))``, vectorized: networkx 3.6's own
    vectorized path (``nodes=None``) divides by column maxima instead of row maxima and so
    gives wrong weighted values (networkx PR #8906).
    """
    import scipy.sparse

    nodes = list(H)
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float, format="csr")
    strength = np.asarray(A.sum(axis=1)).ravel()
    strongest = A.max(axis=1).toarray().ravel()
    isolated = strength == 0
    strength[isolated] = strongest[isolated] = 1.0
    P = scipy.sparse.diags_array(1.0 / strength) @ A
    Mx = scipy.sparse.diags_array(1.0 / strongest) @ A
    redundancy = (P @ Mx.T).multiply(A > 0)
    degree = np.diff(A.indptr)
    size = degree - np.asarray(redundancy.sum(axis=1)).ravel()
    size[isolated] = np.nan
    return dict(zip(nodes, size.tolist(), strict=True))


# --------------------------------------------------------------------------- fragmentation


def _separated_pieces(H: nx.Graph) -> tuple[dict, dict]:
    """For every node, the sizes of the pieces its removal cuts off, and its component's size.

    One iterative depth-first search (Hopcroft-Tarjan lowpoints) with subtree
    sizes: a child ``u`` of ``v`` whose subtree has no back edge above ``v``
    (``low[u] >= disc[v]``) becomes a separate piece of ``size[u]`` nodes when
    ``v`` is removed. The rest of the component (``v``'s ancestors' side) is
    what remains. O(n + m).
    """
    disc: dict = {}
    low: dict = {}
    size: dict = {}
    pieces: dict = {v: [] for v in H}
    comp_size: dict = {}
    clock = 0
    for root in H:
        if root in disc:
            continue
        disc[root] = low[root] = clock
        clock += 1
        size[root] = 1
        members = [root]
        stack = [(root, None, iter(H[root]))]
        while stack:
            v, parent, neighbours = stack[-1]
            for u in neighbours:
                if u == parent:
                    continue
                if u in disc:
                    low[v] = min(low[v], disc[u])
                    continue
                disc[u] = low[u] = clock
                clock += 1
                size[u] = 1
                members.append(u)
                stack.append((u, v, iter(H[u])))
                break
            else:
                stack.pop()
                if parent is not None:
                    size[parent] += size[v]
                    low[parent] = min(low[parent], low[v])
                    if low[v] >= disc[parent]:
                        pieces[parent].append(size[v])
        for m in members:
            comp_size[m] = len(members)
    return pieces, comp_size


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def _fragmentation(H: nx.Graph | Mapping) -> dict:
    """Fragmentation of every node of a simple undirected graph (see `fragmentation`).

    ``H`` is a graph or any mapping node -> neighbours (no self-loops).
    """
    pieces, comp_size = _separated_pieces(H)
    before = sum(comp_size[v] - 1 for v in H) // 2  # sum over components of C(|C|, 2)
    if before == 0:
        return dict.fromkeys(H, math.nan)
    out = {}
    for v in H:
        c = comp_size[v]
        rest = c - 1 - sum(pieces[v])
        after = before - _pairs(c) + sum(_pairs(s) for s in pieces[v]) + _pairs(rest)
        out[v] = (before - after) / before
    return out


def fragmentation(G: nx.Graph) -> dict:
    r"""Share of connected node pairs lost when each node is removed.

    Parameters
    ----------
    G : networkx graph
        Any graph; it is folded into a simple undirected graph first.

    Returns
    -------
    dict
        Node -> fragmentation in [0, 1]; NaN for every node if no pair of
        nodes is connected (no edges).

    Notes
    -----
    With :math:`P(G) = \sum_C \binom{|C|}{2}` the number of unordered
    pairs of nodes joined by a path (summed over connected components
    :math:`C`),

    .. math:: F(v) = \frac{P(G) - P(G - v)}{P(G)}.

    The node's own pairs count as lost: the :math:`|C_v| - 1` pairs
    :math:`\{v, u\}` exist before the removal and not after it. So every
    non-isolated node has :math:`F(v) \ge (|C_v| - 1) / P(G)`, an
    articulation point scores more, and an isolate scores 0. On a connected
    graph, :math:`1 - F(v)` is Borgatti's connectedness of :math:`G - v`
    measured against the pairs of :math:`G`.

    All nodes are scored in one depth-first search (Hopcroft and Tarjan's
    lowpoints with subtree sizes), O(n + m), not n separate component counts.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. *Computational and Mathematical Organization Theory* 12, 21-34.
       https://doi.org/10.1007/s10588-006-7084-x
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient
       algorithms for graph manipulation. *Communications of the ACM* 16(6),
       372-378. https://doi.org/10.1145/362248.362272

    Examples
    --------
    A star: removing the hub disconnects all 6 pairs; removing a leaf loses
    only its own 3 pairs.

    >>> import networkx as nx
    >>> G = nx.star_graph(3)  # hub 0, leaves 1, 2, 3
    >>> fragmentation(G)
    {0: 1.0, 1: 0.5, 2: 0.5, 3: 0.5}
    """
    return _fragmentation(_as_simple(G, None))


# --------------------------------------------------------------------------- bloc pairs


def _bloc_pair_betweenness(H: nx.Graph, bloc: dict | None) -> dict:
    """Bloc-pair betweenness on a simple undirected graph (see `bloc_pair_betweenness`)."""
    if bloc is None or len(set(bloc.values())) < 2:
        return dict.fromkeys(H, math.nan)
    score = dict.fromkeys(H, 0.0)
    pairs = 0  # connected cross-bloc ordered pairs (s, t)
    for s in H:
        # Brandes (2001): BFS from s counting shortest paths.
        order = []
        preds: dict = {s: []}
        sigma = {s: 1.0}
        dist = {s: 0}
        queue = [s]
        head = 0
        while head < len(queue):
            v = queue[head]
            head += 1
            order.append(v)
            for w in H[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    sigma[w] = 0.0
                    preds[w] = []
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        bs = bloc[s]
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            target = 1.0 if bloc[w] != bs else 0.0
            coeff = (target + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                score[w] += delta[w]
                pairs += target > 0
    if pairs == 0:
        return dict.fromkeys(H, math.nan)
    return {v: x / pairs for v, x in score.items()}


def bloc_pair_betweenness(G: nx.Graph, blocs: str | Mapping | pd.Series | None = "bloc") -> dict:
    r"""Share of shortest paths between actors of different blocs that pass through each node.

    Parameters
    ----------
    G : networkx graph
        Any graph; it is folded into a simple undirected graph first.
        Paths are counted in hops (edge weights are ignored).
    blocs : str, mapping or None, default "bloc"
        Node attribute naming each node's bloc, or a mapping node -> bloc.
        A node without a bloc (None, NaN or "") is a singleton bloc of its
        own: it shares a bloc with no other node.

    Returns
    -------
    dict
        Node -> share in [0, 1]. NaN for every node if no node has a bloc,
        or if no two nodes of different blocs are connected.

    Notes
    -----
    With :math:`\sigma_{st}` the number of shortest paths between
    :math:`s` and :math:`t`, :math:`\sigma_{st}(v)` the number of them with
    :math:`v` as an intermediary (not an endpoint), and :math:`X` the set of
    unordered pairs :math:`\{s, t\}` in different blocs joined by a path,

    .. math:: B_X(v) = \frac{1}{|X|} \sum_{\{s, t\} \in X}
              \frac{\sigma_{st}(v)}{\sigma_{st}}.

    Every cross-bloc pair weighs the same, and within a pair the paths are
    shared as in betweenness. :math:`B_X(v) = 1` means every cross-bloc
    connection runs through :math:`v`. Computed with Brandes' accumulation
    restricted to cross-bloc targets [2]_, O(nm), on igraph: the members of
    each bloc are the sources of one subset-betweenness call whose targets
    are the nodes outside the bloc (a pure-Python version is the reference
    of ``actor_measures(..., backend="networkx")``).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249
    .. [2] Brandes, U. (2008). On variants of shortest-path betweenness
       centrality and their generic computation. *Social Networks* 30(2),
       136-145. https://doi.org/10.1016/j.socnet.2007.11.001

    Examples
    --------
    A path a - b - c - d with blocs W, W, E, E: of the 4 cross-bloc pairs
    (a,c), (a,d), (b,c), (b,d), node b lies inside 2 and c inside 2.

    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> nx.set_node_attributes(G, {"a": "W", "b": "W", "c": "E", "d": "E"}, "bloc")
    >>> bloc_pair_betweenness(G)
    {'a': 0.0, 'b': 0.5, 'c': 0.5, 'd': 0.0}
    """
    import igraph as ig

    X = _arrays(G, None)
    codes = _bloc_codes(X.nodes, _bloc_values(G, blocs), _bloc_map(G, blocs))
    g = ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())
    values = _ig_bloc_pair(g, codes, _components(X), None) if X.n else []
    return dict(zip(X.nodes, np.asarray(values, dtype=float).tolist(), strict=True))


# --------------------------------------------------------------------------- fast path


@dataclass(frozen=True)
class _Arrays:
    """A graph folded into arrays: node list, undirected edges ``a < b``, summed weights."""

    nodes: list
    a: np.ndarray  # int64, one end of each folded edge
    b: np.ndarray  # int64, the other end (a < b)
    w: np.ndarray  # float64, summed tie strength (every tie 1 when weight is None)

    @property
    def n(self) -> int:
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


@collector_paused()  # a tuple per edge: 10^6 of them
def _arrays(G: nx.Graph, weight: str | None) -> _Arrays:
    """Fold any graph into :class:`_Arrays` as :func:`_as_simple` does, without a networkx copy.

    Bad weights are reported by :func:`_as_simple` itself, with the same messages.
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    if weight is None:
        edges = list(G.edges())
        raw: Any = np.ones(len(edges))
    else:
        triples = list(G.edges(data=weight, default=1.0))
        edges = [(u, v) for u, v, _ in triples]
        try:
            raw = np.asarray([w for *_, w in triples], dtype=float)
        except (TypeError, ValueError):
            _as_simple(G, weight)  # raises the reference's message
            raise  # pragma: no cover
    count = len(edges)
    u = np.fromiter((index[e[0]] for e in edges), dtype=np.int64, count=count)
    v = np.fromiter((index[e[1]] for e in edges), dtype=np.int64, count=count)
    keep = u != v
    u, v, raw = u[keep], v[keep], raw[keep]
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    n = max(len(nodes), 1)
    keys, inverse = np.unique(lo * n + hi, return_inverse=True)
    w = np.bincount(inverse.ravel(), weights=raw, minlength=keys.size).astype(float)
    if not (np.isfinite(w).all() and (w > 0).all()):
        _as_simple(G, weight)  # raises the reference's message
        raise ValueError(f"summed {weight} must be finite and > 0")  # pragma: no cover
    return _Arrays(nodes, keys // n, keys % n, w)


def _components(X: _Arrays, A=None) -> np.ndarray:
    """Connected-component label of every node (``A``: its adjacency, if already built)."""
    import scipy.sparse.csgraph

    A = X.adjacency() if A is None else A
    return scipy.sparse.csgraph.connected_components(A, directed=False)[1]


def _eigenvector_csr(A: scipy.sparse.csr_array, comp: np.ndarray) -> np.ndarray:
    """Per-component leading eigenvector (see `eigenvector`) of a symmetric CSR matrix."""
    import scipy.sparse.linalg

    n = A.shape[0]
    out = np.zeros(n)
    size = np.bincount(comp)
    order = np.argsort(comp, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(size)])
    total = int(size[size > 1].sum())
    for c in np.flatnonzero(size > 1):
        idx = order[bounds[c] : bounds[c + 1]]
        sub = A[idx][:, idx]
        if idx.size <= _DENSE_EIGEN_MAX:
            x = np.linalg.eigh(sub.toarray())[1][:, -1]
        else:
            x = scipy.sparse.linalg.eigsh(sub, k=1, which="LA", v0=np.ones(idx.size))[1][:, 0]
        x = np.abs(x)
        out[idx] = x * math.sqrt(idx.size / total) / np.linalg.norm(x)
    return out


def _triangle_sums(
    A: scipy.sparse.csr_array, L: scipy.sparse.csr_array, R, triangles
) -> np.ndarray:
    r"""For every stored entry (i, j) of ``A``, :math:`\sum_q L_{iq} R_{qj}` over triangles.

    ``A``, ``L`` and ``R`` share one canonical sparsity pattern (the edges); ``q``
    ranges over the common neighbours of ``i`` and ``j``, which are exactly the
    third corners of the triangles on the edge. This is the masked product
    ``(L @ R) * (A > 0)`` without forming ``L @ R`` (whose size is the sum of
    squared degrees: 10^8 entries on a scale-free graph of 10^5 nodes).
    """
    n = A.shape[0]
    out = np.zeros(A.nnz)
    if len(triangles) == 0:
        return out
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(A.indptr))
    key = rows * n + A.indices

    def pos(i, j):
        return np.searchsorted(key, i * n + j)

    t = np.asarray(triangles, dtype=np.int64)
    for i, j, q in ((0, 1, 2), (1, 2, 0), (0, 2, 1)):
        x, y, z = t[:, i], t[:, j], t[:, q]
        xz, zy, yz, zx = pos(x, z), pos(z, y), pos(y, z), pos(z, x)
        out += np.bincount(pos(x, y), weights=L.data[xz] * R.data[zy], minlength=out.size)
        out += np.bincount(pos(y, x), weights=L.data[yz] * R.data[zx], minlength=out.size)
    return out


def _holes(X: _Arrays, strength: np.ndarray, triangles) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size of every node, from the triangles (NaN for isolates).

    The formulas of `_effective_size` and ``nx.constraint``, with every masked
    matrix product computed over the triangles only (`_triangle_sums`).
    """
    A = X.adjacency(strength)
    deg = np.diff(A.indptr)
    rows = np.repeat(np.arange(X.n), deg)
    total = np.asarray(A.sum(axis=1)).ravel()
    strongest = np.zeros(X.n)
    np.maximum.at(strongest, rows, A.data)
    isolated = deg == 0
    total[isolated] = strongest[isolated] = 1.0
    P = A.copy()
    P.data = A.data / total[rows]  # p_ij: share of i's strength going to j
    M = A.copy()
    M.data = A.data / strongest[rows]  # m_ij: tie over i's strongest tie
    # effective size: deg_i - sum_j sum_q p_iq m_jq (M symmetric in pattern: m_jq = M[j, q])
    Mt = M.T.tocsr()
    Mt.sort_indices()
    redundancy = _triangle_sums(A, P, Mt, triangles)
    size = deg - np.bincount(rows, weights=redundancy, minlength=X.n).astype(float)
    # constraint: sum_j (p_ij + sum_q p_iq p_qj)^2
    indirect = _triangle_sums(A, P, P, triangles)
    constraint = np.bincount(rows, weights=(P.data + indirect) ** 2, minlength=X.n).astype(float)
    size[isolated] = constraint[isolated] = np.nan
    return constraint, size


def _ig_fragmentation(g, comp: np.ndarray) -> np.ndarray:
    """Fragmentation of every node (see `fragmentation`) from igraph's biconnected components.

    The pieces a cut vertex leaves are the subtrees of the block-cut tree
    hanging from it: the tree joins each block to its cut vertices, a block
    weighs its other vertices and a cut vertex weighs 1. A virtual root joins
    the trees, one breadth-first pass orders them, and subtree weights are
    added up leaves first. A vertex that is not a cut vertex loses only its own
    pairs. Same values as the depth-first search of `_fragmentation`.
    """
    import scipy.sparse.csgraph

    n = g.vcount()
    size = np.bincount(comp).astype(float)
    before = float((size * (size - 1) / 2).sum())
    if before == 0:
        return np.full(n, np.nan)
    cs = size[comp]
    out = (cs - 1) / before
    blocks, cuts = g.biconnected_components(return_articulation_points=True)
    if not cuts:
        return out
    cuts = np.asarray(cuts, dtype=np.int64)
    nb, nc = len(blocks), cuts.size
    cut_id = np.full(n, -1, dtype=np.int64)
    cut_id[cuts] = np.arange(nc)
    lists = list(blocks)
    members = np.fromiter((v for b in lists for v in b), dtype=np.int64)
    owner = np.repeat(np.arange(nb), [len(b) for b in lists])
    is_cut = cut_id[members] >= 0
    weight = np.concatenate([np.bincount(owner[~is_cut], minlength=nb), np.ones(nc)])
    rows, cols = owner[is_cut], nb + cut_id[members[is_cut]]
    m = nb + nc  # tree nodes: blocks, then cut vertices; node m is the virtual root
    labels = scipy.sparse.csgraph.connected_components(
        scipy.sparse.csr_array((np.ones(rows.size), (rows, cols)), shape=(m, m)), directed=False
    )[1]
    first = np.unique(labels, return_index=True)[1]
    rows = np.concatenate([rows, np.full(first.size, m)])
    cols = np.concatenate([cols, first])
    T = scipy.sparse.csr_array((np.ones(rows.size), (rows, cols)), shape=(m + 1, m + 1))
    order, pred = scipy.sparse.csgraph.breadth_first_order(
        T, m, directed=False, return_predecessors=True
    )
    sub = np.append(weight, 0.0).tolist()
    parent = pred.tolist()
    for i in reversed(order.tolist()):
        if parent[i] >= 0:
            sub[parent[i]] += sub[i]
    sub = np.asarray(sub)
    child = order[1:]
    up = pred[child]
    into_cut = (up >= nb) & (up < m)
    piece_pairs = np.bincount(
        up[into_cut] - nb,
        weights=sub[child[into_cut]] * (sub[child[into_cut]] - 1) / 2,
        minlength=nc,
    )
    c = cs[cuts]
    rest = c - sub[nb : nb + nc]
    after = before - c * (c - 1) / 2 + piece_pairs + rest * (rest - 1) / 2
    out[cuts] = (before - after) / before
    return out


def _distance_sums(A, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum over ``sources`` s of d(s, v) (reachable only) and of 1/d(s, v) (v != s), per node v."""
    import scipy.sparse.csgraph

    n = A.shape[0]
    total = np.zeros(n)
    inverse = np.zeros(n)
    step = max(1, _DIST_BLOCK // max(n, 1))
    for start in range(0, sources.size, step):
        D = scipy.sparse.csgraph.shortest_path(
            A, directed=False, unweighted=True, indices=sources[start : start + step]
        )
        reached = np.isfinite(D)
        total += np.where(reached, D, 0.0).sum(axis=0)
        with np.errstate(divide="ignore"):
            inverse += np.where(reached & (D > 0), 1.0 / D, 0.0).sum(axis=0)
    return total, inverse


def _ig_distance_sums(g, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_distance_sums` on igraph (breadth-first search; faster than scipy's Dijkstra)."""
    n = g.vcount()
    total = np.zeros(n)
    inverse = np.zeros(n)
    step = max(1, _DIST_BLOCK // max(n, 1))
    for start in range(0, sources.size, step):
        D = np.array(g.distances(source=sources[start : start + step].tolist()), dtype=float)
        reached = np.isfinite(D)
        total += np.where(reached, D, 0.0).sum(axis=0)
        with np.errstate(divide="ignore"):
            inverse += np.where(reached & (D > 0), 1.0 / D, 0.0).sum(axis=0)
    return total, inverse


def _closeness_harmonic(X: _Arrays, comp: np.ndarray, sources, totsp, harm):
    r"""Closeness (Wasserman-Faust) and harmonic centrality / (n-1) from distance sums.

    ``totsp`` and ``harm`` are `_distance_sums` over every node (exact,
    ``sources`` None) or over the sampled ``sources``. Sampled: within each
    component :math:`C`, the sums over all other nodes are estimated by
    :math:`|C| / k_C` times the sums over the :math:`k_C` sampled sources in
    :math:`C` (Eppstein & Wang 2004); components without a sampled source are
    computed exactly.
    """
    n = X.n
    size = np.bincount(comp)
    if sources is not None:
        hits = np.bincount(comp[sources], minlength=size.size)
        scale = np.where(hits > 0, size / np.maximum(hits, 1), 1.0)[comp]
        totsp, harm = totsp * scale, harm * scale
        missed = np.flatnonzero(hits[comp] == 0)
        if missed.size:
            t2, h2 = _distance_sums(X.adjacency(), missed)
            totsp[missed], harm[missed] = t2[missed], h2[missed]
    r = size[comp].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where((totsp > 0) & (n > 1), (r - 1) / totsp * (r - 1) / max(n - 1, 1), 0.0)
    harmonic = harm / (n - 1) if n > 1 else np.full(n, np.nan)
    return close, harmonic


def _bloc_codes(nodes: list, raw: dict, bloc: dict | None) -> np.ndarray | None:
    """Integer code of every node's bloc, -1 for a node without one; None if under 2 blocs.

    ``raw`` is `_bloc_values` (None = no bloc), ``bloc`` is `_bloc_map` of the same graph.
    """
    if bloc is None or len(set(bloc.values())) < 2:
        return None
    codes: dict = {}
    return np.array(
        [-1 if raw[v] is None else codes.setdefault(raw[v], len(codes)) for v in nodes],
        dtype=np.int64,
    )


def _cross_pairs(codes: np.ndarray, comp: np.ndarray) -> float:
    """Unordered pairs of nodes in different blocs joined by a path."""
    size = np.bincount(comp)
    pairs = float((size * (size - 1) // 2).sum())
    named = codes >= 0
    if named.any():
        key = comp[named] * (int(codes.max()) + 1) + codes[named]
        count = np.unique(key, return_counts=True)[1]
        pairs -= float((count * (count - 1) // 2).sum())
    return pairs


def _ig_bloc_pair(g, codes: np.ndarray | None, comp: np.ndarray, sources: np.ndarray | None):
    """Bloc-pair betweenness on igraph: dependencies of each source on the other blocs only.

    Sources are grouped by bloc; a group's targets are the nodes outside its
    bloc (every node for the singleton blocs). igraph halves undirected subset
    betweenness, so the groups add up to the unordered cross-bloc sum.
    """
    n = g.vcount()
    if codes is None:
        return np.full(n, np.nan)
    pairs = _cross_pairs(codes, comp)
    if pairs <= 0:
        return np.full(n, np.nan)
    pool = np.arange(n) if sources is None else np.asarray(sources)
    score = np.zeros(n)
    everyone = list(range(n))
    for b in np.unique(codes[pool]):
        group = pool[codes[pool] == b].tolist()
        targets = everyone if b < 0 else np.flatnonzero(codes != b).tolist()
        score += np.asarray(g.betweenness(directed=False, sources=group, targets=targets))
    if sources is not None:
        score *= n / len(sources)
    return score / pairs


def _path_job(n: int, a: np.ndarray, b: np.ndarray, distance, codes, tasks: list) -> list:
    """Run path-based tasks on one igraph copy of the graph (in a worker, or in-process).

    Each task is ``(kind, batch, sources)``; kinds: "hops" and "weighted"
    (subset betweenness from ``sources``; igraph halves undirected subset
    betweenness, so all n sources add up to the unordered-pair sum),
    "distance" (`_ig_distance_sums` from sampled sources), "closeness" (the
    exact distance sums of the nodes in ``sources``, by igraph's closeness and
    harmonic centrality) and "blocs" (subset betweenness from the
    sources in bloc ``batch`` to the nodes outside it, see `_ig_bloc_pair`).
    """
    import igraph as ig

    g = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist())
    weights = distance.tolist() if distance is not None else None
    everyone = list(range(n))
    out = []
    for kind, batch, src in tasks:
        start = time.perf_counter()
        if kind == "hops":
            value = np.asarray(g.betweenness(directed=False, sources=src.tolist()))
        elif kind == "weighted":
            value = np.asarray(g.betweenness(directed=False, weights=weights, sources=src.tolist()))
        elif kind == "distance":
            value = _ig_distance_sums(g, src)
        elif kind == "closeness":  # exact: the sums of the nodes in src themselves
            close = np.asarray(g.closeness(vertices=src.tolist(), normalized=False), dtype=float)
            harm = g.harmonic_centrality(vertices=src.tolist(), normalized=False)
            totsp, inverse = np.zeros(n), np.zeros(n)
            with np.errstate(divide="ignore"):
                totsp[src] = np.where(np.isnan(close), 0.0, 1.0 / close)
            inverse[src] = harm
            value = (totsp, inverse)
        else:  # "blocs": src are the (sampled) members of bloc `batch`
            targets = everyone if batch < 0 else np.flatnonzero(codes != batch).tolist()
            value = np.asarray(g.betweenness(directed=False, sources=src.tolist(), targets=targets))
        out.append((kind, batch, value, time.perf_counter() - start))
    return out


def _path_measures(X: _Arrays, W, *, codes, comp, sources, n_jobs) -> tuple[dict, dict]:
    """Betweenness (hops, weighted), closeness, harmonic and bloc-pair betweenness.

    All n nodes are the sources (exact), or the sampled ``sources`` in
    batches of which the spread gives the standard error (see
    `actor_measures`, Notes). From :data:`KERNEL_THRESHOLD` nodes on, the
    compiled kernels of :mod:`graph._kernels` run (one pass gives every
    hop-based measure); below it, igraph: the work is cut into (kind,
    batch) tasks that are additive over sources, dealt round-robin to
    ``n_jobs`` worker processes. ``W`` is the CSR adjacency of ``X.w``
    (`_Arrays.adjacency`).
    """
    import joblib

    n = X.n
    sampled = sources is not None
    src = np.asarray(sources) if sampled else np.arange(n)
    jobs_n = max(1, min(joblib.effective_n_jobs(n_jobs), n))
    same = X.w.size == 0 or bool(np.all(X.w == X.w[0]))  # equal distances: same paths
    if n >= KERNEL_THRESHOLD:
        return _kernel_path_measures(
            X, W, codes=codes, comp=comp, src=src, sampled=sampled, same=same, jobs_n=jobs_n
        )
    n_batches = min(_SE_BATCHES, src.size) if sampled else jobs_n
    batches = [x for x in np.array_split(src, n_batches) if x.size]
    kinds = ["hops"] + ([] if same else ["weighted"]) + ["distance" if sampled else "closeness"]
    tasks = [(kind, i, batch) for kind in kinds for i, batch in enumerate(batches)]
    if codes is not None:  # one call per bloc: its members to everyone outside it
        tasks += [("blocs", int(c), src[codes[src] == c]) for c in np.unique(codes[src])]
    distance = None if same else 1.0 / X.w
    jobs = [tasks[j::jobs_n] for j in range(jobs_n)]
    if jobs_n == 1:
        results = [_path_job(n, X.a, X.b, distance, codes, jobs[0])]
    else:
        results = joblib.Parallel(n_jobs=jobs_n)(
            joblib.delayed(_path_job)(n, X.a, X.b, distance, codes, job) for job in jobs
        )
    parts: dict = {}
    for kind, i, value, seconds in (r for result in results for r in result):
        parts[kind, i] = value
        _TIMINGS[f"{kind} (cpu)"] = _TIMINGS.get(f"{kind} (cpu)", 0.0) + seconds
    sizes = np.array([b.size for b in batches], dtype=float)
    out, errors = {}, {}
    for kind, column in (("hops", "betweenness"), ("weighted", "betweenness_weighted")):
        if kind not in kinds:
            out[column], errors[column] = out["betweenness"], errors["betweenness"]
            continue
        values = np.array([parts[kind, i] for i in range(len(batches))])
        out[column], errors[column] = _betweenness_estimate(values, sizes, n, sampled)
    dist = "distance" if sampled else "closeness"
    totsp = sum(parts[dist, i][0] for i in range(len(batches)))
    harm = sum(parts[dist, i][1] for i in range(len(batches)))
    out["closeness"], out["harmonic"] = _closeness_harmonic(X, comp, sources, totsp, harm)
    if codes is None or (pairs := _cross_pairs(codes, comp)) <= 0:
        out["bloc_pair_betweenness"] = np.full(n, np.nan)
    else:
        through = sum(v for (kind, _), v in parts.items() if kind == "blocs")
        out["bloc_pair_betweenness"] = through * (n / src.size) / pairs
    return out, {
        "betweenness_error": errors["betweenness"],
        "betweenness_weighted_error": errors["betweenness_weighted"],
    }


def _kernel_path_measures(X: _Arrays, W, *, codes, comp, src, sampled, same, jobs_n):
    """`_path_measures` on the compiled kernels, on ``jobs_n`` threads.

    Sources are cut into a fixed number of chunks (the standard-error
    batches when sampled), each summed into its own row, so the numbers do
    not depend on ``jobs_n``. The kernels' sums count each unordered pair
    twice; halved here to match igraph's subset betweenness.
    """
    from graph import _kernels

    n = X.n
    chunks = [
        x for x in np.array_split(src, min(_SE_BATCHES if sampled else _CHUNKS, src.size)) if x.size
    ]
    sizes = np.array([c.size for c in chunks], dtype=float)
    indptr, indices, length = W.indptr, W.indices, 1.0 / W.data  # a strong tie is a short step
    start = time.perf_counter()
    hops, cross, totsp, harm = _kernels.hop_paths(indptr, indices, codes, chunks, jobs_n)
    _TIMINGS["hop paths, blocs, distances (kernel)"] = time.perf_counter() - start
    out, errors = {}, {}
    out["betweenness"], errors["betweenness"] = _betweenness_estimate(hops / 2, sizes, n, sampled)
    if same:
        out["betweenness_weighted"] = out["betweenness"]
        errors["betweenness_weighted"] = errors["betweenness"]
    else:
        start = time.perf_counter()
        weighted = _kernels.weighted_betweenness(indptr, indices, length, chunks, jobs_n)
        if weighted is not None:
            half = weighted / 2
            _TIMINGS["weighted paths (kernel)"] = time.perf_counter() - start
        else:  # steps too unequal for buckets: igraph's heap, per chunk
            tasks = [("weighted", i, c) for i, c in enumerate(chunks)]
            result = _path_job(n, X.a, X.b, 1.0 / X.w, codes, tasks)
            half = np.array([value for _, _, value, _ in result])
            _TIMINGS["weighted paths (igraph)"] = time.perf_counter() - start
        out["betweenness_weighted"], errors["betweenness_weighted"] = _betweenness_estimate(
            half, sizes, n, sampled
        )
    out["closeness"], out["harmonic"] = _closeness_harmonic(
        X, comp, src if sampled else None, totsp.sum(axis=0), harm.sum(axis=0)
    )
    if codes is None or (pairs := _cross_pairs(codes, comp)) <= 0:
        out["bloc_pair_betweenness"] = np.full(n, np.nan)
    else:
        out["bloc_pair_betweenness"] = cross.sum(axis=0) / 2 * (n / src.size) / pairs
    return out, {
        "betweenness_error": errors["betweenness"],
        "betweenness_weighted_error": errors["betweenness_weighted"],
    }


def _betweenness_estimate(values: np.ndarray, sizes: np.ndarray, n: int, sampled: bool):
    r"""Normalized betweenness from per-batch subset sums; and its largest standard error.

    Sampled: batch ``i`` estimates :math:`\frac{n}{k_i} y_i`; the estimate is
    their size-weighted mean and its standard error the standard deviation of
    the batch estimates over the square root of the number of batches, with
    the finite population correction :math:`\sqrt{1 - k/n}`.
    """
    if n <= 2:
        return np.zeros(n), 0.0
    pairs = (n - 1) * (n - 2) / 2.0
    if not sampled:
        return values.sum(axis=0) / pairs, 0.0
    k = sizes.sum()
    estimates = values * (n / sizes)[:, None] / pairs
    mean = sizes @ estimates / k
    if len(sizes) < 2:
        return mean, math.nan
    se = estimates.std(axis=0, ddof=1) / math.sqrt(len(sizes)) * math.sqrt(max(0.0, 1 - k / n))
    return mean, float(se.max())


def _fast_columns(
    X: _Arrays, *, weighted: bool, codes: np.ndarray | None, sources, n_jobs
) -> tuple[dict, dict]:
    """Every measure that is not a node attribute, on igraph / scipy (see `actor_measures`)."""
    import igraph as ig

    clock = _Clock()
    n = X.n
    g = ig.Graph(n=n, edges=np.column_stack([X.a, X.b]).tolist())
    strength = X.w if weighted else np.ones(X.a.size)
    A = X.adjacency(strength)
    comp = _components(X, A)
    W = A if weighted else X.adjacency(X.w)  # the summed ties, as the path measures read them
    clock("conversion")
    paths, errors = _path_measures(X, W, codes=codes, comp=comp, sources=sources, n_jobs=n_jobs)
    clock("shortest paths")
    constraint, size = _holes(X, strength, g.list_triangles() if X.a.size else [])
    clock("constraint, effective size")
    articulation = np.zeros(n, dtype=bool)
    articulation[g.articulation_points()] = True
    frag = _ig_fragmentation(g, comp)
    clock("articulation, fragmentation")
    eigen = _eigenvector_csr(A, comp)
    pagerank = np.asarray(g.pagerank(weights=strength.tolist(), directed=False, damping=0.85))
    clock("eigenvector, pagerank")
    columns = {
        "degree": np.diff(A.indptr),
        "weighted_degree": np.asarray(A.sum(axis=1)).ravel(),
        "betweenness": paths["betweenness"],
        "betweenness_weighted": paths["betweenness_weighted"],
        "closeness": paths["closeness"],
        "harmonic": paths["harmonic"],
        "eigenvector": eigen,
        "pagerank": pagerank,
        "constraint": constraint,
        "effective_size": size,
        "articulation_point": articulation,
        "fragmentation": frag,
        "bloc_pair_betweenness": paths["bloc_pair_betweenness"],
    }
    return columns, errors


#: Seconds spent in each part of the last igraph-backend `actor_measures` call (for bench/).
_TIMINGS: dict[str, float] = {}


def _last_timings() -> dict[str, float]:
    """Return the parts' seconds of the last igraph-backend `actor_measures` call."""
    return dict(_TIMINGS)


class _Clock:
    """Record the seconds since the previous call under a name, in `_TIMINGS`."""

    def __init__(self):
        self._now = time.perf_counter
        self._last = self._now()
        _TIMINGS.clear()

    def __call__(self, name: str) -> None:
        now = self._now()
        _TIMINGS[name] = _TIMINGS.get(name, 0.0) + now - self._last
        self._last = now


# --------------------------------------------------------------------------- all together


def actor_measures(
    G: nx.Graph,
    *,
    blocs: str | Mapping | pd.Series | None = "bloc",
    weight: str | None = "weight",
    betweenness_k: int | str | None = "auto",
    seed: int | np.random.Generator | None = 0,
    backend: str = "auto",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    r"""Centrality, structural-hole and bridging measures, one row per actor.

    Parameters
    ----------
    G : networkx graph
        Any graph (a view from :mod:`graph.build` or a user's graph). It is
        folded into a simple undirected graph: ``weight`` summed over
        parallel and reciprocal edges, self-loops dropped. Not modified.
    blocs : str, mapping or None, default "bloc"
        Node attribute naming each actor's bloc, or a mapping node -> bloc.
        Nodes without a bloc are singleton blocs (see
        :func:`bloc_pair_betweenness`).
    weight : str or None, default "weight"
        Edge attribute holding tie strength (> 0); None, or an absent
        attribute, counts every tie as 1.
    betweenness_k : "auto", int or None, default "auto"
        Sources of the shortest-path measures. None: every node (exact).
        An int ``k``: ``k`` sources sampled without replacement, and the
        path-based measures are estimates (see Notes). "auto": exact up to
        :data:`APPROX_THRESHOLD` (20,000) nodes, :data:`APPROX_SOURCES` (200)
        sampled sources above it.
    seed : int, numpy Generator or None, default 0
        Seeds the source sample when sources are sampled.
    backend : {"auto", "igraph", "networkx"}, default "auto"
        "igraph" (also "auto") computes the path-based measures, PageRank and
        articulation points on python-igraph and Burt's measures on
        scipy.sparse, from one conversion of the graph; from
        :data:`KERNEL_THRESHOLD` (2,000) nodes on, the path-based measures
        run on the compiled kernels of :mod:`graph._kernels` instead (the
        same numbers, tested against networkx). "networkx" is the
        pure-Python reference (slow: exact betweenness of 10^4 nodes takes
        minutes); there a sampled ``k`` applies to the two betweenness
        columns only (networkx's ``k``) and the standard errors are NaN.
    n_jobs : int or None, default 1
        igraph backend: workers for the shortest-path measures, which are
        cut into pieces additive over sources: processes (joblib) on igraph,
        threads on the kernels; -1 uses every CPU. The numbers do not
        depend on it.

    Returns
    -------
    pandas.DataFrame
        Index ``actor`` (the node ids, in the graph's order); columns, in
        order, as in :data:`MEASURES`:

        ================== ==================================================
        label, type        node attributes (missing if absent)
        bloc               the bloc used (missing if the node has none)
        degree             number of distinct neighbours
        weighted_degree    sum of tie strengths (``weight``)
        betweenness        shortest paths in hops, normalized by
                           :math:`(n-1)(n-2)/2`, endpoints excluded
        betweenness_weighted  same, with distance = 1 / ``weight`` (a
                           stronger tie is a shorter step)
        closeness          in hops, Wasserman-Faust scaling for
                           disconnected graphs (networkx's default)
        harmonic           :math:`\sum_{u \ne v} 1/d(v,u)`, divided by n-1
        eigenvector        per component, weighted (:func:`eigenvector`)
        pagerank           weighted, damping 0.85
        constraint         Burt's constraint, weighted; NaN for isolates
        effective_size     Burt's effective size, weighted; NaN for isolates
        articulation_point removing the node disconnects its component
        fragmentation      share of connected pairs lost on removal
                           (:func:`fragmentation`)
        bloc_pair_betweenness  share of cross-bloc shortest paths through
                           the node (:func:`bloc_pair_betweenness`)
        ================== ==================================================

        ``df.attrs`` says how the table was computed: ``backend``;
        ``betweenness_k`` (None when exact, else the number of sampled
        sources); ``estimated`` (the columns that are estimates);
        ``betweenness_error`` and ``betweenness_weighted_error`` (the largest
        standard error of a node's estimate, 0.0 when exact).

    Notes
    -----
    Path-based measures (betweenness, closeness, harmonic, fragmentation,
    bloc-pair betweenness) count hops, except ``betweenness_weighted``,
    which treats weight as tie strength: :math:`d_{uv} = 1 / w_{uv}`
    (Newman 2001 [3]_; Opsahl et al. 2010 [4]_). Strength-based measures
    (weighted degree, eigenvector, PageRank, constraint, effective size) use
    the weights directly.

    Betweenness [1]_:
    :math:`C_B(v) = \frac{2}{(n-1)(n-2)} \sum_{s<t,\, s,t \ne v}
    \sigma_{st}(v) / \sigma_{st}`.
    Burt's constraint [2]_:
    :math:`c_i = \sum_{j \ne i} (p_{ij} + \sum_{q \ne i,j} p_{iq} p_{qj})^2`,
    with :math:`p_{ij}` the proportion of :math:`i`'s tie strength invested in
    :math:`j`. On the igraph backend the indirect terms run over the
    triangles of the graph only, never over all pairs of neighbours.

    *Sampled sources* (``betweenness_k`` an int, or "auto" above 20,000
    nodes). With :math:`S` the :math:`k` sampled sources, betweenness and
    weighted betweenness are :math:`\frac{n}{k} \sum_{s \in S} \delta_s(v)`
    normalized as above (Brandes and Pich 2007 [6]_), with :math:`\delta_s(v)`
    the dependency of source :math:`s` on :math:`v`; bloc-pair betweenness
    restricts :math:`\delta_s` to targets outside the bloc of :math:`s`.
    Closeness and harmonic centrality use the distances from the sampled
    sources of each component, scaled by :math:`|C| / k_C` (Eppstein and Wang
    2004 [7]_); components without a sampled source are computed exactly.
    The estimates are unbiased for the betweenness columns. Their standard
    error comes from splitting :math:`S` into 10 batches: the standard
    deviation of the batch estimates over :math:`\sqrt{10}`, times
    :math:`\sqrt{1 - k/n}`. Degree, weighted degree, eigenvector, PageRank,
    Burt's measures, articulation points and fragmentation stay exact at any
    size (they cost :math:`O(n + m)` or a few sparse matrix-vector products
    each, plus one pass over the triangles).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. *American
       Journal of Sociology* 110(2), 349-399. https://doi.org/10.1086/421787
    .. [3] Newman, M. E. J. (2001). Scientific collaboration networks. II.
       *Physical Review E* 64, 016132. https://doi.org/10.1103/PhysRevE.64.016132
    .. [4] Opsahl, T., Agneessens, F. and Skvoretz, J. (2010). Node centrality
       in weighted networks. *Social Networks* 32(3), 245-251.
       https://doi.org/10.1016/j.socnet.2010.03.006
    .. [5] Padgett, J. F. and Ansell, C. K. (1993). Robust action and the rise
       of the Medici, 1400-1434. *American Journal of Sociology* 98(6),
       1259-1319. https://doi.org/10.1086/230190
    .. [6] Brandes, U. and Pich, C. (2007). Centrality estimation in large
       networks. *International Journal of Bifurcation and Chaos* 17(7),
       2303-2318. https://doi.org/10.1142/S0218127407018403
    .. [7] Eppstein, D. and Wang, J. (2004). Fast approximation of centrality.
       *Journal of Graph Algorithms and Applications* 8(1), 39-45.
       https://doi.org/10.7155/jgaa.00081

    Examples
    --------
    A star with hub h: the hub is the only broker. Of the 5 pairs in different
    blocs, h lies inside the 3 that do not end at h itself.

    >>> import networkx as nx
    >>> G = nx.Graph([("h", "a"), ("h", "b"), ("h", "c")])
    >>> nx.set_node_attributes(G, {"h": "X", "a": "X", "b": "Y", "c": "Z"}, "bloc")
    >>> df = actor_measures(G)
    >>> df.loc["h", ["betweenness", "constraint", "bloc_pair_betweenness"]].tolist()
    [1.0, 0.3333333333333333, 0.6]
    >>> df["articulation_point"].tolist()
    [True, False, False, False]
    >>> df.attrs["backend"], df.attrs["betweenness_k"], df.attrs["estimated"]
    ('igraph', None, ())
    """
    if backend not in _BACKENDS:
        raise ValueError(f"backend must be one of {_BACKENDS}; got {backend!r}")
    backend = "networkx" if backend == "networkx" else "igraph"
    if backend == "networkx":
        H = _as_simple(G, weight)
        nodes = list(H)
    else:
        X = _arrays(G, weight)
        nodes = X.nodes
    n = len(nodes)
    k = _resolve_k(betweenness_k, n)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    attrs = {
        "backend": backend,
        "betweenness_k": k,
        "estimated": (),
        "betweenness_error": 0.0,
        "betweenness_weighted_error": 0.0,
    }
    if n == 0:
        df = pd.DataFrame({c: pd.Series(dtype=object) for c in MEASURES}, index=index)
        df.attrs.update(attrs)
        return df
    raw_bloc = _bloc_values(G, blocs)
    bloc = _bloc_map(G, blocs)
    if backend == "networkx":
        columns = _reference_columns(H, weight=weight, bloc=bloc, k=k, seed=seed)
        if k is not None:
            attrs["estimated"] = ("betweenness", "betweenness_weighted")
            attrs["betweenness_error"] = attrs["betweenness_weighted_error"] = math.nan
    else:
        sources = None
        if k is not None:
            sources = np.random.default_rng(seed).choice(n, size=k, replace=False)
            attrs["estimated"] = _ESTIMATED
        columns, errors = _fast_columns(
            X,
            weighted=weight is not None,
            codes=_bloc_codes(nodes, raw_bloc, bloc),
            sources=sources,
            n_jobs=n_jobs,
        )
        attrs.update(errors)
    data = {
        "label": [G.nodes[v].get("label") for v in nodes],
        "type": [G.nodes[v].get("type") for v in nodes],
        "bloc": [raw_bloc[v] for v in nodes],
        **columns,
    }
    df = pd.DataFrame(data, index=index)
    float_cols = [c for c in MEASURES[4:] if c != "articulation_point"]
    df = df.astype(dict.fromkeys(float_cols, float) | {"articulation_point": bool})
    df.attrs.update(attrs)
    return df


#: Columns estimated from the sampled sources on the igraph backend.
_ESTIMATED = (
    "betweenness",
    "betweenness_weighted",
    "closeness",
    "harmonic",
    "bloc_pair_betweenness",
)


def _resolve_k(betweenness_k: int | str | None, n: int) -> int | None:
    """The number of sampled sources, or None for every node (exact)."""
    if isinstance(betweenness_k, str):
        if betweenness_k != "auto":
            raise ValueError(f"betweenness_k must be 'auto', an int or None; got {betweenness_k!r}")
        return APPROX_SOURCES if n > APPROX_THRESHOLD else None
    if betweenness_k is None:
        return None
    if isinstance(betweenness_k, bool) or int(betweenness_k) != betweenness_k:
        raise ValueError(f"betweenness_k must be 'auto', an int or None; got {betweenness_k!r}")
    if not 1 <= betweenness_k <= n:
        raise ValueError(
            f"betweenness_k={betweenness_k} sources cannot be sampled from {n} nodes; "
            f"give 1 <= k <= {n}, or None for exact values"
        )
    return int(betweenness_k)


def _reference_columns(H: nx.Graph, *, weight, bloc, k, seed) -> dict:
    """The measures on networkx (the reference the igraph backend is tested against)."""
    w = _WEIGHT if weight is not None else None
    nodes = list(H)
    n = len(nodes)
    _with_distance(H)

    def col(values: dict) -> list:
        return [values[v] for v in nodes]

    btw = nx.betweenness_centrality(H, k=k, normalized=True, seed=seed)
    btw_w = nx.betweenness_centrality(H, k=k, normalized=True, weight=_DISTANCE, seed=seed)
    harmonic = nx.harmonic_centrality(H)
    scale = 1.0 / (n - 1) if n > 1 else math.nan
    articulation = set(nx.articulation_points(H))
    return {
        "degree": [H.degree(v) for v in nodes],
        "weighted_degree": [float(H.degree(v, weight=w)) for v in nodes],
        "betweenness": col(btw),
        "betweenness_weighted": col(btw_w),
        "closeness": col(nx.closeness_centrality(H)),
        "harmonic": [harmonic[v] * scale for v in nodes],
        "eigenvector": col(_eigenvector(H, w)),
        "pagerank": col(nx.pagerank(H, weight=w, max_iter=10_000, tol=1e-13)),
        "constraint": col(nx.constraint(H, weight=w)),
        "effective_size": col(_effective_size(H, w)),
        "articulation_point": [v in articulation for v in nodes],
        "fragmentation": col(_fragmentation(H)),
        "bloc_pair_betweenness": col(_bloc_pair_betweenness(H, bloc)),
    }
