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

from graph import build, io, report, world
from graph.claims import ClaimResult, assess_bridge_claim
from graph.errors import DataError, Problem, did_you_mean
from graph.files import atomic_write_text, staged_dir, write_csv
from graph.measures import actor_measures
from graph.report.markdown import WORLD_FIGURES

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
    "WORLD_FIGURES",
    "world_figures_for",
    "run_analysis",
    "run_claim",
    "run_plot",
    "run_export",
    "WorldOptions",
    "world_for",
    "run_world",
]

#: Null-model samples by default (an upper bound: sampling stops once the decision is settled).
DEFAULT_SAMPLES = 10_000

#: Figure files written by :func:`figures_for`, in the order the report shows them.
FIGURES: tuple[str, ...] = (
    "network_full.png",
    "network_actors.png",
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
class WorldOptions:
    """Which world layers the claim is tested on, for which years, around which states.

    ``year`` or ``period`` (first, last) applies to every layer; by default
    each layer uses its own latest years (:data:`graph.world.DEFAULT_PERIODS`).
    ``scope``: ``neighbours`` (the text's states and every state the data tie
    to one of them) or ``text`` (the text's states alone). ``samples``: null
    samples per test on a layer, at most (default: the claim's, capped at
    :data:`graph.world.WORLD_SAMPLES`).

    Examples
    --------
    >>> WorldOptions(layers=("votes",), period=(2010, 2014)).scope
    'neighbours'
    """

    layers: tuple[str, ...] = world.LAYERS
    year: int | None = None
    period: tuple[int, int] | None = None
    scope: str = "neighbours"
    samples: int | None = None


@dataclass(frozen=True)
class Run:
    """What a ``run_*`` function did: the claim result (if any) and the files it wrote.

    ``paths`` maps a kind of output (tables, figures, exports, report) to the
    files of that kind, at their final place in the output folder. ``world``:
    the claim on each world layer, when run; ``notes``: what the run left out
    and why (e.g. a dataset whose states have no codes gets no world section).
    """

    result: ClaimResult | None
    paths: dict[str, list[Path]] = field(default_factory=dict)
    settings: ClaimSettings | None = None
    world: dict[str, world.WorldLayer] | None = None
    notes: tuple[str, ...] = ()

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
        ``statement``, ``paragraph``, ``between`` and ``claim_ties`` are used,
        once checked against the data (:func:`graph.io.check_claim`).
    **options
        ``between``, ``claim_ties`` (override the config's),
        ``include_claim_ties``, ``ties``, ``places``: see :class:`ClaimSettings`.

    Raises
    ------
    graph.errors.DataError
        If a setting of the config does not fit the data (naming its file and
        line), no focus is given or configured, the focus is not a node id, the
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
    conf = config if config is not None else dataset_config(dataset)
    io.check_claim(conf, dataset.article, nodes=dataset.nodes, edges=dataset.edges)
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


def world_for(
    dataset: io.Dataset,
    settings: ClaimSettings | None = None,
    *,
    world_options: WorldOptions = WorldOptions(),
    options: ClaimOptions = ClaimOptions(),
) -> dict[str, world.WorldLayer]:
    """Test the dataset's claim on each world layer (:func:`graph.world.world_claim`).

    Parameters
    ----------
    dataset : Dataset
    settings : ClaimSettings, optional
        The claim: its focus (a state) and ``between`` (the sides).
    world_options : WorldOptions
        Layers, years, scope, samples.
    options : ClaimOptions
        Seed, alpha, workers, progress bar (and the samples' upper bound).

    Raises
    ------
    graph.errors.DataError
        If the focus is not a state, or its state does not map to a code (the
        problem names nodes.csv's line and the fix), or a layer, year or side
        is unknown.

    Examples
    --------
    >>> ds = io.load_dataset()
    >>> w = world_for(ds, world_options=WorldOptions(layers=("alliance",)),
    ...               options=ClaimOptions(samples=49, progress=False))
    >>> w["alliance"].period, w["alliance"].result.verdict
    ((2018, 2018), 'not supported')
    """
    s = settings if settings is not None else claim_settings(dataset)
    samples = world_options.samples or min(options.samples, world.WORLD_SAMPLES)
    return world.world_claim(
        dataset,
        s.focus,
        between=s.between,
        layers=world_options.layers,
        year=world_options.year,
        period=world_options.period,
        scope=world_options.scope,
        samples=samples,
        seed=options.seed,
        alpha=options.alpha,
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
    network_views: tuple[str, ...] | None = None,
    seed: int = 0,
) -> list[Path]:
    """Draw and save figures (see :data:`FIGURES`); return the paths written.

    ``which`` picks the kinds; ``network`` draws one ``network_<view>.png`` per
    view in ``network_views`` (default: full, the claim's view, states);
    ``null`` needs ``result``; with ``result``, ``measures`` and ``blocs`` draw
    the graph the claim was tested on; ``ego`` is left out when the ego network
    is most of the view (:func:`graph.plot.ego_repeats_view`). Saving is
    deterministic: the same inputs and seed give byte-identical PNGs.
    """
    import matplotlib.pyplot as plt

    from graph import plot

    out = Path(out)
    palette = plot.bloc_palette(*views.values())  # a bloc keeps its colour in every figure
    tested = result is not None  # the claim's figures draw the graph it was tested on
    note = plot.note_as_tested(result) if tested else None
    if network_views is None:
        network_views = tuple(dict.fromkeys(("full", view, "states")))
    jobs = {}
    if "network" in which:
        for v in network_views:
            f = focus if focus in views[v] else None
            jobs[f"network_{v}.png"] = lambda ax, v=v, f=f: plot.draw_network(
                views[v], measures=measures[v], focus=f, seed=seed, ax=ax, palette=palette
            )
    if "measures" in which:
        jobs["measures.png"] = lambda ax: plot.draw_degree_betweenness(
            result.measures if tested else measures[view],
            focus=focus,
            null=result.null if tested else None,
            view=view,
            note=note,
            palette=palette,
            ax=ax,
        )
    if "null" in which and result is not None:
        jobs["null.png"] = lambda ax: plot.draw_null_distribution(
            result.null, label=result.focus_label, view=view, ax=ax
        )
    if "blocs" in which:
        jobs["blocs.png"] = lambda ax: plot.draw_bloc_graph(
            plot.graph_as_tested(views[view], result) if tested else views[view],
            focus=focus,
            side_pairs=plot.claim_side_pairs(views[view], result) if tested else None,
            palette=palette,
            note=note,
            ax=ax,
        )
    if "ego" in which and not plot.ego_repeats_view(views[view], focus):
        jobs["ego.png"] = lambda ax: plot.draw_ego(
            views[view], focus, measures=measures[view], seed=seed, ax=ax, palette=palette
        )
    written = []
    for name, draw in jobs.items():
        fig = draw(None).figure
        try:
            written.append(plot.save_figure(fig, out / name))
        finally:
            plt.close(fig)
    return written


def world_figures_for(
    dataset: io.Dataset,
    layers: Mapping[str, world.WorldLayer],
    out: str | Path,
    *,
    focus: str,
    scope: str = "neighbours",
    seed: int = 0,
) -> list[Path]:
    """Draw and save the world figures (:data:`WORLD_FIGURES`); return the paths written.

    ``world_networks.png``: the text's states beside each layer, each state in
    the same place (:func:`graph.plot.draw_world_layers`); ``world_bypass.png``:
    per pair of sides, the share of connected pairs of states that only the
    focus connects (:func:`graph.plot.draw_world_bypass`). ``layers`` come from
    :func:`world_for`, built with ``scope``. The same inputs and seed give
    byte-identical PNGs.
    """
    import matplotlib.pyplot as plt

    from graph import plot

    text, graphs, sides = plot.world_panels(dataset, layers, scope=scope)
    try:  # the other figures' colours where a side is one of the text's blocs
        palette = plot.bloc_palette(*build.build_views(dataset).values())
    except ValueError:  # more blocs than colours: the sides take the palette in order
        palette = None
    names = {k: report.LAYER_NAMES.get(k, k) for k in layers}
    draw = {
        WORLD_FIGURES[0]: lambda: plot.draw_world_layers(
            text, {names[k]: G for k, G in graphs.items()}, focus, sides=sides, seed=seed,
            palette=palette,
        ),
        WORLD_FIGURES[1]: lambda: plot.draw_world_bypass(
            {names[k]: w for k, w in layers.items()}
        ).figure,
    }  # fmt: skip
    written = []
    for name, figure in draw.items():
        fig = figure()
        try:
            written.append(plot.save_figure(fig, Path(out) / name))
        finally:
            plt.close(fig)
    return written


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
    world_options: WorldOptions | None = WorldOptions(),
) -> Run:
    """Run the full analysis and write it into ``out``.

    Writes ``centrality.csv`` (degree and betweenness per actor per view),
    ``measures_<view>.csv``, ``report.md``, ``report.json``, the figures of
    :data:`FIGURES`, each view in every format of :data:`graph.report.EXPORT_FORMATS`
    with its measures and the figures' positions, and ``network.html`` (the explorer).

    With ``world_options`` (the default), the claim is also tested on the
    world layers (:func:`world_for`): the report gains "The claim in the
    world", and ``world_ties.csv`` and ``world_omitted.csv`` are written. A
    focus that is not a state with a code skips that part, and
    ``Run.notes`` says why; ``world_options=None`` skips it always.

    Returns
    -------
    Run
    """
    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    world_note = None
    if world_options is not None:
        wo = world_options
        world.check_world_options(wo.layers, year=wo.year, period=wo.period, scope=wo.scope)
        problems = world.focus_problems(dataset, settings.focus)
        if problems:
            world_note = f"the world layer tests states with a code: {problems[0]}"
            world_options = None
    with staged_dir(
        out, command="graph.pipeline.run_analysis"
    ) as stage:  # from the start: an interrupted run leaves nothing behind
        views = build.build_views(dataset)
        result = claim_for(dataset, settings, options=options, views=views)
        layers = None
        if world_options is not None:
            layers = world_for(dataset, settings, world_options=world_options, options=options)
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
            if layers is not None:
                fig_paths += world_figures_for(
                    dataset, layers, stage, focus=result.focus, scope=wo.scope, seed=options.seed
                )
            written["figures"] = fig_paths
        if exports:
            written["exports"] = report.write_network_files(
                views, measures, stage, focus=result.focus, seed=options.seed
            )
        if layers is not None:
            written["tables"] += report.write_world_tables(layers, stage)
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
            world=layers,
            world_note=world_note,
        )
    notes = (world_note,) if world_note else ()
    return Run(result, _final(stage, out, written), settings, world=layers, notes=notes)


def run_world(
    dataset: io.Dataset,
    out: str | Path,
    *,
    settings: ClaimSettings | None = None,
    world_options: WorldOptions = WorldOptions(),
    options: ClaimOptions = ClaimOptions(),
    figures: bool = True,
) -> Run:
    """Test the claim on the world layers; write ``world.md``, ``world.json``, tables, figures.

    ``world.md`` is the report's section "The claim in the world" on its own;
    ``world.json`` holds the same data (:func:`graph.report.world.world_data`);
    ``world_ties.csv`` and ``world_omitted.csv`` the tables in long form; with
    ``figures``, the figures of :data:`WORLD_FIGURES` (:func:`world_figures_for`).

    Raises
    ------
    graph.errors.DataError
        If the focus is not a state with a code, or an option does not fit
        (see :func:`world_for`).

    Returns
    -------
    Run
        With ``world`` set and no claim result of the text.
    """
    import json

    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    wo = world_options
    world.check_world_options(wo.layers, year=wo.year, period=wo.period, scope=wo.scope)
    problems = world.focus_problems(dataset, settings.focus)
    if problems:
        raise DataError(problems)
    with staged_dir(out, command="graph.pipeline.run_world") as stage:
        layers = world_for(dataset, settings, world_options=world_options, options=options)
        label = str(dataset.nodes.set_index("id").at[settings.focus, "label"])
        fig_paths = []
        if figures:
            fig_paths = world_figures_for(
                dataset, layers, stage, focus=settings.focus, scope=wo.scope, seed=options.seed
            )
        md = report.world_markdown(
            layers,
            focus_label=label,
            level=1,
            figures={report.figure_caption(p.name): p.name for p in fig_paths},
        )
        data = report.world_data(layers, focus_label=label) | {
            "focus": settings.focus,
            "between": list(settings.between or ()),
            "inputs": {
                name: {"path": str(p), "sha256": dataset.checksums.get(name)}
                for name, p in dataset.paths.items()
            },
        }
        written = {
            "tables": report.write_world_tables(layers, stage),
            "figures": fig_paths,
            "report": [
                atomic_write_text(stage / "world.md", md),
                atomic_write_text(
                    stage / "world.json",
                    json.dumps(report.jsonable(data), indent=2, ensure_ascii=False) + "\n",
                ),
            ],
        }
    return Run(None, _final(stage, out, written), settings, world=layers)


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
    network_views: tuple[str, ...] | None = None,
    options: ClaimOptions = ClaimOptions(),
) -> Run:
    """Draw the chosen figures into ``out``, as :func:`run_analysis` draws them.

    ``network_views``: the views of ``network`` (default: full, the claim's
    view, states). The ``measures``, ``null`` and ``blocs`` figures show the
    claim test (the null model's band, the named sides), so they run it
    first, with ``options``.

    Returns
    -------
    Run
    """
    settings = settings if settings is not None else claim_settings(dataset)
    out = check_output_folder(out, dataset)
    views = build.build_views(dataset)
    result = None
    if {"measures", "null", "blocs"} & set(which):
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
