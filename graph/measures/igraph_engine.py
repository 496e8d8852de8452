r"""The igraph engine: shortest-path measures on python-igraph's C core.

Betweenness (hops and weighted), closeness, harmonic centrality and
bloc-pair betweenness, cut into tasks that are additive over sources and
dealt to worker processes (:func:`path_measures`); the bloc-pair count of
:func:`bloc_pair_igraph` and the one-node statistics that the null models
evaluate on each sample (:func:`focus_betweenness`).

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c", "d"])
>>> nx.set_node_attributes(G, {"a": "W", "b": "W", "c": "E", "d": "E"}, "bloc")
>>> bloc_pair_betweenness(G)
{'a': 0.0, 'b': 0.5, 'c': 0.5, 'd': 0.0}
"""

from __future__ import annotations

import time

import networkx as nx
import numpy as np

from graph.blocs import BlocSpec, bloc_codes, cross_pairs, defines_blocs, resolve_blocs
from graph.fold import EdgeArrays, fold_arrays
from graph.measures.estimates import (
    SE_BATCHES,
    betweenness_estimate,
    closeness_harmonic,
    distance_sums,
)
from graph.memory import collector_paused

__all__ = [
    "to_igraph",
    "pagerank",
    "bloc_pair_igraph",
    "bloc_pair_betweenness",
    "focus_betweenness",
    "path_measures",
    "weighted_dependencies",
]


def to_igraph(X: EdgeArrays):
    """The folded graph as an undirected ``igraph.Graph`` (vertex i = ``X.nodes[i]``).

    Examples
    --------
    >>> import networkx as nx
    >>> to_igraph(fold_arrays(nx.path_graph(3))).ecount()
    2
    """
    import igraph as ig

    with collector_paused():  # a list per edge: at 10^6 the collector rescanned the heap
        return ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())


def _openmp_threads():
    """``omp_set_num_threads`` of the OpenMP runtime shipped inside igraph's wheel (None: none)."""
    import ctypes
    from pathlib import Path

    import igraph

    here = Path(igraph.__file__).parent
    for lib in sorted(
        [*here.parent.glob("igraph.libs/libgomp*"), *here.glob(".dylibs/libomp*")], key=str
    ):
        try:
            return ctypes.CDLL(str(lib)).omp_set_num_threads
        except (OSError, AttributeError):  # not loadable here, or not an OpenMP runtime
            continue
    return None


_OPENMP: list = []  # the setter, once looked up


def pagerank(g, weights: np.ndarray) -> np.ndarray:
    """Weighted PageRank (damping 0.85) of an undirected igraph graph, the same on every run.

    igraph's PRPACK solver sums in OpenMP threads, so the same graph gave a
    different last bit on nearly every call (10 calls on a random graph of
    20,000 nodes: 10 different results); it runs on one thread here (about
    0.36 s at 10^5 nodes and 7*10^5 edges).

    Examples
    --------
    >>> import igraph
    >>> pagerank(igraph.Graph([(0, 1), (1, 2)]), np.ones(2)).round(3).tolist()
    [0.257, 0.486, 0.257]
    """
    if not _OPENMP:
        _OPENMP.append(_openmp_threads())
    if _OPENMP[0] is not None:
        _OPENMP[0](1)  # this thread's parallel regions: one thread
    return np.asarray(g.pagerank(weights=weights.tolist(), directed=False, damping=0.85))


def bloc_pair_igraph(
    g,
    codes: np.ndarray | None,
    comp: np.ndarray,
    sources: np.ndarray | None = None,
    vertices: list | None = None,
) -> np.ndarray:
    """Bloc-pair betweenness (see :func:`bloc_pair_betweenness`) on an igraph graph.

    Sources are grouped by bloc; a group's targets are the nodes outside its
    bloc (every node for a node without a bloc, a singleton bloc of its own).
    igraph halves undirected subset betweenness, so the groups add up to the
    sum over unordered cross-bloc pairs, which is divided by
    :func:`graph.blocs.cross_pairs`. ``sources`` (sampled; the sum is scaled
    by n / k) defaults to every node; ``vertices`` restricts the output to
    some nodes (the null models ask for one). NaN when there are fewer than
    two blocs or no connected cross-bloc pair. An isolated node lies on no
    path and starts none: it is no source (10^5 of them, each a bloc of its
    own, once cost a betweenness pass each per null sample).

    Works on ``igraph.Graph`` and ``igraph.GraphBase`` alike.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2), (2, 3)])
    >>> bloc_pair_igraph(g, np.array([0, 0, 1, 1]), np.zeros(4, dtype=int)).tolist()
    [0.0, 0.5, 0.5, 0.0]
    """
    n = g.vcount()
    size = n if vertices is None else len(vertices)
    if not defines_blocs(codes):
        return np.full(size, np.nan)
    pairs = cross_pairs(codes, comp)
    if pairs <= 0:
        return np.full(size, np.nan)
    pool = np.arange(n) if sources is None else np.asarray(sources)
    scale = n / len(pool) if sources is not None else 1.0
    tied = np.asarray(g.degree(), dtype=np.int64) > 0
    if not tied.all():  # isolated nodes: on no path, the source of none
        return _on_tied(g, codes, pool[tied[pool]], vertices, tied, size) * scale / pairs
    score = np.zeros(size)
    everyone = list(range(n))
    for b in np.unique(codes[pool]):
        group = pool[codes[pool] == b].tolist()
        targets = everyone if b < 0 else np.flatnonzero(codes != b).tolist()
        score += np.asarray(
            g.betweenness(vertices, directed=False, sources=group, targets=targets), dtype=float
        )
    return score * scale / pairs


def _on_tied(g, codes, pool, vertices, tied, size) -> np.ndarray:
    """The bloc-pair sums of :func:`bloc_pair_igraph` on the subgraph of the tied nodes."""
    keep = np.flatnonzero(tied)
    index = np.full(tied.size, -1, dtype=np.int64)
    index[keep] = np.arange(keep.size)
    sub = g.induced_subgraph(keep.tolist()) if hasattr(g, "induced_subgraph") else None
    if sub is None:  # a GraphBase: the same through the edge list
        import igraph as ig

        edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        sub = ig.GraphBase(keep.size, index[edges].tolist())
    wanted = np.arange(tied.size) if vertices is None else np.asarray(vertices, dtype=np.int64)
    out = np.zeros(size)
    inside = index[wanted] >= 0
    if not inside.any() or pool.size == 0:
        return out
    sub_codes = codes[keep]
    local = index[pool]
    everyone = list(range(keep.size))
    for b in np.unique(sub_codes[local]):
        group = local[sub_codes[local] == b].tolist()
        targets = everyone if b < 0 else np.flatnonzero(sub_codes != b).tolist()
        out[inside] += np.asarray(
            sub.betweenness(
                index[wanted[inside]].tolist(), directed=False, sources=group, targets=targets
            ),
            dtype=float,
        )
    return out


def focus_betweenness(g, focus: int) -> float:
    """Normalized betweenness of one vertex (endpoints excluded), as ``nx.betweenness_centrality``.

    Examples
    --------
    >>> import igraph as ig
    >>> focus_betweenness(ig.Graph.Star(4), 0)
    1.0
    """
    n = g.vcount()
    pairs = (n - 1) * (n - 2) / 2.0
    if pairs <= 0:
        return 0.0
    return g.betweenness([focus], directed=False)[0] / pairs


def bloc_pair_betweenness(G: nx.Graph, blocs: BlocSpec = "bloc") -> dict:
    r"""Share of shortest paths between actors of different blocs that pass through each node.

    Parameters
    ----------
    G : networkx graph
        Any graph; it is folded into a simple undirected graph first.
        Paths are counted in hops (edge weights are ignored).
    blocs : str, mapping or None, default "bloc"
        Node attribute naming each node's bloc, or a mapping node -> bloc.
        A node without a bloc is a singleton bloc of its own (the rule of
        :mod:`graph.blocs`).

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
    restricted to cross-bloc targets [2]_, O(nm), on igraph
    (:func:`bloc_pair_igraph`); ``actor_measures`` computes the same column on
    each of its engines.

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
    X = fold_arrays(G, None)
    codes = bloc_codes(X.nodes, resolve_blocs(G, blocs))
    values = bloc_pair_igraph(to_igraph(X), codes, X.components()) if X.n else []
    return dict(zip(X.nodes, np.asarray(values, dtype=float).tolist(), strict=True))


def _path_job(n: int, a: np.ndarray, b: np.ndarray, distance, codes, tasks: list) -> list:
    """Run path-based tasks on one igraph copy of the graph (in a worker, or in-process).

    Each task is ``(kind, batch, sources)``; kinds: "hops" and "weighted"
    (subset betweenness from ``sources``; igraph halves undirected subset
    betweenness, so all n sources add up to the unordered-pair sum),
    "distance" (:func:`~graph.measures.estimates.distance_sums` from
    sampled sources), "closeness" (the exact distance sums of the nodes in
    ``sources``, by igraph's closeness and harmonic centrality) and "blocs"
    (subset betweenness from the sources in bloc ``batch`` to the nodes
    outside it, see :func:`bloc_pair_igraph`).
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
            value = distance_sums(lambda s: g.distances(source=s.tolist()), src, n)
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


#: Exact path sums are cut into this many batches of sources, whatever ``n_jobs`` is.
EXACT_BATCHES = 8


def path_measures(X: EdgeArrays, *, codes, comp, sources, n_jobs, timings) -> tuple[dict, dict]:
    """Betweenness (hops, weighted), closeness, harmonic and bloc-pair betweenness.

    All n nodes are the sources (exact), or the sampled ``sources`` in
    batches of which the spread gives the standard error (see
    :func:`graph.measures.actor_measures`, Notes). The work is cut into
    (kind, batch) tasks that are additive over sources, dealt round-robin to
    ``n_jobs`` worker processes; the CPU seconds of each kind are added to
    ``timings``.
    """
    import joblib

    n = X.n
    sampled = sources is not None
    src = np.asarray(sources) if sampled else np.arange(n)
    jobs_n = max(1, min(joblib.effective_n_jobs(n_jobs), n))
    same = X.w.size == 0 or bool(np.all(X.w == X.w[0]))  # equal distances: same paths
    # a fixed number of batches, whatever n_jobs is: the sums, and so the numbers, do not
    # depend on the workers (8 exact batches cost microseconds on small graphs)
    n_batches = min(SE_BATCHES if sampled else EXACT_BATCHES, src.size)
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
        timings[f"{kind} (cpu)"] = timings.get(f"{kind} (cpu)", 0.0) + seconds
    sizes = np.array([b.size for b in batches], dtype=float)
    out, errors = {}, {}
    for kind, column in (("hops", "betweenness"), ("weighted", "betweenness_weighted")):
        if kind not in kinds:
            out[column], errors[column] = out["betweenness"], errors["betweenness"]
            continue
        values = np.array([parts[kind, i] for i in range(len(batches))])
        out[column], errors[column] = betweenness_estimate(values, sizes, n, sampled=sampled)
    dist = "distance" if sampled else "closeness"
    totsp = sum(parts[dist, i][0] for i in range(len(batches)))
    harm = sum(parts[dist, i][1] for i in range(len(batches)))
    out["closeness"], out["harmonic"] = closeness_harmonic(X, comp, sources, totsp, harm)
    if not defines_blocs(codes) or (pairs := cross_pairs(codes, comp)) <= 0:
        out["bloc_pair_betweenness"] = np.full(n, np.nan)
    else:
        blocs = sorted(key for key in parts if key[0] == "blocs")  # in bloc order, whoever ran it
        through = sum(parts[key] for key in blocs)
        out["bloc_pair_betweenness"] = through * (n / src.size) / pairs
    return out, {
        "betweenness_error": errors["betweenness"],
        "betweenness_weighted_error": errors["betweenness_weighted"],
    }


def weighted_dependencies(X: EdgeArrays, chunks: list) -> np.ndarray:
    """Weighted betweenness sums (distance = 1 / weight) from each chunk of sources, on igraph.

    One row per chunk, halved as igraph halves undirected subset betweenness:
    the fallback of the kernels when steps are too unequal for their buckets.
    """
    tasks = [("weighted", i, c) for i, c in enumerate(chunks)]
    result = _path_job(X.n, X.a, X.b, 1.0 / X.w, None, tasks)
    return np.array([value for _, _, value, _ in result])
