r"""The text's network beside each world layer, every state at the same place in every panel.

- :func:`draw_world_layers`: one panel for the text's states, then one per
  world layer, every state at the same place in every panel
  (:func:`world_positions`): the text's states as the text's own layout puts
  them, the states on a side of the claim that the text does not name on a
  ring around them (grouped by side, with their ISO3 code), every other
  state the data tie to them as a small dot on an outer ring. Ties of the
  focus are orange, ties between two sides that do not touch the focus dark,
  the others faint: in the text the sides hang on the focus; in the world
  they may meet without it.
- :func:`world_panels`: the graphs and sides it draws, for a dataset and
  the result of :func:`graph.world.world_claim`.

Its companion, :func:`graph.plot.bypass.draw_world_bypass`, draws the shares
of pairs of states that only the focus connects.

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> text = nx.Graph([("a", "f"), ("f", "b")])
>>> world = nx.Graph([("a", "f"), ("f", "b"), ("a", "b"), ("b", "x")], years=(2014,))
>>> fig = draw_world_layers(text, {"Votes": world}, "f", sides={"A": {"a"}, "B": {"b"}})
>>> [ax.get_title(loc="left").splitlines()[0] for ax in fig.axes]
['The text', 'Votes, 2014']
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from graph.plot.labels import label_points
from graph.plot.legends import dot, ring_handle, section_legend
from graph.plot.positions import draw_positions
from graph.plot.style import (
    BLOC_PALETTE,
    FOCUS_BAR_COLOR,
    NO_BLOC_COLOR,
    NODE_EDGE,
    TIE_COLOR,
    colors_for,
    node_label,
)
from graph.plot.worldplaces import (
    category_order,
    membership,
    side_names,
    sides_per_panel,
    state_code,
    world_positions,
)
from graph.world import text_test_graph
from graph.world.base import period_words, tie_graph

__all__ = [
    "FOCUS_TIE_COLOR",
    "BYPASS_TIE_COLOR",
    "world_panels",
    "draw_world_layers",
]

#: Ties of the focus.
FOCUS_TIE_COLOR = FOCUS_BAR_COLOR
#: Ties between two sides that do not touch the focus: what bypasses it.
BYPASS_TIE_COLOR = "#222222"

#: Marker areas (points²): a state of the text, a side member it does not name, any other.
_AREA_TEXT, _AREA_SIDE, _AREA_OTHER = 95.0, 26.0, 7.0
#: Panel side in inches.
_PANEL = 3.9


# ------------------------------------------------------------------ the graphs


def world_panels(dataset, layers: Mapping, *, focus=None, text: nx.Graph | None = None):
    """The text's test graph, each network layer's graph and the sides in each panel.

    Parameters
    ----------
    dataset : graph.io.Dataset
    layers : mapping of layer -> graph.world.WorldLayer
        From :func:`graph.world.world_claim` (each layer keeps its graph; the
        positions layer has none and gets no network panel).
    focus : str, optional
        The focus (default: the first layer's claim result's, else None).
    text : networkx.Graph, optional
        The text's side (default: :func:`graph.world.text_test_graph` of the
        dataset, its channels: the ties the claim test keeps).

    Returns
    -------
    text : networkx.Graph
    graphs : dict
        Layer -> its graph, for the layers that have one.
    sides : list of dict
        Side label -> node ids, one mapping per panel (the text first): each
        layer's sides with the states on two sides in both (drawn in a joint
        colour).

    Examples
    --------
    >>> from graph import io, world
    >>> ds = io.load_dataset()
    >>> res = world.world_claim(ds, "azerbaijan", between=["brics", "sco"], layers=("igo",),
    ...                         samples=19, progress=False)
    >>> text, graphs, sides = world_panels(ds, res, focus="azerbaijan")
    >>> graphs["igo"] is res["igo"].graph, sorted(sides[1])
    (True, ['BRICS', 'SCO'])
    """
    if text is None:
        text = text_test_graph(dataset, focus).graph if focus is not None else nx.Graph()
    graphs = {key: w.graph for key, w in layers.items() if w.graph is not None}
    sides = {}
    for key, w in layers.items():
        full = {w.side_labels.get(k, k): set(v) for k, v in w.side_members.items()}
        for v, names in w.overlap.items():
            for k in names:
                full.setdefault(w.side_labels.get(k, k), set()).add(v)
        sides[key] = full
    first = next(iter(sides.values()), {})
    return text, graphs, [first, *(sides[k] for k in graphs)]


# ------------------------------------------------------------------ positions


# ------------------------------------------------------------------ the network panels


def _colours(names, panel_sides, palette) -> dict[tuple, str]:
    """Colour of each side set: a side's from the palette, a shared set's from what is left."""
    cats = category_order(
        {c for s in panel_sides for c in membership(s, names).values()}
        | {(i,) for i in range(len(names))}
    )
    single = colors_for(names, palette) if len(names) <= len(BLOC_PALETTE) else {}
    out = {(names.index(k),): c for k, c in single.items()}
    spare = [c for c in BLOC_PALETTE if c not in out.values()]
    for c in cats:
        if c not in out:
            out[c] = spare.pop(0) if spare else "#555555"
    return out


def _tie_kind(u, v, focus, side_of, shown) -> str:
    """How a tie is drawn: by the focus, across two sides, and whether both ends are shown.

    ``focus`` (the focus and a shown state) or ``focus-off`` (the focus and any
    other state); ``bypass`` (states of two different sides, not the focus);
    ``other`` (two shown states), ``off`` (a shown state and any other) or
    ``hidden`` (two other states: not drawn).
    """
    if focus in (u, v):
        return "focus" if (u in shown and v in shown) else "focus-off"
    a, b = side_of.get(u, ()), side_of.get(v, ())
    if any(x != y for x in a for y in b):
        return "bypass"
    inside = (u in shown) + (v in shown)
    return ("hidden", "off", "other")[inside]


_TIE_STYLE = {  # kind -> (colour, alpha, width, zorder), drawn in this order
    "off": (TIE_COLOR, 0.07, 0.4, 1.0),
    "focus-off": (FOCUS_TIE_COLOR, 0.16, 0.5, 1.1),
    "other": (TIE_COLOR, 0.45, 0.6, 1.2),
    "bypass": (BYPASS_TIE_COLOR, 0.6, 0.8, 1.3),
    "focus": (FOCUS_TIE_COLOR, 0.9, 1.2, 1.4),
}


def _draw_panel(ax, G, text_nodes, labels, side_of, colours, pos, focus, reach):
    """One panel: ties by kind, states by group, the focus ring, labels; counts ties by kind."""
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.set_axis_off()
    counts = _panel_ties(ax, G, set(text_nodes) | set(side_of), side_of, pos, focus)
    groups = {
        "text": [v for v in text_nodes if v in G],
        "side": sorted((v for v in G if v not in labels and v in side_of), key=str),
        "other": sorted((v for v in G if v not in labels and v not in side_of), key=str),
    }
    missing = [v for v in text_nodes if v not in G]
    _panel_states(ax, groups, missing, side_of, colours, pos)
    for group, nodes in [*groups.items(), ("missing", missing)]:
        counts[f"nodes:{group}"] = len(nodes)
    counts["no side"] = sum(v not in side_of for v in G)
    radius = math.sqrt(_AREA["text"]) / 2
    if focus in labels:
        ring = 2 * radius + 7
        ax.scatter(
            *pos[focus],
            s=ring**2,
            facecolors="none",
            edgecolors="black",
            linewidths=2.2,
            zorder=4,
            gid="focus",
        )
    _panel_labels(ax, G, [*text_nodes, *groups["side"]], len(text_nodes), labels, pos, focus)
    return counts


def _panel_ties(ax, G, shown, side_of, pos, focus) -> dict:
    """A panel's ties by kind (ties to states not drawn are counted only); the counts."""
    counts = dict.fromkeys([*_TIE_STYLE, "hidden"], 0)
    segs: dict[str, list] = {k: [] for k in _TIE_STYLE}
    for u, v in sorted(G.edges(), key=lambda e: (str(e[0]), str(e[1]))):
        kind = _tie_kind(u, v, focus, side_of, shown)
        counts[kind] += 1
        if kind in ("focus", "bypass", "other"):
            segs[kind].append((pos[u], pos[v]))
    for kind, (colour, alpha, width, z) in _TIE_STYLE.items():
        if kind in ("off", "focus-off"):  # many faint lines add up: fainter the more there are
            alpha = max(alpha * min(1.0, 60 / max(len(segs[kind]), 1)) ** 0.5, 0.03)
        if segs[kind]:
            ax.add_collection(
                LineCollection(
                    segs[kind],
                    colors=[to_rgba(colour, alpha)],
                    linewidths=width,
                    zorder=z,
                    gid=f"ties:{kind}",
                )
            )
    return counts


def _panel_states(ax, groups, missing, side_of, colours, pos) -> None:
    """The text's states and the sides' members (coloured by side), and the text's missing ones."""
    for group, nodes in groups.items():
        if nodes and group != "other":
            ax.scatter(
                [pos[v][0] for v in nodes],
                [pos[v][1] for v in nodes],
                s=_AREA[group],
                c=[colours.get(side_of.get(v), NO_BLOC_COLOR) for v in nodes],
                edgecolors=NODE_EDGE if group != "other" else "none",
                linewidths=0.6,
                zorder=2 + (group == "text"),
                gid=f"nodes:{group}",
            )
    if missing:
        ax.scatter(
            [pos[v][0] for v in missing],
            [pos[v][1] for v in missing],
            s=_AREA["text"],
            facecolors="white",
            edgecolors="#777777",
            linewidths=0.9,
            linestyle=(0, (2, 1.5)),
            zorder=3,
            gid="nodes:missing",
        )


def _panel_labels(ax, G, named, n_text, labels, pos, focus) -> None:
    """Labels of the text's states, and the codes, smaller, of the sides' other members."""
    radius = math.sqrt(_AREA["text"]) / 2
    radii = np.array([radius] * n_text + [math.sqrt(_AREA["side"]) / 2] * (len(named) - n_text))
    if focus in labels:
        radii[named.index(focus)] = radius + 5
    order = sorted(range(len(named)), key=lambda i: (named[i] != focus, i))
    label_points(
        ax,
        np.array([pos[v] for v in named], dtype=float).reshape(-1, 2),
        radii,
        [labels.get(v) or state_code([G], v) for v in named],
        order=order,
        segments=np.empty((0, 4)),  # haloed labels may lie on ties, not on states
        bold=[v == focus for v in named],
        fontsize=8.0,
        fit=False,
    )
    placed = ax.texts[-len(order) :] if order else []
    for i, t in zip(order, placed, strict=True):
        if named[i] not in labels:  # a side member the text does not name: its code, small
            t.set_fontsize(6.5)
            t.set_color("#444444")


def draw_world_layers(
    text: nx.Graph,
    layers: Mapping[str, nx.Graph],
    focus,
    *,
    sides: Mapping[str, Iterable] | Sequence[Mapping[str, Iterable]] | None = None,
    fig: Figure | None = None,
    seed: int = 0,
    palette: Mapping[str, str] | None = None,
    positions: tuple | None = None,
    subtitles: Mapping[str, str] | None = None,
) -> Figure:
    """Draw the text's network and each world layer side by side, each state in the same place.

    Parameters
    ----------
    text : networkx.Graph
        The text's states and their ties (:func:`graph.world.text_state_view`),
        with ``label`` and ``bloc`` node attributes.
    layers : mapping of str -> networkx.Graph
        A panel title (e.g. "UN General Assembly votes") -> a world layer
        (:func:`graph.world.layer_graph`); its ``years`` (or ``period``)
        follow the title. In the ``votes`` layer, pairs that vote alike on
        less than half of their roll calls are not ties
        (:func:`graph.world.base.counts_as_tie`) and are not drawn.
    focus : node
        The state claimed to be a bridge: ringed in black, its ties orange.
    sides : mapping or sequence of mappings, optional
        Side name -> node ids: the sides the claim says the focus connects
        (e.g. :func:`graph.world.world_sides`), the same in every panel, or
        one mapping per panel (the text first, then each layer, e.g. each
        organization's members in the layer's last year). Default: the blocs
        of the text's states.
    fig : matplotlib.figure.Figure, optional
        Where to draw (its axes are replaced); by default a new figure.
    seed : int, default 0
        Seed of the text's layout (:func:`world_positions`).
    palette : mapping of bloc name -> color, optional
        Colours of sides named like the blocs of the other figures
        (:func:`graph.plot.bloc_palette`); others take the palette in order.
    subtitles : mapping of panel title -> str, optional
        A line under a panel's title: what its ties are, and what they cannot say.
    positions : (title, PositionTest, points, side labels, states on two sides), optional
        A last panel for the positions layer (:func:`graph.plot.draw_positions`):
        ideal points are places on a line, not ties.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per panel, in order.

    Notes
    -----
    Places come from :func:`world_positions`, so a state sits at the same
    point in every panel. The text's states are the larger markers, labelled;
    states on a side that the text does not name are small and labelled
    with their ISO3 code; any other state the layer ties to them is a dot,
    and the ties between two such states are not drawn. A state's colour is
    the side (or sides) it is on in that panel. Ties of the focus are orange
    (gid ``"ties:focus"``); ties between states of two different sides that
    do not touch the focus, the ties that bypass it, are dark
    (``"ties:bypass"``); the others faint (``"ties:other"``). A state of the
    text that a layer's data lack is a dashed hollow marker
    (``"nodes:missing"``): its ties there are unknown, not absent. States are
    PathCollections with gids ``"nodes:text"``, ``"nodes:side"``,
    ``"nodes:other"``; labels are annotations with gid ``"label"``.

    Examples
    --------
    >>> text = nx.Graph([("a", "f"), ("f", "b")])
    >>> world = nx.Graph([("a", "f"), ("f", "b"), ("a", "b")], period=(2010, 2014))
    >>> fig = draw_world_layers(text, {"Events": world}, "f", sides={"A": {"a"}, "B": {"b"}})
    >>> print(fig.axes[1].get_title(loc="left"))
    Events, 2010-2014
    3 states, 3 ties
    1 tie joins two sides without f
    >>> plt.close(fig)
    """
    if focus not in text:
        raise ValueError(f"focus {focus!r} is not a node of the text's graph.")
    graphs = {name: tie_graph(G) for name, G in layers.items()}
    panel_sides = sides_per_panel(sides, text, 1 + len(graphs))
    names = side_names(panel_sides)
    colours = _colours(names, panel_sides, palette)
    pos = world_positions(text, layers, sides=panel_sides, seed=seed)
    blocs = panel_sides[0] == sides_per_panel(None, text, 1)[0]  # the sides are the text's blocs
    labels = {v: node_label(text, v) for v in text}
    text_nodes = list(text)
    grid = _Grid.of(1 + len(graphs) + (positions is not None), subtitles)
    if fig is None:
        fig = plt.figure(figsize=grid.size)
        fig.set_layout_engine("none")
    else:
        fig.clear()
        fig.set_size_inches(*grid.size)
    w, h = grid.size
    reach = max((math.hypot(*p) for p in pos.values()), default=1.0) + 0.28
    drawn: dict[str, int] = {}
    present: set[tuple] = set()  # the sets of sides of the states drawn
    where = node_label(text, focus)
    panels = [("The text", text, "")] + [
        (name, G, _years(layers[name])) for name, G in graphs.items()
    ]
    for k, ((name, G, years), side_map) in enumerate(zip(panels, panel_sides, strict=True)):
        left, bottom = grid.cell(k)
        ax = fig.add_axes((left / w, bottom / h, _PANEL / w, _PANEL / h))
        side_of = membership(side_map, names)
        present |= {side_of[v] for v in G if v in side_of}
        counts = _draw_panel(ax, G, text_nodes, labels, side_of, colours, pos, focus, reach)
        drawn.update({kind: drawn.get(kind, 0) + c for kind, c in counts.items()})
        sub = (subtitles or {}).get(name)
        total = layers[name].number_of_edges() if k else G.number_of_edges()
        title = _panel_title(name, years, sub, G, counts, first=not k, where=where, total=total)
        ax.set_title(title, loc="left", fontsize=9.5)
    if positions is not None:
        _positions_panel(fig, grid, len(panels), positions, names, colours, where, subtitles)
    what = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    if len(names) > 4 or not names:
        what = "the text's blocs" if blocs else "the claim's sides"
    fig.suptitle(
        f"{where} between {what}: the text's states and ties beside each world layer, "
        "each state in the same place",
        x=0.2 / w,
        y=1 - 0.1 / h,
        ha="left",
        va="top",
        fontsize=11.5,
    )
    spot = (
        grid.cell(grid.n)
        if grid.spare
        else (0.2 + grid.cols * (_PANEL + grid.gap), grid.cell(0)[1])
    )
    _figure_legends(
        fig,
        _legend(names, colours, present, where, blocs, drawn),
        spot[0] + 0.1,
        spot[1] + _PANEL + grid.title * 0.8,
    )
    return fig


@dataclass(frozen=True)
class _Grid:
    """The panels' grid: columns, rows, gaps and the figure's size, in inches."""

    n: int
    cols: int
    rows: int
    title: float  # the panels' titles: three or four lines
    gap: float = 0.35
    head: float = 0.45
    legend: float = 2.75

    @classmethod
    def of(cls, n: int, subtitles) -> _Grid:
        cols = min(n, 3)
        return cls(n, cols, math.ceil(n / cols), 0.95 if subtitles else 0.75)

    @property
    def spare(self) -> bool:
        """The legend takes an empty cell (else a column of its own)."""
        return self.rows * self.cols > self.n

    @property
    def size(self) -> tuple[float, float]:
        """The figure's width and height."""
        return (
            0.2 + self.cols * _PANEL + (self.cols - 1) * self.gap
            + (0 if self.spare else self.legend + self.gap),
            self.head + self.rows * (self.title + _PANEL) + (self.rows - 1) * 0.2 + 0.1,
        )  # fmt: skip

    def legend_cell(self) -> tuple[float, float]:
        """Where the legend goes: the empty cell, else a column right of the first row."""
        if self.spare:
            return self.cell(self.n)
        return 0.2 + self.cols * (_PANEL + self.gap), self.cell(0)[1]

    def cell(self, k: int) -> tuple[float, float]:
        """The bottom left corner of panel ``k``."""
        r, c = divmod(k, self.cols)
        left = 0.2 + c * (_PANEL + self.gap)
        bottom = self.size[1] - self.head - (r + 1) * (self.title + _PANEL) - r * 0.2
        return left, bottom


def _years(G) -> str:
    return period_words(G.graph.get("years") or G.graph.get("period") or ())


def _panel_title(
    name, years, sub, G, counts, *, first: bool, where: str, total: int | None = None
) -> str:
    """A panel's title: its layer and years, what its ties are, its size, the bypassing ties.

    ``total``: the layer's ties, conflicts included, when the panel draws only its channels
    (the report's count of the layer's ties).
    """
    n_states, n_ties, bypass = G.number_of_nodes(), G.number_of_edges(), counts["bypass"]
    hidden = counts["nodes:other"]
    if total is not None and total > n_ties:  # a long count: the hidden states on a line
        ties = f"{n_ties:,} cooperative of {total:,} ties"
        note = f"\n({hidden:,} states on no side: counted, not drawn)"
    else:
        ties = f"{n_ties:,} {'tie' if n_ties == 1 else 'ties'}"
        note = f" ({hidden:,} states on no side: counted,\nnot drawn)"
    size = (
        f"{n_states:,} {'state' if n_states == 1 else 'states'}, {ties}" + (note if hidden else "")
        if n_ties or first
        else "no ties in these data for these years"
    )
    return (
        f"{name}{', ' + years if years else ''}\n{sub + chr(10) if sub else ''}{size}\n"
        f"{bypass:,} {'tie joins' if bypass == 1 else 'ties join'} two sides without {where}"
    )


def _positions_panel(fig, grid: _Grid, k: int, positions, names, colours, where, subtitles):
    """The last panel: the positions layer's ideal points on a line."""
    w, h = grid.size
    heading, test, points, side_labels, both = positions
    left, bottom = grid.cell(k)
    ax = fig.add_axes(((left + 0.75) / w, (bottom + 0.55) / h, (_PANEL - 0.8) / w,
                       (_PANEL - 0.7) / h))  # fmt: skip
    by_label = {names[c[0]]: colours[c] for c in colours if len(c) == 1}
    draw_positions(test, points=points, focus_label=where, side_labels=side_labels,
                   colours=by_label, both=both, ax=ax)  # fmt: skip
    ax.xaxis.label.set_fontsize(7.5)
    ax.tick_params(labelsize=7.5)
    sub = (subtitles or {}).get(heading.split(",")[0])
    ax.set_title(heading + (f"\n{sub}" if sub else ""), loc="left", fontsize=9.5,
                 x=-0.75 / (_PANEL - 0.8))  # fmt: skip


_AREA = {"text": _AREA_TEXT, "side": _AREA_SIDE, "other": _AREA_OTHER}


def _figure_legends(fig, sections, left, top) -> None:
    """Stack legend sections down from (left, top), in inches from the figure's bottom left."""
    w, h = fig.get_size_inches()
    y = top
    for section in sections:
        leg = section_legend(fig, section, anchor=(left / w, y / h), transform=fig.transFigure)
        fig.legends.append(leg)
        y -= leg.get_window_extent().height / fig.dpi + 0.12


def _marker(area, face, edge) -> Line2D:
    """A legend handle: one circle of the given area (points²)."""
    return Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(area),
                  markerfacecolor=face, markeredgecolor=edge, markeredgewidth=0.6)  # fmt: skip


def _legend(names, colours, present, where, blocs, drawn):
    """Legend sections: the sides' colours (every side, and the sets drawn), states, ties."""
    cats = category_order(present | {(i,) for i in range(len(names))})
    handles = [dot(colours[c]) for c in cats] + [dot(NO_BLOC_COLOR)] * bool(drawn["no side"])
    words = [" & ".join(names[i] for i in c) for c in cats] + ["on no side"] * bool(
        drawn["no side"]
    )
    sections = [("The text's blocs" if blocs else "Sides of the claim", handles, words, {})]
    kinds = [
        ("text", _marker(_AREA_TEXT, NO_BLOC_COLOR, NODE_EDGE), "a state the text names"),
        ("side", _marker(_AREA_SIDE, NO_BLOC_COLOR, NODE_EDGE), "a state on a side that the "
         "text\ndoes not name (its ISO3 code)"),
        ("missing", _marker(_AREA_TEXT, "white", "#777777"), "a state of the text the layer's\n"
         "data lack: ties unknown"),
    ]  # fmt: skip
    kinds = [(h, t) for k, h, t in kinds if drawn[f"nodes:{k}"]]
    sections.append(("States", [k for k, _ in kinds], [t for _, t in kinds], {}))
    key = [(ring_handle(11), f"focus: {where}")]
    for kind, words in (
        ("focus", f"tie of {where}"),
        ("bypass", f"tie between two sides,\nnot through {where}"),
        ("other", "other tie between\nlabelled states"),
    ):
        colour, alpha, width, _ = _TIE_STYLE[kind]
        if drawn[kind]:
            key.append((Line2D([], [], color=colour, alpha=max(alpha, 0.3), linewidth=2), words))
    sections.append(("Key", [k for k, _ in key], [t for _, t in key], {}))
    return sections
