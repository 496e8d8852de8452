"""Compiled shortest-path kernels for large graphs (numba).

One breadth-first search per source gives every hop-based path measure at once:
betweenness, bloc-pair betweenness (the dependency restricted to targets outside the
source's bloc) and the distance sums behind closeness and harmonic centrality. Two more
give weighted betweenness (distance = 1 / weight) with a bucket queue instead of a heap:
one on whole-number step lengths (whole weights, as counts of events are), exact, and
one on real lengths, equal up to a tolerance. The kernels release the GIL, so chunks of
sources run in threads; each chunk writes its own row of partial sums, and the rows are
added in a fixed order, so the numbers do not depend on the number of threads.

The kernels that walk a graph's triangles one at a time are in
:mod:`graph.measures.trianglekernels`.

The kernels are compiled on first use (a few seconds) and cached beside this module.
:func:`path_measures` runs them for :func:`graph.measures.actor_measures`
(``backend="kernels"``, the default above :data:`graph.sizes.KERNELS`); they are tested
against the networkx reference.

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

import math
import time
from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np

from graph.blocs import cross_pairs, defines_blocs
from graph.fold import EdgeArrays
from graph.measures.estimates import SE_BATCHES, betweenness_estimate, closeness_harmonic

__all__ = [
    "CHUNKS",
    "hop_paths",
    "weighted_betweenness",
    "integer_steps",
    "bucket_width",
    "index_arrays",
    "node_ids",
    "path_measures",
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


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _hop_chunk(indptr, indices, codes, sources, btw, cross, total, inverse):  # pragma: no cover
    """Brandes from each of ``sources``, hops; add into one row of each output.

    Length: compiled with numba: one loop nest over the sources of a chunk. The search
    writes down each node's successors on shortest paths (``succ``, a run per node in search
    order); the accumulation reads only those, and pulls ``delta[v] = sigma[v] * sum((1 +
    delta[w]) / sigma[w])`` over them, one sum per node (a second scan of every neighbour,
    pushing into predecessors, took 1.7 times as long). Node ids are unsigned
    (:func:`node_ids`).
    """
    n = indptr.size - 1
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    coef = np.zeros(n)  # (1 + delta[w]) / sigma[w], once w is accumulated
    coef_c = np.zeros(n)  # the same for targets outside the source's bloc
    order = np.empty(n, dtype=np.uint32)
    start = np.empty(n + 1, dtype=np.uint64)
    succ = np.empty(indices.size, dtype=np.uint32)
    inv = np.zeros(n + 1)
    for d in range(1, n + 1):
        inv[d] = 1.0 / d
    blocs = codes.size > 0
    one = np.uint64(1)
    for s in sources:
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail, k = np.uint64(0), one, np.uint64(0)
        while head < tail:
            v = order[head]
            start[head] = k
            head += one
            dv = dist[v] + 1
            sv = sigma[v]
            for j in range(indptr[v], indptr[v + one]):
                u = indices[j]
                du = dist[u]
                if du < 0:
                    dist[u] = dv
                    sigma[u] = sv
                    order[tail] = u
                    tail += one
                    succ[k] = u
                    k += one
                elif du == dv:
                    sigma[u] += sv
                    succ[k] = u
                    k += one
        start[tail] = k
        cs = codes[s] if blocs else -1
        i = tail - one
        while i > 0:
            w = order[i]
            acc = 0.0
            acc_c = 0.0
            for q in range(start[i], start[i + one]):
                u = succ[q]
                acc += coef[u]
                acc_c += coef_c[u]
            sw = sigma[w]
            d = sw * acc
            dc = sw * acc_c
            btw[w] += d
            cross[w] += dc
            coef[w] = (1.0 + d) / sw
            end = 1.0 if (not blocs or cs < 0 or codes[w] != cs) else 0.0
            coef_c[w] = (end + dc) / sw
            dw = dist[w]
            total[w] += dw
            inverse[w] += inv[np.uint64(dw)]
            i -= one
        for i in range(tail):
            w = order[i]
            dist[w] = -1
            sigma[w] = 0.0


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _weighted_chunk(indptr, indices, length, width, slots, sources, btw):  # pragma: no cover
    """Brandes from each of ``sources`` with positive step lengths; add into ``btw``.

    Length: compiled with numba: one loop nest over the sources of a chunk, where a call per
    step would cost more than the step.

    Dijkstra with a bucket queue (Dial's algorithm for real lengths): bucket ``i`` holds
    tentative distances in ``[i * width, (i + 1) * width)``, and ``width`` is just under the
    shortest step, so a step always leaves its bucket: every node of the current bucket is
    settled, in any order, and its predecessors were settled in earlier buckets. ``slots``
    buckets are kept in a ring (more than the longest step spans). Each settled node writes
    down the neighbours its step reached at their distance then; the accumulation checks
    only those (a later, shorter path may have replaced them) and pulls each node's sum from
    its successors. Indices are unsigned (:func:`node_ids`); so is ``slots``.
    """
    n = indptr.size - 1
    m2 = indices.size
    dist = np.full(n, np.inf)
    sigma = np.zeros(n)
    coef = np.zeros(n)
    done = np.zeros(n, dtype=np.bool_)
    order = np.empty(n, dtype=np.uint32)
    start = np.empty(n + 1, dtype=np.uint64)
    succ = np.empty(m2, dtype=np.uint32)
    step = np.empty(m2)
    none = np.uint64(m2 + 1)  # no entry: the end of a bucket's list
    first = np.full(slots, none, dtype=np.uint64)  # ring of buckets: linked lists of entries
    entry_node = np.empty(m2 + 1, dtype=np.uint32)
    entry_next = np.empty(m2 + 1, dtype=np.uint64)
    eps = EPSILON
    one = np.uint64(1)
    for s in sources:
        dist[s] = 0.0
        sigma[s] = 1.0
        entry_node[0] = s
        entry_next[0] = none
        first[0] = 0
        entries, pending, settled, bucket, k = one, 1, np.uint64(0), np.uint64(0), np.uint64(0)
        while pending > 0:
            slot = bucket % slots
            e = first[slot]
            if e == none:
                bucket += one
                continue
            first[slot] = entry_next[e]
            pending -= 1
            v = entry_node[e]
            if done[v]:
                continue  # a stale entry: v moved to an earlier bucket and was settled there
            done[v] = True
            order[settled] = v
            start[settled] = k
            settled += one
            dv = dist[v]
            sv = sigma[v]
            for j in range(indptr[v], indptr[v + one]):
                u = indices[j]
                if done[u]:
                    continue
                nd = dv + length[j]
                du = dist[u]
                if nd < du * (1.0 - eps):
                    dist[u] = nd
                    sigma[u] = sv
                    b = np.uint64(nd / width) % slots
                    entry_node[entries] = u
                    entry_next[entries] = first[b]
                    first[b] = entries
                    entries += one
                    pending += 1
                elif nd > du * (1.0 + eps):
                    continue
                else:
                    sigma[u] += sv
                succ[k] = u
                step[k] = length[j]
                k += one
        start[settled] = k
        i = settled - one
        while i > 0:
            w = order[i]
            dw = dist[w]
            acc = 0.0
            for q in range(start[i], start[i + one]):
                u = succ[q]
                du = dist[u]
                if abs(dw + step[q] - du) <= eps * du:
                    acc += coef[u]
            d = sigma[w] * acc
            btw[w] += d
            coef[w] = (1.0 + d) / sigma[w]
            i -= one
        for i in range(settled):
            w = order[i]
            dist[w] = np.inf
            sigma[w] = 0.0
            done[w] = False


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _integer_chunk(indptr, indices, length, width, mask, sources, btw):  # pragma: no cover
    """:func:`_weighted_chunk` for whole step lengths: exact distances, no tolerance.

    Length: compiled with numba, as :func:`_weighted_chunk`.

    Bucket ``i`` (in a ring of ``mask + 1``, ``mask`` uint64) holds distances ``[i *
    width, (i + 1) * width)``, ``width`` the shortest step: a step leaves its bucket, so
    a bucket's nodes are settled in any order. Equal paths are equal integers: no
    tolerance enters.
    """
    n = indptr.size - 1
    m2 = indices.size
    far = np.iinfo(np.int64).max
    dist = np.full(n, far, dtype=np.int64)
    sigma = np.zeros(n)
    coef = np.zeros(n)
    done = np.zeros(n, dtype=np.bool_)
    order = np.empty(n, dtype=np.uint32)
    start = np.empty(n + 1, dtype=np.uint64)
    succ = np.empty(m2, dtype=np.uint32)
    step = np.empty(m2, dtype=np.int64)
    none = np.uint64(m2 + 1)  # no entry: the end of a bucket's list
    first = np.full(mask + np.uint64(1), none, dtype=np.uint64)
    entry_node = np.empty(m2 + 1, dtype=np.uint32)
    entry_next = np.empty(m2 + 1, dtype=np.uint64)
    one = np.uint64(1)
    for s in sources:
        dist[s] = 0
        sigma[s] = 1.0
        entry_node[0] = s
        entry_next[0] = none
        first[0] = 0
        entries, pending, settled, bucket, k = one, 1, np.uint64(0), np.uint64(0), np.uint64(0)
        while pending > 0:
            slot = bucket & mask
            e = first[slot]
            if e == none:
                bucket += one
                continue
            first[slot] = entry_next[e]
            pending -= 1
            v = entry_node[e]
            if done[v]:
                continue  # a stale entry: v was settled from a shorter distance
            done[v] = True
            dv = dist[v]
            order[settled] = v
            start[settled] = k
            settled += one
            sv = sigma[v]
            for j in range(indptr[v], indptr[v + one]):
                u = indices[j]
                nd = dv + length[j]
                du = dist[u]
                if nd < du:  # never for a settled u: a step leaves the bucket
                    dist[u] = nd
                    sigma[u] = sv
                    b = np.uint64(nd // width) & mask
                    entry_node[entries] = u
                    entry_next[entries] = first[b]
                    first[b] = entries
                    entries += one
                    pending += 1
                elif nd == du:
                    sigma[u] += sv
                else:
                    continue
                succ[k] = u
                step[k] = length[j]
                k += one
        start[settled] = k
        i = settled - one
        while i > 0:
            w = order[i]
            dw = dist[w]
            acc = 0.0
            for q in range(start[i], start[i + one]):
                u = succ[q]
                if dw + step[q] == dist[u]:
                    acc += coef[u]
            d = sigma[w] * acc
            btw[w] += d
            coef[w] = (1.0 + d) / sigma[w]
            i -= one
        for i in range(settled):
            w = order[i]
            dist[w] = far
            sigma[w] = 0.0
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


def index_arrays(indptr, indices) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays for the kernels, whatever scipy gave: offsets uint64, ids :func:`node_ids`.

    Examples
    --------
    >>> [a.dtype.name for a in index_arrays(np.array([0, 1, 2]), np.array([1, 0]))]
    ['uint64', 'uint32']
    """
    return np.ascontiguousarray(indptr, np.uint64), node_ids(indices)


def node_ids(nodes) -> np.ndarray:
    """Node ids (neighbours, sources, pairs) as uint32, the kernels' unsigned ids.

    numba tests every signed index for a negative value (to count from the end): 20-30%
    of the kernels' time at 10^4 nodes. An unsigned one it reads as it is.

    Examples
    --------
    >>> node_ids([3, 0]).dtype.name
    'uint32'
    """
    return np.ascontiguousarray(nodes, np.uint32)


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
    indptr, indices = index_arrays(indptr, indices)

    def task(i, chunk):
        _hop_chunk(indptr, indices, c, node_ids(chunk), btw[i], cross[i], total[i], inverse[i])

    _run(task, chunks, n_jobs)
    return btw, cross, total, inverse


def integer_steps(weight: np.ndarray, nodes: int = 1) -> np.ndarray | None:
    """Step lengths ``1 / weight`` as whole numbers with the same ratios, when they fit.

    Parameters
    ----------
    weight : numpy.ndarray
        Positive tie strengths.
    nodes : int, default 1
        Nodes of the graph: no path is longer than ``nodes - 1`` longest steps.

    Returns
    -------
    numpy.ndarray or None
        ``L / weight`` as int64 (``L`` the weights' least common multiple) when the
        weights are whole (counts of events are), the longest step at most
        :data:`MAX_BUCKETS` times the shortest and the longest path within 62 bits;
        else None. The same ratios give the same shortest paths, compared exactly.

    Examples
    --------
    >>> integer_steps(np.array([1.0, 2.0, 3.0])).tolist()
    [6, 3, 2]
    >>> integer_steps(np.array([1.0, 2.5])) is None
    True
    """
    if weight.size == 0:
        return np.zeros(0, dtype=np.int64)
    whole = np.rint(weight)
    if not np.all(whole == weight) or whole.min() < 1:
        return None
    if whole.max() > MAX_BUCKETS * whole.min():
        return None
    cap = 2**62 // max(nodes, 1) * int(whole.min())  # n steps of L / w_min at most
    lcm = 1
    for w in np.unique(whole).astype(np.int64).tolist():
        lcm = lcm * w // math.gcd(lcm, w)  # Python integers: no overflow
        if lcm > cap:
            return None
    return (lcm // whole.astype(np.int64)).astype(np.int64)


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
        Positive length of each CSR entry: floats (equal up to a relative :data:`EPSILON`),
        or integers (:func:`integer_steps`: exact, and faster).
    chunks : list of numpy.ndarray
        Sources, split into chunks.
    n_jobs : int, default 1
        Threads.

    Returns
    -------
    numpy.ndarray or None
        Shape (chunks, n); None when float lengths span too many buckets
        (:func:`bucket_width`), for the caller to use a heap instead.

    Examples
    --------
    A triangle with one long side: the two short steps are the shortest path.

    >>> indptr, indices = np.array([0, 2, 4, 6]), np.array([1, 2, 0, 2, 0, 1])
    >>> length = np.array([1.0, 3.0, 1.0, 1.0, 3.0, 1.0])
    >>> (weighted_betweenness(indptr, indices, length, [np.arange(3)])[0] / 2).tolist()
    [0.0, 1.0, 0.0]
    >>> steps = length.astype(np.int64)  # whole numbers: the exact kernel
    >>> (weighted_betweenness(indptr, indices, steps, [np.arange(3)])[0] / 2).tolist()
    [0.0, 1.0, 0.0]
    """
    n = indptr.size - 1
    out = np.zeros((len(chunks), n))
    indptr, indices = index_arrays(indptr, indices)
    if np.issubdtype(length.dtype, np.integer):
        steps = np.ascontiguousarray(length, dtype=np.int64)
        width = int(steps.min()) if steps.size else 1
        spans = (int(steps.max()) if steps.size else 1) // width + 1
        mask = np.uint64((1 << spans.bit_length()) - 1)  # a power of two above a step's span

        def task(i, chunk):
            _integer_chunk(indptr, indices, steps, width, mask, node_ids(chunk), out[i])

    else:
        shape = bucket_width(length)
        if shape is None:
            return None
        width, slots = shape
        ring = np.uint64(slots)
        length = np.ascontiguousarray(length, dtype=np.float64)

        def task(i, chunk):
            _weighted_chunk(indptr, indices, length, width, ring, node_ids(chunk), out[i])

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
    indptr, indices = W.indptr, W.indices
    length = integer_steps(W.data, n)  # a strong tie is a short step: whole if it can
    if length is None:
        length = 1.0 / W.data
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
            whole = np.issubdtype(length.dtype, np.integer)
            part = "kernel, whole-number steps" if whole else "kernel"
            timings[f"weighted paths ({part})"] = time.perf_counter() - start
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
