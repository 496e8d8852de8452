"""The view and the graph its claim was tested on: one name each, both sets of numbers.

A claim is tested on its view without the text's own claim ties, its
conflictual ties and its places (:func:`graph.claims.prepare.claim_graph`):
that graph is the "actors view as tested", and the view as built is the
"actors view" (:func:`graph.plot.style.graph_name`). The two give the same
actor different numbers (Azerbaijan: 17 contacts in the actors view, 9 as
tested). Each number a reader sees carries the name of its graph, and where a
reader meets one set, the other stands beside it: in the measure tables
(columns ``<measure>_as_tested``), report.md, the figures' titles and the
explorer, always in the words of :func:`focus_line`.

Examples
--------
>>> import networkx as nx
>>> from graph.claims import assess_bridge_claim
>>> from graph.measures import actor_measures
>>> G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 0), (0, 4)], view="toy")
>>> G.add_edge(0, 2, relation="links")
>>> r = assess_bridge_claim(G, 0, samples=9, robustness=False, progress=False)
>>> for part in focus_line(r, actor_measures(G)).split("; "):
...     print(part)
0: 3 contacts, betweenness 0.583 in the toy view as tested
4 contacts, betweenness 0.583 in the toy view
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from graph.claims import ClaimResult
from graph.formats import fmt
from graph.plot.style import graph_name, plural

__all__ = [
    "TESTED_SUFFIX",
    "TESTED_MEASURES",
    "with_tested",
    "focus_numbers",
    "numbers_words",
    "focus_line",
    "graph_names",
    "note_as_tested",
]

#: Suffix of the columns that hold a measure of the tested graph beside the view's.
TESTED_SUFFIX = "_as_tested"

#: The measures of the tested graph set beside the view's in its tables and exports.
TESTED_MEASURES: tuple[str, ...] = (
    "degree",
    "betweenness",
    "bloc_pair_betweenness",
    "constraint",
    "fragmentation",
)


def graph_names(result: ClaimResult) -> tuple[str, str]:
    """(the tested graph's name, the view's name) of a claim result.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> graph_names(SimpleNamespace(view="states"))
    ('states view as tested', 'states view')
    """
    return graph_name(result.view, tested=True), graph_name(result.view)


def with_tested(measures: pd.DataFrame, result: ClaimResult) -> pd.DataFrame:
    """The view's measures with the tested graph's beside them, as ``<measure>_as_tested``.

    Actors the test left out (places, or nodes of another view) get no value
    there (NaN). The view's own columns are unchanged.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> from graph.measures import actor_measures
    >>> G = nx.path_graph(4)
    >>> G.add_edge(0, 3, relation="links")
    >>> r = assess_bridge_claim(G, 1, samples=9, robustness=False, progress=False)
    >>> t = with_tested(actor_measures(G), r)
    >>> t.loc[1, ["degree", "degree_as_tested"]].tolist()
    [2, 2]
    >>> t.loc[0, ["degree", "degree_as_tested"]].tolist()
    [2, 1]
    """
    out = measures.copy()
    tested = result.measures
    for m in TESTED_MEASURES:
        if m in tested.columns:
            col = tested[m].reindex(out.index)
            if pd.api.types.is_integer_dtype(tested[m]):  # counts stay whole: 9, not 9.0
                col = col.astype("Int64")
            out[m + TESTED_SUFFIX] = col
    return out


def focus_numbers(
    result: ClaimResult, view_measures: pd.DataFrame | None = None
) -> dict[str, dict[str, float]]:
    """The focus's degree and betweenness in each graph, by name: the tested graph first.

    ``view_measures``: the view's table (as built); without it, only the
    tested graph's numbers.
    """
    tested, view = graph_names(result)
    out = {}
    for name, m in ((tested, result.measures), (view, view_measures)):
        if m is not None and result.focus in m.index:
            out[name] = {
                "degree": m.at[result.focus, "degree"],
                "betweenness": m.at[result.focus, "betweenness"],
            }
    return out


def numbers_words(numbers: Mapping[str, float], name: str) -> str:
    """One graph's numbers in the words every place uses: "9 contacts, betweenness 0.348 in the X".

    Examples
    --------
    >>> numbers_words({"degree": 1, "betweenness": 0.0}, "states view")
    '1 contact, betweenness 0 in the states view'
    """
    return (
        f"{plural(int(numbers['degree']), 'contact')}, betweenness "
        f"{fmt(float(numbers['betweenness']))} in the {name}"
    )


def focus_line(result: ClaimResult, view_measures: pd.DataFrame | None = None) -> str:
    """The focus's numbers in the tested graph and in the view, each with its graph's name.

    See the module's example.
    """
    numbers = focus_numbers(result, view_measures)
    parts = [numbers_words(v, name) for name, v in numbers.items()]
    return f"{result.focus_label}: " + "; ".join(parts)


def note_as_tested(result: ClaimResult) -> str:
    """A title line saying what the tested graph is (its view without what), and its size.

    Examples
    --------
    >>> from graph import io, networks
    >>> from graph.claims import assess_bridge_claim
    >>> G = networks.view(io.load_dataset(), "actors")
    >>> r = assess_bridge_claim(G, "azerbaijan", samples=19, robustness=False, progress=False)
    >>> note_as_tested(r)
    'the actors view without the text’s 5 claim ties, 3 conflictual ties and 7 places · 16 actors'
    """
    tested = result.tested
    parts = []
    if tested.get("claim_ties"):
        parts.append(f"the text’s {plural(len(tested['claim_ties']), 'claim tie')}")
    if tested.get("conflict_ties"):
        parts.append(plural(len(tested["conflict_ties"]), "conflictual tie"))
    if tested.get("places"):
        parts.append(plural(len(tested["places"]), "place"))
    view = graph_name(result.view)
    if not parts:
        head = f"the {view} as it is"
    elif len(parts) == 1:
        head = f"the {view} without {parts[0]}"
    else:
        head = f"the {view} without {', '.join(parts[:-1])} and {parts[-1]}"
    n = tested.get("nodes")
    return head if n is None else f"{head} · {plural(int(n), 'actor')}"
