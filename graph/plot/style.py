"""The look of every figure: bloc colors, node markers, fixed colors, and naming nodes and blocs.

Blocs follow the one rule of :mod:`graph.blocs` (a missing bloc is no bloc);
here they become names (text) and colors.

Examples
--------
>>> bloc_colors(["East", "West"])
{'East': '#DDCC77', 'West': '#882255'}
"""

from __future__ import annotations

from graph.blocs import BlocSpec, resolve_blocs
from graph.schema import CLAIM_RELATIONS

__all__ = [
    "BLOC_PALETTE",
    "NO_BLOC_COLOR",
    "TYPE_MARKERS",
    "TIE_COLOR",
    "NEGATIVE_COLOR",
    "CLAIM_COLOR",
    "FOCUS_BAR_COLOR",
    "BAR_COLOR",
    "TYPE_FACE",
    "NODE_EDGE",
    "bloc_names",
    "bloc_title",
    "sorted_blocs",
    "bloc_colors",
    "bloc_palette",
    "colors_for",
    "node_type",
    "node_label",
    "check_focus",
    "plural",
    "labels_of",
    "is_claim_edge",
    "measure_words",
    "view_words",
    "graph_name",
    "null_words",
]

_MEASURE_WORDS = {
    "betweenness": "betweenness (share of shortest paths through them)",
    "betweenness_weighted": "weighted betweenness (share of strongest paths through them)",
    "bloc_pair_betweenness": "bridge share (share of paths between blocs through them)",
    "degree": "degree (number of contacts)",
    "weighted_degree": "weighted degree (summed tie weights)",
    "closeness": "closeness (how near they are to all others)",
    "harmonic": "harmonic closeness (how near they are to all others)",
    "eigenvector": "eigenvector centrality (ties to well-tied actors)",
    "pagerank": "PageRank (ties to well-tied actors)",
    "constraint": "constraint (how much their contacts are tied to each other)",
    "effective_size": "effective size (contacts not tied to each other)",
    "fragmentation": "fragmentation (pairs cut apart without them)",
}

_VIEW_WORDS = {
    "full": "Full view",
    "actors": "Actors view",
    "states": "States view",
}

_NULL_WORDS = {
    "rewire": "degree-preserving rewiring",
    "rewire_connected": "degree-preserving rewiring (kept connected)",
    "twomode": "two-mode rewiring (who takes part in which event; every count kept)",
    "gnm": "random graphs with as many ties",
    "permute_blocs": "bloc labels shuffled",
}

#: Bloc colors, assigned to bloc names in sorted order.
#:
#: Paul Tol's muted scheme (made for up to nine categories and for colour-blind
#: readers), then Okabe and Ito's. The order puts the colours furthest apart
#: first: each prefix of 2 to 6 colours has the largest least CIEDE2000
#: difference among the muted scheme's colours, taken over normal vision,
#: simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira &
#: Fernandes 2009) and half the chroma (small marks lose colour). The least
#: difference among the first six is 14.9, against 10.9 for the first six of
#: the earlier Okabe-Ito order, whose blue and sky blue read as one hue at a
#: node's size. No colour is near the grey of nodes without a bloc or the white
#: background (difference at least 8.6). Black is left out: it marks the focus.
BLOC_PALETTE: tuple[str, ...] = (
    "#DDCC77",  # Tol sand
    "#882255",  # Tol wine
    "#88CCEE",  # Tol cyan
    "#CC6677",  # Tol rose
    "#117733",  # Tol green
    "#999933",  # Tol olive
    "#44AA99",  # Tol teal
    "#332288",  # Tol indigo
    "#AA4499",  # Tol purple
    "#0072B2",  # Okabe-Ito blue
    "#E69F00",  # Okabe-Ito orange
    "#56B4E9",  # Okabe-Ito sky blue
    "#F0E442",  # Okabe-Ito yellow
    "#D55E00",  # Okabe-Ito vermillion
    "#009E73",  # Okabe-Ito bluish green
    "#CC79A7",  # Okabe-Ito reddish purple
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
    "actor": "H",
    "unknown": "h",
}

#: Color of ordinary ties.
TIE_COLOR = "#8C8C8C"
#: Color of conflictual ties (sign -1).
NEGATIVE_COLOR = "#B2182B"
#: Color of ties that only the text's own claim states (relation ``links``), as in the explorer.
CLAIM_COLOR = "#6A51A3"
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


def bloc_palette(*graphs, color_by: BlocSpec = "bloc") -> dict:
    """One color per bloc over several graphs (the views of one dataset).

    A bloc then keeps its color in every figure.

    Examples
    --------
    >>> import networkx as nx
    >>> G, H = nx.Graph(), nx.Graph()
    >>> G.add_node(1, bloc="West"); H.add_node(2, bloc="East")
    >>> bloc_palette(G, H) == bloc_colors(["East", "West"])
    True
    """
    names = set()
    for G in graphs:
        names |= {b for b in bloc_names(G, color_by).values() if b is not None}
    return bloc_colors(sorted(names))


def colors_for(names: list, palette=None) -> dict:
    """Colors of the named blocs.

    From ``palette`` when it names them all, else the palette in sorted order
    (:func:`bloc_colors`).
    """
    if palette is not None and all(b in palette for b in names):
        return {b: palette[b] for b in names}
    return bloc_colors(sorted(names))


def node_type(H, node) -> str:
    """The node's type if it has a marker, else "unknown"."""
    t = H.nodes[node].get("type")
    return t if t in TYPE_MARKERS else "unknown"


def labels_of(measures, nodes) -> list[str]:
    """Each node's ``label`` in a measures table if it has one, else its id (one column read).

    Examples
    --------
    >>> import pandas as pd
    >>> labels_of(pd.DataFrame({"label": ["A", ""]}, index=["a", "b"]), ["a", "b"])
    ['A', 'b']
    """
    if "label" not in measures.columns:
        return [str(v) for v in nodes]
    labels = measures["label"].reindex(nodes).tolist()
    return [x if isinstance(x, str) and x else str(v) for v, x in zip(nodes, labels, strict=True)]


def plural(k: int, word: str) -> str:
    """Say a count with its noun: 1 node, 2 nodes."""
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def measure_words(measure: str) -> str:
    """A measure's name with what it means, for titles and legends.

    Examples
    --------
    >>> measure_words("betweenness")
    'betweenness (share of shortest paths through them)'
    >>> measure_words("charisma")
    'charisma'
    """
    return _MEASURE_WORDS.get(measure, measure)


def view_words(view) -> str:
    """How a title names a view: "Actors view"; any other name as "<name> view"; None: "Network".

    Examples
    --------
    >>> view_words("actors"), view_words("trade"), view_words(None)
    ('Actors view', 'trade view', 'Network')
    """
    if not view:
        return "Network"
    return _VIEW_WORDS.get(view, f"{view} view")


def graph_name(view, *, tested: bool = False) -> str:
    """The one name of a graph, in every table, title and page: the view, or its tested graph.

    A claim is tested on its view without the text's own claim ties,
    conflictual ties and places (:func:`graph.claims.prepare.claim_graph`): that
    graph is "<view> as tested", and its numbers differ from the view's.

    Examples
    --------
    >>> graph_name("actors"), graph_name("actors", tested=True), graph_name(None)
    ('actors view', 'actors view as tested', 'network')
    """
    name = view_words(view)
    name = name[:1].lower() + name[1:]
    return f"{name} as tested" if tested else name


def null_words(null: str) -> str:
    """A null model's name in plain words.

    Examples
    --------
    >>> null_words("rewire")
    'degree-preserving rewiring'
    """
    return _NULL_WORDS.get(null, null)


def is_claim_edge(data: dict, claim_ties=frozenset()) -> bool:
    """True when every tie behind an edge is the text's own claim.

    A claim tie has relation ``links`` or a tie id among ``claim_ties``.

    Works on one tie (``relation``, ``tie``) and on a folded edge (``relations``, ``ties``).

    Examples
    --------
    >>> is_claim_edge({"relations": ["links"]}), is_claim_edge({"relations": ["links", "visits"]})
    (True, False)
    >>> is_claim_edge({"ties": [3, 4], "relations": ["visits"]}, {3, 4})
    True
    """
    relations = data.get("relations")
    if relations is None and data.get("relation") is not None:
        relations = [data["relation"]]
    ties = data.get("ties")
    if ties is None and data.get("tie") is not None:
        ties = [data["tie"]]
    if relations and all(r in CLAIM_RELATIONS for r in relations):
        return True
    return bool(ties) and bool(claim_ties) and all(t in claim_ties for t in ties)
