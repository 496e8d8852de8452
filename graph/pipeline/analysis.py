"""The full analysis of a dataset into a folder: :func:`run_analysis` and its steps.

It computes once (:class:`_Analysis`: the views, the claim test, the world
layers, the measures) and then writes each kind of file in its own step:
tables, figures, exports and the explorer, the world's tables, the report.
Everything is written into a staged folder that takes the place of the
output folder at the end, so that an interrupted run leaves nothing behind.

Examples
--------
>>> import tempfile
>>> from graph import io
>>> from graph.claims import ClaimOptions
>>> tmp = tempfile.TemporaryDirectory()
>>> run = run_analysis(io.load_dataset(), tmp.name + "/out", world_options=None,
...                    options=ClaimOptions(samples=49, progress=False), exports=False,
...                    figures=False)
>>> run.result.verdict
'not testable from this source'
>>> tmp.cleanup()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import io, memory, networks, report, sizes, world
from graph.claims import ClaimResult
from graph.files import staged_dir, write_csv
from graph.pipeline.figures import FIGURE_KINDS, figures_for, figures_left_out
from graph.pipeline.runs import (
    Run,
    claim_for,
    final_paths,
    measures_for,
    source_facts,
    world_figures,
    world_for,
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

__all__ = ["CENTRALITY", "run_analysis"]


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
    world_options, notes, world_note = _world_checked(dataset, settings, world_options)
    with staged_dir(
        out, command="graph.pipeline.run_analysis"
    ) as stage:  # from the start: an interrupted run leaves nothing behind
        views = networks.build_views(dataset)
        with memory.long_lived():  # the dataset and its views, kept to the end
            a = _analysed(dataset, views, settings, options, world_options)
            written: dict[str, list[Path]] = {"tables": _write_tables(a.measures, stage)}
            fig_paths: list[Path] = []
            if figures:
                fig_paths = written["figures"] = _write_figures(a, stage)
            if exports:
                written["exports"] = _write_exports(a, stage)
            if a.layers is not None:
                written["tables"] += report.write_world_tables(a.layers, stage)
            written["report"] = _write_report(a, stage, fig_paths, world_note)
    notes += a.said
    # reference counting frees the views on return, and the tested graph with the result
    # (10^6 ties: 1.4 s, against the collector's full pass of 15 s whenever it came)
    tested = [] if a.result is None or a.result.graph is None else [a.result.graph]
    memory.without_cached_views(*views.values(), *tested)
    return Run(
        a.result, final_paths(stage, out, written), settings, world=a.layers, notes=tuple(notes)
    )


@dataclass
class _Analysis:
    """What :func:`run_analysis` computed, for the steps that write it.

    ``said``: what the report's notes add to the dataset's (figures left
    out, views not exported), in the order the steps said it.
    """

    dataset: io.Dataset
    settings: ClaimSettings | None
    options: ClaimOptions
    views: dict
    measures: dict
    result: ClaimResult | None
    layers: dict | None
    said: list[str] = field(default_factory=list)

    @property
    def focus(self):
        """The claim's focus (None: no claim)."""
        return self.result.focus if self.result is not None else None


def _world_checked(
    dataset, settings, world_options
) -> tuple[WorldOptions | None, list, str | None]:
    """The world options a run keeps (None: no world layer), its first notes, and why not."""
    if settings is None:
        return None, [report.NO_CLAIM], None
    if world_options is None:
        return None, [], None
    wo = world_options
    world.check_world_options(wo.layers, year=wo.year, period=wo.period, scope=wo.scope)
    problems = world.focus_problems(dataset, settings.focus)
    if problems:
        world_note = f"the world layer tests states with a code: {problems[0]}"
        return None, [f"world layer skipped: {world_note}"], world_note
    return world_options, [], None


def _analysed(dataset, views, settings, options, world_options) -> _Analysis:
    """The claim test, the world layers and the measures of a run of these views."""
    result = None
    if settings is not None:
        result = claim_for(dataset, settings, options=options, views=views)
        memory.release_freed()  # its variants' graphs: 0.2 GB kept by the allocator at 10^6 ties
    layers = None
    if world_options is not None:
        layers = world_for(dataset, settings, world_options=world_options, options=options)
    # the claim measured its own test graph; the tables describe each view as built,
    # the claim's view with the tested graph's numbers beside its own, named
    measures = measures_for(views, n_jobs=options.n_jobs)
    memory.release_freed()
    if result is not None:
        measures[result.view] = report.with_tested(measures[result.view], result)
    return _Analysis(dataset, settings, options, views, measures, result, layers)


def _write_tables(measures: Mapping[str, pd.DataFrame], stage: Path) -> list[Path]:
    """``centrality.csv`` and ``measures_<view>.csv``."""
    central = pd.concat(
        {name: m[[c for c in CENTRALITY if c in m]] for name, m in measures.items()},
        names=["view", "actor"],
    )
    return [
        write_csv(central, stage / "centrality.csv", index_ids=True),
        *report.write_measures(measures, stage),
    ]


def _write_figures(a: _Analysis, stage: Path) -> list[Path]:
    """The figures (and the world's), and a note for each figure left out."""
    memory.release_freed()  # drawing a view of 10^6 ties takes 0.25 GB in passing
    kinds = FIGURE_KINDS if a.result is not None else ("network", "measures", "blocs")
    fig_view = a.result.view if a.result is not None else "actors"
    paths = figures_for(
        a.views,
        a.measures,
        stage,
        focus=a.focus,
        view=fig_view,
        result=a.result,
        which=kinds,
        seed=a.options.seed,
    )
    for name, why in figures_left_out(a.views, view=fig_view, result=a.result, which=kinds).items():
        a.said.append(f"{name} not drawn: {why}")
    if a.layers is not None:
        paths += world_figures(a.dataset, a.layers, stage, a.settings, a.options)
    return paths


def _write_exports(a: _Analysis, stage: Path) -> list[Path]:
    """Every view small enough in every format, and the explorer; a note on those left out."""
    big = [n for n, G in a.views.items() if above(Size.of(G), "EXPORTED")]
    if big:
        a.said.append(_not_exported(a.views, big))
    exported = tuple(n for n in a.views if n not in big)
    looks = report.view_drawings(a.views, a.measures, exported, seed=a.options.seed)
    written = report.write_network_files(
        a.views,
        a.measures,
        stage,
        views=exported,
        formats=tuple(f for f in report.EXPORT_FORMATS if f != "html"),
        focus=a.focus,
        seed=a.options.seed,
        drawings=looks,
    )
    # the explorer, with the claim's headline and a link to the report
    claim = (
        report.explorer_no_claim()
        if a.result is None
        else report.explorer_claim(
            a.result, a.measures[a.result.view], statement=a.settings.statement
        )
    )
    page = report.write_views_explorer(
        a.views,
        a.measures,
        stage / "network.html",
        views=exported,
        focus=a.focus,
        seed=a.options.seed,
        claim=claim,
        drawings=looks,
    )
    return written + ([page] if page is not None else [])


def _write_report(a: _Analysis, stage: Path, fig_paths, world_note) -> list[Path]:
    """``report.md`` and ``report.json`` (an overview without a claim)."""
    view = a.result.view if a.result is not None else "actors"
    captions = {
        report.figure_caption(p.name, result=a.result, view=view): p.name for p in fig_paths
    }
    notes = [*a.dataset.notes, *a.said]
    if a.result is None:
        return report.write_overview(
            a.views,
            a.measures,
            stage,
            figures=captions,
            inputs=a.dataset.paths,
            checksums=a.dataset.checksums,
            notes=notes,
        )
    counts = {
        n: {"nodes": G.number_of_nodes(), "edges": sizes.tie_count(G)} for n, G in a.views.items()
    }
    return report.write_report(
        a.result,
        stage,
        statement=a.settings.statement,
        paragraph=a.settings.paragraph,
        figures=captions,
        inputs=a.dataset.paths,
        checksums=a.dataset.checksums,
        **source_facts(a.dataset),
        extra={"views": counts, "notes": notes},
        world=a.layers,
        world_note=world_note,
        views=a.views,
        view_measures=a.measures[a.result.view],
        measures=a.measures,
    )


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
    listed = ", ".join(f"{n} ({sizes.tie_count(views[n]):,} ties)" for n in big)
    flags = " ".join(f"--view {n}" for n in big)
    return (
        f"not exported: {listed}, as every view whose nodes times ties exceed "
        f"{sizes.EXPORTED:,} (its files take "
        f"minutes to write); `actor-graph export {flags} --format csv` writes them"
    )
