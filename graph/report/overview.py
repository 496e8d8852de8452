"""The report of a network without a claim: its views, who is central, what each view left out.

``analyze`` on data with no claim to test (no focus given, no ``[claim]`` in
``analysis.toml``) still measures every view and draws it; this module writes
that up: one line saying no claim was tested and how to ask for one, the
views with what each folded or left out, the most central actors of each,
the figures, a glossary, the notes on the data and the inputs. Every view
also says what it did with the nodes it does not keep (``G.graph["nodes_out"]``).

Examples
--------
>>> from graph import networks, io
>>> from graph.measures import actor_measures
>>> views = networks.build_views(io.load_dataset())
>>> md = overview_markdown(views, {k: actor_measures(G) for k, G in views.items()})
>>> md.splitlines()[0]
'# The network: 32 nodes, 50 ties'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import networkx as nx
import pandas as pd

from graph import __version__, schema
from graph.files import code_span, escape_markdown
from graph.fold import fold_arrays, unique_sorted
from graph.formats import fmt
from graph.jsondata import jsonable
from graph.report.glossary import glossary_markdown

__all__ = [
    "NO_CLAIM",
    "figures_markdown",
    "views_frame",
    "nodes_out_words",
    "overview_markdown",
    "overview_data",
]

#: What the report and the command line say when no claim was tested.
NO_CLAIM = (
    "No claim was tested: there is no focus. To test one, give --focus ID (with --statement "
    "and --paragraph to quote it), or add a [claim] table to analysis.toml (see the codebook)."
)

_TERMS = ["actor", "tie", "view", "bloc", "degree", "betweenness", "shortest path"]


def nodes_out_words(G: nx.Graph) -> str:
    """What the view did with the nodes it does not keep, counted by what became of them.

    Examples
    --------
    >>> from graph import networks, io
    >>> G = networks.view(io.load_dataset(), "states")
    >>> nodes_out_words(G).split("; ")[-1]
    '4 folded into its state'
    """
    fates = Counter(fate for _, fate in G.graph.get("nodes_out", []))
    return "; ".join(f"{n} {fate}" for fate, n in sorted(fates.items(), key=lambda x: -x[1]))


def views_frame(
    views: Mapping[str, nx.Graph], measures: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """One row per view: actors, ties, components, density, and what it left out.

    ``measures``: each view's table (:func:`graph.measures.actor_measures`), whose
    attrs already count the folded pairs and components; a view without one is folded
    here (3 s for a view of 10^6 ties).

    Examples
    --------
    >>> from graph.measures import actor_measures
    >>> G = nx.MultiGraph([(1, 2), (2, 1), (3, 3), (4, 5)])
    >>> views_frame({"v": G}).loc["v", ["ties", "components"]].tolist()
    [3, 3]
    >>> views_frame({"v": G}, {"v": actor_measures(G)}).equals(views_frame({"v": G}))
    True
    """
    rows = []
    for name, G in views.items():
        n = G.number_of_nodes()
        ties, components = _pairs_and_components(G, (measures or {}).get(name))
        rows.append(
            {
                "view": name,
                "nodes": n,
                "ties": ties,
                "components": components,
                "density": _density(ties, n) if n > 1 else float("nan"),
                "folded or left out": nodes_out_words(G) or "-",
            }
        )
    return pd.DataFrame(rows).set_index("view")


def _pairs_and_components(G: nx.Graph, table: pd.DataFrame | None = None) -> tuple[int, int]:
    """Pairs of nodes tied (a tie to itself counts) and connected components, from arrays.

    What an ``nx.Graph`` of the view's pairs would count, from the view's fold
    (:func:`graph.fold.fold_arrays`, which leaves ties to itself aside) without building
    one: that took 6 s for a view of 10^6 ties. ``table``: the view's measures, whose attrs
    count the same pairs and components when they were measured (no second fold).

    Examples
    --------
    >>> _pairs_and_components(nx.MultiGraph([(1, 2), (2, 1), (3, 3), (4, 5)]))
    (3, 3)
    """
    if G.number_of_nodes() == 0:
        return 0, 0
    loops = len(set(nx.nodes_with_selfloops(G)))
    if table is not None and {"pairs", "components"} <= table.attrs.keys():
        return table.attrs["pairs"] + loops, table.attrs["components"]  # counted when measured
    X = fold_arrays(G, None)
    return X.a.size + loops, int(unique_sorted(X.components()).size)


def _density(ties: int, n: int) -> float:
    """``nx.density`` of an undirected simple graph of ``n`` nodes and ``ties`` edges."""
    return 0.0 if ties == 0 else ties / (n * (n - 1)) * 2


def _top(m: pd.DataFrame, top: int) -> pd.DataFrame:
    m = m[~m["type"].isin(list(schema.PLACE_TYPES))] if "type" in m else m
    order = m.assign(_label=m["label"].astype(str)).sort_values(
        ["betweenness", "degree", "_label"], ascending=[False, False, True]
    )
    cols = [c for c in ("label", "type", "bloc", "degree", "betweenness") if c in m.columns]
    return order[cols].head(top)


def _table(df: pd.DataFrame, index: str) -> str:
    cols = [index, *map(str, df.columns)]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for idx, row in df.iterrows():
        cells = [idx, *row.tolist()]
        lines.append(
            "| "
            + " | ".join(escape_markdown(v) if isinstance(v, str) else fmt(v) for v in cells)
            + " |"
        )
    return "\n".join(lines)


def figures_markdown(figures: Mapping[str, str] | None) -> list[str]:
    """The section "Figures": each image with its caption below it (no lines without figures).

    Examples
    --------
    >>> figures_markdown({"A figure": "a.png"})[:3]
    ['## Figures', '', '![A figure](a.png)']
    """
    if not figures:
        return []
    out = ["## Figures", ""]
    for caption, path in figures.items():
        words = escape_markdown(caption)
        out += [f"![{words}]({path})", "", f"*{words}*", ""]
    return out


def overview_markdown(
    views: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    *,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    top: int = 10,
) -> str:
    """The report of a network with no claim to test, as Markdown.

    Parameters
    ----------
    views : mapping of name -> graph
        The views (:func:`graph.networks.build_views`); the first is the one counted
        in the title.
    measures : mapping of name -> DataFrame
        Each view's measures (:func:`graph.measures.actor_measures`).
    figures : mapping of caption -> relative path, optional
    inputs : mapping of name -> path, optional
    notes : sequence of str
        What the data lacked and what was done instead (``Dataset.notes``).
    top : int, default 10
        Rows of each view's table of central actors.
    """
    first = next(iter(views.values()))
    out = [
        f"# The network: {first.number_of_nodes()} nodes, {first.number_of_edges()} ties",
        "",
        escape_markdown(NO_CLAIM),
        "",
        "## Views",
        "",
        _table(views_frame(views, measures), "view"),
        "",
    ]
    for name, m in measures.items():
        if m.empty:
            continue
        out += [
            f"## Who is central ({name} view, places aside)",
            "",
            "Ranked by betweenness, then by number of ties.",
            "",
            _table(_top(m, top), "actor"),
            "",
        ]
    out += figures_markdown(figures)
    out += ["## Glossary", "", glossary_markdown(_TERMS), ""]
    if notes:
        out += ["## Notes on the data", "", *[f"- {escape_markdown(n)}" for n in notes], ""]
    if inputs:
        out += ["## Inputs", "", *[f"- {k}: {code_span(str(p))}" for k, p in inputs.items()], ""]
    out.append(f"Made by actor-graph {__version__}.")
    return "\n".join(out) + "\n"


def overview_data(
    views: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    *,
    notes: Sequence[str] = (),
    top: int = 10,
) -> dict:
    """The same as JSON data: ``claim`` None, the views, their central actors, the notes.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.measures import actor_measures
    >>> G = nx.path_graph(3)
    >>> overview_data({"g": G}, {"g": actor_measures(G)})["views"]["g"]["nodes"]
    3
    """
    frame = views_frame(views, measures)
    return jsonable(
        {
            "claim": None,
            "no_claim": NO_CLAIM,
            "views": {
                name: row | {"nodes_out": views[name].graph.get("nodes_out", [])}
                for name, row in frame.to_dict("index").items()
            },
            "central": {
                name: _top(m, top).reset_index().to_dict("records")
                for name, m in measures.items()
                if not m.empty
            },
            "notes": list(notes),
        }
    )
