"""Readable, deterministic figures of actor networks and of claim tests.

Every ``draw_*`` function draws on a matplotlib ``Axes`` (pass ``ax=`` or get a
new figure of a sensible size), returns that ``Axes`` and never shows or saves
anything: :func:`save_figure` writes a figure, byte-identically for the same
inputs. The figures compute no measures of their own: sizes and shares come
from :mod:`graph.measures`.

- :mod:`~graph.plot.network`: :func:`draw_network`, :func:`draw_ego`;
- :mod:`~graph.plot.charts`: :func:`draw_measure_bars`, :func:`draw_null_distribution`;
- :mod:`~graph.plot.blocgraph`: :func:`draw_bloc_graph`;
- :mod:`~graph.plot.style` (colors, markers), :mod:`~graph.plot.layout`,
  :mod:`~graph.plot.labels` (placement), :mod:`~graph.plot.legends`,
  :mod:`~graph.plot.canvas` (sizes, :func:`save_figure`).

Examples
--------
>>> import networkx as nx
>>> import matplotlib.pyplot as plt
>>> from graph.plot import draw_network
>>> ax = draw_network(nx.path_graph(3))
>>> ax.get_title(loc="left")
'Network · 3 nodes, 2 ties'
>>> plt.close(ax.figure)
"""

from graph.plot.blocgraph import draw_bloc_graph
from graph.plot.canvas import figure_size_for, save_figure
from graph.plot.charts import draw_measure_bars, draw_null_distribution
from graph.plot.network import draw_ego, draw_network
from graph.plot.style import BLOC_PALETTE, NO_BLOC_COLOR, TYPE_MARKERS

__all__ = [
    "BLOC_PALETTE",
    "NO_BLOC_COLOR",
    "TYPE_MARKERS",
    "draw_network",
    "draw_ego",
    "draw_bloc_graph",
    "draw_measure_bars",
    "draw_null_distribution",
    "figure_size_for",
    "save_figure",
]
