"""Per-actor measures of centrality, structural holes and brokerage between blocs.

The public API: :func:`actor_measures` (the whole table, on a chosen engine),
:func:`eigenvector`, :func:`fragmentation`, :func:`bloc_pair_betweenness` and
:func:`bloc_pair_shares`, :func:`side_pair_shares`. Where each part lives:

- :mod:`~graph.measures.table`: the table and the choice of engine;
- :mod:`~graph.measures.reference`: the networkx engine (the reference);
- :mod:`~graph.measures.igraph_engine`: the igraph engine;
- :mod:`~graph.measures.kernels`: the compiled (numba) engine;
- :mod:`~graph.measures.triangles`, :mod:`~graph.measures.trianglekernels`: sums over
  triangles (listed, or walked one at a time, compiled);
- :mod:`~graph.measures.estimates`: normalizing and estimating path sums;
- :mod:`~graph.measures.structural`: eigenvector, Burt's holes, fragmentation;
- :mod:`~graph.measures.focus`: one actor's betweenness from sampled pairs (the
  null models' statistic on large graphs).

Every function accepts any networkx graph (``Graph``, ``DiGraph``,
``MultiGraph``, ``MultiDiGraph``), folded first by :func:`graph.fold.fold`;
the caller's graph is never modified. Blocs follow :mod:`graph.blocs`.

Examples
--------
>>> import networkx as nx
>>> from graph.measures import actor_measures
>>> G = nx.path_graph(3)
>>> actor_measures(G)[["degree", "betweenness", "fragmentation"]]
       degree  betweenness  fragmentation
actor
0           1          0.0       0.666667
1           2          1.0       1.000000
2           1          0.0       0.666667
"""

from graph.measures.igraph_engine import bloc_pair_betweenness
from graph.measures.reference import bloc_pair_shares, side_pair_shares
from graph.measures.structural import eigenvector, fragmentation
from graph.measures.table import (
    APPROX_SOURCES,
    BACKENDS,
    MEASURES,
    actor_measures,
)

__all__ = [
    "MEASURES",
    "BACKENDS",
    "APPROX_SOURCES",
    "actor_measures",
    "eigenvector",
    "fragmentation",
    "bloc_pair_betweenness",
    "bloc_pair_shares",
    "side_pair_shares",
]
