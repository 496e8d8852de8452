"""Labels that do not overlap: greedy point-label placement and labels on edges.

Placement is computed in display pixels for the axes' size at call time.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> w, h = text_size(fig, "Azerbaijan", 9, False)
>>> bool(w > h > 0)
True
>>> plt.close(fig)
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib import patheffects
from matplotlib.text import Text

from graph.formats import pct

__all__ = ["text_size", "label_points", "label_edges", "segments_px", "overlap", "clip_length"]

#: Labels are wrapped at this many characters.
LABEL_WRAP = 16

_DIRECTIONS = (
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (0.7071, 0.7071, "left", "bottom"),
    (-0.7071, 0.7071, "right", "bottom"),
    (0.7071, -0.7071, "left", "top"),
    (-0.7071, -0.7071, "right", "top"),
    # the eight between them: a node in a fan of ties finds the gap between two of them
    (0.9239, 0.3827, "left", "bottom"),
    (0.3827, 0.9239, "left", "bottom"),
    (-0.3827, 0.9239, "right", "bottom"),
    (-0.9239, 0.3827, "right", "bottom"),
    (-0.9239, -0.3827, "right", "top"),
    (-0.3827, -0.9239, "right", "top"),
    (0.3827, -0.9239, "left", "top"),
    (0.9239, -0.3827, "left", "top"),
)
_RINGS = (0.0, 7.0, 16.0, 30.0)  # extra distance from the node, in points
_W_LABEL, _W_NODE, _W_OUTSIDE, _W_EDGE, _W_RING, _W_NEAR = 12.0, 6.0, 1.0, 0.6, 0.35, 1.5
# each tie that crosses a label costs this much on top of its length inside the label:
# a label crossed by a line is read through it, however short the crossing
_W_CROSS = 2.0


def text_size(fig, text: str, fontsize: float, bold: bool) -> tuple[float, float]:
    """Width and height in pixels of a text drawn in ``fig``."""
    t = Text(0, 0, text, fontsize=fontsize, fontweight="bold" if bold else "normal")
    t.set_figure(fig)
    bbox = t.get_window_extent()
    return bbox.width, bbox.height


def _wrap(text, width=LABEL_WRAP):
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines) if lines else text


def label_points(
    ax,
    xy,
    radii,
    texts,
    *,
    order,
    segments,
    bold,
    fontsize,
    fit=True,
    wrap=LABEL_WRAP,
    outside=_W_OUTSIDE,
    skip_clashes=False,
):
    """Place point labels without overlap; returns their boxes in display pixels.

    ``radii`` are marker radii in points; ``segments`` are (x0, y0, x1, y1) in data units.
    With ``fit`` (network figures), the axes limits are set so that points and labels fit
    the panel; without it (charts), the limits are kept and labels stay inside them where
    they can. Labels are wrapped at ``wrap`` characters; ``outside`` weighs a label's
    share outside the axes (a chart's ticks and axis labels lie there). With
    ``skip_clashes``, a label whose best place would still touch a placed label, a
    leader line or another point is left out (the first of ``order`` never is): the
    returned boxes are those of the labels drawn.
    """
    fig = ax.figure
    px = fig.dpi / 72.0
    wrapped = {i: _wrap(texts[i], wrap) for i in order}
    sizes = np.zeros((len(texts), 2))  # measured for the labels drawn only (10^5 points)
    for i in order:
        sizes[i] = text_size(fig, wrapped[i], fontsize, bold[i])
    r_px = radii * px
    gap = 2.0 * px
    line = fontsize * 1.2 * px
    margins = np.array([r_px.max(initial=0) + gap + line] * 4) if len(xy) else np.zeros(4)
    for _ in range(8 if fit else 1):
        if fit:
            _set_limits(ax, xy, margins)
        pts = ax.transData.transform(xy) if len(xy) else np.empty((0, 2))
        seg_px = segments_px(ax, segments)
        choice = _choose(order, pts, r_px, sizes, seg_px, ax.bbox, gap, px, outside, skip_clashes)
        boxes = np.array([c[0] for c in choice.values()]).reshape(-1, 4)
        over = _overhang(boxes, ax.bbox)
        if not fit or not (over > 0.5).any():
            break
        margins = np.minimum(
            margins + over + gap, 0.3 * np.array([*ax.bbox.size] * 2)[[0, 0, 1, 1]]
        )
    placed = []
    for i in [i for i in order if i in choice]:
        box, (dx, dy, ha, va, far) = choice[i]
        ax.annotate(
            wrapped[i],
            xy[i],
            xytext=(dx / px, dy / px),
            textcoords="offset points",
            ha=ha,
            va=va,
            multialignment={"left": "left", "right": "right"}.get(ha, "center"),
            fontsize=fontsize,
            fontweight="bold" if bold[i] else "normal",
            zorder=4,
            gid="label",
            annotation_clip=False,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
            arrowprops=(
                {
                    "arrowstyle": "-",
                    "color": "#555555",
                    "linewidth": 0.5,
                    "shrinkA": 0,
                    "shrinkB": radii[i] + 1,
                }
                if far
                else None
            ),
        )
        placed.append(box)
    return np.array(placed).reshape(-1, 4)


def _set_limits(ax, xy, margins):
    """Set limits so that points sit inside the panel with margins (l, r, b, t) in pixels."""
    W, H = ax.bbox.width, ax.bbox.height
    lo = xy.min(axis=0) if len(xy) else np.zeros(2)
    hi = xy.max(axis=0) if len(xy) else np.ones(2)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    lo = np.where(hi - lo > 0, lo, lo - 0.5)
    for k, (size, m0, m1) in enumerate(((W, margins[0], margins[1]), (H, margins[2], margins[3]))):
        scale = (size - m0 - m1) / span[k]
        limits = (lo[k] - m0 / scale, lo[k] + span[k] + m1 / scale)
        (ax.set_xlim if k == 0 else ax.set_ylim)(*limits)


def segments_px(ax, segments):
    """Segments (x0, y0, x1, y1) from data units to display pixels."""
    if not len(segments):
        return np.empty((0, 4))
    a = ax.transData.transform(segments[:, :2])
    b = ax.transData.transform(segments[:, 2:])
    return np.hstack([a, b])


def _overhang(boxes, bbox):
    if not len(boxes):
        return np.zeros(4)
    return np.maximum(
        0.0,
        [
            bbox.x0 - boxes[:, 0].min(),
            boxes[:, 2].max() - bbox.x1,
            bbox.y0 - boxes[:, 1].min(),
            boxes[:, 3].max() - bbox.y1,
        ],
    )


def _candidates(x, y, r, w, h, gap, px):
    """Candidate boxes (x0, y0, x1, y1), placements, base costs and leader segments."""
    boxes, places, costs, leaders = [], [], [], []
    for ring, extra in enumerate(_RINGS):
        d = r + gap + extra * px
        for k, (ux, uy, ha, va) in enumerate(_DIRECTIONS):
            ax_, ay_ = x + d * ux, y + d * uy
            x0 = {"left": ax_, "right": ax_ - w, "center": ax_ - w / 2}[ha]
            y0 = {"bottom": ay_, "top": ay_ - h, "center": ay_ - h / 2}[va]
            boxes.append((x0, y0, x0 + w, y0 + h))
            places.append((d * ux, d * uy, ha, va, ring > 0))
            costs.append(_W_RING * ring + 0.01 * k)
            leaders.append((x + r * ux, y + r * uy, ax_, ay_) if ring else (x, y, x, y))
    return np.array(boxes), places, np.array(costs), np.array(leaders)


def _choose(order, pts, r_px, sizes, seg_px, bbox, gap, px, outside=_W_OUTSIDE, skip=False):
    """Greedy placement: each label takes its cheapest candidate given those placed before."""
    nodes = np.c_[pts - r_px[:, None], pts + r_px[:, None]] if len(pts) else np.empty((0, 4))
    placed = np.empty((0, 4))
    inner = (bbox.x0 + 1, bbox.y0 + 1, bbox.x1 - 1, bbox.y1 - 1)
    chosen = {}
    leaders = np.empty((0, 4))
    for i in order:
        w, h = sizes[i]
        boxes, places, cost, lead = _candidates(*pts[i], r_px[i], w, h, gap, px)
        area = np.maximum(w * h, 1.0)
        clash = overlap(boxes, placed)
        cost = cost + _W_LABEL * (clash / area + (clash > 0))
        # a leader line must not cross a placed label, nor a label a placed leader line
        cost += _W_LABEL * (_clip_matrix(placed, lead).sum(axis=0) > 0)
        cost += _W_LABEL * (_clip_matrix(boxes, leaders).sum(axis=1) > 0)
        cost += _W_NODE * overlap(boxes, np.delete(nodes, i, axis=0)) / area
        cost += outside * (area - overlap(boxes, np.array([inner]))) / area
        clipped = _clip_matrix(boxes, seg_px)
        cost += _W_EDGE * clipped.sum(axis=1) / max(w, 1.0) + _W_CROSS * (clipped > 0.5).sum(axis=1)
        others = np.delete(np.arange(len(pts)), i)
        cost += _W_NEAR * _nearness(boxes, pts[others], r_px[others], 10.0 * px)
        k = int(np.argmin(cost))
        if skip and chosen and _clashes(boxes[k], lead[k], placed, leaders, nodes, i):
            continue
        chosen[i] = (boxes[k], places[k])
        if places[k][4]:
            leaders = np.vstack([leaders, lead[k]])
        pad = 1.5 * px
        placed = np.vstack([placed, boxes[k] + [-pad, -pad, pad, pad]])
    return chosen


def _clashes(box, lead, placed, leaders, nodes, own) -> bool:
    """Whether a chosen label touches a placed label, a leader line, or a point not its own."""
    one = np.array([box])
    if overlap(one, placed).sum() > 0:
        return True
    if len(leaders) and _clip_matrix(one, leaders).sum() > 0:
        return True
    if len(placed) and lead[0] != lead[2] and _clip_matrix(placed, lead[None, :]).sum() > 0:
        return True
    return overlap(one, np.delete(nodes, own, axis=0)).sum() > 0


def _nearness(boxes, centers, radii, reach):
    """Sum over other nodes of how close each box comes to them: 1 when touching, 0 beyond reach.

    A label as close to another node as to its own would be read as that node's.
    """
    if not len(centers):
        return np.zeros(len(boxes))
    cx, cy = centers[None, :, 0], centers[None, :, 1]
    dx = np.maximum(np.maximum(boxes[:, 0, None] - cx, cx - boxes[:, 2, None]), 0.0)
    dy = np.maximum(np.maximum(boxes[:, 1, None] - cy, cy - boxes[:, 3, None]), 0.0)
    gap = np.hypot(dx, dy) - radii[None, :]
    return np.clip((reach - gap) / reach, 0.0, 1.0).sum(axis=1)


def overlap(boxes, others):
    """Total intersection area of each box with a set of boxes, shape (len(boxes),)."""
    if not len(others):
        return np.zeros(len(boxes))
    b, o = boxes[:, None, :], others[None, :, :]
    w = np.minimum(b[..., 2], o[..., 2]) - np.maximum(b[..., 0], o[..., 0])
    h = np.minimum(b[..., 3], o[..., 3]) - np.maximum(b[..., 1], o[..., 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def clip_length(boxes, segs):
    """Total length of segments inside each box, shape (len(boxes),)."""
    return _clip_matrix(boxes, segs).sum(axis=1)


def _clip_matrix(boxes, segs):
    """Length of each segment inside each box (Liang-Barsky clipping), shape (boxes, segs)."""
    if not len(segs) or not len(boxes):
        return np.zeros((len(boxes), len(segs)))
    x0, y0 = segs[None, :, 0], segs[None, :, 1]
    dx, dy = segs[None, :, 2] - x0, segs[None, :, 3] - y0
    bx0, by0, bx1, by1 = (boxes[:, k, None] for k in range(4))
    t0 = np.zeros((len(boxes), len(segs)))
    t1 = np.ones_like(t0)
    ok = np.ones_like(t0, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
            p = np.broadcast_to(p, t0.shape)
            q = np.broadcast_to(q, t0.shape)
            ok &= ~((p == 0) & (q < 0))
            ratio = q / p
            t0 = np.where(p < 0, np.maximum(t0, ratio), t0)
            t1 = np.where(p > 0, np.minimum(t1, ratio), t1)
    inside = np.where(ok & (t1 > t0), t1 - t0, 0.0)
    return inside * np.hypot(dx, dy)


def label_edges(ax, edge_keys, pos, shares, xy, radii, boxes, seg_px_data):
    """Write each bloc pair's share on its edge, avoiding nodes and labels."""
    fig = ax.figure
    px = fig.dpi / 72.0
    pts = ax.transData.transform(xy)
    r_px = radii * px
    nodes = np.c_[pts - r_px[:, None], pts + r_px[:, None]]
    seg_px = segments_px(ax, seg_px_data)
    placed = np.vstack([nodes, boxes])
    pad = 2.0 * px
    for j, key in enumerate(edge_keys):
        if key not in shares:
            continue
        share, pairs = shares[key]
        text = pct(share, small=True)
        text += f"\n{pairs} pair" + ("" if pairs == 1 else "s")
        w, h = text_size(fig, text, 8.5, True)
        w, h = w + 2 * pad, h + 2 * pad
        a, b = ax.transData.transform([pos[key[0]], pos[key[1]]])
        ts = np.array([0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75])
        centers = a + ts[:, None] * (b - a)
        cand = np.c_[centers - [w / 2, h / 2], centers + [w / 2, h / 2]]
        others = np.delete(seg_px, j, axis=0)
        cost = 12.0 * overlap(cand, placed) / (w * h) + 0.3 * clip_length(cand, others) / w
        cost += 0.05 * np.abs(ts - 0.5)
        k = int(np.argmin(cost))
        placed = np.vstack([placed, cand[k]])
        x, y = ax.transData.inverted().transform(centers[k])
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            zorder=5,
            gid="share",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
