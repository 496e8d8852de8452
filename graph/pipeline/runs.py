"""The steps of an analysis and the runs that write them: from a dataset to files in a folder.

:func:`claim_for`, :func:`world_for` and :func:`measures_for` are the
steps, usable on their own (the figures are in :mod:`graph.pipeline.figures`); each ``run_*``
function does one job from a loaded dataset to files in an output folder and
returns a :class:`Run`: the result it computed and the paths it wrote
(:func:`graph.pipeline.analysis.run_analysis`, the full analysis, in its own module).

Examples
--------
>>> from graph import io
>>> r = claim_for(io.load_dataset(), options=ClaimOptions(samples=99, progress=False))
>>> r.focus, r.view
('azerbaijan', 'actors')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import io, networks, report, world
from graph.claims import ClaimResult, assess_bridge_claim
from graph.claims.plan import world_samples
from graph.errors import DataError
from graph.files import atomic_write_text, staged_dir
from graph.measures import actor_measures
from graph.pipeline.figures import (
    FIGURE_KINDS,
    figures_for,
    figures_left_out,
    world_figures_for,
)
from graph.pipeline.settings import (
    ClaimOptions,
    ClaimSettings,
    WorldOptions,
    check_output_folder,
    claim_settings,
    has_claim,
)

__all__ = [
    "Run",
    "claim_for",
    "world_for",
    "text_graph_for",
    "measures_for",
    "world_figures",
    "source_facts",
    "final_paths",
    "run_claim",
    "run_plot",
    "run_export",
    "run_world",
]


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
        How :func:`graph.claims.assess_bridge_claim` runs (samples, seed,
        alpha, workers, progress bar); the claim's settings fill in what the
        test graph holds.
    views : mapping, optional
        Prebuilt views (built here if not given).

    Returns
    -------
    ClaimResult
    """
    s = settings if settings is not None else claim_settings(dataset)
    views = dict(views) if views is not None else networks.build_views(dataset)
    others = {k: v for k, v in views.items() if k != s.view and s.focus in v}
    return assess_bridge_claim(
        views[s.view],
        s.focus,
        options,
        alternatives=others,
        between=s.between,
        known=dataset.nodes["id"].tolist(),
        claim_ties=s.claim_ties,
        include_claim_ties=s.include_claim_ties,
        ties=s.ties,
        places=s.places,
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
    >>> w["alliance"].period, w["alliance"].gap, w["alliance"].verdict
    ((2018, 2018), 7, 'not supported')
    """
    s = settings if settings is not None else claim_settings(dataset)
    samples = world_samples(world_options.samples, options.samples)
    text = text_graph_for(dataset, s)
    return world.world_claim(
        dataset,
        s.focus,
        between=s.between,
        claim_date=s.date,
        text=text,
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


def text_graph_for(dataset: io.Dataset, settings: ClaimSettings):
    """The text's side of the world comparison: the claim test's graph at the states' level.

    :func:`graph.world.text_test_graph` with the claim's settings (its own
    ties, conflicts and places left out as the claim test leaves them).

    Examples
    --------
    >>> tg = text_graph_for(io.load_dataset(), claim_settings(io.load_dataset()))
    >>> tg.graph.has_edge("azerbaijan", "armenia")
    True
    """
    s = settings
    return world.text_test_graph(
        dataset,
        s.focus,
        claim_ties=s.claim_ties,
        include_claim_ties=s.include_claim_ties,
        ties=s.ties,
        places=s.places,
    )


def world_figures(dataset, layers, stage, settings, options) -> list[Path]:
    """The world figures of a run, on the text's claim test graph at the states' level."""
    text = text_graph_for(dataset, settings).graph
    return world_figures_for(
        dataset, layers, stage, focus=settings.focus, text=text, seed=options.seed
    )


def measures_for(
    views: Mapping[str, nx.Graph], *, n_jobs: int | None = 1
) -> dict[str, pd.DataFrame]:
    """The measures table of each view (``n_jobs`` threads for the shortest-path passes).

    Examples
    --------
    >>> ms = measures_for(networks.build_views(io.load_dataset()))
    >>> ms["states"]["betweenness"].idxmax()
    'azerbaijan'
    """
    return {name: actor_measures(G, n_jobs=n_jobs) for name, G in views.items()}


def source_facts(dataset: io.Dataset) -> dict:
    """What the report's caveats need to know of the data: text or events, inferred ties."""
    inferred = int((dataset.edges["stated"] == "inferred").sum())
    return {"source": "text" if dataset.article is not None else "events", "inferred": inferred}


def final_paths(stage: Path, out: Path, paths: Mapping[str, list[Path]]) -> dict[str, list[Path]]:
    """The paths written into the staged folder, as they stand in the output folder."""
    return {k: [Path(out) / p.relative_to(stage) for p in ps] for k, ps in paths.items()}


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
            fig_paths = world_figures(dataset, layers, stage, settings, options)
        md = report.world_markdown(
            layers,
            focus_label=label,
            level=1,
            figures={report.figure_caption(p.name): p.name for p in fig_paths},
            glossary=True,
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
    return Run(None, final_paths(stage, out, written), settings, world=layers)


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
        views = networks.build_views(dataset)
        result = claim_for(dataset, settings, options=options, views=views)
        tables = measures_for({result.view: views[result.view]}, n_jobs=options.n_jobs)
        tables[result.view] = report.with_tested(tables[result.view], result)
        written = {"tables": report.write_measures(tables, stage)}
        written["report"] = report.write_report(
            result,
            stage,
            statement=settings.statement,
            paragraph=settings.paragraph,
            inputs=dataset.paths,
            checksums=dataset.checksums,
            **source_facts(dataset),
            view_measures=tables[result.view],
        )
    return Run(result, final_paths(stage, out, written), settings)


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

    Without ``settings``, the dataset's claim; a dataset with none gets the
    figures that need no claim (networks, measures, blocs). A figure left out
    for want of data (the bloc figure of data without blocs) is named in
    ``Run.notes``.

    Returns
    -------
    Run
    """
    if settings is None and has_claim(dataset):
        settings = claim_settings(dataset)
    if settings is None:
        which = tuple(k for k in which if k in ("network", "measures", "blocs"))
    out = check_output_folder(out, dataset)
    views = networks.build_views(dataset)
    result = None
    if settings is not None and {"measures", "null", "blocs"} & set(which):
        result = claim_for(dataset, settings, options=options, views=views)
    view = settings.view if settings is not None else "actors"
    with staged_dir(out, command="graph.pipeline.run_plot") as stage:
        paths = figures_for(
            views,
            measures_for(views, n_jobs=options.n_jobs),
            stage,
            focus=settings.focus if settings is not None else None,
            view=view,
            result=result,
            which=which,
            network_views=network_views,
            seed=options.seed,
        )
    left_out = figures_left_out(views, view=view, result=result, which=which)
    notes = tuple(f"{name} not drawn: {why}" for name, why in left_out.items())
    return Run(result, final_paths(stage, out, {"figures": paths}), settings, notes=notes)


def run_export(
    dataset: io.Dataset,
    out: str | Path,
    *,
    views: tuple[str, ...] = networks.VIEWS,
    formats: tuple[str, ...] = report.EXPORT_FORMATS,
) -> Run:
    """Write the chosen views in the chosen formats (see :func:`graph.report.write_network_files`).

    Returns
    -------
    Run
    """
    out = check_output_folder(out, dataset)
    graphs = networks.build_views(dataset)
    with staged_dir(out, command="graph.pipeline.run_export") as stage:
        chosen = {v: graphs[v] for v in views}
        paths = report.write_network_files(
            graphs, measures_for(chosen), stage, views=views, formats=formats
        )
    return Run(None, final_paths(stage, out, {"exports": paths}))
