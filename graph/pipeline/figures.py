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

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from graph import io, networks, report, world
from graph.claims import ClaimResult
from graph.report.markdown import WORLD_FIGURES
from graph.sizes import Size, above

__all__ = [
    "FIGURES",
    "FIGURE_KINDS",
    "WORLD_FIGURES",
    "figures_for",
    "figures_left_out",
    "world_figures_for",
]

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

    A view above the size rule :data:`graph.sizes.WHOLE_FIGURE` is drawn as a summary: the
    network figure shows the :data:`SUMMARY_TOP` most central actors and the
    focus with its :data:`SUMMARY_CONTACTS` most central contacts (the title
    says so), the ego figure the focus with those contacts, and the bloc
    figure the blocs of the whole view without the focus's shares (which
    would need every shortest path).
    """
    import matplotlib.pyplot as plt

    from graph import plot

    tested = result is not None  # the claim's figures draw the graph it was tested on
    c = _Figures(
        views,
        measures,
        focus,
        view,
        result,
        seed,
        palette=plot.bloc_palette(*views.values()),  # a bloc keeps its colour in every figure
        note=report.note_as_tested(result) if tested else None,
        # the focus's numbers in the tested graph and in the view, each named, in every title
        numbers="\n".join(report.focus_line(result, measures.get(result.view)).split("; "))
        if tested
        else None,
    )
    if network_views is None:
        network_views = tuple(dict.fromkeys(("full", view, "states")))
    jobs = _network_jobs(c, network_views) if "network" in which else {}
    jobs |= _claim_jobs(c, which)
    jobs |= _bloc_job(c, which)
    if "ego" in which and not plot.ego_repeats_view(views[view], focus):
        big = above(Size.of(views[view]), "WHOLE_FIGURE")
        ego = _drawable(views[view], measures[view], focus, view, top=0)[0] if big else views[view]
        jobs["ego.png"] = lambda ax: plot.draw_ego(
            ego, focus, measures=measures[view], seed=seed, ax=ax, palette=c.palette,
            note=c.numbers,
        )  # fmt: skip
    written = []
    for name, draw in jobs.items():
        fig = draw(None).figure
        try:
            written.append(plot.save_figure(fig, Path(out) / name))
        finally:
            plt.close(fig)
    return written


@dataclass(frozen=True)
class _Figures:
    """What every figure of a run shares: the views, the claim, the palette and title lines."""

    views: Mapping[str, nx.Graph]
    measures: Mapping[str, pd.DataFrame]
    focus: str | None
    view: str
    result: ClaimResult | None
    seed: int
    palette: Mapping[str, str]
    note: str | None
    numbers: str | None

    @property
    def tested(self) -> bool:
        """The figures draw the graph the claim was tested on."""
        return self.result is not None


def _network_jobs(c: _Figures, network_views) -> dict:
    """One network figure per view (a summary above the size rule)."""
    from graph import plot

    jobs = {}
    for v in network_views:
        f = c.focus if c.focus in c.views[v] else None
        G, title = _drawable(c.views[v], c.measures[v], f, v)
        extra = c.numbers if c.tested and v == c.result.view else None
        jobs[f"network_{v}.png"] = lambda ax, G=G, v=v, f=f, t=title, n=extra: (
            plot.draw_network(
                G, measures=c.measures[v], focus=f, seed=c.seed, ax=ax, palette=c.palette,
                title=t, note=n,
            )
        )  # fmt: skip
    return jobs


def _claim_jobs(c: _Figures, which) -> dict:
    """Betweenness against degree (with the null's band) and the null distribution."""
    from graph import plot

    jobs = {}
    if "measures" in which:
        jobs["measures.png"] = lambda ax: plot.draw_degree_betweenness(
            c.result.measures if c.tested else c.measures[c.view],
            focus=c.focus,
            null=_worded(c.result.null) if c.tested else None,
            view=c.view,
            tested=c.tested,
            note=f"{c.note}\n{c.numbers}" if c.tested else None,
            palette=c.palette,
            ax=ax,
        )
    if "null" in which and c.tested:
        jobs["null.png"] = lambda ax: plot.draw_null_distribution(
            _worded(c.result.null),
            label=c.result.focus_label,
            view=c.view,
            tested=True,
            note=c.numbers,
            ax=ax,
        )
    return jobs


def _bloc_job(c: _Figures, which) -> dict:
    """The bloc figure: the sides apart when no path joins them, else the blocs' shares."""
    from graph import plot

    if "blocs" not in which:
        return {}
    views, view, result = c.views, c.view, c.result
    big = above(Size.of(views[view]), "WHOLE_FIGURE")
    if c.tested and not big and plot.sides_unjoined(result):
        return {"blocs.png": lambda ax: _sides_apart(views[view], result, c.note, c.seed, ax)}
    if figures_left_out(views, view=view, result=result, which=which):
        return {}
    # at scale: the blocs of the whole view, without the focus's shares
    drawn = plot.graph_as_tested(views[view], result) if c.tested else views[view]
    return {
        "blocs.png": lambda ax: plot.draw_bloc_graph(
            drawn,
            focus=None if big else c.focus,
            blocs=plot.blocs_as_tested(drawn, result) if c.tested else "bloc",  # the test's own
            side_pairs=plot.claim_side_pairs(views[view], result) if c.tested and not big else None,
            palette=c.palette,
            note=c.note,
            tested=c.tested,
            ax=ax,
        )
    }


def _has_bloc(G: nx.Graph) -> bool:
    return any(b is not None and b == b and str(b).strip() for _, b in G.nodes(data="bloc"))


def figures_left_out(
    views: Mapping[str, nx.Graph],
    *,
    view: str = "states",
    result: ClaimResult | None = None,
    which: tuple[str, ...] = FIGURE_KINDS,
) -> dict[str, str]:
    """The figures :func:`figures_for` leaves out for want of data: file name -> why.

    The bloc figure draws named blocs (or, for a claim, the pairs of its
    sides); data with no bloc at all (a folder with only ``edges.csv``) has
    none to draw, and the figure is left out rather than drawn empty.

    Examples
    --------
    >>> figures_left_out({"actors": nx.path_graph(3)}, view="actors")
    {'blocs.png': 'no node has a bloc (give nodes.csv with a bloc column to draw it)'}
    """
    if "blocs" not in which or view not in views:
        return {}
    if _has_bloc(views[view]):
        return {}
    small = not above(Size.of(views[view]), "WHOLE_FIGURE")
    if result is not None and small and result.parameters.get("between"):
        return {}  # the claim's sides are drawn, blocs or not
    return {"blocs.png": "no node has a bloc (give nodes.csv with a bloc column to draw it)"}


#: A view above :data:`graph.sizes.WHOLE_FIGURE` is drawn as a summary (see
#: :func:`figures_for`): it draws the focus's strongest contacts (by betweenness, then
#: degree) ...
SUMMARY_CONTACTS = 40
#: ... and the most central actors of the view (by betweenness).
SUMMARY_TOP = 40


def _worded(test):
    """The null test as a figure shows it: its reason (a code in the result) in words."""
    if test is None or not test.reason:
        return test
    return dataclasses.replace(test, reason=report.null_reason_words(test))


def _drawable(G: nx.Graph, measures: pd.DataFrame, focus, view: str, *, top: int = SUMMARY_TOP):
    """The graph a figure draws, and its title (None: the default): the whole view, or a summary.

    Above :data:`graph.sizes.WHOLE_FIGURE`: the subgraph induced by the focus, its
    :data:`SUMMARY_CONTACTS` most central contacts and the view's ``top`` most
    central actors, titled as a summary.
    """
    if not above(Size.of(G), "WHOLE_FIGURE"):
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
    from graph.plot import induced

    H = induced(G, keep)  # in G's order: the same picture on every run
    name = G.nodes[focus].get("label") or focus if focus is not None and focus in G else focus
    about = f", {name}'s {SUMMARY_CONTACTS} most central contacts" if focus is not None else ""
    title = (
        f"{view} view, summary: the {top} most central actors{about} "
        f"({H.number_of_nodes()} of {G.number_of_nodes()} nodes)"
    )
    return H, title


def _sides_apart(G: nx.Graph, result: ClaimResult, note, seed, ax):
    """The bloc figure when no path joins the claim's sides: what comes closest instead."""
    from graph import plot

    H, side_of = plot.closest_connection(G, result)
    between = result.parameters.get("between_labels") or result.parameters.get("between")
    names = [str(b) for b in between]
    sides = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    tested, view = report.tested.graph_names(result)
    return plot.draw_sides_apart(
        H, result.focus, side_of, sides=sides, tested=tested, view=view, note=note,
        seed=seed, ax=ax,
    )  # fmt: skip


def world_figures_for(
    dataset: io.Dataset,
    layers: Mapping[str, world.WorldLayer],
    out: str | Path,
    *,
    focus: str,
    text=None,
    seed: int = 0,
) -> list[Path]:
    """Draw and save the world figures (:data:`WORLD_FIGURES`); return the paths written.

    ``world_networks.png``: the text's states beside each layer, each state in
    the same place (:func:`graph.plot.draw_world_layers`); ``world_bypass.png``:
    per pair of sides, the share of connected pairs of states that only the
    focus connects (:func:`graph.plot.draw_world_bypass`). ``layers`` come from
    :func:`world_for`; ``text`` is the text's test graph at the states' level
    (:func:`graph.world.text_test_graph`, its channels). The same inputs and
    seed give byte-identical PNGs.
    """
    import matplotlib.pyplot as plt

    from graph import plot

    text, graphs, sides = plot.world_panels(dataset, layers, focus=focus, text=text)
    try:  # the other figures' colours where a side is one of the text's blocs
        palette = plot.bloc_palette(*networks.build_views(dataset).values())
    except ValueError:  # more blocs than colours: the sides take the palette in order
        palette = None
    names = {k: report.LAYER_NAMES.get(k, k) for k in layers}
    positions = None
    votes = next((w for w in layers.values() if w.kind == "positions" and w.test is not None), None)
    if votes is not None:
        positions = (
            f"{names[votes.layer]}, {report.years_words(votes.period)}",
            votes.test,
            world.ideal_points(votes.period[1]),
            votes.side_labels,
            list(votes.test.overlap),
        )
    with_ties = {k: w for k, w in layers.items() if w.graph is not None}
    draw = {
        WORLD_FIGURES[0]: lambda: plot.draw_world_layers(
            text, {names[k]: G for k, G in graphs.items()}, focus, sides=sides, seed=seed,
            palette=palette, positions=positions,
            subtitles={names[k]: report.KIND_SHORT[w.kind] for k, w in layers.items()},
        ),
        WORLD_FIGURES[1]: lambda: plot.draw_world_bypass(
            {names[k]: w for k, w in with_ties.items()}
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
