"""Where each state sits in every world panel, and which sides it is on.

A state keeps one place in every panel of :func:`graph.plot.draw_world_layers`
(:func:`world_positions`): the text's states where the text's own layout puts
them, the sides' other members on a ring around them, in arcs by the sides
they are on.

Examples
--------
>>> import networkx as nx
>>> text = nx.Graph([("a", "f"), ("f", "b")])
>>> pos = world_positions(text, {"L": nx.Graph([("a", "x")])}, sides={"A": {"a", "x"}})
>>> round(math.hypot(*pos["x"]), 2)
1.4
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from graph.plot.layout import layout

__all__ = [
    "SIDE_RING",
    "sides_per_panel",
    "side_names",
    "membership",
    "category_order",
    "state_code",
    "world_positions",
]

#: Radius of the ring of side members the text does not name, in units of the text's
#: states' own radius.
SIDE_RING = 1.4


def sides_per_panel(sides, text, n: int) -> list[dict[str, set]]:
    """One mapping side -> node ids per panel (default: the text's blocs)."""
    if sides is None:
        blocs: dict[str, set] = {}
        for v, b in text.nodes(data="bloc"):
            if isinstance(b, str) and b:
                blocs.setdefault(b, set()).add(v)
        sides = dict(sorted(blocs.items()))
    if isinstance(sides, Mapping):
        return [{str(k): set(v) for k, v in sides.items()}] * n
    sides = list(sides)
    if len(sides) != n:
        raise ValueError(f"sides has {len(sides)} mappings for {n} panels (the text, the layers).")
    return [{str(k): set(v) for k, v in s.items()} for s in sides]


def side_names(panel_sides) -> list[str]:
    """Every side named in some panel, in order of first appearance."""
    return list(dict.fromkeys(k for s in panel_sides for k in s))


def membership(side_map: Mapping[str, set], names: list[str]) -> dict:
    """Node -> the indices (in ``names``) of the sides it is on."""
    out: dict = {}
    for k, members in side_map.items():
        for v in members:
            out.setdefault(v, set()).add(names.index(k))
    return {v: tuple(sorted(ix)) for v, ix in out.items()}


def category_order(cats) -> list[tuple]:
    """Side sets in reading order: each side, with the sets it shares with the next between them."""
    return sorted(set(cats), key=lambda c: (sum(c) / len(c), len(c), c))


def world_positions(
    text: nx.Graph, layers: Mapping[str, nx.Graph], *, sides=None, seed: int = 0
) -> dict:
    """The place of every state in every panel of :func:`draw_world_layers`.

    Parameters
    ----------
    text, layers, sides, seed
        As in :func:`draw_world_layers`.

    Returns
    -------
    dict
        Node -> (x, y). The text's states: the text's layout
        (:func:`graph.plot.layout.layout`, with ``seed``), centred, its farthest
        state at distance 1. States on a side that the text does not name: a
        ring of radius 1.4, in arcs by the sides they are on (in any panel),
        each arc in code order. Other states get no place: they are counted,
        not drawn.

    Examples
    --------
    >>> text = nx.Graph([("a", "f"), ("f", "b")])
    >>> world = nx.Graph([("a", "b"), ("b", "x"), ("f", "y")])
    >>> pos = world_positions(text, {"L": world}, sides={"A": {"a"}, "B": {"b", "x"}})
    >>> round(math.hypot(*pos["x"]), 2), "y" in pos
    (1.4, False)
    """
    graphs = list(layers.values())
    panel_sides = sides_per_panel(sides, text, 1 + len(graphs))
    names = side_names(panel_sides)
    pos: dict = {}
    core = layout(text, seed) if len(text) else {}
    if core:
        xy = np.array(list(core.values()), dtype=float)
        xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
        reach = float(np.hypot(*xy.T).max())
        xy = xy / reach if reach > 0 else xy
        pos.update(zip(core, map(tuple, xy), strict=True))
    others = {v for G in graphs for v in G if v not in pos}
    sets: dict = {}
    for s in panel_sides:
        for v, ix in membership(s, names).items():
            if v in others:
                sets[v] = tuple(sorted(set(sets.get(v, ())) | set(ix)))

    def key(v):
        return (state_code(graphs, v), str(v))

    ring = [
        v
        for c in category_order(sets.values())
        for v in sorted((u for u in sets if sets[u] == c), key=key)
    ]
    for k, v in enumerate(ring):
        angle = math.pi / 2 - 2 * math.pi * (k + 0.5) / len(ring)
        pos[v] = (SIDE_RING * math.cos(angle), SIDE_RING * math.sin(angle))
    return pos


def state_code(graphs, v) -> str:
    """A state's ISO3 code, from the first graph that has it (else its id without "iso3:")."""
    for G in graphs:
        if v in G and G.nodes[v].get("code"):
            return str(G.nodes[v]["code"])
    return str(v).removeprefix("iso3:")
