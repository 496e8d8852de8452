"""report.json and the measure tables: everything in a result, machine-readable, on disk.

Examples
--------
>>> import networkx as nx, tempfile
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
>>> tmp = tempfile.TemporaryDirectory()
>>> [p.name for p in write_report(r, tmp.name)]
['report.md', 'report.json']
>>> tmp.cleanup()
"""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping, Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import __version__
from graph.claims import ClaimResult
from graph.files import atomic_write_text, write_csv
from graph.jsondata import jsonable, records
from graph.report.glossary import GLOSSARY
from graph.report.markdown import caveats, report_markdown, summary_paragraph
from graph.report.overview import overview_data, overview_markdown
from graph.report.tested import focus_numbers, graph_names
from graph.report.text import (
    blocs_source_words,
    criterion_record,
    variant_name,
    verdict_sentence,
    worded_details,
    worded_null,
)
from graph.report.verdict import deciding
from graph.report.world import world_data

__all__ = ["claim_data", "report_json", "write_report", "write_overview", "write_measures"]


def claim_data(
    result: ClaimResult,
    *,
    statement: str | None = None,
    source: str = "text",
    inferred: int = 0,
    view_measures: pd.DataFrame | None = None,
) -> dict:
    """The claim result as JSON data: its numbers, with the words of the report beside them.

    ``graphs`` names the tested graph and the view; ``focus_numbers`` gives
    the focus's degree and betweenness in each, by name (``view_measures``:
    the view's table, for its side).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> claim_data(r)["criteria"][0]["name"]
    'Source design'
    """
    d = result.to_dict()
    criteria = [
        criterion_record(result, c) | {"details": worded_details(c)} for c in result.criteria
    ]
    variants = [
        {"kind": r["kind"], "variant": variant_name(r["kind"], r["value"])}
        | {k: v for k, v in r.items() if k not in ("index", "kind", "value")}
        for r in records(result.variants)
    ]
    out = {
        "statement": statement,
        "focus": d["focus"],
        "focus_label": d["focus_label"],
        "view": d["view"],
        "verdict": d["verdict"],
        "summary": summary_paragraph(result, source=source),
        "verdict_sentence": verdict_sentence(result),
        "deciding": list(deciding(result)),
        "graphs": dict(zip(("tested", "view"), graph_names(result), strict=True)),
        "focus_numbers": focus_numbers(result, view_measures),
        "criteria": criteria,
        "blocs_source": d["blocs_source"],
        "blocs": blocs_source_words(result),
        "tested": d["tested"],
        "parameters": d["parameters"],
        "null_tests": {k: worded_null(t) for k, t in result.nulls.items()},
        "variants": variants,
        "brokerage": d["brokerage"],
        "caveats": caveats(result, source=source, inferred=inferred),
        "glossary": GLOSSARY,
    }
    return jsonable(out)


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
    result: ClaimResult,
    *,
    inputs: Mapping[str, str] | None = None,
    checksums: Mapping[str, str] | None = None,
    statement: str | None = None,
    extra: Mapping | None = None,
    source: str = "text",
    inferred: int = 0,
    world: Mapping | None = None,
    world_note: str | None = None,
    view_measures: pd.DataFrame | None = None,
) -> dict:
    """Everything in the result, machine-readable, with inputs, checksums and versions.

    ``world`` adds the key ``world`` (:func:`graph.report.world.world_data`);
    ``world_note`` says in its place why there is none.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> sorted(report_json(r))[:3]
    ['claim', 'generated_by', 'inputs']
    """
    out = {
        "claim": claim_data(
            result,
            statement=statement,
            source=source,
            inferred=inferred,
            view_measures=view_measures,
        ),
        "inputs": _inputs(inputs, checksums),
        "versions": _versions(),
        "generated_by": f"actor-graph {__version__}",
        **(jsonable(dict(extra)) if extra else {}),
    }
    if world:
        out["world"] = world_data(world, focus_label=result.focus_label)
    elif world_note:
        out["world"] = {"skipped": world_note}
    return out


def write_measures(measures: Mapping[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write ``measures_<view>.csv`` for each view (formula-safe, atomic).

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from graph.measures import actor_measures
    >>> tmp = tempfile.TemporaryDirectory()
    >>> [p.name for p in write_measures({"g": actor_measures(nx.path_graph(3))}, tmp.name)]
    ['measures_g.csv']
    >>> tmp.cleanup()
    """
    return [
        write_csv(df, Path(out) / f"measures_{name}.csv", index_ids=True)
        for name, df in measures.items()
    ]


def write_report(
    result: ClaimResult,
    out: str | Path,
    *,
    statement: str | None = None,
    paragraph: int | None = None,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    checksums: Mapping[str, str] | None = None,
    extra: Mapping | None = None,
    source: str = "text",
    inferred: int = 0,
    world: Mapping | None = None,
    world_note: str | None = None,
    views: Mapping | None = None,
    view_measures: pd.DataFrame | None = None,
    measures: Mapping[str, pd.DataFrame] | None = None,
) -> list[Path]:
    """Write ``report.md`` and ``report.json`` into ``out``; return their paths.

    ``world`` and ``world_note``: the section "The claim in the world"
    (:func:`graph.report.world.world_markdown`), or why it is missing;
    ``views``: a section on the views (what each folded or left out);
    ``view_measures``: the claim's view as built, its numbers set beside the
    tested graph's (:mod:`graph.report.tested`); ``measures``: every view's table,
    whose counts the section on the views reads.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> tmp = tempfile.TemporaryDirectory()
    >>> [p.name for p in write_report(r, tmp.name)]
    ['report.md', 'report.json']
    >>> tmp.cleanup()
    """
    out = Path(out)
    md = report_markdown(
        result,
        statement=statement,
        paragraph=paragraph,
        figures=figures,
        inputs=inputs,
        source=source,
        inferred=inferred,
        world=world,
        world_note=world_note,
        views=views,
        view_measures=view_measures,
        measures=measures,
    )
    js = report_json(
        result,
        inputs=inputs,
        checksums=checksums,
        statement=statement,
        extra=extra,
        source=source,
        inferred=inferred,
        world=world,
        world_note=world_note,
        view_measures=view_measures,
    )
    return [
        atomic_write_text(out / "report.md", md),
        atomic_write_text(out / "report.json", json.dumps(js, indent=2, ensure_ascii=False) + "\n"),
    ]


def _inputs(inputs, checksums) -> dict:
    return {
        name: {"path": str(p), "sha256": (checksums or {}).get(name)}
        for name, p in (inputs or {}).items()
    }


def write_overview(
    views: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    checksums: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
) -> list[Path]:
    """Write ``report.md`` and ``report.json`` for a network with no claim to test.

    See :func:`graph.report.overview.overview_markdown`; ``report.json`` has
    ``claim`` None, the views, their central actors, the notes, the inputs
    with their SHA-256 and the versions.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from graph.measures import actor_measures
    >>> G = nx.path_graph(3)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in write_overview({"g": G}, {"g": actor_measures(G)}, d)]
    ['report.md', 'report.json']
    """
    out = Path(out)
    md = overview_markdown(views, measures, figures=figures, inputs=inputs, notes=notes)
    js = overview_data(views, measures, notes=notes) | {
        "inputs": _inputs(inputs, checksums),
        "versions": _versions(),
        "generated_by": f"actor-graph {__version__}",
    }
    return [
        atomic_write_text(out / "report.md", md),
        atomic_write_text(out / "report.json", json.dumps(js, indent=2, ensure_ascii=False) + "\n"),
    ]
