"""What the claim figures draw: the graph the claim was tested on, its sides, and how to say so.

A claim is tested on a view without the text's own claim ties, conflictual
ties and places (:func:`graph.claims.prepare.claim_graph`); the figures of the
test (betweenness against degree, the bloc shares) draw that graph, so their
numbers are the report's.

Examples
--------
>>> from graph import io, build
>>> from graph.claims import assess_bridge_claim
>>> G = build.view(io.load_dataset(), "actors")
>>> r = assess_bridge_claim(G, "azerbaijan", samples=19, robustness=False, progress=False)
>>> T = graph_as_tested(G, r)
>>> T.number_of_nodes() == r.tested["nodes"], T.number_of_edges() == r.tested["edges"]
(True, True)
>>> note_as_tested(r)
'as tested: without the text’s 5 claim ties, 3 conflictual ties and 7 places · 16 actors'
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph.blocs import detect_blocs, resolve_blocs
from graph.claims import ClaimResult
from graph.claims.criteria import cut_pairs
from graph.claims.prepare import claim_graph, claimed_sides
from graph.measures import side_pair_shares
from graph.plot.style import node_label, plural

__all__ = ["graph_as_tested", "blocs_as_tested", "note_as_tested", "claim_side_pairs"]


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
    """The blocs the test used on its graph ``T``: node -> bloc name or None."""
    if result.blocs_source == "detected":
        return detect_blocs(T)
    return resolve_blocs(T, "bloc")


def note_as_tested(result: ClaimResult) -> str:
    """A title line saying what the tested graph leaves out, and its size.

    Examples
    --------
    See the module's example.
    """
    tested = result.tested
    parts = []
    if tested.get("claim_ties"):
        parts.append(f"the text’s {plural(len(tested['claim_ties']), 'claim tie')}")
    if tested.get("conflict_ties"):
        parts.append(plural(len(tested["conflict_ties"]), "conflictual tie"))
    if tested.get("places"):
        parts.append(plural(len(tested["places"]), "place"))
    if not parts:
        head = "as tested"
    elif len(parts) == 1:
        head = f"as tested: without {parts[0]}"
    else:
        head = f"as tested: without {', '.join(parts[:-1])} and {parts[-1]}"
    n = tested.get("nodes")
    return head if n is None else f"{head} · {plural(int(n), 'actor')}"


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
    # the test accepted these names; one this view lacks (an organization folded away) is empty
    sides = claimed_sides(T, between, blocs_as_tested(T, result), known=[*G, *between])
    table = side_pair_shares(T, result.focus, sides)
    cut = cut_pairs(T, result.focus, sides)
    table["cut"] = [pair in cut for pair in table[["side_a", "side_b"]].itertuples(index=False)]

    def name(side):
        return node_label(G, side) if side in G else str(side)

    table["side_a"] = table["side_a"].map(name)
    table["side_b"] = table["side_b"].map(name)
    return table
