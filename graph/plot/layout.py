r"""Deterministic layouts: stress majorization per component, components packed in rows.

Examples
--------
>>> import networkx as nx
>>> pos = layout(nx.path_graph(3), seed=0)
>>> sorted(pos) == [0, 1, 2]
True
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.linalg

__all__ = ["layout"]


def layout(H, seed: int) -> dict:
    """Deterministic positions: Kamada-Kawai stress per component, components packed in rows."""
    comps = sorted(
        (list(c) for c in nx.connected_components(H)),
        key=lambda c: -len(c),
    )
    index = {n: i for i, n in enumerate(H)}
    for c in comps:
        c.sort(key=index.__getitem__)
    comps.sort(key=lambda c: (-len(c), index[c[0]]))
    blocks = [_component_layout(H.subgraph(c), c, seed) for c in comps]
    if not blocks:
        return {}
    # The largest component on top; the others in rows beneath it, as wide as it.
    row_width = max(np.ptp(blocks[0][:, 0]), 3.0)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for k, (c, b) in enumerate(zip(comps, blocks, strict=True)):
        w, h = np.ptp(b[:, 0]), np.ptp(b[:, 1])
        if k == 1 or (x > 0 and x + w > row_width):
            x, y, row_h = 0.0, y - row_h - 0.7, 0.0
        pos.update(zip(c, b - b.min(axis=0) + [x, y - h], strict=True))
        x += w + 1.0
        row_h = max(row_h, h)
    return pos


def _component_layout(S, nodes, seed):
    """Layout of one connected component with unit mean edge length, long axis horizontal."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    start = nx.spring_layout(S, seed=seed)
    if n <= 400:
        xy = _stress_majorization(S, nodes, np.array([start[v] for v in nodes], dtype=float))
    else:
        raw = nx.spring_layout(S, pos=start, seed=seed, iterations=100)
        xy = np.array([raw[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(xy.T))
    xy = xy @ vecs[:, ::-1]
    index = {v: i for i, v in enumerate(nodes)}
    lengths = [np.linalg.norm(xy[index[u]] - xy[index[v]]) for u, v in S.edges()]
    scale = float(np.mean(lengths)) if lengths else 1.0
    return xy / (scale if scale > 0 else 1.0)


def _stress_majorization(S, nodes, xy, *, iterations=300, tol=1e-4):
    """Minimize the Kamada-Kawai stress on hop distances by Guttman transforms (SMACOF)."""
    D = nx.floyd_warshall_numpy(S, nodelist=nodes, weight=None)
    n = len(nodes)
    diag = np.diag_indices(n)
    W = np.zeros_like(D)
    off = ~np.eye(n, dtype=bool)
    W[off] = D[off] ** -2.0
    Lw = -W
    Lw[diag] = W.sum(axis=1)
    # Lw is singular (constant vectors); Lw + 11'/n is not, and agrees with the
    # pseudo-inverse on the centred right-hand sides the iteration produces.
    factor = scipy.linalg.cho_factor(Lw + 1.0 / n)
    xy = xy - xy.mean(axis=0)
    dist = _pairwise(xy)
    xy = xy * (W * D * dist).sum() / max((W * dist**2).sum(), 1e-12)
    previous = np.inf
    for _ in range(iterations):
        dist = _pairwise(xy)
        stress = float((W * (dist - D) ** 2).sum())
        if previous - stress < tol * previous:
            break
        previous = stress
        with np.errstate(divide="ignore", invalid="ignore"):
            B = np.where(dist > 0, -W * D / dist, 0.0)
        B[diag] = 0.0
        B[diag] = -B.sum(axis=1)
        xy = scipy.linalg.cho_solve(factor, B @ xy)
    return xy


def _pairwise(xy):
    dx = xy[:, 0, None] - xy[None, :, 0]
    dy = xy[:, 1, None] - xy[None, :, 1]
    return np.sqrt(dx * dx + dy * dy)
