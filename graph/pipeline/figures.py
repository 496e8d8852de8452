"""The figures a run draws: which, of which graph, in which file, byte for byte the same.

:func:`figures_for` draws the network views and the claim's figures
(:data:`FIGURES`); :func:`world_figures_for` the world layer's
(:data:`WORLD_FIGURES`). Both save through the atomic writer, and the same
inputs and seed give byte-identical PNGs.

Examples
--------
>>> FIGURE_KINDS
('network', 'measures', 'null', 'blocs', 'ego')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import build, io, report, world
from graph.claims import ClaimResult
from graph.report.markdown import WORLD_FIGURES

__all__ = ["FIGURES", "FIGURE_KINDS", "WORLD_FIGURES", "figures_for", "world_figures_for"]

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


def figures_for(
    views: Mapping[str, nx.Graph],
    measures: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    focus: str | None,
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
