r"""Deterministic layouts: stress majorization per component, components packed in rows.

After the stress layout, :func:`separate` moves any node that lies on (or
too near) a tie it is not part of, and pulls apart nodes that nearly touch:
a node drawn on the line between two others reads as a step on that tie.

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

__all__ = ["layout", "separate", "EDGE_CLEARANCE", "NODE_CLEARANCE", "SEPARATE_MAX"]

#: Least distance from a node to a tie it is not part of, in mean tie lengths.
EDGE_CLEARANCE = 0.2
#: Least distance between two nodes, in mean tie lengths.
NODE_CLEARANCE = 0.3
#: Components up to this many nodes are cleared by :func:`separate`; larger ones have no
#: room to clear (and would take seconds).
SEPARATE_MAX = 150


def layout(H, seed: int) -> dict:
    """Deterministic positions: Kamada-Kawai stress per component, components packed in rows.

    Each component is laid out with unit mean tie length, then cleared by
    :func:`separate`, so that no node sits within :data:`EDGE_CLEARANCE` of a
    tie it is not part of, nor within :data:`NODE_CLEARANCE` of another node,
    wherever the drawing allows it (components of up to :data:`SEPARATE_MAX`
    nodes).
    """
    comps = sorted(
        (list(c) for c in nx.connected_components(H)),
        key=lambda c: -len(c),
    )
    index = {n: i for i, n in enumerate(H)}
    for c in comps:
        c.sort(key=index.__getitem__)
    comps.sort(key=lambda c: (-len(c), index[c[0]]))
    blocks = [_component_layout(_ordered_subgraph(H, c), c, seed) for c in comps]
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


def _ordered_subgraph(H, nodes: list) -> nx.Graph:
    """The subgraph on ``nodes``, its nodes and edges in ``nodes``' and H's order.

    ``H.subgraph`` iterates its nodes in the order of a set, which follows
    Python's string hashing: a layout started from it differed between runs.
    """
    S = H.__class__()
    S.add_nodes_from(nodes)
    if H.is_multigraph():
        S.add_edges_from(H.edges(nodes, keys=True, data=True))
    else:
        S.add_edges_from(H.edges(nodes, data=True))
    return S


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
    pairs = np.array([(index[u], index[v]) for u, v in S.edges()], dtype=int).reshape(-1, 2)
    lengths = np.linalg.norm(xy[pairs[:, 0]] - xy[pairs[:, 1]], axis=1)
    scale = float(lengths.mean()) if len(lengths) else 1.0
    xy = xy / (scale if scale > 0 else 1.0)
    return separate(xy, pairs) if n <= SEPARATE_MAX else xy


def separate(
    xy: np.ndarray,
    edges: np.ndarray,
    *,
    edge_gap: float = EDGE_CLEARANCE,
    node_gap: float = NODE_CLEARANCE,
    rounds: int = 40,
) -> np.ndarray:
    r"""Move nodes off ties they are not part of, and apart from each other.

    Parameters
    ----------
    xy : numpy.ndarray, shape (n, 2)
        Positions.
    edges : numpy.ndarray of int, shape (m, 2)
        Ties as pairs of row indices of ``xy``.
    edge_gap, node_gap : float
        Least distance from a node to a tie not incident to it, and between
        two nodes, in the units of ``xy``.
    rounds : int, default 40
        At most this many passes over the nodes.

    Returns
    -------
    numpy.ndarray
        New positions (``xy`` is not modified).

    Notes
    -----
    The crowding of a drawing is

    .. math:: C = \sum_{v,\, e \not\ni v} (g_e - d(v, e))_+
              + \sum_{u < v} (g_n - \lVert x_u - x_v \rVert)_+

    over nodes v and ties e (segments) not incident to them, and pairs of
    nodes. Each pass visits the nodes in order; a node with a share of C
    tries a few moves (off its nearest tie to either side, away from its
    nearest node, and in eight compass directions, each by half a gap to
    three gaps) and takes the one that lowers C
    most, if any does. C only decreases, so the passes end; they depend only
    on the positions, so the result is deterministic. In a crowded drawing
    some crowding may remain.

    Examples
    --------
    >>> import numpy as np
    >>> xy = np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    >>> out = separate(xy, np.array([[0, 1], [2, 3]]))  # node 2 lies on the tie 0-1
    >>> a, b, p = out[0], out[1], out[2]
    >>> t = np.clip(np.dot(p - a, b - a) / np.dot(b - a, b - a), 0, 1)
    >>> bool(np.hypot(*(p - a - t * (b - a))) >= 0.2)
    True
    """
    xy = np.array(xy, dtype=float, copy=True)
    edges = np.asarray(edges, dtype=int).reshape(-1, 2)
    n = len(xy)
    if n < 2:
        return xy
    incident = [[] for _ in range(n)]
    for k, (u, v) in enumerate(edges):
        incident[u].append(k)
        incident[v].append(k)
    own = [np.array(k, dtype=int) for k in incident]
    for _ in range(rounds):
        moved = False
        for i in _crowded(xy, edges, edge_gap, node_gap):
            cands = np.vstack([xy[i][None, :], _moves(xy, edges, own[i], i, edge_gap, node_gap)])
            costs = _crowding(xy, edges, own[i], i, cands, edge_gap, node_gap)
            k = int(np.argmin(costs))
            if costs[k] < costs[0] - 1e-9:
                xy[i] = cands[k]
                moved = True
        if not moved:
            break
    return xy


_COMPASS = np.array([[np.cos(a), np.sin(a)] for a in np.arange(8) * np.pi / 4])

#: Elements per block of the node-by-tie distance checks (bounds memory on large graphs).
_BLOCK = 1_000_000


def _seg_dist(p, a, b):
    """Distances from points p (k, 2) to segments a-b (m, 2): shape (k, m)."""
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-12)
    t = ((p[:, None, :] - a[None]) * ab[None]).sum(axis=2) / length2[None]
    t = np.clip(t, 0.0, 1.0)
    closest = a[None] + t[..., None] * ab[None]
    return np.hypot(*(p[:, None, :] - closest).transpose(2, 0, 1))


def _pair_dist(p, a, b):
    """Distance from each point p[k] to its segment a[k]-b[k]: shape (k,)."""
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-12)
    t = np.clip(((p - a) * ab).sum(axis=1) / length2, 0.0, 1.0)
    return np.hypot(*(p - a - t[:, None] * ab).T)


def _near_boxes(p, lo, hi):
    """Pairs (point k, box l) where point p[k] lies in the box lo[l]..hi[l]."""
    inside = (p[:, None, 0] >= lo[None, :, 0]) & (p[:, None, 0] <= hi[None, :, 0])
    inside &= (p[:, None, 1] >= lo[None, :, 1]) & (p[:, None, 1] <= hi[None, :, 1])
    return np.nonzero(inside)


def _crowded(xy, edges, edge_gap, node_gap):
    """Nodes with a share of the crowding, in index order.

    Those near a tie not theirs, at an end of such a tie, or near another node.
    """
    n = len(xy)
    bad = np.zeros(n, dtype=bool)
    if len(edges):
        a, b = xy[edges[:, 0]], xy[edges[:, 1]]
        lo, hi = np.minimum(a, b) - edge_gap, np.maximum(a, b) + edge_gap
        step = max(1, _BLOCK // len(edges))
        for s in range(0, n, step):
            rows, cols = _near_boxes(xy[s : s + step], lo, hi)
            node = rows + s
            keep = (edges[cols, 0] != node) & (edges[cols, 1] != node)
            node, cols = node[keep], cols[keep]
            hit = _pair_dist(xy[node], a[cols], b[cols]) < edge_gap
            bad[node[hit]] = True
            bad[edges[cols[hit]].ravel()] = True
    step = max(1, _BLOCK // n)
    for s in range(0, n, step):
        d = np.hypot(*(xy[s : s + step, None, :] - xy[None]).transpose(2, 0, 1))
        d[np.arange(len(d)), np.arange(s, s + len(d))] = np.inf
        bad[s : s + step] |= (d < node_gap).any(axis=1)
    return np.nonzero(bad)[0]


def _crowding(xy, edges, own, i, cands, edge_gap, node_gap):
    """Node i's share of the crowding if it stood at each candidate position."""
    cost = np.zeros(len(cands))
    lo, hi = cands.min(axis=0), cands.max(axis=0)
    if len(edges):
        a, b = xy[edges[:, 0]], xy[edges[:, 1]]
        near = (np.minimum(a, b) <= hi + edge_gap).all(axis=1)
        near &= (np.maximum(a, b) >= lo - edge_gap).all(axis=1)
        near[own] = False
        if near.any():
            d = _seg_dist(cands, a[near], b[near])
            cost += np.clip(edge_gap - d, 0.0, None).sum(axis=1)
    for k in own:  # i's own ties, from each candidate, against the other nodes
        j = edges[k, 1] if edges[k, 0] == i else edges[k, 0]
        box_lo, box_hi = np.minimum(lo, xy[j]) - edge_gap, np.maximum(hi, xy[j]) + edge_gap
        w = np.nonzero(((xy >= box_lo) & (xy <= box_hi)).all(axis=1))[0]
        w = w[(w != i) & (w != j)]
        if len(w):
            d = _seg_dist(xy[w], cands, np.broadcast_to(xy[j], cands.shape))
            cost += np.clip(edge_gap - d, 0.0, None).sum(axis=0)
    w = np.nonzero(((xy >= lo - node_gap) & (xy <= hi + node_gap)).all(axis=1))[0]
    w = w[w != i]
    if len(w):
        d = np.hypot(*(cands[:, None, :] - xy[w][None]).transpose(2, 0, 1))
        cost += np.clip(node_gap - d, 0.0, None).sum(axis=1)
    return cost


def _moves(xy, edges, own, i, edge_gap, node_gap):
    """Candidate positions for node i.

    Off its nearest tie, away from its nearest node, and in eight compass directions.
    """
    p = xy[i]
    dirs = []
    others = np.ones(len(edges), dtype=bool)
    others[own] = False
    e = edges[others]
    if len(e):
        a, b = xy[e[:, 0]], xy[e[:, 1]]
        k = int(np.argmin(_pair_dist(np.broadcast_to(p, a.shape), a, b)))
        ab = b[k] - a[k]
        normal = np.array([-ab[1], ab[0]]) / max(float(np.hypot(*ab)), 1e-12)
        dirs += [normal, -normal]
    delta = p - xy
    dist = np.hypot(*delta.T)
    dist[i] = np.inf
    j = int(np.argmin(dist))
    dirs.append(delta[j] / dist[j] if dist[j] > 1e-9 else np.array([np.cos(i), np.sin(i)]))
    dirs += list(_COMPASS)
    gap = max(edge_gap, node_gap)
    return np.array([p + d * s * gap for d in dirs for s in (0.5, 1.0, 2.0, 3.0)])


def _stress_majorization(S, nodes, xy, *, iterations=300, tol=1e-4):
    """Minimize the Kamada-Kawai stress on hop distances by Guttman transforms (SMACOF)."""
    import scipy.linalg  # 0.2 s to import: only when a layout is drawn

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
