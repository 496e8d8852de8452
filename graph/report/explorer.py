"""The network explorer: one self-contained HTML page to pan, zoom, filter and read the quotes.

The page (``network.html``) draws each view as the network figure does (same
fold, layout, seed, colours, markers and node areas, see
:func:`graph.report.attributes.node_drawing`) in SVG with a small script of its
own, written for this page (``explorer.js`` beside this module): no library,
nothing fetched, so it opens offline. A reader picks a view, filters by
relation, bloc and paragraph, clicks a node for its measures, and hovers or
clicks a tie for the quotes and paragraphs it came from (a folded tie lists
every quote, grouped by the event that joined its ends).

Nothing from the data reaches the page as markup: the data travel as JSON in
a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the script writes text only through ``textContent``. A
Content-Security-Policy allows no network access and no script but the
page's own (by its hash).

Examples
--------
>>> import networkx as nx
>>> page = explorer_html(nx.karate_club_graph())
>>> page.startswith("<!DOCTYPE html>") and "<script src" not in page
True
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

from graph.claims import ClaimResult
from graph.files import atomic_write_text
from graph.fold import fold
from graph.jsondata import html_page, json_for_html
from graph.measures import actor_measures
from graph.plot.style import graph_name
from graph.report.attributes import (
    CLAIM_RELATION,
    drawing_palette,
    node_drawing,
    tie_table,
)
from graph.report.overview import NO_CLAIM
from graph.report.tested import TESTED_SUFFIX, focus_line, graph_names
from graph.report.verdict import deciding_sentence
from graph.sizes import drawn

__all__ = [
    "Explorer",
    "explorer_claim",
    "explorer_no_claim",
    "explorer_data",
    "explorer_html",
    "network_explorer",
    "write_explorer",
    "write_views_explorer",
]

#: Node attributes shown as such in the explorer, not as measures.
_ATTRIBUTES = ("label", "type", "bloc")


def _views(graphs) -> dict[str, nx.Graph]:
    if isinstance(graphs, nx.Graph):
        return {str(graphs.graph.get("view") or "network"): graphs}
    return dict(graphs)


def _num(v):
    """A JSON-ready measure value: finite floats to 6 significant digits, else None."""
    if v is pd.NA:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, bool) or v is None or isinstance(v, int | str):
        return v
    if isinstance(v, float):
        return float(f"{v:.6g}") if math.isfinite(v) else None
    return str(v)


def _text(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def _tie_record(t: dict) -> dict:
    p = t.get("paragraph")
    return {
        "s": _text(t.get("source")),
        "t": _text(t.get("target")),
        "r": _text(t.get("relation")),
        "p": None if p is None or (isinstance(p, float) and math.isnan(p)) else int(p),
        "d": _text(t.get("date")),
        "q": _text(t.get("evidence")),
        "dir": t.get("directed") is not False,
        "sign": _num(t.get("sign")),
        "st": _text(t.get("stated")),
    }


def _edge_ties(d: dict) -> list[int]:
    if "ties" in d and isinstance(d["ties"], list | tuple):
        return [int(t) for t in d["ties"]]
    return [int(d["tie"])] if "tie" in d else []


def _view_data(name, G, measures, look, ties, labels, focus):
    """Nodes and drawn pairs of one view; ties not in ``ties`` are added to it.

    Length: the explorer reads one record per view; it is built field by field in the order the
    page reads them.
    """
    H = fold(G)
    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    cols = [c for c in measures.columns if c not in _ATTRIBUTES]
    rows = measures.reindex(nodes)
    values = [rows[c].array for c in cols]  # element by element as .at gives them
    looks = look.loc[nodes, ["color", "marker", "x", "y", "size"]].to_dict("index")
    node_records = []
    for i, n in enumerate(nodes):
        d = H.nodes[n]
        row = looks[n]
        node_records.append(
            {
                "id": str(n),
                "label": labels.setdefault(str(n), _text(d.get("label")) or str(n)),
                "type": _text(d.get("type")),
                "bloc": _text(d.get("bloc")),
                "color": row["color"],
                "marker": row["marker"],
                "x": float(row["x"]),
                "y": float(row["y"]),
                "size": float(row["size"]),
                "focus": n == focus,
                "m": [_num(v[i]) for v in values],
            }
        )
    directed = {
        (a, b)
        for a, b, d in G.edges(data=True)
        if G.is_directed() and a != b and d.get("directed") is not False
    }
    edges = []
    for u, v, d in H.edges(data=True):
        tie_ids = _edge_ties(d)
        evidence = d.get("evidence")
        for i, t in enumerate(tie_ids):
            if t not in ties:  # a folded graph without its full view: what the edge says
                q = evidence[i] if isinstance(evidence, list) and i < len(evidence) else None
                ties[t] = _tie_record({"evidence": q, "source": u, "target": v, "directed": False})
        groups = [
            [_text(dv.get("via")), [int(t) for t in dv.get("ties", ())]]
            for dv in d.get("derivations", ())
        ] or [[None, tie_ids]]
        for via, _ in groups:
            if via is not None and via not in labels:
                labels[via] = via
        known = [ties[t]["r"] for t in tie_ids]
        edges.append(
            {
                "u": index[u],
                "v": index[v],
                "w": _num(float(d.get("weight", 1.0))),
                "sign": _num(d.get("sign")),
                "ties": tie_ids,
                "groups": groups,
                "arrow": ((u, v) in directed) + 2 * ((v, u) in directed),
                "claim": bool(known) and all(r == CLAIM_RELATION for r in known),
                "pos": _num(d.get("positive")),
                "neg": _num(d.get("negative")),
            }
        )
    return {
        "name": name,
        "graph": graph_name(name),
        "folded": not G.is_multigraph(),
        "directed": G.is_directed(),
        "nodes": node_records,
        "edges": edges,
        "measures": cols,
        "ties": G.number_of_edges(),
    }


def explorer_data(
    graphs,
    measures: Mapping[str, pd.DataFrame | None] | None = None,
    *,
    focus=None,
    seed: int = 0,
    ties: Mapping[int, dict] | None = None,
    drawings: Mapping[str, pd.DataFrame] | None = None,
    claim: Mapping | None = None,
) -> dict:
    """What the explorer shows, as JSON-ready data.

    Parameters
    ----------
    graphs : networkx graph or mapping of view name to graph
    measures : mapping, optional
        Each view's measure table (computed when missing).
    focus : node, optional
        Ringed in every view that has it.
    seed : int, default 0
        The layout seed of the figures.
    ties : mapping, optional
        :func:`graph.report.attributes.tie_table` of the ``full`` view (found
        in ``graphs`` when there).
    drawings : mapping, optional
        Precomputed :func:`graph.report.attributes.node_drawing` of each view.
    claim : mapping, optional
        The claim test's headline (:func:`explorer_claim`), shown above the
        drawing; its view opens first.

    Returns
    -------
    dict
        ``views`` (nodes with position, size, colour, marker and measures;
        drawn pairs with their tie ids, grouped by the event that joined them),
        ``ties`` (relation, paragraph, date, quote of each tie id), ``labels``,
        ``tested`` (the suffix of the tested graph's measure columns) and
        ``headline`` (the claim, or None).

    Examples
    --------
    >>> from graph import io, networks
    >>> d = explorer_data(networks.build_views(io.load_dataset()))
    >>> [v["name"] for v in d["views"]], len(d["ties"])
    (['full', 'actors', 'states'], 50)
    """
    views = _views(graphs)
    measures = dict(measures or {})
    if ties is None:
        ties = tie_table(views["full"]) if "full" in views else {}
    records = {int(t): _tie_record(d) for t, d in ties.items()}
    labels: dict[str, str] = {}
    for G in views.values():
        for n, d in G.nodes(data=True):
            labels.setdefault(str(n), _text(d.get("label")) or str(n))
    out_views = []
    for name, G in views.items():
        ms = measures.get(name)
        if ms is None:
            ms = actor_measures(G)
        look = (drawings or {}).get(name)
        if look is None:
            look = node_drawing(G, ms, seed=seed, palette=drawing_palette(*views.values()))
        out_views.append(_view_data(name, G, ms, look, records, labels, focus))
    return {
        "views": out_views,
        "ties": {str(t): r for t, r in sorted(records.items())},
        "labels": labels,
        "claim": CLAIM_RELATION,
        "tested": TESTED_SUFFIX,
        "headline": dict(claim) if claim else None,
    }


#: What a link to the report may be: a file name beside the page, nothing else.
_REPORT_LINK = re.compile(r"[\w.-]+\.(md|html|json)")


def explorer_claim(
    result: ClaimResult,
    view_measures: pd.DataFrame | None = None,
    *,
    statement: str | None = None,
    report: str | None = "report.md",
) -> dict:
    """The claim test's headline for the explorer: verdict, what decided it, the tested numbers.

    ``report``: a file name beside the page to link to (None: no link).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.star_graph(5), 0, samples=9, progress=False)
    >>> explorer_claim(r)["title"]
    'Is 0 a bridge? Not testable from this source'
    """
    if report is not None and not _REPORT_LINK.fullmatch(report):
        raise ValueError(f"report {report!r} is not a file name beside the page (e.g. report.md)")
    tested, view = graph_names(result)
    return {
        "title": f"Is {result.focus_label} a bridge? {result.verdict.capitalize()}",
        "verdict": result.verdict,
        "decided": deciding_sentence(result),
        "numbers": focus_line(result, view_measures),
        "statement": statement,
        "view": result.view,
        "tested": tested,
        "view_name": view,
        "report": report,
    }


def _asset(name: str) -> str:
    return resources.files("graph.report").joinpath(name).read_text(encoding="utf-8")


def explorer_html(
    graphs,
    measures: Mapping[str, pd.DataFrame | None] | None = None,
    *,
    focus=None,
    seed: int = 0,
    title: str | None = None,
    ties: Mapping[int, dict] | None = None,
    drawings: Mapping[str, pd.DataFrame] | None = None,
    claim: Mapping | None = None,
) -> str:
    """The explorer as one self-contained HTML page (see :func:`explorer_data`).

    Examples
    --------
    >>> import networkx as nx
    >>> page = explorer_html(nx.Graph([("<b>", "a&b")]), title="<i>t</i>")
    >>> "<b>" in page, "&lt;i&gt;t&lt;/i&gt;" in page
    (False, True)
    """
    data = explorer_data(
        graphs, measures, focus=focus, seed=seed, ties=ties, drawings=drawings, claim=claim
    )
    title = html.escape(title or "Network explorer")
    body = (
        f'<header><div class="bar"><h1>{title}</h1><p id="summary"></p></div>'
        '<section id="claim" hidden></section></header>\n'
        '<div id="app">\n<aside id="side"></aside>\n'
        '<main id="stage"><svg id="svg" role="img" aria-label="network"></svg>'
        '<div id="zoom"></div><div id="tip" hidden></div>'
        '<aside id="panel" hidden></aside></main>\n</div>\n'
    )
    script, style = _asset("explorer.js"), _asset("explorer.css")
    return html_page(
        title, body, json_for_html(data), data_id="explorer-data", script=script, style=style
    )


def write_explorer(
    graphs,
    measures: Mapping[str, pd.DataFrame | None] | None,
    path: str | Path,
    **kwargs,
) -> Path:
    """Write :func:`explorer_html` to ``path`` (atomically); return the path.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> tmp = tempfile.TemporaryDirectory()
    >>> p = write_explorer(nx.path_graph(3), None, Path(tmp.name) / "n.html")
    >>> '<svg id="svg"' in p.read_text(encoding="utf-8")
    True
    >>> tmp.cleanup()
    """
    return atomic_write_text(path, explorer_html(graphs, measures, **kwargs))


def view_drawings(
    graphs: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame | None],
    names: tuple[str, ...],
    *,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """The figures' picture (:func:`node_drawing`) of each of ``names`` small enough to draw.

    A bloc has its colour of every view of ``graphs`` (as in the PNGs). The
    exports and the explorer of a run share one, so each layout is made once.

    Examples
    --------
    >>> from graph import io, networks
    >>> views = networks.build_views(io.load_dataset())
    >>> looks = view_drawings(views, {}, ("states",))
    >>> list(looks), list(looks["states"].columns)
    (['states'], ['x', 'y', 'size', 'color', 'marker'])
    """
    palette = drawing_palette(*graphs.values())
    return {
        n: node_drawing(graphs[n], measures.get(n), seed=seed, palette=palette)
        for n in names
        if drawn(graphs[n])
    }


def write_views_explorer(
    graphs: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    views: tuple[str, ...] | None = None,
    focus=None,
    seed: int = 0,
    claim: Mapping | None = None,
    drawings: Mapping[str, pd.DataFrame] | None = None,
) -> Path | None:
    """The explorer of a run: the chosen views small enough to draw, with the claim's headline.

    As :func:`graph.report.write_network_files` writes it (views of at most
    the size rule :data:`graph.sizes.DRAWN`, the quotes of the
    ``full`` view), with ``claim`` (:func:`explorer_claim`) above the
    drawing. Returns None, writing nothing, when no view can be drawn.
    ``drawings``: :func:`view_drawings` of these views, if already made.
    """
    names = tuple(views) if views is not None else tuple(graphs)
    looks = view_drawings(graphs, measures, names, seed=seed) if drawings is None else drawings
    shown = [n for n in names if n in looks]
    if not shown:
        return None
    ties = tie_table(graphs["full"]) if "full" in graphs else {}
    return write_explorer(
        {n: graphs[n] for n in shown},
        {n: measures.get(n) for n in shown},
        path,
        focus=focus,
        seed=seed,
        ties=ties,
        drawings=looks,
        claim=claim,
    )


def explorer_no_claim(*, report: str | None = "report.md") -> dict:
    """The explorer's headline when no claim was tested: that, how to ask for one, the report.

    Examples
    --------
    >>> explorer_no_claim()["title"]
    'No claim was tested'
    """
    if report is not None and not _REPORT_LINK.fullmatch(report):
        raise ValueError(f"report {report!r} is not a file name beside the page (e.g. report.md)")
    return {
        "title": NO_CLAIM.split(": ", 1)[0],
        "verdict": None,
        "decided": NO_CLAIM.split(": ", 1)[1][:1].upper() + NO_CLAIM.split(": ", 1)[1][1:],
        "numbers": None,
        "statement": None,
        "view": None,
        "report": report,
    }


class Explorer:
    """The explorer page, shown inline in Jupyter (an ``<iframe srcdoc>``) or saved.

    The iframe is sandboxed (scripts only: no access to the notebook) and
    needs no trusted notebook: JupyterLab shows it as any HTML output.

    Examples
    --------
    >>> import networkx as nx
    >>> e = network_explorer(nx.path_graph(3))
    >>> e._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, page: str, *, height: int = 640):
        self.html = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'sandbox="allow-scripts" style="width:100%;height:{self.height}px;border:0" '
            'title="network explorer"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path``; return the path."""
        return atomic_write_text(path, self.html)


def network_explorer(
    graphs,
    measures: Mapping[str, pd.DataFrame | None] | None = None,
    *,
    focus=None,
    seed: int = 0,
    title: str | None = None,
    height: int = 640,
    claim: Mapping | None = None,
) -> Explorer:
    """The explorer for a graph or views, to show in Jupyter (see :class:`Explorer`).

    Parameters
    ----------
    graphs : networkx graph or mapping of view name to graph
        E.g. :func:`graph.networks.build_views` of a dataset.
    measures : mapping, optional
        Each view's measure table (computed when missing).
    focus : node, optional
    seed : int, default 0
        The figures' layout seed.
    title : str, optional
    height : int, default 640
        Height of the inline frame in pixels.
    claim : mapping, optional
        A claim test's headline (:func:`explorer_claim`), shown above the drawing.

    Returns
    -------
    Explorer

    Examples
    --------
    >>> from graph import io, networks
    >>> e = network_explorer(networks.build_views(io.load_dataset()), focus="azerbaijan")
    >>> "Washington meeting" in e.html
    True
    """
    page = explorer_html(graphs, measures, focus=focus, seed=seed, title=title, claim=claim)
    return Explorer(page, height=height)
