r"""One actor's path measures on a large graph, estimated from sampled pairs (numba).

A null test asks for one actor's betweenness (or bloc-pair betweenness) on
hundreds of graphs. Exact values need a shortest-path search from every node
of each graph; for one actor, a sample of node pairs is enough. For a pair
:math:`\{s, t\}` the share of its shortest paths that pass through the focus
:math:`f` is

.. math:: r_{st} = \frac{\sigma_{sf}\,\sigma_{ft}}{\sigma_{st}}
          \quad\text{if } d(s, f) + d(f, t) = d(s, t), \text{ else } 0,

with :math:`\sigma` the numbers of shortest paths. One breadth-first search from
the focus gives :math:`d(f, \cdot)` and :math:`\sigma_{f\cdot}` for every node; a
balanced bidirectional search per pair (the side whose frontier has the fewer
edges grows first) gives :math:`d(s, t)` and :math:`\sigma_{st}` after visiting a
small part of the graph. Normalized betweenness is the mean of :math:`r_{st}`
over the :math:`\binom{n-1}{2}` pairs without the focus, so the mean over
:math:`N` pairs drawn uniformly is unbiased, with standard error
:math:`\operatorname{sd}(r)/\sqrt{N}` (at most :math:`0.5/\sqrt{N}`). Bloc-pair
betweenness is the same sum restricted to pairs in different blocs, over the
number of connected cross-bloc pairs (counted exactly).

The kernels are compiled on first use (a few seconds) and cached, like
:mod:`graph.measures.kernels`; the null models import this module only for
graphs above their size rule (:data:`graph.sizes.EXACT_NULLS`).

Examples
--------
>>> import numpy as np
>>> indptr, indices = csr_arrays(5, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4]))
>>> s, t = np.array([0, 0, 1, 3]), np.array([4, 1, 3, 4])  # a path 0 - 1 - 2 - 3 - 4
>>> pair_shares(indptr, indices, 2, s, t).tolist()
[1.0, 0.0, 1.0, 0.0]
"""

from __future__ import annotations

import math

import numba
import numpy as np

from graph.blocs import cross_pairs, defines_blocs
from graph.measures.kernels import index_arrays, node_ids
from graph.measures.prefetch import prefetch

#: How many neighbours ahead the pairs' searches fetch the next ones' distances (6-24
#: measured; 12 the fastest, 15-25% off the searches at 10^5 nodes / 7 * 10^5 ties).
AHEAD = 12

__all__ = [
    "csr_arrays",
    "sample_pairs",
    "pair_shares",
    "betweenness_from_shares",
    "bloc_pair_from_shares",
    "cross_bloc_pairs",
    "brokerage_count",
    "components",
]


def csr_arrays(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric CSR structure (int64 ``indptr``, ``indices``) of undirected edges ``a``-``b``.

    Each edge is stored both ways; ``a`` and ``b`` hold no self-loops or repeats.

    Examples
    --------
    >>> indptr, indices = csr_arrays(3, np.array([0, 1]), np.array([1, 2]))
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    return _csr(n, a, b)


@numba.njit(cache=True, nogil=True)
def _csr(n, a, b):  # pragma: no cover - compiled
    indptr = np.zeros(n + 1, dtype=np.int64)
    for i in range(a.size):
        indptr[a[i] + 1] += 1
        indptr[b[i] + 1] += 1
    for v in range(n):
        indptr[v + 1] += indptr[v]
    fill = indptr[:-1].copy()
    indices = np.empty(2 * a.size, dtype=np.int64)
    for i in range(a.size):
        indices[fill[a[i]]] = b[i]
        fill[a[i]] += 1
        indices[fill[b[i]]] = a[i]
        fill[b[i]] += 1
    return indptr, indices


def components(indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Connected-component label of every node of a CSR graph.

    Examples
    --------
    >>> components(*csr_arrays(4, np.array([0]), np.array([1]))).tolist()
    [0, 0, 1, 2]
    """
    return _components(indptr, indices)


@numba.njit(cache=True, nogil=True)
def _components(indptr, indices):  # pragma: no cover - compiled
    n = indptr.size - 1
    label = np.full(n, -1, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)
    c = 0
    for root in range(n):
        if label[root] >= 0:
            continue
        label[root] = c
        stack[0] = root
        top = 1
        while top > 0:
            top -= 1
            v = stack[top]
            for j in range(indptr[v], indptr[v + 1]):
                u = indices[j]
                if label[u] < 0:
                    label[u] = c
                    stack[top] = u
                    top += 1
        c += 1
    return label


def sample_pairs(
    n: int, focus: int, size: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``size`` pairs of distinct nodes other than ``focus``, uniformly and independently.

    Examples
    --------
    >>> s, t = sample_pairs(10, 3, 1000, np.random.default_rng(0))
    >>> bool((s != t).all() and (s != 3).all() and (t != 3).all())
    True
    """
    if n < 3:
        raise ValueError(f"pairs without the focus need at least 3 nodes; got {n}")
    s = rng.integers(0, n - 1, size=size)  # among the n - 1 nodes other than the focus
    t = rng.integers(0, n - 2, size=size)  # among the n - 2 others than the focus and s
    t = np.where(t >= s, t + 1, t)
    s = np.where(s >= focus, s + 1, s)
    t = np.where(t >= focus, t + 1, t)
    return s.astype(np.int64), t.astype(np.int64)


@numba.njit(cache=True, nogil=True)
def _bfs(indptr, indices, s, dist, sigma, order):  # pragma: no cover - compiled
    """Breadth-first search from ``s``: distances, numbers of shortest paths; returns reached."""
    dist[s] = 0
    sigma[s] = 1.0
    order[0] = s
    head, tail = 0, 1
    while head < tail:
        v = order[head]
        head += 1
        dv = dist[v] + 1
        sv = sigma[v]
        for j in range(indptr[v], indptr[v + 1]):
            u = indices[j]
            if dist[u] < 0:
                dist[u] = dv
                sigma[u] = sv
                order[tail] = u
                tail += 1
            elif dist[u] == dv:
                sigma[u] += sv
    return tail


@numba.njit(cache=True, nogil=True)
def _pair_shares(indptr, indices, focus, S, T):  # pragma: no cover - compiled
    """Each sampled pair's share of shortest paths through the focus, and its components.

    Length: compiled with numba: one loop nest over the sampled pairs, where a call per step
    would cost more than the step. Node ids and offsets are unsigned
    (:func:`graph.measures.kernels.index_arrays`).
    """
    n = indptr.size - 1
    df = np.full(n, -1, dtype=np.int64)
    sf = np.zeros(n)
    of = np.empty(n, dtype=np.uint32)
    _bfs(indptr, indices, focus, df, sf, of)
    deg = (indptr[1:] - indptr[:-1]).astype(np.int64)
    dist = np.full((2, n), -1, dtype=np.int64)
    sig = np.zeros((2, n))
    front = np.empty((2, n), dtype=np.uint32)
    nxt = np.empty(n, dtype=np.uint32)
    seen = np.empty(2 * n, dtype=np.uint64)
    size = np.zeros(2, dtype=np.uint64)
    vol = np.zeros(2, dtype=np.int64)
    level = np.zeros(2, dtype=np.int64)
    out = np.zeros(S.size)
    one = np.uint64(1)
    ahead = np.uint64(AHEAD)
    nu = np.uint64(n)
    for i in range(S.size):
        s, t = S[i], T[i]
        if df[s] < 0 or df[t] < 0 or s == t:
            continue  # not both in the focus's component: no path through it
        nseen = np.uint64(0)
        for side in range(2):
            e = s if side == 0 else t
            dist[side, e] = 0
            sig[side, e] = 1.0
            front[side, 0] = e
            size[side] = 1
            vol[side] = deg[e]
            level[side] = 0
            seen[nseen] = np.uint64(side) * nu + e
            nseen += one
        sst = 0.0
        met = False
        while not met and size[0] > 0 and size[1] > 0:
            x = 0 if vol[0] <= vol[1] else 1  # grow the side with the fewer edges to scan
            y = 1 - x
            ln = np.uint64(0)
            lv = 0
            lx = level[x]
            dx, dy, gx, gy, fx = dist[x], dist[y], sig[x], sig[y], front[x]
            xn = np.uint64(x) * nu
            nf = size[x]
            for q in range(nf):
                v = fx[q]
                sv = gx[v]
                lo, hi = indptr[v], indptr[v + one]
                if q + one < nf:  # the next node's neighbour list
                    prefetch(indices, indptr[fx[q + one]])
                for j in range(lo, hi):
                    if j + ahead < hi:  # a neighbour further on: its distances
                        w = indices[j + ahead]
                        prefetch(dy, w)
                        prefetch(dx, w)
                    u = indices[j]
                    if dy[u] >= 0:  # the other side's ball: a shortest s-t path
                        met = True
                        sst += sv * gy[u]
                    elif not met:
                        if dx[u] < 0:
                            dx[u] = lx + 1
                            gx[u] = sv
                            nxt[ln] = u
                            ln += one
                            lv += deg[u]
                            seen[nseen] = xn + u
                            nseen += one
                        elif dx[u] == lx + 1:
                            gx[u] += sv
            if met:
                if level[0] + level[1] + 1 == df[s] + df[t]:
                    out[i] = sf[s] * sf[t] / sst
                break
            level[x] = lx + 1
            fx[:ln] = nxt[:ln]
            size[x] = ln
            vol[x] = lv
        for q in range(nseen):
            k = seen[q]
            side, v = k // nu, k % nu
            dist[side, v] = -1
            sig[side, v] = 0.0
    return out


def pair_shares(
    indptr: np.ndarray, indices: np.ndarray, focus: int, s: np.ndarray, t: np.ndarray
) -> np.ndarray:
    r"""The share :math:`r_{st}` of shortest paths between each pair that pass through ``focus``.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        Symmetric CSR structure of a simple undirected graph (:func:`csr_arrays`).
    focus : int
        The node whose share is wanted.
    s, t : numpy.ndarray
        The pairs (distinct nodes, neither the focus: :func:`sample_pairs`).

    Returns
    -------
    numpy.ndarray
        One share per pair, in [0, 1]; 0 for a pair not joined through the focus.

    Examples
    --------
    A 4-cycle: of the two shortest paths between 1 and 3, one passes through 0.

    >>> indptr, indices = csr_arrays(4, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0]))
    >>> pair_shares(indptr, indices, 0, np.array([1]), np.array([3])).tolist()
    [0.5]
    """
    return _pair_shares(*index_arrays(indptr, indices), int(focus), node_ids(s), node_ids(t))


def betweenness_from_shares(shares: np.ndarray) -> tuple[float, float]:
    """Normalized betweenness of the focus, and its standard error, from sampled pair shares.

    Examples
    --------
    >>> betweenness_from_shares(np.array([1.0, 0.0, 1.0, 0.0]))
    (0.5, 0.2886751345948129)
    """
    if shares.size == 0:
        return math.nan, math.nan
    se = float(shares.std(ddof=1) / math.sqrt(shares.size)) if shares.size > 1 else math.nan
    return float(shares.mean()), se


def cross_bloc_pairs(codes: np.ndarray, s: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Which pairs join different blocs (a node without a bloc, code -1, is a bloc of its own).

    Examples
    --------
    >>> cross_bloc_pairs(np.array([0, 0, 1, -1]), np.array([0, 0, 3]), np.array([1, 2, 3])).tolist()
    [False, True, True]
    """
    cs, ct = codes[s], codes[t]
    return (cs != ct) | (cs < 0) | (ct < 0)


def bloc_pair_from_shares(
    shares: np.ndarray,
    s: np.ndarray,
    t: np.ndarray,
    codes: np.ndarray,
    comp: np.ndarray,
) -> tuple[float, float]:
    r"""Bloc-pair betweenness of the focus, and its standard error, from sampled pair shares.

    With :math:`P = \binom{n-1}{2}` pairs without the focus and :math:`|X|` the
    connected pairs in different blocs (counted exactly from ``codes`` and the
    component labels ``comp``), the estimate is :math:`P \cdot
    \overline{r_{st} [b(s) \ne b(t)]} / |X|`. NaN when there are fewer than two
    blocs or no connected cross-bloc pair.

    Examples
    --------
    >>> codes, comp = np.array([0, 0, 1, 1]), np.zeros(4, dtype=int)
    >>> s, t = np.array([0, 0, 2]), np.array([2, 3, 3])  # pairs without node 1
    >>> est, se = bloc_pair_from_shares(np.array([1.0, 1.0, 0.0]), s, t, codes, comp)
    >>> round(est, 4)  # 3 pairs without node 1, 2 of 3 cross-bloc ones through it: 3 * 2/3 / 4
    0.5
    """
    n = codes.size
    if not defines_blocs(codes) or shares.size == 0:
        return math.nan, math.nan
    pairs = cross_pairs(codes, comp)
    if pairs <= 0:
        return math.nan, math.nan
    x = shares * cross_bloc_pairs(codes, s, t)
    scale = (n - 1) * (n - 2) / 2.0 / pairs
    se = float(x.std(ddof=1) / math.sqrt(x.size)) * scale if x.size > 1 else math.nan
    return float(x.mean()) * scale, se


@numba.njit(cache=True, nogil=True)
def _brokerage(indptr, indices, focus, codes):  # pragma: no cover - compiled
    n = indptr.size - 1
    mark = np.zeros(n, dtype=np.bool_)
    lo, hi = indptr[focus], indptr[focus + 1]
    d = hi - lo
    if d < 2:
        return 0
    for j in range(lo, hi):
        mark[indices[j]] = True
    counts = np.zeros(max(codes.max(), 0) + 1, dtype=np.int64)
    for j in range(lo, hi):
        c = codes[indices[j]]
        if c >= 0:
            counts[c] += 1
    same = 0
    for k in counts:
        same += k * (k - 1) // 2
    tied = 0
    for j in range(lo, hi):
        u = indices[j]
        cu = codes[u]
        for q in range(indptr[u], indptr[u + 1]):
            w = indices[q]
            if w > u and mark[w] and (cu < 0 or codes[w] != cu):
                tied += 1
    return d * (d - 1) // 2 - same - tied


def brokerage_count(indptr: np.ndarray, indices: np.ndarray, focus: int, codes: np.ndarray) -> int:
    """Pairs of the focus's contacts in different blocs that are not tied (see the null engine).

    The same count as :func:`graph.nulls.engine.cross_bloc_brokerage`, on a CSR
    graph, in O(sum of the contacts' degrees).

    Examples
    --------
    >>> indptr, indices = csr_arrays(4, np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]))
    >>> brokerage_count(indptr, indices, 0, np.array([0, 1, 2, 1]))
    1
    """
    return int(
        _brokerage(
            np.ascontiguousarray(indptr, np.int64),
            np.ascontiguousarray(indices, np.int64),
            int(focus),
            np.ascontiguousarray(codes, np.int64),
        )
    )
