"""The look of every figure: bloc colors, node markers, fixed colors, and naming nodes and blocs.

Blocs follow the one rule of :mod:`graph.blocs` (a missing bloc is no bloc);
here they become names (text) and colors.

Examples
--------
>>> bloc_colors(["East", "West"])
{'East': '#0072B2', 'West': '#E69F00'}
"""

from __future__ import annotations

from graph.blocs import BlocSpec, resolve_blocs

__all__ = [
    "BLOC_PALETTE",
    "NO_BLOC_COLOR",
    "TYPE_MARKERS",
    "TIE_COLOR",
    "NEGATIVE_COLOR",
    "FOCUS_BAR_COLOR",
    "BAR_COLOR",
    "TYPE_FACE",
    "NODE_EDGE",
    "bloc_names",
    "bloc_title",
    "sorted_blocs",
    "bloc_colors",
    "node_type",
    "node_label",
    "check_focus",
    "plural",
]

#: Bloc colors, assigned to bloc names in sorted order: Okabe-Ito (without black,
#: which marks the focus) followed by Paul Tol's muted scheme.
BLOC_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#332288",  # Tol indigo
    "#88CCEE",  # Tol cyan
    "#44AA99",  # Tol teal
    "#117733",  # Tol green
    "#999933",  # Tol olive
    "#DDCC77",  # Tol sand
    "#CC6677",  # Tol rose
    "#882255",  # Tol wine
    "#AA4499",  # Tol purple
)

#: Color of nodes that have no bloc.
NO_BLOC_COLOR = "#BBBBBB"

#: Marker of each node type; any other or missing type is drawn as "unknown".
TYPE_MARKERS: dict[str, str] = {
    "state": "o",
    "leader": "^",
    "person": "v",
    "organization": "s",
    "platform": "D",
    "event": "*",
    "region": "p",
    "media": "P",
    "academic": "X",
    "armed_group": "8",
    "movement": "d",
    "unknown": "h",
}

#: Color of ordinary ties.
TIE_COLOR = "#8C8C8C"
#: Color of conflictual ties (sign -1).
NEGATIVE_COLOR = "#B2182B"
#: Color of the focus's bar.
FOCUS_BAR_COLOR = "#D55E00"
#: Color of other bars and of null distributions.
BAR_COLOR = "#A6A6A6"
#: Face of the markers in the type and size legends.
TYPE_FACE = "#E0E0E0"
#: Edge of node markers.
NODE_EDGE = "#333333"


def check_focus(H, focus) -> None:
    """Raise ValueError if ``focus`` is given and not a node of ``H``."""
    if focus is not None and focus not in H:
        raise ValueError(f"focus {focus!r} is not a node of the graph.")


def node_label(H, node) -> str:
    """A node's ``label`` attribute, else its id."""
    label = H.nodes[node].get("label")
    return str(node) if label is None or label == "" else str(label)


def bloc_names(H, color_by: BlocSpec) -> dict:
    """Map every node to its bloc's name (str), or None when it has no bloc.

    Examples
    --------
    >>> import networkx as nx
    >>> bloc_names(nx.path_graph(2), {0: 1})
    {0: '1', 1: None}
    """
    return {n: None if b is None else str(b) for n, b in resolve_blocs(H, color_by).items()}


def bloc_title(color_by) -> str:
    """The title of the bloc legend."""
    if isinstance(color_by, str) and color_by != "bloc":
        return color_by[:1].upper() + color_by[1:]
    return "Bloc"


def sorted_blocs(bloc_of: dict) -> list:
    """The bloc names present, sorted (colors are assigned in this order)."""
    return sorted({b for b in bloc_of.values() if b is not None})


def bloc_colors(names: list) -> dict:
    """Assign the palette to bloc names, in order."""
    if len(names) > len(BLOC_PALETTE):
        raise ValueError(
            f"{len(names)} blocs but only {len(BLOC_PALETTE)} distinguishable colors; "
            "group the blocs or pass color_by=None."
        )
    return dict(zip(names, BLOC_PALETTE, strict=False))


def node_type(H, node) -> str:
    """The node's type if it has a marker, else "unknown"."""
    t = H.nodes[node].get("type")
    return t if t in TYPE_MARKERS else "unknown"


def plural(k: int, word: str) -> str:
    """Say a count with its noun: 1 node, 2 nodes."""
    return f"{k} {word}" if k == 1 else f"{k} {word}s"
