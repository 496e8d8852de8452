"""The steps of an analysis and the runs that write them: from a dataset to files in a folder.

:func:`claim_for`, :func:`world_for` and :func:`measures_for` are the
steps, usable on their own (the figures are in :mod:`graph.pipeline.figures`); each ``run_*``
function does one job from a loaded dataset to files in an output folder and
returns a :class:`Run`: the result it computed and the paths it wrote.

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

from graph import io, networks, report, sizes, world
from graph.claims import ClaimResult, assess_bridge_claim
from graph.claims.plan import world_samples
from graph.errors import DataError
from graph.files import atomic_write_text, staged_dir, write_csv
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
from graph.sizes import Size, above

__all__ = [
    "Run",
    "claim_for",
    "world_for",
    "text_graph_for",
    "measures_for",
    "run_analysis",
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


def _world_figures(dataset, layers, stage, settings, options) -> list[Path]:
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
    A view above the size rule :data:`graph.sizes.EXPORTED` is not exported
    (``Run.notes`` says so and gives the ``export`` command that writes it).

    With ``world_options`` (the default), the claim is also tested on the
    world layers (:func:`world_for`): the report gains "The claim in the
    world", and ``world_ties.csv`` and ``world_omitted.csv`` are written. A
    focus that is not a state with a code skips that part, and
    ``Run.notes`` says why; ``world_options=None`` skips it always.

    Without ``settings``, the claim is the dataset's (``analysis.toml``); a
    dataset with none gets everything that needs no claim (tables, figures,
    exports, and a report of the views and who is central), and
    ``Run.notes`` says that no claim was tested and how to ask for one
    (what the data lacked is in ``dataset.notes``).

    Returns
    -------
    Run
    """
    if settings is None and has_claim(dataset):
        settings = claim_settings(dataset)
    out = check_output_folder(out, dataset)
    notes: list[str] = []
    world_note = None
    if settings is None:
        notes.append(report.NO_CLAIM)
        world_options = None
    elif world_options is not None:
        wo = world_options
        world.check_world_options(wo.layers, year=wo.year, period=wo.period, scope=wo.scope)
        problems = world.focus_problems(dataset, settings.focus)
        if problems:
            world_note = f"the world layer tests states with a code: {problems[0]}"
            notes.append(f"world layer skipped: {world_note}")
            world_options = None
    with staged_dir(
        out, command="graph.pipeline.run_analysis"
    ) as stage:  # from the start: an interrupted run leaves nothing behind
        views = networks.build_views(dataset)
        result = None
        if settings is not None:
            result = claim_for(dataset, settings, options=options, views=views)
        layers = None
        if world_options is not None:
            layers = world_for(dataset, settings, world_options=world_options, options=options)
        # the claim measured its own test graph; the tables describe each view as built,
        # the claim's view with the tested graph's numbers beside its own, named
        measures = measures_for(views, n_jobs=options.n_jobs)
        if result is not None:
            measures[result.view] = report.with_tested(measures[result.view], result)
        written: dict[str, list[Path]] = {}
        said: list[str] = []  # what the report's notes add to the dataset's
        central = pd.concat(
            {name: m[[c for c in CENTRALITY if c in m]] for name, m in measures.items()},
            names=["view", "actor"],
        )
        written["tables"] = [write_csv(central, stage / "centrality.csv", index_ids=True)]
        written["tables"] += report.write_measures(measures, stage)
        focus = result.focus if result is not None else None
        fig_paths: list[Path] = []
        if figures:
            kinds = FIGURE_KINDS if result is not None else ("network", "measures", "blocs")
            fig_view = result.view if result is not None else "actors"
            fig_paths = figures_for(
                views,
                measures,
                stage,
                focus=focus,
                view=fig_view,
                result=result,
                which=kinds,
                seed=options.seed,
            )
            for name, why in figures_left_out(
                views, view=fig_view, result=result, which=kinds
            ).items():
                said.append(f"{name} not drawn: {why}")
                notes.append(said[-1])
            if layers is not None:
                fig_paths += _world_figures(dataset, layers, stage, settings, options)
            written["figures"] = fig_paths
        if exports:
            big = [n for n, G in views.items() if above(Size.of(G), "EXPORTED")]
            if big:
                said.append(_not_exported(views, big))
                notes.append(said[-1])
            exported = tuple(n for n in views if n not in big)
            written["exports"] = report.write_network_files(
                views,
                measures,
                stage,
                views=exported,
                formats=tuple(f for f in report.EXPORT_FORMATS if f != "html"),
                focus=focus,
                seed=options.seed,
            )
            # the explorer, with the claim's headline and a link to the report
            page = report.write_views_explorer(
                views,
                measures,
                stage / "network.html",
                views=exported,
                focus=focus,
                seed=options.seed,
                claim=report.explorer_no_claim()
                if result is None
                else report.explorer_claim(
                    result, measures[result.view], statement=settings.statement
                ),
            )
            written["exports"] += [page] if page is not None else []
        if layers is not None:
            written["tables"] += report.write_world_tables(layers, stage)
        captions = {
            report.figure_caption(
                p.name, result=result, view=result.view if result is not None else "actors"
            ): p.name
            for p in fig_paths
        }
        if result is None:
            written["report"] = report.write_overview(
                views,
                measures,
                stage,
                figures=captions,
                inputs=dataset.paths,
                checksums=dataset.checksums,
                notes=[*dataset.notes, *said],
            )
        else:
            written["report"] = report.write_report(
                result,
                stage,
                statement=settings.statement,
                paragraph=settings.paragraph,
                figures=captions,
                inputs=dataset.paths,
                checksums=dataset.checksums,
                **_source_facts(dataset),
                extra={
                    "views": {
                        n: {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
                        for n, G in views.items()
                    },
                    "notes": [*dataset.notes, *said],
                },
                world=layers,
                world_note=world_note,
                views=views,
                view_measures=measures[result.view],
            )
    return Run(result, _final(stage, out, written), settings, world=layers, notes=tuple(notes))


#: The columns of ``centrality.csv``: degree and betweenness of every view, and of the
#: claim's tested graph beside its view's (:mod:`graph.report.tested`).
CENTRALITY: tuple[str, ...] = (
    "label",
    "type",
    "bloc",
    "degree",
    "betweenness",
    "degree" + report.TESTED_SUFFIX,
    "betweenness" + report.TESTED_SUFFIX,
)


def _not_exported(views: Mapping[str, nx.Graph], big: list[str]) -> str:
    """The note that says which views were not exported, and how to export them."""
    listed = ", ".join(f"{n} ({views[n].number_of_edges():,} ties)" for n in big)
    flags = " ".join(f"--view {n}" for n in big)
    return (
        f"not exported: {listed}, as every view whose nodes times ties exceed "
        f"{sizes.EXPORTED:,} (its files take "
        f"minutes to write); `actor-graph export {flags} --format csv` writes them"
    )


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
            fig_paths = _world_figures(dataset, layers, stage, settings, options)
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
            **_source_facts(dataset),
            view_measures=tables[result.view],
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
    return Run(result, _final(stage, out, {"figures": paths}), settings, notes=notes)


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
    return Run(None, _final(stage, out, {"exports": paths}))
