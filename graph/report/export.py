"""Exports for other tools: GraphML, GEXF (Gephi), node-link JSON (D3), CSV (R/statnet), Pajek.

- :func:`export_graph`: one graph as one GraphML, GEXF, JSON or Pajek file;
- :func:`export_tables`: an edge list and a vertex table (CSV) for
  ``network::network(edges, vertices = vertices)`` in R;
- :func:`read_graph`: reads any of these files back with networkx;
- :func:`write_network_files`: every view of a run, annotated with its
  measures and the figure's drawing (:mod:`graph.report.attributes`), in the
  chosen formats, with the two-mode actor-event graph and the explorer.

Text from the data is made safe for every format (:mod:`graph.report.encode`):
characters XML 1.0 cannot hold (control characters other than tab and line
feed) are removed and carriage returns become line feeds; Pajek labels lose
double quotes and line breaks (Pajek cannot escape them). Two ids that would
become one are refused, never merged. A directed view's symmetric ties are
written as two arcs marked ``mutual`` (the second ``reverse``), so that
networkx, igraph and Gephi read every file; :func:`read_graph` makes them one
tie again. JSON holds ``null`` for a missing or infinite number.

Examples
--------
>>> import tempfile
>>> G = nx.Graph(view="toy"); G.add_edge("a", "b", ties=[2, 3], weight=2.0)
>>> tmp = tempfile.TemporaryDirectory()
>>> p = export_graph(G, Path(tmp.name) / "toy.gexf")
>>> read_graph(p)["a"]["b"]["ties"]
[2, 3]
>>> tmp.cleanup()
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pandas as pd
from networkx.readwrite.graphml import GraphMLWriter

from graph.files import atomic_path, write_csv
from graph.jsondata import jsonable
from graph.measures import actor_measures
from graph.report.attributes import (
    annotate,
    drawing_palette,
    tie_table,
    two_mode,
)
from graph.report.encode import (
    JSON_SUFFIX,
    clean,
    clean_text,
    cleaned_copy,
    distinct_ids,
    dumps,
    encoded_copy,
    mutual_arcs,
    one_arc_per_tie,
    scalar,
)
from graph.report.explorer import view_drawings, write_explorer

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "JSON_SUFFIX",
    "export_graph",
    "export_tables",
    "read_graph",
    "clean_text",
    "write_network_files",
]

#: Single-file formats of :func:`export_graph` (``pajek`` files end in ``.net``).
GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "pajek")

#: Formats of :func:`write_network_files` and of ``actor-graph export --format``:
#: ``csv`` is an edge list and a vertex table, ``html`` the explorer (``network.html``).
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "csv", "pajek", "html")

_SUFFIX = {"graphml": "graphml", "gexf": "gexf", "json": "json", "pajek": "net"}
_FORMAT_OF = {"graphml": "graphml", "gexf": "gexf", "json": "json", "net": "pajek"}
_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')
_GEXF_SHAPES = {"o": "disc", "^": "triangle", "v": "triangle", "s": "square", "D": "diamond"}
_PAJEK_SHAPES = {"o": "ellipse", "^": "triangle", "v": "triangle", "s": "box", "D": "diamond"}


def _write_graphml(G: nx.Graph, tmp: Path) -> None:
    writer = GraphMLWriter(encoding="utf-8", named_key_ids=True)
    writer.add_graph_element(encoded_copy(mutual_arcs(G)))
    with tmp.open("wb") as f:
        writer.dump(f)


def _rgb(color: str) -> dict:
    h = color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}


def _gexf_copy(G: nx.Graph) -> nx.Graph:
    """G with viz elements from the drawing and spells, symmetric ties as two arcs.

    (see :func:`graph.report.encode.mutual_arcs`)
    """
    H = mutual_arcs(G).copy()
    for n, d in H.nodes(data=True):
        d.setdefault("label", str(n))  # Gephi shows "label"
        if "x" in d and "y" in d:
            viz = {"position": {"x": float(d.pop("x")), "y": float(d.pop("y")), "z": 0.0}}
            if "size" in d:
                viz["size"] = float(d.pop("size"))
            if isinstance(d.get("color"), str):
                viz["color"] = _rgb(d.pop("color"))
            if d.get("marker") in _GEXF_SHAPES:
                viz["shape"] = _GEXF_SHAPES[d["marker"]]
            d["viz"] = viz
    for *_, d in H.edges(data=True):
        if isinstance(d.get("color"), str) and "width" in d:
            d["viz"] = {"color": _rgb(d.pop("color")), "thickness": float(d.pop("width"))}
    return H


def _write_gexf(G: nx.Graph, tmp: Path) -> None:
    H = encoded_copy(_gexf_copy(G), keep=("viz", "spells"))
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer, encoding="utf-8", version="1.2draft")
    # networkx stamps today's date into <meta>: drop it, so that the same
    # inputs give the same bytes on any day (the attribute is optional).
    tmp.write_bytes(_GEXF_DATE.sub(b"", buffer.getvalue(), count=1))


def _write_json(G: nx.Graph, tmp: Path) -> None:
    """Node-link JSON: ties under ``links`` (D3) and ``edges`` (networkx's default key)."""
    data = nx.node_link_data(cleaned_copy(G), edges="links")
    data["edges"] = data["links"]
    tmp.write_text(
        json.dumps(jsonable(data), indent=1, ensure_ascii=False, allow_nan=False) + "\n",
        encoding="utf-8",
    )


def _pajek_text(s) -> str:
    """A Pajek label: one line, no double quote or backslash (Pajek has no escapes)."""
    s = clean_text(str(s)).replace('"', "'").replace("\\", "/")
    return re.sub(r"\s+", " ", s).strip()


def _write_pajek(G: nx.Graph, tmp: Path) -> None:
    """Vertices (id, position in [0, 1] with y down, shape), arcs, then edges.

    A directed graph's ties are all arcs, a symmetric tie two of them (a file
    with both ``*Arcs`` and ``*Edges`` reads as undirected in igraph).
    """
    distinct_ids(G, _pajek_text, "Pajek")
    G = mutual_arcs(G)
    nodes = list(G)
    if "bipartite" in {k for _, d in G.nodes(data=True) for k in d}:
        nodes.sort(key=lambda n: G.nodes[n].get("bipartite", 0))  # two-mode: first mode first
    index = {n: i for i, n in enumerate(nodes, start=1)}
    xs = [G.nodes[n].get("x") for n in nodes]
    ys = [G.nodes[n].get("y") for n in nodes]
    placed = all(isinstance(v, int | float) for v in xs + ys) and nodes
    if placed:
        x0, y0 = min(xs), min(ys)
        span = max(max(xs) - x0, max(ys) - y0) or 1.0
    name = _pajek_text(G.graph.get("view", "network")) or "network"
    first = sum(1 for n in nodes if G.nodes[n].get("bipartite") == 0)
    mode = f" {first}" if 0 < first < len(nodes) and "bipartite" in G.nodes[nodes[0]] else ""
    lines = [f"*Network {name}", f"*Vertices {len(nodes)}{mode}"]
    for n, x, y in zip(nodes, xs, ys, strict=True):
        line = f'{index[n]} "{_pajek_text(n)}"'
        if placed:
            px, py = 0.05 + 0.9 * (x - x0) / span, 0.95 - 0.9 * (y - y0) / span
            shape = _PAJEK_SHAPES.get(G.nodes[n].get("marker"), "ellipse")
            line += f" {px:.4f} {py:.4f} {shape}"
        lines.append(line)
    arcs, edges = [], []
    for u, v, d in G.edges(data=True):
        label = d.get("relation", d.get("relation_types", ""))
        line = f"{index[u]} {index[v]} {float(d.get('weight', 1.0)):g}"
        if isinstance(label, str) and label:
            line += f' l "{_pajek_text(label)}"'
        (arcs if G.is_directed() else edges).append(line)
    if arcs:
        lines += ["*Arcs", *arcs]
    if edges or not arcs:
        lines += ["*Edges", *edges]
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")


_WRITERS = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "json": _write_json,
    "pajek": _write_pajek,
}


def export_graph(G: nx.Graph, path: str | Path, *, format: str | None = None) -> Path:
    """Write a graph as GraphML, GEXF (Gephi), node-link JSON (D3, Cytoscape.js) or Pajek.

    GraphML and GEXF hold only scalars: list and dict attributes (evidence
    quotes, tie ids, derivations), and numbers that may be missing, are
    stored as JSON text under the attribute name plus ``_json`` (e.g.
    ``evidence_json``); missing text is stored as an empty string.
    :func:`read_graph` restores both, so nothing is dropped. Node-link JSON
    keeps every value natively (tuples become lists).

    What the graph carries shows: a graph from
    :func:`graph.report.attributes.annotate` has its measures, positions,
    sizes and colours as node attributes; GEXF puts the drawing into
    ``viz:position``, ``viz:size``, ``viz:color`` and ``viz:shape`` (edges:
    ``viz:color``, ``viz:thickness``), dated edges get ``<spells>`` (Gephi's
    timeline), and in a directed graph every edge says whether it is
    directed (``type="undirected"`` for a tie marked ``directed=False``;
    GraphML: ``directed="false"``). GEXF keeps no graph-level attributes
    except the name (the view). Pajek keeps ids, positions, marker shapes,
    weights and each tie's relation as its line label; directed ties are
    ``*Arcs``, the others ``*Edges``.

    Parameters
    ----------
    G : networkx graph
    path : str or Path
    format : {"graphml", "gexf", "json", "pajek"}, optional
        Defaults to the file's suffix (``.net`` for Pajek).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> G = nx.Graph(view="toy"); G.add_edge("a", "b", ties=[2, 3], weight=2.0)
    >>> tmp = tempfile.TemporaryDirectory()
    >>> p = export_graph(G, Path(tmp.name) / "toy.graphml")
    >>> read_graph(p)["a"]["b"]["ties"]
    [2, 3]
    >>> tmp.cleanup()
    """
    path = Path(path)
    suffix = path.suffix.lstrip(".").lower()
    fmt = (format or _FORMAT_OF.get(suffix, suffix)).lower()
    if fmt not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    with atomic_path(path) as tmp:
        _WRITERS[fmt](G, tmp)
    return path


def _flat(d: dict) -> dict:
    """One table row: lists and dicts as JSON text under ``<name>_json``."""
    out = {}
    for k, v in d.items():
        if isinstance(v, list | tuple | Mapping | set | frozenset):
            out[k + JSON_SUFFIX] = dumps(clean(scalar(v)))
        else:
            out[k] = clean(scalar(v))
    return out


def export_tables(G: nx.Graph, edges_path: str | Path, vertices_path: str | Path) -> list[Path]:
    """Write an edge list and a vertex table as CSV, ready for R's ``network`` package.

    The edge list's first two columns are ``source`` and ``target`` (node
    ids), then every edge attribute; the vertex table's first column is
    ``id``, then every node attribute (with an annotated view: measures,
    ``x``, ``y``, ``size``, ``color``). Lists are JSON text under
    ``<name>_json``; missing values are empty; text is formula-safe
    (:func:`graph.files.write_csv`), and ids (``id``, ``source``, ``target``,
    ``country``) are written exactly, so that pandas' ``read_csv``, R's
    ``read.csv`` and networkx read them back as they were. In R::

        edges <- read.csv("network_states_edges.csv")
        vertices <- read.csv("network_states_vertices.csv")
        net <- network::network(edges, vertices = vertices, directed = FALSE)

    (the ``full`` view: ``directed = TRUE, multiple = TRUE``; its ``directed``
    column says which ties are symmetric).

    Returns
    -------
    list of Path
        The edge list and the vertex table.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> d = Path(tmp.name)
    >>> G = nx.Graph(); G.add_edge("a", "b", ties=[2, 3])
    >>> e, v = export_tables(G, d / "e.csv", d / "v.csv")
    >>> print(e.read_text(), end="")
    source,target,ties_json
    a,b,"[2, 3]"
    >>> tmp.cleanup()
    """
    distinct_ids(G, clean_text, "CSV")
    vertices = pd.DataFrame([{"id": clean(n), **_flat(d)} for n, d in G.nodes(data=True)])
    if vertices.empty:
        vertices = pd.DataFrame(columns=["id"])
    edges = pd.DataFrame(
        [{"source": clean(u), "target": clean(v), **_flat(d)} for u, v, d in G.edges(data=True)]
    )
    if edges.empty:
        edges = pd.DataFrame(columns=["source", "target"])
    return [
        write_csv(edges, edges_path, index=False, ids=("source", "target")),
        write_csv(vertices, vertices_path, index=False, ids=("id", "country")),
    ]


def _mixed_direction_removed(path: Path) -> bytes:
    """The XML with per-edge direction marks removed where networkx refuses them.

    networkx reads neither an undirected edge in a directed GEXF nor
    ``directed="false"`` in a directed GraphML; the ``directed`` edge
    attribute keeps the same fact.
    """
    tree = ET.parse(path)
    for graph in tree.getroot().iter():
        if not graph.tag.endswith("}graph"):
            continue
        directed = "directed" in (graph.get("defaultedgetype"), graph.get("edgedefault"))
        if not directed:
            continue
        for e in graph.iter():
            if e.tag.endswith("}edge"):
                if e.get("type") == "undirected":
                    del e.attrib["type"]
                if e.get("directed") == "false":
                    del e.attrib["directed"]
    ET.register_namespace("", tree.getroot().tag[1:].split("}")[0])
    return ET.tostring(tree.getroot(), encoding="utf-8")


def _read_pajek(path: Path) -> nx.Graph:
    lines = path.read_text(encoding="utf-8").splitlines()
    # networkx reads "*Vertices n" only, not the two-mode "*Vertices n first"
    lines = [re.sub(r"^(\*vertices\s+\d+)\s+\d+\s*$", r"\1", s, flags=re.I) for s in lines]
    return nx.parse_pajek(lines)


def read_graph(path: str | Path) -> nx.Graph:
    """Read a file written by :func:`export_graph`, decoding JSON-string attributes.

    GEXF and GraphML are read with networkx; a symmetric tie written as two
    arcs becomes one edge again (its ``directed`` attribute says it is
    symmetric), and files of earlier versions, which marked such a tie
    ``undirected`` in a directed graph, are read too. Pajek files are read
    with :func:`networkx.parse_pajek`, arcs as written.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.path_graph(3)
    >>> tmp = tempfile.TemporaryDirectory()
    >>> p = export_graph(G, Path(tmp.name) / "p.json")
    >>> sorted(read_graph(p).edges())
    [(0, 1), (1, 2)]
    >>> tmp.cleanup()
    """
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, edges="links")
    if fmt == "net":
        return _read_pajek(path)
    data = io.BytesIO(_mixed_direction_removed(path))
    G = nx.read_graphml(data) if fmt == "graphml" else nx.read_gexf(data)

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
    return one_arc_per_tie(G)


def write_network_files(
    graphs: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    views: tuple[str, ...] | None = None,
    formats: tuple[str, ...] = EXPORT_FORMATS,
    focus=None,
    seed: int = 0,
    drawings: Mapping[str, pd.DataFrame] | None = None,
) -> list[Path]:
    """Write the views of a run, with their measures and drawing, in the chosen formats.

    Length: one loop over the views and formats, each format a branch of a few lines, so that
    every file is written the same way.

    Each view becomes ``network_<view>.<graphml|gexf|json|net>`` and
    ``network_<view>_edges.csv`` with ``network_<view>_vertices.csv``,
    annotated by :func:`graph.report.attributes.annotate` (measures, the
    figure's positions, sizes and colours, relation counts, spells). With the
    ``full`` view comes the two-mode actor-event graph, ``network_two_mode.*``
    (:func:`graph.report.attributes.two_mode`). ``html`` writes the explorer,
    ``network.html``, with every chosen view (:mod:`graph.report.explorer`).

    Parameters
    ----------
    graphs : mapping
        Every built view by name (the ``full`` view, if present, names the
        relations and dates of the folded views' ties).
    measures : mapping
        The measure table of each view.
    out : str or Path
        The folder.
    views : tuple of str, optional
        The views to write (default: all of ``graphs``).
    formats : tuple of str
        Among :data:`EXPORT_FORMATS`.
    focus : node, optional
        Marked in the exports (``focus``) and ringed in the explorer.
    seed : int, default 0
        The figures' layout seed, so that positions match the PNGs.
    drawings : mapping of view -> DataFrame, optional
        :func:`graph.report.explorer.view_drawings` of these views with
        these measures and ``seed``, if already made (made here otherwise).

    Returns
    -------
    list of Path

    Examples
    --------
    >>> import tempfile
    >>> from graph import io, networks
    >>> from graph.measures import actor_measures
    >>> views = networks.build_views(io.load_dataset())
    >>> ms = {"states": actor_measures(views["states"])}
    >>> tmp = tempfile.TemporaryDirectory()
    >>> paths = write_network_files(views, ms, tmp.name, views=("states",),
    ...                             formats=("gexf", "csv"))
    >>> [p.name for p in paths]
    ['network_states.gexf', 'network_states_edges.csv', 'network_states_vertices.csv']
    >>> tmp.cleanup()
    """
    unknown = sorted(set(formats) - set(EXPORT_FORMATS))
    if unknown:
        raise ValueError(
            f"unknown export format {unknown[0]!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    out = Path(out)
    names = tuple(views) if views is not None else tuple(graphs)
    if not names:
        return []
    ties = tie_table(graphs["full"]) if "full" in graphs else {}
    measures = {
        n: measures[n] if measures.get(n) is not None else actor_measures(graphs[n]) for n in names
    }
    palette = drawing_palette(*graphs.values())  # a bloc's colour in every view, as in the PNGs
    looks = view_drawings(graphs, measures, names, seed=seed) if drawings is None else drawings
    annotated = {
        name: annotate(
            graphs[name],
            measures.get(name),
            seed=seed,
            focus=focus,
            ties=ties,
            drawing=looks.get(name, False),
        )
        for name in names
    }
    if "full" in names:
        B = two_mode(graphs["full"])
        degree = pd.DataFrame({"degree": dict(B.degree())}, index=list(B), dtype="int64")
        annotated["two_mode"] = annotate(
            B,
            degree,
            seed=seed,
            focus=focus if focus in B else None,
            ties=ties,
            size_by=None,
            palette=palette,
        )
    written: list[Path] = []
    for name, H in annotated.items():  # the views, then the two-mode graph
        for fmt in formats:
            if fmt in _SUFFIX:
                written.append(export_graph(H, out / f"network_{name}.{_SUFFIX[fmt]}"))
            elif fmt == "csv":
                stem = out / f"network_{name}"
                written += export_tables(H, f"{stem}_edges.csv", f"{stem}_vertices.csv")
    shown = [n for n in names if n in looks]
    if "html" in formats and shown:
        written.append(
            write_explorer(
                {n: graphs[n] for n in shown},
                {n: measures.get(n) for n in shown},
                out / "network.html",
                focus=focus,
                ties=ties,
                drawings=looks,
            )
        )
    return written
