"""Readable, deterministic figures of actor networks and of claim tests.

Every ``draw_*`` function draws on a matplotlib ``Axes`` (pass ``ax=`` or get a
new figure of a sensible size), returns that ``Axes`` and never shows or saves
anything: :func:`save_figure` writes a figure, byte-identically for the same
inputs. The figures compute no measures of their own: sizes and shares come
from :mod:`graph.measures`.

- :mod:`~graph.plot.network`: :func:`draw_network`, :func:`draw_ego` (and
  :func:`ego_repeats_view`: whether the ego figure would repeat the view);
- :mod:`~graph.plot.charts`: :func:`draw_degree_betweenness` (every actor's
  betweenness against its degree, with the null model's band for the focus),
  :func:`draw_null_distribution`; :mod:`~graph.plot.bars`: :func:`draw_measure_bars`;
- :mod:`~graph.plot.blocgraph`: :func:`draw_bloc_graph` (named sides, a bloc
  graph, or a matrix of bloc pairs), :func:`draw_sides_apart` (sides no path
  joins, and what comes closest);
- :mod:`~graph.plot.claimview`: the graph a claim was tested on
  (:func:`graph_as_tested`), its blocs and sides as tested, its named sides' shares
  (:func:`claim_side_pairs`) (the title line saying what it leaves out is
  :func:`graph.report.note_as_tested`);
- :mod:`~graph.plot.style` (colors, markers), :mod:`~graph.plot.layout`,
  :mod:`~graph.plot.labels` (placement), :mod:`~graph.plot.legends`,
  :mod:`~graph.plot.canvas` (sizes, :func:`save_figure`);
- :mod:`~graph.plot.world`: :func:`draw_world_layers`, the text's network
  beside each world layer, each state in the same place
  (:func:`world_positions`), on the graphs of :func:`world_panels`, and
  :mod:`~graph.plot.positions` (:func:`draw_positions`): the positions layer
  on its line;
- :mod:`~graph.plot.bypass`: :func:`draw_world_bypass`, per pair of sides,
  the share of connected pairs of states that only the focus connects, in
  the text and in each world layer.

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> from graph.plot import draw_network
>>> ax = draw_network(nx.path_graph(3))
>>> print(ax.get_title(loc="left"))
Network: nodes sized by betweenness (share of shortest paths through them)
3 nodes, 2 ties
>>> plt.close(ax.figure)
"""

import importlib

# Each public name and its module, imported on first use (PEP 562): the
# exports and the report need the layout, style and marker rules of this
# package but not matplotlib's axes, which take about a second to import.
_WHERE = {
    "draw_measure_bars": "bars",
    "draw_bloc_graph": "blocgraph",
    "draw_sides_apart": "blocgraph",
    "draw_world_bypass": "bypass",
    "figure_size_for": "canvas",
    "save_figure": "canvas",
    "draw_degree_betweenness": "charts",
    "draw_null_distribution": "charts",
    "blocs_as_tested": "claimview",
    "claim_side_pairs": "claimview",
    "closest_connection": "claimview",
    "graph_as_tested": "claimview",
    "induced": "claimview",
    "sides_as_tested": "claimview",
    "sides_unjoined": "claimview",
    "draw_ego": "network",
    "draw_network": "network",
    "ego_repeats_view": "network",
    "draw_positions": "positions",
    "BLOC_PALETTE": "style",
    "NO_BLOC_COLOR": "style",
    "TYPE_MARKERS": "style",
    "bloc_palette": "style",
    "draw_world_layers": "world",
    "world_panels": "world",
    "world_positions": "worldplaces",
}


def __getattr__(name: str):
    """A public name, from its module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module 'graph.plot' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"graph.plot.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "BLOC_PALETTE",
    "NO_BLOC_COLOR",
    "TYPE_MARKERS",
    "bloc_palette",
    "draw_network",
    "draw_ego",
    "draw_sides_apart",
    "ego_repeats_view",
    "draw_bloc_graph",
    "draw_degree_betweenness",
    "draw_measure_bars",
    "draw_null_distribution",
    "graph_as_tested",
    "blocs_as_tested",
    "sides_as_tested",
    "claim_side_pairs",
    "sides_unjoined",
    "closest_connection",
    "induced",
    "figure_size_for",
    "save_figure",
    "draw_world_layers",
    "draw_positions",
    "draw_world_bypass",
    "world_panels",
    "world_positions",
]
