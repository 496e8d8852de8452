"""Compiled shortest-path kernels for large graphs (numba).

One breadth-first search per source gives every hop-based path measure at
once: betweenness, bloc-pair betweenness (the dependency restricted to targets
outside the source's bloc) and the distance sums behind closeness and harmonic
centrality. A second kernel gives weighted betweenness (distance = 1 / weight)
with a bucket queue instead of a heap. The kernels release the GIL, so chunks
of sources run in threads; each chunk writes its own row of partial sums, and
the rows are added in a fixed order, so the numbers do not depend on the
number of threads.

Two more walk a graph's triangles one at a time, for the brokerage counts and
Burt's constraint of dense graphs (:mod:`graph.measures.triangles`).

The kernels are compiled on first use (a few seconds) and cached beside this
module. :func:`path_measures` runs them for
:func:`graph.measures.actor_measures` (``backend="kernels"``, the default above
:data:`graph.sizes.KERNELS`); they are tested against the
networkx reference.

Examples
--------
>>> import numpy as np
>>> from graph.measures.kernels import hop_paths
>>> # the path 0 - 1 - 2; node 1 lies on the one path between 0 and 2
>>> indptr, indices = np.array([0, 1, 3, 4]), np.array([1, 0, 2, 1])
>>> btw, cross, total, inverse = hop_paths(indptr, indices, None, [np.arange(3)])
>>> (btw[0] / 2).tolist(), total.sum(axis=0).tolist()
([0.0, 1.0, 0.0], [3.0, 2.0, 3.0])
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np

from graph.blocs import cross_pairs, defines_blocs
from graph.fold import EdgeArrays
from graph.measures.estimates import SE_BATCHES, betweenness_estimate, closeness_harmonic

__all__ = [
    "CHUNKS",
    "bfs",
    "hop_paths",
    "weighted_betweenness",
    "bucket_width",
    "path_measures",
    "closed_role_counts",
    "masked_triangle_sums",
]

#: Exact path sums are cut into this many chunks of sources, whatever ``n_jobs`` is.
CHUNKS = 16

#: Relative tolerance under which two weighted path lengths count as equal (igraph's).
EPSILON = 1e-10
#: Most buckets the weighted kernel keeps. A source scans about (longest path
#: length) / (shortest step) buckets, so past a ratio of a few thousand between the
#: longest and the shortest step the empty buckets would cost more than the
#: edges: :func:`path_measures` then falls back to igraph's heap-based Dijkstra.
MAX_BUCKETS = 4096


@numba.njit(cache=True, nogil=True)
def bfs(indptr, indices, s, dist, sigma, order):  # pragma: no cover - compiled
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
def _hop_chunk(indptr, indices, codes, sources, btw, cross, total, inverse):  # pragma: no cover
    """Brandes from each of ``sources``, hops; add into one row of each output."""
    n = indptr.size - 1
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    delta_c = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    blocs = codes.size > 0
    for s in sources:
        tail = bfs(indptr, indices, s, dist, sigma, order)
        cs = codes[s] if blocs else -1
        for i in range(tail - 1, 0, -1):
            w = order[i]
            dw = dist[w] - 1
            coeff = (1.0 + delta[w]) / sigma[w]
            end = 1.0 if (not blocs or cs < 0 or codes[w] != cs) else 0.0
            coeff_c = (end + delta_c[w]) / sigma[w]
            for j in range(indptr[w], indptr[w + 1]):
                v = indices[j]
                if dist[v] == dw:
                    delta[v] += sigma[v] * coeff
                    delta_c[v] += sigma[v] * coeff_c
            btw[w] += delta[w]
            cross[w] += delta_c[w]
            total[w] += dist[w]
            inverse[w] += 1.0 / dist[w]
        for i in range(tail):
            w = order[i]
            dist[w] = -1
            sigma[w] = 0.0
            delta[w] = 0.0
            delta_c[w] = 0.0


@numba.njit(cache=True, nogil=True)
def _weighted_chunk(indptr, indices, length, width, slots, sources, btw):  # pragma: no cover
    """Brandes from each of ``sources`` with positive step lengths; add into ``btw``.

    Length: compiled with numba: one loop nest over the sources of a chunk, where a call per
    step would cost more than the step.

    Dijkstra with a bucket queue (Dial's algorithm for real lengths): bucket
    ``i`` holds tentative distances in ``[i * width, (i + 1) * width)``, and
    ``width`` is just under the shortest step, so a step always leaves its
    bucket: every node of the current bucket is settled, in any order, and
    its predecessors were settled in earlier buckets. ``slots`` buckets are
    kept in a ring (more than the longest step spans).
    """
    n = indptr.size - 1
    m2 = indices.size
    dist = np.full(n, np.inf)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    done = np.zeros(n, dtype=np.bool_)
    order = np.empty(n, dtype=np.int64)
    first = np.full(slots, -1, dtype=np.int64)  # ring of buckets: linked lists of entries
    entry_node = np.empty(m2 + 1, dtype=np.int64)
    entry_next = np.empty(m2 + 1, dtype=np.int64)
    eps = EPSILON
    for s in sources:
        dist[s] = 0.0
        sigma[s] = 1.0
        entry_node[0] = s
        entry_next[0] = -1
        first[0] = 0
        entries, pending, settled, bucket = 1, 1, 0, 0
        while pending > 0:
            slot = bucket % slots
            e = first[slot]
            if e < 0:
                bucket += 1
                continue
            first[slot] = entry_next[e]
            pending -= 1
            v = entry_node[e]
            if done[v]:
                continue  # a stale entry: v moved to an earlier bucket and was settled there
            done[v] = True
            order[settled] = v
            settled += 1
            dv = dist[v]
            sv = sigma[v]
            for j in range(indptr[v], indptr[v + 1]):
                u = indices[j]
                if done[u]:
                    continue
                nd = dv + length[j]
                du = dist[u]
                if nd < du * (1.0 - eps):
                    dist[u] = nd
                    sigma[u] = sv
                    b = int(nd / width) % slots
                    entry_node[entries] = u
                    entry_next[entries] = first[b]
                    first[b] = entries
                    entries += 1
                    pending += 1
                elif nd <= du * (1.0 + eps):
                    sigma[u] += sv
        for i in range(settled - 1, 0, -1):
            w = order[i]
            dw = dist[w]
            coeff = (1.0 + delta[w]) / sigma[w]
            for j in range(indptr[w], indptr[w + 1]):
                v = indices[j]
                if abs(dist[v] + length[j] - dw) <= eps * dw:
                    delta[v] += sigma[v] * coeff
            btw[w] += delta[w]
        for i in range(settled):
            w = order[i]
            dist[w] = np.inf
            sigma[w] = 0.0
            delta[w] = 0.0
            done[w] = False


def bucket_width(length: np.ndarray) -> tuple[float, int] | None:
    """Bucket width and ring size for :func:`weighted_betweenness`, or None if too many.

    Parameters
    ----------
    length : numpy.ndarray
        Positive step lengths.

    Returns
    -------
    tuple of (float, int) or None
        A width a little under the shortest step, and the number of buckets
        the longest step can span plus two; None when that exceeds
        :data:`MAX_BUCKETS`.

    Examples
    --------
    Steps of 1, 1/2 and 1/3: buckets just under 1/3 wide; a step of 1 spans
    four of them.

    >>> width, slots = bucket_width(np.array([1.0, 0.5, 1 / 3]))
    >>> round(width, 9), slots
    (0.333333, 6)
    >>> bucket_width(np.array([1.0, 1e-9])) is None
    True
    """
    if length.size == 0:
        return 1.0, 2
    width = float(length.min()) * (1 - 1e-6)
    slots = int(np.ceil(float(length.max()) / width)) + 2
    return (width, slots) if slots <= MAX_BUCKETS else None


def _index_arrays(indptr, indices) -> tuple[np.ndarray, np.ndarray]:
    """CSR index arrays as int64 (scipy's are often int32): one compiled version of each kernel."""
    return np.ascontiguousarray(indptr, np.int64), np.ascontiguousarray(indices, np.int64)


def _run(task, chunks: list, n_jobs: int) -> None:
    """Call ``task(i, chunk)`` for every chunk, on ``n_jobs`` threads."""
    if n_jobs <= 1 or len(chunks) <= 1:
        for i, chunk in enumerate(chunks):
            task(i, chunk)
        return
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        list(pool.map(task, range(len(chunks)), chunks))


def hop_paths(
    indptr: np.ndarray,
    indices: np.ndarray,
    codes: np.ndarray | None,
    chunks: list,
    n_jobs: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hop-based path sums from each chunk of sources, one row per chunk.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        Symmetric CSR structure of a simple undirected graph.
    codes : numpy.ndarray or None
        Bloc code per node, -1 for none (a singleton bloc); None: no blocs.
    chunks : list of numpy.ndarray
        Sources, split into chunks; each gets its own row.
    n_jobs : int, default 1
        Threads.

    Returns
    -------
    tuple of numpy.ndarray
        Arrays of shape (chunks, n): the dependencies of the chunk's sources
        on every node (twice the unordered-pair betweenness when all nodes
        are sources), the same restricted to targets outside the source's
        bloc, and the sums of d(s, v) and 1 / d(s, v) over the chunk's
        sources s that reach v.

    Examples
    --------
    See the module's example.
    """
    n = indptr.size - 1
    k = len(chunks)
    btw, cross, total, inverse = (np.zeros((k, n)) for _ in range(4))
    c = np.empty(0, dtype=np.int64) if codes is None else np.ascontiguousarray(codes, np.int64)
    indptr, indices = _index_arrays(indptr, indices)

    def task(i, chunk):
        _hop_chunk(
            indptr, indices, c, np.asarray(chunk, np.int64), btw[i], cross[i], total[i], inverse[i]
        )

    _run(task, chunks, n_jobs)
    return btw, cross, total, inverse


def weighted_betweenness(
    indptr: np.ndarray,
    indices: np.ndarray,
    length: np.ndarray,
    chunks: list,
    n_jobs: int = 1,
) -> np.ndarray | None:
    """Dependencies of each chunk of sources with step lengths ``length``, one row per chunk.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        Symmetric CSR structure of a simple undirected graph.
    length : numpy.ndarray
        Positive length of each CSR entry.
    chunks : list of numpy.ndarray
        Sources, split into chunks.
    n_jobs : int, default 1
        Threads.

    Returns
    -------
    numpy.ndarray or None
        Shape (chunks, n); None when the lengths span too many buckets
        (:func:`bucket_width`), for the caller to use a heap instead.

    Examples
    --------
    A triangle with one long side: the two short steps are the shortest path.

    >>> indptr, indices = np.array([0, 2, 4, 6]), np.array([1, 2, 0, 2, 0, 1])
    >>> length = np.array([1.0, 3.0, 1.0, 1.0, 3.0, 1.0])
    >>> (weighted_betweenness(indptr, indices, length, [np.arange(3)])[0] / 2).tolist()
    [0.0, 1.0, 0.0]
    """
    shape = bucket_width(length)
    if shape is None:
        return None
    width, slots = shape
    n = indptr.size - 1
    out = np.zeros((len(chunks), n))
    length = np.ascontiguousarray(length, dtype=np.float64)
    indptr, indices = _index_arrays(indptr, indices)

    def task(i, chunk):
        _weighted_chunk(indptr, indices, length, width, slots, np.asarray(chunk, np.int64), out[i])

    _run(task, chunks, n_jobs)
    return out


def path_measures(X: EdgeArrays, *, codes, comp, sources, n_jobs, timings) -> tuple[dict, dict]:
    """The path measures of :func:`graph.measures.igraph_engine.path_measures` on the kernels.

    Sources (every node, or the sampled ``sources``) are cut into a fixed
    number of chunks (the standard-error batches when sampled), each summed
    into its own row by one of ``n_jobs`` threads, so the numbers do not
    depend on ``n_jobs``. The kernels' sums count each unordered pair twice;
    halved here to match igraph's subset betweenness. Steps too unequal for
    the bucket queue fall back to igraph's heap for weighted betweenness.
    """
    import joblib

    from graph.measures.igraph_engine import weighted_dependencies

    n = X.n
    sampled = sources is not None
    src = np.asarray(sources) if sampled else np.arange(n)
    jobs_n = max(1, min(joblib.effective_n_jobs(n_jobs), n))
    same = X.w.size == 0 or bool(np.all(X.w == X.w[0]))  # equal distances: same paths
    W = X.adjacency(X.w)
    chunks = [
        x for x in np.array_split(src, min(SE_BATCHES if sampled else CHUNKS, src.size)) if x.size
    ]
    sizes = np.array([c.size for c in chunks], dtype=float)
    indptr, indices, length = W.indptr, W.indices, 1.0 / W.data  # a strong tie is a short step
    start = time.perf_counter()
    hops, cross, totsp, harm = hop_paths(indptr, indices, codes, chunks, jobs_n)
    timings["hop paths, blocs, distances (kernel)"] = time.perf_counter() - start
    out, errors = {}, {}
    out["betweenness"], errors["betweenness"] = betweenness_estimate(
        hops / 2, sizes, n, sampled=sampled
    )
    if same:
        out["betweenness_weighted"] = out["betweenness"]
        errors["betweenness_weighted"] = errors["betweenness"]
    else:
        start = time.perf_counter()
        weighted = weighted_betweenness(indptr, indices, length, chunks, jobs_n)
        if weighted is not None:
            half = weighted / 2
            timings["weighted paths (kernel)"] = time.perf_counter() - start
        else:  # steps too unequal for buckets: igraph's heap, per chunk
            half = weighted_dependencies(X, chunks)
            timings["weighted paths (igraph)"] = time.perf_counter() - start
        out["betweenness_weighted"], errors["betweenness_weighted"] = betweenness_estimate(
            half, sizes, n, sampled=sampled
        )
    out["closeness"], out["harmonic"] = closeness_harmonic(
        X, comp, src if sampled else None, totsp.sum(axis=0), harm.sum(axis=0)
    )
    if not defines_blocs(codes) or (pairs := cross_pairs(codes, comp)) <= 0:
        out["bloc_pair_betweenness"] = np.full(n, np.nan)
    else:
        out["bloc_pair_betweenness"] = cross.sum(axis=0) / 2 * (n / src.size) / pairs
    return out, {
        "betweenness_error": errors["betweenness"],
        "betweenness_weighted_error": errors["betweenness_weighted"],
    }


# ------------------------------------------------------------- triangles, one at a time


@numba.njit(cache=True, nogil=True)
def _role(ci, cv, cj):  # pragma: no cover - compiled
    if ci == cv:
        return 0 if cv == cj else 2  # coordinator, representative
    if ci == cj:
        return 1  # itinerant
    return 3 if cv == cj else 4  # gatekeeper, liaison


@numba.njit(cache=True, nogil=True)
def _has(arcs, n, a, b):  # pragma: no cover - compiled
    key = a * n + b
    pos = np.searchsorted(arcs, key)
    return pos < arcs.size and arcs[pos] == key


@numba.njit(cache=True, nogil=True)
def _oriented(n, indptr, indices):  # pragma: no cover - compiled
    """Each node's neighbours of higher rank (degree, then id), in adjacency order.

    Returns the CSR of that orientation and each entry's position in ``indices``. A
    triangle is found once, from its lowest corner, scanning only higher neighbours:
    O(m sqrt m) in all (Chiba and Nishizeki 1985). Scanning every neighbour of the
    middle corner instead costs a star's hub its degree once per leaf: 10^10 steps for
    10^5 leaves.
    """
    deg = indptr[1:] - indptr[:-1]
    optr = np.zeros(n + 1, dtype=np.int64)
    for u in range(n):
        count = 0
        for p in range(indptr[u], indptr[u + 1]):
            v = indices[p]
            if deg[v] > deg[u] or (deg[v] == deg[u] and v > u):
                count += 1
        optr[u + 1] = optr[u] + count
    oidx = np.empty(optr[n], dtype=np.int64)
    opos = np.empty(optr[n], dtype=np.int64)
    for u in range(n):
        k = optr[u]
        for p in range(indptr[u], indptr[u + 1]):
            v = indices[p]
            if deg[v] > deg[u] or (deg[v] == deg[u] and v > u):
                oidx[k] = v
                opos[k] = p
                k += 1
    return optr, oidx, opos


@numba.njit(cache=True, nogil=True)
def closed_role_counts(
    n, indptr, indices, arcs, codes, symmetric, orient
):  # pragma: no cover - compiled
    """Closed two-paths per broker and role (see :func:`graph.measures.triangles.closed_roles`)."""
    out = np.zeros((n, 5), dtype=np.int64)
    optr, oidx, _ = _oriented(n, indptr, indices)
    mark = np.full(n, -1, dtype=np.int64)
    corner = np.empty(3, dtype=np.int64)
    for u in range(n):
        for a in range(optr[u], optr[u + 1]):
            mark[oidx[a]] = u
        for a in range(optr[u], optr[u + 1]):
            v = oidx[a]
            for b in range(optr[v], optr[v + 1]):
                w = oidx[b]
                if mark[w] != u:
                    continue
                corner[0], corner[1], corner[2] = u, v, w
                for k in range(6):
                    i, b, j = corner[orient[k, 0]], corner[orient[k, 1]], corner[orient[k, 2]]
                    if symmetric or (
                        _has(arcs, n, i, b) and _has(arcs, n, b, j) and _has(arcs, n, i, j)
                    ):
                        out[b, _role(codes[i], codes[b], codes[j])] += 1
    return out


@numba.njit(cache=True, nogil=True)
def masked_triangle_sums(n, indptr, indices, rev, left, right):  # pragma: no cover - compiled
    """Masked products over triangles (see :func:`graph.measures.triangles.triangle_sums`)."""
    out = np.zeros(indices.size)
    optr, oidx, opos = _oriented(n, indptr, indices)
    mark = np.full(n, -1, dtype=np.int64)
    at = np.zeros(n, dtype=np.int64)  # position of (u, x) among the stored entries
    for u in range(n):
        for p in range(indptr[u], indptr[u + 1]):
            at[indices[p]] = p
        for a in range(optr[u], optr[u + 1]):
            mark[oidx[a]] = u
        for a in range(optr[u], optr[u + 1]):
            v, p = oidx[a], opos[a]
            for b in range(optr[v], optr[v + 1]):
                w = oidx[b]
                if mark[w] != u:
                    continue
                uv, uw, vw = p, at[w], opos[b]  # (u, v), (u, w), (v, w) and their reverses
                vu, wu, wv = rev[uv], rev[uw], rev[vw]
                out[uv] += left[uw] * right[wv]  # i = u, j = v, through w
                out[vu] += left[vw] * right[wu]
                out[vw] += left[vu] * right[uw]  # i = v, j = w, through u
                out[wv] += left[wu] * right[uv]
                out[uw] += left[uv] * right[vw]  # i = u, j = w, through v
                out[wu] += left[wv] * right[vu]
    return out
