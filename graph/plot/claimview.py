"""What the claim figures draw: the graph the claim was tested on, its blocs and its sides.

A claim is tested on a view without the text's own claim ties, conflictual
ties and places (:func:`graph.claims.prepare.claim_graph`); the figures of the
test (betweenness against degree, the bloc shares) draw that graph, so their
numbers are the report's.

Examples
--------
>>> from graph import io, networks
>>> from graph.claims import assess_bridge_claim
>>> G = networks.view(io.load_dataset(), "actors")
>>> r = assess_bridge_claim(G, "azerbaijan", samples=19, robustness=False, progress=False)
>>> T = graph_as_tested(G, r)
>>> T.number_of_nodes() == r.tested["nodes"], T.number_of_edges() == r.tested["edges"]
(True, True)
"""

from __future__ import annotations

from collections import deque

import networkx as nx
import pandas as pd

from graph.blocs import resolve_blocs
from graph.claims import ClaimResult
from graph.claims.criteria import cut_pairs
from graph.claims.prepare import claim_graph
from graph.fold import fold
from graph.measures import side_pair_shares
from graph.plot.style import node_label

__all__ = [
    "graph_as_tested",
    "blocs_as_tested",
    "sides_as_tested",
    "claim_side_pairs",
    "sides_unjoined",
    "closest_connection",
    "induced",
    "MAX_SIDE_MEMBERS",
]

#: Most members of one side drawn by :func:`closest_connection` (the nearest to the focus).
MAX_SIDE_MEMBERS = 12


def graph_as_tested(G: nx.Graph, result: ClaimResult) -> nx.Graph:
    """The graph ``result`` was tested on: kept in the result, or rebuilt from ``G`` (its view).

    Examples
    --------
    See the module's example.
    """
    if result.graph is not None:
        return result.graph
    params, tested = result.parameters, result.tested
    return claim_graph(
        G,
        result.focus,
        claim_ties=tested.get("claim_ties", ()),
        include_claim_ties=bool(params.get("include_claim_ties", False)),
        ties=params.get("ties", "channels"),
        places=bool(params.get("places", False)),
    ).graph


def blocs_as_tested(T: nx.Graph, result: ClaimResult) -> dict:
    """The blocs the test used on its graph ``T`` (``result.blocs``): node -> bloc name or None.

    Figures draw the test's own blocs, never blocs detected again: above the
    size rule the test detects them with Leiden, and another detection could
    draw other blocs. A result without them (made by hand) has the coded ones.
    """
    if result.blocs:
        return {n: result.blocs.get(n) for n in T}
    return resolve_blocs(T, "bloc")


def sides_as_tested(result: ClaimResult) -> dict[str, frozenset]:
    """The sides the claim names, as the test resolved them on its graph (empty: none named)."""
    return {k: frozenset(v) for k, v in (result.parameters.get("sides") or {}).items()}


def claim_side_pairs(G: nx.Graph, result: ClaimResult) -> pd.DataFrame | None:
    """The shares of the sides the claim names (``between``), on the tested graph.

    Returns
    -------
    pandas.DataFrame or None
        :func:`graph.measures.side_pair_shares` of the tested graph, sides
        named as a reader knows them (a node's label), with a ``cut`` column
        (removing the focus leaves the two sides without a path); None when
        the claim names no sides.
    """
    between = result.parameters.get("between")
    if not between:
        return None
    T = graph_as_tested(G, result)
    sides = sides_as_tested(result)  # a name this view lacks (folded away) is an empty side
    table = side_pair_shares(T, result.focus, sides)
    cut = cut_pairs(T, result.focus, sides)
    table["cut"] = [pair in cut for pair in table[["side_a", "side_b"]].itertuples(index=False)]

    def name(side):
        return node_label(G, side) if side in G else str(side)

    table["side_a"] = table["side_a"].map(name)
    table["side_b"] = table["side_b"].map(name)
    return table


def sides_unjoined(result: ClaimResult | None) -> bool:
    """True when the claim names sides and no path joins any pair of them in the tested graph.

    The bloc figure then draws :func:`closest_connection` instead of shares
    (there are none).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> G = nx.Graph([("a", "f"), ("f", "b")], view="toy")
    >>> G.add_edge("f", "x", relation="links"); G.add_edge("f", "y", relation="links")
    >>> r = assess_bridge_claim(G, "f", between=["x", "y"], samples=9, progress=False,
    ...                         robustness=False)
    >>> sides_unjoined(r)
    True
    """
    if result is None or not result.parameters.get("between"):
        return False
    return result.criterion("bridge").status == "not testable"


def _hops(F: nx.Graph, sources) -> dict:
    """Hops from the nearest of ``sources`` to every node they reach, with the node before it."""
    seen = {s: (0, None) for s in sources}
    queue = deque(sources)
    while queue:
        u = queue.popleft()
        for v in F[u]:
            if v not in seen:
                seen[v] = (seen[u][0] + 1, u)
                queue.append(v)
    return seen


def _path_to(seen: dict, node) -> list:
    out = []
    while node is not None:
        out.append(node)
        node = seen[node][1]
    return out


def closest_connection(G: nx.Graph, result: ClaimResult) -> tuple[nx.Graph, dict]:
    """What comes closest to joining sides that no path joins in the tested graph.

    The view as built (``G``: with the claim's own ties, conflictual ties and
    places the test left out), folded, restricted to the focus, the sides'
    members (the :data:`MAX_SIDE_MEMBERS` nearest to the focus of each) and
    the nodes on a shortest path of the view from the focus to each side and
    between the sides: the ties that come closest to joining them, whichever
    the test left out.

    Returns
    -------
    (networkx.Graph, dict)
        The subgraph (with ``claim_ties`` in its ``graph`` dict, the ties the
        test set aside as the claim's own) and node -> the name of its side
        (a node on two sides: "A & B"; others None).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> G = nx.Graph([("a", "f"), ("f", "b")], view="toy")
    >>> G.add_edge("f", "x", relation="links"); G.add_edge("f", "y", relation="links")
    >>> r = assess_bridge_claim(G, "f", between=["x", "y"], samples=9, progress=False,
    ...                         robustness=False)
    >>> H, side = closest_connection(G, r)
    >>> sorted(H), side["x"], side["f"]
    (['f', 'x', 'y'], 'x', None)
    """
    sides = sides_as_tested(result)
    F = fold(G)
    focus = result.focus
    from_focus = _hops(F, [focus]) if focus in F else {}
    keep = {focus} if focus in F else set()
    members = {}
    for name, nodes in sides.items():
        present = sorted(
            (n for n in nodes if n in F), key=lambda n: (from_focus.get(n, (1e9,))[0], str(n))
        )
        members[name] = present[:MAX_SIDE_MEMBERS]
        keep |= set(members[name])
        if members[name] and members[name][0] in from_focus:
            keep |= set(_path_to(from_focus, members[name][0]))
    listed = [m for m in members.values() if m]
    for i, a in enumerate(listed):
        reach = _hops(F, a)
        for b in listed[i + 1 :]:
            near = [n for n in b if n in reach]
            if near:
                keep |= set(_path_to(reach, min(near, key=lambda n: (reach[n][0], str(n)))))
    side_of = {}
    for name, nodes in members.items():
        label = node_label(G, name) if name in G else str(name)
        for n in nodes:
            side_of[n] = label if n not in side_of else f"{side_of[n]} & {label}"
    H = induced(G, keep)
    H.graph["claim_ties"] = list(result.tested.get("claim_ties", ()))
    return H, {n: side_of.get(n) for n in H}


def induced(G: nx.Graph, keep) -> nx.Graph:
    """The subgraph of ``G`` on ``keep``, a copy with G's order of nodes and ties.

    ``G.subgraph`` walks a small node set in the set's own order, which changes
    with Python's string hashing between runs; a layout seeded on it would
    not give the same picture twice.

    Examples
    --------
    >>> list(induced(nx.path_graph(["c", "a", "b", "d"]), {"b", "c", "a"}))
    ['c', 'a', 'b']
    """
    keep = set(keep)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep
        )
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H
