r"""Swap chains for large graphs, compiled (numba): one-mode and two-mode rewiring, and the fold.

The same chains as :func:`graph.nulls.samplers.rewire` (igraph's "simple"
rewiring) and :mod:`graph.nulls.twomode`, for graphs above the null models'
size rule (:data:`graph.sizes.EXACT_NULLS`), where a pure-Python chain of
:math:`10^7` trials or igraph's rewiring (which rebuilds its edge index as it
goes) takes seconds to minutes per sample:

- :func:`double_edge_swaps`: a trial picks two edges uniformly and one of the
  two ways to swap their ends; it is rejected (and still counts) when it
  would create a loop or a parallel edge;
- :func:`incidence_swaps`: the same on a bipartite graph of actors and hubs
  (events), rejecting a swap that would tie an actor twice to one hub;
- :func:`project`: the fold of a two-mode sample (participants of a hub tied
  pairwise, plus the direct ties), as sorted unique edges.

Edge presence is kept in an open-addressing hash table of integer edge codes
(linear probing, deletion by backward shift), so a trial costs O(1) and the
memory is a few arrays of the size of the edge list. Random numbers come from
a splitmix64 generator seeded by the caller: the same seed gives the same
chain. The kernels are compiled on first use and cached.

A trial's cost is memory latency: its two edges and up to six slots of the table
lie at random in arrays of tens of megabytes at :math:`10^6` edges. The indices a
trial draws do not depend on what earlier trials did, so
:func:`double_edge_swaps` draws them :data:`AHEAD` trials early and asks the
processor to fetch those edges, and :data:`AHEAD` / 2 trials early the slots
their codes hash to (:func:`graph.measures.prefetch.prefetch`, a hint: it changes
nothing but timing).
The chain is the same trial for trial (measured: 0.73-1.07 s -> 0.30-0.43 s for
three trials per edge on 7 * 10^5 edges).

Examples
--------
>>> import numpy as np
>>> a, b = np.array([0, 2, 4, 6]), np.array([1, 3, 5, 7])  # four disjoint edges
>>> double_edge_swaps(a, b, 8, trials=40, seed=1)
>>> np.bincount(np.r_[a, b]).tolist()  # every degree kept
[1, 1, 1, 1, 1, 1, 1, 1]
"""

from __future__ import annotations

import numba
import numpy as np

from graph.fold import unique_sorted
from graph.measures.prefetch import prefetch
from graph.nulls.codes import edge_codes

__all__ = ["double_edge_swaps", "incidence_swaps", "project"]

_EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_UNIT = 1.0 / 9007199254740992.0  # 2**-53
#: Trials drawn ahead of the one being run, whose edges are fetched meanwhile (half as
#: far ahead, the table slots they will probe). 12-48 measured alike; 4 half as fast.
AHEAD = 24
_RING = 32  # a power of two above AHEAD: the drawn trials waiting their turn


@numba.njit(cache=True, nogil=True)
def _next(state):  # pragma: no cover - compiled
    """splitmix64: advance ``state`` (a 1-element uint64 array), return 64 random bits."""
    state[0] += _GOLDEN
    z = state[0]
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


@numba.njit(cache=True, nogil=True)
def _below(state, m):  # pragma: no cover - compiled
    """A uniform integer in [0, m) (53 random bits: bias below m / 2**53), unsigned.

    Indices in the kernels are unsigned so that numba tests none for a negative value.
    """
    return np.uint64((_next(state) >> np.uint64(11)) * _UNIT * m)


@numba.njit(cache=True, nogil=True)
def _home(key, shift):  # pragma: no cover - compiled
    return (np.uint64(key) * _GOLDEN) >> np.uint64(shift)


@numba.njit(cache=True, nogil=True)
def _slot(keys, key, shift):  # pragma: no cover - compiled
    """Where ``key`` is, or the empty slot where it would go."""
    mask = np.uint64(keys.size - 1)
    i = _home(key, shift)
    while keys[i] != key and keys[i] != _EMPTY:
        i = (i + np.uint64(1)) & mask
    return i


@numba.njit(cache=True, nogil=True)
def _remove(keys, key, shift):  # pragma: no cover - compiled
    """Delete ``key`` by backward shift (no tombstones: probes stay short)."""
    mask = np.uint64(keys.size - 1)
    i = _slot(keys, key, shift)
    if keys[i] != key:
        return
    j = i
    while True:
        j = (j + np.uint64(1)) & mask
        if keys[j] == _EMPTY:
            break
        k = _home(keys[j], shift)
        if (j > i and (k <= i or k > j)) or (j < i and k <= i and k > j):
            keys[i] = keys[j]
            i = j
    keys[i] = _EMPTY


@numba.njit(cache=True, nogil=True)
def _table(codes):  # pragma: no cover - compiled
    """A hash set of the codes, at most half full; returns (keys, shift)."""
    bits = 4
    while (1 << bits) < 2 * codes.size:
        bits += 1
    keys = np.full(1 << bits, _EMPTY, dtype=np.int64)
    shift = 64 - bits
    for c in codes:
        keys[_slot(keys, c, shift)] = c
    return keys, shift


@numba.njit(cache=True, nogil=True)
def _draw(state, m, q, ri, rj, rf):  # pragma: no cover - compiled
    """Draw one trial's two edges and way into slot ``q`` of the ring; return the edges."""
    i = _below(state, m)
    j = _below(state, m)
    ri[q], rj[q], rf[q] = i, j, _next(state) >> np.uint64(63)
    return i, j


@numba.njit(cache=True, nogil=True)
def _double_edge_swaps(a, b, n, trials, seed):  # pragma: no cover - compiled
    m = a.size
    if m < 2:
        return
    keys, shift = _table(np.minimum(a, b) * n + np.maximum(a, b))
    state = np.array([np.uint64(seed)], dtype=np.uint64)
    ri = np.empty(_RING, np.uint64)  # trial t's draws wait in slot t % _RING
    rj = np.empty(_RING, np.uint64)
    rf = np.empty(_RING, np.uint64)
    last = _RING - 1
    drawn = 0
    while drawn < min(AHEAD, trials):
        _draw(state, m, drawn & last, ri, rj, rf)
        drawn += 1
    near = AHEAD // 2
    for t in range(trials):
        if drawn < trials:  # draw trial t + AHEAD; fetch its edges
            i, j = _draw(state, m, drawn & last, ri, rj, rf)
            prefetch(a, i)
            prefetch(b, i)
            prefetch(a, j)
            prefetch(b, j)
            drawn += 1
        if t + near < trials:  # fetch the slots trial t + near will probe, as the ends stand
            q = (t + near) & last
            x, y, c, d = a[ri[q]], b[ri[q]], a[rj[q]], b[rj[q]]
            if rf[q]:
                c, d = d, c
            for u, v in ((x, d), (c, y), (x, y), (c, d)):  # the two new ties, the two old
                prefetch(keys, _home(min(u, v) * n + max(u, v), shift))
        q = t & last
        i, j, flip = ri[q], rj[q], rf[q]
        if i == j:
            continue
        x, y = a[i], b[i]
        c, d = a[j], b[j]
        if flip:
            c, d = d, c
        if x == d or c == y:
            continue  # a loop
        k1 = min(x, d) * n + max(x, d)
        k2 = min(c, y) * n + max(c, y)
        if k1 == k2:
            continue
        s1 = _slot(keys, k1, shift)
        if keys[s1] == k1:
            continue  # a parallel edge
        s2 = _slot(keys, k2, shift)
        if keys[s2] == k2:
            continue
        _remove(keys, min(x, y) * n + max(x, y), shift)
        _remove(keys, min(c, d) * n + max(c, d), shift)
        keys[_slot(keys, k1, shift)] = k1
        keys[_slot(keys, k2, shift)] = k2
        a[i], b[i] = x, d
        a[j], b[j] = c, y


def double_edge_swaps(a: np.ndarray, b: np.ndarray, n: int, *, trials: int, seed: int) -> None:
    """Run ``trials`` double-edge swap trials on the edges ``a[i]``-``b[i]``, in place.

    Parameters
    ----------
    a, b : numpy.ndarray
        int64 ends of a simple undirected graph's edges (no loops, no repeats);
        modified in place.
    n : int
        Number of nodes.
    trials : int
        Swap trials, rejected ones included (the chain is then symmetric,
        hence uniform over the graphs with these degrees).
    seed : int
        Seed of the chain, 0 <= seed < 2**64.

    Examples
    --------
    >>> a, b = np.array([0, 1, 2, 3, 4]), np.array([1, 2, 3, 4, 0])  # a 5-cycle
    >>> double_edge_swaps(a, b, 5, trials=50, seed=3)
    >>> np.bincount(np.r_[a, b], minlength=5).tolist()
    [2, 2, 2, 2, 2]
    """
    if a.dtype != np.int64 or b.dtype != np.int64:
        raise TypeError("edge ends must be int64 arrays (they are modified in place)")
    _double_edge_swaps(a, b, int(n), int(trials), np.uint64(seed))


@numba.njit(cache=True, nogil=True)
def _incidence_swaps(actor, hub, n_hubs, trials, seed):  # pragma: no cover - compiled
    m = actor.size
    if m < 2:
        return
    keys, shift = _table(actor * n_hubs + hub)
    state = np.array([np.uint64(seed)], dtype=np.uint64)
    for _ in range(trials):
        i = _below(state, m)
        j = _below(state, m)
        a1, h1, a2, h2 = actor[i], hub[i], actor[j], hub[j]
        if a1 == a2 or h1 == h2:
            continue
        k1 = a1 * n_hubs + h2
        k2 = a2 * n_hubs + h1
        if keys[_slot(keys, k1, shift)] == k1 or keys[_slot(keys, k2, shift)] == k2:
            continue
        _remove(keys, a1 * n_hubs + h1, shift)
        _remove(keys, a2 * n_hubs + h2, shift)
        keys[_slot(keys, k1, shift)] = k1
        keys[_slot(keys, k2, shift)] = k2
        hub[i], hub[j] = h2, h1


def incidence_swaps(
    actor: np.ndarray, hub: np.ndarray, n_hubs: int, *, trials: int, seed: int
) -> None:
    """Bipartite swaps (a1, h1), (a2, h2) -> (a1, h2), (a2, h1), in place; rejected ones count.

    Every actor keeps its number of hubs and every hub its number of actors;
    a swap that would repeat an (actor, hub) pair is rejected.

    Examples
    --------
    >>> actor, hub = np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1])
    >>> incidence_swaps(actor, hub, 2, trials=20, seed=0)
    >>> np.bincount(hub).tolist()
    [2, 2]
    """
    if actor.dtype != np.int64 or hub.dtype != np.int64:
        raise TypeError("incidences must be int64 arrays (they are modified in place)")
    _incidence_swaps(actor, hub, int(n_hubs), int(trials), np.uint64(seed))


@numba.njit(cache=True, nogil=True)
def _hub_pairs(actor, hub, n):  # pragma: no cover - compiled
    order = np.argsort(hub, kind="mergesort")
    a = actor[order]
    h = hub[order]
    total = 0
    start = 0
    for i in range(1, a.size + 1):
        if i == a.size or h[i] != h[start]:
            k = i - start
            total += k * (k - 1) // 2
            start = i
    out = np.empty(total, dtype=np.int64)
    pos = 0
    start = 0
    for i in range(1, a.size + 1):
        if i == a.size or h[i] != h[start]:
            for x in range(start, i):
                for y in range(x + 1, i):
                    u, v = a[x], a[y]
                    out[pos] = min(u, v) * n + max(u, v)
                    pos += 1
            start = i
    return out


def project(
    n: int, actor: np.ndarray, hub: np.ndarray, direct_a: np.ndarray, direct_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Fold a two-mode graph: participants of each hub tied pairwise, and the direct ties.

    Returns
    -------
    tuple of numpy.ndarray
        Edge ends ``(a, b)``, ``a < b``, sorted, without repeats.

    Examples
    --------
    >>> a, b = project(4, np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1]),
    ...                np.array([0]), np.array([2]))
    >>> list(zip(a.tolist(), b.tolist()))
    [(0, 1), (0, 2), (2, 3)]
    """
    codes = np.concatenate(
        [
            _hub_pairs(np.asarray(actor, np.int64), np.asarray(hub, np.int64), n),
            edge_codes(n, direct_a, direct_b),
        ]
    )
    codes = unique_sorted(codes)
    return codes // n, codes % n
