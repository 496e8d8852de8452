"""Legends stacked to the right of a panel: blocs, types, sizes and a key.

Size legends draw their reference markers with the figure's own area formula,
so a marker in the legend is as large as a node of that value.

Examples
--------
>>> nice_floor(0.879)
0.5
>>> reference_values(0.649, integer=False)
[0.65, 0.25, 0.0]
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from graph.plot.canvas import BOTTOM, GAP, LEFT, RIGHT, TOP, marker_area, set_panel
from graph.plot.style import (
    CLAIM_COLOR,
    NEGATIVE_COLOR,
    NO_BLOC_COLOR,
    NODE_EDGE,
    TIE_COLOR,
    TYPE_FACE,
    TYPE_MARKERS,
    node_label,
)

__all__ = [
    "network_legends",
    "size_legend",
    "order_sections",
    "size_section",
    "reference_values",
    "nice_floor",
    "round_up",
    "ring_handle",
    "dot",
    "section_legend",
    "stack_legends",
]


def network_legends(
    H,
    focus,
    bloc_of,
    bloc_order,
    bloc_title,
    colors,
    types,
    groups,
    uniform,
    *,
    arrows=False,
    faint=False,
    none_label="no bloc",
):
    """Legend sections of a network figure: blocs, types and a key of focus and ties."""
    sections = []
    present = [b for b in bloc_order if b in set(bloc_of.values())]
    if present:
        handles = [dot(colors[b]) for b in present]
        labels = list(present)
        if any(b is None for b in bloc_of.values()):
            handles.append(dot(NO_BLOC_COLOR))
            labels.append(none_label)
        sections.append((bloc_title, handles, labels, {}))
    if types:
        kinds = [t for t in TYPE_MARKERS if t in set(types)]
        handles = [dot(TYPE_FACE, marker=TYPE_MARKERS[t]) for t in kinds]
        sections.append(("Type", handles, kinds, {}))
    handles, labels = [], []
    if focus is not None:
        handles.append(ring_handle(12))
        labels.append(f"focus: {node_label(H, focus)}")
    if groups["edges"]:
        handles.append(Line2D([], [], color=TIE_COLOR, linewidth=2))
        labels.append("tie (equal weights)" if uniform else "tie (width ∝ weight)")
    if faint and focus is not None:
        handles.append(Line2D([], [], color=TIE_COLOR, linewidth=2, alpha=0.35))
        labels.append(f"tie of {node_label(H, focus)} (faint)")
    if groups["edges-negative"]:
        handles.append(Line2D([], [], color=NEGATIVE_COLOR, linewidth=2, linestyle="--"))
        labels.append("conflictual tie (sign −1)")
    if groups.get("edges-claim"):
        handles.append(Line2D([], [], color=CLAIM_COLOR, linewidth=2, linestyle=(0, (1, 2))))
        labels.append("the text's own claim (links):\nnot evidence for it")
    if arrows:
        handles.append(Line2D([], [], color=TIE_COLOR, linewidth=1.5, marker=">", markersize=7))
        labels.append("directed tie (arrow at target)")
    if handles:
        sections.append(("Key", handles, labels, {}))
    return sections


def size_legend(measure, vmax, n, values):
    """The size legend of a measure among ``n`` nodes, or None when nodes are not sized."""
    if values is None or measure is None:
        return None
    vals = values.to_numpy(dtype=float)
    vals = vals[np.isfinite(vals)]
    refs = reference_values(vmax, integer=bool(np.all(vals == np.round(vals))))
    return size_section(
        f"Size: {measure}", refs, lambda v: marker_area(v / vmax if vmax > 0 else 0.0, n)
    )


def order_sections(sections):
    """Bloc, Type, size, Key: the key last, so the legends read from data to decoding."""
    return sorted(sections, key=lambda s: s[0] == "Key")


def size_section(title, refs, area_of, *, marker_color=TYPE_FACE):
    """Legend section whose reference markers use the figure's own area formula."""
    handles, labels = [], []
    for r in sorted(refs):  # largest last: its marker may rise into the row above, not the title
        handles.append(dot(marker_color, size=math.sqrt(area_of(r))))
        labels.append(f"{r:.3g}")
    big = max(math.sqrt(area_of(r)) for r in refs)
    kw = {"handleheight": max(0.7, 1.25 * big / 8.5), "handlelength": max(2.0, big / 8.5)}
    return (title, handles, labels, kw)


def reference_values(vmax, *, integer):
    """Two or three values spanning the measure.

    The largest value rounded up (two significant digits), a round value near its half,
    and zero.
    """
    if vmax <= 0:
        return [0.0]
    if integer:
        top = float(math.ceil(vmax - 1e-9))
        return sorted({top, float(round(top / 2)), 0.0}, reverse=True)
    top = round_up(vmax)
    half = nice_floor(top / 2)
    return [top, half, 0.0] if half < top else [top, 0.0]


def round_up(x, digits: int = 2):
    """The smallest number with ``digits`` significant digits not below x (x > 0).

    Examples
    --------
    >>> round_up(0.649), round_up(0.88), round_up(12.01)
    (0.65, 0.88, 13.0)
    """
    k = math.floor(math.log10(x)) - digits + 1
    step = 10.0**k
    return round(math.ceil(x / step - 1e-9) * step, max(0, -k))


def nice_floor(x):
    """Return the largest number of the form {1, 2, 2.5, 5} x 10^k not above x."""
    k = math.floor(math.log10(x))
    for m in (5.0, 2.5, 2.0, 1.0):
        if m * 10**k <= x * (1 + 1e-9):
            return m * 10**k
    return 10.0**k


def ring_handle(size: float) -> Line2D:
    """Legend handle for the focus ring."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=2.5,
    )


def dot(color, *, marker="o", size=8.0):
    """A legend handle: one marker."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=color,
        markeredgecolor=NODE_EDGE,
        markeredgewidth=0.6,
    )


def section_legend(parent, section, *, anchor, transform) -> Legend:
    """One legend section (title, handles, labels, extra keywords) in the figures' style."""
    title, handles, labels, kw = section
    leg = Legend(
        parent,
        handles,
        labels,
        title=title,
        loc="upper left",
        bbox_to_anchor=anchor,
        bbox_transform=transform,
        frameon=False,
        fontsize=8.5,
        title_fontsize=9,
        alignment="left",
        borderaxespad=0.0,
        borderpad=0.2,
        **kw,
    )
    leg.get_title().set_fontweight("bold")
    return leg


def stack_legends(ax, sections, *, own, panel):
    """Stack legend sections to the right of the axes; grow an owned figure to fit them."""
    fig = ax.figure
    dpi = fig.dpi
    gap_px = GAP * dpi
    y_px = 0.0
    legends = []
    width_px = 0.0
    for section in sections:
        leg = section_legend(ax, section, anchor=(1.0, 1.0), transform=ax.transAxes)
        bbox = leg.get_window_extent()
        legends.append((leg, y_px))
        y_px += bbox.height + 0.12 * dpi
        width_px = max(width_px, bbox.width)
    if own:
        w, h = panel
        fig_w = LEFT + w + GAP + width_px / dpi + RIGHT
        fig_h = max(BOTTOM + h + TOP, TOP + y_px / dpi + BOTTOM)
        fig.set_size_inches(fig_w, fig_h)
        set_panel(ax, panel, (fig_w, fig_h))
    box = ax.bbox
    for leg, offset in legends:
        leg.set_bbox_to_anchor((1.0 + gap_px / box.width, 1.0 - offset / box.height), ax.transAxes)
        ax.add_artist(leg)
        leg.set_clip_on(False)
