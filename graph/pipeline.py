"""The whole analysis of a dataset, as plain functions the command line and notebooks share.

Each ``run_*`` function does one job from a loaded dataset to files in an output
folder and returns a :class:`Run`: the result it computed and the paths it
wrote. :func:`claim_settings` resolves the claim's focus, view and statement
once; :func:`claim_for`, :func:`measures_for` and :func:`figures_for` are the
steps, usable on their own.

Every run writes into a staging folder and moves its files into the output
folder only when it completes: a failed or interrupted run leaves earlier
results intact and no partial files.

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()
>>> r = claim_for(ds, options=ClaimOptions(samples=99, progress=False))
>>> r.focus, r.view
('azerbaijan', 'actors')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import build, io, report
from graph.claims import ClaimResult, assess_bridge_claim
from graph.errors import DataError, Problem, did_you_mean
from graph.files import staged_dir, write_csv
from graph.measures import actor_measures

__all__ = [
    "DEFAULT_SAMPLES",
    "FIGURES",
    "FIGURE_KINDS",
    "ClaimSettings",
    "ClaimOptions",
    "Run",
    "dataset_config",
    "claim_settings",
    "check_output_folder",
    "claim_for",
    "measures_for",
    "figures_for",
    "run_analysis",
    "run_claim",
    "run_plot",
    "run_export",
]

#: Null-model samples by default (an upper bound: sampling stops once the decision is settled).
DEFAULT_SAMPLES = 10_000

#: Figure files written by :func:`figures_for`, in the order the report shows them.
FIGURES: tuple[str, ...] = (
    "network_full.png",
    "network_states.png",
    "measures.png",
    "null.png",
    "blocs.png",
    "ego.png",
)

#: The kinds of figure :func:`figures_for` draws.
FIGURE_KINDS: tuple[str, ...] = ("network", "measures", "null", "blocs", "ego")


@dataclass(frozen=True)
class ClaimSettings:
    """The claim to test: its focus, the view, the statement quoted from the text, and the sides.

    ``between``: what the claim says the focus connects (bloc names or node
    ids; None: every bloc). ``claim_ties``: ties whose evidence is the claim
    itself, beside the ``links`` ties. ``include_claim_ties``, ``ties`` and
    ``places``: what the test graph holds (:func:`graph.claims.claim_graph`).

    Examples
    --------
    >>> ClaimSettings("azerbaijan", "states").view
    'states'
    """

    focus: str
    view: str
    statement: str | None = None
    paragraph: int | None = None
    between: tuple[str, ...] | None = None
    claim_ties: tuple[int, ...] = ()
    include_claim_ties: bool = False
    ties: str = "channels"
    places: bool = False


@dataclass(frozen=True)
class ClaimOptions:
    """How the claim test runs: null-model samples, seed, alpha, workers, progress bar.

    Examples
    --------
    >>> ClaimOptions(samples=500).seed
    0
    """

    samples: int = DEFAULT_SAMPLES
    seed: int = 0
    alpha: float = 0.05
    n_jobs: int = 1
    progress: bool = True
    robustness: bool = True


@dataclass(frozen=True)
class Run:
    """What a ``run_*`` function did: the claim result (if any) and the files it wrote.

    ``paths`` maps a kind of output (tables, figures, exports, report) to the
    files of that kind, at their final place in the output folder.
    """

    result: ClaimResult | None
    paths: dict[str, list[Path]] = field(default_factory=dict)
    settings: ClaimSettings | None = None

    @property
    def files(self) -> list[Path]:
        """Every file written, in the order written."""
        return [p for group in self.paths.values() for p in group]


def dataset_config(dataset: io.Dataset) -> dict:
    """The ``[claim]`` settings in ``analysis.toml`` beside the dataset's edges file.

    A dataset without such a file has no default claim (an empty dict): the
    focus must then be given.

    Examples
    --------
    >>> dataset_config(io.load_dataset())["view"]
    'actors'
    """
    path = Path(dataset.paths["edges"]).parent / "analysis.toml"
    return io.load_config(path) if path.is_file() else {}


def claim_settings(
    dataset: io.Dataset,
    *,
    focus: str | None = None,
    view: str | None = None,
    config: Mapping | None = None,
    **options,
) -> ClaimSettings:
    """Resolve the claim's settings from arguments, then the dataset's config.

    Parameters
    ----------
    dataset : Dataset
    focus, view : str, optional
        Override the config's ``focus`` and ``view`` (default view: states).
    config : mapping, optional
        The ``[claim]`` table (default: :func:`dataset_config`); its
        ``statement``, ``paragraph``, ``between`` and ``claim_ties`` are used.
    **options
        ``between``, ``claim_ties`` (override the config's),
        ``include_claim_ties``, ``ties``, ``places``: see :class:`ClaimSettings`.

    Raises
    ------
    graph.errors.DataError
        If no focus is given or configured, the focus is not a node id, the
        view is unknown, or the view folds the focus away (the message names
        the views that keep it). A problem with an argument names the
        parameter (``focus``, ``view``).

    Examples
    --------
    >>> claim_settings(io.load_dataset()).focus
    'azerbaijan'
    >>> claim_settings(io.load_dataset(), focus="cis_plus", view="actors")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: view: 'actors' folds 'cis_plus' (a platform) away; use the view full
    """
    conf = dict(config) if config is not None else dataset_config(dataset)
    focus = focus or conf.get("focus")
    view = view or conf.get("view") or "states"
    ids = set(dataset.nodes["id"])
    where = dataset.paths.get("nodes", "nodes.csv")
    if not focus:
        raise DataError([Problem(where, message="no focus actor given", fix="give a focus")])
    if focus not in ids:
        fix = did_you_mean(focus, ids, cutoff=0.6) or "give the id of a node in nodes.csv"
        raise DataError(
            [Problem("", column_name="focus", value=focus, message="is not a node id", fix=fix)]
        )
    if view not in build.VIEWS:
        raise DataError(
            [
                Problem(
                    "",
                    column_name="view",
                    value=view,
                    message="is not a view",
                    fix=f"choose one of {', '.join(build.VIEWS)}",
                )
            ]
        )
    row = dataset.nodes.set_index("id").loc[focus]
    keeping = build.views_keeping(row["type"], country=row["country"])
    if view not in keeping:
        raise DataError(
            [
                Problem(
                    "",
                    column_name="view",
                    value=view,
                    message=f"folds {focus!r} (a {row['type']}) away",
                    fix=f"use the view {' or '.join(keeping)}",
                )
            ]
        )
    between = options.pop("between", None) or conf.get("between")
    claim_ties = options.pop("claim_ties", None) or conf.get("claim_ties") or ()
    return ClaimSettings(
        focus,
        view,
        conf.get("statement"),
        conf.get("paragraph"),
        between=tuple(between) if between else None,
        claim_ties=tuple(int(t) for t in claim_ties),
        **options,
    )


def check_output_folder(out: str | Path, dataset: io.Dataset) -> Path:
    """Refuse an output folder that is a data folder (inputs are never written over).

    Raises
    ------
    graph.errors.DataError
        Naming the parameter ``out``.

    Examples
    --------
    >>> check_output_folder(io.data_dir(), io.load_dataset())
    Traceback (most recent call last):
    ...
    graph.errors.DataError: out: '...data' is the data folder; choose another folder, e.g. out/
    """
    out = Path(out)
    out_r = out.resolve()
    shipped = io.data_dir().resolve()
    data_dirs = {Path(p).resolve().parent for p in dataset.paths.values()} | {shipped}
    if out_r in data_dirs or out_r.is_relative_to(shipped):
        message, fix = "is the data folder", "choose another folder, e.g. out/"
    elif out_r.is_file():
        message, fix = "is a file", "give a folder"
    else:
        return out
    raise DataError([Problem("", column_name="out", value=str(out), message=message, fix=fix)])


def claim_for(
    dataset: io.Dataset,
    settings: ClaimSettings | None = None,
    *,
    options: ClaimOptions = ClaimOptions(),
    views: Mapping[str, nx.Graph] | None = None,
) -> ClaimResult:
    """Test the dataset's bridge claim on one view, with the others for robustness.

    Parameters
    ----------
    dataset : Dataset
    settings : ClaimSettings, optional
        Defaults to :func:`claim_settings` of the dataset.
    options : ClaimOptions
        Samples, seed, alpha, workers and progress bar of
        :func:`graph.claims.assess_bridge_claim`.
    views : mapping, optional
        Prebuilt views (built here if not given).

    Returns
    -------
    ClaimResult
    """
    s = settings if settings is not None else claim_settings(dataset)
    views = dict(views) if views is not None else build.build_views(dataset)
    others = {k: v for k, v in views.items() if k != s.view and s.focus in v}
    return assess_bridge_claim(
        views[s.view],
        s.focus,
        between=s.between,
        known=dataset.nodes["id"].tolist(),
        claim_ties=s.claim_ties,
        include_claim_ties=s.include_claim_ties,
        ties=s.ties,
        places=s.places,
        samples=options.samples,
        seed=options.seed,
        alpha=options.alpha,
        alternatives=others,
        robustness=options.robustness,
        n_jobs=options.n_jobs,
        progress=options.progress,
    )


def measures_for(views: Mapping[str, nx.Graph]) -> dict[str, pd.DataFrame]:
    """The measures table of each view.

    Examples
    --------
    >>> ms = measures_for(build.build_views(io.load_dataset()))
    >>> ms["states"]["betweenness"].idxmax()
    'azerbaijan'
    """
    return {name: actor_measures(G) for name, G in views.items()}


def figures_for(
    views: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    focus: str,
    view: str = "states",
    result: ClaimResult | None = None,
    which: tuple[str, ...] = FIGURE_KINDS,
    network_views: tuple[str, ...] = ("full", "states"),
    seed: int = 0,
) -> list[Path]:
    """Draw and save figures (see :data:`FIGURES`); return the paths written.

    ``which`` picks the kinds; ``network`` draws one ``network_<view>.png`` per
    view in ``network_views``; ``null`` needs ``result``. Saving is
    deterministic: the same inputs and seed give byte-identical PNGs.

    A view of more than :data:`FIGURE_NODES` nodes is drawn as a summary: the
    network figure shows the :data:`SUMMARY_TOP` most central actors and the
    focus with its :data:`SUMMARY_CONTACTS` most central contacts (the title
    says so), the ego figure the focus with those contacts, and the bloc
    figure the blocs of the whole view without the focus's shares (which
    would need every shortest path).
    """
    import matplotlib.pyplot as plt

    from graph import plot

    out = Path(out)
    jobs = {}
    if "network" in which:
        for v in network_views:
            f = focus if focus in views[v] else None
            G, title = _drawable(views[v], measures[v], f, v)
            jobs[f"network_{v}.png"] = lambda ax, G=G, v=v, f=f, t=title: plot.draw_network(
                G, measures=measures[v], focus=f, seed=seed, ax=ax, title=t
            )
    if "measures" in which:
        jobs["measures.png"] = lambda ax: plot.draw_measure_bars(
            measures[view], measure="betweenness", focus=focus, ax=ax
        )
    if "null" in which and result is not None:
        jobs["null.png"] = lambda ax: plot.draw_null_distribution(
            result.null, label=result.focus_label, ax=ax
        )
    big = views[view].number_of_nodes() > FIGURE_NODES
    if "blocs" in which:  # at scale: the blocs of the whole view, without the focus's shares
        jobs["blocs.png"] = lambda ax: plot.draw_bloc_graph(
            views[view], focus=None if big else focus, ax=ax
        )
    if "ego" in which:
        ego = _drawable(views[view], measures[view], focus, view, top=0)[0] if big else views[view]
        jobs["ego.png"] = lambda ax: plot.draw_ego(
            ego, focus, measures=measures[view], seed=seed, ax=ax
        )
    written = []
    for name, draw in jobs.items():
        fig = draw(None).figure
        try:
            written.append(plot.save_figure(fig, out / name))
        finally:
            plt.close(fig)
    return written


#: Views with more nodes than this are drawn as a summary (see :func:`figures_for`): placing
#: labels costs the square of the nodes drawn, and 10^5 nodes make no readable picture.
FIGURE_NODES = 500
#: A summary draws the focus's strongest contacts (by betweenness, then degree) ...
SUMMARY_CONTACTS = 40
#: ... and the most central actors of the view (by betweenness).
SUMMARY_TOP = 40


def _drawable(G: nx.Graph, measures: pd.DataFrame, focus, view: str, *, top: int = SUMMARY_TOP):
    """The graph a figure draws, and its title (None: the default): the whole view, or a summary.

    Above :data:`FIGURE_NODES` nodes: the subgraph induced by the focus, its
    :data:`SUMMARY_CONTACTS` most central contacts and the view's ``top`` most
    central actors, titled as a summary.
    """
    n = G.number_of_nodes()
    if n <= FIGURE_NODES:
        return G, None
    rank = measures.sort_values(["betweenness", "degree"], ascending=False, kind="stable")
    keep = list(rank.index[:top])
    if focus is not None and focus in G:
        contacts = (
            set(G.successors(focus)) | set(G.predecessors(focus))
            if G.is_directed()
            else set(G[focus])
        )
        keep += [focus, *[v for v in rank.index if v in contacts][:SUMMARY_CONTACTS]]
    keep = list(dict.fromkeys(keep))
    H = G.subgraph(keep)
    about = f", {focus}'s {SUMMARY_CONTACTS} most central contacts" if focus is not None else ""
    title = (
        f"{view} view, summary: the {top} most central actors{about} "
        f"({H.number_of_nodes()} of {n} nodes)"
    )
    return H, title


def _source_facts(dataset: io.Dataset) -> dict:
    """What the report's caveats need to know of the data: text or events, inferred ties."""
    inferred = int((dataset.edges["stated"] == "inferred").sum())
    return {"source": "text" if dataset.article is not None else "events", "inferred": inferred}


def _final(stage: Path, out: Path, paths: Mapping[str, list[Path]]) -> dict[str, list[Path]]:
    return {k: [Path(out) / p.relative_to(stage) for p in ps] for k, ps in paths.items()}


def run_analysis(
    dataset: io.Dataset,
    out: str | Path,
    *,
    settings: ClaimSettings | None = None,
    options: ClaimOptions = ClaimOptions(),
    figures: bool = True,
    exports: bool = True,
) -> Run:
    """Run the full analysis and write it into ``out``.

    Writes ``centrality.csv`` (degree and betweenness per actor per view),
    ``measures_<view>.csv``, ``report.md``, ``report.json``, the figures of
    :data:`FIGURES`, each view in every format of :data:`graph.report.EXPORT_FORMATS`
    with its measures and the figures' positions, and ``network.html`` (the explorer).

    Returns
    -------
    Run
    """
    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    with staged_dir(
        out, command="graph.pipeline.run_analysis"
    ) as stage:  # from the start: an interrupted run leaves nothing behind
        views = build.build_views(dataset)
        result = claim_for(dataset, settings, options=options, views=views)
        # the claim measured its own test graph; the tables describe each view as built
        measures = measures_for(views)
        written: dict[str, list[Path]] = {}
        central = pd.concat(
            {
                name: m[["label", "type", "bloc", "degree", "betweenness"]]
                for name, m in measures.items()
            },
            names=["view", "actor"],
        )
        written["tables"] = [write_csv(central, stage / "centrality.csv")]
        written["tables"] += report.write_measures(measures, stage)
        fig_paths: list[Path] = []
        if figures:
            fig_paths = figures_for(
                views,
                measures,
                stage,
                focus=result.focus,
                view=result.view,
                result=result,
                seed=options.seed,
            )
            written["figures"] = fig_paths
        if exports:
            written["exports"] = report.write_network_files(
                views, measures, stage, focus=result.focus, seed=options.seed
            )
        written["report"] = report.write_report(
            result,
            stage,
            statement=settings.statement,
            paragraph=settings.paragraph,
            figures={report.figure_caption(p.name): p.name for p in fig_paths},
            inputs=dataset.paths,
            checksums=dataset.checksums,
            **_source_facts(dataset),
            extra={
                "views": {
                    n: {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
                    for n, G in views.items()
                }
            },
        )
    return Run(result, _final(stage, out, written), settings)


def run_claim(
    dataset: io.Dataset,
    out: str | Path,
    *,
    settings: ClaimSettings | None = None,
    options: ClaimOptions = ClaimOptions(),
) -> Run:
    """Test the claim; write ``report.md``, ``report.json`` and the view's ``measures_<view>.csv``.

    Returns
    -------
    Run
    """
    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    with staged_dir(out, command="graph.pipeline.run_claim") as stage:
        views = build.build_views(dataset)
        result = claim_for(dataset, settings, options=options, views=views)
        tables = measures_for({result.view: views[result.view]})
        written = {"tables": report.write_measures(tables, stage)}
        written["report"] = report.write_report(
            result,
            stage,
            statement=settings.statement,
            paragraph=settings.paragraph,
            inputs=dataset.paths,
            checksums=dataset.checksums,
            **_source_facts(dataset),
        )
    return Run(result, _final(stage, out, written), settings)


def run_plot(
    dataset: io.Dataset,
    out: str | Path,
    *,
    settings: ClaimSettings | None = None,
    which: tuple[str, ...] = FIGURE_KINDS,
    network_views: tuple[str, ...] = ("full", "states"),
    options: ClaimOptions = ClaimOptions(),
) -> Run:
    """Draw the chosen figures into ``out`` (the null figure runs the claim test first).

    Returns
    -------
    Run
    """
    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    views = build.build_views(dataset)
    result = None
    if "null" in which:
        result = claim_for(dataset, settings, options=options, views=views)
    with staged_dir(out, command="graph.pipeline.run_plot") as stage:
        paths = figures_for(
            views,
            measures_for(views),
            stage,
            focus=settings.focus,
            view=settings.view,
            result=result,
            which=which,
            network_views=network_views,
            seed=options.seed,
        )
    return Run(result, _final(stage, out, {"figures": paths}), settings)


def run_export(
    dataset: io.Dataset,
    out: str | Path,
    *,
    views: tuple[str, ...] = build.VIEWS,
    formats: tuple[str, ...] = report.EXPORT_FORMATS,
) -> Run:
    """Write the chosen views in the chosen formats (see :func:`graph.report.write_network_files`).

    Returns
    -------
    Run
    """
    out = check_output_folder(out, dataset)
    graphs = build.build_views(dataset)
    with staged_dir(out, command="graph.pipeline.run_export") as stage:
        chosen = {v: graphs[v] for v in views}
        paths = report.write_network_files(
            graphs, measures_for(chosen), stage, views=views, formats=formats
        )
    return Run(None, _final(stage, out, {"exports": paths}))
