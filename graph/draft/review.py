"""The review page: proposed ties drawn dashed with their quotes, accepted or rejected by a click.

``review.html`` is one self-contained page written beside the draft: the
network of every proposed tie (dashed; solid once accepted, faded once
rejected), and the proposals by paragraph, each with its quote, relation,
score and rule, and two buttons. "Download edges.csv" saves the accepted rows
in the columns of ``edges.csv`` (what ``actor-graph accept`` would write from
the same choices); "Download proposed_edges.csv" saves every row with the
choices in ``review``. As in the explorer, the data travel as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, the script writes text only (``textContent``), and a
Content-Security-Policy lets no other script run and nothing be fetched.

Examples
--------
>>> page = review_page([{"id": "a", "label": "<b>A</b>", "type": "state"}], [])
>>> page.startswith("<!DOCTYPE html>"), "<b>A</b>" in page, "<script src" in page
(True, False, False)
"""

from __future__ import annotations

import html
from importlib import resources

import networkx as nx

from graph import schema
from graph.jsondata import html_page, json_for_html

__all__ = ["review_page", "review_html", "review_data"]


def _asset(name: str) -> str:
    return resources.files("graph.draft").joinpath(name).read_text(encoding="utf-8")


def _layout(nodes: list[dict], rows: list[dict]) -> dict[str, tuple[float, float]]:
    G = nx.Graph()
    G.add_nodes_from(n["id"] for n in nodes)
    for r in rows:
        if r["source"] in G and r["target"] in G:
            w = float(r.get("score") or 0.1)
            old = G.get_edge_data(r["source"], r["target"], {}).get("weight", 0.0)
            G.add_edge(r["source"], r["target"], weight=old + w)
    if len(G) == 0:
        return {}
    pos = nx.spring_layout(G, seed=0, weight="weight") if len(G) > 1 else {next(iter(G)): (0, 0)}
    return {str(k): (round(float(x), 4), round(float(y), 4)) for k, (x, y) in pos.items()}


def review_data(nodes: list[dict], rows: list[dict]) -> dict:
    """What the page shows: nodes with positions, proposals, the columns of ``edges.csv``."""
    pos = _layout(nodes, rows)
    return {
        "nodes": [
            {
                "id": n["id"],
                "label": n["label"],
                "type": n["type"],
                "x": pos.get(n["id"], (0, 0))[0],
                "y": pos.get(n["id"], (0, 0))[1],
            }
            for n in nodes
        ],
        "rows": [{k: str(v) for k, v in r.items()} for r in rows],
        "edge_columns": list(schema.EDGE_COLUMNS),
        "proposal_columns": list(rows[0]) if rows else list(schema.EDGE_COLUMNS),
    }


def review_page(nodes: list[dict], rows: list[dict], *, title: str = "Review the draft") -> str:
    """The review page for node rows and proposal rows (the CSV files' columns)."""
    title = html.escape(title)
    body = (
        f'<header><h1>{title}</h1><p id="summary"></p>'
        '<div id="actions"><button id="accept-all-rules" type="button">Accept rules '
        "(score 0.5 or more)</button>"
        '<button id="download-edges" type="button">Download edges.csv</button>'
        '<button id="download-proposals" type="button">Download proposed_edges.csv</button>'
        "</div></header>\n"
        '<div id="app"><main id="stage"><svg id="svg" role="img" aria-label="proposed ties">'
        '</svg><div id="tip" hidden></div></main>\n<aside id="list"></aside></div>\n'
    )
    data = json_for_html(review_data(nodes, rows))
    script, style = _asset("review.js"), _asset("review.css")
    return html_page(title, body, data, data_id="review-data", script=script, style=style)


def review_html(draft) -> str:
    """The review page of a :class:`graph.draft.Draft`."""
    return review_page(draft.node_rows(), draft.edge_rows())
