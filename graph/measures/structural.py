r"""Measures from the whole structure, not from shortest paths: eigenvector, Burt's holes, cuts.

- :func:`eigenvector`: eigenvector centrality per connected component
  (:func:`eigenvector_csr` on a sparse matrix);
- :func:`holes`: Burt's constraint and effective size from the triangles;
- :func:`fragmentation`: the share of connected pairs an actor's removal
  disconnects (a depth-first search, the reference), and
  :func:`fragmentation_igraph` (igraph's biconnected components, the same
  values faster).

Examples
--------
>>> import networkx as nx
>>> fragmentation(nx.star_graph(3))
{0: 1.0, 1: 0.5, 2: 0.5, 3: 0.5}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from graph.fold import EdgeArrays, fold_arrays, topology
from graph.measures.triangles import triangle_sums

if TYPE_CHECKING:
    import scipy.sparse

__all__ = [
    "DENSE_EIGEN_MAX",
    "ARPACK_RESTARTS",
    "eigenvector",
    "eigenvector_csr",
    "holes",
    "fragmentation",
    "fragmentation_igraph",
]

#: Above this many nodes a component's leading eigenvector is found with ARPACK.
DENSE_EIGEN_MAX = 500


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
    (LAPACK ``eigh``; ARPACK ``eigsh`` above :data:`DENSE_EIGEN_MAX` nodes, in shift-invert
    mode where the plain iteration is slow, e.g. on long chains), never with power
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
    X = fold_arrays(G, weight)
    A = X.adjacency(X.w if weight is not None else None)
    values = eigenvector_csr(A, X.components(A))
    return dict(zip(X.nodes, values.tolist(), strict=True))


def eigenvector_csr(A: scipy.sparse.csr_array, comp: np.ndarray) -> np.ndarray:
    """Per-component leading eigenvector (see :func:`eigenvector`) of a symmetric CSR matrix.

    Examples
    --------
    >>> import scipy.sparse
    >>> A = scipy.sparse.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    >>> eigenvector_csr(A, np.array([0, 0])).round(4).tolist()
    [0.7071, 0.7071]
    """
    n = A.shape[0]
    out = np.zeros(n)
    size = np.bincount(comp)
    order = np.argsort(comp, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(size)])
    total = int(size[size > 1].sum())
    for c in np.flatnonzero(size > 1):
        idx = order[bounds[c] : bounds[c + 1]]
        sub = A[idx][:, idx]
        if idx.size <= DENSE_EIGEN_MAX:
            x = np.linalg.eigh(sub.toarray())[1][:, -1]
        else:
            x = _leading_sparse(sub)
        x = np.abs(x)
        out[idx] = x * math.sqrt(idx.size / total) / np.linalg.norm(x)
    return out


#: Restarts of ARPACK's plain Lanczos iteration before the shift-invert solver takes over.
ARPACK_RESTARTS = 20


def _leading_sparse(A: scipy.sparse.csr_array) -> np.ndarray:
    r"""The leading eigenvector of a connected component's sparse adjacency matrix.

    ARPACK's Lanczos iteration (``eigsh``, largest algebraic) converges at a
    rate set by the gap between the two largest eigenvalues relative to the
    spread of the spectrum: fast on the networks of actors (hubs open a wide
    gap), hopeless on long chains, cycles and grids (a path of :math:`10^5`
    nodes has :math:`\lambda_1 - \lambda_2 pprox 3 	imes 10^{-9}`: more
    than ten minutes). After :data:`ARPACK_RESTARTS` restarts without
    convergence, the same solver runs in shift-invert mode on
    :math:`(A - \sigma I)^{-1}` with :math:`\sigma` just above the largest
    strength (an upper bound of :math:`\lambda_1`): there
    :math:`1 / (\lambda_1 - \sigma)` stands apart from the rest exactly when the
    top of the spectrum is crowded near the bound, and the sparse LU factors
    of such graphs (chains, lattices) are small.
    """
    import scipy.sparse.linalg

    n = A.shape[0]
    v0 = np.ones(n)
    try:
        return scipy.sparse.linalg.eigsh(A, k=1, which="LA", v0=v0, maxiter=ARPACK_RESTARTS)[1][
            :, 0
        ]
    except scipy.sparse.linalg.ArpackNoConvergence:
        pass
    bound = float(np.abs(A).sum(axis=1).max())
    sigma = bound * (1 + 1e-9)
    return scipy.sparse.linalg.eigsh(A.tocsc(), k=1, sigma=sigma, which="LM", v0=v0)[1][:, 0]


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


def holes(X: EdgeArrays, strength: np.ndarray, triangles) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size of every node, from the triangles (NaN for isolates).

    The formulas of ``nx.effective_size`` and ``nx.constraint``, with every
    masked matrix product computed over the triangles only (`_triangle_sums`):
    never over all pairs of an actor's neighbours. ``strength`` is the tie
    strength of each edge of ``X``; ``triangles`` lists each triangle once as
    three node indices, or is None for a graph with too many triangles to
    list (:func:`graph.measures.triangles.many_triangles`): they are then
    walked one at a time (:func:`graph.measures.triangles.triangle_sums`).

    Examples
    --------
    >>> X = fold_arrays(nx.star_graph(2), None)
    >>> constraint, size = holes(X, np.ones(2), [])
    >>> constraint.tolist(), size.tolist()
    ([0.5, 1.0, 1.0], [2.0, 1.0, 1.0])
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
    if triangles is None:  # too many to list: walked one at a time

        def sums(L, R):
            return triangle_sums(A.indptr, A.indices, L.data, R.data)
    else:

        def sums(L, R):
            return _triangle_sums(A, L, R, triangles)

    redundancy = sums(P, Mt)
    size = deg - np.bincount(rows, weights=redundancy, minlength=X.n).astype(float)
    # constraint: sum_j (p_ij + sum_q p_iq p_qj)^2
    indirect = sums(P, P)
    constraint = np.bincount(rows, weights=(P.data + indirect) ** 2, minlength=X.n).astype(float)
    size[isolated] = constraint[isolated] = np.nan
    return constraint, size


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
    return _fragmentation(topology(G))


def fragmentation_igraph(g, comp: np.ndarray) -> np.ndarray:
    """Fragmentation of every node (see `fragmentation`) from igraph's biconnected components.

    The pieces a cut vertex leaves are the subtrees of the block-cut tree
    hanging from it: the tree joins each block to its cut vertices, a block
    weighs its other vertices and a cut vertex weighs 1. A virtual root joins
    the trees, one breadth-first pass orders them, and subtree weights are
    added up leaves first. A vertex that is not a cut vertex loses only its own
    pairs. Same values as the depth-first search of :func:`fragmentation`.

    Examples
    --------
    >>> import igraph as ig
    >>> fragmentation_igraph(ig.Graph.Star(4), np.zeros(4, dtype=int)).tolist()
    [1.0, 0.5, 0.5, 0.5]
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
