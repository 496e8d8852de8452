r"""The networkx engine: the pure-Python reference every faster engine is tested against.

:func:`reference_columns` computes every column of
:func:`graph.measures.actor_measures` with networkx (``backend="networkx"``);
:func:`bloc_pair_reference` is Brandes' accumulation restricted to cross-bloc
targets; :func:`bloc_pair_shares` splits one actor's bloc-pair betweenness by
the pair of blocs its paths join (what the bloc figure shows).

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> bloc_pair_shares(G, "b", {"a": "W", "b": "W", "c": "E"})
  bloc_a bloc_b  pairs  through  share
0      E      W      2      1.0    0.5
"""

from __future__ import annotations

import math
from collections import deque
from fractions import Fraction

import networkx as nx
import numpy as np
import pandas as pd

from graph.blocs import BlocSpec, resolve_blocs
from graph.fold import fold
from graph.measures.structural import eigenvector_csr, fragmentation

__all__ = ["reference_columns", "bloc_pair_reference", "bloc_pair_shares", "side_pair_shares"]

#: Edge attribute of the exact rational distance 1 / weight on the reference's private copy.
_DISTANCE = "_distance"


def reference_columns(H: nx.Graph, *, weighted: bool, bloc_of: dict, k, seed) -> dict:
    """Every measure on networkx, on ``H`` as :func:`graph.fold.fold` gives it.

    ``weighted``: the strength-based measures read ``weight`` (else every
    pair counts 1); path lengths are always 1 / ``weight``. ``k`` sampled
    sources (networkx's ``k``, seeded by ``seed``) apply to the two
    betweenness columns only.
    """
    w = "weight" if weighted else None
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
        "eigenvector": _eigenvector(H, w),
        "pagerank": col(nx.pagerank(H, weight=w, max_iter=10_000, tol=1e-13)),
        "constraint": col(nx.constraint(H, weight=w)),
        "effective_size": col(nx.effective_size(H, weight=w, nodes=nodes)),
        "articulation_point": [v in articulation for v in nodes],
        "fragmentation": col(fragmentation(H)),
        "bloc_pair_betweenness": col(bloc_pair_reference(H, bloc_of)),
    }


def _eigenvector(H: nx.Graph, weight: str | None) -> list:
    """Eigenvector centrality of ``H``'s nodes (the one solver, :func:`eigenvector_csr`)."""
    import scipy.sparse.csgraph

    A = nx.to_scipy_sparse_array(H, weight=weight, dtype=float, format="csr")
    comp = scipy.sparse.csgraph.connected_components(A, directed=False)[1]
    return eigenvector_csr(A, comp).tolist()


def _with_distance(H: nx.Graph) -> nx.Graph:
    """Return ``H`` with ``_distance = 1 / weight`` on every edge (``H`` is a private copy).

    The distance is an exact rational (:class:`fractions.Fraction`), so path
    lengths that are equal in exact arithmetic tie: in floating point
    1/3 + 1/6 != 1/2, and networkx's Dijkstra, which compares lengths with
    ``==``, would count only one of two equally short paths. igraph compares
    with a relative tolerance of 1e-10 and gets the same ties.
    """
    for _, _, data in H.edges(data=True):
        data[_DISTANCE] = 1 / Fraction(data["weight"])
    return H


def _singletons(bloc_of: dict) -> dict | None:
    """Bloc key of every node, a node without a bloc keyed by itself; None without blocs."""
    if all(b is None for b in bloc_of.values()):
        return None
    keys = {n: ("no bloc", n) if b is None else ("bloc", b) for n, b in bloc_of.items()}
    return keys if len(set(keys.values())) >= 2 else None


def bloc_pair_reference(H: nx.Graph, bloc_of: dict) -> dict:
    """Bloc-pair betweenness on a simple undirected graph, in pure Python.

    ``bloc_of`` maps every node to its bloc or None (:func:`graph.blocs.resolve_blocs`);
    see :func:`graph.measures.bloc_pair_betweenness` for the definition.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> bloc_pair_reference(G, {"a": "W", "b": "W", "c": "E", "d": "E"})
    {'a': 0.0, 'b': 0.5, 'c': 0.5, 'd': 0.0}
    """
    bloc = _singletons(bloc_of)
    if bloc is None:
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


def bloc_pair_shares(G: nx.Graph, focus, blocs: BlocSpec = "bloc") -> pd.DataFrame:
    r"""Split one actor's bloc-pair betweenness by the pair of blocs its paths join.

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph; paths are counted in hops.
    focus : node
    blocs : str, mapping or None, default "bloc"
        As :func:`graph.blocs.resolve_blocs`.

    Returns
    -------
    pandas.DataFrame
        One row per pair of blocs (``bloc_a``, ``bloc_b``, sorted by name)
        joined by a path: ``pairs``, the connected pairs of actors
        :math:`\{s, t\}` with :math:`s` in one bloc and :math:`t` in the
        other (pairs that end at the focus included); ``through``,
        :math:`\sum \sigma_{st}(f) / \sigma_{st}` over them; ``share`` =
        ``through / pairs``. Pairs with an actor that has no bloc (a
        singleton bloc of its own) are gathered under the bloc name None.
        Summed over every row, ``through / pairs`` is the focus's
        :func:`graph.measures.bloc_pair_betweenness`.

    Notes
    -----
    :math:`\sigma_{st}(f) = \sigma_{sf}\,\sigma_{ft}` when
    :math:`d(s, f) + d(f, t) = d(s, t)`, else 0: one breadth-first search
    from the focus and one from each actor, :math:`O(n(n + m))`.

    Examples
    --------
    See the module's example: of the two W-E pairs of the path a - b - c,
    only (a, c) runs through b.
    """
    H = fold(G, weight=None)
    if focus not in H:
        raise KeyError(f"focus {focus!r} is not a node of the graph")
    bloc_of = resolve_blocs(H, blocs)
    totals: dict = {}
    for s, t, x in _through_focus(H, focus):
        a, b = bloc_of[s], bloc_of[t]
        if a is not None and a == b:
            continue
        key = tuple(sorted((a, b), key=_bloc_order))
        pairs, through = totals.get(key, (0, 0.0))
        totals[key] = (pairs + 1, through + x)
    return _pair_table(totals, ("bloc_a", "bloc_b"))


def side_pair_shares(G: nx.Graph, focus, sides) -> pd.DataFrame:
    r"""The share of shortest paths between each pair of named sides that pass through ``focus``.

    The same count as :func:`bloc_pair_shares` (the focus's own pairs
    included, contributing nothing), with the groups given as sides.

    Parameters
    ----------
    G : networkx graph
        Folded into a simple undirected graph; paths are counted in hops.
    focus : node
    sides : mapping of name -> iterable of nodes
        The groups (a node may stand in several).

    Returns
    -------
    pandas.DataFrame
        One row per pair of sides, in the order given (``side_a``,
        ``side_b``): ``pairs`` (connected pairs of distinct actors, one on
        each side), ``through`` and ``share`` as in :func:`bloc_pair_shares`;
        ``pairs`` 0 and ``share`` NaN when no path joins the sides.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> side_pair_shares(G, "b", {"West": ["a"], "East": ["c", "d"]})
      side_a side_b  pairs  through  share
    0   West   East      2      2.0    1.0
    """
    H = fold(G, weight=None)
    if focus not in H:
        raise KeyError(f"focus {focus!r} is not a node of the graph")
    names = list(sides)
    member = {n: {v for v in sides[n] if v in H} for n in names}
    keys = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    totals = {k: (0, 0.0) for k in keys}
    wanted = set().union(*member.values()) if member else set()
    for s, t, x in _through_focus(H, focus, among=wanted):
        for a, b in keys:
            if (s in member[a] and t in member[b]) or (t in member[a] and s in member[b]):
                pairs, through = totals[(a, b)]
                totals[(a, b)] = (pairs + 1, through + x)
    return _pair_table(totals, ("side_a", "side_b"), sort=False)


def _pair_table(totals: dict, columns: tuple[str, str], *, sort: bool = True) -> pd.DataFrame:
    items = sorted(totals.items(), key=_pair_order) if sort else list(totals.items())
    a_col, b_col = columns
    df = pd.DataFrame(
        {
            a_col: pd.Series([a for (a, _), _ in items], dtype=object),
            b_col: pd.Series([b for (_, b), _ in items], dtype=object),
            "pairs": pd.Series([p for _, (p, _) in items], dtype="int64"),
            "through": pd.Series([x for _, (_, x) in items], dtype=float),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        df["share"] = df["through"] / df["pairs"].where(df["pairs"] > 0)
    return df


def _through_focus(H: nx.Graph, focus, among=None):
    """Yield ``(s, t, share of the s-t shortest paths through focus)`` for connected pairs s < t.

    Pairs are taken in node order; ``among`` restricts both ends to a set of nodes.
    """
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    f = index[focus]
    dist_f, sigma_f = _bfs_counts(H, focus, index)
    pick = np.ones(len(nodes), dtype=bool)
    if among is not None:
        pick[:] = False
        pick[[index[v] for v in among]] = True
    for i, s in enumerate(nodes):
        if not pick[i]:
            continue
        dist_s, sigma_s = _bfs_counts(H, s, index)
        t = np.arange(i + 1, len(nodes))
        t = t[(dist_s[t] >= 0) & pick[t]]
        if not t.size:
            continue
        via = (dist_s[f] >= 0) & (dist_f[t] >= 0) & (dist_s[f] + dist_f[t] == dist_s[t])
        via &= (t != f) & (i != f)
        share = np.where(via, sigma_s[f] * sigma_f[t] / sigma_s[t], 0.0)
        for j, x in zip(t.tolist(), share.tolist(), strict=True):
            yield s, nodes[j], x


def _pair_order(item) -> tuple:
    (a, b), _ = item
    return (_bloc_order(a), _bloc_order(b))


def _bloc_order(b) -> tuple:
    return (b is None, str(b))


def _bfs_counts(H: nx.Graph, source, index: dict) -> tuple[np.ndarray, np.ndarray]:
    """Hop distances (-1: unreachable) and shortest-path counts from ``source``."""
    dist = np.full(len(index), -1, dtype=np.int64)
    sigma = np.zeros(len(index))
    s = index[source]
    dist[s], sigma[s] = 0, 1.0
    queue = deque([source])
    while queue:
        v = queue.popleft()
        iv = index[v]
        for w in H[v]:
            iw = index[w]
            if dist[iw] < 0:
                dist[iw] = dist[iv] + 1
                queue.append(w)
            if dist[iw] == dist[iv] + 1:
                sigma[iw] += sigma[iv]
    return dist, sigma
