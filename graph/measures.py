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
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse
import scipy.sparse.linalg

__all__ = [
    "MEASURES",
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
    """Return ``H`` with ``_distance = 1 / _weight`` on every edge (``H`` is a private copy)."""
    for _, _, data in H.edges(data=True):
        data[_DISTANCE] = 1.0 / data[_WEIGHT]
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


def _fragmentation(H: nx.Graph) -> dict:
    """Fragmentation of every node of a simple undirected graph (see `fragmentation`)."""
    before = sum(_pairs(len(c)) for c in nx.connected_components(H))
    if before == 0:
        return dict.fromkeys(H, math.nan)
    pieces, comp_size = _separated_pieces(H)
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
    restricted to cross-bloc targets [2]_: O(nm).

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
    H = _as_simple(G, None)
    return _bloc_pair_betweenness(H, _bloc_map(H, blocs))


# --------------------------------------------------------------------------- all together


def actor_measures(
    G: nx.Graph,
    *,
    blocs: str | Mapping | pd.Series | None = "bloc",
    weight: str | None = "weight",
    betweenness_k: int | None = None,
    seed: int | np.random.Generator | None = 0,
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
    betweenness_k : int or None, default None
        If given, estimate ``betweenness`` and ``betweenness_weighted`` from
        ``k`` sampled sources (networkx's ``k``); None computes them exactly.
    seed : int, numpy Generator or None, default 0
        Seeds the source sample when ``betweenness_k`` is set.

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
    :math:`j`.

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
    """
    H = _as_simple(G, weight)
    w = _WEIGHT if weight is not None else None
    nodes = list(H)
    n = len(nodes)
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MEASURES}, index=index)
    _with_distance(H)
    raw_bloc = _bloc_values(H, blocs)
    bloc = _bloc_map(H, blocs)

    def col(values: dict) -> list:
        return [values[v] for v in nodes]

    btw = nx.betweenness_centrality(H, k=betweenness_k, normalized=True, seed=seed)
    btw_w = nx.betweenness_centrality(
        H, k=betweenness_k, normalized=True, weight=_DISTANCE, seed=seed
    )
    harmonic = nx.harmonic_centrality(H)
    scale = 1.0 / (n - 1) if n > 1 else math.nan
    articulation = set(nx.articulation_points(H))
    data = {
        "label": [H.nodes[v].get("label") for v in nodes],
        "type": [H.nodes[v].get("type") for v in nodes],
        "bloc": col(raw_bloc),
        "degree": [H.degree(v) for v in nodes],
        "weighted_degree": [float(H.degree(v, weight=w)) for v in nodes],
        "betweenness": col(btw),
        "betweenness_weighted": col(btw_w),
        "closeness": col(nx.closeness_centrality(H)),
        "harmonic": [harmonic[v] * scale for v in nodes],
        "eigenvector": col(_eigenvector(H, w)),
        "pagerank": col(nx.pagerank(H, weight=w, max_iter=1000)),
        "constraint": col(nx.constraint(H, weight=w)),
        "effective_size": col(_effective_size(H, w)),
        "articulation_point": [v in articulation for v in nodes],
        "fragmentation": col(_fragmentation(H)),
        "bloc_pair_betweenness": col(_bloc_pair_betweenness(H, bloc)),
    }
    df = pd.DataFrame(data, index=index)
    float_cols = [c for c in MEASURES[4:] if c != "articulation_point"]
    return df.astype(dict.fromkeys(float_cols, float))
