"""Exports of the views for other tools: GraphML and GEXF (Gephi), node-link JSON (D3).

Examples
--------
>>> import tempfile
>>> G = nx.Graph(view="toy"); G.add_edge("a", "b", ties=[2, 3], weight=2.0)
>>> p = export_graph(G, Path(tempfile.mkdtemp()) / "toy.gexf")
>>> read_graph(p)["a"]["b"]["ties"]
[2, 3]
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx

from graph.files import atomic_path

__all__ = ["EXPORT_FORMATS", "JSON_SUFFIX", "export_graph", "read_graph"]

#: Formats of :func:`export_graph`.
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _plan(dicts) -> tuple[set[str], set[str]]:
    """Which keys to store as JSON text, and which as text with None as ""."""
    types: dict[str, set[type]] = {}
    for d in dicts:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    as_json, nullable = set(), set()
    for k, ts in types.items():
        if any(issubclass(t, _CONTAINERS) for t in ts):
            as_json.add(k)
        elif type(None) in ts:
            (nullable if ts <= {str, type(None)} else as_json).add(k)
    return as_json, nullable


def _scalar(v):
    if isinstance(v, (set, frozenset)):
        v = sorted(v, key=str)
    return v.item() if hasattr(v, "item") else v


#: Suffix of attributes stored as JSON text in GraphML and GEXF.
JSON_SUFFIX = "_json"


def _encoded_copy(G: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: no None, no lists."""
    plans = {
        "node": _plan(d for _, d in G.nodes(data=True)),
        "edge": _plan(d for *_, d in G.edges(data=True)),
        "graph": _plan([G.graph]),
    }

    def enc(d, kind):
        as_json, nullable = plans[kind]
        out = {}
        for k, v in d.items():
            if k in as_json:
                out[k + JSON_SUFFIX] = json.dumps(v, ensure_ascii=False, default=_json_default)
            elif k in nullable:
                out[k] = "" if v is None else v
            else:
                out[k] = _scalar(v)
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


def export_graph(G: nx.Graph, path: str | Path, *, format: str | None = None) -> Path:
    """Write a view as GraphML, GEXF (Gephi) or node-link JSON (D3, Cytoscape.js).

    GraphML and GEXF hold only scalars: list and dict attributes (evidence
    quotes, tie ids, derivations), and numbers that may be missing, are
    stored as JSON text under the attribute name plus ``_json`` (e.g.
    ``evidence_json``); missing text is stored as an empty string.
    :func:`read_graph` restores both, so nothing is dropped. GEXF keeps no
    graph-level attributes except the name (the view). Node-link JSON keeps
    every value natively (tuples become lists).

    Parameters
    ----------
    G : networkx graph
    path : str or Path
    format : {"graphml", "gexf", "json"}, optional
        Defaults to the file's suffix.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> G = nx.Graph(view="toy"); G.add_edge("a", "b", ties=[2, 3], weight=2.0)
    >>> p = export_graph(G, Path(tempfile.mkdtemp()) / "toy.graphml")
    >>> read_graph(p)["a"]["b"]["ties"]
    [2, 3]
    """
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    with atomic_path(path) as tmp:
        if fmt == "json":
            data = nx.node_link_data(G, edges="links")
            tmp.write_text(
                json.dumps(data, indent=1, ensure_ascii=False, default=_json_default) + "\n",
                encoding="utf-8",
            )
        elif fmt == "graphml":
            nx.write_graphml(_encoded_copy(G), tmp, encoding="utf-8", named_key_ids=True)
        else:
            H = _encoded_copy(G)
            for n, d in H.nodes(data=True):  # Gephi shows "label"; keep ours as node label
                d.setdefault("label", str(n))
            buffer = io.BytesIO()
            nx.write_gexf(H, buffer, encoding="utf-8", version="1.2draft")
            # networkx stamps today's date into <meta>: drop it, so that the same
            # inputs give the same bytes on any day (the attribute is optional).
            tmp.write_bytes(_GEXF_DATE.sub(b"", buffer.getvalue(), count=1))
    return path


_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')


def _json_default(o):
    """JSON for what json cannot write itself: sets as sorted lists, numpy scalars, str."""
    if isinstance(o, set | frozenset):
        return sorted(o, key=str)
    if hasattr(o, "item"):
        return o.item()
    return str(o)


def read_graph(path: str | Path) -> nx.Graph:
    """Read a file written by :func:`export_graph`, decoding JSON-string attributes.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.path_graph(3)
    >>> p = export_graph(G, Path(tempfile.mkdtemp()) / "p.json")
    >>> sorted(read_graph(p).edges())
    [(0, 1), (1, 2)]
    """
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, edges="links")
    G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)

    def dec(d):
        for k in list(d):
            if k.endswith(JSON_SUFFIX) and isinstance(d[k], str):
                d[k.removesuffix(JSON_SUFFIX)] = json.loads(d.pop(k))
            elif d[k] == "":
                d[k] = None

    for _, d in G.nodes(data=True):
        dec(d)
    for *_, d in G.edges(data=True):
        dec(d)
    dec(G.graph)
    return G
