r"""What each export format can hold: clean text, distinct ids, one type per attribute.

The writers of :mod:`graph.report.export` pass every graph through here first:

- :func:`clean_text` removes what XML 1.0 cannot hold (control characters
  other than tab and line feed); carriage returns become line feeds;
- :func:`distinct_ids` refuses two nodes whose ids become one once written
  (``"a\x01"`` and ``"a"`` in GraphML, ``'a"b'`` and ``"a'b"`` in Pajek):
  a file with fewer nodes than the graph is never written;
- :func:`encoded_copy` gives every attribute one type the format can
  declare: lists, dicts, values that may be missing and values of mixed
  types become JSON text under ``<name>_json``; integers mixed with
  decimals become decimals (GraphML and GEXF declare one type per key);
- :func:`mutual_arcs` writes a symmetric tie of a directed graph as two arcs
  marked ``mutual`` (the second also ``reverse``), which every reader of a
  directed file takes as they are; :func:`one_arc_per_tie` undoes it.

JSON written anywhere goes through :func:`graph.formats.jsonable`:
missing and infinite numbers are ``null``, never ``NaN`` or ``Infinity``.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph(); G.add_nodes_from([("a", {"n": 1}), ("b", {"n": 2.5})])
>>> H = encoded_copy(G)
>>> H.nodes["a"]["n"], H.nodes["b"]["n"]
(1.0, 2.5)
>>> G.add_node("a\x01")
>>> distinct_ids(G, clean_text, "GraphML")
Traceback (most recent call last):
...
graph.errors.DataError: ids: 'a\x01' and 'a' are the same id in GraphML; rename one of ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

import networkx as nx

from graph.errors import DataError, Problem
from graph.jsondata import jsonable

__all__ = [
    "JSON_SUFFIX",
    "MUTUAL",
    "REVERSE",
    "clean_text",
    "clean",
    "cleaned_copy",
    "distinct_ids",
    "dumps",
    "encoded_copy",
    "mutual_arcs",
    "one_arc_per_tie",
    "scalar",
]

#: Suffix of attributes stored as JSON text in GraphML, GEXF and CSV.
JSON_SUFFIX = "_json"
#: Edge attribute of a directed file: this arc is one of the two of a symmetric tie.
MUTUAL = "mutual"
#: Edge attribute of a directed file: this arc is the second of a symmetric tie's two.
REVERSE = "reverse"

_CONTAINERS = (list, tuple, dict, set, frozenset)
#: Characters XML 1.0 cannot hold (and lone surrogates, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(s: str) -> str:
    r"""Text any export can hold: no XML-illegal characters, no carriage returns.

    Examples
    --------
    >>> clean_text("a\x00b\r\nc\x1bd")
    'ab\ncd'
    """
    return _NOT_XML.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))


def clean(v):
    """Clean every string inside a value (lists, tuples, dicts included)."""
    if isinstance(v, str):
        return clean_text(v)
    if isinstance(v, list | tuple):
        return type(v)(clean(x) for x in v)
    if isinstance(v, Mapping):  # a dict, or a view's record of a direct tie: a dict
        return {clean(k): clean(x) for k, x in v.items()}
    return v


def distinct_ids(G: nx.Graph, written: Callable, fmt: str) -> None:
    """Refuse two nodes of ``G`` that ``written`` (the id as the format holds it) makes one.

    Raises
    ------
    graph.errors.DataError
        Naming the two ids and the format.
    """
    seen: dict = {}
    for n in G:
        w = written(n) if isinstance(n, str) else n
        if w in seen and seen[w] != n:
            raise DataError(
                [
                    Problem.setting(
                        "ids",
                        None,
                        f"{n!r} and {seen[w]!r} are the same id in {fmt}",
                        "rename one of the two nodes",
                    )
                ]
            )
        seen[w] = n


def cleaned_copy(G: nx.Graph) -> nx.Graph:
    """A copy of G whose ids, attribute names and text values are clean (ids kept distinct)."""
    distinct_ids(G, clean_text, "XML, JSON and CSV")
    H = G.__class__()
    H.graph.update(clean(dict(G.graph)))
    H.add_nodes_from((clean(n), clean(dict(d))) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from(
            (clean(u), clean(v), k, clean(dict(d))) for u, v, k, d in G.edges(keys=True, data=True)
        )
    else:
        H.add_edges_from((clean(u), clean(v), clean(dict(d))) for u, v, d in G.edges(data=True))
    return H


def _is_number(t: type) -> bool:
    """A type of whole or decimal numbers (Python's or numpy's), not of true/false."""
    if issubclass(t, bool) or t.__name__ == "bool_":
        return False
    return issubclass(t, int | float) or t.__name__.startswith(("int", "uint", "float"))


def _plan(dicts) -> tuple[set[str], set[str], set[str]]:
    """Which keys to store as JSON text, as text with None as "", and as decimals."""
    types: dict[str, set[type]] = {}
    for d in dicts:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    as_json, nullable, as_float = set(), set(), set()
    for k, ts in types.items():
        if any(issubclass(t, _CONTAINERS) for t in ts):
            as_json.add(k)
        elif type(None) in ts:
            (nullable if ts <= {str, type(None)} else as_json).add(k)
        elif len(ts) > 1:  # one type per key: numbers as decimals, anything else as JSON
            (as_float if all(_is_number(t) for t in ts) else as_json).add(k)
    return as_json, nullable, as_float


def scalar(v):
    """A plain Python value (numpy scalars unwrapped, sets sorted into lists)."""
    if isinstance(v, set | frozenset):
        v = sorted(v, key=str)
    return v.item() if hasattr(v, "item") else v


def dumps(v) -> str:
    """JSON text of a value, with ``null`` for missing and infinite numbers."""
    return json.dumps(jsonable(v), ensure_ascii=False)


def encoded_copy(G: nx.Graph, *, keep: tuple[str, ...] = ()) -> nx.Graph:
    """A clean copy whose attributes GraphML and GEXF can hold: one scalar type per key.

    Attributes named in ``keep`` are passed through as they are (GEXF's viz,
    spells and edge type, which the writer turns into elements).
    """
    G = cleaned_copy(G)

    def strip(d):
        return {k: v for k, v in d.items() if k not in keep}

    plans = {
        "node": _plan(strip(d) for _, d in G.nodes(data=True)),
        "edge": _plan(strip(d) for *_, d in G.edges(data=True)),
        "graph": _plan([G.graph]),
    }

    def enc(d, kind):
        as_json, nullable, as_float = plans[kind]
        out = {}
        for k, v in d.items():
            if k in keep:
                out[k] = v
            elif k in as_json:
                out[k + JSON_SUFFIX] = dumps(v)
            elif k in nullable:
                out[k] = "" if v is None else v
            elif k in as_float:
                out[k] = float(v)
            else:
                out[k] = scalar(v)
        return out

    H = G.__class__()
    H.add_nodes_from((n, enc(d, "node")) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **enc(d, "edge"))
    else:
        H.add_edges_from((u, v, enc(d, "edge")) for u, v, d in G.edges(data=True))
    H.graph.update(enc(G.graph, "graph"))
    H.graph.setdefault("name", str(G.graph.get("view", "")))
    return H


def mutual_arcs(G: nx.Graph) -> nx.Graph:
    """A directed graph's symmetric ties (``directed=False``) as two arcs each; else G itself.

    Every edge gets :data:`MUTUAL` (True for both arcs of a symmetric tie) and
    :data:`REVERSE` (True for the second, added arc only), so a file holds one
    direction per edge, as networkx, igraph and Gephi all read, and a reader
    can filter either back out.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", {"directed": False}), ("b", "c", {})])
    [0, 0]
    >>> sorted((u, v, d["mutual"], d["reverse"]) for u, v, d in mutual_arcs(G).edges(data=True))
    [('a', 'b', True, False), ('b', 'a', True, True), ('b', 'c', False, False)]
    """
    if not G.is_directed() or not any(d.get("directed") is False for *_, d in G.edges(data=True)):
        return G
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        mutual = d.get("directed") is False
        H.add_edge(u, v, **d, **{MUTUAL: mutual, REVERSE: False})
        if mutual and (G.is_multigraph() or not G.has_edge(v, u)):
            H.add_edge(v, u, **d, **{MUTUAL: True, REVERSE: True})
    return H


def one_arc_per_tie(G: nx.Graph) -> nx.Graph:
    """Undo :func:`mutual_arcs` on a graph read back: drop each second arc and the marks."""
    if not any(REVERSE in d for *_, d in G.edges(data=True)):
        return G
    edges = G.edges(keys=True, data=REVERSE) if G.is_multigraph() else G.edges(data=REVERSE)
    G.remove_edges_from([e[:-1] for e in list(edges) if e[-1] is True])
    for *_, d in G.edges(data=True):
        d.pop(MUTUAL, None)
        d.pop(REVERSE, None)
    return G
