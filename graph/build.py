"""Build networks from validated tables: the ``full``, ``actors`` and ``states`` views.

- ``full``: every node and tie, events included; a :class:`networkx.MultiDiGraph`
  with one edge per coded tie (undirected ties stored once, ``directed=False``).
- ``actors``: events and platforms folded away; actors tied to the same event
  are tied to each other.
- ``states``: leaders and persons folded into their ``country``, then events
  folded away. A claim about a country is tested here by default.

The folded views are undirected simple weighted :class:`networkx.Graph` s. Each
edge keeps where it came from: ``ties`` (ids = lines of ``edges.csv``), their
``evidence`` (aligned with ``ties``), ``paragraphs``, ``relations`` and
``derivations`` (one per direct tie or per shared event), so a number can be
traced back to a quote and a paragraph can be left out
(:func:`without_paragraphs`).

Examples
--------
>>> from graph import io, build
>>> views = build.build_views(io.load_dataset())
>>> sorted(views)
['actors', 'full', 'states']
>>> any(d["type"] == "event" for _, d in views["actors"].nodes(data=True))
False
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from graph import schema
from graph.errors import DataError, Problem
from graph.io import Dataset
from graph.memory import collector_paused

__all__ = [
    "VIEWS",
    "full_view",
    "actors_view",
    "states_view",
    "build_views",
    "view",
    "without_paragraphs",
    "without_ties",
    "ties_table",
]

#: The views, in the order reports list them.
VIEWS: tuple[str, ...] = ("full", "actors", "states")

_NODE_ATTRS = ("label", "type", "country", "bloc", "aliases")


def _add_nodes(G: nx.Graph, nodes: pd.DataFrame, keep=None) -> None:
    for rec in nodes.to_dict("records"):
        if keep is not None and rec["id"] not in keep:
            continue
        G.add_node(rec["id"], **{a: rec.get(a) for a in _NODE_ATTRS})


def full_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.MultiDiGraph:
    """Every node and every tie, as coded.

    Parameters
    ----------
    nodes, edges : DataFrame
        Validated tables from :func:`graph.io.load_nodes` and :func:`graph.io.load_edges`.

    Returns
    -------
    networkx.MultiDiGraph
        Edge keys are tie ids; attributes are the columns of ``edges.csv``.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = full_view(ds.nodes, ds.edges)
    >>> G.number_of_edges() == len(ds.edges)
    True
    """
    G = nx.MultiDiGraph(view="full")
    _add_nodes(G, nodes)
    cols = list(schema.EDGE_COLUMNS) + ["tie"]
    for rec in edges[cols].to_dict("records"):
        p = rec["paragraph"]
        rec["paragraph"] = None if pd.isna(p) else int(p)
        G.add_edge(rec.pop("source"), rec.pop("target"), key=int(rec["tie"]), **rec)
    return G


def _derivation(weight, sign, via, groups):
    """One way an edge of a folded view came about."""
    return {
        "ties": tuple(t for g in groups for t, _ in g),
        "paragraphs": tuple(sorted({p for g in groups for _, p in g if p is not None})),
        "weight": float(weight),
        "sign": int(sign),
        "via": via,
        "groups": tuple(tuple(g) for g in groups),
    }


@collector_paused()
def _fold(nodes: pd.DataFrame, edges: pd.DataFrame, *, into_country: bool, view: str) -> nx.Graph:
    """Fold events (and optionally persons) away; see the module docstring."""
    ids = nodes["id"].tolist()  # lists: iterating a pandas string column is slow per item
    ntype = dict(zip(ids, nodes["type"].tolist(), strict=True))
    country = dict(zip(ids, nodes["country"].tolist(), strict=True))

    def owner(n):
        if into_country and ntype[n] in schema.PERSON_TYPES and country.get(n):
            return country[n]
        return n

    is_event = {n: t in schema.EVENT_TYPES for n, t in ntype.items()}
    evidence = dict(zip(edges["tie"].tolist(), edges["evidence"].tolist(), strict=True))
    members: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    # Classify every row at once (10^6 ties of event data); loop only where needed.
    owners = {n: owner(n) for n in ntype}
    for c in ("source", "target"):
        unknown = ~edges[c].isin(owners)
        if unknown.any():
            row = edges.loc[unknown].iloc[0]
            raise DataError(
                [
                    Problem(
                        "edges",
                        int(row["line"]) if "line" in row else None,
                        column_name=c,
                        value=str(row[c]),
                        message="is not a node id of the nodes table",
                        fix="add the node to the nodes table or fix the id",
                    )
                ]
            )
    s_all = edges["source"].map(owners).to_numpy(dtype=object)
    t_all = edges["target"].map(owners).to_numpy(dtype=object)
    s_event = edges["source"].map(owners).map(is_event).to_numpy(dtype=bool)
    t_event = edges["target"].map(owners).map(is_event).to_numpy(dtype=bool)
    same = s_all == t_all
    drop = same | (s_event & t_event)
    via_event = ~drop & (s_event | t_event)
    direct = ~drop & ~via_event
    cols = _TieColumns(
        tie=edges["tie"].to_numpy(dtype=np.int64),
        weight=edges["weight"].to_numpy(dtype=float),
        sign=edges["sign"].to_numpy(dtype=np.int64),
        paragraph=_paragraphs(edges),
    )
    dropped = cols.tie[drop].tolist()
    rows = np.flatnonzero(via_event)
    for i, tie_id, weight, sign in zip(
        rows.tolist(),
        cols.tie[rows].tolist(),
        cols.weight[rows].tolist(),
        cols.sign[rows].tolist(),
        strict=True,
    ):
        s, t = s_all[i], t_all[i]
        ev, actor = (s, t) if s_event[i] else (t, s)
        members[ev][actor].append(((tie_id, cols.paragraph[i]), weight, sign))
    idx = np.flatnonzero(direct)
    names = sorted(set(owners.values()))  # integer rank = string order, so min/max = sorted()
    s_rank = pd.Categorical(s_all[idx], categories=names).codes.astype(np.int64)
    t_rank = pd.Categorical(t_all[idx], categories=names).codes.astype(np.int64)
    lo, hi = np.minimum(s_rank, t_rank), np.maximum(s_rank, t_rank)
    codes, uniques = pd.factorize(lo * len(names) + hi)  # in order of first appearance
    keys = [(names[k // len(names)], names[k % len(names)]) for k in uniques.tolist()]
    event_derivs: dict[tuple, list] = defaultdict(list)
    for ev, actors in members.items():
        for a, b in combinations(sorted(actors), 2):
            ta, tb = actors[a], actors[b]
            weight = min(max(w for _, w, _ in ta), max(w for _, w, _ in tb))
            sign = min(min(s for _, _, s in ta), min(s for _, _, s in tb))
            groups = [[x[0] for x in ta], [x[0] for x in tb]]
            event_derivs[(a, b)].append(_derivation(weight, sign, ev, groups))
    G = nx.Graph(view=view, folded_away_ties=sorted(dropped))
    keep = {n for n in ntype if not is_event[n] and owner(n) == n}
    _add_nodes(G, nodes, keep)
    G.add_edges_from(_direct_edges(cols, idx, codes, keys, event_derivs, evidence))
    G.add_edges_from((a, b, _summarize(ds, evidence)) for (a, b), ds in event_derivs.items())
    return G


class _TieColumns(NamedTuple):
    """The columns of ``edges`` that folding reads, as arrays (``paragraph``: int or None)."""

    tie: np.ndarray
    weight: np.ndarray
    sign: np.ndarray
    paragraph: list


def _direct_edges(cols: _TieColumns, idx, codes, keys, event_derivs, evidence):
    """Yield ``(a, b, attributes)`` for the pairs with direct ties, column-wise.

    ``idx`` are the rows of direct ties, ``codes`` their pair among ``keys``.
    A pair that events also tie gets :func:`_summarize` of all its
    derivations (its entry is taken out of ``event_derivs``); the others,
    nearly all of event data, get the same attributes built from columns.
    """
    order = np.argsort(codes, kind="stable")  # grouped by pair, file order within a pair
    rows = idx[order]
    weight, sign = cols.weight, cols.sign
    ties = cols.tie[rows].tolist()
    paras = [cols.paragraph[i] for i in rows.tolist()]
    quotes = [evidence.get(t, "") for t in ties]
    records = [
        {
            "ties": (t,),
            "paragraphs": () if p is None else (p,),
            "weight": w,
            "sign": x,
            "via": None,
            "groups": (((t, p),),),
        }
        for t, p, w, x in zip(ties, paras, weight[rows].tolist(), sign[rows].tolist(), strict=True)
    ]
    # Sums over each pair's ties in file order, as _summarize adds them.
    total = np.bincount(codes, weights=weight[idx], minlength=len(keys)).tolist()
    signed = np.bincount(codes, weights=(sign * weight)[idx], minlength=len(keys)).tolist()
    bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(keys)))]).tolist()
    for g, (a, b) in enumerate(keys):
        lo, hi = bounds[g], bounds[g + 1]
        derivations = records[lo:hi]
        extra = event_derivs.pop((a, b), None)
        if extra:
            yield a, b, _summarize(derivations + extra, evidence)
            continue
        yield (
            a,
            b,
            {
                "weight": total[g],
                "sign": (signed[g] > 0) - (signed[g] < 0),
                "ties": ties[lo:hi],
                "evidence": quotes[lo:hi],
                "paragraphs": sorted({p for p in paras[lo:hi] if p is not None}),
                "relations": ["direct"],
                "derivations": derivations,
            },
        )


def _paragraphs(edges: pd.DataFrame) -> list:
    """The paragraph of every row: an int, or None."""
    para = edges["paragraph"]
    missing = para.isna().to_numpy()
    return [
        None if m else int(p)
        for p, m in zip(para.where(~missing, 0).astype("int64").tolist(), missing, strict=True)
    ]


def _summarize(derivations: list[dict], evidence: dict[int, str]) -> dict:
    """Edge attributes of a folded edge from its derivations."""
    if len(derivations) == 1 and len(derivations[0]["ties"]) == 1:  # most edges of event data
        d = derivations[0]
        t = d["ties"][0]
        signed = d["sign"] * d["weight"]
        return {
            "weight": float(d["weight"]),
            "sign": int((signed > 0) - (signed < 0)),
            "ties": [t],
            "evidence": [evidence.get(t, "")],
            "paragraphs": list(d["paragraphs"]),
            "relations": [d["via"] or "direct"],
            "derivations": derivations,
        }
    ties = sorted({t for d in derivations for t in d["ties"]})
    signed = sum(d["sign"] * d["weight"] for d in derivations)
    return {
        "weight": float(sum(d["weight"] for d in derivations)),
        "sign": int((signed > 0) - (signed < 0)),
        "ties": ties,
        "evidence": [evidence.get(t, "") for t in ties],
        "paragraphs": sorted({p for d in derivations for p in d["paragraphs"]}),
        "relations": sorted({d["via"] or "direct" for d in derivations}),
        "derivations": derivations,
    }


def actors_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Events and platforms folded away: actors tied to the same event are tied.

    Parameters
    ----------
    nodes, edges : DataFrame
        Validated tables.

    Returns
    -------
    networkx.Graph
        Undirected, simple, weighted. A direct tie adds its weight; a shared
        event adds the smaller of the two actors' tie weights to it, with the
        lower of their signs (two parties to a war are in conflict). Ties
        between two events are dropped (their ids in ``G.graph["folded_away_ties"]``).

    Notes
    -----
    Weights add up when ties fold, so the total weight equals the sum of the
    direct ties' weights plus one contribution per (event, actor pair).

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = actors_view(ds.nodes, ds.edges)
    >>> G.has_edge("ilham_aliyev", "donald_trump")  # both at the summit in Egypt
    True
    """
    return _fold(nodes, edges, into_country=False, view="actors")


def states_view(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Leaders and persons folded into their country, then events folded away.

    Parameters
    ----------
    nodes, edges : DataFrame
        Validated tables.

    Returns
    -------
    networkx.Graph
        As :func:`actors_view`, with person nodes replaced by their state. A tie
        between a leader and their own state (``heads``) vanishes in the fold.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = states_view(ds.nodes, ds.edges)
    >>> "ilham_aliyev" in G, "azerbaijan" in G
    (False, True)
    """
    return _fold(nodes, edges, into_country=True, view="states")


_BUILDERS = {"full": full_view, "actors": actors_view, "states": states_view}


def view(dataset: Dataset, name: str) -> nx.Graph:
    """Build one view by name (``full``, ``actors`` or ``states``).

    Examples
    --------
    >>> from graph import io
    >>> view(io.load_dataset(), "states").graph["view"]
    'states'
    """
    if name not in _BUILDERS:
        raise ValueError(f"unknown view {name!r}; choose one of {', '.join(VIEWS)}")
    return _BUILDERS[name](dataset.nodes, dataset.edges)


def build_views(dataset: Dataset) -> dict[str, nx.Graph]:
    """Build every view of a dataset.

    Examples
    --------
    >>> from graph import io
    >>> list(build_views(io.load_dataset()))
    ['full', 'actors', 'states']
    """
    return {name: view(dataset, name) for name in VIEWS}


def without_paragraphs(G: nx.Graph, drop) -> nx.Graph:
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
    >>> G = view(io.load_dataset(), "states")
    >>> H = without_paragraphs(G, 2)
    >>> H.number_of_edges() < G.number_of_edges()
    True
    """
    drop = {int(drop)} if isinstance(drop, int) else {int(p) for p in drop}
    return _without(G, lambda tie, para: para in drop)


def without_ties(G: nx.Graph, ties) -> nx.Graph:
    """Return a folded view as if the given ties (ids = lines of edges.csv) were not coded.

    Same rules as :func:`without_paragraphs`.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> claims = ds.edges.loc[ds.edges["relation"] == "links", "tie"]
    >>> G = view(ds, "states")
    >>> without_ties(G, claims).number_of_edges() < G.number_of_edges()
    True
    """
    ties = {int(t) for t in ties}
    return _without(G, lambda tie, para: tie in ties)


def _without(G: nx.Graph, dropped) -> nx.Graph:
    if G.number_of_edges() and not all("derivations" in d for *_, d in G.edges(data=True)):
        raise ValueError("the graph's edges carry no 'derivations': no paragraph provenance")
    H = nx.Graph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        evidence = dict(zip(d["ties"], d["evidence"], strict=True))
        kept = []
        for dv in d["derivations"]:
            groups = [[t for t in g if not dropped(*t)] for g in dv["groups"]]
            if all(groups):
                kept.append(_derivation(dv["weight"], dv["sign"], dv["via"], groups))
        if kept:
            H.add_edge(u, v, **_summarize(kept, evidence))
    lost = [n for n in H if H.degree(n) == 0 and G.degree(n) > 0]
    H.remove_nodes_from(lost)
    return H


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
