"""The whole analysis of a dataset, as plain functions the CLI and notebooks share.

:func:`claim_for` tests the dataset's claim on one view (with every other view
and the leave-out variants for robustness); :func:`figures_for` draws the
figures; :func:`run_analysis` writes everything into an output folder.

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()
>>> r = claim_for(ds, samples=99, progress=False)
>>> r.focus, r.view
('azerbaijan', 'states')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from graph import build, io, report
from graph.files import staged_dir, write_csv
from graph.claims import ClaimResult, assess_bridge_claim
from graph.measures import actor_measures

__all__ = [
    "DEFAULT_SAMPLES",
    "FIGURES",
    "dataset_config",
    "claim_settings",
    "claim_for",
    "measures_for",
    "figures_for",
    "run_analysis",
]

#: Null-model samples by default (an upper bound: sampling stops once the decision is settled).
DEFAULT_SAMPLES = 10_000

#: Figure files written by :func:`figures_for`, with their captions.
FIGURES: dict[str, str] = {
    "network_full.png": "Every coded tie (full view)",
    "network_states.png": "States view: leaders folded into their states, events folded away",
    "measures.png": "Betweenness, top actors",
    "null.png": "Beyond degree: the focus's betweenness against degree-preserving rewirings",
    "blocs.png": "Blocs, ties between them, and the share of paths through the focus",
    "ego.png": "The focus and its neighbours",
}


def dataset_config(dataset: io.Dataset) -> dict:
    """The ``[claim]`` settings in ``analysis.toml`` beside the dataset's edges file.

    A dataset without such a file has no default claim (an empty dict): the
    focus must then be given.

    Examples
    --------
    >>> dataset_config(io.load_dataset())["view"]
    'states'
    """
    path = Path(dataset.paths["edges"]).parent / "analysis.toml"
    return io.load_config(path) if path.is_file() else {}


def claim_settings(
    dataset: io.Dataset,
    *,
    focus: str | None = None,
    view: str | None = None,
    config: Mapping | None = None,
) -> dict:
    """Resolve focus, view and statement from arguments, then the dataset's config.

    Raises
    ------
    graph.io.DataError
        If no focus is given or configured, or the focus is not a node id.

    Examples
    --------
    >>> claim_settings(io.load_dataset())["focus"]
    'azerbaijan'
    """
    conf = dict(config) if config is not None else dataset_config(dataset)
    focus = focus or conf.get("focus")
    view = view or conf.get("view") or "states"
    ids = set(dataset.nodes["id"])
    where = dataset.paths.get("nodes", "nodes.csv")
    if not focus:
        raise io.DataError(
            [io.Problem(where, message="no focus actor given", fix="pass --focus ID")]
        )
    if focus not in ids:
        import difflib

        close = difflib.get_close_matches(focus, ids, n=1)
        fix = f"did you mean {close[0]!r}?" if close else "pass the id of a node in nodes.csv"
        raise io.DataError(
            [io.Problem(where, value=focus, message="is not a node id (the focus)", fix=fix)]
        )
    if view not in build.VIEWS:
        raise io.DataError(
            [
                io.Problem(
                    "--view",
                    value=view,
                    message="is not a view",
                    fix=f"choose one of {', '.join(build.VIEWS)}",
                )
            ]
        )
    ftype = dataset.nodes.set_index("id").loc[focus, "type"]
    if view == "states" and ftype in ("leader", "person"):
        raise io.DataError(
            [
                io.Problem(
                    "--view",
                    value=view,
                    message=f"folds {focus!r} (a {ftype}) into its state",
                    fix="use --view actors or full for a person",
                )
            ]
        )
    return {
        "focus": focus,
        "view": view,
        "statement": conf.get("statement"),
        "paragraph": conf.get("paragraph"),
    }


def _claim_ties(dataset: io.Dataset) -> dict[str, list[int]]:
    """Tie sets left out as robustness variants: the text's own bridging claims."""
    links = dataset.edges.loc[dataset.edges["relation"] == "links", "tie"].tolist()
    return {"without the text's bridging claims ('links' ties)": links} if links else {}


def claim_for(
    dataset: io.Dataset,
    *,
    focus: str | None = None,
    view: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    alpha: float = 0.05,
    n_jobs: int = 1,
    progress: bool = True,
    views: Mapping[str, object] | None = None,
    config: Mapping | None = None,
) -> ClaimResult:
    """Test the dataset's bridge claim on one view, with the others for robustness.

    Parameters
    ----------
    dataset : Dataset
    focus, view : str, optional
        Default to the dataset's ``analysis.toml`` (focus) and ``"states"``.
    samples, seed, alpha, n_jobs, progress
        Passed to :func:`graph.claims.assess_bridge_claim`.
    views : mapping, optional
        Prebuilt views (built here if not given).

    Returns
    -------
    ClaimResult
    """
    s = claim_settings(dataset, focus=focus, view=view, config=config)
    views = dict(views) if views is not None else build.build_views(dataset)
    G = views[s["view"]]
    others = {k: v for k, v in views.items() if k != s["view"] and s["focus"] in v}
    exclude = _claim_ties(dataset) if s["view"] != "full" else {}
    return assess_bridge_claim(
        G,
        s["focus"],
        samples=samples,
        seed=seed,
        alpha=alpha,
        alternatives=others,
        exclude=exclude,
        n_jobs=n_jobs,
        progress=progress,
    )


def measures_for(views: Mapping[str, object]) -> dict[str, pd.DataFrame]:
    """The measures table of each view.

    Examples
    --------
    >>> ms = measures_for(build.build_views(io.load_dataset()))
    >>> ms["states"]["betweenness"].idxmax()
    'azerbaijan'
    """
    return {name: actor_measures(G) for name, G in views.items()}


def figures_for(
    views: Mapping[str, object],
    measures: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    focus: str,
    view: str = "states",
    result: ClaimResult | None = None,
    which: tuple[str, ...] = ("network", "measures", "null", "blocs", "ego"),
    network_views: tuple[str, ...] = ("full", "states"),
    seed: int = 0,
) -> dict[str, Path]:
    """Draw and save figures (see :data:`FIGURES`); return caption -> path.

    ``which`` picks the kinds; ``network`` draws one ``network_<view>.png`` per
    view in ``network_views``; ``null`` needs ``result``. Saving is
    deterministic: the same inputs and seed give byte-identical PNGs.
    """
    import matplotlib.pyplot as plt

    from graph import plot

    out = Path(out)
    jobs = {}
    if "network" in which:
        for v in network_views:
            f = focus if focus in views[v] else None
            jobs[f"network_{v}.png"] = lambda ax, v=v, f=f: plot.draw_network(
                views[v], measures[v], focus=f, seed=seed, ax=ax
            )
    if "measures" in which:
        jobs["measures.png"] = lambda ax: plot.draw_measure_bars(
            measures[view], measure="betweenness", focus=focus, ax=ax
        )
    if "null" in which and result is not None:
        jobs["null.png"] = lambda ax: plot.draw_null_distribution(
            result.null, label=result.focus_label, ax=ax
        )
    if "blocs" in which:
        jobs["blocs.png"] = lambda ax: plot.draw_bloc_graph(views[view], focus=focus, ax=ax)
    if "ego" in which:
        jobs["ego.png"] = lambda ax: plot.draw_ego(
            views[view], focus, measures=measures[view], seed=seed, ax=ax
        )
    written: dict[str, Path] = {}
    for name, draw in jobs.items():
        fig = draw(None).figure
        try:
            caption = FIGURES.get(name, f"The {name[8:-4]} view")
            written[caption] = plot.save_figure(fig, out / name)
        finally:
            plt.close(fig)
    return written


def run_analysis(
    dataset: io.Dataset,
    out: str | Path,
    *,
    focus: str | None = None,
    view: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    alpha: float = 0.05,
    n_jobs: int = 1,
    progress: bool = True,
    figures: bool = True,
    exports: bool = True,
    config: Mapping | None = None,
) -> dict[str, list[Path]]:
    """Run the full analysis and write it into ``out``.

    Writes ``centrality.csv`` (degree and betweenness per actor per view),
    ``measures_<view>.csv``, ``report.md``, ``report.json``, the figures of
    :data:`FIGURES`, and each view as GraphML, GEXF and JSON. The run writes
    into a staging folder and moves the files into ``out`` only when it
    completes: an interrupted or failed run leaves earlier results intact and
    no partial files.

    Returns
    -------
    dict
        Kind of output -> paths written.
    """
    settings = claim_settings(dataset, focus=focus, view=view, config=config)
    with staged_dir(out) as stage:
        written = _run(
            dataset,
            stage,
            settings,
            samples=samples,
            seed=seed,
            alpha=alpha,
            n_jobs=n_jobs,
            progress=progress,
            figures=figures,
            exports=exports,
            config=config,
        )
    return {k: [Path(out) / p.relative_to(stage) for p in ps] for k, ps in written.items()}


def _run(
    dataset, out, settings, *, samples, seed, alpha, n_jobs, progress, figures, exports, config
):
    views = build.build_views(dataset)
    result = claim_for(
        dataset,
        focus=settings["focus"],
        view=settings["view"],
        samples=samples,
        seed=seed,
        alpha=alpha,
        n_jobs=n_jobs,
        progress=progress,
        views=views,
        config=config,
    )
    # the claim already measured its own view (with the blocs it used): reuse that table
    measures = {
        name: result.measures if name == result.view else actor_measures(G)
        for name, G in views.items()
    }
    written: dict[str, list[Path]] = {}
    central = pd.concat(
        {
            name: m[["label", "type", "bloc", "degree", "betweenness"]]
            for name, m in measures.items()
        },
        names=["view", "actor"],
    )
    written["tables"] = [write_csv(central, out / "centrality.csv")]
    written["tables"] += report.write_measures(measures, out)
    fig_paths: dict[str, Path] = {}
    if figures:
        fig_paths = figures_for(
            views, measures, out, focus=result.focus, view=result.view, result=result, seed=seed
        )
        written["figures"] = list(fig_paths.values())
    if exports:
        written["exports"] = [
            report.export_graph(G, out / f"network_{name}.{fmt}")
            for name, G in views.items()
            for fmt in report.EXPORT_FORMATS
        ]
    written["report"] = report.write_report(
        result,
        out,
        statement=settings["statement"],
        paragraph=settings["paragraph"],
        figures={cap: p.name for cap, p in fig_paths.items()},
        inputs=dataset.paths,
        checksums=dataset.checksums,
        extra={
            "views": {
                n: {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
                for n, G in views.items()
            }
        },
    )
    return written
