r"""Null models and Monte Carlo tests against them.

- :mod:`~graph.nulls.samplers`: :func:`rewire` (degree-preserving double-edge
  swaps), :func:`gnm` (a G(n, m) graph of the same size) and
  :func:`permute_blocs` (the same graph, bloc labels shuffled), in networkx;
- :mod:`~graph.nulls.twomode`: the two-mode null of a view that folds events;
- :mod:`~graph.nulls.engine`: the same models drawn and evaluated on igraph,
  for the built-in statistics;
- :mod:`~graph.nulls.montecarlo`: :func:`null_test` (and :func:`null_tests`,
  several statistics on one ensemble), p-value, z-score;
- :mod:`~graph.nulls.ensemble`: drawing the ensemble: seeded chunks, workers,
  sequential stopping;
- :mod:`~graph.nulls.scale`: the size rule (:func:`at_scale`) and the methods
  of large graphs: statistics from sampled pairs, compiled swap chains
  (:mod:`~graph.nulls.swaps`);
- :mod:`~graph.nulls.result`: :class:`NullTest`, the numbers of one test.

Null models work on the unweighted topology (:func:`graph.fold.topology`):
edge attributes are dropped and node attributes kept, for the observed value
and for every sample alike.

Examples
--------
>>> import networkx as nx
>>> from graph.nulls import null_test
>>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
>>> res = null_test(G, ("betweenness", 2), samples=50, seed=0, progress=False)
>>> res.n, res.testable, round(res.observed, 3)
(50, True, 0.267)
"""

from graph.nulls.montecarlo import ALTERNATIVES, NULLS, null_test, null_tests
from graph.nulls.result import NullTest
from graph.nulls.samplers import SWAPS_PER_EDGE, gnm, permute_blocs, rewire
from graph.nulls.scale import SCALE_PAIRS, at_scale
from graph.nulls.twomode import rewire_two_mode, two_mode_arrays, two_mode_of

__all__ = [
    "NULLS",
    "ALTERNATIVES",
    "NullTest",
    "null_test",
    "null_tests",
    "rewire",
    "rewire_two_mode",
    "two_mode_of",
    "two_mode_arrays",
    "SCALE_PAIRS",
    "SWAPS_PER_EDGE",
    "at_scale",
    "gnm",
    "permute_blocs",
]
