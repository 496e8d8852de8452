"""Words and files for people: report.md, report.json, measure tables, graph exports.

Nothing here computes a measure: it formats a :class:`graph.claims.ClaimResult`
and tables made elsewhere. Every file is written atomically; text that came
from the data is escaped in Markdown and neutralized in CSV (spreadsheet
formula injection).

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.florentine_families_graph(), "Medici", samples=99, progress=False)
>>> md = report_markdown(r)
>>> md.splitlines()[0]
'# Is Medici a bridge? Partly supported'
"""

from __future__ import annotations

import io
import json
import math
import platform
import re
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import __version__
from graph.files import atomic_path, atomic_write_text, escape_markdown, write_csv

__all__ = [
    "CAVEATS",
    "EXPORT_FORMATS",
    "JSON_SUFFIX",
    "report_markdown",
    "report_json",
    "write_report",
    "write_measures",
    "export_graph",
    "read_graph",
]

#: Formats of :func:`export_graph`.
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")

#: Caveats every report states.
CAVEATS: tuple[str, ...] = (
    "The network is one author's framing: it holds the ties the text states, not the ties "
    "that exist in the world. An actor the text ignores is absent, however central it is.",
    "A text written about one actor draws a star around it; high degree and betweenness of "
    "that actor are partly a product of what the author chose to mention (see framing bias).",
    "Blocs are the coder's grouping; the robustness criterion reruns the test with blocs "
    "detected from structure.",
    "Ties marked 'inferred' were added by the coder; they are few and listed in the codebook.",
    "Small networks give coarse null distributions; p-values are Monte Carlo estimates with "
    "the stated number of samples and seed.",
)

_TOP_COLUMNS = [
    "label",
    "type",
    "bloc",
    "degree",
    "betweenness",
    "bloc_pair_betweenness",
    "constraint",
    "fragmentation",
]


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
    return escape_markdown(str(v))


def _table(df: pd.DataFrame, *, index: str | None = None) -> str:
    cols = ([index] if index else []) + [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for idx, row in df.iterrows():
        cells = ([_cell(idx)] if index else []) + [_cell(v) for v in row.tolist()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report_markdown(
    result,
    *,
    statement: str | None = None,
    paragraph: int | None = None,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    top: int = 10,
) -> str:
    """The report as Markdown: verdict first, criteria, top actors, caveats.

    Parameters
    ----------
    result : ClaimResult
    statement : str, optional
        The text's claim, quoted verbatim; ``paragraph`` its number.
    figures : mapping of caption -> relative path, optional
        PNGs to show.
    inputs : mapping of name -> path, optional
        Input files, listed with their checksums from ``result``.
    top : int, default 10
        Rows of the top-actors table.

    Returns
    -------
    str

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> "## Criteria" in report_markdown(r)
    True
    """
    out = [
        f"# Is {escape_markdown(result.focus_label)} a bridge? {result.verdict.capitalize()}",
        "",
    ]
    if statement:
        where = f" (paragraph {paragraph})" if paragraph else ""
        out += [f"> {escape_markdown(statement)}", "", f"The claim tested{where}.", ""]
    out += [
        f"**Verdict: {result.verdict}** in the *{result.view}* view. "
        f"{escape_markdown(result.verdict_sentence)}",
        "",
    ]
    framing = next((c for c in result.criteria if c.key == "framing"), None)
    if framing is not None and framing.status == "fail":
        out += [
            f"**Caveat:** {escape_markdown(framing.sentence)} The verdict says whether the "
            "source's own ties bear the claim out; a source written about one actor places it "
            "between the others it mentions, so this is a check of the source's internal "
            "consistency, not of the claim in the world.",
            "",
        ]
    out += [
        "## Criteria",
        "",
    ]
    crit = result.criteria_frame()[["name", "observed", "reference", "status", "sentence"]]
    crit.columns = ["criterion", "observed", "reference", "status", "reading"]
    out += [_table(crit.set_index("criterion"), index="criterion"), ""]
    p = result.parameters
    out += [
        f"Blocs: {result.blocs_source}. Null model: {p.get('null')}, "
        f"{p.get('samples_drawn')} samples drawn (at most {p.get('samples')}"
        f"{', sequential stopping' if p.get('sequential') else ''}), seed {p.get('seed')}, "
        f"alpha {p.get('alpha')}. The verdict rule is in the docstring of "
        "`graph.claims.assess_bridge_claim`.",
        "",
    ]
    m = result.measures
    cols = [c for c in _TOP_COLUMNS if c in m.columns]
    top_df = m.sort_values("betweenness", ascending=False)[cols].head(top)
    out += [
        f"## Top actors by betweenness ({result.view} view)",
        "",
        _table(top_df, index="actor"),
        "",
    ]
    if result.brokerage is not None and result.focus in result.brokerage.counts.index:
        br = result.brokerage
        roles = [c for c in br.counts.columns if c != "total"]
        tab = pd.DataFrame(
            {
                "observed": br.counts.loc[result.focus, roles],
                "expected": br.expected.loc[result.focus, roles],
                "z": br.z.loc[result.focus, roles],
            }
        )
        out += [
            f"## Brokerage roles of {escape_markdown(result.focus_label)} (Gould-Fernandez)",
            "",
            _table(tab, index="role"),
            "",
        ]
    if result.variants is not None and not result.variants.empty:
        v = result.variants.set_index("variant")
        keep = [
            c
            for c in (
                "betweenness",
                "rank",
                "rank_pass",
                "bridge_pass",
                "brokerage_pass",
                "claim_holds",
            )
            if c in v.columns
        ]
        out += ["## Robustness", "", _table(v[keep], index="variant"), ""]
    if figures:
        out += ["## Figures", ""]
        for caption, path in figures.items():
            out += [
                f"![{escape_markdown(caption)}]({path})",
                "",
                f"*{escape_markdown(caption)}*",
                "",
            ]
    out += ["## Caveats", ""] + [f"- {c}" for c in CAVEATS] + [""]
    if inputs:
        out += ["## Inputs", ""]
        for name, path in inputs.items():
            out.append(f"- {name}: `{escape_markdown(str(path))}`")
        out.append("")
    out.append(f"Made by actor-graph {__version__}.")
    return "\n".join(out) + "\n"


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    names = ["networkx", "pandas", "numpy", "scipy", "matplotlib", "igraph", "joblib", "tqdm"]
    out = {"actor-graph": __version__, "python": platform.python_version()}
    for n in names:
        try:
            out[n] = md.version(n)
        except md.PackageNotFoundError:
            out[n] = None
    return out


def report_json(
    result,
    *,
    inputs: Mapping[str, str] | None = None,
    checksums: Mapping[str, str] | None = None,
    statement: str | None = None,
    extra: Mapping | None = None,
) -> dict:
    """Everything in the result, machine-readable, with inputs, checksums and versions.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> sorted(report_json(r))[:3]
    ['claim', 'generated_by', 'inputs']
    """
    return {
        "claim": {"statement": statement, **result.to_dict()},
        "inputs": {
            name: {"path": str(p), "sha256": (checksums or {}).get(name)}
            for name, p in (inputs or {}).items()
        },
        "versions": _versions(),
        "generated_by": f"actor-graph {__version__}",
        **(dict(extra) if extra else {}),
    }


def write_measures(measures: Mapping[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write ``measures_<view>.csv`` for each view (formula-safe, atomic).

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from graph.measures import actor_measures
    >>> d = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_measures({"g": actor_measures(nx.path_graph(3))}, d)]
    ['measures_g.csv']
    """
    return [write_csv(df, Path(out) / f"measures_{name}.csv") for name, df in measures.items()]


def write_report(
    result,
    out: str | Path,
    *,
    statement: str | None = None,
    paragraph: int | None = None,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    checksums: Mapping[str, str] | None = None,
    extra: Mapping | None = None,
) -> list[Path]:
    """Write ``report.md`` and ``report.json`` into ``out``; return their paths.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> [p.name for p in write_report(r, tempfile.mkdtemp())]
    ['report.md', 'report.json']
    """
    out = Path(out)
    md = report_markdown(
        result, statement=statement, paragraph=paragraph, figures=figures, inputs=inputs
    )
    js = report_json(result, inputs=inputs, checksums=checksums, statement=statement, extra=extra)
    return [
        atomic_write_text(out / "report.md", md),
        atomic_write_text(out / "report.json", json.dumps(js, indent=2, ensure_ascii=False) + "\n"),
    ]


# ------------------------------------------------------------------- exports


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
    if isinstance(o, (set, frozenset)):
        return sorted(o)
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
