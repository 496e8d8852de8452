"""A folded view as if some ties were not coded: leaving out paragraphs, ties, conflicts.

Every edge of a folded view keeps its derivations (:mod:`graph.networks.participation`),
so a view can be recomputed without some of the ties it came from, exactly:
:func:`restrict` (the general form), :func:`without_paragraphs` and
:func:`without_ties`. :func:`ties_table` lists the coded ties for reading.

Examples
--------
>>> from graph import io
>>> from graph.networks import view
>>> G = view(io.load_dataset(), "states")
>>> H = restrict(G, conflict=False)  # the ties that can carry a bridge: no war
>>> G.edges["azerbaijan", "armenia"]["negative"], H.edges["azerbaijan", "armenia"]["negative"]
(1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx
import pandas as pd

from graph.io import Dataset
from graph.networks.participation import derivation, summarize

__all__ = ["restrict", "without_paragraphs", "without_ties", "ties_table"]


def restrict(
    G: nx.Graph,
    *,
    keep: Callable[[int, int | None], bool] | None = None,
    conflict: bool = True,
    remove_lost: bool = False,
) -> nx.Graph:
    """Return a folded view recomputed from some of its ties.

    Parameters
    ----------
    G : networkx.Graph
        A view from :func:`graph.networks.actors_view` or
        :func:`graph.networks.states_view` (its edges carry ``derivations``).
    keep : callable, optional
        ``keep(tie, paragraph) -> bool``: the ties to keep (default: all).
    conflict : bool, default True
        False leaves out every conflictual contribution: a direct tie of sign
        -1, and a shared event or organization where either actor's tie to it
        is conflictual (two parties to a war). What remains is the set of
        channels (cooperative and neutral ties) a bridge or mediator connects
        through.
    remove_lost : bool, default False
        Remove nodes that the restriction leaves without ties (nodes that had
        none before stay). Leaving out paragraphs does (a node the remaining
        text no longer ties to anyone is gone); leaving out conflicts keeps
        them (two enemies are still actors of the text).

    Returns
    -------
    networkx.Graph
        The same nodes (less the lost ones), the edges that keep at least one
        derivation, their attributes recomputed; ``G.graph`` copied, with
        ``participation`` restricted the same way.

    Raises
    ------
    ValueError
        If the graph's edges carry no ``derivations`` (no provenance).
    """
    if G.number_of_edges() and not all("derivations" in d for *_, d in G.edges(data=True)):
        raise ValueError("the graph's edges carry no 'derivations': no paragraph provenance")
    keep_tie = keep or (lambda tie, para: True)
    H = nx.Graph(**G.graph)
    H.graph["participation"] = [
        row
        for row in G.graph.get("participation", [])
        if keep_tie(row[2], None) and (conflict or row[3] >= 0)
    ]
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        evidence = dict(zip(d["ties"], d["evidence"], strict=True))
        kept = []
        for dv in d["derivations"]:
            groups = [[x for x in g if keep_tie(x[0], x[1])] for g in dv["groups"]]
            if not all(groups):
                continue
            new = derivation(dv["via"], groups)
            if conflict or new["sign"] >= 0:
                kept.append(new)
        if kept:
            H.add_edge(u, v, **summarize(kept, evidence))
    if remove_lost:
        H.remove_nodes_from([n for n in H if H.degree(n) == 0 and G.degree(n) > 0])
    return H


def without_paragraphs(G: nx.Graph, drop: int | Iterable[int]) -> nx.Graph:
    """Return a folded view as if the text lacked the given paragraphs.

    A derivation survives when each actor in it keeps at least one tie from a
    paragraph that is not dropped; an edge survives when one of its derivations
    does. Nodes left without ties by the drop are removed; nodes that had none
    before stay.

    Parameters
    ----------
    G : networkx.Graph
        A view from :func:`actors_view` or :func:`states_view` (edges carry ``derivations``).
    drop : int or iterable of int
        Paragraph numbers to leave out.

    Returns
    -------
    networkx.Graph

    Raises
    ------
    ValueError
        If the graph's edges carry no ``derivations`` (no paragraph provenance).

    Examples
    --------
    >>> from graph import io
    >>> from graph.networks import view
    >>> G = view(io.load_dataset(), "states")
    >>> H = without_paragraphs(G, 2)
    >>> H.number_of_edges() < G.number_of_edges()
    True
    """
    drop = {int(drop)} if isinstance(drop, int) else {int(p) for p in drop}
    return restrict(G, keep=lambda tie, para: para not in drop, remove_lost=True)


def without_ties(G: nx.Graph, ties: Iterable[int]) -> nx.Graph:
    """Return a folded view as if the given ties (ids = lines of edges.csv) were not coded.

    Same rules as :func:`without_paragraphs`.

    Examples
    --------
    >>> from graph import io
    >>> from graph.networks import view
    >>> ds = io.load_dataset()
    >>> G = view(ds, "actors")
    >>> without_ties(G, G.graph["claim_ties"]).number_of_edges() < G.number_of_edges()
    True
    """
    ties = {int(t) for t in ties}
    return restrict(G, keep=lambda tie, para: tie not in ties, remove_lost=True)


def ties_table(dataset_or_edges, nodes=None) -> pd.DataFrame:
    """The coded ties with their evidence, one row per tie, named by label.

    A table for reading: who is tied to whom, how, where in the text and in
    the text's own words. Node ids are replaced by their ``label``.

    Parameters
    ----------
    dataset_or_edges : Dataset or pandas.DataFrame
        A :class:`graph.io.Dataset`, or an edges table (as from
        :func:`graph.io.load_edges`, or any frame with ``source`` and ``target``).
    nodes : pandas.DataFrame, optional
        Nodes with ``id`` and ``label`` columns, used to name the endpoints of
        an edges table; ignored when a Dataset is given (it has its own). Ids
        without a label are shown as they are.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``tie`` (the line of ``edges.csv``; the row position when
        the table has no ``tie`` column), with columns ``source``, ``target``
        (labels), ``relation``, ``sign``, ``paragraph``, ``evidence`` and
        ``stated``. A column missing from the input is filled with missing
        values.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["az", "am"], "label": ["Azerbaijan", "Armenia"]})
    >>> edges = pd.DataFrame({"source": ["az"], "target": ["am"], "relation": ["negotiates_with"],
    ...                       "sign": [1], "paragraph": [3], "evidence": ["toward peace"],
    ...                       "stated": ["explicit"], "tie": [2]})
    >>> ties_table(edges, nodes)[["source", "target", "relation", "evidence"]]
             source   target         relation      evidence
    tie
    2    Azerbaijan  Armenia  negotiates_with  toward peace
    """
    if isinstance(dataset_or_edges, Dataset):
        edges, nodes = dataset_or_edges.edges, dataset_or_edges.nodes
    else:
        edges = dataset_or_edges
    labels = {}
    if nodes is not None and "id" in nodes and "label" in nodes:
        labels = {
            i: lab
            for i, lab in zip(nodes["id"], nodes["label"], strict=True)
            if isinstance(lab, str) and lab
        }
    cols = ["source", "target", "relation", "sign", "paragraph", "evidence", "stated"]
    out = pd.DataFrame(
        {c: edges[c] if c in edges else pd.Series(pd.NA, index=edges.index) for c in cols}
    )
    for c in ("source", "target"):
        out[c] = [labels.get(x, x) for x in out[c]]
    out.index = pd.Index(edges["tie"] if "tie" in edges else range(len(edges)), name="tie")
    return out
