r"""The table of per-actor measures, and the choice of engine that computes it.

:func:`actor_measures` gathers every measure into one tidy table (one row per
actor, one column per measure, :data:`MEASURES`), computed by one of three
engines chosen with ``backend=``: ``"networkx"`` (the reference,
:mod:`~graph.measures.reference`), ``"igraph"``
(:mod:`~graph.measures.igraph_engine`) or ``"kernels"`` (compiled,
:mod:`~graph.measures.kernels`); ``"auto"`` takes the kernels from
graphs above the size rule :data:`graph.sizes.KERNELS` and igraph below. They give the same
numbers (tested to 1e-9).

Examples
--------
>>> import networkx as nx
>>> df = actor_measures(nx.star_graph(3), backend="networkx")
>>> df.attrs["backend"], df["betweenness"].tolist()
('networkx', [1.0, 0.0, 0.0, 0.0])
"""

from __future__ import annotations

import math
import time

import networkx as nx
import numpy as np
import pandas as pd

from graph.blocs import BlocSpec, bloc_codes, defines_blocs, resolve_blocs
from graph.fold import EdgeArrays, fold, fold_arrays
from graph.measures import igraph_engine
from graph.measures.reference import reference_columns
from graph.measures.structural import eigenvector_csr, fragmentation_igraph, holes
from graph.measures.triangles import many_triangles
from graph.seeds import draw_seed, random_state
from graph.sizes import Size, above

__all__ = [
    "MEASURES",
    "BACKENDS",
    "APPROX_SOURCES",
    "actor_measures",
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

#: Sources sampled above the size rule :data:`graph.sizes.EXACT_PATHS` (see
#: :func:`actor_measures`), where the path-based measures (betweenness, weighted
#: betweenness, closeness, harmonic, bloc-pair betweenness) are estimated from them.
#: The time of the path-based measures grows linearly with it, their standard error
#: as one over its square root: on scale-free graphs of 10^4-10^5 nodes, 200 sources
#: give hubs a standard error of about 0.01 in normalized betweenness (the largest
#: standard error is reported in ``df.attrs["betweenness_error"]``).
APPROX_SOURCES = 200

#: Engines of :func:`actor_measures`.
BACKENDS: tuple[str, ...] = ("auto", "igraph", "kernels", "networkx")


def actor_measures(
    G: nx.Graph,
    *,
    blocs: BlocSpec = "bloc",
    weight: str | None = "weight",
    betweenness_k: int | str | None = "auto",
    seed: int | np.random.Generator | None = 0,
    backend: str = "auto",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    r"""Centrality, structural-hole and bridging measures, one row per actor.

    Length: it runs the chosen engine's steps in order and times each (df.attrs['timings']), one
    line of timing beside each step.

    Parameters
    ----------
    G : networkx graph
        Any graph (a view from :mod:`graph.networks` or a user's graph). It is
        folded into a simple undirected graph: ``weight`` summed over
        parallel and reciprocal edges, self-loops dropped. Not modified.
    blocs : str, mapping or None, default "bloc"
        Node attribute naming each actor's bloc, or a mapping node -> bloc.
        Nodes without a bloc are singleton blocs (the rule of :mod:`graph.blocs`).
    weight : str or None, default "weight"
        Edge attribute holding tie strength (> 0); None, or an absent
        attribute, counts every tie as 1.
    betweenness_k : "auto", int or None, default "auto"
        Sources of the shortest-path measures. None: every node (exact).
        An int ``k``: ``k`` sources sampled without replacement, and the
        path-based measures are estimates (see Notes). "auto": exact up to
        the size rule :data:`graph.sizes.EXACT_PATHS` (nodes times ties
        4 x 10^9), :data:`APPROX_SOURCES` (200) sampled sources above it.
    seed : int, numpy Generator or None, default 0
        Seeds the source sample when sources are sampled.
    backend : {"auto", "igraph", "kernels", "networkx"}, default "auto"
        "igraph" computes the path-based measures, PageRank and articulation
        points on python-igraph and Burt's measures on scipy.sparse, from one
        conversion of the graph; "kernels" does the same with the
        path-based measures on the compiled kernels of
        :mod:`graph.measures.kernels` (one pass per source for every
        hop-based measure; faster from a few thousand nodes, a few seconds
        of compilation on first use). "auto" takes "kernels" above the size
        rule :data:`graph.sizes.KERNELS` (nodes times ties 10^7) and "igraph"
        below.
        "networkx" is the pure-Python reference (slow: exact betweenness of
        10^4 nodes takes minutes); there a sampled ``k`` applies to the two
        betweenness columns only (networkx's ``k``) and the standard errors
        are NaN. All give the same numbers.
    n_jobs : int or None, default 1
        Workers for the shortest-path measures, which are cut into pieces
        additive over sources: processes (joblib) on igraph, threads on the
        kernels; -1 uses every CPU. The numbers do not depend on it.

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

        ``df.attrs`` says how the table was computed: ``backend`` (the
        engine used); ``timings`` (seconds per part, and CPU seconds of the
        path passes);
        ``betweenness_k`` (None when exact, else the number of sampled
        sources); ``estimated`` (the columns that are estimates);
        ``betweenness_error`` and ``betweenness_weighted_error`` (the largest
        standard error of a node's estimate, 0.0 when exact); on the igraph and
        kernels backends also ``pairs`` and ``components`` (the folded graph's
        tied pairs and connected components, which the report's table of views
        reads instead of folding the view again).

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

    *Sampled sources* (``betweenness_k`` an int, or "auto" above
    :data:`graph.sizes.EXACT_PATHS`). With :math:`S` the :math:`k` sampled sources, betweenness and
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
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}; got {backend!r}")
    start = time.perf_counter()
    if backend == "networkx":
        H = fold(G, weight=weight)
        nodes = list(H)
    else:
        X = fold_arrays(G, weight)
        nodes = X.nodes
        if backend == "auto":
            backend = "kernels" if above(Size(X.n, X.a.size), "KERNELS") else "igraph"
    n = len(nodes)
    m = H.number_of_edges() if backend == "networkx" else X.a.size
    k = _resolve_k(betweenness_k, n, m)
    timings = {"conversion": time.perf_counter() - start}
    index = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)
    attrs = {
        "backend": backend,
        "betweenness_k": k,
        "estimated": (),
        "betweenness_error": 0.0,
        "betweenness_weighted_error": 0.0,
        "timings": timings,
    }
    if n == 0:
        df = pd.DataFrame({c: pd.Series(dtype=object) for c in MEASURES}, index=index)
        df.attrs.update(attrs)
        return df
    bloc_of = resolve_blocs(G, blocs)
    if backend == "networkx":
        columns = reference_columns(
            H, weighted=weight is not None, bloc_of=bloc_of, k=k, seed=_seed(seed)
        )
        if k is not None:
            attrs["estimated"] = ("betweenness", "betweenness_weighted")
            attrs["betweenness_error"] = attrs["betweenness_weighted_error"] = math.nan
    else:
        sources = None
        if k is not None:
            sources = random_state(seed).choice(n, size=k, replace=False)
            attrs["estimated"] = _ESTIMATED
        codes = bloc_codes(nodes, bloc_of)
        if backend == "kernels":
            from graph.measures import kernels as engine  # numba: imported only when used
        else:
            engine = igraph_engine
        columns, errors = _fast_columns(
            X,
            engine=engine,
            weighted=weight is not None,
            codes=codes if defines_blocs(codes) else None,
            sources=sources,
            n_jobs=n_jobs,
            timings=timings,
        )
        attrs.update(errors)
        attrs["pairs"] = int(X.a.size)
    data = {
        "label": [G.nodes[v].get("label") for v in nodes],
        "type": [G.nodes[v].get("type") for v in nodes],
        "bloc": [bloc_of[v] for v in nodes],
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


def _resolve_k(betweenness_k: int | str | None, n: int, m: int) -> int | None:
    """The number of sampled sources, or None for every node (exact)."""
    if isinstance(betweenness_k, str):
        if betweenness_k != "auto":
            raise ValueError(f"betweenness_k must be 'auto', an int or None; got {betweenness_k!r}")
        return APPROX_SOURCES if above(Size(n, m), "EXACT_PATHS") else None
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


def _fast_columns(
    X: EdgeArrays, *, engine, weighted: bool, codes: np.ndarray | None, sources, n_jobs, timings
) -> tuple[dict, dict]:
    """Every measure that is not a node attribute, on ``engine``'s paths, igraph and scipy.

    Returns the columns and what the table's attrs add: the standard errors, and the
    number of connected components.
    """
    clock = _Clock(timings)
    n = X.n
    g = igraph_engine.to_igraph(X)
    strength = X.w if weighted else np.ones(X.a.size)
    A = X.adjacency(strength)
    comp = X.components(A)
    clock("conversion")
    components = int(comp.max()) + 1  # scipy labels components 0, 1, ... (n > 0 here)
    paths, errors = engine.path_measures(
        X, codes=codes, comp=comp, sources=sources, n_jobs=n_jobs, timings=timings
    )
    clock("shortest paths")
    triangles = None  # too many to list (a dense graph): walked one at a time
    if not X.a.size:
        triangles = []
    elif not many_triangles(np.diff(A.indptr)):
        triangles = g.list_triangles()
    constraint, size = holes(X, strength, triangles)
    clock("constraint, effective size")
    articulation = np.zeros(n, dtype=bool)
    articulation[g.articulation_points()] = True
    frag = fragmentation_igraph(g, comp)
    clock("articulation, fragmentation")
    eigen = eigenvector_csr(A, comp)
    pagerank = igraph_engine.pagerank(g, strength)
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
    return columns, errors | {"components": components}


class _Clock:
    """Add the seconds since the previous call under a name, into ``timings``."""

    def __init__(self, timings: dict):
        self._timings = timings
        self._last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self._timings[name] = self._timings.get(name, 0.0) + now - self._last
        self._last = now


def _seed(seed):
    """Turn a numpy Generator into an int for networkx (which takes an int or random.Random)."""
    return draw_seed(seed) if isinstance(seed, np.random.Generator) else seed
