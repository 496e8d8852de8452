"""Sums over a graph's triangles, walked one at a time: memory linear in the ties.

Gould-Fernandez brokerage counts, for each broker v, the two-paths i -> v -> j
that no arc i -> j closes (:func:`graph.brokerage.brokerage`). The closed ones
are the orientations of the graph's triangles. A dense graph has far more
triangles than ties (a complete graph of 2,000 actors: 2 million ties, 1.3
billion triangles), so listing them takes memory that grows faster than the
ties. :func:`closed_roles` walks each triangle once (the forward algorithm:
each tie from its lower-ranked end, ranked by degree, so that a hub's pairs of
neighbours are never listed; time :math:`O(m^{3/2})`) and adds its closed
two-paths to their broker's counts at once: memory linear in the ties (the
compiled walks are in :mod:`graph.measures.kernels`).
:func:`triangle_sums` does the same for the masked matrix products of Burt's
constraint and effective size (:func:`graph.measures.structural.holes`).

Examples
--------
>>> import numpy as np
>>> lo, hi = np.array([0, 0, 1]), np.array([1, 2, 2])  # a triangle, every tie both ways
>>> arcs = np.sort(np.concatenate([lo * 3 + hi, hi * 3 + lo]))
>>> closed_roles(3, lo, hi, arcs, np.array([0, 0, 1])).tolist()
[[0, 0, 1, 1, 0], [0, 0, 1, 1, 0], [0, 2, 0, 0, 0]]
"""

from __future__ import annotations

import numpy as np

__all__ = ["WEDGES_LISTED", "closed_roles", "many_triangles", "triangle_sums"]

#: Above this many pairs of a node's neighbours (at least three times the triangles),
#: sums over triangles walk them one at a time here instead of listing them: a complete
#: graph of 2,000 actors has 1.3 billion triangles, 190 GB as a list of corner triples.
WEDGES_LISTED = 2_000_000

#: Orientations (i, v, j) of a triangle's corners (0, 1, 2): broker v between i and j.
_ORIENTATIONS = np.array(
    [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)], dtype=np.int64
)


def many_triangles(degree: np.ndarray) -> bool:
    """Whether a graph of these degrees may have too many triangles to list (see above).

    Examples
    --------
    >>> many_triangles(np.full(2000, 1999)), many_triangles(np.full(100, 99))
    (True, False)
    """
    degree = np.asarray(degree, dtype=np.int64)
    return int((degree * (degree - 1) // 2).sum()) > WEDGES_LISTED


def closed_roles(
    n: int, lo: np.ndarray, hi: np.ndarray, arcs: np.ndarray, codes: np.ndarray
) -> np.ndarray:
    """Closed two-paths per broker and role (coordinator ... liaison), an (n, 5) int array.

    Parameters
    ----------
    n : int
        Number of nodes.
    lo, hi : numpy.ndarray
        The simple undirected graph's ties (``lo < hi``, each once).
    arcs : numpy.ndarray
        The sorted codes ``src * n + dst`` of the directed arcs: a
        triangle's orientation (i, v, j) is a closed two-path when i -> v,
        v -> j and i -> j are all arcs.
    codes : numpy.ndarray
        Each node's bloc class (compared for equality only).

    Returns
    -------
    numpy.ndarray
        Row v: the closed two-paths broker v is the middle of, by role.
    """
    lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    ends = np.concatenate([lo, hi])
    other = np.concatenate([hi, lo])
    order = np.lexsort((other, ends))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(ends, minlength=n))]).astype(np.int64)
    indices = other[order]
    arcs = np.asarray(arcs, dtype=np.int64)
    symmetric = arcs.size == 2 * lo.size  # every tie an arc both ways
    from graph.measures.trianglekernels import closed_role_counts  # numba: compiled on first use

    codes = np.asarray(codes, dtype=np.int64)
    return closed_role_counts(n, indptr, indices, arcs, codes, symmetric, _ORIENTATIONS)


def triangle_sums(indptr, indices, left, right) -> np.ndarray:
    r"""For every stored entry (i, j) of a symmetric pattern, :math:`\sum_q L_{iq} R_{qj}`.

    ``q`` ranges over the common neighbours of ``i`` and ``j`` (the third
    corners of the triangles on the tie); ``left`` and ``right`` are the
    values of L and R on the pattern given by ``indptr`` and ``indices``
    (CSR, sorted, every (i, j) with its (j, i)).

    Examples
    --------
    >>> import scipy.sparse
    >>> A = scipy.sparse.csr_array(np.ones((3, 3)) - np.eye(3))
    >>> triangle_sums(A.indptr, A.indices, A.data, A.data).tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    n = indptr.size - 1
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    rev = np.empty(indices.size, dtype=np.int64)  # position of (j, i) for the entry (i, j)
    rev[np.lexsort((rows, indices))] = np.arange(indices.size)
    left = np.asarray(left, dtype=float)
    right = np.asarray(right, dtype=float)
    from graph.measures.trianglekernels import masked_triangle_sums  # numba: compiled on first use

    return masked_triangle_sums(n, indptr, indices, rev, left, right)
