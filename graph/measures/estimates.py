r"""Estimates shared by the path engines: normalized betweenness, closeness, distance sums.

Both fast engines (:mod:`~graph.measures.igraph_engine` and
:mod:`~graph.measures.kernels`) sum each source's dependencies and distances
in batches of sources; the functions here turn those sums into the table's
normalized values, and into estimates with a standard error when the sources
were sampled (see :func:`graph.measures.actor_measures`, Notes).

Examples
--------
>>> import numpy as np
>>> values = np.array([[0.0, 2.0, 0.0]])  # the path 0 - 1 - 2: node 1 on the one path
>>> betweenness_estimate(values / 2, np.array([3.0]), 3, sampled=False)[0].tolist()
[0.0, 1.0, 0.0]
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from graph.fold import EdgeArrays

__all__ = ["SE_BATCHES", "betweenness_estimate", "closeness_harmonic", "distance_sums"]

#: Sampled sources are split into this many batches; their spread gives the standard error.
SE_BATCHES = 10
#: Most entries of one block of the distance matrix (sources x nodes) held at a time.
_DIST_BLOCK = 2_000_000


def distance_sums(
    distances: Callable[[np.ndarray], object], sources: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sum over ``sources`` s of d(s, v) (reachable v only) and of 1/d(s, v) (v != s).

    Parameters
    ----------
    distances : callable
        Given a block of sources, returns their hop distances to every node
        (rows: sources; ``inf`` where unreachable), e.g. igraph's
        ``Graph.distances`` or scipy's ``shortest_path``.
    sources : numpy.ndarray
        The sources, taken in blocks of at most 2,000,000 / n.
    n : int
        Number of nodes.

    Returns
    -------
    tuple of numpy.ndarray
        The two sums, per node.

    Examples
    --------
    >>> D = np.array([[0.0, 1.0, 2.0], [1.0, 0.0, np.inf]])
    >>> total, inverse = distance_sums(lambda s: D[s], np.arange(2), 3)
    >>> total.tolist(), inverse.tolist()
    ([1.0, 1.0, 2.0], [1.0, 1.0, 0.5])
    """
    total = np.zeros(n)
    inverse = np.zeros(n)
    step = max(1, _DIST_BLOCK // max(n, 1))
    for start in range(0, sources.size, step):
        D = np.asarray(distances(sources[start : start + step]), dtype=float)
        reached = np.isfinite(D)
        total += np.where(reached, D, 0.0).sum(axis=0)
        with np.errstate(divide="ignore"):
            inverse += np.where(reached & (D > 0), 1.0 / D, 0.0).sum(axis=0)
    return total, inverse


def scipy_distances(X: EdgeArrays) -> Callable[[np.ndarray], object]:
    """Hop distances from a block of sources, by scipy (for :func:`distance_sums`)."""
    import scipy.sparse.csgraph

    A = X.adjacency()
    return lambda block: scipy.sparse.csgraph.shortest_path(
        A, directed=False, unweighted=True, indices=block
    )


def closeness_harmonic(X: EdgeArrays, comp: np.ndarray, sources, totsp, harm):
    r"""Closeness (Wasserman-Faust) and harmonic centrality / (n-1) from distance sums.

    ``totsp`` and ``harm`` are :func:`distance_sums` over every node (exact,
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
        missed = np.flatnonzero((hits[comp] == 0) & (size[comp] > 1))  # isolated: sums 0
        if missed.size:
            t2, h2 = distance_sums(scipy_distances(X), missed, n)
            totsp[missed], harm[missed] = t2[missed], h2[missed]
    r = size[comp].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where((totsp > 0) & (n > 1), (r - 1) / totsp * (r - 1) / max(n - 1, 1), 0.0)
    harmonic = harm / (n - 1) if n > 1 else np.full(n, np.nan)
    return close, harmonic


def betweenness_estimate(values: np.ndarray, sizes: np.ndarray, n: int, *, sampled: bool):
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
