"""Undirected edges as sorted integer codes, to compare and merge edge sets quickly.

Plain numpy, so that a small graph's two-mode check needs no compiler: the
compiled chains of :mod:`graph.nulls.swaps` (numba) load only when a test at
scale draws.

Examples
--------
>>> import numpy as np
>>> edge_codes(4, np.array([3, 0, 1]), np.array([1, 2, 3])).tolist()  # (1, 3) twice, (0, 2)
[2, 7]
"""

from __future__ import annotations

import numpy as np

from graph.fold import unique_sorted

__all__ = ["edge_codes"]


def edge_codes(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted unique codes ``min * n + max`` of undirected edges (loops dropped).

    Examples
    --------
    >>> edge_codes(3, np.array([1, 0, 2]), np.array([0, 1, 2])).tolist()
    [1]
    """
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    keep = a != b
    return unique_sorted(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])
